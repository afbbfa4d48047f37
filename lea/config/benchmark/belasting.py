"""python manage.py benchmark belasting [--gebruikers N] [--seconden S] [--url URL]
[--agenda SLUG] [--schrijfaandeel F]

Drives a running server the way N people at work would: each simulated user has a logged-in
session (lea.config.benchmark.sessies) and a keep-alive connection, and until the time is up
opens the main pages of the agenda at random; with the given share it instead opens the
progress form of a random action and posts it, with a unique marker in the explanation.
Reported: per URL name the number of requests, p50/p95/p99 in ms and errors; the totals and
requests per second; and whether every post the server accepted is in the database (the
command runs with the server's settings and database). Exit code 1 on any error or lost post.
"""

import argparse
import contextlib
import http.client
import math
import random
import secrets
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.db.models import Count
from django.urls import reverse

from lea.config.benchmark import STAD_SLUG
from lea.config.benchmark.sessies import (
    Antwoord,
    Formulier,
    Verbinding,
    gebruikers_klaar,
    sessie_maak,
    sessies_verwijder,
)
from lea.models import Agenda
from werkgroepen.models import Actie, Voortgang, Werkgroep

VOORBEELDEN = 5  # how many distinct error descriptions the report shows
FORMULIER, OPSLAAN = "voortgangsformulier", "voortgang opslaan"

Pad = Callable[[random.Random], str]


def argumenten(parser: CommandParser) -> None:
    parser.add_argument("--gebruikers", type=int, default=20, help="gelijktijdige gebruikers")
    parser.add_argument("--seconden", type=float, default=60, help="duur van de meting")
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="adres van de server")
    parser.add_argument(
        "--schrijfaandeel", type=float, default=0.1, help="aandeel voortgangsmeldingen (0-1)"
    )
    # Another benchmark of the command may offer --agenda already; it means the same there.
    with contextlib.suppress(argparse.ArgumentError):
        parser.add_argument("--agenda", help="korte naam van de agenda")


@dataclass
class _Uitslag:
    """What one simulated user measured."""

    tijden: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    fouten: Counter[str] = field(default_factory=Counter)
    soorten: Counter[str] = field(default_factory=Counter)  # error descriptions
    merktekens: list[str] = field(default_factory=list)  # of the posts the server accepted

    def voeg_toe(self, ander: "_Uitslag") -> None:
        for naam, tijden in ander.tijden.items():
            self.tijden[naam].extend(tijden)
        self.fouten.update(ander.fouten)
        self.soorten.update(ander.soorten)
        self.merktekens.extend(ander.merktekens)


@dataclass
class _Werklast:
    """The pages of the agenda and how a simulated user goes through them."""

    lezingen: list[tuple[str, Pad]]
    acties: int  # how many active actions the progress posts choose from
    voortgang: Pad  # the progress form of a random action
    actie: Callable[[str], str]  # the progress form's path -> its action's page
    schrijfaandeel: float
    merk: str  # prefix of the markers of this run

    def gebruiker(self, nummer: int, verbinding: Verbinding, eind: float) -> _Uitslag:
        uitslag, rng = _Uitslag(), random.Random(f"{self.merk}-{nummer}")  # noqa: S311 - a workload
        while time.monotonic() < eind:
            try:
                if rng.random() < self.schrijfaandeel:
                    self._schrijf(verbinding, uitslag, rng, f"{self.merk}-{nummer:02d}")
                else:
                    naam, pad = rng.choice(self.lezingen)
                    self._meet(verbinding, uitslag, naam, "GET", pad(rng))
            except Exception as fout:  # every failure is an error of the run
                uitslag.soorten[f"{type(fout).__name__}: {fout}"] += 1
        verbinding.sluit()
        return uitslag

    def _meet(
        self,
        verbinding: Verbinding,
        uitslag: _Uitslag,
        naam: str,
        methode: str,
        pad: str,
        velden: list[tuple[str, str]] | None = None,
        verwacht: int = 200,
    ) -> Antwoord | None:
        begin = time.perf_counter()
        antwoord: Antwoord | None = None
        try:
            antwoord = verbinding.vraag(methode, pad, velden)
        except (OSError, http.client.HTTPException) as fout:
            status = f"verbinding mislukt ({type(fout).__name__})"
        else:
            status = str(antwoord.status)
        uitslag.tijden[naam].append((time.perf_counter() - begin) * 1000)
        if antwoord is None or antwoord.status != verwacht:
            uitslag.fouten[naam] += 1
            uitslag.soorten[f"{naam}: {status} in plaats van {verwacht} ({methode} {pad})"] += 1
            return None
        return antwoord

    def _schrijf(
        self, verbinding: Verbinding, uitslag: _Uitslag, rng: random.Random, merk: str
    ) -> None:
        pad = self.voortgang(rng)
        antwoord = self._meet(verbinding, uitslag, FORMULIER, "GET", pad)
        if antwoord is None:
            return
        lezer = Formulier()
        lezer.feed(antwoord.inhoud.decode("utf-8", "replace"))
        namen = {naam for naam, _ in lezer.velden}
        if not {"csrfmiddlewaretoken", "eenmalig", "toelichting"} <= namen:
            uitslag.fouten[FORMULIER] += 1
            uitslag.soorten[f"{FORMULIER}: geen formulier met token op {pad}"] += 1
            return
        merkteken = f"{merk}-{len(uitslag.tijden[OPSLAAN]) + 1}"
        velden = [(n, merkteken if n == "toelichting" else w) for n, w in lezer.velden]
        antwoord = self._meet(verbinding, uitslag, OPSLAAN, "POST", pad, velden, verwacht=302)
        if antwoord is None:
            return
        if urlsplit(antwoord.waarheen).path != self.actie(pad):
            # A redirect elsewhere (the login page, the second factor) did not store it.
            uitslag.fouten[OPSLAAN] += 1
            uitslag.soorten[f"{OPSLAAN}: doorverwezen naar {antwoord.waarheen}"] += 1
            return
        uitslag.merktekens.append(merkteken)


