"""python manage.py benchmark landelijk [--gemeenten N] [--stadacties N] [--updates N]
[--stadupdates N] [--bewerkingen N] [--seed N] [--leeg]

Fills the configured database with the national dataset, through the models: N municipalities
of realistic shape (about 90 actions with their progress updates, bodies and meetings,
werkgroepen, a budget, indicators, people with roles) and one large city, in which one action
has a long edit history. The accounts and slugs are those of `lea.config.benchmark`.
Deterministic for a seed; refuses to run over an existing dataset unless --leeg removes it.
"""

import datetime
import random
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone

from ambities.models import BeoogdResultaat, BestuurlijkeKeuze, Knoop
from lea.config.benchmark import (
    BEHEERDER,
    BEWERKT_TITEL,
    GEMEENTE_PREFIX,
    STAD_SLUG,
    SUPERUSER,
    WACHTWOORD,
)
from lea.config.benchmark.bestuur import geld_maak, overleg_maak
from lea.config.benchmark.maak import PLANNINGEN, Gemeente, Schrijver, Vorm, verwijder
from lea.config.benchmark.structuur import (
    acties_maak,
    boom_maak,
    kern_maak,
    planning_van,
    updates_van,
)
from lea.models import Agenda, Lidmaatschap, Organisatie, Persoon, Publicatie, Rol, Uitgangspunt
from lea.models.publicatie import BegrotingOpenbaar
from lea.services import bewaar
from lea.services.versie import agenda_gewijzigd
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    Indicator,
    Meting,
    Realisatie,
)
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Besluit,
    Orgaanlid,
    Overlegorgaan,
    Stuk,
    Vergadering,
    Verzending,
)
from werkgroepen.models import Actie, Opmerking, Voortgang, Werkgroep
from werkgroepen.services.acties import actie_bewerk, actie_maak, actie_volg_voortgang

# Municipalities per transaction (and so per bulk insert): large inserts, bounded memory.
BLOK = 25
_VERGADERING = "vergadering__orgaan__agenda"
# Every model the dataset holds rows of (or a later measurement may add), with the lookup from
# it to its agenda, in the order of creation: --leeg deletes them in the reverse order.
MODELLEN = [
    (Organisatie, "agenda"),
    (Persoon, "agenda"),
    (Lidmaatschap, "agenda"),
    (Uitgangspunt, "agenda"),
    (Knoop, "agenda"),
    (BestuurlijkeKeuze, "knoop__agenda"),
    (BeoogdResultaat, "knoop__agenda"),
    (Werkgroep, "agenda"),
    (Actie, "agenda"),
    (Voortgang, "actie__agenda"),
    (Opmerking, "actie__agenda"),
    (Overlegorgaan, "agenda"),
    (Orgaanlid, "orgaan__agenda"),
    (Vergadering, "orgaan__agenda"),
    (Aanwezigheid, _VERGADERING),
    (Stuk, _VERGADERING),
    (Verzending, _VERGADERING),
    (Agendapunt, _VERGADERING),
    (Besluit, f"agendapunt__{_VERGADERING}"),
    (Actiepunt, f"agendapunt__{_VERGADERING}"),
    (Begroting, "agenda"),
    (Begrotingspost, "begroting__agenda"),
    (Begrotingsbedrag, "post__begroting__agenda"),
    (Realisatie, "begrotingsbedrag__post__begroting__agenda"),
    (Financiering, "begroting__agenda"),
    (Financieringsbedrag, "financiering__begroting__agenda"),
    (Indicator, "agenda"),
    (Meting, "indicator__agenda"),
]
_BEGIN = ("Noord", "Oost", "Zuid", "West", "Groot", "Klein", "Nieuw", "Oud")
_EIND = ("dam", "dorp", "veen", "hoven", "wijk", "broek", "horst", "rade", "berg", "meer")


