"""Werkgroepen maintained in the agenda's own pages: list, create, edit, archive, as the
beheerder sees them; only the agenda's own people, organisations and nodes; a new chair with a
login becomes werkgroepvoorzitter by chairing."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lea.models import Lidmaatschap, Rol
from lea.toegang import rol_in
from tests.factories import (
    ActieFactory,
    AgendaFactory,
    KnoopFactory,
    OrganisatieFactory,
    PersoonFactory,
    WerkgroepFactory,
)
from werkgroepen.forms import ActieForm, BulkForm, WerkgroepForm
from werkgroepen.models import Werkgroep
from werkgroepen.services import werkgroep_archiveer, werkgroep_bewerk, werkgroep_maak

pytestmark = pytest.mark.django_db


@pytest.fixture
def nieuw(anne):
    """A new municipality's agenda, with Anne as its beheerder and a few people of its own."""
    agenda = AgendaFactory.create(slug="proefdorp-2025", gemeente="Proefdorp")
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=anne, rol=Rol.BEHEERDER)
    return agenda


@pytest.fixture
def eigen(nieuw):
    """The new agenda's own people, organisations and nodes."""
    school = OrganisatieFactory.create(agenda=nieuw, naam="Basisschool De Linde")
    return {
        "ida": PersoonFactory.create(agenda=nieuw, naam="Ida Jansen", organisatie=school),
        "kees": PersoonFactory.create(agenda=nieuw, naam="Kees Bakker"),
        "school": school,
        "gemeente": OrganisatieFactory.create(agenda=nieuw, naam="Gemeente Proefdorp"),
        "knoop": KnoopFactory.create(agenda=nieuw, code="A", titel="Gelijke kansen"),
    }


def _gegevens(eigen, **anders):
    data = {
        "naam": "Werkgroep gelijke kansen",
        "omschrijving": "Komt zes keer per jaar bijeen.",
        "voorzitter": eigen["ida"].pk,
        "voorzitter_tekst": "",
        "eindverantwoordelijke": eigen["gemeente"].pk,
        "eindverantwoordelijke_tekst": "",
        "leden": [eigen["ida"].pk, eigen["kees"].pk],
        "organisaties": [eigen["school"].pk, eigen["gemeente"].pk],
        "knopen": [eigen["knoop"].pk],
    }
    data.update(anders)
    return data


# --- create --------------------------------------------------------------------------------------


def test_the_create_page_saves_and_shows_the_werkgroep(client, anne, nieuw, eigen):
    client.force_login(anne)
    url = reverse("werkgroep_nieuw", args=[nieuw.slug])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert 'for="id_naam"' in pagina.text

    antwoord = client.post(url, _gegevens(eigen))
    werkgroep = Werkgroep.objects.get(agenda=nieuw, naam="Werkgroep gelijke kansen")
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("werkgroep_detail", args=[nieuw.slug, werkgroep.pk])
    assert werkgroep.voorzitter == eigen["ida"]
    assert werkgroep.eindverantwoordelijke == eigen["gemeente"]
    assert set(werkgroep.leden.all()) == {eigen["ida"], eigen["kees"]}
    assert set(werkgroep.organisaties.all()) == {eigen["school"], eigen["gemeente"]}
    assert list(werkgroep.knopen.all()) == [eigen["knoop"]]
    # One history row for the whole form, its sets included.
    (rij,) = werkgroep.history.all()
    assert (rij.history_type, rij.history_user) == ("+", anne)
    assert {lid.persoon for lid in rij.leden.all()} == {eigen["ida"], eigen["kees"]}

    detail = client.get(antwoord["Location"])
    assert "Werkgroep gelijke kansen" in detail.text
    assert "Ida Jansen" in detail.text
    assert "is aangemaakt" in detail.text
    assert "Geschiedenis" in detail.text
    lijst = client.get(reverse("werkgroep_lijst", args=[nieuw.slug]))
    assert "Werkgroep gelijke kansen" in lijst.text


def test_a_chair_without_a_login_is_fine(client, anne, nieuw, eigen):
    client.force_login(anne)
    url = reverse("werkgroep_nieuw", args=[nieuw.slug])
    antwoord = client.post(url, _gegevens(eigen, voorzitter=eigen["kees"].pk))
    assert antwoord.status_code == 302
    assert Werkgroep.objects.get(agenda=nieuw).voorzitter.gebruiker is None


