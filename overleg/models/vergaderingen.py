"""Meetings: date, place, status, attendance, papers, and the claims of the meeting cycle."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lea.models import Agenda, Persoon
from overleg.models.organen import Overlegorgaan

MAX_STUK_BYTES = 20 * 1024 * 1024
STUK_SOORTEN = {
    ".pdf",
    ".docx",
    ".doc",
    ".xlsx",
    ".xls",
    ".pptx",
    ".odt",
    ".ods",
    ".odp",
    ".txt",
    ".csv",
    ".png",
    ".jpg",
    ".jpeg",
}


class VergaderStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    AGENDA_VERZONDEN = "agenda_verzonden", "Agenda verzonden"
    GEHOUDEN = "gehouden", "Gehouden"
    VASTGESTELD = "vastgesteld", "Verslag vastgesteld"
    GEANNULEERD = "geannuleerd", "Geannuleerd"


class VergaderingQuerySet(models.QuerySet["Vergadering"]):
    def actief(self) -> "VergaderingQuerySet":
        """Not cancelled."""
        return self.exclude(status=VergaderStatus.GEANNULEERD)


class Vergadering(models.Model):
    """A meeting of a body."""

    orgaan = models.ForeignKey(
        Overlegorgaan, on_delete=models.CASCADE, related_name="vergaderingen"
    )
    begin = models.DateTimeField("datum en tijd")
    eind = models.DateTimeField("tot")
    locatie = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=20, choices=VergaderStatus.choices, default=VergaderStatus.CONCEPT
    )
    # Set by the planner: which meeting of which year this is. A meeting the secretary moved
    # or cancelled keeps its key, so re-planning never recreates it.
    planjaar = models.PositiveSmallIntegerField(null=True, blank=True)
    plannummer = models.PositiveSmallIntegerField(null=True, blank=True)
    verslag = models.TextField("algemeen verslag", blank=True)
    # Claims of the cycle's tasks: set once by a conditional update, so nothing runs twice.
    voortgang_gevraagd_op = models.DateTimeField(null=True, blank=True)
    # The secretary asked to send the agenda now; until it is sent, the daily run retries it.
    agenda_gevraagd_op = models.DateTimeField(null=True, blank=True)
    agenda_verstuurd_op = models.DateTimeField(null=True, blank=True)
    # Which version of the agenda is (to be) sent: a deliberate resend raises it, with a reason
    # that goes into the mail; each member gets each version once.
    agenda_versie = models.PositiveSmallIntegerField("versie van de agenda", default=1)
    agenda_reden = models.TextField("reden van opnieuw versturen", blank=True)
    # Why the last run could not send the agenda (a missing paper, no addresses), for the page.
    agenda_fout = models.TextField(blank=True)
    verslag_herinnerd_op = models.DateTimeField(null=True, blank=True)
    actiepunten_doorgezet_op = models.DateTimeField(null=True, blank=True)

    objects = VergaderingQuerySet.as_manager()
    # The cycle's claims are bookkeeping of the tasks, not changes a person made.
    history = HistoricalRecords(
        excluded_fields=[
            "voortgang_gevraagd_op",
            "agenda_gevraagd_op",
            "agenda_verstuurd_op",
            "agenda_fout",
            "verslag_herinnerd_op",
            "actiepunten_doorgezet_op",
        ]
    )

    class Meta:
        verbose_name = "vergadering"
        verbose_name_plural = "vergaderingen"
        ordering = ("begin",)
        constraints = (
            models.UniqueConstraint(
                fields=["orgaan", "planjaar", "plannummer"], name="vergadering_een_per_planplek"
            ),
            models.CheckConstraint(
                condition=models.Q(begin__lt=models.F("eind")),
                name="vergadering_begin_voor_eind",
                violation_error_message="De vergadering eindigt voordat ze begint.",
            ),
        )
        indexes = (
            # The cycle's daily scans: meetings in a window of dates, per status.
            models.Index(fields=["begin", "status"], name="vergadering_begin_status"),
            # Newest first with a tie-break (the admin's list): meetings of many bodies share
            # their begin, and sorting by `begin` alone read every tie before the page.
            models.Index(fields=["begin", "id"], name="vergadering_begin_id"),
        )

    def __str__(self) -> str:
        return f"{self.orgaan} {timezone.localtime(self.begin):%d-%m-%Y}"

    @property
    def agenda(self) -> Agenda:
        return self.orgaan.agenda


class Aanwezigheid(models.Model):
    """Whether a member was present, or absent with notice."""

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="aanwezigheid"
    )
    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="+")
    aanwezig = models.BooleanField(default=True)
    afgemeld = models.BooleanField("afgemeld met bericht", default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "aanwezigheid"
        verbose_name_plural = "aanwezigheid"
        constraints = (
            models.UniqueConstraint(fields=["vergadering", "persoon"], name="aanwezig_een_keer"),
        )

    def __str__(self) -> str:
        return f"{self.persoon}: {self.stand}"

    @property
    def stand(self) -> str:
        if self.aanwezig:
            return "aanwezig"
        return "afgemeld" if self.afgemeld else "afwezig"


def _stuk_pad(stuk: "Stuk", naam: str) -> str:
    return f"stukken/{stuk.vergadering.orgaan.agenda.slug}/{stuk.vergadering_id}/{naam}"


def valideer_stuk(bestand: File) -> None:
    if bestand.size > MAX_STUK_BYTES:
        raise ValidationError(
            f"Dit bestand is {bestand.size / 1024 / 1024:.1f} MB; de grens is "
            f"{MAX_STUK_BYTES // 1024 // 1024} MB."
        )
    if Path(bestand.name or "").suffix.lower() not in STUK_SOORTEN:
        toegestaan = ", ".join(sorted(s.lstrip(".") for s in STUK_SOORTEN))
        raise ValidationError(f"Dit soort bestand kan niet worden toegevoegd (wel: {toegestaan}).")


class Stuk(models.Model):
    """A paper for a meeting (uploaded file)."""

    vergadering = models.ForeignKey(Vergadering, on_delete=models.CASCADE, related_name="stukken")
    titel = models.CharField(max_length=300)
    bestand = models.FileField(upload_to=_stuk_pad, validators=[valideer_stuk])
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    toegevoegd = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "vergaderstuk"
        verbose_name_plural = "vergaderstukken"
        ordering = ("toegevoegd",)

    def __str__(self) -> str:
        return self.titel


class VerzendSoort(models.TextChoices):
    """What a Verzending sent."""

    AGENDA = "agenda", "Agenda met stukken en uitnodiging"


class VerzendStatus(models.TextChoices):
    WACHT = "wacht", "Wacht op verzending"
    BEZIG = "bezig", "Wordt verstuurd"
    VERZONDEN = "verzonden", "Verzonden"
    MISLUKT = "mislukt", "Mislukt"


class Verzending(models.Model):
    """One message of the cycle to one address, per version of the agenda.

    Claimed as "bezig" (with the moment) just before sending and marked "verzonden" only after
    the mail server took it: a crash in between leaves "bezig", which a later run retries once
    it is stale. A failed send is recorded with its reason; after MAX_POGINGEN it is "mislukt".
    """

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="verzendingen"
    )
    soort = models.CharField(max_length=30, choices=VerzendSoort.choices)
    versie = models.PositiveSmallIntegerField(default=1)
    email = models.EmailField()
    status = models.CharField(
        max_length=20, choices=VerzendStatus.choices, default=VerzendStatus.WACHT
    )
    bezig_sinds = models.DateTimeField(null=True, blank=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    laatste_fout = models.TextField(blank=True)

    class Meta:
        verbose_name = "verzending"
        verbose_name_plural = "verzendingen"
        constraints = (
            models.UniqueConstraint(
                fields=["vergadering", "soort", "versie", "email"], name="verzending_een_keer"
            ),
        )

    def __str__(self) -> str:
        return f"{self.soort} {self.vergadering} v{self.versie} → {self.email}"