def _agenda_kies(slug: str | None) -> Agenda:
    """The named agenda; else the national dataset's city; else the agenda with most actions."""
    agendas = Agenda.objects.annotate(n=Count("acties")).order_by("-n", "slug")
    gekozen = agendas.filter(slug=slug or STAD_SLUG).first()
    if gekozen is None and not slug:
        gekozen = agendas.first()
    if gekozen is None:
        raise CommandError(f"Agenda {slug!r} bestaat niet." if slug else "Er is geen agenda.")
    return gekozen


def _werklast(agenda: Agenda, schrijfaandeel: float, merk: str) -> _Werklast:
    acties = list(Actie.objects.filter(agenda=agenda).actief().values_list("pk", flat=True))
    if not acties:
        raise CommandError(f"Agenda {agenda.slug} heeft geen acties om voortgang op te melden.")
    groepen = list(Werkgroep.objects.filter(agenda=agenda).actief().values_list("pk", flat=True))
    slug = agenda.slug
    lijst = reverse("actie_lijst", args=[slug])
    detail = {reverse("actie_voortgang", args=[slug, pk]): pk for pk in acties}

    def vast(pad: str) -> Pad:
        return lambda _rng: pad

    lezingen: list[tuple[str, Pad]] = [
        ("mijn overzicht", vast(reverse("home"))),
        ("dashboard", vast(reverse("agenda_dashboard", args=[slug]))),
        ("actielijst", vast(lijst)),
        ("actielijst gefilterd", vast(f"{lijst}?status=lopend&status=gepland")),
        ("actielijst gesorteerd", vast(f"{lijst}?sorteer=-deadline")),
        ("actielijst pagina 2", vast(f"{lijst}?pagina=2")),
        ("actie", lambda rng: reverse("actie_detail", args=[slug, rng.choice(acties)])),
        ("doelenboom", vast(reverse("agenda_overzicht", args=[slug]))),
        ("overleg", vast(reverse("overleg_lijst", args=[slug]))),
    ]
    if groepen:
        werkgroep = (
            "werkgroep",
            lambda rng: reverse("werkgroep_detail", args=[slug, rng.choice(groepen)]),
        )
        lezingen.append(werkgroep)
    formulieren = list(detail)
    return _Werklast(
        lezingen=lezingen,
        acties=len(acties),
        voortgang=lambda rng: rng.choice(formulieren),
        actie=lambda pad: reverse("actie_detail", args=[slug, detail[pad]]),
        schrijfaandeel=schrijfaandeel,
        merk=merk,
    )