def test_bad_input_gives_a_dutch_message_and_saves_nothing(client, anne, nieuw, eigen):
    client.force_login(anne)
    url = reverse("werkgroep_nieuw", args=[nieuw.slug])
    antwoord = client.post(url, _gegevens(eigen, naam=""))
    assert antwoord.status_code == 200
    assert "Dit veld is verplicht." in antwoord.text
    antwoord = client.post(url, _gegevens(eigen, omschrijving="<b>vet</b>"))
    assert antwoord.status_code == 200
    assert not Werkgroep.objects.filter(agenda=nieuw).exists()
    # The same input corrected is saved; a second werkgroep of that name is refused.
    assert client.post(url, _gegevens(eigen)).status_code == 302
    antwoord = client.post(url, _gegevens(eigen))
    assert antwoord.status_code == 200
    assert "Deze agenda heeft al een werkgroep met deze naam." in antwoord.text
    assert Werkgroep.objects.filter(agenda=nieuw).count() == 1


def test_a_double_submit_creates_one_werkgroep(client, anne, nieuw, eigen):
    client.force_login(anne)
    url = reverse("werkgroep_nieuw", args=[nieuw.slug])
    token = client.get(url).context["form"]["eenmalig"].value()
    data = _gegevens(eigen, eenmalig=token)
    assert client.post(url, data).status_code == 302
    antwoord = client.post(url, data)
    assert "Dit formulier is al verstuurd" in antwoord.text
    assert Werkgroep.objects.filter(agenda=nieuw).count() == 1


# --- only the agenda's own objects ---------------------------------------------------------------


def test_another_agendas_person_is_no_choice_and_the_model_refuses_it(
    client, anne, bunnik, nieuw, eigen
):
    bunniker = bunnik.personen.first()
    bunnik_knoop = bunnik.knopen.first()
    bunnik_org = bunnik.organisaties.first()
    form = WerkgroepForm(agenda=nieuw)
    for veld in ("voorzitter", "leden"):
        assert bunniker not in form.fields[veld].queryset
        assert eigen["ida"] in form.fields[veld].queryset
    assert bunnik_knoop not in form.fields["knopen"].queryset
    assert bunnik_org not in form.fields["organisaties"].queryset

    client.force_login(anne)
    url = reverse("werkgroep_nieuw", args=[nieuw.slug])
    antwoord = client.post(url, _gegevens(eigen, voorzitter=bunniker.pk))
    assert antwoord.status_code == 200
    assert "Selecteer een geldige keuze" in antwoord.text
    antwoord = client.post(url, _gegevens(eigen, knopen=[bunnik_knoop.pk]))
    assert antwoord.status_code == 200
    assert not Werkgroep.objects.filter(agenda=nieuw).exists()

    # The model itself refuses the foreign keys, the service the sets (the admin and the
    # import share these rules).
    werkgroep = Werkgroep(agenda=nieuw, naam="Gemengd", voorzitter=bunniker)
    with pytest.raises(ValidationError) as fout:
        werkgroep.full_clean()
    assert "hoort bij een andere agenda" in str(fout.value.message_dict["voorzitter"])
    werkgroep = Werkgroep(agenda=nieuw, naam="Gemengd", eindverantwoordelijke=bunnik_org)
    with pytest.raises(ValidationError):
        werkgroep.full_clean()
    for sets in ({"leden": [bunniker]}, {"knopen": [bunnik_knoop]}, {"organisaties": [bunnik_org]}):
        with pytest.raises(ValidationError) as fout:
            werkgroep_maak(agenda=nieuw, door=anne, velden={"naam": "Gemengd"}, **sets)
        assert set(fout.value.message_dict) == set(sets)
    assert not Werkgroep.objects.filter(agenda=nieuw).exists()
    bestaand = werkgroep_maak(agenda=nieuw, door=anne, velden={"naam": "Eigen"})
    with pytest.raises(ValidationError):
        werkgroep_bewerk(werkgroep=bestaand, door=anne, velden={}, leden=[bunniker])
    assert not bestaand.leden.exists()


