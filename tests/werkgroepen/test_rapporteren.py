"""The chair's report page (reached by the link of the progress request): what it shows,
saving one action with and without JavaScript, "Geen wijziging", and the way there from Mijn
overzicht."""

import re

import pytest
from django.template.defaultfilters import date as datumfilter
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lea.perioden import rapportageperiode
from tests.factories import (
    ActieFactory,
    voortgang_meld,
)
from tests.werkgroepen import rapportageproef as rp
from werkgroepen.models import Voortgang
from werkgroepen.services.rapportagelink import (
    GEEN_WIJZIGING,
    GRATIE,
)

pytestmark = pytest.mark.django_db


# --- what the page shows -----------------------------------------------------------------------


def test_the_page_shows_only_this_werkgroeps_open_actions(
    client, link, victor, werkgroep, andere_actie
):
    client.force_login(victor)
    html = client.get(rp.url(link)).content.decode()
    open_ = rp.open_acties(werkgroep)
    gesloten = werkgroep.acties.exclude(pk__in=[a.pk for a in open_])
    assert open_
    assert gesloten.exists()
    for actie in open_:
        assert f'id="rapport-actie-{actie.pk}"' in html
        assert actie.titel in html
    for actie in [*gesloten, andere_actie]:
        assert f'id="rapport-actie-{actie.pk}"' not in html
    with translation.override("nl"):
        laatste = datumfilter(link.periode_eind + GRATIE, "j F Y")
    assert f"Hij werkt tot en met {laatste}" in html


def test_an_action_of_another_werkgroep_or_closed_is_refused(
    client, link, victor, werkgroep, andere_actie
):
    client.force_login(victor)
    assert (
        client.post(rp.url(link, "actie", andere_actie), rp.update(andere_actie)).status_code == 404
    )
    gesloten = werkgroep.acties.actief().filter(status__in=["afgerond", "gestopt"]).first()
    antwoord = client.post(rp.url(link, "actie", gesloten), rp.update(gesloten), follow=True)
    assert "Niet opgeslagen" in antwoord.content.decode()
    assert not Voortgang.objects.filter(
        actie__in=[andere_actie, gesloten], datum=rp.VANDAAG
    ).exists()
    gesloten.refresh_from_db()
    assert gesloten.status in ("afgerond", "gestopt")


# --- saving, with and without JavaScript ------------------------------------------------------


def test_saving_one_action_without_javascript_and_with_htmx(client, link, victor, werkgroep):
    client.force_login(victor)
    eerste, tweede = rp.open_acties(werkgroep)[:2]
    antwoord = client.post(rp.url(link, "actie", eerste), rp.update(eerste))
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{rp.url(link)}#rapport-actie-{eerste.pk}"
    eerste.refresh_from_db()
    assert (eerste.status, eerste.percentage, eerste.rag_geld) == ("lopend", 40, "oranje")
    assert eerste.voortgang.latest("aangemaakt").door == victor
    pagina = client.get(antwoord["Location"]).content.decode()
    assert f"Voortgang van ‘{eerste.titel}’ opgeslagen." in pagina
    kaart = pagina.split(f'id="rapport-actie-{eerste.pk}"')[1].split("</article>")[0]
    assert "gerapporteerd" in kaart

    htmx = {"HX-Request": "true"}
    fout = client.post(
        rp.url(link, "actie", tweede), rp.update(tweede, toelichting=""), headers=htmx
    )
    assert fout.status_code == 200
    assert "Niet opgeslagen" in fout.content.decode()
    assert "data-lea-focus" in fout.content.decode()
    voor = tweede.voortgang.count()
    goed = client.post(
        rp.url(link, "actie", tweede), rp.update(tweede), headers=htmx
    ).content.decode()
    assert goed.count('id="rapport-actie-') == 1  # the card only, swapped in place
    assert f"Voortgang van ‘{tweede.titel}’ opgeslagen." in goed
    assert re.search(r"<h2[^>]*data-lea-focus[^>]*>", goed)
    assert 'hx-swap-oob="true"' in goed  # the counts at the top follow
    assert f"Nog {len(rp.open_acties(werkgroep)) - 2} van de" in goed
    assert tweede.voortgang.count() == voor + 1


