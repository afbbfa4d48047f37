"""The beheerder's own pages of the core: Beheer, settings, organisations, people; and the
cross-agenda rule (model, forms, many-to-many guard, admin)."""

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse

from lea import panelen
from lea.admin import PersoonAdmin
from lea.models import Organisatie, Persoon, zelfde_agenda
from lea.views.beheer import aan_de_slag_paneel
from tests.factories import AgendaFactory, GebruikerFactory, OrganisatieFactory, PersoonFactory

pytestmark = pytest.mark.django_db


# --- the rule --------------------------------------------------------------------------------


def test_zelfde_agenda_names_the_field_of_a_foreign_object(bunnik, hilversum):
    eigen = bunnik.organisaties.first()
    vreemd = hilversum.organisaties.first()
    zelfde_agenda(bunnik.pk, organisatie=eigen, leeg=None, lijst=[eigen])
    with pytest.raises(ValidationError) as fout:
        zelfde_agenda(bunnik.pk, organisatie=vreemd, partners=[eigen, vreemd])
    assert set(fout.value.message_dict) == {"organisatie", "partners"}
    assert "hoort bij een andere agenda" in fout.value.message_dict["organisatie"][0]


def test_a_person_cannot_work_for_another_agendas_organisation(bunnik, hilversum):
    persoon = Persoon(agenda=bunnik, naam="Iemand", organisatie=hilversum.organisaties.first())
    with pytest.raises(ValidationError) as fout:
        persoon.full_clean()
    assert "organisatie" in fout.value.message_dict
    persoon.organisatie = bunnik.organisaties.first()
    persoon.full_clean()


def test_many_to_many_between_agenda_objects_refuses_another_agenda(bunnik, hilversum, werkgroep):
    """The guard is registered for every M2M between two models with an agenda (here a later
    app's werkgroep members), without the core naming that app."""
    buitenstaander = hilversum.personen.first()
    with pytest.raises(ValidationError, match="andere agenda"), transaction.atomic():
        werkgroep.leden.add(buitenstaander)
    assert not werkgroep.leden.filter(pk=buitenstaander.pk).exists()
    with pytest.raises(ValidationError), transaction.atomic():
        buitenstaander.werkgroepen.add(werkgroep)  # the reverse side too
    eigen = PersoonFactory(agenda=bunnik)
    werkgroep.leden.add(eigen)
    assert werkgroep.leden.filter(pk=eigen.pk).exists()


def test_admin_change_form_offers_only_the_agendas_objects(bunnik, hilversum):
    persoon = bunnik.personen.first()
    request = RequestFactory().get("/")
    request.user = GebruikerFactory(is_superuser=True, is_staff=True)
    form = PersoonAdmin(Persoon, admin.site).get_form(request, persoon, change=True)
    keuzes = form.base_fields["organisatie"].queryset
    assert set(keuzes.values_list("agenda", flat=True)) == {bunnik.pk}
    # The add form cannot know the agenda: all are offered, the model refuses a mix.
    form = PersoonAdmin(Persoon, admin.site).get_form(request, None)
    assert form.base_fields["organisatie"].queryset.filter(agenda=hilversum).exists()


# --- the Beheer page and its tab -------------------------------------------------------------


def test_beheer_page_lists_the_onderdelen_with_counts(client, anne, bunnik):
    client.force_login(anne)
    antwoord = client.get(reverse("agenda_beheer", args=[bunnik.slug]))
    assert antwoord.status_code == 200
    for onderdeel in panelen.beheeronderdelen():
        assert reverse(onderdeel.url_naam, args=[bunnik.slug]) in antwoord.text
    assert "Instellingen van de agenda" in antwoord.text
    aantal = Organisatie.objects.actief().filter(agenda=bunnik).count()
    assert f'<td class="text-end">{aantal}</td>' in antwoord.text


def test_beheer_tab_only_for_the_beheerder(client, anne, sara, bunnik):
    url = reverse("agenda_beheer", args=[bunnik.slug])
    client.force_login(anne)
    assert url in client.get(reverse("actie_lijst", args=[bunnik.slug])).text
    client.force_login(sara)
    assert url not in client.get(reverse("actie_lijst", args=[bunnik.slug])).text
    assert client.get(url).status_code == 403