def test_the_admin_offers_only_the_agendas_objects_and_refuses_a_mix(client, bunnik, nieuw, eigen):
    werkgroep = WerkgroepFactory.create(agenda=nieuw, naam="Eigen")
    assert client.login(username="admin", password="lea-demo")
    pagina = client.get(reverse("admin:werkgroepen_werkgroep_change", args=[werkgroep.pk]))
    assert pagina.status_code == 200
    form = pagina.context["adminform"].form
    bunniker = bunnik.personen.first()
    assert bunniker not in form.fields["voorzitter"].queryset
    assert bunniker not in form.fields["leden"].queryset
    assert eigen["ida"] in form.fields["leden"].queryset
    assert bunnik.knopen.first() not in form.fields["knopen"].queryset

    # The add form cannot know the agenda yet: there the chosen agenda decides.
    antwoord = client.post(
        reverse("admin:werkgroepen_werkgroep_add"),
        {
            "agenda": nieuw.pk,
            "naam": "Gemengd",
            "volgorde": 0,
            "leden": [bunniker.pk],
            "knopen": [bunnik.knopen.first().pk],
            "acties-TOTAL_FORMS": 0,
            "acties-INITIAL_FORMS": 0,
        },
    )
    assert antwoord.status_code == 200
    assert "hoort bij een andere agenda" in antwoord.text
    assert not Werkgroep.objects.filter(naam="Gemengd").exists()


# --- edit, and the role chairing gives -----------------------------------------------------------


