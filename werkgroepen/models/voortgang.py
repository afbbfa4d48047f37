"""What is said of an action: its progress updates, comments, and the chair's report link."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lea.models import Opdracht
from werkgroepen.models.acties import AFGEROND_IS_100, VOORTGANG_VOLGORDE, Actie, Rag, Status
from werkgroepen.models.werkgroepen import Werkgroep


class VoortgangQuerySet(models.QuerySet["Voortgang"]):
    def laatste(self) -> "Voortgang | None":
        """The update an action follows: the latest report date, then the latest entered."""
        return self.order_by(*VOORTGANG_VOLGORDE).first()


class Voortgang(models.Model):
    """A progress update on an action: status, RAG for time and money, percentage, narrative."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="voortgang")
    datum = models.DateField("rapportagedatum")
    status = models.CharField(max_length=20, choices=Status.choices)
    rag_tijd = models.CharField("RAG tijd", max_length=10, choices=Rag.choices)
    rag_geld = models.CharField("RAG geld", max_length=10, choices=Rag.choices)
    percentage = models.PositiveSmallIntegerField("percentage gereed")
    toelichting = models.TextField("toelichting")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # Made up by the demonstration (lea/config/demo_voortgang.py), never part of a transcription.
    demo = models.BooleanField("demonstratie", default=False, editable=False)
    # The public view (/openbaar/) shows an update only when marked public, with its public
    # wording when the beheerder gave one; the internal record stays as written.
    openbaar = models.BooleanField(
        "openbaar",
        default=False,
        help_text="Toon deze voortgang in de openbare weergave van de agenda.",
    )
    openbare_tekst = models.TextField(
        "tekst voor het publiek",
        blank=True,
        help_text="Leeg: de toelichting zelf. Wordt alleen openbaar getoond.",
    )

    objects = VoortgangQuerySet.as_manager()
    history = HistoricalRecords()
    # Not a field: set by voortgang_registreer to the queued status notification, if any.
    statusmelding: Opdracht | None = None

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = VOORTGANG_VOLGORDE
        constraints = (
            models.CheckConstraint(
                condition=Q(percentage__lte=100),
                name="voortgang_percentage_hoogstens_100",
                violation_error_message="Een percentage ligt tussen 0 en 100.",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.AFGEROND) | Q(percentage=100),
                name="voortgang_afgerond_is_100",
                violation_error_message=AFGEROND_IS_100,
            ),
        )
        indexes = (
            # The timeline of one action in its own order (VOORTGANG_VOLGORDE), so that its
            # newest update, the state on a given day and "who has not reported yet" are read
            # from the index alone; and an agenda's count of updates without the table.
            models.Index(
                fields=["actie", "-datum", "-aangemaakt", "-id"], name="voortgang_actie_tijdlijn"
            ),
        )

    def __str__(self) -> str:
        return f"{self.actie} – {self.datum:%d-%m-%Y}: {self.get_status_display()}"

    def clean(self) -> None:
        """Plausibility: a report date within the agenda's period and not in the future
        (today in Europe/Amsterdam), and afgerond at 100 %."""
        from django.core.exceptions import ValidationError

        errors: dict[str, str] = {}
        if self.datum is not None:
            if self.datum > timezone.localdate():
                errors["datum"] = "De rapportagedatum ligt in de toekomst."
            elif self.actie_id is not None:
                agenda = self.actie.agenda
                if not agenda.periode_start <= self.datum <= agenda.periode_eind:
                    errors["datum"] = (
                        "De rapportagedatum ligt buiten de periode van de agenda "
                        f"({agenda.periode_start:%d-%m-%Y} – {agenda.periode_eind:%d-%m-%Y})."
                    )
        if self.status == Status.AFGEROND and self.percentage not in (None, 100):
            errors["percentage"] = AFGEROND_IS_100
        if errors:
            raise ValidationError(errors)


class Opmerking(models.Model):
    """A comment on an action by someone of its werkgroep."""

    actie = models.ForeignKey(Actie, on_delete=models.CASCADE, related_name="opmerkingen")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    tekst = models.TextField()
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "opmerking"
        verbose_name_plural = "opmerkingen"
        ordering = ("-aangemaakt", "-pk")

    def __str__(self) -> str:
        return self.tekst[:60]


class Rapportagelink(models.Model):
    """A chair's personal link, from the progress request to the open actions of one werkgroep
    for one reporting period. The URL carries it signed (werkgroepen.services.rapportagelink);
    it expires, and a beheerder can revoke it."""

    werkgroep = models.ForeignKey(
        Werkgroep, on_delete=models.CASCADE, related_name="rapportagelinks"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rapportagelinks"
    )
    periode_begin = models.DateField("begin van de rapportageperiode")
    periode_eind = models.DateField("einde van de rapportageperiode")
    aangemaakt = models.DateTimeField(auto_now_add=True)
    verloopt_op = models.DateTimeField("verloopt op")
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)
    ingetrokken_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    laatst_gebruikt_op = models.DateTimeField("laatst gebruikt op", null=True, blank=True)
    aantal_keer_gebruikt = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "rapportagelink"
        verbose_name_plural = "rapportagelinks"
        ordering = ("-aangemaakt", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["werkgroep", "gebruiker", "periode_begin"],
                name="rapportagelink_een_per_voorzitter_per_periode",
            ),
        )

    def __str__(self) -> str:
        return f"{self.werkgroep} – {self.gebruiker} ({self.periode_begin:%d-%m-%Y})"

    def geldig(self, nu: datetime.datetime | None = None) -> bool:
        """Neither revoked nor expired."""
        return self.ingetrokken_op is None and (nu or timezone.now()) < self.verloopt_op
