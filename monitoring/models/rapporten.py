"""Generated reports, kept with who made them, when and with what parameters."""

from django.conf import settings
from django.db import models

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


def _rapport_pad(rapport: "Rapport", naam: str) -> str:
    return f"rapporten/{rapport.agenda.slug}/{naam}"


class Rapport(models.Model):
    """A report made from the data (PDF), kept so it can be downloaded again."""

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="rapporten")
    soort = models.CharField(max_length=30, choices=RapportSoort.choices)
    jaar = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=RapportStatus.choices, default=RapportStatus.WACHT
    )
    bestand = models.FileField(upload_to=_rapport_pad, blank=True)
    paginas = models.PositiveSmallIntegerField(null=True, blank=True)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangevraagd = models.DateTimeField(auto_now_add=True)
    klaar_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)

    class Meta:
        verbose_name = "rapport"
        verbose_name_plural = "rapporten"
        ordering = ("-aangevraagd", "-pk")

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.jaar} – {self.agenda.gemeente}"

    @property
    def bestandsnaam(self) -> str:
        return f"{self.soort}-{self.agenda.slug}-{self.jaar}.pdf"


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
    verzonden_op = models.DateField("verzonden op", null=True, blank=True)

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
        )

    def __str__(self) -> str:
        return f"Jaarverantwoording {self.agenda.gemeente} {self.jaar}"
