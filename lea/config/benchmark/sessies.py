"""The simulated users of the load benchmark: their logged-in sessions, made on the server's
own session store, and their browser (a keep-alive connection with cookies, forms).

Each simulated user is a login `belasting-01` … with the beheerder role in the measured agenda.
Its session is written the way `django.contrib.auth.login` writes one, marked as having passed
the second factor (so the benchmark also runs where the second factor is required) and as just
active (so the idle logout leaves it alone). Logging in through the login page instead would
measure password hashing and run into the lockout, which is not the workload being measured.
"""

import http.client
import time
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from importlib import import_module
from typing import Any, NamedTuple
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.contrib.sessions.backends.base import SessionBase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice

from lea.config.middleware import BEGIN, LAATST
from lea.models import Agenda, Lidmaatschap, Rol
from lea.services.personen import lidmaatschap_geef

PREFIX = "belasting-"
# A confirmed device without a single code: it marks the sessions as verified and can never
# be used to log in.
APPARAAT = "Belastingmeting"
WACHTTIJD = 30  # seconds a single request may take before it counts as an error


def _sessie(sleutel: str | None = None) -> SessionBase:
    store: type[SessionBase] = import_module(settings.SESSION_ENGINE).SessionStore
    return store(session_key=sleutel)


def gebruikers_klaar(agenda: Agenda, aantal: int) -> list[Any]:
    """The benchmark's logins `belasting-01` …, created when missing (without a password),
    each beheerder of the agenda and with its marker device."""
    model = get_user_model()
    gebruikers = []
    for nummer in range(1, aantal + 1):
        gebruiker, nieuw = model.objects.get_or_create(username=f"{PREFIX}{nummer:02d}")
        if nieuw:
            gebruiker.set_unusable_password()
            gebruiker.save(update_fields=["password"])
        beheerder = Lidmaatschap.objects.actief().filter(
            agenda=agenda, gebruiker=gebruiker, rol=Rol.BEHEERDER
        )
        if not beheerder.exists():
            lidmaatschap_geef(agenda=agenda, gebruiker=gebruiker, rol=Rol.BEHEERDER)
        StaticDevice.objects.get_or_create(
            user=gebruiker, name=APPARAAT, defaults={"confirmed": True}
        )
        gebruikers.append(gebruiker)
    return gebruikers


def sessie_maak(gebruiker: Any) -> str:
    """A new logged-in, verified session for the login; returns its key (the cookie's value)."""
    apparaat = StaticDevice.objects.get(user=gebruiker, name=APPARAAT)
    sessie = _sessie()
    sessie[SESSION_KEY] = gebruiker._meta.pk.value_to_string(gebruiker)
    sessie[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    sessie[HASH_SESSION_KEY] = gebruiker.get_session_auth_hash()
    sessie[DEVICE_ID_SESSION_KEY] = apparaat.persistent_id
    nu = int(time.time())
    sessie[BEGIN] = nu
    sessie[LAATST] = nu
    sessie.create()
    assert sessie.session_key is not None  # create() always sets one
    return sessie.session_key


def sessies_verwijder(sleutels: list[str]) -> None:
    """End the benchmark's sessions (the logins stay, for the next run)."""
    for sleutel in sleutels:
        _sessie(sleutel).delete()


# --- the browser side: a keep-alive connection with cookies, and a form as a browser sends it


class Formulier(HTMLParser):
    """The fields of the page's form that posts to itself (no action), as a browser would send
    them unchanged: hidden and text inputs, checked radios and boxes, selects, textareas."""

    def __init__(self) -> None:
        super().__init__()
        self.velden: list[tuple[str, str]] = []
        self._binnen = False
        self._keuze: str | None = None
        self._opties: list[tuple[str, bool]] = []
        self._tekstvak: str | None = None
        self._tekst: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "form":
            self._binnen = (a.get("method") or "").lower() == "post" and not a.get("action")
        elif not self._binnen:
            return
        elif tag == "input" and a.get("name"):
            soort = (a.get("type") or "text").lower()
            if soort in ("radio", "checkbox") and "checked" not in a:
                return
            if soort not in ("submit", "button", "reset", "file", "image"):
                self.velden.append((a["name"] or "", a.get("value") or ""))
        elif tag == "select":
            self._keuze, self._opties = a.get("name"), []
        elif tag == "option" and self._keuze:
            self._opties.append((a.get("value") or "", "selected" in a))
        elif tag == "textarea":
            self._tekstvak, self._tekst = a.get("name"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._binnen = False
        elif tag == "select" and self._keuze:
            gekozen = [waarde for waarde, aan in self._opties if aan] or [
                waarde for waarde, _ in self._opties[:1]
            ]
            self.velden.append((self._keuze, gekozen[0] if gekozen else ""))
            self._keuze = None
        elif tag == "textarea" and self._tekstvak:
            self.velden.append((self._tekstvak, "".join(self._tekst)))
            self._tekstvak = None

    def handle_data(self, data: str) -> None:
        if self._tekstvak:
            self._tekst.append(data)


class Antwoord(NamedTuple):
    status: int
    waarheen: str  # the Location header of a redirect
    inhoud: bytes


class Verbinding:
    """One simulated browser: a keep-alive connection and its cookies."""

    def __init__(self, url: str, cookies: dict[str, str] | None = None) -> None:
        delen = urlsplit(url)
        klasse = (
            http.client.HTTPSConnection if delen.scheme == "https" else http.client.HTTPConnection
        )
        self._maak = lambda: klasse(delen.hostname or "", delen.port, timeout=WACHTTIJD)
        self._verbinding: http.client.HTTPConnection | None = None
        self.cookies = dict(cookies or {})

    def vraag(
        self, methode: str, pad: str, velden: list[tuple[str, str]] | None = None
    ) -> Antwoord:
        """Send one request; returns the response (its body read). Raises OSError or
        http.client.HTTPException when the connection fails."""
        kop = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if velden is not None:
            body = urlencode(velden)
            kop["Content-Type"] = "application/x-www-form-urlencoded"
        hergebruikt = self._verbinding is not None
        try:
            return self._stuur(methode, pad, body, kop)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            # A browser sends a GET again when the server closed an idle keep-alive connection;
            # a post is never sent twice.
            if not hergebruikt or methode != "GET":
                raise
            return self._stuur(methode, pad, body, kop)

    def _stuur(self, methode: str, pad: str, body: str | None, kop: dict[str, str]) -> Antwoord:
        if self._verbinding is None:
            self._verbinding = self._maak()
        try:
            self._verbinding.request(methode, pad, body=body, headers=kop)
            antwoord = self._verbinding.getresponse()
            inhoud = antwoord.read()
        except (OSError, http.client.HTTPException):
            self.sluit()
            raise
        for regel in antwoord.msg.get_all("Set-Cookie") or []:
            koekje = SimpleCookie()
            koekje.load(regel)
            for naam, morsel in koekje.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[naam] = morsel.coded_value
                else:
                    self.cookies.pop(naam, None)
        if antwoord.will_close:
            self.sluit()
        return Antwoord(antwoord.status, antwoord.getheader("Location", ""), inhoud)

    def sluit(self) -> None:
        if self._verbinding is not None:
            self._verbinding.close()
            self._verbinding = None
