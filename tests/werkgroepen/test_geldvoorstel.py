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
    selectors.registreer_geldvoorstel(lambda actie: None)  # no opinion: the next one decides
    selectors.registreer_geldvoorstel(
        lambda actie: Rag.ROOD if actie.pk == actie_van_victor.pk else None
    )
    return actie_van_victor


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
