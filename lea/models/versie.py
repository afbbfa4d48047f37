"""An agenda's version: one number per agenda, raised after every committed change to anything
in it (monitoring/versie.py follows the models). Pages that are expensive to make are cached
per agenda and version (lea/paginacache.py), so the next request after a change makes them anew
and no one sees a page older than their own last change."""

from django.db import models

from lea.models.kern import Agenda


class Agendaversie(models.Model):
    """The version of one agenda's content; only ever raised in the database
    (lea.services.versie.agenda_gewijzigd), never saved from a row read earlier."""

    agenda = models.OneToOneField(
        Agenda, on_delete=models.CASCADE, primary_key=True, related_name="inhoudsversie"
    )
    versie = models.PositiveBigIntegerField(default=1)
    gewijzigd_op = models.DateTimeField("gewijzigd op", auto_now_add=True)

    class Meta:
        verbose_name = "agendaversie"
        verbose_name_plural = "agendaversies"

    def __str__(self) -> str:
        return f"versie {self.versie} van agenda {self.agenda_id}"
