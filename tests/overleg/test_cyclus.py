"""The meeting cycle, the agenda builder, PDFs and calendars, as the secretary relies on them."""

import datetime
import io
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar
from pypdf import PdfReader

from lea.models import Melding, Persoon
from overleg.ics import kalender_ics, vergadering_ics
from overleg.models import (
    Orgaanlid,
    Overlegorgaan,
    PuntSoort,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    Verzending,
    WettelijkOnderwerp,
)
from overleg.pdf import agenda_pdf, verslag_pdf
from overleg.selectors import agendas_te_versturen
from overleg.services import (
    actiepunt_vastleg,
    agendapunt_voeg_toe,
    besluit_vastleg,
    cyclus,
)
from overleg.services.cyclus import geplande_data, vergaderingen_plan

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _moment(jaar: int, maand: int, dag: int, uur: int = 0, minuut: int = 0) -> datetime.datetime:
    return datetime.datetime(jaar, maand, dag, uur, minuut, tzinfo=AMS)


@pytest.fixture
def stuurgroep(bunnik):
    """Bunnik's stuurgroep, without the demo meetings and members: 3x a year, evenly spread."""
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    orgaan.vergaderingen.all().delete()
    orgaan.leden.all().delete()
    orgaan.voorkeur_maanden, orgaan.voorkeur_tijd = "", datetime.time(15, 0)
    orgaan.save()
    return orgaan


@pytest.fixture
def leden(stuurgroep, bunnik):
    """Three members with e-mail addresses."""
    personen = [
        Persoon.objects.create(agenda=bunnik, naam=f"Lid {n}", email=f"lid{n}@lea.example")
        for n in range(3)
    ]
    for persoon in personen:
        Orgaanlid.objects.create(orgaan=stuurgroep, persoon=persoon, mandaat=True)
    return personen


def _vergadering(orgaan: Overlegorgaan, begin: datetime.datetime, **velden: object) -> Vergadering:
    return Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2), **velden
    )


# --- planning --------------------------------------------------------------------------------


def test_three_meetings_a_year_on_the_second_tuesday(stuurgroep):
    stuurgroep.voorkeur_maanden, stuurgroep.voorkeur_weekdag = "", 1
    data = geplande_data(stuurgroep, 2027)
    assert [d.date() for d in data] == [
        datetime.date(2027, 2, 9),
        datetime.date(2027, 6, 8),
        datetime.date(2027, 10, 12),
    ]
    assert all(d.hour == 15 and d.tzinfo == AMS for d in data)


def test_planning_twice_gives_the_same_meetings(stuurgroep):
    vandaag = datetime.date(2026, 11, 22)
    assert vergaderingen_plan(orgaan=stuurgroep, vandaag=vandaag) == 3
    voor = list(stuurgroep.vergaderingen.values_list("pk", "begin"))
    assert vergaderingen_plan(orgaan=stuurgroep, vandaag=vandaag) == 0
    assert list(stuurgroep.vergaderingen.values_list("pk", "begin")) == voor


def test_a_moved_or_cancelled_meeting_is_respected(stuurgroep):
    vandaag = datetime.date(2026, 11, 22)
    vergaderingen_plan(orgaan=stuurgroep, vandaag=vandaag)
    eerste, tweede = stuurgroep.vergaderingen.order_by("begin")[:2]
    eerste.begin, eerste.eind = _moment(2027, 3, 2, 19, 30), _moment(2027, 3, 2, 21, 30)
    eerste.save()
    tweede.status = VergaderStatus.GEANNULEERD
    tweede.save()
    assert vergaderingen_plan(orgaan=stuurgroep, vandaag=vandaag) == 0
    eerste.refresh_from_db()
    assert eerste.begin == _moment(2027, 3, 2, 19, 30)
    assert stuurgroep.vergaderingen.filter(begin__month=2).count() == 0
    assert stuurgroep.vergaderingen.get(pk=tweede.pk).status == VergaderStatus.GEANNULEERD


# --- the cycle's reminders -------------------------------------------------------------------


def test_chairs_are_asked_for_progress_once(stuurgroep, victor):
    nu = _moment(2026, 11, 22, 6)
    _vergadering(stuurgroep, nu + datetime.timedelta(weeks=3))
    _vergadering(stuurgroep, nu + datetime.timedelta(weeks=10))  # too far ahead yet
    cyclus.voortgang_opvragen(nu=nu)
    aan_victor = [m for m in mail.outbox if m.to == [victor.email]]
    assert len(aan_victor) == 1
    assert "Voortgang gevraagd" in aan_victor[0].subject
    melding = Melding.objects.get(gebruiker=victor)
    assert melding.url.startswith("/r/")  # the chair's personal link to the report page
    assert cyclus.voortgang_opvragen(nu=nu) == 0
    assert len([m for m in mail.outbox if m.to == [victor.email]]) == 1


