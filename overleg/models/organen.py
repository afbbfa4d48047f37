"""Governance bodies of an agenda and their members."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from lea.models import Agenda, Organisatie, Persoon, zelfde_agenda
from werkgroepen.models import Werkgroep


class Soort(models.TextChoices):
    STUURGROEP = "stuurgroep", "Stuurgroep / bestuurlijk overleg"
    DIRECTEURENOVERLEG = "directeurenoverleg", "Directeurenoverleg"
    WERKGROEP = "werkgroep", "Werkgroep"
    AGENDACOMMISSIE = "agendacommissie", "Agendacommissie"
    REGIEGROEP = "regiegroep", "Regiegroep"
    VOORZITTERSOVERLEG = "voorzittersoverleg", "Overleg van werkgroepvoorzitters"
    OVERIG = "overig", "Overig"


WEEKDAGEN = [
    (0, "maandag"),
    (1, "dinsdag"),
    (2, "woensdag"),
    (3, "donderdag"),
    (4, "vrijdag"),
]


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
    # People, once known (the documents mostly describe roles: voorzitter_tekst).
    voorzitter = models.ForeignKey(
        Persoon, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    secretaris = models.ForeignKey(
        Persoon,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Bereidt de vergaderingen voor, verstuurt de agenda en maakt het verslag.",
    )
    # The meeting cycle: the planner makes concept meetings following these preferences.
    voorkeur_maanden = models.CharField(
        "voorkeursmaanden",
        max_length=40,
        blank=True,
        help_text="Maandnummers gescheiden door komma's, bv. ‘2,6,10’; leeg: gelijk verdeeld.",
    )
    voorkeur_weekdag = models.PositiveSmallIntegerField(
        "voorkeursweekdag", choices=WEEKDAGEN, default=1
    )
    voorkeur_tijd = models.TimeField("voorkeurstijd", default=datetime.time(15, 0))
    duur_minuten = models.PositiveSmallIntegerField("duur (minuten)", default=120)
    locatie = models.CharField("vaste locatie", max_length=200, blank=True)
    weken_voortgangsverzoek = models.PositiveSmallIntegerField(
        "voortgang opvragen (weken vooraf)",
        default=4,
        help_text="Zoveel weken voor een vergadering van de stuurgroep vragen we de "
        "werkgroepvoorzitters om voortgang.",
    )
    dagen_agenda = models.PositiveSmallIntegerField("agenda versturen (dagen vooraf)", default=7)
    dagen_verslagherinnering = models.PositiveSmallIntegerField(
        "herinnering verslag (dagen na)", default=3
    )
    # Archived rather than deleted: out of the lists and choices, and no longer planned.
    gearchiveerd = models.BooleanField(default=False)
    # The secret in the address of this body's calendar feed (.ics).
    ics_token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    # The feed's secret stays out of the history: an old address must not be readable there.
    history = HistoricalRecords(excluded_fields=["ics_token", "volgorde"])

    class Meta:
        verbose_name = "overlegorgaan"
        verbose_name_plural = "overlegorganen"
        ordering = ("agenda", "volgorde", "naam")
        constraints = (
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
        )

    def __str__(self) -> str:
        return self.naam

    def clean(self) -> None:
        """Its chair, secretary and werkgroep belong to its own agenda; the preferred months
        are month numbers, one per meeting."""
        zelfde_agenda(
            self.agenda_id,
            voorzitter=self.voorzitter,
            secretaris=self.secretaris,
            werkgroep=self.werkgroep,
        )
        try:
            maanden = self.maanden
        except ValueError:
            raise ValidationError(
                {"voorkeur_maanden": "Gebruik maandnummers 1 tot en met 12, met komma's ertussen."}
            ) from None
        if maanden and self.vergaderingen_per_jaar and len(maanden) != self.vergaderingen_per_jaar:
            raise ValidationError(
                {
                    "voorkeur_maanden": f"Geef {self.vergaderingen_per_jaar} maanden op, één per "
                    "vergadering, of laat het veld leeg."
                }
            )

    @property
    def maanden(self) -> list[int]:
        """The preferred months; ValueError when they are not 1-12."""
        maanden = [int(m) for m in self.voorkeur_maanden.replace(" ", "").split(",") if m]
        if any(not 1 <= m <= 12 for m in maanden):
            raise ValueError(maanden)
        return sorted(maanden)

    @property
    def is_stuurgroep(self) -> bool:
        return self.soort == Soort.STUURGROEP

    @property
    def takenlijst(self) -> list[str]:
        return [regel.lstrip("-▪• ").strip() for regel in self.taken.splitlines() if regel.strip()]


class Orgaanlid(models.Model):
    """A member of a body, for an organisation, with or without mandate."""

    orgaan = models.ForeignKey(Overlegorgaan, on_delete=models.CASCADE, related_name="leden")
    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="lidmaatschappen")
    organisatie = models.ForeignKey(
        Organisatie, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    mandaat = models.BooleanField("met mandaat", default=False)
    functie = models.CharField(
        "functie of rol", max_length=200, blank=True, help_text="Bijvoorbeeld ‘wethouder’."
    )
    # An ended membership stays (with its history), out of the body's member list and mailings.
    gearchiveerd = models.BooleanField("lidmaatschap beëindigd", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "lid van een overlegorgaan"
        verbose_name_plural = "leden van overlegorganen"
        ordering = ("orgaan", "persoon__naam")
        constraints = (
            models.UniqueConstraint(fields=["orgaan", "persoon"], name="orgaanlid_een_keer"),
        )

    def __str__(self) -> str:
        return f"{self.persoon} in {self.orgaan}"

    def clean(self) -> None:
        """The member and the organisation belong to the body's own agenda."""
        if not self.orgaan_id:
            return  # the admin's own validation reports the missing body
        agenda_id = self.orgaan.agenda_id
        zelfde_agenda(
            agenda_id,
            persoon=self.persoon if self.persoon_id else None,
            organisatie=self.organisatie,
        )
