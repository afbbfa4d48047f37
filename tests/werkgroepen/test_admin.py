"""The admin is the superuser's escape hatch; an action's state still follows its updates."""

import pytest
from django.test import Client
from django.urls import reverse

from lea.config.demo_voortgang import demo_voortgang_verwijder
from werkgroepen.models import Actie, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


def test_admin_shows_but_does_not_change_status_rag_and_percentage(
    client: Client, actie_van_victor: Actie
) -> None:
    assert client.login(username="admin", password="lea-demo")
    url = reverse("admin:werkgroepen_actie_change", args=[actie_van_victor.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    formulier = pagina.context["adminform"].form
    for veld in ("status", "percentage", "rag_tijd", "rag_geld", "voortgang_datum", "versie"):
        assert veld not in formulier.fields, veld
    # A crafted post of the read-only fields changes nothing.
    data = {
        "agenda": actie_van_victor.agenda_id,
        "knoop": actie_van_victor.knoop_id,
        "titel": actie_van_victor.titel,
        "timing_soort": actie_van_victor.timing_soort,
        "status": Status.AFGEROND,
        "percentage": "100",
    }
    assert client.post(url, data).status_code == 302
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.status == Status.GEPLAND
    assert actie_van_victor.percentage == 0