def _met_punt(vergadering, anne, **velden):
    return agendapunt_voeg_toe(
        vergadering=vergadering,
        door=anne,
        velden={"titel": "Voortgang werkgroepen", "soort": PuntSoort.BESPREKING, **velden},
    )


def test_agenda_goes_to_the_members_with_pdf_and_invitation_once(stuurgroep, leden, anne):
    nu = _moment(2026, 11, 22, 6)
    vergadering = _vergadering(stuurgroep, nu + datetime.timedelta(days=5), locatie="Raadszaal")
    _met_punt(vergadering, anne)
    assert agendas_te_versturen(nu=nu) == [vergadering.pk]
    assert cyclus.agenda_verstuur(vergadering_id=vergadering.pk) == 3
    assert sorted(m.to[0] for m in mail.outbox) == [p.email for p in leden]
    bijlagen = {naam: soort for naam, _inhoud, soort in mail.outbox[0].attachments}
    assert set(bijlagen.values()) == {"application/pdf", "text/calendar"}
    assert cyclus.agenda_verstuur(vergadering_id=vergadering.pk) == 0
    assert len(mail.outbox) == 3
    vergadering.refresh_from_db()
    assert vergadering.status == VergaderStatus.AGENDA_VERZONDEN
    assert agendas_te_versturen(nu=nu) == []


def test_a_retry_after_a_failure_sends_each_mail_once(stuurgroep, leden, anne):
    vergadering = _vergadering(stuurgroep, _moment(2026, 12, 1, 15))
    _met_punt(vergadering, anne)
    from django.core.mail.backends.locmem import EmailBackend

    echte = EmailBackend.send_messages
    pogingen = []

    def tweede_faalt(self, berichten):
        pogingen.append(berichten[0].to[0])
        if len(pogingen) == 2:
            raise ConnectionResetError("verbinding verbroken")
        return echte(self, berichten)

    with mock.patch.object(EmailBackend, "send_messages", tweede_faalt):
        with pytest.raises(ConnectionResetError):
            cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
        assert len(mail.outbox) == 1
        cyclus.agenda_verstuur(vergadering_id=vergadering.pk)  # the retry
    assert sorted(m.to[0] for m in mail.outbox) == [p.email for p in leden]
    assert (
        Verzending.objects.filter(vergadering=vergadering, verzonden_op__isnull=False).count() == 3
    )


def test_after_the_meeting_secretary_is_reminded_and_open_points_carried_over(
    stuurgroep, anne, bunnik
):
    gehouden = _vergadering(stuurgroep, _moment(2026, 10, 13, 15))
    volgende = _vergadering(stuurgroep, _moment(2027, 2, 9, 15))
    punt = _met_punt(gehouden, anne)
    actiepunt_vastleg(
        punt=punt,
        omschrijving="Notitie grijze gebied opstellen",
        eigenaar_tekst="werkgroep ondersteuning",
    )
    nu = _moment(2026, 10, 20, 7)
    cyclus.na_vergadering(nu=nu)
    herinnering = Melding.objects.get(gebruiker=anne, sleutel=f"verslag:{gehouden.pk}")
    assert herinnering.email_verzonden_op is not None  # anne, the beheerder, as secretariaat
    gehouden.refresh_from_db()
    assert gehouden.status == VergaderStatus.GEHOUDEN
    assert gehouden.verslag_herinnerd_op
    overgezet = volgende.punten.get()
    assert overgezet.status == PuntStatus.VOORGESTELD
    assert "grijze gebied" in overgezet.titel
    cyclus.na_vergadering(nu=nu)
    assert Melding.objects.filter(gebruiker=anne, sleutel=f"verslag:{gehouden.pk}").count() == 1
    assert volgende.punten.count() == 1


