"""Agenda items with their minutes, decisions and action points."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from ambities.models import Knoop
from lea.models import Agenda, Persoon
from overleg.models.organen import Soort
from overleg.models.vergaderingen import Vergadering, VergaderStatus
from overleg.models.wettelijk import WettelijkOnderwerp
from werkgroepen.models import Actie


class PuntSoort(models.TextChoices):
    BESLUITVORMING = "besluitvorming", "Ter besluitvorming"
    BESPREKING = "bespreking", "Ter bespreking"
    INFORMATIE = "informatie", "Ter informatie"


class PuntStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", "Voorgesteld"
    GEACCEPTEERD = "geaccepteerd", "Op de agenda"
    AFGEWEZEN = "afgewezen", "Afgewezen"


class AgendapuntQuerySet(models.QuerySet["Agendapunt"]):
    """The domain's words for a set of agenda items."""

    def stuurgroep(self, *, agenda: Agenda, jaar: int) -> "AgendapuntQuerySet":
        """Accepted items on the not-cancelled stuurgroep meetings of `agenda` in `jaar`: where
        the bestuurlijk overleg discusses (or will discuss) the statutory topics that year."""
        return self.filter(
            vergadering__orgaan__agenda=agenda,
            vergadering__orgaan__soort=Soort.STUURGROEP,
            vergadering__begin__year=jaar,
            status=PuntStatus.GEACCEPTEERD,
        ).exclude(vergadering__status=VergaderStatus.GEANNULEERD)


class Agendapunt(models.Model):
    """An item on (or proposed for) a meeting's agenda."""

    vergadering = models.ForeignKey(Vergadering, on_delete=models.CASCADE, related_name="punten")
    volgorde = models.PositiveSmallIntegerField(default=0)
    titel = models.CharField(max_length=300)
    soort = models.CharField(max_length=20, choices=PuntSoort.choices, default=PuntSoort.BESPREKING)
    toelichting = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=PuntStatus.choices, default=PuntStatus.VOORGESTELD
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reden_afwijzing = models.TextField(blank=True)
    knopen = models.ManyToManyField(Knoop, blank=True, related_name="agendapunten")
    acties = models.ManyToManyField(Actie, blank=True, related_name="agendapunten")
    onderwerpen = models.ManyToManyField(
        WettelijkOnderwerp,
        blank=True,
        related_name="agendapunten",
        verbose_name="wettelijke onderwerpen",
    )
    # An open action point carried over from an earlier meeting.
    actiepunt = models.ForeignKey(
        "overleg.Actiepunt", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notulen = models.TextField(blank=True)

    objects = AgendapuntQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["volgorde"])

    class Meta:
        verbose_name = "agendapunt"
        verbose_name_plural = "agendapunten"
        ordering = ("vergadering", "volgorde", "pk")
        constraints = (
            models.UniqueConstraint(
                fields=["vergadering", "actiepunt"], name="actiepunt_een_keer_per_vergadering"
            ),
        )

    def __str__(self) -> str:
        return self.titel


class Besluit(models.Model):
    """A decision taken on an agenda item."""

    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="besluiten")
    tekst = models.TextField()
    aangemaakt = models.DateTimeField(auto_now_add=True)
    openbaar = models.BooleanField(
        "openbaar", default=False, help_text="Toon dit besluit in de openbare weergave."
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        ordering = ("agendapunt__vergadering__begin", "pk")

    def __str__(self) -> str:
        return self.tekst[:80]


class ActiepuntStatus(models.TextChoices):
    OPEN = "open", "Open"
    AFGEROND = "afgerond", "Afgerond"
    VERVALLEN = "vervallen", "Vervallen"


class Actiepunt(models.Model):
    """An action point from a meeting: who does what by when. Can become an agenda action."""

    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="actiepunten")
    omschrijving = models.TextField()
    eigenaar = models.ForeignKey(
        Persoon, on_delete=models.SET_NULL, null=True, blank=True, related_name="actiepunten"
    )
    eigenaar_tekst = models.CharField("eigenaar (zoals genoteerd)", max_length=200, blank=True)
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=ActiepuntStatus.choices, default=ActiepuntStatus.OPEN
    )
    actie = models.ForeignKey(
        Actie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actiepunten",
        help_text="De actie in de agenda die uit dit actiepunt is gemaakt.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "actiepunt"
        verbose_name_plural = "actiepunten"
        ordering = ("deadline", "pk")

    def __str__(self) -> str:
        return self.omschrijving[:80]

    @property
    def wie(self) -> str:
        return str(self.eigenaar) if self.eigenaar else self.eigenaar_tekst
