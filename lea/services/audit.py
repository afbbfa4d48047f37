"""The audit log of security events: logins, lockouts, passwords, second factors, roles,
exports and downloads; who, when and from which address.

`audit_vastleg` is the one write. The receivers below fill it from Django's login signals and
django-axes' lockout signal (connected in lea.apps); services and views call it for the rest.
`adres_van` is the one rule for a client's address, for this log and for the lockout alike.
"""

import datetime
import ipaddress
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lea.models import Agenda, Auditregel, AuditSoort


def _geldig_adres(tekst: str) -> str | None:
    try:
        return str(ipaddress.ip_address(tekst.strip()))
    except ValueError:
        return None


def adres_van(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, or behind LEA_VERTROUWDE_PROXIES proxies the entry of
    X-Forwarded-For that the outermost of them added (counted from the right).

    The entries left of it come from the client and could say anything, so they are never read.
    """
    aantal = settings.LEA_VERTROUWDE_PROXIES
    if aantal:
        keten = [deel for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if deel]
        if len(keten) >= aantal:
            adres = _geldig_adres(keten[-aantal])
            if adres:
                return adres
    return _geldig_adres(request.META.get("REMOTE_ADDR", ""))


def _huidig_verzoek() -> HttpRequest | None:
    """The request being handled, for a service called without one (kept per thread by
    django-simple-history's middleware); None outside a request."""
    return getattr(HistoricalRecords.context, "request", None)


def audit_vastleg(
    *,
    soort: str,
    request: HttpRequest | None = None,
    gebruiker: Any = None,
    gebruikersnaam: str = "",
    agenda: Agenda | None = None,
    omschrijving: str = "",
) -> Auditregel:
    """Record one security event. Without `gebruiker` (or a `gebruikersnaam`, as a failed login
    has) the request's logged-in user is taken; without `request` the one being handled (if
    any) gives the address."""
    request = request if request is not None else _huidig_verzoek()
    if gebruiker is None and not gebruikersnaam and request is not None:
        ingelogd = getattr(request, "user", None)
        if ingelogd is not None and ingelogd.is_authenticated:
            gebruiker = ingelogd
    if gebruiker is not None and not gebruikersnaam:
        gebruikersnaam = gebruiker.get_username()
    return Auditregel.objects.create(
        soort=AuditSoort(soort),
        gebruiker=gebruiker if gebruiker is not None and gebruiker.pk else None,
        gebruikersnaam=(gebruikersnaam or "")[:150],
        agenda=agenda,
        adres=adres_van(request) if request is not None else None,
        omschrijving=omschrijving[:500],
    )


def auditregels_ruim_op(*, nu: datetime.datetime | None = None) -> int:
    """Delete the rows older than LEA_AUDIT_BEWAARTERMIJN_DAGEN; the number deleted."""
    grens = (nu or timezone.now()) - datetime.timedelta(days=settings.LEA_AUDIT_BEWAARTERMIJN_DAGEN)
    aantal, _ = Auditregel.objects.filter(tijdstip__lt=grens).delete()
    return aantal


# --- receivers of Django's and django-axes' signals (connected in lea.apps) --------------------


def bij_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_vastleg(soort=AuditSoort.LOGIN, request=request, gebruiker=user)


def bij_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    audit_vastleg(soort=AuditSoort.UITGELOGD, request=request, gebruiker=user)


def bij_mislukte_login(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    """A wrong username or password. An attempt django-axes refused is recorded by
    `bij_blokkade` instead (axes' own receiver runs first and marks the request)."""
    if request is None or getattr(request, "axes_locked_out", False):
        return
    audit_vastleg(
        soort=AuditSoort.LOGIN_MISLUKT,
        request=request,
        gebruikersnaam=str(credentials.get("username") or ""),
    )


def bij_blokkade(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """django-axes' user_locked_out: the attempt that reached the limit, or one during the
    lockout."""
    pogingen = getattr(request, "axes_failures_since_start", None)
    if pogingen == settings.AXES_FAILURE_LIMIT:
        omschrijving = f"Geblokkeerd na {pogingen} mislukte pogingen."
    else:
        omschrijving = "Inlogpoging tijdens een blokkade."
    audit_vastleg(
        soort=AuditSoort.GEBLOKKEERD,
        request=request,
        gebruikersnaam=username or "",
        omschrijving=omschrijving,
    )
