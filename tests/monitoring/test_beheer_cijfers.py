"""The beheerder maintains indicators with their measurements, schools with their schoolweging
and the VE figures in the agenda's own pages: saved, refused with a Dutch message, limited to the
agenda's own objects, archived rather than deleted, with history; a lezer is refused."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lea.models import Organisatie
from monitoring.models import Indicator, Meting, School, Schoolweging, VeCijfers
from monitoring.services.cijfers import indicator_bewaar

pytestmark = pytest.mark.django_db


def _url(naam, agenda, *args):
    return reverse(naam, args=[agenda.slug, *args])


def _indicator_velden(**extra):
    return {
        "naam": "Kinderen met een VVE-indicatie bereikt",
        "soort": "effect",
        "bron": "ve_monitor",
        "eenheid": "%",
        "richting": "omhoog",
        "basiswaarde": "81,5",
        "basisdatum": "2024-01-01",
        "streefwaarde": "90",
        "streefjaar": "2028",
        **extra,
    }


@pytest.fixture
def indicator(bunnik):
    return Indicator.objects.create(agenda=bunnik, naam="Voortijdig schoolverlaters", eenheid="%")


@pytest.fixture
def school(bunnik):
    return School.objects.create(agenda=bunnik, naam="De Bolster")


# --- indicators --------------------------------------------------------------------------------


def test_the_beheerder_creates_an_indicator_linked_to_her_nodes(client, anne, bunnik):
    knoop = bunnik.knopen.first()
    client.force_login(anne)
    antwoord = client.post(
        _url("indicator_nieuw", bunnik), _indicator_velden(knopen=[knoop.pk]), follow=True
    )
    indicator = Indicator.objects.get(agenda=bunnik, naam="Kinderen met een VVE-indicatie bereikt")
    assert list(indicator.knopen.all()) == [knoop]
    assert indicator.basiswaarde == Decimal("81.5")
    assert "Indicator ‘Kinderen met een VVE-indicatie bereikt’ is toegevoegd." in antwoord.text
    assert "Kinderen met een VVE-indicatie bereikt" in antwoord.text
    assert indicator.history.get().history_user == anne


def test_another_agendas_node_is_not_offered_and_refused(client, anne, bunnik, hilversum):
    vreemd = hilversum.knopen.first()
    client.force_login(anne)
    pagina = client.get(_url("indicator_nieuw", bunnik)).text
    assert f'value="{vreemd.pk}"' not in pagina or vreemd.pk in bunnik.knopen.values_list(
        "pk", flat=True
    )
    antwoord = client.post(_url("indicator_nieuw", bunnik), _indicator_velden(knopen=[vreemd.pk]))
    assert antwoord.status_code == 200
    assert "geldige keuze" in antwoord.text
    assert not Indicator.objects.filter(naam="Kinderen met een VVE-indicatie bereikt").exists()
    # The service refuses it too, whoever calls it.
    with pytest.raises(ValidationError, match="hoort bij een andere agenda"):
        indicator_bewaar(
            indicator=Indicator(agenda=bunnik, naam="Via de service"), knopen=[vreemd], door=anne
        )
    assert not Indicator.objects.filter(naam="Via de service").exists()


def test_a_negative_baseline_in_percent_is_refused_and_the_corrected_one_saved(
    client, anne, bunnik
):
    client.force_login(anne)
    antwoord = client.post(_url("indicator_nieuw", bunnik), _indicator_velden(basiswaarde="-3"))
    assert "kan niet negatief zijn" in antwoord.text
    assert not Indicator.objects.filter(naam="Kinderen met een VVE-indicatie bereikt").exists()
    antwoord = client.post(_url("indicator_nieuw", bunnik), _indicator_velden(basiswaarde="3"))
    assert antwoord.status_code == 302


def test_edit_and_archive_an_indicator(client, anne, bunnik, indicator):
    client.force_login(anne)
    antwoord = client.post(
        _url("indicator_bewerken", bunnik, indicator.pk),
        _indicator_velden(naam="Voortijdig schoolverlaters (vsv)"),
    )
    assert antwoord.status_code == 302
    indicator.refresh_from_db()
    assert indicator.naam == "Voortijdig schoolverlaters (vsv)"
    pagina = client.get(_url("indicator_bewerken", bunnik, indicator.pk)).text
    assert "Geschiedenis" in pagina
    assert "gewijzigd" in pagina

    client.post(_url("indicator_archiveren", bunnik, indicator.pk))
    indicator.refresh_from_db()
    assert indicator.gearchiveerd
    kop = f'id="indicator-{indicator.pk}">Voortijdig schoolverlaters (vsv)'
    assert kop not in client.get(_url("indicatoren", bunnik)).text
    assert kop in client.get(_url("indicatoren", bunnik) + "?gearchiveerd=1").text
    assert indicator.history.first().history_user == anne
    client.post(_url("indicator_archiveren", bunnik, indicator.pk), {"terugzetten": "1"})
    indicator.refresh_from_db()
    assert not indicator.gearchiveerd


def test_the_list_offers_the_beheerder_her_buttons_and_a_lezer_none(
    client, anne, sara, bunnik, indicator
):
    client.force_login(anne)
    pagina = client.get(_url("indicatoren", bunnik)).text
    for knop in ("Nieuwe indicator", "Bewerken", "Meting toevoegen"):
        assert knop in pagina
    client.force_login(sara)
    pagina = client.get(_url("indicatoren", bunnik)).text
    assert "Nieuwe indicator" not in pagina
    assert "Meting toevoegen" not in pagina


def test_a_lezer_gets_403_and_nothing_is_saved(client, sara, bunnik, indicator, school):
    client.force_login(sara)
    for url in (
        _url("indicator_nieuw", bunnik),
        _url("indicator_bewerken", bunnik, indicator.pk),
        _url("meting_nieuw", bunnik, indicator.pk),
        _url("school_nieuw", bunnik),
        _url("weging_nieuw", bunnik, school.pk),
        _url("ve_nieuw", bunnik),
    ):
        assert client.get(url).status_code == 403, url
        assert client.post(url, _indicator_velden()).status_code == 403, url
    assert client.post(_url("indicator_archiveren", bunnik, indicator.pk)).status_code == 403
    indicator.refresh_from_db()
    assert not indicator.gearchiveerd
    assert not Indicator.objects.filter(naam="Kinderen met een VVE-indicatie bereikt").exists()
    assert client.get(_url("school_lijst", bunnik)).status_code == 200
    assert client.get(_url("ve_lijst", bunnik)).status_code == 200


# --- measurements ------------------------------------------------------------------------------


def test_two_measurements_and_a_year_twice_refused(client, anne, bunnik, indicator):
    client.force_login(anne)
    url = _url("meting_nieuw", bunnik, indicator.pk)
    for jaar, waarde in (("2024", "2,4"), ("2025", "2,1")):
        antwoord = client.post(url, {"jaar": jaar, "waarde": waarde, "bron": "DUO"})
        assert antwoord.status_code == 302
    assert list(indicator.metingen.values_list("jaar", "waarde", "bron")) == [
        (2024, Decimal("2.40"), "DUO"),
        (2025, Decimal("2.10"), "DUO"),
    ]
    antwoord = client.post(url, {"jaar": "2025", "waarde": "2"})
    assert "Deze indicator heeft al een meting in dit jaar." in antwoord.text
    assert indicator.metingen.count() == 2
    antwoord = client.post(url, {"jaar": "2026", "waarde": "-1"})
    assert "kan niet negatief zijn" in antwoord.text
    antwoord = client.post(url, {"jaar": "2026", "datum": "2025-06-01", "waarde": "1"})
    assert "De datum ligt niet in 2026." in antwoord.text
    assert indicator.metingen.count() == 2
    pagina = client.get(_url("indicatoren", bunnik)).text
    assert "Metingen (2)" in pagina


def test_edit_a_measurement_with_history(client, anne, bunnik, indicator):
    meting = Meting.objects.create(indicator=indicator, jaar=2024, waarde=Decimal(3))
    client.force_login(anne)
    antwoord = client.post(
        _url("meting_bewerken", bunnik, meting.pk),
        {"jaar": "2024", "datum": "2024-10-01", "waarde": "3,5", "bron": "DUO"},
    )
    assert antwoord.status_code == 302
    meting.refresh_from_db()
    assert (meting.waarde, meting.datum.month) == (Decimal("3.5"), 10)
    assert meting.history.first().history_user == anne


def test_a_measurement_of_another_agendas_school_is_refused(bunnik, hilversum, indicator):
    vreemd = School.objects.create(agenda=hilversum, naam="Hilversumse school")
    with pytest.raises(ValidationError, match="hoort bij een andere agenda"):
        Meting(indicator=indicator, jaar=2024, waarde=1, school=vreemd).full_clean()


# --- schools and schoolweging ------------------------------------------------------------------


def test_a_school_with_its_board_and_a_weging_per_year(client, anne, bunnik):
    bestuur = Organisatie.objects.create(agenda=bunnik, naam="Stichting Primair Bunnik")
    client.force_login(anne)
    antwoord = client.post(
        _url("school_nieuw", bunnik),
        {"naam": "De Wegwijzer", "brin": "12AB00", "bestuur": bestuur.pk, "locatie": "Odijk"},
    )
    assert antwoord.status_code == 302
    school = School.objects.get(agenda=bunnik, naam="De Wegwijzer")
    assert (school.bestuur, school.locatie) == (bestuur, "Odijk")
    url = _url("weging_nieuw", bunnik, school.pk)
    assert client.post(url, {"jaar": "2024", "waarde": "29,8"}).status_code == 302
    antwoord = client.post(url, {"jaar": "2024", "waarde": "31"})
    assert "Deze school heeft al een schoolweging in dit jaar." in antwoord.text
    assert list(school.wegingen.values_list("waarde", flat=True)) == [Decimal("29.80")]
    antwoord = client.post(url, {"jaar": "2025", "waarde": "60"})
    assert "De schoolweging ligt tussen 20 en 40" in antwoord.text
    assert school.wegingen.count() == 1
    pagina = client.get(_url("school_lijst", bunnik)).text
    assert "De Wegwijzer" in pagina
    assert "29,80" in pagina
    assert "12AB00" in pagina
    weging = school.wegingen.get()
    assert weging.history.get().history_user == anne
    antwoord = client.post(
        _url("weging_bewerken", bunnik, weging.pk), {"jaar": "2024", "waarde": "30"}
    )
    assert antwoord.status_code == 302
    weging.refresh_from_db()
    assert weging.waarde == Decimal(30)


def test_another_agendas_board_is_refused(client, anne, bunnik, hilversum):
    vreemd = Organisatie.objects.filter(agenda=hilversum).first()
    client.force_login(anne)
    antwoord = client.post(_url("school_nieuw", bunnik), {"naam": "Vreemd", "bestuur": vreemd.pk})
    assert "geldige keuze" in antwoord.text
    assert not School.objects.filter(naam="Vreemd").exists()
    with pytest.raises(ValidationError, match="hoort bij een andere agenda"):
        School(agenda=bunnik, naam="Vreemd", bestuur=vreemd).full_clean()


def test_edit_and_archive_a_school(client, anne, bunnik, school):
    client.force_login(anne)
    antwoord = client.post(
        _url("school_bewerken", bunnik, school.pk), {"naam": "De Bolster", "brin": "99ZZ00"}
    )
    assert antwoord.status_code == 302
    school.refresh_from_db()
    assert school.brin == "99ZZ00"
    assert School.objects.filter(agenda=bunnik, naam="De Bolster").count() == 1
    antwoord = client.post(_url("school_nieuw", bunnik), {"naam": "De Bolster"})
    assert "Deze agenda heeft al een school met deze naam." in antwoord.text
    client.post(_url("school_archiveren", bunnik, school.pk))
    school.refresh_from_db()
    assert school.gearchiveerd
    rij = '<th scope="row">De Bolster'
    assert rij not in client.get(_url("school_lijst", bunnik)).text
    assert rij in client.get(_url("school_lijst", bunnik) + "?gearchiveerd=1").text
    assert school.history.first().history_user == anne


def test_an_empty_school_list_says_what_to_do(client, anne, sara, bunnik):
    client.force_login(anne)
    pagina = client.get(_url("school_lijst", bunnik)).text
    assert "Nog geen scholen." in pagina
    assert _url("school_nieuw", bunnik) in pagina
    client.force_login(sara)
    assert _url("school_nieuw", bunnik) not in client.get(_url("school_lijst", bunnik)).text


# --- VE figures --------------------------------------------------------------------------------


def test_ve_figures_per_calendar_year(client, anne, bunnik):
    client.force_login(anne)
    url = _url("ve_nieuw", bunnik)
    velden = {"jaar": "2025", "kindplaatsen": "120", "geindiceerd": "80", "bereikt": "72"}
    assert client.post(url, velden).status_code == 302
    ve = VeCijfers.objects.get(agenda=bunnik, jaar=2025)
    assert ve.bereik_procent == 90.0
    assert "Er zijn al VE-cijfers van dit jaar." in client.post(url, velden).text
    antwoord = client.post(url, {**velden, "jaar": "2026", "geindiceerd": "-1"})
    assert "Een aantal kan niet negatief zijn." in antwoord.text
    antwoord = client.post(url, {**velden, "jaar": "2026", "bereikt": "81"})
    assert "niet meer kinderen bereikt" in antwoord.text
    assert VeCijfers.objects.filter(agenda=bunnik).count() == 1
    antwoord = client.post(_url("ve_bewerken", bunnik, ve.pk), {**velden, "bereikt": "76"})
    assert antwoord.status_code == 302
    ve.refresh_from_db()
    assert ve.bereikt == 76
    assert ve.history.first().history_user == anne
    assert "95,0%" in client.get(_url("ve_lijst", bunnik)).text


def test_a_weging_of_another_agendas_school_is_not_found(client, anne, bunnik, hilversum):
    vreemd = School.objects.create(agenda=hilversum, naam="Elders")
    weging = Schoolweging.objects.create(school=vreemd, jaar=2024, waarde=30)
    client.force_login(anne)
    assert client.get(_url("weging_nieuw", bunnik, vreemd.pk)).status_code == 404
    assert client.get(_url("weging_bewerken", bunnik, weging.pk)).status_code == 404
