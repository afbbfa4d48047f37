"""Sending the agenda: never marked sent before it was, failures recorded and retried, the
secretary told, cancelled meetings refused, a changed agenda sent again on purpose, and the
broker's absence never a 500."""

import datetime
import os
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from lea.models import Melding, Opdracht, Persoon
from lea.services import opdrachten_geef_door
from overleg.models import (
    Orgaanlid,
    Soort,
    Stuk,
    Vergadering,
    VergaderStatus,
    Verzending,
    VerzendStatus,
)
from overleg.services import agendapunt_voeg_toe, cyclus
from overleg.services.verzending import BEZIG_VERLOOPT, MAX_POGINGEN

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")
ADRESSEN = ["lid0@lea.example", "lid1@lea.example", "lid2@lea.example"]


@pytest.fixture
def vergadering(bunnik, anne):
    """A coming Bunnik stuurgroep meeting with an item and three members with addresses."""
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    orgaan.leden.all().delete()
    for n, adres in enumerate(ADRESSEN):
        persoon = Persoon.objects.create(agenda=bunnik, naam=f"Lid {n}", email=adres)
        Orgaanlid.objects.create(orgaan=orgaan, persoon=persoon)
    begin = timezone.now().astimezone(AMS).replace(microsecond=0) + datetime.timedelta(days=5)
    vergadering = Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
    )
    agendapunt_voeg_toe(
        vergadering=vergadering, door=anne, velden={"titel": "Taalklassen", "soort": "bespreking"}
    )
    return vergadering


def _pagina(client, gebruiker, vergadering) -> str:
    client.force_login(gebruiker)
    return client.get(reverse("vergadering_detail", args=["bunnik-2025", vergadering.pk])).text


def _url(naam, vergadering):
    return reverse(naam, args=["bunnik-2025", vergadering.pk])


def _aan_leden(berichten=None) -> list[str]:
    """The members' agenda mails (the secretary's notices go to mail.outbox too)."""
    return sorted(
        m.to[0] for m in (mail.outbox if berichten is None else berichten) if m.to[0] in ADRESSEN
    )


def _verzonden(vergadering) -> int:
    return Verzending.objects.filter(vergadering=vergadering, verzonden_op__isnull=False).count()


class HardeStop(BaseException):
    """The worker killed between claiming and sending (not an Exception: nothing catches it)."""


# --- 6: built first, claimed, sent, then marked -------------------------------------------------


def test_a_missing_paper_marks_nobody_sent_and_tells_the_secretary(
    client, anne, vergadering, bunnik
):
    stuk = Stuk.objects.create(
        vergadering=vergadering,
        titel="Notitie taalklassen",
        bestand=ContentFile(b"%PDF-1.4 notitie", name="notitie.pdf"),
    )
    pad = stuk.bestand.path
    os.remove(pad)
    for _ in range(3):
        assert cyclus.agenda_verstuur(vergadering_id=vergadering.pk) == 0
    assert _aan_leden() == []
    assert _verzonden(vergadering) == 0
    melding = Melding.objects.get(gebruiker=anne, sleutel__startswith="agenda-stuk:")
    assert "Notitie taalklassen" in melding.titel
    assert os.path.basename(pad) in melding.tekst  # which file is missing
    pagina = _pagina(client, anne, vergadering)
    assert "Agenda niet verstuurd" in pagina
    assert "Notitie taalklassen" in pagina
    assert "Verstuurd op" not in pagina

    # The paper is back: every member gets it, once.
    with open(pad, "wb") as bestand:
        bestand.write(b"%PDF-1.4 notitie")
    assert cyclus.agenda_verstuur(vergadering_id=vergadering.pk) == 3
    assert _aan_leden() == ADRESSEN
    assert all(
        (os.path.basename(pad), b"%PDF-1.4 notitie", "application/pdf") in m.attachments
        for m in mail.outbox
        if m.to[0] in ADRESSEN
    )
    assert "Agenda niet verstuurd" not in _pagina(client, anne, vergadering)