def test_settings_are_saved_with_history_and_bad_input_is_refused(client, anne, bunnik):
    client.force_login(anne)
    url = reverse("agenda_instellingen", args=[bunnik.slug])
    velden = {
        "gemeente": bunnik.gemeente,
        "titel": "Nieuwe titel",
        "periode_start": "2025-01-01",
        "periode_eind": "2024-12-31",
        "rapportageperiode": "halfjaar",
        "niveau1_naam": "Ambitie",
        "niveau1_meervoud": "Ambities",
        "actie_naam": "Opdracht",
        "actie_meervoud": "Opdrachten",
    }
    antwoord = client.post(url, velden)
    assert antwoord.status_code == 200
    assert "Het begin van de periode ligt na het einde." in antwoord.text
    bunnik.refresh_from_db()
    assert bunnik.titel != "Nieuwe titel"
    velden["periode_eind"] = "2028-12-31"
    antwoord = client.post(url, velden, follow=True)
    assert "zijn opgeslagen" in antwoord.text
    bunnik.refresh_from_db()
    assert (bunnik.titel, bunnik.rapportageperiode) == ("Nieuwe titel", "halfjaar")
    assert bunnik.history.first().history_user == anne
    assert "Nieuwe titel" in antwoord.text  # the Geschiedenis shows the change


# --- organisations ---------------------------------------------------------------------------


def test_organisation_created_edited_archived_and_restored(client, anne, bunnik):
    client.force_login(anne)
    lijst = reverse("organisatie_lijst", args=[bunnik.slug])
    nieuw = reverse("organisatie_nieuw", args=[bunnik.slug])
    antwoord = client.post(nieuw, {"naam": "", "sector": "po"})
    assert "Dit veld is verplicht." in antwoord.text
    antwoord = client.post(nieuw, {"naam": "<b>Stichting</b>", "sector": "po"})
    assert "Gebruik gewone tekst" in antwoord.text
    assert not Organisatie.objects.filter(agenda=bunnik, naam__contains="Stichting").exists()

    antwoord = client.post(nieuw, {"naam": "Stichting Proef", "afkorting": "SP", "sector": "po"})
    assert antwoord.status_code == 302
    organisatie = Organisatie.objects.get(agenda=bunnik, naam="Stichting Proef")
    assert "Stichting Proef" in client.get(lijst).text
    dubbel = client.post(nieuw, {"naam": "Stichting Proef", "sector": "po"})
    assert "al een organisatie met deze naam" in dubbel.text

    bewerken = reverse("organisatie_bewerken", args=[bunnik.slug, organisatie.pk])
    client.post(bewerken, {"naam": "Stichting Proef", "afkorting": "STP", "sector": "vo"})
    organisatie.refresh_from_db()
    assert organisatie.sector == "vo"
    assert "STP" in client.get(bewerken).text  # in the Geschiedenis

    archiveren = reverse("organisatie_archiveren", args=[bunnik.slug, organisatie.pk])
    assert client.get(archiveren).status_code == 405
    client.post(archiveren, follow=True)
    organisatie.refresh_from_db()
    assert organisatie.gearchiveerd
    assert "Stichting Proef" not in client.get(lijst).text
    assert "Stichting Proef" in client.get(lijst + "?gearchiveerd=1").text
    # An archived organisation is no longer offered for a person.
    assert "Stichting Proef" not in client.get(reverse("persoon_nieuw", args=[bunnik.slug])).text
    client.post(archiveren, {"terugzetten": "1"})
    organisatie.refresh_from_db()
    assert not organisatie.gearchiveerd
    assert organisatie.history.count() == 4


def test_empty_organisation_list_says_what_to_do(client):
    agenda = AgendaFactory()
    beheerder = GebruikerFactory()
    from lea.models import Lidmaatschap

    Lidmaatschap.objects.create(agenda=agenda, gebruiker=beheerder, rol="beheerder")
    client.force_login(beheerder)
    for naam in ("organisatie_lijst", "persoon_lijst"):
        tekst = client.get(reverse(naam, args=[agenda.slug])).text
        assert "Nog geen" in tekst
        assert reverse(naam.replace("_lijst", "_nieuw"), args=[agenda.slug]) in tekst


# --- people ----------------------------------------------------------------------------------


def test_person_form_offers_only_this_agendas_organisations(client, anne, bunnik, hilversum):
    client.force_login(anne)
    vreemd = hilversum.organisaties.first()
    url = reverse("persoon_nieuw", args=[bunnik.slug])
    assert vreemd.naam not in client.get(
        url
    ).text or vreemd.naam in bunnik.organisaties.values_list("naam", flat=True)
    antwoord = client.post(url, {"naam": "Piet Proef", "organisatie": vreemd.pk})
    assert "Selecteer een geldige keuze" in antwoord.text
    assert not Persoon.objects.filter(naam="Piet Proef").exists()
    eigen = bunnik.organisaties.first()
    antwoord = client.post(url, {"naam": "Piet Proef", "organisatie": eigen.pk})
    assert antwoord.status_code == 302
    persoon = Persoon.objects.get(agenda=bunnik, naam="Piet Proef")
    assert persoon.organisatie == eigen
    assert persoon.gebruiker is None  # a person needs no login
    assert persoon.history.first().history_user == anne