def test_editing_saves_records_history_and_a_chair_with_a_login_gets_the_role(
    client, anne, nieuw, eigen
):
    werkgroep = werkgroep_maak(agenda=nieuw, door=anne, velden={"naam": "Jeugd"})
    marit = get_user_model().objects.create_user("marit", "marit@lea.example", "lea-demo")
    voorzitter = PersoonFactory.create(agenda=nieuw, naam="Marit Smit", gebruiker=marit)
    assert rol_in(marit, nieuw) is None

    client.force_login(anne)
    url = reverse("werkgroep_bewerken", args=[nieuw.slug, werkgroep.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Archiveren" in pagina.text
    antwoord = client.post(url, _gegevens(eigen, naam="Jeugd", voorzitter=voorzitter.pk))
    assert antwoord.status_code == 302
    werkgroep.refresh_from_db()
    assert werkgroep.voorzitter == voorzitter
    assert set(werkgroep.leden.all()) == {eigen["ida"], eigen["kees"]}
    # Chairing gives the werkgroepvoorzitter role: no membership needed.
    assert rol_in(marit, nieuw) == Rol.WERKGROEPVOORZITTER
    client.force_login(marit)
    assert (
        client.get(reverse("werkgroep_detail", args=[nieuw.slug, werkgroep.pk])).status_code == 200
    )

    client.force_login(anne)
    detail = client.get(reverse("werkgroep_detail", args=[nieuw.slug, werkgroep.pk]))
    assert "Voorzitter: – → Marit Smit" in detail.text
    assert werkgroep.history.filter(history_user=anne, history_type="~").count() == 1
    assert "Leden: – → Ida Jansen, Kees Bakker" in detail.text

    # Bad input on the edit page keeps the old values.
    antwoord = client.post(url, _gegevens(eigen, naam=""))
    assert antwoord.status_code == 200
    assert "Dit veld is verplicht." in antwoord.text
    werkgroep.refresh_from_db()
    assert werkgroep.naam == "Jeugd"


# --- archive -------------------------------------------------------------------------------------


def test_archiving_keeps_the_row_hides_it_and_restores_it(client, anne, nieuw, eigen):
    marit = get_user_model().objects.create_user("marit", "marit@lea.example", "lea-demo")
    voorzitter = PersoonFactory.create(agenda=nieuw, naam="Marit Smit", gebruiker=marit)
    werkgroep = WerkgroepFactory.create(agenda=nieuw, naam="Oud", voorzitter=voorzitter)
    ActieFactory.create(
        agenda=nieuw, knoop=eigen["knoop"], werkgroep=werkgroep, status="afgerond", percentage=100
    )
    assert rol_in(marit, nieuw) == Rol.WERKGROEPVOORZITTER
    client.force_login(anne)
    url = reverse("werkgroep_archiveren", args=[nieuw.slug, werkgroep.pk])
    assert client.get(url).status_code == 405
    antwoord = client.post(url)
    assert antwoord.status_code == 302
    werkgroep.refresh_from_db()
    assert werkgroep.gearchiveerd
    assert werkgroep.history.filter(history_user=anne, gearchiveerd=True).exists()
    # Hidden from the list and from the choices, still shown when asked for.
    lijst = reverse("werkgroep_lijst", args=[nieuw.slug])
    pagina = client.get(lijst)
    assert werkgroep not in pagina.context["werkgroepen"]
    assert "Toon gearchiveerde" in pagina.text
    assert werkgroep in client.get(lijst + "?gearchiveerd=1").context["werkgroepen"]
    assert werkgroep not in ActieForm(agenda=nieuw).fields["werkgroep"].queryset
    assert werkgroep not in BulkForm(agenda=nieuw).fields["werkgroep"].queryset
    assert (
        werkgroep
        not in client.get(reverse("actie_lijst", args=[nieuw.slug]))
        .context["filter"]
        .form.fields["werkgroep"]
        .queryset
    )
    # An action it already carries keeps it as a choice, so editing that action still works.
    actie = werkgroep.acties.get()
    assert werkgroep in ActieForm(agenda=nieuw, instance=actie).fields["werkgroep"].queryset
    # Its chair no longer draws a role from it.
    assert rol_in(marit, nieuw) is None

    antwoord = client.post(url, {"terugzetten": "1"})
    assert antwoord.status_code == 302
    werkgroep.refresh_from_db()
    assert not werkgroep.gearchiveerd
    assert werkgroep in client.get(lijst).context["werkgroepen"]
    assert rol_in(marit, nieuw) == Rol.WERKGROEPVOORZITTER


def test_a_werkgroep_with_open_actions_is_not_archived(client, anne, werkgroep, bunnik):
    client.force_login(anne)
    antwoord = client.post(
        reverse("werkgroep_archiveren", args=[bunnik.slug, werkgroep.pk]), follow=True
    )
    assert "Niet gearchiveerd: Deze werkgroep draagt nog" in antwoord.text
    werkgroep.refresh_from_db()
    assert not werkgroep.gearchiveerd
    with pytest.raises(ValidationError):
        werkgroep_archiveer(werkgroep=werkgroep, door=anne)


# --- who may --------------------------------------------------------------------------------


def test_a_lezer_sees_the_list_but_may_not_change_anything(client, sara, bunnik, werkgroep):
    client.force_login(sara)
    lijst = client.get(reverse("werkgroep_lijst", args=[bunnik.slug]))
    assert lijst.status_code == 200
    assert werkgroep.naam in lijst.text
    assert reverse("werkgroep_nieuw", args=[bunnik.slug]) not in lijst.text
    assert reverse("werkgroep_bewerken", args=[bunnik.slug, werkgroep.pk]) not in lijst.text
    for url in (
        reverse("werkgroep_nieuw", args=[bunnik.slug]),
        reverse("werkgroep_bewerken", args=[bunnik.slug, werkgroep.pk]),
    ):
        assert client.get(url).status_code == 403
        assert client.post(url, {"naam": "Van de lezer"}).status_code == 403
    assert (
        client.post(reverse("werkgroep_archiveren", args=[bunnik.slug, werkgroep.pk])).status_code
        == 403
    )
    assert not Werkgroep.objects.filter(naam="Van de lezer").exists()


def test_the_chair_may_not_edit_the_werkgroep_itself(client, victor, bunnik, werkgroep):
    client.force_login(victor)
    url = reverse("werkgroep_bewerken", args=[bunnik.slug, werkgroep.pk])
    assert client.get(url).status_code == 403


def test_an_outsider_finds_no_werkgroepen(client, henk, bunnik, werkgroep):
    client.force_login(henk)
    assert client.get(reverse("werkgroep_lijst", args=[bunnik.slug])).status_code == 404


# --- the list -------------------------------------------------------------------------------------


def test_the_list_takes_a_fixed_number_of_queries(client, anne, nieuw, eigen):
    def tel() -> int:
        with CaptureQueriesContext(connection) as vragen:
            assert client.get(reverse("werkgroep_lijst", args=[nieuw.slug])).status_code == 200
        return len(vragen)

    client.force_login(anne)
    WerkgroepFactory.create(agenda=nieuw, voorzitter=eigen["ida"]).knopen.add(eigen["knoop"])
    weinig = tel()
    for _ in range(30):
        wg = WerkgroepFactory.create(agenda=nieuw, voorzitter=eigen["kees"])
        wg.knopen.add(eigen["knoop"])
        ActieFactory.create(agenda=nieuw, knoop=eigen["knoop"], werkgroep=wg)
    assert tel() == weinig
