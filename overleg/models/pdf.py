"""A meeting's agenda or minutes as PDF, made by the worker and kept until the meeting changes."""

import datetime

from django.db import models
from django.utils import timezone

from lea.models import Opdracht
from overleg.models.vergaderingen import Vergadering


class DocumentSoort(models.TextChoices):
    """Which document of a meeting (the name in its address: agenda.pdf, verslag.pdf)."""

    AGENDA = "agenda", "Agenda"
    VERSLAG = "verslag", "Verslag"


class DocumentStatus(models.TextChoices):
    WACHT = "wacht", "In de wachtrij"
    BEZIG = "bezig", "Wordt gemaakt"
    KLAAR = "klaar", "Klaar"
    MISLUKT = "mislukt", "Mislukt"


# A document waiting or in the making this long was lost (the task's hard limit is 6 minutes,
# and beat hands over a row the broker refused every minute): the next request queues it again.
DOCUMENT_TERMIJN = datetime.timedelta(minutes=15)


def _document_pad(document: "Vergaderdocument", naam: str) -> str:
    return f"vergaderdocumenten/{document.vergadering_id}/{naam}"


class Vergaderdocument(models.Model):
    """The agenda or minutes of a meeting as PDF, laid out from HTML with this hash.

    The hash is of the HTML the PDF is laid out from, built cheaply in the request: a stored PDF
    with the current hash is the current document. One row per meeting, kind and hash, so a
    second request while the first waits queues nothing.
    """

    vergadering = models.ForeignKey(
        Vergadering, on_delete=models.CASCADE, related_name="documenten"
    )
    soort = models.CharField(max_length=10, choices=DocumentSoort.choices)
    inhoud_hash = models.CharField("hash van de inhoud", max_length=64)
    status = models.CharField(
        max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.WACHT
    )
    bestand = models.FileField(upload_to=_document_pad, blank=True, max_length=255)
    opdracht = models.ForeignKey(
        Opdracht, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangevraagd = models.DateTimeField(auto_now_add=True)
    # When the status last changed: waiting or in the making longer than DOCUMENT_TERMIJN is lost.
    status_sinds = models.DateTimeField(default=timezone.now)
    klaar_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)

    class Meta:
        verbose_name = "vergaderdocument (pdf)"
        verbose_name_plural = "vergaderdocumenten (pdf)"
        ordering = ("-aangevraagd", "-pk")
        constraints = (
            # The claim: at most one document (and one job) per meeting, kind and content.
            models.UniqueConstraint(
                fields=["vergadering", "soort", "inhoud_hash"], name="vergaderdocument_uniek"
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.vergadering} ({self.get_status_display()})"

    def verlopen(self, nu: datetime.datetime | None = None) -> bool:
        """Still waiting or in the making after DOCUMENT_TERMIJN."""
        return self.status in (DocumentStatus.WACHT, DocumentStatus.BEZIG) and (
            self.status_sinds < (nu or timezone.now()) - DOCUMENT_TERMIJN
        )
