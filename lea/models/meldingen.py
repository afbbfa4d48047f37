"""Notifications: an in-app notification per user (also mailed), and how a login wants its
mail (a mail per notification, the weekly digest, or both)."""

from django.conf import settings
from django.db import models

from lea.models.kern import Agenda


class Melding(models.Model):
    """An in-app notification for one user (also sent by e-mail when it has an address)."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meldingen"
    )
    agenda = models.ForeignKey(
        Agenda, on_delete=models.CASCADE, null=True, blank=True, related_name="meldingen"
    )
    # What the notification is about, unique per user: claiming it makes sending idempotent.
    sleutel = models.CharField(max_length=200)
    titel = models.CharField(max_length=300)
    tekst = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gelezen_op = models.DateTimeField(null=True, blank=True)
    email_verzonden_op = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ("-aangemaakt", "-pk")
        constraints = (
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"], name="melding_een_keer_per_gebruiker"
            ),
        )
        indexes = (
            # The unread count in the navigation bar on every page.
            models.Index(fields=["gebruiker", "gelezen_op"], name="melding_ongelezen"),
        )

    def __str__(self) -> str:
        return self.titel


class Emailvoorkeur(models.Model):
    """How a login wants its mail: a mail per notification, a weekly digest, or both.

    No row means the defaults (both on); the digest claims its week by a conditional update of
    `overzicht_week`, so a retry or a second worker never sends a week twice."""

    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="emailvoorkeur"
    )
    per_melding = models.BooleanField("een e-mail bij elke melding", default=True)
    wekelijks_overzicht = models.BooleanField("een wekelijks overzicht per e-mail", default=True)
    # The Monday of the last week whose digest went out.
    overzicht_week = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "e-mailvoorkeur"
        verbose_name_plural = "e-mailvoorkeuren"

    def __str__(self) -> str:
        return f"e-mailvoorkeur van {self.gebruiker}"
