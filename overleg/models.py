"""Governance bodies of an agenda (meetings follow in a later part)."""

from django.db import models

from lea.models import Agenda, Organisatie
from werkgroepen.models import Werkgroep


class Soort(models.TextChoices):
    STUURGROEP = "stuurgroep", "Stuurgroep / bestuurlijk overleg"
    DIRECTEURENOVERLEG = "directeurenoverleg", "Directeurenoverleg"
    WERKGROEP = "werkgroep", "Werkgroep"
    AGENDACOMMISSIE = "agendacommissie", "Agendacommissie"
    REGIEGROEP = "regiegroep", "Regiegroep"
    VOORZITTERSOVERLEG = "voorzittersoverleg", "Overleg van werkgroepvoorzitters"
    OVERIG = "overig", "Overig"


class Overlegorgaan(models.Model):
    """A body that steers or prepares the agenda in meetings (stuurgroep, regiegroep, ...)."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="overlegorganen")
    naam = models.CharField(max_length=200)
    soort = models.CharField(max_length=20, choices=Soort.choices, default=Soort.OVERIG)
    # A body of kind "werkgroep" is that werkgroep, not a second copy of it.
    werkgroep = models.OneToOneField(
        Werkgroep, on_delete=models.CASCADE, null=True, blank=True, related_name="overlegorgaan"
    )
    vergaderingen_per_jaar = models.PositiveSmallIntegerField(null=True, blank=True)
    frequentie_tekst = models.CharField("frequentie (zoals beschreven)", max_length=200, blank=True)
    voorzitter_tekst = models.CharField("voorzitter", max_length=300, blank=True)
    secretaris_tekst = models.CharField("secretaris", max_length=300, blank=True)
    samenstelling = models.TextField(blank=True)
    taken = models.TextField(blank=True, help_text="Eén taak per regel.")
    organisaties = models.ManyToManyField(Organisatie, blank=True, related_name="overlegorganen")
    volgorde = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "overlegorgaan"
        verbose_name_plural = "overlegorganen"
        ordering = ["agenda", "volgorde", "naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["agenda", "naam"],
                name="overlegorgaan_naam_uniek_per_agenda",
                violation_error_message="Deze agenda heeft al een overlegorgaan met deze naam.",
            ),
            models.CheckConstraint(
                condition=models.Q(vergaderingen_per_jaar__isnull=True)
                | models.Q(vergaderingen_per_jaar__lte=52),
                name="overlegorgaan_hoogstens_wekelijks",
                violation_error_message="Meer dan 52 vergaderingen per jaar is niet mogelijk.",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def takenlijst(self) -> list[str]:
        return [regel.lstrip("-▪• ").strip() for regel in self.taken.splitlines() if regel.strip()]
