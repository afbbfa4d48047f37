"""Generated reports, kept as made: each making is a new version with its file, the date its
data stand on, who asked for it and when. And the status of the yearly statutory account."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lea.models import Agenda


class RapportSoort(models.TextChoices):
    JAARVERSLAG = "jaarverslag", "Jaarverslag voor de stuurgroep"
    JAARVERANTWOORDING = "jaarverantwoording", "Jaarverantwoording LEA en VVE"
    RAADSINFORMATIEBRIEF = "raadsinformatiebrief", "Raadsinformatiebrief"


class RapportStatus(models.TextChoices):
    WACHT = "wacht", "In de wachtrij"
    BEZIG = "bezig", "Wordt gemaakt"
    KLAAR = "klaar", "Klaar"
    MISLUKT = "mislukt", "Mislukt"


# How long a report may wait for the queue or be in the making before it counts as failed (the
# worker's hard time limit is 11 minutes, so a report "bezig" this long has been lost).
RAPPORT_TERMIJN = datetime.timedelta(minutes=30)


def stand_per_van(jaar: int, vandaag: datetime.date | None = None) -> datetime.date:
    """The date a report on `jaar` stands on: the year's end, or today while the year runs."""
    return min(datetime.date(jaar, 12, 31), vandaag or timezone.localdate())


def _rapport_pad(rapport: "Rapport", naam: str) -> str:
    return f"rapporten/{rapport.agenda.slug}/{naam}"


class Rapport(models.Model):
    """A report made from the data (PDF), one version of it, kept as made and never replaced."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="rapporten")
    soort = models.CharField(max_length=30, choices=RapportSoort.choices)
    jaar = models.PositiveSmallIntegerField()
    versie = models.PositiveSmallIntegerField(default=1)
    stand_per = models.DateField(
        "gegevens per", null=True, blank=True, help_text="De datum waarop de cijfers staan."
    )
    status = models.CharField(
        max_length=10, choices=RapportStatus.choices, default=RapportStatus.WACHT
    )
    bestand = models.FileField(upload_to=_rapport_pad, blank=True)
    paginas = models.PositiveSmallIntegerField(null=True, blank=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangevraagd = models.DateTimeField(auto_now_add=True)
    # When the status last changed: a report waiting or in the making since longer than
    # RAPPORT_TERMIJN has failed (rapporten_verlopen_markeer).
    status_sinds = models.DateTimeField(default=timezone.now)
    klaar_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)
    # Offered for download in the agenda's public view (/openbaar/) once it is made.
    openbaar = models.BooleanField(
        "openbaar", default=False, help_text="Bied dit rapport aan in de openbare weergave."
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporten"
        ordering = ("-aangevraagd", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["agenda", "soort", "jaar", "versie"], name="rapport_versie_uniek"
            ),
        )
        indexes = (
            # rapporten_verlopen_markeer: reports still waiting or in the making, oldest first.
            models.Index(fields=["status", "status_sinds"], name="rapport_status_sinds"),
        )

    def __str__(self) -> str:
        return (
            f"{self.get_soort_display()} {self.jaar} versie {self.versie} – {self.agenda.gemeente}"
        )

    @property
    def bestandsnaam(self) -> str:
        versie = f"-v{self.versie}" if self.versie > 1 else ""
        return f"{self.soort}-{self.agenda.slug}-{self.jaar}{versie}.pdf"

    def verlopen(self, nu: datetime.datetime | None = None) -> bool:
        """Still waiting or in the making after RAPPORT_TERMIJN."""
        return self.status in (RapportStatus.WACHT, RapportStatus.BEZIG) and (
            self.status_sinds < (nu or timezone.now()) - RAPPORT_TERMIJN
        )


class VerantwoordingStatus(models.TextChoices):
    CONCEPT = "concept", "Concept"
    VASTGESTELD = "vastgesteld", "Vastgesteld door het college"
    VERZONDEN = "verzonden", "Verzonden aan de Onderwijsinspectie"


class Verantwoording(models.Model):
    """The yearly statutory account over a calendar year: concept → vastgesteld → verzonden."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="verantwoordingen")
    jaar = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=20, choices=VerantwoordingStatus.choices, default=VerantwoordingStatus.CONCEPT
    )
    vastgesteld_op = models.DateField("vastgesteld door het college op", null=True, blank=True)
    kenmerk = models.CharField(
        "kenmerk collegebesluit",
        max_length=100,
        blank=True,
        help_text="Het kenmerk (nummer) van het besluit waarmee het college vaststelde.",
    )
    verzonden_op = models.DateField("verzonden op", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "jaarverantwoording"
        verbose_name_plural = "jaarverantwoordingen"
        constraints = (
            models.UniqueConstraint(fields=["agenda", "jaar"], name="verantwoording_een_per_jaar"),
            models.CheckConstraint(
                condition=~models.Q(status=VerantwoordingStatus.VASTGESTELD)
                | models.Q(vastgesteld_op__isnull=False),
                name="verantwoording_vastgesteld_met_datum",
                violation_error_message="Geef de datum waarop het college vaststelde.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=VerantwoordingStatus.VERZONDEN)
                | (models.Q(verzonden_op__isnull=False) & models.Q(vastgesteld_op__isnull=False)),
                name="verantwoording_verzonden_met_datum",
                violation_error_message="Geef de datum van vaststelling en van verzending.",
            ),
            models.CheckConstraint(
                condition=models.Q(verzonden_op__isnull=True)
                | models.Q(vastgesteld_op__isnull=True)
                | models.Q(verzonden_op__gte=models.F("vastgesteld_op")),
                name="verantwoording_verzonden_na_vaststelling",
                violation_error_message="Verzonden vóór de vaststelling kan niet.",
            ),
        )

    def __str__(self) -> str:
        return f"Jaarverantwoording {self.agenda.gemeente} {self.jaar}"

    def clean(self) -> None:
        """The rules of the form, the admin and the service alike (messages per field).

        Not a database constraint for the kenmerk: accounts adopted before the field existed
        have none, and the migration must not fail on them.
        """
        fouten: dict[str, str] = {}
        vandaag = timezone.localdate()
        vastgesteld, verzonden = self.vastgesteld_op, self.verzonden_op
        if self.status in (VerantwoordingStatus.VASTGESTELD, VerantwoordingStatus.VERZONDEN):
            if not vastgesteld:
                fouten["vastgesteld_op"] = "Geef de datum waarop het college vaststelde."
            if not self.kenmerk.strip():
                fouten["kenmerk"] = "Geef het kenmerk van het collegebesluit."
        if self.status == VerantwoordingStatus.VERZONDEN and not verzonden:
            fouten["verzonden_op"] = "Geef de datum van verzending."
        if vastgesteld and vastgesteld > vandaag:
            fouten["vastgesteld_op"] = "De datum van vaststelling ligt in de toekomst."
        elif vastgesteld and self.jaar and vastgesteld < datetime.date(self.jaar, 1, 1):
            fouten["vastgesteld_op"] = (
                f"Het college kan de verantwoording over {self.jaar} niet vóór {self.jaar} "
                "vaststellen."
            )
        if verzonden and verzonden > vandaag:
            fouten["verzonden_op"] = "De datum van verzending ligt in de toekomst."
        elif vastgesteld and verzonden and verzonden < vastgesteld:
            fouten["verzonden_op"] = "Verzonden vóór de vaststelling kan niet."
        if fouten:
            raise ValidationError(fouten)