def _server_antwoordt(url: str) -> None:
    pad = reverse("login")
    verbinding = Verbinding(url)
    try:
        antwoord = verbinding.vraag("GET", pad)
    except (OSError, http.client.HTTPException) as fout:
        raise CommandError(
            f"De server op {url} antwoordt niet ({fout}). Start hem eerst."
        ) from None
    finally:
        verbinding.sluit()
    if antwoord.status != 200:
        raise CommandError(
            f"De server op {url} gaf {antwoord.status} op de inlogpagina {pad} in plaats van 200"
            + (f" (doorverwezen naar {antwoord.waarheen})." if antwoord.waarheen else ".")
        )


def _percentiel(tijden: list[float], p: int) -> float:
    """Nearest-rank percentile of sorted times."""
    return tijden[max(0, math.ceil(p / 100 * len(tijden)) - 1)]


def _rapport(stdout: OutputWrapper, uitslag: _Uitslag, duur: float) -> int:
    stdout.write(
        f"{'url':<24} {'aantal':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'fouten':>7}"
    )
    for naam in sorted(uitslag.tijden):
        tijden = sorted(uitslag.tijden[naam])
        stdout.write(
            f"{naam:<24} {len(tijden):>7} {_percentiel(tijden, 50):>8.1f} "
            f"{_percentiel(tijden, 95):>8.1f} {_percentiel(tijden, 99):>8.1f} "
            f"{uitslag.fouten[naam]:>7}"
        )
    verzoeken = sum(len(t) for t in uitslag.tijden.values())
    fouten = sum(uitslag.soorten.values())
    stdout.write(
        f"totaal: {verzoeken} verzoeken, {fouten} fouten, "
        f"{verzoeken / duur:.1f} verzoeken per seconde ({duur:.1f} s)"
    )
    for soort, aantal in uitslag.soorten.most_common(VOORBEELDEN):
        stdout.write(f"  fout ({aantal} keer): {soort}")
    return fouten


def voer_uit(
    stdout: OutputWrapper,
    /,
    *,
    gebruikers: int,
    seconden: float,
    url: str,
    schrijfaandeel: float,
    agenda: str | None = None,
    **opties: Any,
) -> None:
    if gebruikers < 1 or seconden <= 0 or not 0 <= schrijfaandeel <= 1:
        raise CommandError("Gebruik --gebruikers ≥ 1, --seconden > 0 en --schrijfaandeel 0-1.")
    url = url.rstrip("/")
    if urlsplit(url).scheme not in ("http", "https"):
        raise CommandError(f"--url {url!r} moet met http:// of https:// beginnen.")
    _server_antwoordt(url)
    gekozen = _agenda_kies(agenda)
    merk = f"belasting-{secrets.token_hex(4)}"
    werklast = _werklast(gekozen, schrijfaandeel, merk)
    sleutels = [sessie_maak(g) for g in gebruikers_klaar(gekozen, gebruikers)]
    stdout.write(
        f"belasting: {gebruikers} gebruikers, {seconden:g} s, agenda {gekozen.slug} "
        f"({werklast.acties} acties), schrijfaandeel {schrijfaandeel:g}, server {url}"
    )
    uitslagen: list[_Uitslag] = []
    try:
        begin = time.monotonic()
        draden = [
            threading.Thread(
                target=lambda n, v: uitslagen.append(werklast.gebruiker(n, v, begin + seconden)),
                args=(nummer, Verbinding(url, {settings.SESSION_COOKIE_NAME: sleutel})),
                daemon=True,
            )
            for nummer, sleutel in enumerate(sleutels, 1)
        ]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join()
        duur = time.monotonic() - begin
    finally:
        sessies_verwijder(sleutels)
    totaal = _Uitslag()
    for uitslag in uitslagen:
        totaal.voeg_toe(uitslag)
    fouten = _rapport(stdout, totaal, duur)
    opgeslagen = set(
        Voortgang.objects.filter(toelichting__startswith=f"{merk}-").values_list(
            "toelichting", flat=True
        )
    )
    bewaard = len(opgeslagen & set(totaal.merktekens))
    stdout.write(f"opgeslagen: {bewaard} van {len(totaal.merktekens)} geslaagde posts")
    if fouten or bewaard < len(totaal.merktekens):
        raise CommandError(
            f"{fouten} fouten, {len(totaal.merktekens) - bewaard} geslaagde posts niet opgeslagen."
        )
