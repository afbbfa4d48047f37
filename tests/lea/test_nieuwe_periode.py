"""The next period: what a draft agenda carries over from Bunnik, what stays behind, and that
Bunnik itself does not change."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda, AgendaStatus
from lea.portability import agenda_exporteer
from lea.services import agenda_nieuwe_periode
from overleg.models import Afspraak, Besluit, Vergadering
from overleg.services import agendapunt_voeg_toe
from overleg.services.vergaderingen import besluit_vastleg
from werkgroepen.models import Actie, Status, Voortgang
from werkgroepen.services import voortgang_registreer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


def _voortgang(actie, status, percentage):
    voortgang_registreer(
        actie=actie,
        door=None,
        datum=datetime.date(2025, 6, 1),
        status=status,
        rag_tijd="groen",
        rag_geld="groen",
        percentage=percentage,
        toelichting="Stand van zaken.",
    )


@pytest.fixture
def laatste_jaar(bunnik):
    """Bunnik in its last year, with a finished action, an open one with progress, and a
    meeting with a decision."""
    vandaag = timezone.localdate()
    Agenda.objects.filter(pk=bunnik.pk).update(
        periode_start=datetime.date(vandaag.year - 3, 1, 1),
        periode_eind=datetime.date(vandaag.year, 12, 31),
        titel=f"LEA Bunnik {vandaag.year - 3}-{vandaag.year}",
    )
    bunnik.refresh_from_db()
    acties = list(bunnik.acties.filter(gearchiveerd=False).order_by("volgorde", "pk")[:2])
    _voortgang(acties[0], "afgerond", 100)
    _voortgang(acties[1], "lopend", 40)
    vergadering = Vergadering.objects.filter(orgaan__agenda=bunnik).first()
    punt = agendapunt_voeg_toe(
        vergadering=vergadering, door=None, velden={"titel": "Besluitpunt", "soort": "bespreking"}
    )
    besluit_vastleg(punt=punt, tekst="Vastgesteld.")
    return {"afgerond": acties[0], "open": acties[1]}


def _document(agenda) -> str:
    return json.dumps(agenda_exporteer(agenda), sort_keys=True, ensure_ascii=False)


def test_the_draft_carries_over_what_goes_on_and_leaves_the_rest(bunnik, anne, laatste_jaar):
    voor = _document(bunnik)
    nieuw = agenda_nieuwe_periode(agenda=bunnik, door=anne)

    bunnik.refresh_from_db()
    assert _document(bunnik) == voor  # the old agenda does not change
    jaar = bunnik.periode_eind.year
    assert nieuw.status == AgendaStatus.CONCEPT
    assert nieuw.voorganger == bunnik
    assert nieuw.titel == f"LEA Bunnik {jaar + 1}-{jaar + 4}"
    assert nieuw.slug == f"bunnik-{jaar + 1}"
    assert nieuw.periode_start == datetime.date(jaar + 1, 1, 1)
    assert nieuw.periode_eind == datetime.date(jaar + 4, 12, 31)

    # the tree, organisations, people, werkgroepen, bodies and agreements
    assert nieuw.knopen.count() == bunnik.knopen.filter(gearchiveerd=False).count() > 0
    assert nieuw.organisaties.count() == bunnik.organisaties.filter(gearchiveerd=False).count()
    assert nieuw.personen.count() == bunnik.personen.filter(gearchiveerd=False).count() > 0
    assert nieuw.werkgroepen.count() == bunnik.werkgroepen.filter(gearchiveerd=False).count()
    assert nieuw.overlegorganen.count() == bunnik.overlegorganen.count() > 0
    assert Afspraak.objects.filter(agenda=nieuw).count() == bunnik.afspraken.count()
    wg = nieuw.werkgroepen.exclude(voorzitter=None).first()
    assert wg is not None
    assert wg.voorzitter.agenda == nieuw

    # open actions only, linked to where they came from, without their progress
    open_ = laatste_jaar["open"]
    vervolg = Actie.objects.get(agenda=nieuw, voortgezet_uit=open_)
    assert vervolg.titel == open_.titel
    assert vervolg.knoop.agenda == nieuw
    assert (vervolg.status, vervolg.percentage) == (Status.GEPLAND, 0)
    assert not Voortgang.objects.filter(actie__agenda=nieuw).exists()
    assert not Actie.objects.filter(agenda=nieuw, voortgezet_uit=laatste_jaar["afgerond"])
    assert not nieuw.acties.filter(titel=laatste_jaar["afgerond"].titel).exists() or (
        bunnik.acties.filter(titel=laatste_jaar["afgerond"].titel).count() > 1
    )
    assert nieuw.acties.count() == nieuw.acties.exclude(voortgezet_uit=None).count()

    # meetings, decisions and the budget stay behind
    assert not Vergadering.objects.filter(orgaan__agenda=nieuw).exists()
    assert not Besluit.objects.filter(agendapunt__vergadering__orgaan__agenda=nieuw).exists()
    assert not nieuw.afspraken.exclude(besluit=None).exists()


def test_beheer_offers_the_next_period_in_the_last_year_only(client, bunnik, anne, sara):
    url = reverse("agenda_nieuwe_periode", args=[bunnik.slug])
    vandaag = timezone.localdate()
    Agenda.objects.filter(pk=bunnik.pk).update(periode_eind=datetime.date(vandaag.year + 2, 7, 31))
    client.force_login(anne)
    beheer = client.get(reverse("agenda_beheer", args=[bunnik.slug]))
    assert "Nieuwe periode voorbereiden" not in beheer.text
    antwoord = client.post(url, follow=True)
    assert "laatste jaar" in antwoord.text
    assert Agenda.objects.count() == 5

    Agenda.objects.filter(pk=bunnik.pk).update(periode_eind=datetime.date(vandaag.year, 12, 31))
    assert (
        "Nieuwe periode voorbereiden"
        in client.get(reverse("agenda_beheer", args=[bunnik.slug])).text
    )

    client.force_login(sara)  # a lezer
    assert client.post(url).status_code == 403
    assert Agenda.objects.count() == 5


def test_draft_is_made_published_and_shows_the_chain(client, bunnik, anne, sara, laatste_jaar):
    client.force_login(anne)
    antwoord = client.post(reverse("agenda_nieuwe_periode", args=[bunnik.slug]), follow=True)
    nieuw = Agenda.objects.get(voorganger=bunnik)
    assert antwoord.redirect_chain[-1][0] == reverse("agenda_beheer", args=[nieuw.slug])
    assert "De nieuwe periode is voorbereid" in antwoord.text
    assert "Concept – nog niet gepubliceerd" in antwoord.text

    # a second time is refused; the draft is not visible to a lezer of Bunnik yet
    client.post(reverse("agenda_nieuwe_periode", args=[bunnik.slug]))
    assert Agenda.objects.filter(voorganger=bunnik).count() == 1
    client.force_login(sara)
    assert client.get(reverse("agenda_dashboard", args=[nieuw.slug])).status_code == 404

    # the chain both ways
    client.force_login(anne)
    oud = laatste_jaar["open"]
    vervolg = Actie.objects.get(voortgezet_uit=oud)
    pagina = client.get(reverse("actie_detail", args=[nieuw.slug, vervolg.pk])).text
    assert f"Voortgezet uit {bunnik.titel}" in pagina
    assert reverse("actie_detail", args=[bunnik.slug, oud.pk]) in pagina
    pagina = client.get(reverse("actie_detail", args=[bunnik.slug, oud.pk])).text
    assert f"Voortgezet in {nieuw.titel}" in pagina
    assert reverse("actie_detail", args=[nieuw.slug, vervolg.pk]) in pagina

    # publishing makes it active; the lezer of the previous period now reads it
    client.force_login(sara)
    assert client.post(reverse("agenda_publiceren", args=[nieuw.slug])).status_code == 404
    client.force_login(anne)
    antwoord = client.post(reverse("agenda_publiceren", args=[nieuw.slug]), follow=True)
    assert "is gepubliceerd" in antwoord.text
    nieuw.refresh_from_db()
    assert nieuw.status == AgendaStatus.ACTIEF
    client.force_login(sara)
    assert client.get(reverse("agenda_dashboard", args=[nieuw.slug])).status_code == 200