def test_the_csrf_token_still_applies(link, victor, werkgroep, zonder_inloggen):
    client = Client(enforce_csrf_checks=True)
    actie = rp.open_acties(werkgroep)[0]
    assert client.post(rp.url(link, "actie", actie), rp.update(actie)).status_code == 403
    pagina = client.get(rp.url(link)).content.decode()
    gevonden = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', pagina)
    assert gevonden is not None
    token = gevonden.group(1)
    data = {**rp.update(actie), "csrfmiddlewaretoken": token}
    assert client.post(rp.url(link, "actie", actie), data).status_code == 302
    assert actie.voortgang.latest("aangemaakt").toelichting == "Eerste bijeenkomst gehouden."


# --- "Geen wijziging" ------------------------------------------------------------------------


@pytest.fixture
def stand(werkgroep, victor, bunnik):
    """Victor's open actions as the demo left them (reported in an earlier period), but one
    reported this period already, and a new one without any update yet."""
    al = rp.open_acties(werkgroep)[0]
    voortgang_meld(
        al, victor, datum=rp.VANDAAG, percentage=55, toelichting="Deze periode al gedaan."
    )
    nieuw = ActieFactory.create(agenda=bunnik, werkgroep=werkgroep, knoop=al.knoop, volgorde=999)
    return al, nieuw


@pytest.mark.parametrize("htmx", [False, True])
def test_geen_wijziging_repeats_the_state_of_each_unreported_action_once(
    client, link, victor, werkgroep, stand, htmx
):
    al, nieuw = stand
    client.force_login(victor)
    open_ = rp.open_acties(werkgroep)
    herhaald = [a for a in open_ if a.voortgang_datum and a.voortgang_datum < link.periode_begin]
    assert len(herhaald) >= 2  # the demo reported these in an earlier period
    voor = {a.pk: (a.status, a.percentage, a.rag_tijd, a.rag_geld) for a in open_}
    pagina = client.get(rp.url(link)).content.decode()
    assert "Geen wijziging voor alle open acties" in pagina
    headers = {"HX-Request": "true"} if htmx else {}
    antwoord = client.post(rp.url(link, "geen_wijziging"), headers=headers, follow=not htmx)
    html = antwoord.content.decode()
    assert f"‘Geen wijziging’ vastgelegd voor {len(herhaald)} acties." in html
    assert nieuw.titel in html.split("vul deze zelf in")[1]
    assert "Alle" not in html.split('id="kop-rapport-samenvatting"')[1].split("</h2>")[0]
    nieuw_ = Voortgang.objects.filter(toelichting=GEEN_WIJZIGING)
    assert sorted(v.actie_id for v in nieuw_) == sorted(a.pk for a in herhaald)
    for v in nieuw_:
        assert (v.status, v.percentage, v.rag_tijd, v.rag_geld) == voor[v.actie_id]
        assert (v.datum, v.door) == (rp.VANDAAG, victor)
    assert al.voortgang.latest("aangemaakt").toelichting == "Deze periode al gedaan."
    assert not nieuw.voortgang.exists()
    # A second click records nothing twice.
    client.post(rp.url(link, "geen_wijziging"), headers=headers)
    assert nieuw_.count() == len(herhaald)


# --- the logged-in page and Mijn overzicht ---------------------------------------------------


def test_mijn_overzicht_leads_the_chair_to_the_report_page(client, victor, werkgroep, bunnik):
    client.force_login(victor)
    html = client.get(reverse("home")).content.decode()
    rapporteren = reverse("werkgroep_rapporteren", args=[bunnik.slug, werkgroep.pk])
    assert f'href="{rapporteren}"' in html
    open_ = rp.open_acties(werkgroep)
    nog = [a for a in open_ if a.voortgang_datum is None or a.voortgang_datum < link_begin(bunnik)]
    assert f"{len(open_)} open" in html
    assert f"{len(nog)} nog niet gerapporteerd" in html
    # The action list names the werkgroep once, as the heading of its group, with the nodes.
    acties = html.split('id="kop-mijn-acties"')[1]
    assert acties.count(werkgroep.naam) == 1
    assert reverse("werkgroep_detail", args=[bunnik.slug, werkgroep.pk]) in acties
    assert str(open_[0].knoop) in acties
    pagina = client.get(rapporteren)
    assert pagina.status_code == 200
    assert [k.actie.pk for k in pagina.context["kaarten"]] == [a.pk for a in open_]


def link_begin(agenda):
    return rapportageperiode(agenda.rapportageperiode, rp.VANDAAG)[0]


def test_mijn_overzicht_has_no_block_for_who_chairs_nothing(client, sara):
    client.force_login(sara)
    assert "Voortgang rapporteren" not in client.get(reverse("home")).content.decode()
