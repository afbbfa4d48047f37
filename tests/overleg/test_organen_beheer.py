"""Bodies maintained in the agenda's own pages: create, edit, archive, members, as the beheerder
sees them; only the agenda's own people; the planner picks up a new body on its next run."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from lea import panelen
from lea.models import Lidmaatschap, Rol
from overleg.forms import OrgaanForm, OrgaanlidForm
from overleg.models import Orgaanlid, Overlegorgaan, Soort, Vergadering, VergaderStatus
from overleg.services import cyclus, orgaan_archiveer, orgaan_maak, orgaanlid_voeg_toe
from tests.factories import AgendaFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nieuw(anne):
    """A new municipality's agenda (2025-2028), with Anne as its beheerder."""
    agenda = AgendaFactory.create(slug="proefdorp-2025", gemeente="Proefdorp")
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=anne, rol=Rol.BEHEERDER)
    return agenda


@pytest.fixture
def eigen(nieuw):
    gemeente = OrganisatieFactory.create(agenda=nieuw, naam="Gemeente Proefdorp")
    return {
        "wethouder": PersoonFactory.create(
            agenda=nieuw, naam="Wim Wethouder", organisatie=gemeente
        ),
        "ida": PersoonFactory.create(agenda=nieuw, naam="Ida Jansen"),
        "kees": PersoonFactory.create(agenda=nieuw, naam="Kees Bakker"),
        "gemeente": gemeente,
    }


def _gegevens(eigen, **anders):
    data = {
        "naam": "Stuurgroep LEA",
        "soort": Soort.STUURGROEP,
        "voorzitter": eigen["wethouder"].pk,
        "voorzitter_tekst": "",
        "secretaris": eigen["ida"].pk,
        "secretaris_tekst": "",
        "samenstelling": "",
        "taken": "",
        "vergaderingen_per_jaar": "4",
        "frequentie_tekst": "",
        "voorkeur_maanden": "2,5,9,11",
        "voorkeur_weekdag": "1",
        "voorkeur_tijd": "15:00",
        "duur_minuten": "120",
        "locatie": "Gemeentehuis",
        "dagen_agenda": "7",
        "weken_voortgangsverzoek": "4",
        "dagen_verslagherinnering": "3",
    }
    data.update(anders)
    return data


def _maak(nieuw, eigen, anne, **anders):
    velden = {
        "naam": "Stuurgroep LEA",
        "soort": Soort.STUURGROEP,
        "voorzitter": eigen["wethouder"],
        "vergaderingen_per_jaar": 4,
        "voorkeur_maanden": "2,5,9,11",
        **anders,
    }
    return orgaan_maak(agenda=nieuw, door=anne, velden=velden)


# --- create ------------------------------------------------------------------------------------


def test_the_create_page_saves_and_shows_the_body(client, anne, nieuw, eigen):
    client.force_login(anne)
    url = reverse("orgaan_nieuw", args=[nieuw.slug])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert 'for="id_naam"' in pagina.text
    assert 'for="id_vergaderingen_per_jaar"' in pagina.text

    antwoord = client.post(url, _gegevens(eigen))
    orgaan = Overlegorgaan.objects.get(agenda=nieuw, naam="Stuurgroep LEA")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("orgaan_detail", args=[nieuw.slug, orgaan.pk])
    assert orgaan.voorzitter == eigen["wethouder"]
    assert orgaan.secretaris == eigen["ida"]
    assert orgaan.maanden == [2, 5, 9, 11]
    assert orgaan.voorkeur_tijd == datetime.time(15, 0)

    detail = client.get(antwoord["Location"])
    assert "Stuurgroep LEA" in detail.text
    assert "Wim Wethouder" in detail.text
    assert "Bewerken" in detail.text
    assert "Lid toevoegen" in detail.text
    # History: the creation, attributed to Anne.
    assert orgaan.history.get().history_user == anne
    assert "Geschiedenis" in detail.text
    assert "aangemaakt" in detail.text.lower()


def test_a_double_submit_creates_one_body(client, anne, nieuw, eigen):
    client.force_login(anne)
    url = reverse("orgaan_nieuw", args=[nieuw.slug])
    data = _gegevens(eigen, eenmalig="6f1c8e1e-1c1a-4d55-9a61-6d1f7c0c0c01")
    client.post(url, data)
    client.post(url, data)
    assert Overlegorgaan.objects.filter(agenda=nieuw).count() == 1