def argumenten(parser: CommandParser) -> None:
    groep = parser.add_argument_group("landelijk")
    groep.add_argument("--gemeenten", type=int, default=342, help="aantal gemeenten")
    groep.add_argument("--stadacties", type=int, default=1000, help="acties van de grote stad")
    groep.add_argument("--updates", type=int, default=15, help="voortgang per actie (gemeente)")
    groep.add_argument("--stadupdates", type=int, default=20, help="voortgang per actie (stad)")
    groep.add_argument("--bewerkingen", type=int, default=200, help="bewerkingen van één actie")
    groep.add_argument("--seed", type=int, default=1)
    groep.add_argument(
        "--leeg", action="store_true", help="verwijder eerst een bestaande landelijke dataset"
    )


def voer_uit(
    uit: OutputWrapper,
    /,
    *,
    gemeenten: int,
    stadacties: int,
    updates: int,
    stadupdates: int,
    bewerkingen: int,
    seed: int,
    leeg: bool,
    **opties: Any,
) -> None:
    begin = time.perf_counter()
    if _bestaand():
        if not leeg:
            raise CommandError(
                "Deze database bevat al een landelijke dataset. Gebruik --leeg om die eerst "
                "te verwijderen."
            )
        uit.write("Bestaande landelijke dataset verwijderen …")
        leeg_maak()
    vandaag = timezone.localdate()
    wachtwoord = make_password(WACHTWOORD)
    schrijver = Schrijver()
    lijst = [_gemeente(n, Vorm(acties=0, updates=updates), seed) for n in range(1, gemeenten + 1)]
    blokken = [lijst[i : i + BLOK] for i in range(0, len(lijst), BLOK)]
    # On PostgreSQL two blocks at a time, each in its own thread and connection: one is
    # prepared in Python while the server stores the other (the GIL is free while it waits).
    gedaan = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        if connection.vendor == "postgresql" and len(blokken) > 1:
            taken = [pool.submit(_blok, schrijver, b, vandaag, wachtwoord, True) for b in blokken]
            aantallen = (taak.result() for taak in as_completed(taken))
        else:  # SQLite, or a single block (a test's transaction): in this thread
            aantallen = (_blok(schrijver, b, vandaag, wachtwoord, False) for b in blokken)
        for aantal in aantallen:
            gedaan += aantal
            uit.write(f"  {gedaan}/{gemeenten} gemeenten ({time.perf_counter() - begin:.0f} s)")
    vorm = Vorm(
        acties=stadacties,
        updates=stadupdates,
        werkgroepen=15,
        personen=60,
        organen=10,
        vergaderingen=8,
        niveau1=(6, 6),
        niveau2=(4, 4),
    )
    stad = _gemeente(0, vorm, seed)
    with transaction.atomic():
        _vul(schrijver, [stad], vandaag, wachtwoord)
        beheerder = _accounts(stad, wachtwoord)
        historie = _bewerk(schrijver, stad, bewerkingen, beheerder, vandaag)
        _publiceer(beheerder)
    # The rows above were written in bulk, without the signals: every agenda gets its version.
    agenda_gewijzigd()
    uit.write(f"  stad {STAD_SLUG} ({time.perf_counter() - begin:.0f} s)")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What autovacuum gives a running installation soon after such a load: statistics
        # (without them the planner takes the city for an agenda of a dozen actions and scans
        # every progress update) and the visibility map that lets an index answer alone.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE)")
        uit.write(f"  statistieken bijgewerkt ({time.perf_counter() - begin:.0f} s)")
    _samenvatting(uit, schrijver.historie + historie, time.perf_counter() - begin)


def _publiceer(beheerder: Any) -> None:
    """The city's public view, with its budget per line and a third of its progress public:
    what `benchmark paginas` measures at /openbaar/."""
    agenda = Agenda.objects.get(slug=STAD_SLUG)
    Voortgang.objects.annotate(rest=F("pk") % 3).filter(actie__agenda=agenda, rest=0).update(
        openbaar=True
    )
    Publicatie.objects.create(
        agenda=agenda,
        gepubliceerd_op=timezone.now(),
        gepubliceerd_door=beheerder,
        toon_begroting=BegrotingOpenbaar.REGEL,
        inleiding="Zo werken gemeente, scholen en kinderopvang samen aan goed onderwijs.",
    )


