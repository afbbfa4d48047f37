"""python manage.py benchmark paginas [--landelijk] [--agenda SLUG] [--herhaal N] [--streng]

Measures every main page as its user loads it: the number of database queries, the median and
90th-percentile server time of N requests, and the ratio of that median to the login page's,
measured in the same run. The requests are made in-process with DEBUG off, after one warm-up
request per page, and interleaved (one request of every page per round) so that noise on the
machine falls on all pages alike. A line per breach of the targets follows the table; with
--streng a breach ends the command with exit code 1.

Logged-in pages keep their content per agenda version (lea/paginacache.py): each is measured
as served again and, in rows marked "(na een wijziging)", as made anew after a change in the
agenda; those rows, like the public view's "(nieuw)" ones, are held to the query target only.

With --landelijk it measures the national dataset's city (`benchmark landelijk`) with its
accounts; without, the demo agenda with the most actions (or --agenda), its superuser and one
of its beheerders.
"""

import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.cache import cache
from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from lea.config.benchmark import BEHEERDER, BEWERKT_TITEL, STAD_SLUG, SUPERUSER
from lea.config.middleware import BEGIN, LAATST
from lea.models import Agenda, Lidmaatschap, Rol
from lea.services.versie import agenda_gewijzigd
from monitoring.openbaar.inhoud import openbare_agenda
from monitoring.openbaar.views import cache_sleutel
from overleg.models import Vergadering
from werkgroepen.models import Actie, Status

# The targets of the issue: per page, whatever the size of the data.
DOEL_QUERIES = 20
DOEL_FACTOR = 8.0

# The superuser's escape hatch: the changelists that can hold many rows.
ADMINLIJSTEN = (
    ("beheer: agenda's", "admin:lea_agenda_changelist"),
    ("beheer: acties", "admin:werkgroepen_actie_changelist"),
    ("beheer: voortgang", "admin:werkgroepen_voortgang_changelist"),
    ("beheer: overlegorganen", "admin:overleg_overlegorgaan_changelist"),
    ("beheer: vergaderingen", "admin:overleg_vergadering_changelist"),
    ("beheer: begrotingsposten", "admin:monitoring_begrotingspost_changelist"),
    ("beheer: indicatoren", "admin:monitoring_indicator_changelist"),
    ("beheer: metingen", "admin:monitoring_meting_changelist"),
)


def _optie(parser: CommandParser, naam: str, **kwargs: Any) -> None:
    """Adds an option unless another benchmark module already did: they share one parser, and
    an option such as --agenda means the same to each of them."""
    if naam not in parser._option_string_actions:
        parser.add_argument(naam, **kwargs)


def argumenten(parser: CommandParser) -> None:
    _optie(parser, "--landelijk", action="store_true", help="meet de stad van de landelijke set")
    _optie(parser, "--agenda", help="korte naam; standaard de agenda met de meeste acties")
    _optie(parser, "--herhaal", type=int, default=20, help="metingen per pagina (20)")
    _optie(parser, "--streng", action="store_true", help="exitcode 1 als een doel niet gehaald")
    _optie(parser, "--max-queries", type=int, default=DOEL_QUERIES, help="doel per pagina (20)")
    _optie(parser, "--max-factor", type=float, default=DOEL_FACTOR, help="doel: x inlogpagina (8)")


@dataclass
class Pagina:
    """One page to measure: who asks it, and what was measured."""

    naam: str
    url: str
    client: Client
    # Cache keys removed before each request: what the first request after a change costs.
    koud: tuple[str, ...] = ()
    # Or a change made before each request (not timed): the same for a logged-in page.
    wijzig: Callable[[], object] | None = None
    queries: int = 0
    tijden: list[float] = field(default_factory=list)

    def vraag(self) -> float:
        """One request; its server time in milliseconds."""
        cache.delete_many(self.koud)
        if self.wijzig is not None:
            self.wijzig()
        begin = time.perf_counter()
        antwoord = self.client.get(self.url, secure=True)  # production is HTTPS only
        duur = (time.perf_counter() - begin) * 1000
        if antwoord.status_code != 200:
            raise CommandError(f"{self.naam} ({self.url}) gaf {antwoord.status_code}")
        return duur

    @property
    def nieuw_gemaakt(self) -> bool:
        """Measured as made anew after a change: held to the query target only."""
        return bool(self.koud) or self.wijzig is not None

    @property
    def mediaan(self) -> float:
        return statistics.median(self.tijden)

    @property
    def p90(self) -> float:
        if len(self.tijden) < 2:
            return max(self.tijden)
        return statistics.quantiles(self.tijden, n=10, method="inclusive")[-1]


