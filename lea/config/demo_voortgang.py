"""A made-up progress history for a demo agenda, so that its dashboard, trends, reporting view
and reports show a living agenda on first run.

Deterministic: the same agenda on the same day gets the same history (a random generator
seeded with the agenda's slug). Every update is marked `demo` and lies within the agenda's
period and on or before today, in the last weeks of a reporting period. The werkgroepen report
in each of the last four periods (the current one from four weeks in), all of them once in the
period before those, and an action whose timing had begun by then once more two periods
earlier: two to five updates per action. Most are green with a rising percentage; some
turn orange or red, some are afgerond (100 %) and stop there. The first werkgroep left a few
actions out of the oldest of the four periods and has not reported in the current one yet; in
an agenda with two werkgroepen or more the last one has not reported in the last two periods:
the reporting view shows its gaps.

Written in bulk (the demo is loaded by many tests): the updates with their history, then the
actions' cached state from their latest update (`actie_volg_voortgang`'s rule, for all at
once) with a history row each and its many-to-many sets, as a save would write them.
"""

import datetime
import random
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, Exists, OuterRef, Subquery, When
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lea.models import Agenda
from lea.perioden import rapportageperiode
from lea.services.versie import agenda_gewijzigd
from werkgroepen.models import VOORTGANG_VOLGORDE, Actie, Rag, Status, Voortgang

# Updates from the first of January of last year: a history over this year and the last.
JAREN_TERUG = 1
# The last periods in which the werkgroepen report regularly (the reporting view's columns).
LAATSTE = 4
# The current period is reported on from this many days after its start.
AANLOOP_HUIDIG = 28
# Updates fall in the last weeks of their period.
SPREIDING = 20
# The most updates an action gets.
HOOGSTENS = 5

TOELICHTINGEN: dict[str, tuple[str, ...]] = {
    "gepland": (
        "De voorbereiding loopt; we starten zodra de partners hun inzet hebben bevestigd.",
        "Nog niet gestart: eerst ronden we de inventarisatie bij de scholen af.",
    ),
    "groen": (
        "Op schema. De werkgroep heeft de aanpak besproken en de eerste afspraken vastgelegd.",
        "De eerste bijeenkomsten met ouders zijn gehouden; de opkomst was goed.",
        "Het plan van aanpak is klaar en besproken in het directeurenoverleg.",
        "De uitvoering loopt volgens plan; de scholen doen mee zoals afgesproken.",
        "Er is een kartrekker aangesteld en de planning voor dit schooljaar staat.",
        "De pilot op twee scholen loopt; de eerste ervaringen zijn positief.",
        "Met de kinderopvang zijn werkafspraken gemaakt over de warme overdracht.",
        "De eerste ronde is geëvalueerd; we passen de aanpak op onderdelen aan.",
    ),
    "oranje": (
        "Vertraging door personeelstekort bij de partners; we houden de planning in de gaten.",
        "Minder deelnemers dan verwacht. Met de scholen zoeken we naar betere werving.",
        "De afstemming met de samenwerkingsverbanden kost meer tijd dan gepland.",
        "De kosten vallen hoger uit dan begroot; een voorstel voor dekking volgt.",
    ),
    "rood": (
        "Loopt achter: de uitvoerder is uitgevallen en er is nog geen vervanging. "
        "Een besluit van de stuurgroep is nodig.",
        "De deadline is niet gehaald. De werkgroep legt een nieuwe planning voor aan de "
        "stuurgroep.",
        "De financiering voor volgend jaar is onzeker; zonder besluit stopt de uitvoering.",
    ),
    "uitgesteld": ("Uitgesteld tot het volgende schooljaar, op verzoek van de schoolbesturen.",),
    "afgerond": (
        "Afgerond. De resultaten zijn gedeeld met de stuurgroep en de scholen.",
        "Afgerond: de afspraken zijn vastgelegd en horen nu bij de gewone werkwijze.",
        "Opgeleverd en geëvalueerd; de aanbevelingen nemen we mee in het jaarplan.",
    ),
}

# The fields an action caches from its latest update.
STAND = ("status", "percentage", "rag_tijd", "rag_geld", "voortgang_datum")


