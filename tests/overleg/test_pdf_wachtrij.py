"""No meeting PDF is laid out inside a web request: the agenda and minutes PDFs are made by the
worker, kept until the meeting changes, and waited for with a page that asks again."""

import datetime
import io

import pytest
import weasyprint
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError
from pypdf import PdfReader

from lea.models import Opdracht
from lea.services import opdrachten_geef_door
from overleg import pdf as overleg_pdf
from overleg.models import PuntSoort, Vergaderdocument, Vergadering
from overleg.services import agendapunt_voeg_toe
from overleg.services.pdf import vergaderdocument_maak, vergaderdocument_pdf
from overleg.tasks import vergaderdocument_maak_taak

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def opmaak(monkeypatch):
    """Counts every PDF that WeasyPrint lays out (the real one still runs)."""
    echt = weasyprint.HTML.write_pdf
    tel = {"keer": 0}

    def write_pdf(self, *args, **kwargs):
        tel["keer"] += 1
        return echt(self, *args, **kwargs)

    monkeypatch.setattr(weasyprint.HTML, "write_pdf", write_pdf)
    return tel


@pytest.fixture
def vergadering(bunnik, anne):
    vergadering = Vergadering.objects.filter(orgaan__agenda=bunnik).order_by("begin").first()
    _punt(vergadering, anne, "Verdeling nieuwkomers over de scholen")
    return vergadering


def _punt(vergadering, door, titel):
    return agendapunt_voeg_toe(
        vergadering=vergadering,
        door=door,
        velden={"titel": titel, "soort": PuntSoort.BESPREKING},
    )


def _url(vergadering, soort="agenda", naam="vergadering_pdf"):
    return reverse(naam, args=[vergadering.orgaan.agenda.slug, vergadering.pk, soort])


def _vraag(client, url, capture):
    """One request; the work it queued is collected, not run (the worker runs it later)."""
    with capture() as werk:
        antwoord = client.get(url)
    return antwoord, werk


def _worker(werk):
    """The worker's turn: the outbox hands the queued jobs over (tasks run eagerly here)."""
    for stap in werk:
        stap()


def _tekst(antwoord) -> str:
    inhoud = b"".join(antwoord.streaming_content)
    tekst = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    return " ".join(tekst.split())


def _wacht(antwoord, soort="agenda") -> str:
    assert antwoord.status_code == 202
    assert antwoord["Content-Type"].startswith("text/html")
    pagina = antwoord.content.decode()
    lidwoord = "de agenda" if soort == "agenda" else "het verslag"
    assert f"De pdf van {lidwoord} wordt gemaakt…" in pagina
    assert 'role="status"' in pagina
    assert 'hx-trigger="every 2s"' in pagina
    return pagina


