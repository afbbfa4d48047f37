"""History of the figures and the budget: a change through the admin or a service leaves a row
with who did it, and the page where the object is shown tells it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lea.services import bewaar
from lea.weergave import naam_van
from monitoring.models import Begrotingsbedrag, Meting, VeCijfers

pytestmark = pytest.mark.django_db


def _admin_post(client, model, obj, **velden):
    url = reverse(f"admin:monitoring_{model}_change", args=[obj.pk])
    return client.post(url, velden)


def test_a_budget_change_in_the_admin_is_shown_on_the_budget_page(
    admin_client, admin_user, henk, hilversum
):
    bedrag = Begrotingsbedrag.objects.filter(post__begroting__agenda=hilversum).first()
    antwoord = _admin_post(
        admin_client,
        "begrotingsbedrag",
        bedrag,
        post=bedrag.post_id,
        jaar=bedrag.jaar,
        bedrag="12345",
        realisatie="",
    )
    assert antwoord.status_code == 302
    laatste = bedrag.history.first()
    assert (laatste.history_type, laatste.history_user) == ("~", admin_user)
    assert laatste.bedrag == Decimal("12345")
    from django.test import Client

    lezer = Client()
    lezer.force_login(henk)
    pagina = lezer.get(reverse("begroting", args=[hilversum.slug])).content.decode()
    assert "Geschiedenis" in pagina
    assert f"{naam_van(admin_user)} · Bedrag {bedrag.jaar} van ‘{bedrag.post.naam}’ gewijzigd" in (
        pagina
    )
    assert "12.345,00" in pagina


def test_figures_changed_by_a_service_or_the_admin_show_on_the_indicators_page(
    client, admin_client, admin_user, anne, bunnik
):
    ve = bewaar(VeCijfers(agenda=bunnik, jaar=2025, geindiceerd=40, bereikt=30), door=anne)
    assert ve.history.get().history_user == anne
    meting = Meting.objects.filter(indicator__agenda=bunnik, school=None).first()
    antwoord = _admin_post(
        admin_client,
        "meting",
        meting,
        indicator=meting.indicator_id,
        jaar=meting.jaar,
        waarde="11.5",
        school="",
        toelichting=meting.toelichting,
    )
    assert antwoord.status_code == 302
    assert meting.history.first().history_user == admin_user
    client.force_login(anne)
    pagina = client.get(reverse("indicatoren", args=[bunnik.slug])).content.decode()
    assert f"{naam_van(anne)} · VE-cijfers 2025 toegevoegd" in pagina
    assert (
        f"{naam_van(admin_user)} · Meting {meting.jaar} van ‘{meting.indicator.naam}’ gewijzigd"
        in pagina
    )