@dataclass(frozen=True)
class Periode:
    begin: datetime.date
    eind: datetime.date


def heeft_demo_voortgang(agenda: Agenda) -> bool:
    return Voortgang.objects.filter(actie__agenda=agenda, demo=True).exists()


@transaction.atomic
def demo_voortgang_maak(
    agenda: Agenda, *, beleid: Any, vandaag: datetime.date | None = None
) -> int:
    """Give the agenda's actions their demo history, unless it has one already; returns the
    number of updates made. `beleid` (the beleid account) writes for a werkgroep without a
    chair account and for actions without a werkgroep."""
    vandaag = vandaag or timezone.localdate()
    if heeft_demo_voortgang(agenda):
        return 0
    acties = list(
        Actie.objects.filter(agenda=agenda)
        .actief()
        .select_related("werkgroep__voorzitter__gebruiker")
        .order_by("volgorde", "pk")
    )
    for actie in acties:
        actie.agenda = agenda  # read for its period, without a query per action
    perioden = _perioden(agenda, vandaag)
    if not acties or not perioden:
        return 0
    rng = random.Random(agenda.slug)  # noqa: S311  # made-up data, not a secret
    volgorde = sorted(
        {a.werkgroep for a in acties if a.werkgroep},
        key=lambda w: (w.volgorde, w.naam, w.pk),
    )
    eerste = volgorde[0].pk if volgorde else None
    stil = volgorde[-1].pk if len(volgorde) >= 2 else None
    updates: list[Voortgang] = []
    plek: dict[int | None, int] = defaultdict(int)  # the action's place in its werkgroep
    for actie in acties:
        groep = actie.werkgroep_id
        meldt = _meldperioden(actie, perioden, vandaag, eerste, stil, plek[groep])
        plek[groep] += 1
        door = _door(actie, beleid)
        updates.extend(_reeks(actie, meldt, vandaag, rng, door))
    _bewaar(updates)
    _volg_laatste(acties)
    agenda_gewijzigd([agenda.pk])  # the bulk writes above send no signals
    return len(updates)


def _perioden(agenda: Agenda, vandaag: datetime.date) -> list[Periode]:
    """The agenda's reporting periods from the start of last year (or its own start) up to
    and including the current one, within its own run."""
    begin = max(agenda.periode_start, datetime.date(vandaag.year - JAREN_TERUG, 1, 1))
    eind = min(agenda.periode_eind, vandaag)
    perioden: list[Periode] = []
    datum = begin
    while datum <= eind:
        periode = Periode(*rapportageperiode(agenda.rapportageperiode, datum))
        perioden.append(periode)
        datum = periode.eind + datetime.timedelta(days=1)
    return perioden


def _meldperioden(
    actie: Actie,
    perioden: list[Periode],
    vandaag: datetime.date,
    eerste: int | None,
    stil: int | None,
    plek: int,
) -> list[Periode]:
    """The periods in which this action gets an update: at most HOOGSTENS."""
    laatste, eerder = perioden[-LAATSTE:], perioden[:-LAATSTE]
    groep = actie.werkgroep_id
    meldt = []
    if len(eerder) >= 3 and actie.timing_start and actie.timing_start <= eerder[-3].begin:
        meldt.append(eerder[-3])  # under way by then: reported halfway the year before too
    if eerder:  # every werkgroep reported at the end of the year before
        meldt.append(eerder[-1])
    for i, periode in enumerate(laatste):
        huidig = periode.eind >= vandaag
        if huidig and (vandaag - periode.begin).days < AANLOOP_HUIDIG:
            continue  # too early in the period: nobody has reported yet
        if groep is not None and groep == stil and i >= len(laatste) - 2:
            continue  # the werkgroep that fell silent
        if groep is not None and groep == eerste and (huidig or (i == 0 and plek % 4 == 3)):
            continue  # the first werkgroep: some left out, the current period still to do
        meldt.append(periode)
    return meldt[-HOOGSTENS:]


def _door(actie: Actie, beleid: Any) -> Any:
    """The werkgroep's chair when the chair has an account, else the beleid account."""
    werkgroep = actie.werkgroep
    if werkgroep and werkgroep.voorzitter and werkgroep.voorzitter.gebruiker_id:
        return werkgroep.voorzitter.gebruiker
    return beleid


