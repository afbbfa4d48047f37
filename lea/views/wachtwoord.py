"""Passwords: change one's own, or reset it by e-mail (Django's views, Dutch pages, audited).

An invitation (lea.views.agendas.uitnodiging_accepteer) is the same mechanism: Django's token
generator and SetPasswordForm, so the same validators (AUTH_PASSWORD_VALIDATORS).
"""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpRequest, HttpResponse

from lea.models import AuditSoort
from lea.services.audit import audit_vastleg
from lea.services.limiet import TeVaak, limiet_gebruik

# Reset mails per login per hour: enough for a lost mail, too few to flood a mailbox.
HERSTEL_PER_UUR = 3


class WachtwoordHerstelForm(PasswordResetForm):
    """Django's reset form, limited per login and audited. The page after it reads the same
    whether a mail went or not, so it never tells whether an address has a login."""

    def get_users(self, email: str) -> Iterator[Any]:
        for gebruiker in super().get_users(email):
            try:
                limiet_gebruik(
                    soort=AuditSoort.WACHTWOORD,
                    gebruiker=gebruiker,
                    maximum=HERSTEL_PER_UUR,
                    wat="een herstellink gevraagd",
                    omschrijving="Herstellink per e-mail aangevraagd",
                )
            except TeVaak:
                continue
            yield gebruiker


class WachtwoordVergeten(auth_views.PasswordResetView):
    template_name = "registration/wachtwoord_vergeten.html"
    form_class = WachtwoordHerstelForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    @property
    def extra_email_context(self) -> dict[str, Any]:  # type: ignore[override]
        # Links from the configured address, never from the request's Host header.
        return {
            "basis_url": settings.LEA_BASIS_URL,
            "dagen": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        }


class WachtwoordInLogboek:
    """A password view whose successful form writes `logboektekst` to the audit log (first
    base of Django's password views)."""

    request: HttpRequest
    logboektekst = "Wachtwoord gewijzigd"

    def form_valid(self, form: Any) -> HttpResponse:
        antwoord: HttpResponse = super().form_valid(form)  # type: ignore[misc]
        audit_vastleg(
            soort=AuditSoort.WACHTWOORD,
            request=self.request,
            gebruiker=form.user,
            omschrijving=self.logboektekst,
        )
        return antwoord


class WachtwoordHerstellen(WachtwoordInLogboek, auth_views.PasswordResetConfirmView):
    template_name = "registration/wachtwoord_herstellen.html"
    logboektekst = "Wachtwoord hersteld via de e-maillink"


class WachtwoordWijzigen(WachtwoordInLogboek, auth_views.PasswordChangeView):
    template_name = "registration/wachtwoord_wijzigen.html"


wachtwoord_vergeten = WachtwoordVergeten.as_view()
wachtwoord_vergeten_verstuurd = auth_views.PasswordResetDoneView.as_view(
    template_name="registration/wachtwoord_vergeten_verstuurd.html"
)
wachtwoord_herstellen = WachtwoordHerstellen.as_view()
wachtwoord_hersteld = auth_views.PasswordResetCompleteView.as_view(
    template_name="registration/wachtwoord_hersteld.html"
)
wachtwoord_wijzigen = WachtwoordWijzigen.as_view()
wachtwoord_gewijzigd = auth_views.PasswordChangeDoneView.as_view(
    template_name="registration/wachtwoord_gewijzigd.html"
)
