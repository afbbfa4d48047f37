"""The beheerder maintains the budget in its own pages: its years, lines per node or action
with their amounts and change label, funding, realisations per quarter (the year's realisation
is their sum), and the thresholds of the money RAG proposed from them."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Geldregel,
    Realisatie,
)
from monitoring.selectors import begrotingsoverzicht, geldvoorstel_actie
from monitoring.services.begroting import realisatie_bewaar
from werkgroepen.models import Rag
from werkgroepen.selectors import geldvoorstel

pytestmark = pytest.mark.django_db

JAAR = timezone.localdate().year


def _url(naam, agenda, *args):
    return reverse(naam, args=[agenda.slug, *args])


@pytest.fixture
def begroting(bunnik):
    return Begroting.objects.create(agenda=bunnik, eerste_jaar=JAAR - 1, laatste_jaar=JAAR + 1)


@pytest.fixture
def post(begroting, bunnik):
    actie = bunnik.acties.first()
    post = Begrotingspost.objects.create(
        begroting=begroting, naam="Taalcoaches", knoop=actie.knoop, actie=actie, wijziging="Nieuw"
    )
    Begrotingsbedrag.objects.create(post=post, jaar=JAAR, bedrag=Decimal(10000))
    return post


def _post_velden(knoop, **extra):
    return {
        "naam": "Schakelklas",
        "knoop": knoop.pk,
        "wijziging": "Uitbreiding",
        f"bedrag_{JAAR - 1}": "20000",
        f"bedrag_{JAAR}": "25.000,50",
        **extra,
    }


def test_an_agenda_without_a_budget_is_told_to_set_one_up(client, anne, sara, bunnik):
    client.force_login(anne)
    pagina = client.get(_url("begroting", bunnik)).text
    assert "nog geen begroting" in pagina
    assert _url("begroting_instellen", bunnik) in pagina
    assert client.get(_url("post_nieuw", bunnik)).status_code == 302
    antwoord = client.post(
        _url("begroting_instellen", bunnik),
        {"eerste_jaar": "2025", "laatste_jaar": "2028", "beginsaldo": "-1.500"},
    )
    assert antwoord.status_code == 302
    begroting = Begroting.objects.get(agenda=bunnik)
    assert (begroting.jaren, begroting.beginsaldo) == ([2025, 2026, 2027, 2028], Decimal(-1500))
    assert begroting.history.get().history_user == anne
    client.force_login(sara)
    pagina = client.get(_url("begroting", bunnik)).text
    assert "Meerjarenbegroting 2025–2028" in pagina
    assert _url("post_nieuw", bunnik) not in pagina


def test_years_that_would_drop_amounts_are_refused(client, anne, bunnik, post):
    client.force_login(anne)
    antwoord = client.post(
        _url("begroting_instellen", bunnik),
        {"eerste_jaar": str(JAAR + 1), "laatste_jaar": str(JAAR + 1), "beginsaldo": "0"},
    )
    assert "Er staan bedragen in jaren buiten deze periode" in antwoord.text
    assert Begroting.objects.get(agenda=bunnik).eerste_jaar == JAAR - 1


def test_the_beheerder_adds_a_line_with_amounts_per_year(client, anne, bunnik, begroting):
    knoop = bunnik.knopen.first()
    client.force_login(anne)
    antwoord = client.post(_url("post_nieuw", bunnik), _post_velden(knoop), follow=True)
    post = Begrotingspost.objects.get(begroting=begroting, naam="Schakelklas")
    assert dict(post.bedragen.values_list("jaar", "bedrag")) == {
        JAAR - 1: Decimal(20000),
        JAAR: Decimal("25000.50"),
    }
    assert post.wijziging == "Uitbreiding"
    assert "Post ‘Schakelklas’ is toegevoegd aan de begroting." in antwoord.text
    assert "Schakelklas" in antwoord.text
    assert "€ 25.000" in antwoord.text
    assert post.history.get().history_user == anne
    assert post.bedragen.get(jaar=JAAR).history.get().history_user == anne


def test_a_line_of_an_action_lands_under_its_node(client, anne, bunnik, begroting):
    actie = bunnik.acties.first()
    client.force_login(anne)
    velden = {"naam": "Voor de actie", "actie": actie.pk, f"bedrag_{JAAR}": "100"}
    assert client.post(_url("post_nieuw", bunnik), velden).status_code == 302
    assert Begrotingspost.objects.get(naam="Voor de actie").knoop == actie.knoop


def test_a_negative_amount_is_refused_and_nothing_saved(client, anne, bunnik, begroting):
    knoop = bunnik.knopen.first()
    client.force_login(anne)
    antwoord = client.post(
        _url("post_nieuw", bunnik), _post_velden(knoop, **{f"bedrag_{JAAR}": "-5"})
    )
    assert "Een bedrag kan niet negatief zijn." in antwoord.text
    assert not Begrotingspost.objects.filter(naam="Schakelklas").exists()


def test_another_agendas_node_or_action_is_refused(client, anne, bunnik, hilversum, begroting):
    vreemd = hilversum.knopen.first()
    client.force_login(anne)
    antwoord = client.post(_url("post_nieuw", bunnik), _post_velden(vreemd))
    assert "geldige keuze" in antwoord.text
    assert not Begrotingspost.objects.filter(naam="Schakelklas").exists()
    with pytest.raises(ValidationError, match="hoort bij een andere agenda"):
        Begrotingspost(begroting=begroting, naam="X", knoop=vreemd).full_clean()
    with pytest.raises(ValidationError, match="hoort bij een andere agenda"):
        Begrotingspost(begroting=begroting, naam="X", actie=hilversum.acties.first()).full_clean()


def test_edit_and_archive_a_line(client, anne, bunnik, post):
    client.force_login(anne)
    velden = _post_velden(post.knoop, naam="Taalcoaches", actie=post.actie_id, wijziging="Gelijk")
    assert client.post(_url("post_bewerken", bunnik, post.pk), velden).status_code == 302
    post.refresh_from_db()
    assert post.wijziging == "Gelijk"
    assert post.bedragen.get(jaar=JAAR).bedrag == Decimal("25000.50")
    pagina = client.get(_url("post_bewerken", bunnik, post.pk)).text
    assert "Geschiedenis" in pagina
    assert "Bedrag" in pagina
    client.post(_url("post_archiveren", bunnik, post.pk))
    post.refresh_from_db()
    assert post.gearchiveerd
    assert Begrotingspost.objects.filter(pk=post.pk).exists()
    overzicht = begrotingsoverzicht(post.begroting)
    assert overzicht.totaal[JAAR] == 0
    assert post.history.first().history_user == anne
    pagina = client.get(_url("begroting", bunnik) + "?gearchiveerd=1").text
    assert _url("post_bewerken", bunnik, post.pk) in pagina


def test_funding_with_amounts_per_year(client, anne, bunnik, begroting):
    client.force_login(anne)
    velden = {"bron": "rijk", "naam": "OAB-middelen", f"bedrag_{JAAR}": "400000"}
    assert client.post(_url("financiering_nieuw", bunnik), velden).status_code == 302
    bron = Financiering.objects.get(begroting=begroting, naam="OAB-middelen")
    assert bron.bedragen.get().bedrag == Decimal(400000)
    velden[f"bedrag_{JAAR}"] = "-1"
    antwoord = client.post(_url("financiering_bewerken", bunnik, bron.pk), velden)
    assert "Een bedrag kan niet negatief zijn." in antwoord.text
    velden[f"bedrag_{JAAR}"] = "410000"
    assert client.post(_url("financiering_bewerken", bunnik, bron.pk), velden).status_code == 302
    assert bron.bedragen.get().bedrag == Decimal(410000)
    assert bron.bedragen.get().history.first().history_user == anne
    assert begrotingsoverzicht(begroting).middelen[JAAR] == Decimal(410000)


# --- realisations per quarter -------------------------------------------------------------------


def test_realisations_per_quarter_add_up_and_show_on_the_budget_page(
    client, anne, sara, bunnik, post
):
    client.force_login(anne)
    url = _url("realisatie_nieuw", bunnik, post.pk)
    for kwartaal, bedrag in ((1, "2000"), (2, "3.000,25")):
        antwoord = client.post(url, {"jaar": JAAR, "kwartaal": kwartaal, "bedrag": bedrag})
        assert antwoord.status_code == 302
    bedrag = post.bedragen.get(jaar=JAAR)
    assert bedrag.realisatie == Decimal("5000.25")
    realisatie = bedrag.kwartalen.get(kwartaal=2)
    assert realisatie.history.get().history_user == anne

    client.force_login(sara)
    pagina = client.get(_url("begroting", bunnik) + f"?jaar={JAAR}").text
    deel = pagina.split('id="kop-realisatie"')[1]
    rij = next(r for r in deel.split("<tr")[1:] if "Taalcoaches" in r)
    assert re.findall(r"€ -?[\d.]+", rij) == [
        "€ 10.000",
        "€ 2.000",
        "€ 3.000",
        "€ 5.000",
        "€ -5.000",
    ]
    assert "Realisatie toevoegen" not in pagina
    assert "Realisatie" in pagina.split('id="kop-geschiedenis-begroting"')[1]


def test_bad_realisations_are_refused_with_a_dutch_message(client, anne, bunnik, post):
    client.force_login(anne)
    url = _url("realisatie_nieuw", bunnik, post.pk)
    antwoord = client.post(url, {"jaar": JAAR, "kwartaal": 5, "bedrag": "100"})
    assert "Een kwartaal is 1, 2, 3 of 4." in antwoord.text
    antwoord = client.post(url, {"jaar": JAAR, "kwartaal": 1, "bedrag": "-100"})
    assert "Een bedrag kan niet negatief zijn." in antwoord.text
    antwoord = client.post(url, {"jaar": JAAR + 5, "kwartaal": 1, "bedrag": "100"})
    assert "Kies een jaar van de begroting." in antwoord.text
    assert not Realisatie.objects.filter(begrotingsbedrag__post=post).exists()
    assert client.post(url, {"jaar": JAAR, "kwartaal": 1, "bedrag": "100"}).status_code == 302
    antwoord = client.post(url, {"jaar": JAAR, "kwartaal": 1, "bedrag": "200"})
    assert "Deze post heeft al een realisatie in dit kwartaal." in antwoord.text
    assert post.bedragen.get(jaar=JAAR).realisatie == Decimal(100)
    with pytest.raises(ValidationError):
        Realisatie(begrotingsbedrag=post.bedragen.get(jaar=JAAR), kwartaal=5, bedrag=1).full_clean()


def test_editing_a_quarter_updates_the_year(client, anne, bunnik, post):
    realisatie = realisatie_bewaar(post=post, jaar=JAAR, kwartaal=3, bedrag=Decimal(700), door=anne)
    client.force_login(anne)
    url = _url("realisatie_bewerken", bunnik, realisatie.pk)
    assert client.post(url, {"bedrag": "-1"}).status_code == 200
    assert client.post(url, {"bedrag": "900", "toelichting": "factuur"}).status_code == 302
    assert post.bedragen.get(jaar=JAAR).realisatie == Decimal(900)


def test_a_realisation_in_a_year_without_budget_counts_against_zero(bunnik, anne, post):
    realisatie_bewaar(post=post, jaar=JAAR + 1, kwartaal=1, bedrag=Decimal(50), door=anne)
    bedrag = post.bedragen.get(jaar=JAAR + 1)
    assert (bedrag.bedrag, bedrag.realisatie) == (Decimal(0), Decimal(50))


def test_hilversum_keeps_chapter_8_with_a_realisation(client, henk, hilversum):
    post = hilversum.begroting.posten.filter(ouder=None, onderdelen=None).first()
    jaar = hilversum.begroting.eerste_jaar
    voor = begrotingsoverzicht(hilversum.begroting)
    realisatie_bewaar(post=post, jaar=jaar, kwartaal=1, bedrag=Decimal(1234), door=henk)
    na = begrotingsoverzicht(hilversum.begroting)
    assert (na.totaal, na.saldo, na.middelen) == (voor.totaal, voor.saldo, voor.middelen)
    assert na.realisatie[jaar] == Decimal(1234)
    client.force_login(henk)
    pagina = client.get(_url("begroting", hilversum) + f"?jaar={jaar}").text
    assert "€ 1.234" in pagina.split('id="kop-realisatie"')[1]


def test_a_lezer_and_another_agenda_are_refused(client, sara, henk, bunnik, post):
    realisatie = realisatie_bewaar(post=post, jaar=JAAR, kwartaal=1, bedrag=Decimal(1), door=None)
    client.force_login(sara)
    for url in (
        _url("begroting_instellen", bunnik),
        _url("post_nieuw", bunnik),
        _url("post_bewerken", bunnik, post.pk),
        _url("realisatie_nieuw", bunnik, post.pk),
        _url("realisatie_bewerken", bunnik, realisatie.pk),
        _url("financiering_nieuw", bunnik),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"naam": "X", "bedrag": "5"}).status_code == 403, url
    for url in (_url("post_archiveren", bunnik, post.pk), _url("geldregel", bunnik)):
        assert client.post(url, {"oranje_vanaf_pct": "1", "rood_vanaf_pct": "2"}).status_code == 403
    post.refresh_from_db()
    assert not post.gearchiveerd
    assert not Geldregel.objects.filter(agenda=bunnik).exists()
    client.force_login(henk)
    assert client.get(_url("post_bewerken", bunnik, post.pk)).status_code == 404


# --- the money RAG proposal --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("besteed", "rag"),
    [("2600", Rag.GROEN), ("2800", Rag.ORANJE), ("3200", Rag.ROOD)],
)
def test_the_money_rag_is_proposed_pro_rata_for_the_quarters_recorded(anne, post, besteed, rag):
    # Budget 10.000 this year; after quarter 1, 2.500 should be spent.
    assert geldvoorstel_actie(post.actie) is None  # nothing realised yet: no proposal
    realisatie_bewaar(post=post, jaar=JAAR, kwartaal=1, bedrag=Decimal(besteed), door=anne)
    assert geldvoorstel_actie(post.actie) == rag


def test_an_overspent_action_is_proposed_rood_through_the_progress_hook(anne, post):
    realisatie_bewaar(post=post, jaar=JAAR, kwartaal=1, bedrag=Decimal(2000), door=anne)
    realisatie_bewaar(post=post, jaar=JAAR, kwartaal=2, bedrag=Decimal(5000), door=anne)
    # 7.000 spent where 5.000 was expected after two quarters: 40 % over.
    assert geldvoorstel(post.actie) == Rag.ROOD


def test_the_beheerder_sets_the_thresholds_on_the_budget_page(client, anne, bunnik, post):
    realisatie_bewaar(post=post, jaar=JAAR, kwartaal=1, bedrag=Decimal(3200), door=anne)
    assert geldvoorstel_actie(post.actie) == Rag.ROOD  # 28 % over, default rood from 25 %
    client.force_login(anne)
    antwoord = client.post(
        _url("geldregel", bunnik), {"oranje_vanaf_pct": "40", "rood_vanaf_pct": "30"}, follow=True
    )
    assert "Rood begint niet onder oranje." in antwoord.text
    assert not Geldregel.objects.filter(agenda=bunnik).exists()
    antwoord = client.post(
        _url("geldregel", bunnik), {"oranje_vanaf_pct": "20", "rood_vanaf_pct": "50"}, follow=True
    )
    assert "Oranje vanaf 20% meer uitgegeven, rood vanaf 50%" in antwoord.text
    regel = Geldregel.objects.get(agenda=bunnik)
    assert regel.history.get().history_user == anne
    assert geldvoorstel_actie(post.actie) == Rag.ORANJE
