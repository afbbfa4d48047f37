"""The progress request carries each chair's personal link to the werkgroep's report page."""

import datetime
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from lea.models import Agenda, Melding
from overleg.models import Soort, Vergadering
from overleg.services import cyclus
from tests.factories import WerkgroepFactory
from werkgroepen.services.rapportagelink import (
    GRATIE,
    intrek,
    link_uit_token,
    rapportagelink_voor,
)

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
NU = datetime.datetime(2026, 11, 22, 6, tzinfo=AMS)


@pytest.fixture
def vergadering(bunnik):
    """A Bunnik stuurgroep meeting three weeks ahead: its chairs are asked now."""
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    orgaan.vergaderingen.all().delete()
    begin = NU + datetime.timedelta(weeks=3)
    return Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
    )


def _links(bericht: Any) -> list[str]:
    return re.findall(r"/r/([^/\s]+)/", bericht.body)


def test_the_mail_carries_the_chairs_personal_link_and_until_when(vergadering, victor, werkgroep):
    cyclus.voortgang_opvragen(nu=NU)
    (bericht,) = [m for m in mail.outbox if m.to == [victor.email]]
    (token,) = _links(bericht)
    link = link_uit_token(token, nu=NU)
    assert (link.werkgroep, link.gebruiker) == (werkgroep, victor)
    assert link.periode_begin <= NU.date() <= link.periode_eind
    assert f"werkt tot en met {link.periode_eind + GRATIE:%d-%m-%Y}" in bericht.body
    assert "U logt eerst in" in bericht.body
    # In the app, the notification opens the same page.
    melding = Melding.objects.get(gebruiker=victor)
    assert melding.url == reverse("rapportagelink", args=[token])


def test_without_login_the_mail_says_so(vergadering, victor, bunnik):
    Agenda.objects.filter(pk=bunnik.pk).update(rapportagelink_zonder_inloggen=True)
    cyclus.voortgang_opvragen(nu=NU)
    (bericht,) = [m for m in mail.outbox if m.to == [victor.email]]
    assert "niet in te loggen" in bericht.body


def test_a_revoked_link_is_not_sent_again(vergadering, victor, werkgroep, anne):
    link = rapportagelink_voor(werkgroep=werkgroep, gebruiker=victor, op=NU.date())
    intrek(link=link, door=anne)
    cyclus.voortgang_opvragen(nu=NU)
    (bericht,) = [m for m in mail.outbox if m.to == [victor.email]]
    assert _links(bericht) == []
    rapporteren = reverse("werkgroep_rapporteren", args=[werkgroep.agenda.slug, werkgroep.pk])
    assert rapporteren in bericht.body


def test_a_chair_of_two_werkgroepen_gets_the_link_of_each(vergadering, victor, werkgroep, bunnik):
    tweede = WerkgroepFactory.create(agenda=bunnik, voorzitter=werkgroep.voorzitter)
    cyclus.voortgang_opvragen(nu=NU)
    berichten = [m for m in mail.outbox if m.to == [victor.email]]
    werkgroepen = {link_uit_token(t, nu=NU).werkgroep for m in berichten for t in _links(m)}
    assert werkgroepen == {werkgroep, tweede}
    # Asked once: a second run sends nothing.
    assert cyclus.voortgang_opvragen(nu=NU) == 0
