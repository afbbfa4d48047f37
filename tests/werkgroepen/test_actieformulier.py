"""The action form: one choice for the lead and one for the partners, the text from the plan as
an optional note; one history step per save; each name once on the action's page."""

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from lea.models import Organisatie, Persoon
from lea.werkboek.toepassen import wijzigingsreden
from overleg.models import Actiepunt, Agendapunt, PuntSoort, Vergadering
from overleg.services import actiepunt_naar_actie
from werkgroepen.models import Actie
from werkgroepen.services import actie_bewerk, actie_maak

ISO = re.compile(r"\b20\d\d-\d\d-\d\d\b")


@pytest.fixture
def ggd(bunnik):
    return Organisatie.objects.create(agenda=bunnik, naam="GGD Regio Utrecht")


@pytest.fixture
def gemeente(bunnik):
    return Organisatie.objects.create(agenda=bunnik, naam="Gemeente Proefdorp")


@pytest.fixture
def bibliotheek(bunnik):
    return Organisatie.objects.create(agenda=bunnik, naam="Bibliotheek Proefdorp")


@pytest.fixture
def jan(bunnik, gemeente):
    """Jan works for the municipality and leads actions."""
    return Persoon.objects.create(agenda=bunnik, naam="Jan Jansen", organisatie=gemeente)


def _detail(client, actie) -> str:
    return client.get(reverse("actie_detail", args=["bunnik-2025", actie.pk])).text


def _regie(pagina: str) -> str:
    return pagina.split("Wie heeft de regie</dt>")[1].split("</dd>")[0]


def _partners(pagina: str) -> str:
    return pagina.split("Wie helpen mee</dt>")[1].split("</dd>")[0]


def _historie(pagina: str) -> str:
    return pagina.split('id="kop-historie"')[1].split("</section>")[0]


def _stappen(pagina: str) -> list[str]:
    return re.findall(r'<li class="mb-2">(.*?)\n    </li>', _historie(pagina), re.S)


def _groep(pagina: str, legenda: str) -> str:
    """A group of the action form: from its legend to the end of its note."""
    return pagina.split(f">{legenda}</legend>")[1].split("</details>")[0]


def _nieuw(bunnik, **anders) -> dict:
    data = {
        "knoop": bunnik.knopen.order_by("volgorde").first().pk,
        "titel": "Voorleesochtenden op alle scholen",
        "code": "9z",
        "timing_tekst": "",
        "eenmalig": str(uuid.uuid4()),
    }
    data.update(anders)
    return data


def test_the_form_groups_lead_and_partners_with_the_plan_text_as_an_optional_note(
    client, anne, bunnik, actie_van_victor
):
    client.force_login(anne)
    nieuw = client.get(reverse("actie_nieuw", args=["bunnik-2025"])).text
    assert "zoals gedrukt" not in nieuw.lower()
    regie = _groep(nieuw, "Regie")
    assert "Wie is verantwoordelijk: een organisatie, een persoon of allebei." in regie
    for naam in ("regie_persoon", "regie", "regie_tekst"):
        assert f'name="{naam}"' in regie
    assert "<details>" in regie  # closed: the note is empty
    assert "Tekst uit het plan (optioneel)" in regie
    partners = _groep(nieuw, "Wie helpen mee")
    assert 'name="partners"' in partners
    assert 'name="partners_tekst"' in partners

    # Filled in, the note is shown open.
    Actie.objects.filter(pk=actie_van_victor.pk).update(regie_tekst="de gemeente met partners")
    bewerk = client.get(reverse("actie_bewerken", args=["bunnik-2025", actie_van_victor.pk]))
    regie = _groep(bewerk.text, "Regie")
    assert "<details open>" in regie
    assert 'value="de gemeente met partners"' in regie
    assert "zoals gedrukt" not in bewerk.text.lower()


def test_creating_an_action_writes_one_history_step(
    client, anne, bunnik, jan, gemeente, ggd, bibliotheek
):
    client.force_login(anne)
    antwoord = client.post(
        reverse("actie_nieuw", args=["bunnik-2025"]),
        _nieuw(
            bunnik,
            regie_persoon=jan.pk,
            regie=[gemeente.pk, ggd.pk],
            partners=[bibliotheek.pk],
            partners_tekst="de bibliotheek en vrijwilligers",
        ),
    )
    assert antwoord.status_code == 302
    actie = Actie.objects.get(agenda=bunnik, titel="Voorleesochtenden op alle scholen")
    assert actie.history.count() == 1
    rij = actie.history.get()
    assert (rij.history_type, rij.history_user) == ("+", anne)
    # The one row holds the sets as saved.
    assert {r.organisatie_id for r in rij.regie.all()} == {gemeente.pk, ggd.pk}
    assert [r.organisatie_id for r in rij.partners.all()] == [bibliotheek.pk]

    pagina = _detail(client, actie)
    stappen = _stappen(pagina)
    assert len(stappen) == 1
    assert "aangemaakt door" in stappen[0]
    # Each name once: Jan with his organisation, the municipality not again in the list.
    regie = _regie(pagina)
    assert "Jan Jansen (Gemeente Proefdorp)" in regie
    assert regie.count("Gemeente Proefdorp") == 1
    assert "GGD Regio Utrecht" in regie
    partners = _partners(pagina)
    assert "Bibliotheek Proefdorp" in partners
    assert "de bibliotheek en vrijwilligers" in partners  # adds something: shown


