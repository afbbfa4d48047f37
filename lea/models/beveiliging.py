"""The security audit log: who did what, when, from which address."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from lea.models.kern import Agenda


class AuditSoort(models.TextChoices):
    LOGIN = "login", "Ingelogd"
    LOGIN_MISLUKT = "login_mislukt", "Inloggen mislukt"
    GEBLOKKEERD = "geblokkeerd", "Inloggen geblokkeerd"
    UITGELOGD = "uitgelogd", "Uitgelogd"
    WACHTWOORD = "wachtwoord", "Wachtwoord"
    TWEEDE_FACTOR = "tweede_factor", "Tweede factor"
    ROL = "rol", "Rol gewijzigd"
    EXPORT = "export", "Export"
    DOWNLOAD = "download", "Rapport gedownload"
    RAPPORT = "rapport", "Rapport aangevraagd"
    VERZENDING = "verzending", "Agenda verstuurd"
    UITNODIGING = "uitnodiging", "Uitnodiging"
    RAPPORTAGELINK = "rapportagelink", "Rapportagelink"


class Auditregel(models.Model):
    """One security event in the installation's log: who, when, from which address, what.

    Written only by lea.services.audit, never edited, and deleted after
    LEA_AUDIT_BEWAARTERMIJN_DAGEN (lea.tasks). The username is kept as text too, so a failed
    login (no user) and a deleted login stay readable.
    """

    soort = models.CharField(max_length=20, choices=AuditSoort.choices)
    tijdstip = models.DateTimeField(default=timezone.now)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    gebruikersnaam = models.CharField(max_length=150, blank=True)
    agenda = models.ForeignKey(
        Agenda, on_delete=models.SET_NULL, null=True, blank=True, related_name="auditregels"
    )
    adres = models.GenericIPAddressField("adres", null=True, blank=True)
    omschrijving = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "auditregel"
        verbose_name_plural = "auditregels"
        ordering = ("-tijdstip", "-pk")
        indexes = (
            # The log page (newest first) and the daily deletion of rows past the retention.
            models.Index(fields=["tijdstip"], name="auditregel_tijdstip"),
            # lea.services.limiet: what one user did of one kind in the last hour.
            models.Index(fields=["gebruiker", "soort", "tijdstip"], name="auditregel_limiet"),
        )

    def __str__(self) -> str:
        wie = self.gebruikersnaam or "onbekend"
        return f"{self.get_soort_display()} – {wie} ({self.tijdstip:%Y-%m-%d %H:%M})"