def test_a_hard_stop_between_claim_and_send_leaves_nobody_marked_sent(vergadering):
    echte = EmailBackend.send_messages

    def stop(self, berichten):
        raise HardeStop

    with mock.patch.object(EmailBackend, "send_messages", stop), pytest.raises(HardeStop):
        cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
    assert mail.outbox == []
    claim = Verzending.objects.get(vergadering=vergadering)
    assert claim.verzonden_op is None
    assert claim.status == VerzendStatus.BEZIG

    # A run right after leaves the fresh claim alone (another worker may be sending it)...
    with mock.patch.object(EmailBackend, "send_messages", echte):
        cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
    assert sorted(m.to[0] for m in mail.outbox) == ADRESSEN[1:]
    # ...and a later run takes over the stale claim: every member has the agenda, once.
    later = timezone.now() + BEZIG_VERLOOPT + datetime.timedelta(minutes=1)
    cyclus.agenda_verstuur(vergadering_id=vergadering.pk, nu=later)
    assert sorted(m.to[0] for m in mail.outbox) == ADRESSEN
    assert _verzonden(vergadering) == 3
    cyclus.agenda_verstuur(vergadering_id=vergadering.pk, nu=later)
    assert len(mail.outbox) == 3


def test_the_secretary_removes_a_lost_paper_and_the_agenda_goes_out(client, anne, vergadering):
    stuk = Stuk.objects.create(
        vergadering=vergadering,
        titel="Verloren notitie",
        bestand=ContentFile(b"%PDF-1.4", name="verloren.pdf"),
    )
    os.remove(stuk.bestand.path)
    assert cyclus.agenda_verstuur(vergadering_id=vergadering.pk) == 0
    client.force_login(anne)
    url = reverse("stuk_verwijderen", args=["bunnik-2025", vergadering.pk, stuk.pk])
    assert client.get(url).status_code == 405
    client.post(url)
    assert not vergadering.stukken.exists()
    assert Stuk.history.filter(id=stuk.pk, history_type="-", history_user=anne).exists()
    assert cyclus.agenda_verstuur(vergadering_id=vergadering.pk) == 3
    assert _aan_leden() == ADRESSEN


def test_failed_sends_are_recorded_retried_and_given_up_with_a_notice(client, anne, vergadering):
    from overleg.tasks import agenda_verstuur_taak

    assert agenda_verstuur_taak.max_retries == MAX_POGINGEN
    assert agenda_verstuur_taak.retry_backoff
    echte = EmailBackend.send_messages

    def lid1_weigert(self, berichten):
        if berichten[0].to == ["lid1@lea.example"]:
            raise ConnectionRefusedError("550 mailbox onbekend")
        return echte(self, berichten)

    with mock.patch.object(EmailBackend, "send_messages", lid1_weigert):
        for poging in range(1, MAX_POGINGEN):
            with pytest.raises(ConnectionRefusedError):  # the task retries with backoff
                cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
            fout = Verzending.objects.get(vergadering=vergadering, email="lid1@lea.example")
            assert (fout.pogingen, fout.status) == (poging, VerzendStatus.WACHT)
            assert "550 mailbox onbekend" in fout.laatste_fout
        assert not Melding.objects.filter(sleutel__startswith="agenda-mislukt:").exists()
        cyclus.agenda_verstuur(vergadering_id=vergadering.pk)  # the last attempt: given up
    fout.refresh_from_db()
    assert (fout.pogingen, fout.status) == (MAX_POGINGEN, VerzendStatus.MISLUKT)
    assert _aan_leden() == ["lid0@lea.example", "lid2@lea.example"]
    melding = Melding.objects.get(gebruiker=anne, sleutel=f"agenda-mislukt:{fout.pk}")
    assert "lid1@lea.example" in melding.titel
    assert "550 mailbox onbekend" in melding.tekst
    pagina = _pagina(client, anne, vergadering)
    assert "aan 2 leden" in pagina
    assert "Niet bezorgd bij: lid1@lea.example" in pagina
    cyclus.agenda_verstuur(vergadering_id=vergadering.pk)  # stopped: nothing more is tried
    fout.refresh_from_db()
    assert fout.pogingen == MAX_POGINGEN
    assert len(_aan_leden()) == 2


# --- 7: cancelled, sent status, deliberate resend ----------------------------------------------


def test_a_cancelled_meetings_agenda_cannot_be_sent(
    client, anne, vergadering, django_capture_on_commit_callbacks
):
    Vergadering.objects.filter(pk=vergadering.pk).update(status=VergaderStatus.GEANNULEERD)
    vergadering.refresh_from_db()
    pagina = _pagina(client, anne, vergadering)
    assert "Agenda versturen</button>" not in pagina
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_url("agenda_versturen", vergadering), follow=True)
    assert "geannuleerd" in antwoord.text
    assert not Opdracht.objects.filter(argumenten=[vergadering.pk]).exists()
    assert cyclus.agenda_verstuur(vergadering_id=vergadering.pk) == 0
    assert mail.outbox == []