def _client(gebruiker: Any = None) -> Client:
    """A browser, logged in as `gebruiker` by a session as a login leaves it, but without the
    login itself: that would write a line in the audit log of the measured database. The
    session is marked as just active: without that, the idle logout counts from the login's
    last real login, and every page of a dataset built more than an hour ago was the login
    page."""
    client = Client()
    if gebruiker is not None:
        sessie = client.session
        sessie[SESSION_KEY] = gebruiker._meta.pk.value_to_string(gebruiker)
        sessie[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        sessie[HASH_SESSION_KEY] = gebruiker.get_session_auth_hash()
        sessie[BEGIN] = sessie[LAATST] = int(time.time())
        sessie.save()
    return client


def _gebruiker(**filters: Any) -> Any:
    gebruiker = get_user_model().objects.filter(**filters).order_by("pk").first()
    if gebruiker is None:
        raise CommandError(f"Geen gebruiker om mee te meten ({filters}).")
    return gebruiker


def _kies(landelijk: bool, slug: str | None) -> tuple[Agenda, Any, Any, Actie | None]:
    """The agenda, its superuser and beheerder, and the action with the longest history."""
    if landelijk:
        agenda = Agenda.objects.filter(slug=slug or STAD_SLUG).first()
        if agenda is None:
            raise CommandError("Geen landelijke stad; draai eerst `benchmark landelijk`.")
        superuser = _gebruiker(username=SUPERUSER)
        beheerder = _gebruiker(username=BEHEERDER)
        bewerkt = agenda.acties.filter(titel=BEWERKT_TITEL).first()
        if bewerkt is None:
            raise CommandError(f"De stad heeft geen actie '{BEWERKT_TITEL}'.")
        return agenda, superuser, beheerder, bewerkt
    agendas = Agenda.objects.annotate(n=Count("acties")).order_by("-n", "pk")
    gekozen = agendas.filter(slug=slug).first() if slug else agendas.first()
    if gekozen is None:
        raise CommandError("Geen agenda gevonden; draai eerst `python manage.py demo`.")
    superuser = _gebruiker(is_superuser=True)
    rollen = Lidmaatschap.objects.actief().filter(agenda=gekozen, rol=Rol.BEHEERDER)
    beheerder = rollen.select_related("gebruiker").order_by("pk").first()
    langst = (
        Actie.history.filter(agenda_id=gekozen.pk)
        .values("id")
        .annotate(n=Count("history_id"))
        .order_by("-n", "id")
        .first()
    )
    actie = Actie.objects.filter(pk=langst["id"]).first() if langst else None
    return gekozen, superuser, beheerder.gebruiker if beheerder else superuser, actie


def _paginas(agenda: Agenda, superuser: Any, beheerder: Any, actie: Actie | None) -> list[Pagina]:
    """The login page first (the reference), then every main page of `agenda`."""
    boven, wie = _client(superuser), _client(beheerder)
    slug = {"slug": agenda.slug}
    werkgroep = agenda.werkgroepen.annotate(n=Count("acties")).order_by("-n", "pk").first()
    vergadering = (
        Vergadering.objects.filter(orgaan__agenda=agenda)
        .annotate(n=Count("punten"))
        .order_by("-n", "pk")
        .first()
    )
    lijst = reverse("actie_lijst", kwargs=slug)
    gefilterd = f"{lijst}?status={Status.GEPLAND}&status={Status.LOPEND}"
    if werkgroep is not None:
        gefilterd += f"&werkgroep={werkgroep.pk}"
    paginas = [
        Pagina("inlogpagina", reverse("login"), _client()),
        # The least a logged-in page costs (session, account, menu; one small form): what
        # every page below pays before its own content.
        Pagina("kleinste pagina (ingelogd)", reverse("emailvoorkeur"), wie),
        Pagina("start (superuser)", reverse("home"), boven),
        Pagina("start (beheerder)", reverse("home"), wie),
        Pagina("dashboard", reverse("agenda_dashboard", kwargs=slug), wie),
        Pagina("doelenboom", reverse("agenda_overzicht", kwargs=slug), wie),
        Pagina("acties", lijst, wie),
        Pagina("acties gefilterd", gefilterd, wie),
        Pagina("acties gesorteerd", f"{lijst}?sorteer=-deadline", wie),
    ]
    if actie is not None:
        url = reverse("actie_detail", kwargs={**slug, "pk": actie.pk})
        paginas.append(Pagina("actie (langste historie)", url, wie))
    if werkgroep is not None:
        url = reverse("werkgroep_detail", kwargs={**slug, "pk": werkgroep.pk})
        paginas.append(Pagina("werkgroep", url, wie))
    paginas.append(Pagina("overleg en vergaderingen", reverse("overleg_lijst", kwargs=slug), wie))
    if vergadering is not None:
        url = reverse("vergadering_detail", kwargs={**slug, "pk": vergadering.pk})
        paginas.append(Pagina("vergadering", url, wie))
    paginas += [
        Pagina("register", reverse("register", kwargs=slug), wie),
        Pagina("begroting", reverse("begroting", kwargs=slug), wie),
        Pagina("indicatoren", reverse("indicatoren", kwargs=slug), wie),
    ]
    paginas += [Pagina(naam, reverse(url), boven) for naam, url in ADMINLIJSTEN]

    # The first request after a change in the agenda (a chair's update, say): the logged-in
    # pages are kept per agenda version (lea/paginacache.py) and made anew then.
    def wijziging() -> None:
        agenda_gewijzigd([agenda.pk])

    paginas += [
        Pagina(f"{p.naam} (na een wijziging)", p.url, p.client, wijzig=wijziging)
        for p in paginas
        if p.client is not paginas[0].client and not p.naam.startswith(("beheer:", "kleinste"))
    ]
    gepubliceerd = openbare_agenda(agenda.slug)
    if gepubliceerd is not None:
        # The public view, for a visitor without a login: as served (from the cache) and as
        # made anew after a change.
        openbaar, bezoeker = f"/openbaar/{agenda.slug}/", Client()

        def nieuw(soort: str) -> tuple[str, ...]:
            return (cache_sleutel(gepubliceerd, soort),)

        paginas += [
            Pagina("openbaar", openbaar, bezoeker),
            Pagina("openbaar (nieuw gemaakt)", openbaar, bezoeker, nieuw("pagina")),
            Pagina(
                "open data JSON (nieuw)", f"{openbaar}data/agenda.json", bezoeker, nieuw("json")
            ),
            Pagina(
                "open data CSV (nieuw)", f"{openbaar}data/acties.csv", bezoeker, nieuw("csv:acties")
            ),
        ]
    return paginas


def meet(paginas: list[Pagina], herhaal: int) -> None:
    """A warm-up request and a counted one per page, then `herhaal` timed rounds over all;
    the pages measured after a change last, as their change makes every page of the agenda
    anew."""
    for groep in (
        [p for p in paginas if p.wijzig is None],
        [p for p in paginas if p.wijzig is not None],
    ):
        for pagina in groep:
            pagina.vraag()
            with CaptureQueriesContext(connection) as queries:
                pagina.vraag()
            pagina.queries = len(queries)
        for _ronde in range(herhaal):
            for pagina in groep:
                pagina.tijden.append(pagina.vraag())


def doelen_gemist(paginas: list[Pagina], max_queries: int, max_factor: float) -> Iterator[str]:
    """A line per target a page misses (the login page is the reference, not a page; a page
    made anew, without its cache, is held to the query target only)."""
    inlog = paginas[0].mediaan
    for pagina in paginas[1:]:
        if pagina.queries > max_queries:
            yield f"BOVEN DOEL: {pagina.naam}: {pagina.queries} queries (doel ≤ {max_queries})"
        if pagina.mediaan > max_factor * inlog and not pagina.nieuw_gemaakt:
            yield (
                f"BOVEN DOEL: {pagina.naam}: {pagina.mediaan / inlog:.1f}x de inlogpagina "
                f"(doel ≤ {max_factor:g}x)"
            )


def tabel(paginas: list[Pagina]) -> Iterator[str]:
    breed = max(len(p.naam) for p in paginas)
    url = max(len(p.url) for p in paginas)
    inlog = paginas[0].mediaan
    yield (
        f"{'pagina':<{breed}}  {'URL':<{url}}  {'queries':>7}  {'mediaan ms':>10}  "
        f"{'p90 ms':>8}  {'x inlog':>7}"
    )
    for p in paginas:
        yield (
            f"{p.naam:<{breed}}  {p.url:<{url}}  {p.queries:>7}  {p.mediaan:>10.1f}  "
            f"{p.p90:>8.1f}  {p.mediaan / inlog:>7.1f}"
        )


def voer_uit(
    stdout: OutputWrapper,
    /,  # call_command(stdout=...) leaves its own `stdout` in the options too
    *,
    landelijk: bool = False,
    agenda: str | None = None,
    herhaal: int = 20,
    streng: bool = False,
    max_queries: int = DOEL_QUERIES,
    max_factor: float = DOEL_FACTOR,
    **opties: Any,
) -> None:
    if herhaal < 1:
        raise CommandError("--herhaal is minstens 1.")
    gekozen, superuser, beheerder, actie = _kies(landelijk, agenda)
    # DEBUG off as in production; the second factor is not asked (the measured sessions are
    # made without a password, so they cannot have passed it).
    instellingen = {
        "ALLOWED_HOSTS": ["testserver"],
        "DEBUG": False,
        "LEA_OPENBAAR_PER_MINUUT": 100_000,  # one address asks the public view many times
    }
    with override_settings(**instellingen, LEA_TWEEDE_FACTOR_VERPLICHT=False):
        paginas = _paginas(gekozen, superuser, beheerder, actie)
        try:
            stdout.write(
                f"{gekozen.slug}: {gekozen.acties.count()} acties; als "
                f"{beheerder.get_username()} en (start, beheer) {superuser.get_username()}; "
                f"{herhaal} metingen per pagina"
            )
            meet(paginas, herhaal)
        finally:
            # Their sessions are the only rows a run leaves: removed without a logout, which
            # would write the audit log.
            for client in {id(p.client): p.client for p in paginas}.values():
                client.session.delete()
    for regel in tabel(paginas):
        stdout.write(regel)
    gemist = list(doelen_gemist(paginas, max_queries, max_factor))
    for regel in gemist:
        stdout.write(regel)
    if not gemist:
        stdout.write(
            f"Alle pagina's binnen de doelen (≤ {max_queries} queries, ≤ {max_factor:g}x de "
            "inlogpagina)."
        )
    elif streng:
        raise CommandError(f"{len(gemist)} keer boven doel.")
