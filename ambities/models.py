"""The goal tree: level-1 and level-2 nodes with their choices and intended results."""

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from lea.models import Agenda

CODE_BIJ_BROER = (
    "Er staat al een knoop met deze code op deze plaats in de doelenboom; "
    "kies een andere code of laat de code leeg."
)


class KnoopQuerySet(models.QuerySet):
    def actief(self) -> "KnoopQuerySet":
        return self.filter(gearchiveerd=False)

    def niveau1(self) -> "KnoopQuerySet":
        return self.filter(niveau=1)


class Knoop(models.Model):
    """A node of an agenda's goal tree: an ambitie (level 1) or a speerpunt/doel (level 2).

    The names of the levels are the agenda's (Agenda.niveau1_naam / niveau2_naam).
    """

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="knopen")
    niveau = models.PositiveSmallIntegerField(choices=[(1, "niveau 1"), (2, "niveau 2")])
    ouder = models.ForeignKey(
        "self", on_delete=models.RESTRICT, null=True, blank=True, related_name="kinderen"
    )
    code = models.CharField(max_length=20, blank=True, help_text="Zoals in het document, bv. ‘B’.")
    titel = models.CharField(max_length=500)
    omschrijving = models.TextField(blank=True)
    context = models.TextField("wat er speelt", blank=True)
    volgorde = models.PositiveIntegerField(default=0)
    gearchiveerd = models.BooleanField(default=False)

    objects = KnoopQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["volgorde"])

    class Meta:
        verbose_name = "knoop in de doelenboom"
        verbose_name_plural = "knopen in de doelenboom"
        ordering = ("agenda", "volgorde", "pk")
        constraints = (
            models.CheckConstraint(
                condition=(Q(niveau=1) & Q(ouder__isnull=True))
                | (Q(niveau=2) & Q(ouder__isnull=False)),
                name="knoop_niveau_past_bij_ouder",
                violation_error_message="Een knoop op niveau 1 heeft geen ouder; "
                "een knoop op niveau 2 wel.",
            ),
            # A code is unique among its active siblings: the same agenda and the same parent.
            # Two constraints, because a NULL parent (level 1) never collides in a unique index.
            # Empty codes may repeat; an archived node leaves its code free.
            models.UniqueConstraint(
                fields=["agenda", "code"],
                condition=Q(ouder__isnull=True, gearchiveerd=False) & ~Q(code=""),
                name="knoop_code_uniek_op_niveau1",
                violation_error_message=CODE_BIJ_BROER,
            ),
            models.UniqueConstraint(
                fields=["ouder", "code"],
                condition=Q(ouder__isnull=False, gearchiveerd=False) & ~Q(code=""),
                name="knoop_code_uniek_onder_ouder",
                violation_error_message=CODE_BIJ_BROER,
            ),
        )
        indexes = (
            # The tree of one agenda, in document order (overview, exports).
            models.Index(fields=["agenda", "volgorde"], name="knoop_agenda_volgorde"),
        )

    def __str__(self) -> str:
        return f"{self.code}. {self.titel}" if self.code else self.titel

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        broers = Knoop.objects.filter(
            agenda_id=self.agenda_id, ouder_id=self.ouder_id, code=self.code, gearchiveerd=False
        ).exclude(pk=self.pk)
        if self.code and not self.gearchiveerd and self.agenda_id and broers.exists():
            raise ValidationError({"code": CODE_BIJ_BROER})
        if self.ouder is None:
            return
        if self.ouder.agenda_id != self.agenda_id:
            raise ValidationError({"ouder": "De bovenliggende knoop hoort bij een andere agenda."})
        if self.ouder.niveau != 1:
            raise ValidationError({"ouder": "De bovenliggende knoop moet op niveau 1 staan."})

    @property
    def niveau_naam(self) -> str:
        return self.agenda.niveau1_naam if self.niveau == 1 else self.agenda.niveau2_naam


class BestuurlijkeKeuze(models.Model):
    """A numbered strategic choice made for a node ("om dit waar te maken kiezen we ...")."""

    knoop = models.ForeignKey(Knoop, on_delete=models.CASCADE, related_name="keuzes")
    nummer = models.PositiveIntegerField()
    tekst = models.TextField()

    class Meta:
        verbose_name = "bestuurlijke keuze"
        verbose_name_plural = "bestuurlijke keuzes"
        ordering = ("knoop", "nummer")
        constraints = (
            models.UniqueConstraint(
                fields=["knoop", "nummer"], name="keuze_nummer_uniek_per_knoop"
            ),
        )

    def __str__(self) -> str:
        return f"{self.nummer}. {self.tekst[:80]}"


class BeoogdResultaat(models.Model):
    """An intended result at the end of the period, optionally with its indicator text."""

    knoop = models.ForeignKey(Knoop, on_delete=models.CASCADE, related_name="resultaten")
    nummer = models.PositiveIntegerField()
    tekst = models.TextField()
    indicator = models.TextField(blank=True)

    class Meta:
        verbose_name = "beoogd resultaat"
        verbose_name_plural = "beoogde resultaten"
        ordering = ("knoop", "nummer")
        constraints = (
            models.UniqueConstraint(
                fields=["knoop", "nummer"], name="resultaat_nummer_uniek_per_knoop"
            ),
        )

    def __str__(self) -> str:
        return f"{self.nummer}. {self.tekst[:80]}"
