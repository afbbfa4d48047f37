"""A node's code is unique among its siblings (same agenda, same parent); empty codes repeat."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from ambities.models import Knoop
from lea.models import Lidmaatschap

pytestmark = pytest.mark.django_db
AL_GEBRUIKT = "Er staat al een knoop met deze code op deze plaats in de doelenboom"


@pytest.fixture
def beheerder(client, anne, hilversum):
    Lidmaatschap.objects.create(agenda=hilversum, gebruiker=anne, rol="beheerder")
    client.force_login(anne)
    return anne


def test_a_sibling_code_is_refused_on_level_2(client, beheerder, hilversum):
    ouder = hilversum.knopen.filter(niveau=1, kinderen__isnull=False).distinct().first()
    broer = ouder.kinderen.exclude(code="").first()
    url = reverse("knoop_nieuw", args=[hilversum.slug])
    voor = Knoop.objects.count()
    data = {"ouder": ouder.pk, "code": broer.code, "titel": "Dubbel speerpunt"}
    antwoord = client.post(url, data)
    assert antwoord.status_code == 200
    assert AL_GEBRUIKT in antwoord.content.decode()
    assert Knoop.objects.count() == voor
    # Under another parent the same code is fine, and so is no code at all, twice.
    ander = hilversum.knopen.filter(niveau=1).exclude(pk=ouder.pk).first()
    assert (
        client.post(url, {**data, "ouder": ander.pk, "code": "Z" + broer.code}).status_code == 302
    )
    assert client.post(url, {**data, "code": ""}).status_code == 302
    assert client.post(url, {**data, "code": ""}).status_code == 302
    assert Knoop.objects.count() == voor + 3


def test_a_sibling_code_is_refused_on_level_1_and_when_editing(client, beheerder, hilversum):
    eerste, tweede = hilversum.knopen.filter(niveau=1).order_by("volgorde")[:2]
    url = reverse("knoop_nieuw", args=[hilversum.slug])
    antwoord = client.post(url, {"ouder": "", "code": eerste.code, "titel": "Dubbele ambitie"})
    assert AL_GEBRUIKT in antwoord.content.decode()
    bewerk = reverse("knoop_bewerken", args=[hilversum.slug, tweede.pk])
    antwoord = client.post(bewerk, {"ouder": "", "code": eerste.code, "titel": tweede.titel})
    assert AL_GEBRUIKT in antwoord.content.decode()
    tweede.refresh_from_db()
    assert tweede.code != eerste.code
    assert client.post(bewerk, {"ouder": "", "code": "9", "titel": tweede.titel}).status_code == 302


def test_the_database_refuses_sibling_codes_too(hilversum):
    eerste = hilversum.knopen.filter(niveau=1).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Knoop.objects.create(agenda=hilversum, niveau=1, code=eerste.code, titel="Dubbel")
    kind = eerste.kinderen.exclude(code="").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Knoop.objects.create(
            agenda=hilversum, niveau=2, ouder=eerste, code=kind.code, titel="Dubbel"
        )
