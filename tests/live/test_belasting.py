"""`benchmark belasting` against a live server: logged-in users read pages and post progress,
every accepted post is stored, and a failing server or session is reported as such."""

import re
import socket
import time
from importlib import import_module
from io import StringIO

import pytest
from django.conf import settings as instellingen
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django_otp import DEVICE_ID_SESSION_KEY

from lea.config.benchmark import belasting, sessies
from werkgroepen.models import Voortgang

# A row of the per-URL table: name, count, p50, p95, p99, errors.
REGEL = re.compile(r"^(?P<naam>\S.*?)\s+(?P<aantal>\d+)(?:\s+\d+\.\d){3}\s+(?P<fouten>\d+)$")


def _meet(url: str, **opties) -> str:
    uit = StringIO()
    try:
        call_command(
            "benchmark", "belasting", url=url, gebruikers=3, seconden=3, stdout=uit, **opties
        )
    finally:
        print(uit.getvalue())  # the table, when a test fails
    return uit.getvalue()


def _tabel(tekst: str) -> dict[str, tuple[int, int]]:
    return {
        m["naam"]: (int(m["aantal"]), int(m["fouten"]))
        for m in map(REGEL.match, tekst.splitlines())
        if m
    }


# The live server shares the test's one in-memory SQLite connection between its request threads:
# concurrent writes there break each other's savepoints. CI (.ci/run) runs this on PostgreSQL.
@pytest.mark.skipif(
    instellingen.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="gelijktijdige schrijvers hebben een databaseserver nodig (PostgreSQL in CI)",
)
def test_alle_verzoeken_slagen_en_elke_post_is_opgeslagen(demo, live_server, settings):
    # As in production: the beheerders must have passed their second factor.
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = True
    sessies_voor = Session.objects.count()

    tekst = _meet(live_server.url, schrijfaandeel=0.5)

    tabel = _tabel(tekst)
    assert {"voortgangsformulier", "voortgang opslaan"} <= set(tabel)
    assert {"dashboard", "actielijst", "actie"} & set(tabel), tekst
    assert all(fouten == 0 for _, fouten in tabel.values()), tekst
    totaal = re.search(r"totaal: (\d+) verzoeken, (\d+) fouten, ([\d.]+) verzoeken per", tekst)
    assert totaal, tekst
    assert int(totaal[1]) == sum(n for n, _ in tabel.values())
    assert totaal[2] == "0"
    assert float(totaal[3]) > 0
    opgeslagen = re.search(r"opgeslagen: (\d+) van (\d+) geslaagde posts", tekst)
    assert opgeslagen, tekst
    assert opgeslagen[1] == opgeslagen[2]
    posts = int(opgeslagen[2])
    assert posts >= 1
    assert posts == tabel["voortgang opslaan"][0]
    # Stored as the benchmark users' updates, each with its own marker.
    nieuw = Voortgang.objects.filter(toelichting__startswith="belasting-")
    assert nieuw.count() == posts == len(set(nieuw.values_list("toelichting", flat=True)))
    assert set(nieuw.values_list("door__username", flat=True)) <= {
        f"{sessies.PREFIX}{n:02d}" for n in (1, 2, 3)
    }
    # The sessions are gone; the users stay for the next run.
    assert Session.objects.count() == sessies_voor
    assert get_user_model().objects.filter(username__startswith=sessies.PREFIX).count() == 3


def test_een_sessie_zonder_tweede_factor_geeft_fouten(demo, live_server, settings, monkeypatch):
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = True
    store = import_module(settings.SESSION_ENGINE).SessionStore

    def onbevestigd(gebruiker):
        sleutel = sessies.sessie_maak(gebruiker)
        sessie = store(session_key=sleutel)
        del sessie[DEVICE_ID_SESSION_KEY]
        sessie.save()
        return sleutel

    monkeypatch.setattr(belasting, "sessie_maak", onbevestigd)
    sessies_voor = Session.objects.count()

    with pytest.raises(CommandError, match="fouten"):
        _meet(live_server.url, schrijfaandeel=0.5)

    # Every page sent the beheerder to enrolment first; nothing was stored.
    assert not Voortgang.objects.filter(toelichting__startswith="belasting-").exists()
    assert Session.objects.count() == sessies_voor


def test_zonder_server_een_duidelijke_fout(db):
    with socket.socket() as vrij:
        vrij.bind(("127.0.0.1", 0))
        poort = vrij.getsockname()[1]  # closed again: nothing listens there
    begin = time.monotonic()

    with pytest.raises(CommandError, match=f"De server op http://127.0.0.1:{poort} antwoordt niet"):
        _meet(f"http://127.0.0.1:{poort}")

    assert time.monotonic() - begin < 5
    assert not get_user_model().objects.filter(username__startswith=sessies.PREFIX).exists()
