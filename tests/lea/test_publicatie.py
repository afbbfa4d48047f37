"""The beheerder publishes and withdraws the agenda's public view, and chooses what it shows."""

import pytest
from django.urls import reverse

from lea.models import Publicatie

pytestmark = pytest.mark.django_db


def _url(agenda) -> str:
    return reverse("publicatie", args=[agenda.slug])


def test_beheerder_publishes_and_withdraws_with_history(client, anne, bunnik):
    client.force_login(anne)
    pagina = client.get(_url(bunnik))
    assert "Niet gepubliceerd" in pagina.text
    assert "/openbaar/bunnik-2025/" in pagina.text
    assert not Publicatie.objects.filter(agenda=bunnik).exists()

    antwoord = client.post(
        _url(bunnik),
        {"wat": "publiceren", "niveau": "niveau1", "inleiding": "  Wat we samen doen.  "},
        follow=True,
    )
    assert "De agenda is gepubliceerd" in antwoord.text
    publicatie = Publicatie.objects.get(agenda=bunnik)
    assert publicatie.openbaar
    assert (publicatie.toon_begroting, publicatie.inleiding) == ("niveau1", "Wat we samen doen.")
    assert publicatie.gepubliceerd_door == anne
    assert "Openbaar" in antwoord.text
    assert "Publicatie intrekken" in antwoord.text

    # A change to what is shown keeps the date it became public.
    sinds = publicatie.gepubliceerd_op
    client.post(_url(bunnik), {"wat": "publiceren", "niveau": "regel", "inleiding": ""})
    publicatie.refresh_from_db()
    assert (publicatie.toon_begroting, publicatie.gepubliceerd_op) == ("regel", sinds)

    antwoord = client.post(_url(bunnik), {"wat": "intrekken"}, follow=True)
    assert "De publicatie is ingetrokken" in antwoord.text
    publicatie.refresh_from_db()
    assert not publicatie.openbaar
    assert publicatie.ingetrokken_op is not None
    assert "Ingetrokken" in antwoord.text
    # Who did what stays in the history: created, changed, withdrawn.
    assert publicatie.history.count() == 3
    assert set(publicatie.history.values_list("history_user", flat=True)) == {anne.pk}

    # A second withdrawal is refused with a message and changes nothing.
    antwoord = client.post(_url(bunnik), {"wat": "intrekken"}, follow=True)
    assert "niets in te trekken" in antwoord.text
    assert publicatie.history.count() == 3

    # Publishing again makes it public from now.
    client.post(_url(bunnik), {"wat": "publiceren", "niveau": "geen"})
    publicatie.refresh_from_db()
    assert publicatie.openbaar
    assert publicatie.gepubliceerd_op > sinds


def test_bad_budget_level_is_refused_and_nothing_changes(client, anne, bunnik):
    client.force_login(anne)
    antwoord = client.post(_url(bunnik), {"wat": "publiceren", "niveau": "alles"})
    assert antwoord.status_code == 200
    assert "is-invalid" in antwoord.text
    assert not Publicatie.objects.filter(agenda=bunnik).exists()
    # The same input corrected is published.
    client.post(_url(bunnik), {"wat": "publiceren", "niveau": "geen"})
    assert Publicatie.objects.get(agenda=bunnik).openbaar


def test_only_the_beheerder_publishes(client, victor, sara, henk, bunnik):
    for gebruiker, verwacht in ((victor, 403), (sara, 403), (henk, 404)):
        client.force_login(gebruiker)
        assert client.get(_url(bunnik)).status_code == verwacht
        antwoord = client.post(_url(bunnik), {"wat": "publiceren", "niveau": "geen"})
        assert antwoord.status_code == verwacht
    assert not Publicatie.objects.filter(agenda=bunnik).exists()


def test_beheer_page_links_the_public_view_with_its_state(client, anne, bunnik):
    client.force_login(anne)
    pagina = client.get(reverse("agenda_beheer", args=[bunnik.slug]))
    assert _url(bunnik) in pagina.text
    assert "Openbare weergave (niet openbaar)" in pagina.text
    client.post(_url(bunnik), {"wat": "publiceren", "niveau": "geen"})
    pagina = client.get(reverse("agenda_beheer", args=[bunnik.slug]))
    assert "Openbare weergave (openbaar)" in pagina.text
