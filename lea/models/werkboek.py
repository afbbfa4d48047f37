"""An uploaded Excel workbook, kept with its preview until it is applied or discarded."""

from django.conf import settings
from django.db import models

from lea.models.kern import Agenda


class ImportStatus(models.TextChoices):
    CONTROLEREN = "controleren", "Wordt gecontroleerd"
    VOORBEELD = "voorbeeld", "Voorbeeld klaar"
    TOEPASSEN = "toepassen", "Wordt toegepast"
    TOEGEPAST = "toegepast", "Toegepast"
    VERWORPEN = "verworpen", "Verworpen"
    MISLUKT = "mislukt", "Niet te lezen"


class Werkboekimport(models.Model):
    """An uploaded Excel workbook, kept with its preview until it is applied or discarded.

    The file itself is kept (it is read again, inside the apply's transaction), so what is
    applied is exactly what was checked; `vingerafdruk` is the digest of the preview shown.
    """

    agenda = models.ForeignKey(Agenda, on_delete=models.CASCADE, related_name="werkboekimports")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    bestandsnaam = models.CharField(max_length=200)
    inhoud = models.BinaryField(editable=False)
    # A werkgroep chair's import: only the progress of this werkgroep (its id; the core does
    # not know the werkgroep model).
    werkgroep_id = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=ImportStatus.choices, default=ImportStatus.CONTROLEREN
    )
    voortgang = models.PositiveSmallIntegerField("gecontroleerd (%)", default=0)
    voorbeeld = models.JSONField(null=True, blank=True, editable=False)
    vingerafdruk = models.CharField(max_length=64, blank=True)
    melding = models.TextField(blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    afgehandeld_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "import uit Excel"
        verbose_name_plural = "imports uit Excel"
        ordering = ("-aangemaakt", "-pk")

    def __str__(self) -> str:
        return f"{self.bestandsnaam} ({self.get_status_display().lower()})"

    @property
    def open(self) -> bool:
        """Still waiting for a decision: being checked, or its preview shown."""
        return self.status in (ImportStatus.CONTROLEREN, ImportStatus.VOORBEELD)