def test_person_archived_keeps_the_row_and_leaves_the_list(client, anne, bunnik):
    persoon = PersoonFactory(agenda=bunnik, naam="Archief Annie")
    client.force_login(anne)
    lijst = reverse("persoon_lijst", args=[bunnik.slug])
    assert "Archief Annie" in client.get(lijst).text
    client.post(reverse("persoon_archiveren", args=[bunnik.slug, persoon.pk]), follow=True)
    persoon.refresh_from_db()
    assert persoon.gearchiveerd
    assert "Archief Annie" not in client.get(lijst).text
    assert "Archief Annie" in client.get(lijst + "?gearchiveerd=1").text
    assert "Archief Annie" not in client.get(reverse("rol_nieuw", args=[bunnik.slug])).text


def test_outsider_and_reader_cannot_reach_people(client, henk, sara, bunnik):
    persoon = bunnik.personen.first()
    url = reverse("persoon_bewerken", args=[bunnik.slug, persoon.pk])
    client.force_login(henk)
    assert client.get(url).status_code == 404
    client.force_login(sara)
    assert client.post(url, {"naam": "Gekaapt"}).status_code == 403
    persoon.refresh_from_db()
    assert persoon.naam != "Gekaapt"


def test_another_agendas_object_is_404_under_this_slug(client, anne, bunnik, hilversum):
    client.force_login(anne)
    vreemd = OrganisatieFactory(agenda=hilversum)
    url = reverse("organisatie_bewerken", args=[bunnik.slug, vreemd.pk])
    assert client.get(url).status_code == 404


# --- "Aan de slag" ---------------------------------------------------------------------------


def test_aan_de_slag_lists_steps_until_all_are_done(monkeypatch, anne, bunnik):
    from lea.models import Lidmaatschap

    agenda = AgendaFactory()
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=anne, rol="beheerder")
    kern = [s for s in panelen.startstappen() if s.url_naam == "rol_nieuw"]
    assert kern, "the core registers its own step"
    monkeypatch.setattr(panelen, "_STAPPEN", kern)
    request = RequestFactory().get("/")
    request.user = anne
    html = aan_de_slag_paneel(request, agenda)
    assert "Aan de slag" in html
    assert "Nodig mensen uit" in html
    assert reverse("rol_nieuw", args=[agenda.slug]) in html
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=GebruikerFactory(), rol="lezer")
    assert aan_de_slag_paneel(request, agenda) == ""


def test_aan_de_slag_asks_every_step_in_one_query(admin_user, bunnik):
    """All registered steps, of every app, answered by one query, each as its own check says."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lea.models import Lidmaatschap
    from lea.views import ongelezen

    agenda = AgendaFactory()
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=admin_user, rol="beheerder")
    request = RequestFactory().get("/")
    request.user = admin_user  # a superuser: the role itself costs no query
    stappen = panelen.startstappen()
    assert len(stappen) >= 7  # the core's and every app's
    ongelezen(request)  # the page's own context, once per request (panels render again)
    with CaptureQueriesContext(connection) as vragen:
        html = aan_de_slag_paneel(request, agenda)
    assert len(vragen) == 1
    assert f"0 van de {len(stappen)} stappen" in html
    for stap in stappen:
        assert stap.titel in html
        assert not stap.gedaan(agenda)
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=GebruikerFactory(), rol="lezer")
    nodig = next(s for s in stappen if s.url_naam == "rol_nieuw")
    assert nodig.gedaan(agenda)
    html = aan_de_slag_paneel(request, agenda)
    assert f"1 van de {len(stappen)} stappen" in html


def test_aan_de_slag_is_for_the_beheerder_only(sara, bunnik):
    request = RequestFactory().get("/")
    request.user = sara
    assert aan_de_slag_paneel(request, bunnik) == ""


@pytest.mark.parametrize("naam", ["organisatie_lijst", "persoon_lijst", "rol_lijst"])
def test_list_pages_do_not_grow_in_queries(client, anne, bunnik, naam):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lea.models import Lidmaatschap

    client.force_login(anne)
    url = reverse(naam, args=[bunnik.slug])

    def tel() -> int:
        with CaptureQueriesContext(connection) as vragen:
            assert client.get(url).status_code == 200
        return len(vragen)

    voor = tel()
    organisatie = OrganisatieFactory(agenda=bunnik)
    for _ in range(30):
        persoon = PersoonFactory(agenda=bunnik, organisatie=organisatie)
        persoon.gebruiker = GebruikerFactory()
        persoon.save()
        Lidmaatschap.objects.create(agenda=bunnik, gebruiker=persoon.gebruiker, rol="lezer")
        OrganisatieFactory(agenda=bunnik)
    assert tel() == voor
