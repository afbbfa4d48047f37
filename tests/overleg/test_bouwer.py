"""The agenda builder proposes every kind, also with an unrelated item already on the agenda.

An item without a linked action, action point or topic used to put NULL in the builder's
`NOT IN` subquery, which then matched nothing: no red or overdue action was ever proposed.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from overleg.models import (
    Agendapunt,
    PuntSoort,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from overleg.selectors import voorstellen_uit_gegevens
from overleg.services import actiepunt_vastleg, agendapunt_stel_voor, agendapunt_voeg_toe
from werkgroepen.models import Actie, Rag, Status

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def vergadering(bunnik, anne):
    """A coming stuurgroep meeting with one unrelated item (no action, point or topic)."""
    Agendapunt.objects.filter(vergadering__orgaan__agenda=bunnik).delete()
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    begin = timezone.now().astimezone(AMS).replace(microsecond=0) + datetime.timedelta(days=20)
    vergadering = Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
    )
    agendapunt_voeg_toe(
        vergadering=vergadering,
        door=anne,
        velden={"titel": "Opening en mededelingen", "soort": PuntSoort.INFORMATIE},
    )
    return vergadering


def _rustig(bunnik) -> None:
    """No action of Bunnik needs attention, so each test adds exactly the one it is about."""
    Actie.objects.filter(agenda=bunnik).update(
        rag_tijd=Rag.GROEN, rag_geld=Rag.GROEN, timing_eind=None
    )


def _actie(bunnik, **velden) -> Actie:
    _rustig(bunnik)
    actie = Actie.objects.filter(agenda=bunnik, gearchiveerd=False).order_by("pk").first()
    Actie.objects.filter(pk=actie.pk).update(status=Status.LOPEND, **velden)
    return actie


def _rood(bunnik, vergadering, anne):
    actie = _actie(bunnik, rag_tijd=Rag.ROOD)
    return "acties", "actie", actie.pk


def _te_laat(bunnik, vergadering, anne):
    actie = _actie(bunnik, timing_eind=timezone.localdate() - datetime.timedelta(days=30))
    return "acties", "actie", actie.pk


def _voorstel(bunnik, vergadering, anne):
    punt = agendapunt_stel_voor(
        vergadering=vergadering,
        door=anne,
        velden={"titel": "Ervaringen taalklassen", "soort": PuntSoort.BESPREKING},
    )
    return "voorgesteld", "voorstel", punt.pk


def _onderwerp(bunnik, vergadering, anne):
    return "onderwerpen", "onderwerp", WettelijkOnderwerp.objects.get(code="nieuwkomers").pk


def _actiepunt(bunnik, vergadering, anne):
    eerder = Vergadering.objects.create(
        orgaan=vergadering.orgaan,
        begin=vergadering.begin - datetime.timedelta(days=120),
        eind=vergadering.begin - datetime.timedelta(days=120, hours=-2),
        status=VergaderStatus.VASTGESTELD,
    )
    punt = agendapunt_voeg_toe(
        vergadering=eerder, door=anne, velden={"titel": "Ondersteuning", "soort": "bespreking"}
    )
    actiepunt = actiepunt_vastleg(
        punt=punt, omschrijving="Kader basisondersteuning uitwerken", eigenaar_tekst="werkgroep"
    )
    return "actiepunten", "actiepunt", actiepunt.pk


SOORTEN = {
    "rode actie": _rood,
    "te late actie": _te_laat,
    "voorstel van een lid": _voorstel,
    "wettelijk onderwerp": _onderwerp,
    "open actiepunt": _actiepunt,
}


@pytest.mark.parametrize("soort", SOORTEN)
def test_each_kind_is_proposed_with_an_unrelated_item_on_the_agenda(
    soort, client, anne, bunnik, vergadering
):
    sleutel, veld, pk = SOORTEN[soort](bunnik, vergadering, anne)
    assert pk in [o.pk for o in voorstellen_uit_gegevens(vergadering)[sleutel]]

    client.force_login(anne)
    # With htmx the section loads its proposals when it comes into view; without, by link.
    url = reverse("vergadering_bouwer", args=[bunnik.slug, vergadering.pk])
    bouwer = client.get(url, headers={"HX-Request": "true"}).text
    assert f'name="{veld}" value="{pk}"' in bouwer
    pagina = reverse("vergadering_detail", args=[bunnik.slug, vergadering.pk])
    zonder_js = client.get(f"{pagina}?bouwer=1").text
    assert f'name="{veld}" value="{pk}"' in zonder_js.split('id="kop-bouwer"')[1]

    client.post(reverse("agenda_samenstellen", args=[bunnik.slug, vergadering.pk]), {veld: [pk]})
    op_agenda = vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD)
    assert op_agenda.count() == 2
    # Once on the agenda it is proposed no more, the unrelated item notwithstanding.
    assert pk not in [o.pk for o in voorstellen_uit_gegevens(vergadering)[sleutel]]


def test_an_action_already_on_the_agenda_is_not_proposed_again(anne, bunnik, vergadering):
    _rustig(bunnik)
    eerste, tweede = Actie.objects.filter(agenda=bunnik, gearchiveerd=False).order_by("pk")[:2]
    Actie.objects.filter(pk__in=[eerste.pk, tweede.pk]).update(
        status=Status.LOPEND, rag_tijd=Rag.ROOD
    )
    agendapunt_voeg_toe(
        vergadering=vergadering, door=anne, acties=[eerste], velden={"titel": "Actie één"}
    )
    voorgesteld = [a.pk for a in voorstellen_uit_gegevens(vergadering)["acties"]]
    assert tweede.pk in voorgesteld
    assert eerste.pk not in voorgesteld


def test_the_proposals_load_apart_and_only_for_the_secretariat(
    client, anne, bunnik, vergadering, django_user_model
):
    pagina = reverse("vergadering_detail", args=[bunnik.slug, vergadering.pk])
    url = reverse("vergadering_bouwer", args=[bunnik.slug, vergadering.pk])
    client.force_login(anne)
    sectie = client.get(pagina).text.split('id="kop-bouwer"')[1].split("</section>")[0]
    assert f'hx-get="{url}"' in sectie  # loaded when it comes into view
    assert 'href="?bouwer=1#kop-bouwer"' in sectie  # and by a link without JavaScript
    assert 'name="onderwerp"' not in sectie
    zonder_js = client.get(url)
    assert zonder_js.status_code == 302
    assert zonder_js["Location"] == f"{pagina}?bouwer=1#kop-bouwer"
    lezer = django_user_model.objects.get(username="stuurgroep-bunnik")
    client.force_login(lezer)
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 403
    assert 'id="kop-bouwer"' not in client.get(f"{pagina}?bouwer=1").text