@pytest.mark.parametrize(
    ("veld", "waarde", "bericht"),
    [
        ("voorkeur_maanden", "2,5,9,13", "maandnummers 1 tot en met 12"),
        ("voorkeur_maanden", "2,5", "Geef 4 maanden op"),
        ("voorkeur_weekdag", "9", "werkdag van maandag tot en met vrijdag"),
        ("vergaderingen_per_jaar", "-2", "heel getal van 1 tot en met 52"),
        ("vergaderingen_per_jaar", "60", "heel getal van 1 tot en met 52"),
        ("dagen_agenda", "-1", "heel getal van 0 tot en met 60"),
        ("weken_voortgangsverzoek", "-3", "heel getal van 0 tot en met 26"),
        ("duur_minuten", "0", "heel getal van 15 tot en met 600"),
        ("voorkeur_tijd", "25:99", "uu:mm"),
        ("naam", "", "Geef het overlegorgaan een naam"),
    ],
)
def test_bad_input_gets_a_dutch_message_and_saves_nothing(
    client, anne, nieuw, eigen, veld, waarde, bericht
):
    client.force_login(anne)
    antwoord = client.post(
        reverse("orgaan_nieuw", args=[nieuw.slug]), _gegevens(eigen, **{veld: waarde})
    )
    assert antwoord.status_code == 200
    assert bericht in antwoord.text
    assert not Overlegorgaan.objects.filter(agenda=nieuw).exists()


def test_the_same_name_twice_is_refused(client, anne, nieuw, eigen):
    _maak(nieuw, eigen, anne)
    client.force_login(anne)
    antwoord = client.post(reverse("orgaan_nieuw", args=[nieuw.slug]), _gegevens(eigen))
    assert "al een overlegorgaan met deze naam" in antwoord.text
    assert Overlegorgaan.objects.filter(agenda=nieuw).count() == 1


# --- only the agenda's own people --------------------------------------------------------------


def test_another_agendas_person_is_not_offered_and_refused(client, anne, nieuw, eigen, bunnik):
    vreemde = bunnik.personen.first()
    form = OrgaanForm(agenda=nieuw)
    for naam in ("voorzitter", "secretaris"):
        assert vreemde not in form.fields[naam].queryset
        assert eigen["ida"] in form.fields[naam].queryset

    client.force_login(anne)
    antwoord = client.post(
        reverse("orgaan_nieuw", args=[nieuw.slug]), _gegevens(eigen, voorzitter=vreemde.pk)
    )
    assert antwoord.status_code == 200
    assert not Overlegorgaan.objects.filter(agenda=nieuw).exists()

    # The model refuses it too (the admin, the import and the services share this rule).
    orgaan = Overlegorgaan(agenda=nieuw, naam="Regiegroep", secretaris=vreemde)
    with pytest.raises(ValidationError) as fout:
        orgaan.full_clean()
    assert "hoort bij een andere agenda" in str(fout.value.message_dict["secretaris"])


def test_another_agendas_member_is_not_offered_and_refused(anne, nieuw, eigen, bunnik):
    orgaan = _maak(nieuw, eigen, anne)
    vreemde = bunnik.personen.first()
    form = OrgaanlidForm(orgaan=orgaan)
    assert vreemde not in form.fields["persoon"].queryset
    assert eigen["kees"] in form.fields["persoon"].queryset
    assert not set(form.fields["organisatie"].queryset) - set(nieuw.organisaties.all())

    form = OrgaanlidForm({"persoon": vreemde.pk}, orgaan=orgaan)
    assert not form.is_valid()
    assert "Kies een persoon van deze agenda" in str(form.errors["persoon"])
    with pytest.raises(ValidationError, match="hoort bij een andere agenda"):
        orgaanlid_voeg_toe(orgaan=orgaan, persoon=vreemde, door=anne, velden={})
    assert not orgaan.leden.exists()


# --- edit and archive --------------------------------------------------------------------------


