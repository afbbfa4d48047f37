"""The werkgroep: who carries a part of the agenda, and its history."""

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

from ambities.models import Knoop
from lea.models import Agenda, Organisatie, Persoon, zelfde_agenda


class Historie(HistoricalRecords):
    """History that records a many-to-many change only when the set really changed: Django
    signals an `add` of members already there too, with an empty pk_set (the demo command
    adds its chair to the werkgroep on every run)."""

    def m2m_changed(
        self, instance: Any, action: str, attr: Any, pk_set: Any, reverse: Any, **kwargs: Any
    ) -> None:
        if action in ("post_add", "post_remove") and not pk_set:
            return
        super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)


# Kept by name so that werkgroepen.services can record a new werkgroep with its sets at once.
WERKGROEP_HISTORIE = Historie(
    excluded_fields=["volgorde"], m2m_fields=["knopen", "leden", "organisaties"]
)


class WerkgroepQuerySet(models.QuerySet["Werkgroep"]):
    def actief(self) -> "WerkgroepQuerySet":
        """Not archived: what lists and choices offer."""
        return self.filter(gearchiveerd=False)


class Werkgroep(models.Model):
    """A working group: carries the actions of one or more nodes of the goal tree."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="werkgroepen")
    naam = models.CharField(max_length=200)
    knopen = models.ManyToManyField(
        Knoop, blank=True, related_name="werkgroepen", verbose_name="werkt aan"
    )
    voorzitter = models.ForeignKey(
        Persoon, on_delete=models.SET_NULL, null=True, blank=True, related_name="voorzitterschappen"
    )
    voorzitter_tekst = models.CharField(
        "voorzitter (zoals beschreven)",
        max_length=300,
        blank=True,
        help_text="Bv. ‘vanuit het onderwijs’ zolang er geen persoon is benoemd.",
    )
    eindverantwoordelijke = models.ForeignKey(
        Organisatie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="eindverantwoordelijk_voor",
        verbose_name="eindverantwoordelijke partij",
    )
    eindverantwoordelijke_tekst = models.CharField(
        "eindverantwoordelijke (zoals beschreven)", max_length=300, blank=True
    )
    leden = models.ManyToManyField(Persoon, blank=True, related_name="werkgroepen")
    organisaties = models.ManyToManyField(
        Organisatie, blank=True, related_name="werkgroepen", verbose_name="deelnemende organisaties"
    )
    omschrijving = models.TextField("opdracht en werkwijze", blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    gearchiveerd = models.BooleanField(default=False)

    objects = WerkgroepQuerySet.as_manager()
    history = WERKGROEP_HISTORIE

    class Meta:
        verbose_name = "werkgroep"
        verbose_name_plural = "werkgroepen"
        ordering = ("agenda", "volgorde", "naam")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "naam"],
                name="werkgroep_naam_uniek_per_agenda",
                violation_error_message="Deze agenda heeft al een werkgroep met deze naam.",
            ),
        )

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        """A werkgroep's chair and responsible party belong to its own agenda (the M2M sets
        are checked by werkgroepen.services.werkgroepen, which sets them)."""
        zelfde_agenda(
            self.agenda_id,
            voorzitter=self.voorzitter,
            eindverantwoordelijke=self.eindverantwoordelijke,
        )
