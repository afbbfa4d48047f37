"""Middleware of the wiring: no page before the second factor, for whoever has one or must.

After the password a login that has not passed its second factor in this session (django-otp's
OTPMiddleware, installed before this one, knows) is sent to the code page when it has an
authenticator app, or to enrolment when its role requires one (lea.tweede_factor.is_verplicht).
That holds for every page, the admin (/beheer/) included; only logging in and out, the
second-factor pages themselves and static files are reachable before.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django_htmx.http import HttpResponseClientRedirect

from lea.tweede_factor import is_geverifieerd, stand_bij_verzoek

# The pages a login reaches before its second factor (URL names).
VRIJ = (
    "login",
    "logout",
    "tweede_factor_code",
    "tweede_factor_inrichten",
    "tweede_factor_qr",
    "admin:login",
    "admin:logout",
)


class TweedeFactorMiddleware:
    """Redirects a login that has not passed its second factor (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._vrij: frozenset[str] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self._omleiding(request) or self.get_response(request)

    def _vrije_paden(self) -> frozenset[str]:
        if self._vrij is None:
            self._vrij = frozenset(reverse(naam) for naam in VRIJ)
        return self._vrij

    def _omleiding(self, request: HttpRequest) -> HttpResponse | None:
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None  # no session, no login: nothing to check, and the session stays unread
        gebruiker = request.user
        if not gebruiker.is_authenticated or is_geverifieerd(gebruiker):
            return None
        pad = request.path_info
        if pad in self._vrije_paden() or pad.startswith(settings.STATIC_URL):
            return None
        stand = stand_bij_verzoek(gebruiker)
        if stand.heeft_app:
            doel = "tweede_factor_code"
        elif stand.verplicht:
            doel = "tweede_factor_inrichten"
        else:
            return None
        htmx = bool(request.headers.get("HX-Request"))
        pagina = request.method in ("GET", "HEAD") and not htmx
        terug = request.get_full_path() if pagina else reverse("home")
        url = f"{reverse(doel)}?{urlencode({'next': terug})}"
        if htmx:
            # An htmx request would swap the code page into a fragment: load it as a page.
            return HttpResponseClientRedirect(url)
        return HttpResponseRedirect(url)