def test_the_edit_page_saves_and_keeps_history(client, anne, nieuw, eigen):
    orgaan = _maak(nieuw, eigen, anne)
    client.force_login(anne)
    url = reverse("orgaan_bewerken", args=[nieuw.slug, orgaan.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(url, _gegevens(eigen, vergaderingen_per_jaar="6", voorkeur_maanden=""))
    assert antwoord.status_code == 302
    orgaan.refresh_from_db()
    assert orgaan.vergaderingen_per_jaar == 6
    assert orgaan.history.count() == 2
    pagina = client.get(url)
    assert "Geschiedenis" in pagina.text
    assert "Vergaderingen per jaar" in pagina.text


def test_bad_input_on_the_edit_page_changes_nothing(client, anne, nieuw, eigen):
    orgaan = _maak(nieuw, eigen, anne)
    client.force_login(anne)
    url = reverse("orgaan_bewerken", args=[nieuw.slug, orgaan.pk])
    antwoord = client.post(url, _gegevens(eigen, voorkeur_maanden="1,2,3,14"))
    assert antwoord.status_code == 200
    assert "maandnummers 1 tot en met 12" in antwoord.text
    orgaan.refresh_from_db()
    assert orgaan.maanden == [2, 5, 9, 11]


def test_archive_keeps_the_row_hides_it_and_restores(client, anne, nieuw, eigen):
    orgaan = _maak(nieuw, eigen, anne)
    client.force_login(anne)
    url = reverse("orgaan_archiveren", args=[nieuw.slug, orgaan.pk])
    assert client.get(url).status_code == 405
    client.get(client.post(url)["Location"])  # the page with the message
    orgaan.refresh_from_db()
    assert orgaan.gearchiveerd
    lijst = reverse("overleg_lijst", args=[nieuw.slug])
    assert "Stuurgroep LEA" not in client.get(lijst).text
    assert "Stuurgroep LEA" in client.get(lijst + "?gearchiveerd=1").text

    client.post(url, {"terugzetten": "1"})
    orgaan.refresh_from_db()
    assert not orgaan.gearchiveerd
    assert orgaan.history.filter(gearchiveerd=True).exists()


def test_a_lezer_gets_403(client, sara, bunnik):
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    client.force_login(sara)
    for url in (
        reverse("orgaan_nieuw", args=[bunnik.slug]),
        reverse("orgaan_bewerken", args=[bunnik.slug, orgaan.pk]),
        reverse("orgaanlid_nieuw", args=[bunnik.slug, orgaan.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"naam": "Overgenomen"}).status_code == 403
    assert (
        client.post(reverse("orgaan_archiveren", args=[bunnik.slug, orgaan.pk])).status_code == 403
    )
    orgaan.refresh_from_db()
    assert not orgaan.gearchiveerd
    assert orgaan.naam != "Overgenomen"


# --- members -----------------------------------------------------------------------------------


def test_add_change_and_end_a_membership(client, anne, nieuw, eigen):
    orgaan = _maak(nieuw, eigen, anne)
    client.force_login(anne)
    url = reverse("orgaanlid_nieuw", args=[nieuw.slug, orgaan.pk])
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url, {"persoon": eigen["wethouder"].pk, "functie": "wethouder", "mandaat": "on"}
    )
    assert antwoord.status_code == 302
    lid = orgaan.leden.get()
    assert lid.mandaat
    assert lid.functie == "wethouder"
    assert lid.organisatie == eigen["gemeente"]  # the person's own, when none is chosen

    # Without a mandate, and someone who is already a member is not offered twice.
    client.post(url, {"persoon": eigen["kees"].pk})
    assert not orgaan.leden.get(persoon=eigen["kees"]).mandaat
    assert eigen["kees"] not in OrgaanlidForm(orgaan=orgaan).fields["persoon"].queryset

    detail = client.get(reverse("orgaan_detail", args=[nieuw.slug, orgaan.pk]))
    bewerken = reverse("orgaanlid_bewerken", args=[nieuw.slug, lid.pk])
    assert bewerken in detail.text
    assert "Wijzigen" in detail.text

    assert client.get(bewerken).status_code == 200
    client.post(bewerken, {"functie": "wethouder onderwijs", "mandaat": "on"})
    lid.refresh_from_db()
    assert lid.functie == "wethouder onderwijs"

    # Ending the membership keeps the row and its history; the member list no longer shows it.
    client.post(bewerken, {"functie": "wethouder onderwijs", "gearchiveerd": "on"})
    lid.refresh_from_db()
    assert lid.gearchiveerd
    assert Orgaanlid.objects.filter(pk=lid.pk).exists()
    assert lid.history.count() == 3
    detail = client.get(reverse("orgaan_detail", args=[nieuw.slug, orgaan.pk]))
    assert "Eerder lid" in detail.text

    # Adding the person again reuses the row (one history).
    client.post(url, {"persoon": eigen["wethouder"].pk})
    assert orgaan.leden.filter(persoon=eigen["wethouder"]).count() == 1
    lid.refresh_from_db()
    assert not lid.gearchiveerd


def test_an_ended_member_gets_no_agenda(anne, nieuw, eigen):
    orgaan = _maak(nieuw, eigen, anne)
    lid = orgaanlid_voeg_toe(orgaan=orgaan, persoon=eigen["kees"], door=anne, velden={})
    lid.gearchiveerd = True
    lid.save()
    assert not orgaan.leden.filter(gearchiveerd=False).exists()


# --- the planner -------------------------------------------------------------------------------


def test_the_planner_picks_up_a_new_body_within_the_period(client, anne, nieuw, eigen):
    client.force_login(anne)
    client.post(reverse("orgaan_nieuw", args=[nieuw.slug]), _gegevens(eigen))
    orgaan = Overlegorgaan.objects.get(agenda=nieuw)
    assert not orgaan.vergaderingen.exists()

    cyclus.alle_vergaderingen_plan(vandaag=datetime.date(2028, 3, 1))
    data = sorted(v.begin.date() for v in orgaan.vergaderingen.all())
    # The months it prefers, up to the end of the agenda's period (2028-12-31).
    assert [d.month for d in data] == [5, 9, 11]
    assert all(nieuw.periode_start <= d <= nieuw.periode_eind for d in data)
    assert all(d.weekday() == 1 for d in data)  # dinsdag
    assert all(v.status == VergaderStatus.CONCEPT for v in orgaan.vergaderingen.all())
    assert {v.locatie for v in orgaan.vergaderingen.all()} == {"Gemeentehuis"}


def test_an_archived_body_is_not_planned(anne, nieuw, eigen):
    orgaan = _maak(nieuw, eigen, anne)
    orgaan_archiveer(orgaan=orgaan, door=anne)
    cyclus.alle_vergaderingen_plan(vandaag=datetime.date(2026, 1, 1))
    assert not Vergadering.objects.filter(orgaan=orgaan).exists()


# --- links, empty states and the checklist -----------------------------------------------------


def test_the_empty_list_says_what_to_do_only_to_the_beheerder(client, anne, sara, nieuw, bunnik):
    client.force_login(anne)
    pagina = client.get(reverse("overleg_lijst", args=[nieuw.slug]))
    assert "Nog geen overlegorganen. Maak het eerste overlegorgaan aan" in pagina.text
    assert reverse("orgaan_nieuw", args=[nieuw.slug]) in pagina.text
    assert "Nieuw overlegorgaan" in pagina.text

    Lidmaatschap.objects.create(agenda=nieuw, gebruiker=sara, rol=Rol.LEZER)
    client.force_login(sara)
    pagina = client.get(reverse("overleg_lijst", args=[nieuw.slug]))
    assert reverse("orgaan_nieuw", args=[nieuw.slug]) not in pagina.text
    assert "Nog geen overlegorganen" in pagina.text or "nog geen overlegorganen" in pagina.text


def test_beheer_and_checklist_registrations(anne, nieuw, eigen):
    onderdeel = next(o for o in panelen.beheeronderdelen() if o.titel == "Overlegorganen")
    assert (onderdeel.url_naam, onderdeel.volgorde) == ("overleg_lijst", 40)
    stappen = {s.titel: s for s in panelen.startstappen()}
    stuurgroep = stappen["Richt de stuurgroep in"]
    vergadering = stappen["Plan de eerste vergadering"]
    assert (stuurgroep.url_naam, stuurgroep.volgorde) == ("orgaan_nieuw", 40)
    assert (vergadering.url_naam, vergadering.volgorde) == ("overleg_lijst", 41)

    assert onderdeel.aantal(nieuw) == 0
    assert not stuurgroep.gedaan(nieuw)
    assert not vergadering.gedaan(nieuw)
    orgaan = _maak(nieuw, eigen, anne)
    assert onderdeel.aantal(nieuw) == 1
    assert stuurgroep.gedaan(nieuw)
    cyclus.alle_vergaderingen_plan(vandaag=datetime.date(2026, 1, 1))
    assert vergadering.gedaan(nieuw)
    orgaan.vergaderingen.update(status=VergaderStatus.GEANNULEERD)
    assert not vergadering.gedaan(nieuw)
    orgaan_archiveer(orgaan=orgaan, door=anne)
    assert onderdeel.aantal(nieuw) == 0
    assert not stuurgroep.gedaan(nieuw)