def _uitkomst(actie: Actie, vandaag: datetime.date, rng: random.Random) -> str:
    """Where the action ends up today: mostly green, some orange or red, some afgerond."""
    if actie.timing_start and actie.timing_start > vandaag:
        return "gepland"
    kans = rng.random()
    if actie.timing_eind and actie.timing_eind < vandaag:  # past its deadline
        return "afgerond" if kans < 0.5 else "rood" if kans < 0.8 else "oranje"
    for uitkomst, grens in (
        ("afgerond", 0.14),
        ("rood", 0.23),
        ("oranje", 0.35),
        ("uitgesteld", 0.38),
    ):
        if kans < grens:
            return uitkomst
    return "groen"


def _reeks(
    actie: Actie, meldt: list[Periode], vandaag: datetime.date, rng: random.Random, door: Any
) -> list[Voortgang]:
    """The action's updates, one in each period of `meldt`, climbing to its outcome."""
    uitkomst = _uitkomst(actie, vandaag, rng)
    if uitkomst == "afgerond" and len(meldt) > 2:
        # Done in the period of its deadline, or somewhere after its second update.
        klaar = next(
            (i for i, p in enumerate(meldt) if actie.timing_eind and p.eind >= actie.timing_eind),
            rng.randrange(1, len(meldt)),
        )
        meldt = meldt[: max(klaar, 1) + 1]
    doel = {"rood": rng.randint(2, 8), "oranje": rng.randint(5, 12)}.get(
        uitkomst, rng.randint(6, 17)
    )
    geld = Rag.ORANJE if rng.random() < 0.1 else Rag.GROEN
    agenda = actie.agenda
    reeks: list[Voortgang] = []
    for n, periode in enumerate(meldt, start=1):
        slot = n == len(meldt)
        laatste_dag = min(periode.eind, agenda.periode_eind, vandaag)
        eerste_dag = max(periode.begin, agenda.periode_start)
        if periode.eind >= vandaag:  # the current period: since its first weeks
            eerste_dag = max(eerste_dag, periode.begin + datetime.timedelta(AANLOOP_HUIDIG))
        ruimte = min(SPREIDING, (laatste_dag - eerste_dag).days)
        datum = laatste_dag - datetime.timedelta(days=rng.randint(0, max(ruimte, 0)))
        soort, status, tijd = _stap(actie, uitkomst, datum, n, len(meldt))
        if status == Status.AFGEROND:
            percentage = 100
        elif status == Status.GEPLAND:
            percentage = 0
        else:  # climbing towards 5 * doel
            percentage = max(5, min(95, 5 * (doel * n // len(meldt))))
        if uitkomst == "rood" and slot and doel < 4:
            rag_geld = Rag.ROOD
        else:
            rag_geld = geld if slot else Rag.GROEN
        update = Voortgang(
            actie=actie,
            datum=datum,
            status=status,
            rag_tijd=tijd,
            rag_geld=rag_geld,
            percentage=percentage,
            toelichting=rng.choice(TOELICHTINGEN[soort]),
            door=door,
            demo=True,
            # About a third shown in the public view, chosen without the generator so that
            # the rest of the history stays as it was.
            openbaar=(actie.pk + n) % 3 == 0,
        )
        # Entered on its date, in office hours (never later than now).
        moment = datetime.datetime.combine(datum, datetime.time(9 + n % 8, rng.randrange(60)))
        update.aangemaakt = min(timezone.make_aware(moment), timezone.now())
        reeks.append(update)
    return reeks


def _stap(
    actie: Actie, uitkomst: str, datum: datetime.date, n: int, aantal: int
) -> tuple[str, Status, Rag]:
    """The kind of text, the status and the RAG for time of update n of `aantal`."""
    slot = n == aantal
    if uitkomst == "gepland" or (actie.timing_start and actie.timing_start > datum):
        return "gepland", Status.GEPLAND, Rag.GROEN
    if slot and uitkomst in ("afgerond", "uitgesteld"):
        return uitkomst, Status(uitkomst), Rag.GROEN if uitkomst == "afgerond" else Rag.ORANJE
    if uitkomst == "rood" and n >= aantal - 1:
        return ("rood", Status.LOPEND, Rag.ROOD) if slot else ("oranje", Status.LOPEND, Rag.ORANJE)
    if uitkomst == "oranje" and slot:
        return "oranje", Status.LOPEND, Rag.ORANJE
    return "groen", Status.LOPEND, Rag.GROEN


def _bewaar(updates: list[Voortgang]) -> None:
    """Insert the updates with their "+" history rows, each with its own entry moment."""
    for update in updates:
        update._history_date = update.aangemaakt  # type: ignore[attr-defined]  # simple-history
        update._history_user = update.door  # type: ignore[attr-defined]
    with _eigen_moment():
        Voortgang.objects.bulk_create(updates)
    Voortgang.history.bulk_history_create(updates, default_change_reason=None)


# Held while `aangemaakt` keeps the value set on the object.
_MOMENT = threading.Lock()


@contextmanager
def _eigen_moment() -> Iterator[None]:
    """Let `Voortgang.aangemaakt` (auto_now_add) keep the moment set on each update: an insert
    would stamp the moment of the run on updates dated months back. Only the demo command
    runs this, before anyone uses the installation; the switch is back in place at once."""
    veld = Voortgang._meta.get_field("aangemaakt")
    with _MOMENT:
        veld.auto_now_add = False
        try:
            yield
        finally:
            veld.auto_now_add = True


@transaction.atomic
def demo_voortgang_verwijder(agenda: Agenda) -> int:
    """Remove the agenda's demo progress: its actions return to their latest other update, or
    to the state they were created with (as transcribed); returns the number removed. For
    `demo --zonder-voortgang` and for tests that need the agenda as transcribed."""
    demo = Voortgang.objects.filter(actie__agenda=agenda, demo=True)
    acties = list(Actie.objects.filter(pk__in=demo.values("actie")))
    Voortgang.history.filter(id__in=demo.values("pk")).delete()
    aantal, _ = demo.delete()
    _volg_laatste(acties)
    agenda_gewijzigd([agenda.pk])
    return aantal


def _volg_laatste(acties: list[Actie]) -> None:
    """Each action's state becomes that of its latest update (`Voortgang.objects.laatste()`),
    or without any, the state it was created with; one UPDATE for all, then a "~" history row
    each by that update's author, its many-to-many sets included, as a save writes them."""
    if not acties:
        return
    updates = Voortgang.objects.filter(actie=OuterRef("pk"))
    laatste = updates.order_by(*VOORTGANG_VOLGORDE)
    begin = Actie.history.filter(id=OuterRef("pk"), history_type="+").order_by("history_date")
    bronnen = {"voortgang_datum": "datum"}
    gewijzigd = Actie.objects.filter(pk__in=[a.pk for a in acties])
    gewijzigd.update(
        **{
            veld: Case(
                When(Exists(updates), then=Subquery(laatste.values(bronnen.get(veld, veld))[:1])),
                default=Subquery(begin.values(veld)[:1]),
            )
            for veld in STAND
        }
    )
    auteurs = {
        update.actie_id: update.door
        for update in Voortgang.objects.filter(
            pk__in=gewijzigd.annotate(laatste=Subquery(laatste.values("pk")[:1])).values("laatste")
        ).select_related("door")
    }
    nieuw = list(gewijzigd.order_by("pk"))
    for actie in nieuw:
        actie._history_user = auteurs.get(actie.pk)  # type: ignore[attr-defined]
    # No change reason, as a save leaves it (a reason says the change came from an import).
    rijen = Actie.history.bulk_history_create(nieuw, update=True, default_change_reason=None)
    for veld in (Actie._meta.get_field("regie"), Actie._meta.get_field("partners")):
        tussen = getattr(Actie, veld.name).through
        per_actie: dict[int, list[Any]] = defaultdict(list)
        for koppeling in tussen.objects.filter(actie__in=nieuw):
            per_actie[koppeling.actie_id].append(koppeling)
        historisch = HistoricalRecords.m2m_models[veld]
        historisch.objects.bulk_create(
            historisch(
                history=rij, **{f.attname: getattr(k, f.attname) for f in tussen._meta.fields}
            )
            for rij in rijen
            for k in per_actie[rij.id]
        )