def test_sent_status_and_a_deliberate_resend_with_a_reason(
    client, anne, vergadering, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    assert "Agenda versturen</button>" in _pagina(client, anne, vergadering)
    client.post(_url("agenda_versturen", vergadering))  # queued, not handed over yet
    pagina = _pagina(client, anne, vergadering)
    assert "Agenda wordt verstuurd" in pagina
    assert "Agenda versturen</button>" not in pagina

    opdrachten_geef_door(nu=timezone.now() + datetime.timedelta(minutes=5))  # beat, eager
    assert sorted(m.to[0] for m in mail.outbox) == ADRESSEN
    pagina = _pagina(client, anne, vergadering)
    assert "Verstuurd op" in pagina
    assert "aan 3 leden" in pagina
    assert "wordt verstuurd" not in pagina

    # Sending again does not pretend: it says it was sent, and sends nothing.
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_url("agenda_versturen", vergadering), follow=True)
    assert "al verstuurd op" in antwoord.text
    assert len(mail.outbox) == 3

    # A resend needs a reason; with one, each member gets the new version once.
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            _url("agenda_opnieuw_versturen", vergadering), {"reden": " "}, follow=True
        )
    assert "Niet verstuurd: Geef de reden" in antwoord.text
    assert len(mail.outbox) == 3
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            _url("agenda_opnieuw_versturen", vergadering),
            {"reden": "Punt over nieuwkomers toegevoegd"},
            follow=True,
        )
    assert "Niet verstuurd" not in antwoord.text
    nieuw = mail.outbox[3:]
    assert sorted(m.to[0] for m in nieuw) == ADRESSEN
    assert all("Punt over nieuwkomers toegevoegd" in m.body for m in nieuw)
    assert all(m.subject.startswith("[LEA] Gewijzigde agenda") for m in nieuw)
    cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
    assert len(mail.outbox) == 6
    pagina = _pagina(client, anne, vergadering)
    assert "aan 3 leden" in pagina
    assert "versie 2: Punt over nieuwkomers toegevoegd" in pagina
    vergadering.refresh_from_db()
    assert vergadering.history.first().agenda_reden == "Punt over nieuwkomers toegevoegd"


# --- 5: through the outbox; the broker down is no 500 ------------------------------------------


def test_broker_unreachable_answers_with_the_saved_request_and_sends_later(
    client, anne, vergadering, monkeypatch, django_capture_on_commit_callbacks
):
    from overleg.tasks import agenda_verstuur_taak

    def onbereikbaar(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(agenda_verstuur_taak, "apply_async", onbereikbaar)
    client.force_login(anne)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_url("agenda_versturen", vergadering), follow=True)
    assert antwoord.status_code == 200
    assert "zodra de wachtrij weer bereikbaar is" in antwoord.text
    assert "Agenda wordt verstuurd" in antwoord.text
    opdracht = Opdracht.objects.get(taak=cyclus.AGENDA_VERSTUUR_TAAK, argumenten=[vergadering.pk])
    assert opdracht.doorgegeven_op is None
    assert mail.outbox == []

    monkeypatch.undo()  # the broker is back: beat hands the request over
    opdrachten_geef_door(nu=timezone.now() + datetime.timedelta(minutes=5))
    assert sorted(m.to[0] for m in mail.outbox) == ADRESSEN


def test_the_daily_run_queues_due_agendas_through_the_outbox(vergadering):
    nu = vergadering.begin - datetime.timedelta(days=3)
    assert vergadering.pk in cyclus.agendas_klaarzetten(nu=nu)
    assert Opdracht.objects.filter(
        taak=cyclus.AGENDA_VERSTUUR_TAAK, argumenten=[vergadering.pk]
    ).exists()


def test_the_resend_reason_is_required_and_nothing_changes_without_it(anne, vergadering):
    from django.core.exceptions import ValidationError

    cyclus.agenda_verstuur(vergadering_id=vergadering.pk)
    with pytest.raises(ValidationError, match="Geef de reden"):
        cyclus.agenda_opnieuw_verstuur_vraag(vergadering=vergadering, reden="", door=anne)
    vergadering.refresh_from_db()
    assert vergadering.agenda_versie == 1
    assert vergadering.agenda_verstuurd_op is not None
