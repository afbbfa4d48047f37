"""While the worker has not sent the agenda yet, the meeting says so ("Agenda wordt verstuurd"),
on its page and in the lists, instead of "Concept"; a failed try says it is tried again."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea.models import Opdracht, Persoon
from overleg.models import Orgaanlid, Soort, Vergadering, Verzending, VerzendSoort
from overleg.services import agendapunt_voeg_toe, cyclus

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
BEZIG = "Agenda wordt verstuurd"
OPNIEUW = "Versturen mislukt, wordt opnieuw geprobeerd"


def _maak(orgaan, anne, dagen: int) -> Vergadering:
    begin = timezone.now().astimezone(AMS).replace(microsecond=0) + datetime.timedelta(days=dagen)
    vergadering = Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
    )
    agendapunt_voeg_toe(
        vergadering=vergadering, door=anne, velden={"titel": "Taalklassen", "soort": "bespreking"}
    )
    return vergadering


@pytest.fixture
def orgaan(bunnik):
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    orgaan.vergaderingen.all().delete()
    orgaan.leden.all().delete()
    persoon = Persoon.objects.create(agenda=bunnik, naam="Lid", email="lid@lea.example")
    Orgaanlid.objects.create(orgaan=orgaan, persoon=persoon)
    return orgaan


def _get(client, naam, *args) -> str:
    antwoord = client.get(reverse(naam, args=["bunnik-2025", *args]))
    assert antwoord.status_code == 200
    return antwoord.text


def _status(pagina: str) -> str:
    """The line under the meeting page's heading: time, place and status."""
    return pagina.split("</h1>")[1].split("</p>")[0]


def test_queued_agenda_shows_that_it_is_being_sent_until_the_worker_has_sent_it(
    client, anne, orgaan, monkeypatch
):
    vergadering = _maak(orgaan, anne, dagen=5)
    client.force_login(anne)
    assert "Concept" in _status(_get(client, "vergadering_detail", vergadering.pk))

    # No worker: the request is queued in the outbox and not handed over (no commit here).
    client.post(reverse("agenda_versturen", args=["bunnik-2025", vergadering.pk]))
    opdracht = Opdracht.objects.get(taak=cyclus.AGENDA_VERSTUUR_TAAK)
    assert opdracht.doorgegeven_op is None
    vergadering.refresh_from_db()
    gestart = timezone.localtime(vergadering.agenda_gevraagd_op)

    pagina = _get(client, "vergadering_detail", vergadering.pk)
    assert BEZIG in _status(pagina)
    assert "Concept" not in _status(pagina)
    assert (
        f"Het versturen is gestart om {gestart:%H:%M}; dit duurt meestal minder dan een minuut. "
        "Vernieuw de pagina om de stand te zien." in pagina
    )
    assert BEZIG in _get(client, "orgaan_detail", orgaan.pk)
    assert BEZIG in _get(client, "overleg_lijst")

    # The hand-over failed: the row waits for beat with its error.
    Opdracht.objects.filter(pk=opdracht.pk).update(pogingen=1, laatste_fout="Connection refused")
    pagina = _get(client, "vergadering_detail", vergadering.pk)
    assert OPNIEUW in _status(pagina)
    assert "LEA probeert het vanzelf opnieuw" in pagina
    assert OPNIEUW in _get(client, "orgaan_detail", orgaan.pk)
    assert OPNIEUW in _get(client, "overleg_lijst")

    # The worker ran: sent, and the status says so.
    Opdracht.objects.filter(pk=opdracht.pk).update(doorgegeven_op=timezone.now(), laatste_fout="")
    cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
    pagina = _get(client, "vergadering_detail", vergadering.pk)
    assert "Agenda verzonden" in _status(pagina)
    assert "wordt verstuurd" not in pagina
    assert "opnieuw geprobeerd" not in pagina
    assert "Agenda verzonden" in _get(client, "orgaan_detail", orgaan.pk)


def test_a_failed_send_to_a_member_is_tried_again(client, anne, orgaan):
    vergadering = _maak(orgaan, anne, dagen=5)
    Vergadering.objects.filter(pk=vergadering.pk).update(agenda_gevraagd_op=timezone.now())
    Verzending.objects.create(
        vergadering=vergadering,
        soort=VerzendSoort.AGENDA,
        versie=1,
        email="lid@lea.example",
        pogingen=1,
        laatste_fout="SMTPServerDisconnected",
    )
    client.force_login(anne)
    assert OPNIEUW in _status(_get(client, "vergadering_detail", vergadering.pk))


def test_the_lists_read_the_sending_state_in_one_query(client, anne, orgaan):
    def vragen() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as gelezen:
            pagina = _get(client, "orgaan_detail", orgaan.pk)
        return len(gelezen), pagina.count(BEZIG) + pagina.count(OPNIEUW)

    client.force_login(anne)
    eerste = _maak(orgaan, anne, dagen=3)
    Vergadering.objects.filter(pk=eerste.pk).update(agenda_gevraagd_op=timezone.now())
    weinig, getoond = vragen()
    assert getoond == 1
    for dagen in range(10, 20):
        _maak(orgaan, anne, dagen=dagen)
    Vergadering.objects.filter(orgaan=orgaan).update(agenda_gevraagd_op=timezone.now())
    Opdracht.objects.create(
        taak=cyclus.AGENDA_VERSTUUR_TAAK,
        argumenten=[eerste.pk],
        pogingen=2,
        laatste_fout="Connection refused",
    )
    veel, getoond = vragen()
    assert getoond == 11
    assert veel == weinig
