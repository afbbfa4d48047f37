"""An agenda's public view: whether it is published, since when, and how much of the budget it
shows (the view itself: /openbaar/<slug>/)."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from lea.models.kern import Agenda


class BegrotingOpenbaar(models.TextChoices):
    """How much of the budget a published agenda shows to the public."""

    GEEN = "geen", "Niet tonen"
    NIVEAU1 = "niveau1", "Totalen per onderdeel van niveau 1"
    REGEL = "regel", "Per begrotingsregel"


class Publicatie(models.Model):
    """An agenda's public view at /openbaar/<slug>/: on from `gepubliceerd_op` until it is
    withdrawn (`ingetrokken_op`); one row per agenda, kept with its history."""

    agenda = models.OneToOneField(Agenda, on_delete=models.CASCADE, related_name="publicatie")
    gepubliceerd_op = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    gepubliceerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    toon_begroting = models.CharField(
        "begroting in de openbare weergave",
        max_length=10,
        choices=BegrotingOpenbaar.choices,
        default=BegrotingOpenbaar.GEEN,
    )
    inleiding = models.TextField(
        "inleiding voor het publiek",
        blank=True,
        help_text="Een korte uitleg in eenvoudige taal bovenaan de openbare pagina.",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = "publicatie"
        verbose_name_plural = "publicaties"

    def __str__(self) -> str:
        return f"publicatie van {self.agenda}"

    @property
    def openbaar(self) -> bool:
        """Published and not withdrawn since."""
        return self.gepubliceerd_op is not None and (
            self.ingetrokken_op is None or self.ingetrokken_op < self.gepubliceerd_op
        )