def test_the_first_request_waits_and_the_worker_makes_the_pdf(
    client, anne, bunnik, vergadering, opmaak, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = _url(vergadering)
    antwoord, werk = _vraag(client, url, django_capture_on_commit_callbacks)
    pagina = _wacht(antwoord)
    assert f'href="{url}">Opnieuw proberen</a>' in pagina
    assert opmaak["keer"] == 0  # nothing laid out in the request
    document = Vergaderdocument.objects.get(vergadering=vergadering)
    assert (document.soort, document.status) == ("agenda", "wacht")

    _worker(werk)
    assert opmaak["keer"] == 1
    document.refresh_from_db()
    assert document.status == "klaar"

    antwoord = client.get(url)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    naam = f"agenda-{bunnik.slug}-{vergadering.begin:%Y-%m-%d}.pdf"
    assert antwoord["Content-Disposition"] == f'inline; filename="{naam}"'
    tekst = _tekst(antwoord)
    assert f"Agenda {vergadering.orgaan}" in tekst
    assert "Verdeling nieuwkomers over de scholen" in tekst
    assert opmaak["keer"] == 1  # served as stored


def test_a_changed_meeting_waits_again_then_serves_the_new_content(
    client, anne, vergadering, opmaak, media, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = _url(vergadering)
    _worker(_vraag(client, url, django_capture_on_commit_callbacks)[1])
    eerste = Vergaderdocument.objects.get()
    assert (media / eerste.bestand.name).exists()

    punt = _punt(vergadering, anne, "Aanmeldingen voorschool")
    antwoord, werk = _vraag(client, url, django_capture_on_commit_callbacks)
    _wacht(antwoord)
    with django_capture_on_commit_callbacks(execute=True):  # the worker's commit
        _worker(werk)
    tekst = _tekst(client.get(url))
    assert "Aanmeldingen voorschool" in tekst
    # The older PDF of this meeting is cleaned up once the new one is stored.
    assert list(Vergaderdocument.objects.values_list("status", flat=True)) == ["klaar"]
    assert not (media / eerste.bestand.name).exists()

    punt.titel = "Aanmeldingen voorschool en kinderopvang"
    punt.save()
    antwoord, werk = _vraag(client, url, django_capture_on_commit_callbacks)
    _wacht(antwoord)
    _worker(werk)
    assert "Aanmeldingen voorschool en kinderopvang" in _tekst(client.get(url))
    assert opmaak["keer"] == 3


def test_a_second_request_while_waiting_queues_nothing(
    client, anne, sara, vergadering, opmaak, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url, stand = _url(vergadering), _url(vergadering, naam="vergadering_pdf_stand")
    _wacht(_vraag(client, url, django_capture_on_commit_callbacks)[0])
    client.force_login(sara)  # a reader of the stuurgroep asks for it as well
    antwoord, werk = _vraag(client, url, django_capture_on_commit_callbacks)
    _wacht(antwoord)
    assert werk == []
    assert Vergaderdocument.objects.count() == 1
    assert Opdracht.objects.filter(taak=vergaderdocument_maak_taak.name).count() == 1

    # The page asks every 2 seconds: nothing to say while waiting, then go to the PDF.
    assert client.get(stand, headers={"HX-Request": "true"}).status_code == 204
    vergaderdocument_maak(document_id=Vergaderdocument.objects.get().pk)
    klaar = client.get(stand, headers={"HX-Request": "true"})
    assert klaar.status_code == 200
    assert klaar["HX-Redirect"] == url
    assert client.get(url)["Content-Type"] == "application/pdf"
    assert opmaak["keer"] == 1


def test_the_minutes_are_made_by_the_worker_too(
    client, anne, vergadering, opmaak, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = _url(vergadering, "verslag")
    antwoord, werk = _vraag(client, url, django_capture_on_commit_callbacks)
    _wacht(antwoord, "verslag")
    assert opmaak["keer"] == 0
    _worker(werk)
    antwoord = client.get(url)
    assert antwoord["Content-Disposition"].startswith('inline; filename="verslag-')
    tekst = _tekst(antwoord)
    assert f"Verslag {vergadering.orgaan}" in tekst
    assert "Verdeling nieuwkomers over de scholen" in tekst


def test_a_reader_of_another_agenda_gets_404(client, henk, vergadering, opmaak):
    client.force_login(henk)
    for soort in ("agenda", "verslag"):
        assert client.get(_url(vergadering, soort)).status_code == 404
        stand = _url(vergadering, soort, "vergadering_pdf_stand")
        assert client.get(stand, headers={"HX-Request": "true"}).status_code == 404
    assert not Vergaderdocument.objects.exists()
    assert opmaak["keer"] == 0


def test_an_unknown_document_is_404(client, anne, vergadering):
    client.force_login(anne)
    assert client.get(_url(vergadering, "notulen")).status_code == 404
    assert not Vergaderdocument.objects.exists()


def test_broker_unreachable_the_page_answers_and_the_pdf_is_made_later(
    client, anne, vergadering, monkeypatch, django_capture_on_commit_callbacks
):
    def onbereikbaar(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(vergaderdocument_maak_taak, "apply_async", onbereikbaar)
    client.force_login(anne)
    url = _url(vergadering)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.get(url)
    pagina = _wacht(antwoord)
    assert "De wachtrij is nu niet bereikbaar" in pagina
    assert Opdracht.objects.get(doorgegeven_op__isnull=True).taak == vergaderdocument_maak_taak.name
    # The broker is back: beat hands the row over and the PDF is made.
    monkeypatch.undo()
    assert opdrachten_geef_door(nu=timezone.now() + datetime.timedelta(minutes=5)) == 1
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_a_failed_pdf_says_so_and_is_made_again_when_asked(
    client, anne, vergadering, monkeypatch, django_capture_on_commit_callbacks
):
    def kapot(html):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr("overleg.services.pdf.pdf_uit_html", kapot)
    client.force_login(anne)
    url, stand = _url(vergadering), _url(vergadering, naam="vergadering_pdf_stand")
    _worker(_vraag(client, url, django_capture_on_commit_callbacks)[1])
    document = Vergaderdocument.objects.get()
    assert document.status == "mislukt"
    antwoord = client.get(stand, headers={"HX-Request": "true"})
    assert antwoord.status_code == 286  # htmx stops asking
    assert "De pdf kon niet worden gemaakt (RuntimeError)" in antwoord.content.decode()
    assert f'href="{url}">Opnieuw proberen</a>' in antwoord.content.decode()

    monkeypatch.undo()
    antwoord, werk = _vraag(client, url, django_capture_on_commit_callbacks)
    _wacht(antwoord)
    _worker(werk)
    assert client.get(url)["Content-Type"] == "application/pdf"
    assert Vergaderdocument.objects.get().pk == document.pk


def test_a_job_for_content_that_changed_since_is_dropped(
    client, anne, vergadering, opmaak, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = _url(vergadering)
    werk = _vraag(client, url, django_capture_on_commit_callbacks)[1]
    _punt(vergadering, anne, "Nagekomen punt")
    _worker(werk)
    assert opmaak["keer"] == 0
    assert not Vergaderdocument.objects.exists()
    stand = _url(vergadering, naam="vergadering_pdf_stand")
    stand = client.get(stand, headers={"HX-Request": "true"})
    assert stand["HX-Redirect"] == url  # the address then queues the current content
    antwoord, werk = _vraag(client, url, django_capture_on_commit_callbacks)
    _wacht(antwoord)
    _worker(werk)
    assert "Nagekomen punt" in _tekst(client.get(url))


def test_the_request_costs_the_same_queries_with_ten_times_the_items(
    client, anne, vergadering, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = _url(vergadering)

    def tel() -> int:
        _worker(_vraag(client, url, django_capture_on_commit_callbacks)[1])
        with CaptureQueriesContext(connection) as vragen:
            assert client.get(url).status_code == 200
        return len(vragen)

    for n in range(2):
        _punt(vergadering, anne, f"Punt {n}")
    weinig = tel()
    for n in range(2, 30):
        _punt(vergadering, anne, f"Punt {n}")
    assert tel() == weinig


def test_the_pdf_functions_are_unchanged_for_the_mailing(vergadering, opmaak):
    """The agenda mailing lays the PDF out in the worker with the same function."""
    tekst = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(overleg_pdf.agenda_pdf(vergadering))).pages
    )
    assert "Verdeling nieuwkomers over de scholen" in tekst
    assert opmaak["keer"] == 1


def test_the_mailing_can_reuse_the_stored_pdf(
    client, anne, vergadering, opmaak, django_capture_on_commit_callbacks
):
    """vergaderdocument_pdf: the stored PDF while it is current, else laid out anew."""
    client.force_login(anne)
    _worker(_vraag(client, _url(vergadering), django_capture_on_commit_callbacks)[1])
    opgeslagen = b"".join(client.get(_url(vergadering)).streaming_content)
    assert vergaderdocument_pdf(vergadering=vergadering, soort="agenda") == opgeslagen
    assert opmaak["keer"] == 1
    _punt(vergadering, anne, "Nagekomen punt")
    nieuw = vergaderdocument_pdf(vergadering=vergadering, soort="agenda")
    assert opmaak["keer"] == 2
    assert "Nagekomen punt" in " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(nieuw)).pages
    )


def test_deleting_the_meeting_takes_its_pdf_file_along(
    client, anne, vergadering, opmaak, media, django_capture_on_commit_callbacks
):
    """The admin may delete a meeting (the browser never does): its stored PDF goes too."""
    client.force_login(anne)
    _worker(_vraag(client, _url(vergadering), django_capture_on_commit_callbacks)[1])
    pad = media / Vergaderdocument.objects.get().bestand.name
    assert pad.exists()
    with django_capture_on_commit_callbacks(execute=True):
        vergadering.delete()
    assert not Vergaderdocument.objects.exists()
    assert not pad.exists()