def test_statutory_topics_not_scheduled_are_signalled_from_september(stuurgroep, anne, bunnik):
    assert cyclus.dekking_signaleren(vandaag=datetime.date(2026, 6, 1)) == 0
    vergadering = _vergadering(stuurgroep, _moment(2026, 10, 13, 15))
    topic = WettelijkOnderwerp.objects.get(code="integratie-segregatie")
    agendapunt_voeg_toe(
        vergadering=vergadering,
        door=anne,
        onderwerpen=[topic],
        velden={"titel": "Integratie", "soort": PuntSoort.BESLUITVORMING},
    )
    cyclus.dekking_signaleren(vandaag=datetime.date(2026, 9, 1))
    titels = list(Melding.objects.filter(gebruiker=anne).values_list("titel", flat=True))
    assert len(titels) == WettelijkOnderwerp.objects.count() - 1
    assert not any("integratie" in t.lower() for t in titels)
    cyclus.dekking_signaleren(vandaag=datetime.date(2026, 9, 2))
    assert Melding.objects.filter(gebruiker=anne).count() == len(titels)


# --- PDF and calendar ------------------------------------------------------------------------


def _tekst(pdf: bytes) -> tuple[str, int]:
    lezer = PdfReader(io.BytesIO(pdf))
    tekst = " ".join(pagina.extract_text() for pagina in lezer.pages)
    return " ".join(tekst.split()), len(lezer.pages)


def test_agenda_and_minutes_pdf_read_back(stuurgroep, anne):
    vergadering = _vergadering(stuurgroep, _moment(2026, 10, 13, 15), locatie="Raadszaal")
    punt = _met_punt(vergadering, anne, titel="Verdeling nieuwkomers over de scholen")
    besluit_vastleg(punt=punt, tekst="De stuurgroep bevestigt de spreiding over zeven scholen.")
    actiepunt_vastleg(
        punt=punt,
        omschrijving="Monitor aanmeldingen",
        eigenaar_tekst="beleidsadviseur",
        deadline=datetime.date(2027, 1, 31),
    )
    tekst, paginas = _tekst(agenda_pdf(vergadering))
    assert "Agenda LEA-stuurgroep" in tekst
    assert "Verdeling nieuwkomers" in tekst
    assert "Pagina 1 van" in tekst
    assert paginas >= 1
    tekst, paginas = _tekst(verslag_pdf(vergadering))
    assert "Verslag LEA-stuurgroep" in tekst
    assert tekst.index("Besluitenlijst") > tekst.index("Verdeling nieuwkomers")
    assert "spreiding over zeven scholen" in tekst.split("Besluitenlijst")[1]
    assert "Monitor aanmeldingen" in tekst.split("Actielijst")[1]
    assert paginas >= 2  # the decision and action lists start on a page of their own


def test_hostile_text_renders_safely_in_the_pdf(stuurgroep, anne):
    vergadering = _vergadering(stuurgroep, _moment(2026, 10, 13, 15))
    _met_punt(vergadering, anne, titel='<img src="http://x/y.png"> ' + "W" * 250)
    tekst, _ = _tekst(agenda_pdf(vergadering))
    assert '<img src="http://x/y.png">' in tekst


def test_ics_has_stable_uids_in_amsterdam_time_and_round_trips(stuurgroep, anne):
    vergadering = _vergadering(stuurgroep, _moment(2026, 10, 13, 15), locatie="Raadszaal")
    kalender = Calendar.from_ical(vergadering_ics(vergadering))
    event = kalender.events[0]
    assert str(event["uid"]) == f"vergadering-{vergadering.pk}@lea"
    assert event.start == _moment(2026, 10, 13, 15)
    assert str(event["dtstart"].params["TZID"]) == "Europe/Amsterdam"
    assert Calendar.from_ical(kalender.to_ical()).to_ical() == kalender.to_ical()
    vergadering.begin = _moment(2026, 10, 20, 15)
    vergadering.eind = _moment(2026, 10, 20, 17)
    vergadering.save()
    opnieuw = next(iter(Calendar.from_ical(vergadering_ics(vergadering)).walk("VEVENT")))
    assert str(opnieuw["uid"]) == str(event["uid"])  # Outlook moves it, does not add one


def test_body_feed_is_reachable_by_its_secret_only(client, stuurgroep):
    _vergadering(stuurgroep, _moment(2026, 10, 13, 15))
    antwoord = client.get(reverse("orgaan_ics", args=[stuurgroep.ics_token]))
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/calendar"
    assert len(list(Calendar.from_ical(antwoord.content).walk("VEVENT"))) == 1
    import uuid

    assert client.get(reverse("orgaan_ics", args=[uuid.uuid4()])).status_code == 404
    assert kalender_ics("leeg", []).startswith(b"BEGIN:VCALENDAR")