def _blok(
    schrijver: Schrijver,
    blok: list[Gemeente],
    vandaag: datetime.date,
    wachtwoord: str,
    eigen_verbinding: bool,
) -> int:
    try:
        with transaction.atomic():
            _vul(schrijver, blok, vandaag, wachtwoord)
    finally:
        if eigen_verbinding:
            connections.close_all()  # this thread's connections only
    return len(blok)


def _bestaand() -> bool:
    return (
        Agenda.objects.filter(slug__startswith=GEMEENTE_PREFIX).exists()
        or get_user_model().objects.filter(username__startswith=GEMEENTE_PREFIX).exists()
    )


@transaction.atomic
def leeg_maak() -> None:
    """Delete the landelijk agendas, everything under them and their logins."""
    agendas = Agenda.objects.filter(slug__startswith=GEMEENTE_PREFIX)
    ids = list(agendas.values_list("pk", flat=True))
    verwijder(MODELLEN, ids)
    # What remains under the agendas (a notification, a queued job) goes the ordinary way;
    # then the agendas' own history, including the "-" rows that delete just wrote.
    agendas.delete()
    verwijder([(Agenda, "id")], ids)
    get_user_model().objects.filter(username__startswith=GEMEENTE_PREFIX).delete()


def _gemeente(n: int, vorm: Vorm, seed: int) -> Gemeente:
    """Municipality n (1 …), or the city for n = 0, with its own random stream."""
    slug = STAD_SLUG if n == 0 else f"{GEMEENTE_PREFIX}{n:03d}"
    rng = random.Random(f"{seed}:{slug}")  # noqa: S311  # made-up data, not a secret
    if n:
        naam = _BEGIN[(n - 1) // len(_EIND) % len(_BEGIN)] + _EIND[(n - 1) % len(_EIND)]
        ronde = (n - 1) // (len(_BEGIN) * len(_EIND))
        naam += f" {ronde + 1}" if ronde else ""
        vorm = Vorm(acties=rng.randint(80, 100), updates=vorm.updates)
    else:
        naam = "Grootstad"
    start = datetime.date(2024, 1, 1) if rng.random() < 0.7 else datetime.date(2024, 8, 1)
    agenda = Agenda(
        slug=slug,
        gemeente=naam,
        titel=f"Lokale Educatieve Agenda {naam} {start.year}-{start.year + 4}",
        periode_start=start,
        periode_eind=start.replace(year=start.year + 4) - datetime.timedelta(days=1),
        hoofdambitie="Ieder kind krijgt de kansen die het verdient.",
        niveau2_naam="Speerpunt",
        niveau2_meervoud="Speerpunten",
    )
    return Gemeente(agenda=agenda, vorm=vorm, rng=rng)


def _vul(
    schrijver: Schrijver, gemeenten: list[Gemeente], vandaag: datetime.date, wachtwoord: str
) -> None:
    kern_maak(schrijver, gemeenten, wachtwoord)
    boom_maak(schrijver, gemeenten)
    acties_maak(schrijver, gemeenten, vandaag)
    overleg_maak(schrijver, gemeenten, vandaag)
    geld_maak(schrijver, gemeenten, vandaag)


def _accounts(stad: Gemeente, wachtwoord: str) -> Any:
    """The superuser (sees every agenda) and the beheerder of the city only."""
    gebruikers = get_user_model().objects
    gebruikers.create(
        username=SUPERUSER, password=wachtwoord, is_superuser=True, is_staff=True,
        first_name="Landelijke", last_name="meting",
    )  # fmt: skip
    beheerder = gebruikers.create(
        username=BEHEERDER, password=wachtwoord, first_name="Beheerder",
        last_name=stad.agenda.gemeente, email=f"{BEHEERDER}@lea.example",
    )  # fmt: skip
    bewaar(Lidmaatschap(agenda=stad.agenda, gebruiker=beheerder, rol=Rol.BEHEERDER))
    bewaar(
        Persoon(
            agenda=stad.agenda,
            naam=beheerder.get_full_name(),
            functie="beleidsadviseur onderwijs",
            organisatie=stad.organisaties[0],
            email=beheerder.email,
            gebruiker=beheerder,
        )
    )
    return beheerder


def _bewerk(
    schrijver: Schrijver, stad: Gemeente, aantal: int, beheerder: Any, vandaag: datetime.date
) -> int:
    """One city action edited `aantal` times through the service, by turns of several
    people, changing its texts, planning, werkgroep, lead organisations and person, node;
    then dated over the period as if those edits had been made over the years. Returns the
    number of history rows it has."""
    rng, orgs, agenda = stad.rng, stad.organisaties, stad.agenda
    door = [beheerder, *stad.gebruikers]
    velden = {"knoop": stad.niveau2[0], "titel": BEWERKT_TITEL, "werkgroep": stad.werkgroepen[0]}
    actie = actie_maak(agenda=agenda, door=beheerder, velden=velden, regie=orgs[:1])
    for i in range(1, aantal + 1):
        wijzig: dict[str, Any] = {
            "bereiken": f"Bijgestelde doelen, versie {i}.",
            "doen": f"Aanpak na overleg in de werkgroep, versie {i}.",
        }
        if i % 2:
            tekst = PLANNINGEN[i % len(PLANNINGEN)]
            planning = planning_van(tekst, agenda.periode_start, agenda.periode_eind)
            wijzig |= {"timing_tekst": tekst, "timing_soort": planning.soort}
            wijzig |= {"timing_start": planning.start, "timing_eind": planning.eind}
        if i % 3 == 0:
            wijzig["werkgroep"] = stad.werkgroepen[i % len(stad.werkgroepen)]
        if i % 5 == 0:
            wijzig["regie_persoon"] = stad.personen[i % len(stad.personen)]
        if i % 7 == 0:
            wijzig["knoop"] = stad.niveau2[i % len(stad.niveau2)]
        m2m: dict[str, Iterable[Any]] | None = (
            {"regie": rng.sample(orgs, 2)} if i % 4 == 0 else None
        )
        actie = actie_bewerk(
            actie=actie, door=door[i % len(door)], versie=actie.versie, velden=wijzig, m2m=m2m
        )
    reeks = updates_van(stad, actie, beheerder.pk, vandaag)
    for update in reeks:
        update.actie_id = actie.pk
    schrijver.maak(Voortgang, reeks, historie=False)
    actie_volg_voortgang(actie=Actie.objects.get(pk=actie.pk), door=beheerder)
    return _dateer(actie, stad.begin)


def _dateer(actie: Actie, vanaf: datetime.datetime) -> int:
    """Spread the action's history rows evenly from `vanaf` to an hour ago, in their order;
    a row a many-to-many change wrote before the save gets the author of the save."""
    rijen: list[Any] = list(actie.history.order_by("history_id"))
    stap = (timezone.now() - datetime.timedelta(hours=1) - vanaf) / max(len(rijen), 1)
    for i, rij in enumerate(rijen):
        rij.history_date = vanaf + stap * i
    for rij, volgende in zip(reversed(rijen[:-1]), reversed(rijen[1:]), strict=True):
        rij.history_user_id = rij.history_user_id or volgende.history_user_id
    type(rijen[0]).objects.bulk_update(rijen, ["history_date", "history_user"])
    return len(rijen)


def _samenvatting(uit: OutputWrapper, historie: int, seconden: float) -> None:
    onder = "agenda__slug__startswith"
    tellingen = [
        ("agenda's", Agenda.objects.filter(slug__startswith=GEMEENTE_PREFIX)),
        ("acties", Actie.objects.filter(**{onder: GEMEENTE_PREFIX})),
        ("voortgangsrapportages", Voortgang.objects.filter(**{f"actie__{onder}": GEMEENTE_PREFIX})),
        ("overlegorganen", Overlegorgaan.objects.filter(**{onder: GEMEENTE_PREFIX})),
        ("vergaderingen", Vergadering.objects.filter(**{f"orgaan__{onder}": GEMEENTE_PREFIX})),
    ]
    for naam, queryset in tellingen:
        uit.write(f"{naam:<24}{queryset.count():>10}")
    uit.write(f"{'historierijen':<24}{historie:>10}")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            uit.write(f"{'database':<24}{cursor.fetchone()[0]:>10}")
    uit.write(f"{'tijd':<24}{seconden:>9.0f}s")
