"""Middleware of the wiring: how long a logged-in session lasts."""

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

BEGIN = "lea_sessie_begin"
LAATST = "lea_sessie_laatst"
# The last request is written to the session at most once a minute, not on every request.
SCHRIJF_NA = 60


class SessieVerloopMiddleware:
    """Logs a user out a working day after logging in (SESSION_COOKIE_AGE) and after
    SESSION_IDLE_MINUTEN without a request.

    Django's own expiry cannot do both: it renews the session's expiry on every save, so
    with the idle bookkeeping below an active session would never reach the day's end.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Without a session cookie nobody is logged in: the session stays unread, so a public
        # page (/openbaar/) gets no "Vary: Cookie" and may be cached for everyone.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            self._bij(request, int(time.time()))
        return self.get_response(request)

    def _bij(self, request: HttpRequest, nu: int) -> None:
        sessie = request.session
        # Until the first write the login is the start and the last activity: so a page right
        # after logging in costs no session write (and a session idle since its login ends).
        login = getattr(request.user, "last_login", None)
        ingelogd = int(login.timestamp()) if login else nu
        begin, laatst = sessie.get(BEGIN, ingelogd), sessie.get(LAATST, ingelogd)
        stil = nu - laatst > settings.SESSION_IDLE_MINUTEN * 60
        te_lang = nu - begin > settings.SESSION_COOKIE_AGE
        if stil or te_lang:
            logout(request)
            messages.info(
                request,
                f"U bent uitgelogd na {settings.SESSION_IDLE_MINUTEN} minuten zonder activiteit."
                if stil
                else "U bent uitgelogd: een sessie duurt hoogstens een werkdag.",
            )
            return
        if nu - laatst >= SCHRIJF_NA:
            sessie[LAATST] = nu
            sessie.setdefault(BEGIN, begin)
