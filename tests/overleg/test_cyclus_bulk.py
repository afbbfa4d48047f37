"""The daily cycle in bulk: the planner, the follow-up after a meeting and the coverage signal
take the same number of queries for ten times the bodies, meetings or agendas, and still do
what the secretary and the beheerder rely on (the same meetings, reminders and signals)."""

import datetime
import math
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lea.models import Melding, Rol
from overleg.models import (
    Actiepunt,
    Agendapunt,
    Overlegorgaan,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from overleg.services import cyclus
from overleg.services.planner import VOORUIT, geplande_data
from tests.factories import AgendaFactory, GebruikerFactory, lidmaatschap

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
VANDAAG = datetime.date(2026, 11, 22)
NU = datetime.datetime(2026, 11, 22, 6, 30, tzinfo=AMS)


def _organen(aantal: int, *, periode_eind: datetime.date = datetime.date(2028, 12, 31)):
    """`aantal` bodies, each in its own agenda with one beheerder, 3 to 5 meetings a year."""
    organen = []
    for n in range(aantal):
        agenda = AgendaFactory(periode_eind=periode_eind)
        lidmaatschap(agenda, GebruikerFactory(), Rol.BEHEERDER)
        organen.append(
            Overlegorgaan.objects.create(
                agenda=agenda,
                naam="Stuurgroep",
                soort=Soort.STUURGROEP,
                vergaderingen_per_jaar=3 + n % 3,
            )
        )
    return organen


def _schoon() -> None:
    """Leave out the demo's meetings, so each count below is of this test's rows only."""
    Vergadering.objects.all().delete()


def _verwacht(orgaan: Overlegorgaan) -> list[tuple[int, int, datetime.datetime]]:
    """The places the planner has always filled: every date of the body's rhythm from today to
    twelve months ahead, never past the agenda's period."""
    eind = min(VANDAAG + VOORUIT, orgaan.agenda.periode_eind)
    return [
        (jaar, nummer, begin)
        for jaar in range(VANDAAG.year, eind.year + 1)
        for nummer, begin in enumerate(geplande_data(orgaan, jaar), start=1)
        if VANDAAG <= begin.date() <= eind
    ]


def _gepland(orgaan: Overlegorgaan) -> list[tuple[int, int, datetime.datetime]]:
    return list(
        orgaan.vergaderingen.order_by("begin").values_list("planjaar", "plannummer", "begin")
    )


def _inserts(vragen: CaptureQueriesContext) -> int:
    return sum(q["sql"].lstrip().upper().startswith("INSERT") for q in vragen.captured_queries)


def _plan_en_tel(organen) -> tuple[int, int, int]:
    """Run the planner; (queries other than INSERT, INSERT batches, meetings created)."""
    with CaptureQueriesContext(connection) as vragen:
        _aantal, nieuw = cyclus.alle_vergaderingen_plan(vandaag=VANDAAG)
    inserts = _inserts(vragen)
    return len(vragen.captured_queries) - inserts, inserts, nieuw


def _batches(aantal: int, model) -> int:
    """How many INSERT statements the database needs for `aantal` rows (SQLite: 999 values)."""
    velden = [f for f in model._meta.concrete_fields if not f.primary_key]
    return math.ceil(aantal / connection.ops.bulk_batch_size(velden, [None] * aantal))


@pytest.mark.parametrize("aantal", [5, 50])
def test_the_planner_fills_each_place_once_in_a_fixed_number_of_queries(aantal):
    _schoon()
    Overlegorgaan.objects.update(gearchiveerd=True)  # the demo's bodies out of the way
    organen = _organen(aantal)
    geschiedenis = Vergadering.history.filter(history_type="+").count()
    vragen, inserts, nieuw = _plan_en_tel(organen)
    assert vragen <= 6  # bodies (locked), places, the new rows back; plus the transaction
    verwacht = sum(len(_verwacht(o)) for o in organen)
    assert nieuw == verwacht
    assert inserts == _batches(nieuw, Vergadering) + _batches(nieuw, Vergadering.history.model)
    for orgaan in organen:
        assert _gepland(orgaan) == _verwacht(orgaan)
    # Every new meeting has its history row, as one made on the page has.
    assert Vergadering.history.filter(history_type="+").count() == geschiedenis + nieuw
    # A second run finds every place taken: nothing new, no INSERT at all.
    vragen2, inserts2, nieuw2 = _plan_en_tel(organen)
    assert (nieuw2, inserts2) == (0, 0)
    assert vragen2 <= vragen


def test_the_planner_asks_the_same_for_ten_times_the_bodies():
    _schoon()
    Overlegorgaan.objects.update(gearchiveerd=True)
    weinig = _plan_en_tel(_organen(5))[0]
    _schoon()
    Overlegorgaan.objects.update(gearchiveerd=True)
    assert _plan_en_tel(_organen(50))[0] == weinig


def test_archived_bodies_are_skipped_and_the_period_end_respected():
    _schoon()
    Overlegorgaan.objects.update(gearchiveerd=True)
    gewoon, gearchiveerd = _organen(2)
    Overlegorgaan.objects.filter(pk=gearchiveerd.pk).update(gearchiveerd=True)
    (kort,) = _organen(1, periode_eind=datetime.date(2027, 3, 31))
    cyclus.alle_vergaderingen_plan(vandaag=VANDAAG)
    assert len(_gepland(gewoon)) == 3
    assert _gepland(gearchiveerd) == []
    assert [begin.date() for _j, _n, begin in _gepland(kort)] == [datetime.date(2027, 2, 9)]


def test_a_moved_or_cancelled_place_is_never_filled_again():
    _schoon()
    Overlegorgaan.objects.update(gearchiveerd=True)
    (orgaan,) = _organen(1)
    cyclus.alle_vergaderingen_plan(vandaag=VANDAAG)
    eerste, tweede, _derde = orgaan.vergaderingen.order_by("begin")
    verzet = datetime.datetime(2027, 3, 2, 19, 30, tzinfo=AMS)
    eerste.begin, eerste.eind = verzet, verzet + datetime.timedelta(hours=2)
    eerste.save()
    tweede.status = VergaderStatus.GEANNULEERD
    tweede.save()
    assert cyclus.alle_vergaderingen_plan(vandaag=VANDAAG)[1] == 0
    assert orgaan.vergaderingen.count() == 3
    assert orgaan.vergaderingen.filter(begin=verzet).exists()


# --- after the meeting -------------------------------------------------------------------------


def _zonder_meldingen(vragen: CaptureQueriesContext) -> int:
    """The queries of the cycle itself: without those of the notification service (one row per
    recipient and key, its claim for the e-mail) and the savepoints around them."""
    return sum(
        "lea_melding" not in q["sql"] and "SAVEPOINT" not in q["sql"].upper()
        for q in vragen.captured_queries
    )


def _vergaderingen_met_actiepunt(aantal: int):
    """`aantal` bodies with a concept meeting last week (an open action point on it) and the
    next meeting in February; no secretary, so their beheerder is reminded."""
    _schoon()
    paren = []
    for orgaan in _organen(aantal):
        gehouden = Vergadering.objects.create(
            orgaan=orgaan,
            begin=NU - datetime.timedelta(days=7),
            eind=NU - datetime.timedelta(days=7) + datetime.timedelta(hours=2),
        )
        volgende = Vergadering.objects.create(
            orgaan=orgaan,
            begin=NU + datetime.timedelta(days=80),
            eind=NU + datetime.timedelta(days=80, hours=2),
        )
        punt = Agendapunt.objects.create(
            vergadering=gehouden, titel="Voortgang", status=PuntStatus.GEACCEPTEERD
        )
        Actiepunt.objects.create(agendapunt=punt, omschrijving=f"Notitie {orgaan.agenda.slug}")
        paren.append((orgaan, gehouden, volgende))
    return paren


def _na_vergadering_tel(aantal: int):
    paren = _vergaderingen_met_actiepunt(aantal)
    with CaptureQueriesContext(connection) as vragen:
        herinnerd = cyclus.na_vergadering(nu=NU)
    return paren, herinnerd, _zonder_meldingen(vragen)


def test_after_the_meeting_the_same_for_ten_times_the_meetings():
    paren, herinnerd, vragen = _na_vergadering_tel(3)
    assert herinnerd == 3
    for orgaan, gehouden, volgende in paren:
        gehouden.refresh_from_db()
        assert gehouden.status == VergaderStatus.GEHOUDEN
        assert gehouden.history.first().status == VergaderStatus.GEHOUDEN  # who sees: history
        beheerder = orgaan.agenda.lidmaatschappen.get().gebruiker
        melding = Melding.objects.get(gebruiker=beheerder, sleutel=f"verslag:{gehouden.pk}")
        assert melding.email_verzonden_op is not None
        overgezet = volgende.punten.get()
        assert overgezet.titel == f"Actiepunt: Notitie {orgaan.agenda.slug}"
        assert overgezet.history.filter(history_type="+").exists()
    # The second run: nothing reminded or carried twice.
    assert cyclus.na_vergadering(nu=NU) == 0
    assert Agendapunt.objects.filter(actiepunt__isnull=False).count() == 3
    assert _na_vergadering_tel(30)[2] == vragen


def test_a_reminder_waits_for_the_bodys_days_after_the_meeting():
    ((orgaan, gehouden, _volgende),) = _vergaderingen_met_actiepunt(1)
    Overlegorgaan.objects.filter(pk=orgaan.pk).update(dagen_verslagherinnering=10)
    assert cyclus.na_vergadering(nu=NU) == 0
    gehouden.refresh_from_db()
    assert (gehouden.status, gehouden.verslag_herinnerd_op) == (VergaderStatus.GEHOUDEN, None)
    assert cyclus.na_vergadering(nu=NU + datetime.timedelta(days=4)) == 1


# --- the coverage signal -----------------------------------------------------------------------


def _dekking_tel(aantal: int):
    _schoon()
    organen = _organen(aantal)
    integratie = WettelijkOnderwerp.objects.get(code="integratie-segregatie")
    for orgaan in organen:
        vergadering = Vergadering.objects.create(
            orgaan=orgaan,
            begin=NU + datetime.timedelta(days=20),
            eind=NU + datetime.timedelta(days=20, hours=2),
        )
        punt = Agendapunt.objects.create(
            vergadering=vergadering, titel="Integratie", status=PuntStatus.GEACCEPTEERD
        )
        punt.onderwerpen.add(integratie)
    with CaptureQueriesContext(connection) as vragen:
        cyclus.dekking_signaleren(vandaag=VANDAAG)
    return organen, _zonder_meldingen(vragen)


def test_coverage_is_signalled_the_same_for_ten_times_the_agendas():
    organen, vragen = _dekking_tel(3)
    onderwerpen = WettelijkOnderwerp.objects.count()
    for orgaan in organen:
        beheerder = orgaan.agenda.lidmaatschappen.get().gebruiker
        titels = list(Melding.objects.filter(gebruiker=beheerder).values_list("titel", flat=True))
        assert len(titels) == onderwerpen - 1  # all but the scheduled one
        assert not any("integratie" in t.lower() for t in titels)
    voor = Melding.objects.count()
    cyclus.dekking_signaleren(vandaag=VANDAAG + datetime.timedelta(days=1))
    assert Melding.objects.count() == voor  # once per topic per year
    assert _dekking_tel(30)[1] == vragen