def test_editing_with_changed_sets_writes_one_step_with_every_change(
    client, anne, bunnik, jan, gemeente, ggd, bibliotheek
):
    actie = actie_maak(
        agenda=bunnik,
        door=anne,
        velden={"knoop": bunnik.knopen.first(), "titel": "Taalcafé", "regie_persoon": jan},
        regie=[gemeente],
    )
    client.force_login(anne)
    formulier = client.get(reverse("actie_bewerken", args=["bunnik-2025", actie.pk])).context[
        "form"
    ]
    data = {k: v for k, v in formulier.initial.items() if v is not None}
    data.update(
        titel="Taalcafé in de bibliotheek",
        regie=[ggd.pk],
        partners=[bibliotheek.pk, gemeente.pk],
        timing_soort="datum",
        timing_eind="2027-12-31",
        versie=actie.versie,
        knoop=actie.knoop_id,
        regie_persoon=jan.pk,
    )
    for veld in ("regie_persoon", "werkgroep", "leeftijd_min", "leeftijd_max"):
        data.setdefault(veld, "")
    antwoord = client.post(reverse("actie_bewerken", args=["bunnik-2025", actie.pk]), data)
    assert antwoord.status_code == 302
    assert actie.history.count() == 2

    stappen = _stappen(_detail(client, actie))
    assert len(stappen) == 2
    stap = stappen[0]
    assert "gewijzigd door" in stap
    wanneer = timezone.localtime(actie.history.order_by("-history_id").first().history_date)
    assert f"<strong>{date_format(wanneer, 'j F Y, H:i')}</strong>" in stap
    assert "Titel: Taalcafé → Taalcafé in de bibliotheek" in stap
    assert "31 december 2027" in stap
    assert "Regie (organisaties): Gemeente Proefdorp → GGD Regio Utrecht" in stap
    assert escape("Wie helpen mee: – → Bibliotheek Proefdorp, Gemeente Proefdorp") in stap
    assert not ISO.search(_historie(_detail(client, actie)))


def test_services_write_one_row_per_save_and_keep_the_import_reason(
    anne, bunnik, gemeente, ggd, bibliotheek
):
    with wijzigingsreden("via import acties.xlsx", anne):
        actie = actie_maak(
            agenda=bunnik,
            door=None,
            velden={"knoop": bunnik.knopen.first(), "titel": "Zomerschool"},
            regie=[gemeente],
            partners=[ggd],
        )
    rij = actie.history.get()
    assert (rij.history_change_reason, rij.history_user) == ("via import acties.xlsx", anne)
    assert [r.organisatie_id for r in rij.partners.all()] == [ggd.pk]

    actie_bewerk(
        actie=actie,
        door=anne,
        versie=actie.versie,
        velden={"toelichting": "Ook in de herfst."},
        m2m={"regie": [ggd], "partners": [bibliotheek]},
    )
    assert actie.history.count() == 2
    laatste = actie.history.order_by("-history_id").first()
    assert laatste.history_user == anne
    assert laatste.toelichting == "Ook in de herfst."
    assert [r.organisatie_id for r in laatste.regie.all()] == [ggd.pk]
    assert [r.organisatie_id for r in laatste.partners.all()] == [bibliotheek.pk]


def test_an_action_from_an_action_point_names_its_owner_once(client, anne, bunnik, jan):
    vergadering = Vergadering.objects.filter(orgaan__agenda=bunnik).first()
    punt = Agendapunt.objects.create(
        vergadering=vergadering, titel="Nieuwkomers", soort=PuntSoort.BESLUITVORMING
    )
    actiepunt = Actiepunt.objects.create(agendapunt=punt, omschrijving="Plan maken", eigenaar=jan)
    actie = actiepunt_naar_actie(actiepunt=actiepunt, door=anne, knoop=bunnik.knopen.first())
    assert actie.regie_persoon == jan
    assert actie.regie_tekst == ""
    client.force_login(anne)
    regie = _regie(_detail(client, actie))
    assert regie.count("Jan Jansen") == 1

    # Old data wrote the owner in the note as well: the page shows the name once.
    Actie.objects.filter(pk=actie.pk).update(regie_tekst="Jan Jansen")
    assert _regie(_detail(client, actie)).count("Jan Jansen") == 1
    # A note that adds something stays.
    Actie.objects.filter(pk=actie.pk).update(regie_tekst="Jan Jansen en de directeuren")
    assert "Jan Jansen en de directeuren" in _regie(_detail(client, actie))


def test_the_action_list_names_the_node(client, sara, bunnik):
    client.force_login(sara)
    pagina = client.get(reverse("actie_lijst", args=["bunnik-2025"])).text
    actie = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde", "pk").first()
    knoop = actie.knoop
    assert f"{knoop.code} {escape(knoop.titel[:39])}" in pagina
