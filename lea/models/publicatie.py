"""An agenda's public view: whether it is published, since when, and how much of the budget it
shows (the view itself: /openbaar/<slug>/)."""

from typing import Any

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
    # Raised after every committed change to what the public view shows (monitoring/versie.py);
    # the public pages are cached and their ETag made from it, so a change shows at once.
    versie = models.PositiveBigIntegerField(default=1, editable=False)
    inhoud_gewijzigd_op = models.DateTimeField(
        "inhoud gewijzigd op", null=True, blank=True, editable=False
    )

    history = HistoricalRecords(excluded_fields=["versie", "inhoud_gewijzigd_op"])

    class Meta:
        verbose_name = "publicatie"
        verbose_name_plural = "publicaties"

    def __str__(self) -> str:
        return f"publicatie van {self.agenda}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The version is only ever raised in the database (openbaar_gewijzigd): a save of a row
        # read earlier must not put an older number back.
        if self.pk and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in ("versie", "inhoud_gewijzigd_op")
            ]
        super().save(*args, **kwargs)

    @property
    def openbaar(self) -> bool:
        """Published and not withdrawn since."""
        return self.gepubliceerd_op is not None and (
            self.ingetrokken_op is None or self.ingetrokken_op < self.gepubliceerd_op
        )
