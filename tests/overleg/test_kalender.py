"""The planner stays within the agenda's period and warns in its last year; feeds tell concept
from confirmed, link to the configured address, are shown in the UI and renewable."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from lea.models import Melding, Persoon
from lea.toegang import beheerders_van
from overleg.ics import kalender_ics
from overleg.models import Orgaanlid, PuntSoort, Soort, Vergadering, VergaderStatus
from overleg.services import agendapunt_voeg_toe, cyclus
from overleg.services.cyclus import vergaderingen_plan

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
BASIS = "https://lea.gemeente.example"


@pytest.fixture
def stuurgroep(bunnik):
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    orgaan.vergaderingen.all().delete()
    orgaan.voorkeur_maanden = ""
    orgaan.save()
    return orgaan


def _vergadering(orgaan, maand: int, **velden) -> Vergadering:
    begin = datetime.datetime(2026, maand, 13, 15, tzinfo=AMS)
    return Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2), **velden
    )


# --- the planner and the period's end ----------------------------------------------------------


def test_no_meetings_are_planned_after_the_period_ends(stuurgroep, bunnik):
    bunnik.periode_eind = datetime.date(2027, 3, 31)
    bunnik.save()
    assert vergaderingen_plan(orgaan=stuurgroep, vandaag=datetime.date(2026, 11, 22)) == 1
    assert [v.begin.date() for v in stuurgroep.vergaderingen.all()] == [datetime.date(2027, 2, 9)]
    bunnik.periode_eind = datetime.date(2026, 12, 31)
    bunnik.save()
    stuurgroep.vergaderingen.all().delete()
    assert vergaderingen_plan(orgaan=stuurgroep, vandaag=datetime.date(2026, 11, 22)) == 0


def test_beheerders_are_told_once_a_year_in_the_periods_last_year(bunnik, anne):
    bunnik.periode_eind = datetime.date(2027, 6, 30)
    bunnik.save()
    sleutel = f"volgende-periode:{bunnik.pk}:"
    cyclus.planning_bijwerken(vandaag=datetime.date(2026, 5, 1))  # more than a year ahead
    assert not Melding.objects.filter(sleutel__startswith=sleutel).exists()

    cyclus.planning_bijwerken(vandaag=datetime.date(2026, 7, 15))
    cyclus.planning_bijwerken(vandaag=datetime.date(2026, 7, 16))
    meldingen = Melding.objects.filter(sleutel__startswith=sleutel)
    assert {m.gebruiker for m in meldingen} == set(beheerders_van(bunnik))
    assert meldingen.filter(gebruiker=anne).count() == 1
    melding = meldingen.get(gebruiker=anne)
    assert "volgende periode" in melding.titel
    assert [m.to for m in mail.outbox if "volgende periode" in m.subject] == [[anne.email]]
    cyclus.planning_bijwerken(vandaag=datetime.date(2027, 1, 5))  # a new year: once more
    assert meldingen.filter(gebruiker=anne).count() == 2


# --- .ics status and links ---------------------------------------------------------------------


def test_ics_status_follows_the_meeting(stuurgroep, settings):
    settings.LEA_BASIS_URL = BASIS
    concept = _vergadering(stuurgroep, 3)
    verzonden = _vergadering(stuurgroep, 5, status=VergaderStatus.AGENDA_VERZONDEN)
    geannuleerd = _vergadering(stuurgroep, 7, status=VergaderStatus.GEANNULEERD)
    kalender = Calendar.from_ical(kalender_ics("test", [concept, verzonden, geannuleerd]))
    status = {str(e["uid"]): str(e["status"]) for e in kalender.walk("VEVENT")}
    assert status == {
        f"vergadering-{concept.pk}@lea": "TENTATIVE",
        f"vergadering-{verzonden.pk}@lea": "CONFIRMED",
        f"vergadering-{geannuleerd.pk}@lea": "CANCELLED",
    }
    assert all(str(e["url"]).startswith(BASIS + "/agenda/") for e in kalender.walk("VEVENT"))


def test_links_in_feeds_pages_and_mails_come_from_the_configured_address(
    client, anne, stuurgroep, bunnik, settings
):
    settings.LEA_BASIS_URL = BASIS
    client.force_login(anne)
    pagina = client.get(reverse("orgaan_detail", args=[bunnik.slug, stuurgroep.pk])).text
    assert f'value="{BASIS}/kalender/orgaan/{stuurgroep.ics_token}.ics"' in pagina
    assert "in je eigen agenda" in pagina
    assert "testserver" not in pagina.split('id="feed"')[1].split(">")[0]

    stuurgroep.leden.all().delete()
    lid = Persoon.objects.create(agenda=bunnik, naam="Lid", email="lid@lea.example")
    Orgaanlid.objects.create(orgaan=stuurgroep, persoon=lid)
    vergadering = _vergadering(stuurgroep, 12)
    agendapunt_voeg_toe(
        vergadering=vergadering, door=anne, velden={"titel": "Punt", "soort": PuntSoort.BESPREKING}
    )
    cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
    bericht = next(m for m in mail.outbox if m.to == ["lid@lea.example"])
    assert f"{BASIS}/agenda/{bunnik.slug}/overleg/vergaderingen/{vergadering.pk}/" in bericht.body
    ics = next(inhoud for naam, inhoud, _s in bericht.attachments if naam.endswith(".ics"))
    assert BASIS in Calendar.from_ical(ics).walk("VEVENT")[0]["url"]


# --- feeds shown and renewed by their owners ---------------------------------------------------


def test_the_body_feed_is_renewed_by_the_beheerder_and_the_old_address_dies(
    client, anne, sara, stuurgroep, bunnik
):
    oud = reverse("orgaan_ics", args=[stuurgroep.ics_token])
    url = reverse("orgaan_feed_vernieuwen", args=[bunnik.slug, stuurgroep.pk])
    client.force_login(sara)
    assert (
        "Nieuw abonnementsadres maken"
        not in client.get(reverse("orgaan_detail", args=[bunnik.slug, stuurgroep.pk])).text
    )
    assert client.post(url).status_code == 403
    assert client.get(oud).status_code == 200

    client.force_login(anne)
    assert client.get(url).status_code == 405
    antwoord = client.post(url, follow=True)
    assert "heeft een nieuw adres" in antwoord.text
    stuurgroep.refresh_from_db()
    nieuw = reverse("orgaan_ics", args=[stuurgroep.ics_token])
    assert nieuw != oud
    assert client.get(oud).status_code == 404
    assert client.get(nieuw).status_code == 200
    assert nieuw in antwoord.text
    assert "Agenda-abonnement vernieuwd" in antwoord.text  # in the body's history


def test_the_bodys_secretary_may_renew_its_feed(client, bunnik, stuurgroep, django_user_model):
    from lea.models import Lidmaatschap, Rol

    gebruiker = django_user_model.objects.create_user("secretaris", "s@lea.example", "x")
    Lidmaatschap.objects.create(agenda=bunnik, gebruiker=gebruiker, rol=Rol.LEZER)
    stuurgroep.secretaris = Persoon.objects.create(
        agenda=bunnik, naam="Secretaris", gebruiker=gebruiker
    )
    stuurgroep.save()
    oud = stuurgroep.ics_token
    client.force_login(gebruiker)
    url = reverse("orgaan_feed_vernieuwen", args=[bunnik.slug, stuurgroep.pk])
    assert client.post(url).status_code == 302
    stuurgroep.refresh_from_db()
    assert stuurgroep.ics_token != oud


def test_the_personal_feed_is_shown_to_its_person_and_renewable(client, sara, bunnik, settings):
    settings.LEA_BASIS_URL = BASIS
    persoon = Persoon.objects.get(agenda=bunnik, gebruiker=sara)
    client.force_login(sara)
    pagina = client.get(reverse("overleg_lijst", args=[bunnik.slug])).text
    oud = reverse("persoon_ics", args=[persoon.ics_token])
    assert "in je eigen agenda" in pagina
    assert f"{BASIS}{oud}" in pagina
    assert client.get(oud).status_code == 200

    url = reverse("mijn_feed_vernieuwen", args=[bunnik.slug])
    assert client.get(url).status_code == 405
    pagina = client.post(url, follow=True).text
    persoon.refresh_from_db()
    nieuw = reverse("persoon_ics", args=[persoon.ics_token])
    assert nieuw != oud
    assert nieuw in pagina
    assert client.get(oud).status_code == 404
    assert client.get(nieuw).status_code == 200
