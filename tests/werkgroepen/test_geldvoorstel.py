"""A later app (monitoring: the budget) proposes an action's RAG for money; the progress forms
start from the proposal and the user may still choose otherwise."""

import pytest
from django.urls import reverse

from werkgroepen.models import Actie, Rag
from werkgroepen.selectors import stand as selectors

pytestmark = pytest.mark.django_db

VOORSTEL = "Voorstel op basis van de begroting: rood – loopt niet volgens plan."


@pytest.fixture
def voorstel(monkeypatch, actie_van_victor):
    """A proposal of red for Victor's action only; nothing for any other action."""
    monkeypatch.setattr(selectors, "_GELDVOORSTELLEN", [])
    gevraagd.clear()

    def geen_mening(acties):  # no opinion: the next one decides
        gevraagd.append([a.pk for a in acties])
        return dict.fromkeys((a.pk for a in acties), None)

    selectors.registreer_geldvoorstel(geen_mening)
    selectors.registreer_geldvoorstel(
        lambda acties: {a.pk: Rag.ROOD if a.pk == actie_van_victor.pk else None for a in acties}
    )
    return actie_van_victor


gevraagd: list[list[int]] = []


def test_the_report_page_asks_once_for_all_its_actions(client, victor, voorstel, werkgroep):
    Actie.objects.filter(pk=voorstel.pk).update(status="lopend", percentage=50)  # open
    client.force_login(victor)
    pagina = client.get(
        reverse("werkgroep_rapporteren", args=[werkgroep.agenda.slug, werkgroep.pk])
    )
    assert pagina.status_code == 200
    kaart = next(k for k in pagina.context["kaarten"] if k.actie.pk == voorstel.pk)
    assert kaart.form["rag_geld"].value() == Rag.ROOD
    assert len(gevraagd) == 1  # one question for every form on the page
    assert voorstel.pk in gevraagd[0]
    assert len(gevraagd[0]) > 1


def test_the_action_page_form_starts_from_the_proposal(client, victor, voorstel, bunnik):
    client.force_login(victor)
    url = reverse("actie_voortgang", args=[bunnik.slug, voorstel.pk])
    pagina = client.get(url)
    assert pagina.context["form"]["rag_geld"].value() == Rag.ROOD
    assert VOORSTEL in pagina.text
    # Still overridable: the user's choice is what is stored.
    data = {
        "datum": pagina.context["form"]["datum"].value().isoformat(),
        "status": "lopend",
        "rag_tijd": "groen",
        "rag_geld": "groen",
        "percentage": 30,
        "toelichting": "Begroting klopt toch.",
    }
    assert client.post(url, data).status_code == 302
    voorstel.refresh_from_db()
    assert voorstel.rag_geld == Rag.GROEN


def test_the_werkgroep_inline_form_starts_from_the_proposal(
    client, victor, voorstel, werkgroep, bunnik
):
    client.force_login(victor)
    url = reverse("werkgroep_voortgang", args=[bunnik.slug, werkgroep.pk, voorstel.pk])
    rij = client.get(url, headers={"HX-Request": "true"})
    assert rij.context["form"]["rag_geld"].value() == Rag.ROOD
    assert VOORSTEL in rij.text


def test_without_a_proposal_the_form_is_as_before(client, anne, voorstel, bunnik):
    ander = Actie.objects.filter(agenda=bunnik).exclude(pk=voorstel.pk).first()
    client.force_login(anne)
    pagina = client.get(reverse("actie_voortgang", args=[bunnik.slug, ander.pk]))
    assert pagina.context["form"]["rag_geld"].value() == (ander.rag_geld or Rag.GROEN)
    assert "Voorstel op basis van de begroting" not in pagina.text
    assert selectors.geldvoorstel(ander) is None
    assert selectors.geldvoorstel(voorstel) == Rag.ROOD
