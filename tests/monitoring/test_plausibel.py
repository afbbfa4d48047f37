"""No negative counts or amounts where a negative value is meaningless: refused with a Dutch
message by the admin and by the services' validation, and by the database as the last guard.

The rule for measurements: an indicator with a unit counts something or gives a share
(‘kinderen’, ‘%’) and cannot go below zero; without a unit or with a unit in points (‘%-punt’)
it is a score, an index or a difference and may.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from lea.services import bewaar
from monitoring.models import (
    Begrotingsbedrag,
    Financieringsbedrag,
    Indicator,
    Meting,
    Signaalregel,
    VeCijfers,
)

pytestmark = pytest.mark.django_db


def test_the_admin_refuses_a_negative_budget_amount(admin_client, hilversum):
    bedrag = Begrotingsbedrag.objects.filter(post__begroting__agenda=hilversum).first()
    voor = bedrag.bedrag
    url = reverse("admin:monitoring_begrotingsbedrag_change", args=[bedrag.pk])
    velden = {"post": bedrag.post_id, "jaar": bedrag.jaar, "realisatie": ""}
    antwoord = admin_client.post(url, {**velden, "bedrag": "-5000"})
    assert antwoord.status_code == 200
    assert "Een bedrag kan niet negatief zijn." in antwoord.content.decode()
    bedrag.refresh_from_db()
    assert bedrag.bedrag == voor
    antwoord = admin_client.post(url, {**velden, "bedrag": "5000", "realisatie": "-1"})
    assert "Een bedrag kan niet negatief zijn." in antwoord.content.decode()
    assert admin_client.post(url, {**velden, "bedrag": "5000"}).status_code == 302
    bedrag.refresh_from_db()
    assert bedrag.bedrag == Decimal(5000)


def test_negative_funding_and_ve_counts_are_refused_by_the_database_too(hilversum, bunnik):
    financiering = hilversum.begroting.financiering.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Financieringsbedrag.objects.create(financiering=financiering, jaar=2099, bedrag=-1)
    with pytest.raises(IntegrityError), transaction.atomic():
        VeCijfers.objects.create(agenda=bunnik, jaar=2099, geindiceerd=5, bereikt=-1)
    with pytest.raises(ValidationError) as fout:
        bewaar(VeCijfers(agenda=bunnik, jaar=2099, kindplaatsen=-3, geindiceerd=5, bereikt=2))
    assert fout.value.message_dict["kindplaatsen"] == ["Een aantal kan niet negatief zijn."]
    assert not VeCijfers.objects.filter(jaar=2099).exists()
    bewaar(VeCijfers(agenda=bunnik, jaar=2099, kindplaatsen=3, geindiceerd=5, bereikt=2))


def test_a_signal_rule_needs_a_threshold_and_at_least_one_year(bunnik):
    Signaalregel.objects.filter(agenda=bunnik).delete()
    with pytest.raises(ValidationError) as fout:
        bewaar(Signaalregel(agenda=bunnik, drempel=-1, aantal_jaren=0))
    assert set(fout.value.message_dict) == {"drempel", "aantal_jaren"}
    assert not Signaalregel.objects.filter(agenda=bunnik).exists()
    bewaar(Signaalregel(agenda=bunnik, drempel=30, aantal_jaren=2))


def test_a_count_or_share_cannot_go_negative_a_score_can(bunnik):
    kinderen = bewaar(Indicator(agenda=bunnik, naam="Bereik peuters", eenheid="kinderen"))
    with pytest.raises(ValidationError) as fout:
        bewaar(Meting(indicator=kinderen, jaar=2025, waarde=Decimal(-4)))
    assert "‘kinderen’ kan niet negatief zijn" in fout.value.message_dict["waarde"][0]
    assert not kinderen.metingen.exists()
    bewaar(Meting(indicator=kinderen, jaar=2025, waarde=Decimal(4)))
    # A negative reach target of a share: refused; of a difference in points: allowed.
    with pytest.raises(ValidationError) as fout:
        bewaar(Indicator(agenda=bunnik, naam="Bereik VE", eenheid="%", streefwaarde=-10))
    assert "streefwaarde" in fout.value.message_dict
    assert not Indicator.objects.filter(naam="Bereik VE").exists()
    verschil = bewaar(Indicator(agenda=bunnik, naam="Verschil", eenheid="%-punt", streefwaarde=-2))
    bewaar(Meting(indicator=verschil, jaar=2025, waarde=Decimal("-1.5")))
    # A unit that no longer fits the measurements is refused as well.
    verschil.eenheid = "%"
    with pytest.raises(ValidationError) as fout:
        bewaar(verschil)
    assert set(fout.value.message_dict) == {"eenheid", "streefwaarde"}


def test_the_admin_refuses_a_negative_measurement_of_a_count(admin_client, bunnik):
    indicator = bewaar(Indicator(agenda=bunnik, naam="Aantal gezinnen", eenheid="gezinnen"))
    url = reverse("admin:monitoring_meting_add")
    antwoord = admin_client.post(url, {"indicator": indicator.pk, "jaar": 2025, "waarde": "-3"})
    assert antwoord.status_code == 200
    assert "‘gezinnen’ kan niet negatief zijn" in antwoord.content.decode()
    assert not indicator.metingen.exists()
