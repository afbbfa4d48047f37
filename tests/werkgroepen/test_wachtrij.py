"""A status change while the broker is unreachable: the update is saved once, the notification
waits in the durable outbox, the user is told it follows, and never sees a 500."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Opdracht
from werkgroepen.models import Voortgang
from werkgroepen.tasks import statusmelding_taak

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


VOLGT = "wordt verstuurd zodra de wachtrij weer bereikbaar is"


@pytest.fixture
def broker_weg(monkeypatch):
    """Every hand-over of the status notification to the broker fails, as with Redis down."""
    taak = statusmelding_taak._get_current_object()  # the task object behind Celery's proxy

    def onbereikbaar(*args, **kwargs):
        raise OperationalError("Error 111 connecting to redis:6379. Connection refused.")

    monkeypatch.setattr(type(taak), "apply_async", onbereikbaar)


def _data(**anders):
    return {
        "datum": timezone.localdate().isoformat(),
        "status": "uitgesteld",
        "rag_tijd": "oranje",
        "rag_geld": "groen",
        "percentage": "20",
        "toelichting": "Wacht op de subsidiebeschikking.",
        **anders,
    }


def test_status_change_with_the_broker_down_is_saved_once_and_the_mail_waits(
    client, anne, actie_van_victor, broker_weg, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = reverse("actie_voortgang", args=["bunnik-2025", actie_van_victor.pk])
    token = re.search(r'name="eenmalig" value="([0-9a-f-]+)"', client.get(url).content.decode())
    data = _data(eenmalig=token.group(1))
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, data)
    assert antwoord.status_code == 302
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "De voortgang is geregistreerd." in pagina
    assert VOLGT in pagina
    voortgang = Voortgang.objects.get(actie=actie_van_victor)
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.status == "uitgesteld"
    opdracht = Opdracht.objects.get()
    assert (opdracht.taak, opdracht.argumenten) == (statusmelding_taak.name, [voortgang.pk])
    assert opdracht.doorgegeven_op is None
    assert opdracht.agenda_id == actie_van_victor.agenda_id
    assert "OperationalError" in opdracht.laatste_fout

    # Trying again with the same form records nothing twice.
    with django_capture_on_commit_callbacks(execute=True):
        tweede = client.post(url, data)
    assert tweede.status_code == 200
    assert "Dit formulier is al verstuurd" in tweede.content.decode()
    assert Voortgang.objects.filter(actie=actie_van_victor).count() == 1
    assert Opdracht.objects.count() == 1


def test_inline_update_with_the_broker_down_shows_the_row_and_the_note(
    client, victor, werkgroep, actie_van_victor, broker_weg, django_capture_on_commit_callbacks
):
    client.force_login(victor)
    url = reverse("werkgroep_voortgang", args=["bunnik-2025", werkgroep.pk, actie_van_victor.pk])
    p = f"actie{actie_van_victor.pk}-"
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            url, {p + k: v for k, v in _data().items()}, headers={"HX-Request": "true"}
        )
    assert antwoord.status_code == 200
    rij = antwoord.content.decode()
    assert "bijgewerkt" in rij
    assert VOLGT in rij
    assert Voortgang.objects.filter(actie=actie_van_victor).count() == 1
    assert Opdracht.objects.filter(doorgegeven_op__isnull=True).count() == 1


def test_with_the_broker_up_no_note_and_the_notification_is_handed_over(
    client, anne, actie_van_victor, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = reverse("actie_voortgang", args=["bunnik-2025", actie_van_victor.pk])
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, _data())
    assert antwoord.status_code == 302
    assert Opdracht.objects.get().doorgegeven_op is not None
    # No status change, no notification queued.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _data(percentage="25"))
    assert Opdracht.objects.count() == 1
