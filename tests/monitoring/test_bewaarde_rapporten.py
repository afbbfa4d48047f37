"""Reports kept as made (versions, never replaced), the queue being unreachable, reports that
wait too long, and the jaarverantwoording's status from the moment the report is made."""

import datetime
import io
import uuid
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError
from pypdf import PdfReader, PdfWriter

from lea.models import Opdracht
from lea.services import opdrachten_geef_door
from lea.weergave import naam_van
from monitoring import pdf as rapport_pdf
from monitoring.models import Rapport, Verantwoording
from monitoring.services.rapporten import rapporten_verlopen_markeer
from monitoring.tasks import rapport_maak_taak, rapporten_verlopen_taak

pytestmark = pytest.mark.django_db


class _Maker:
    """A fast stand-in for the PDF renderers: each call a PDF with one page more."""

    def __init__(self) -> None:
        self.keer = 0

    def __call__(self, *args: object) -> bytes:
        self.keer += 1
        schrijver, buffer = PdfWriter(), io.BytesIO()
        for _ in range(self.keer):
            schrijver.add_blank_page(width=595, height=842)
        schrijver.write(buffer)
        return buffer.getvalue()


@pytest.fixture
def snelle_pdf(monkeypatch):
    maker = _Maker()
    for soort in list(rapport_pdf.MAKERS):
        monkeypatch.setitem(rapport_pdf.MAKERS, soort, maker)
    return maker


def _maak(client, agenda, soort, jaar, capture):
    with capture(execute=True):
        antwoord = client.post(
            reverse("rapporten", args=[agenda.slug]), {"soort": soort, "jaar": jaar}
        )
    assert antwoord.status_code == 302
    return antwoord


def _download(client, agenda, rapport) -> bytes:
    antwoord = client.get(reverse("rapport_download", args=[agenda.slug, rapport.pk]))
    assert antwoord.status_code == 200
    return b"".join(antwoord.streaming_content)


# --- 1. kept reports ---------------------------------------------------------------------------


def test_making_a_report_again_adds_a_version_and_keeps_the_first(
    client, anne, bunnik, snelle_pdf, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    _maak(client, bunnik, "jaarverslag", "2025", django_capture_on_commit_callbacks)
    eerste = Rapport.objects.get()
    with eerste.bestand.open("rb") as f:
        eerste_bytes = f.read()
    _maak(client, bunnik, "jaarverslag", "2025", django_capture_on_commit_callbacks)

    rapporten = list(Rapport.objects.order_by("versie"))
    assert [(r.versie, r.status, r.paginas) for r in rapporten] == [
        (1, "klaar", 1),
        (2, "klaar", 2),
    ]
    assert [r.stand_per for r in rapporten] == [datetime.date(2025, 12, 31)] * 2
    assert [r.gemaakt_door for r in rapporten] == [anne, anne]
    assert rapporten[0].bestand.name != rapporten[1].bestand.name
    eerste.refresh_from_db()
    with eerste.bestand.open("rb") as f:
        assert f.read() == eerste_bytes  # the first file is untouched
    # Both versions are listed, newest first, and each downloads its own file.
    pagina = client.get(reverse("rapporten", args=[bunnik.slug])).content.decode()
    eerste_rij = pagina.index(f'id="rapport-{rapporten[0].pk}"')
    assert pagina.index(f'id="rapport-{rapporten[1].pk}"') < eerste_rij  # newest first
    assert "versie 1" in pagina[eerste_rij:]
    assert "gegevens per 31-12-2025" in pagina
    assert _download(client, bunnik, rapporten[0]) == eerste_bytes
    assert len(PdfReader(io.BytesIO(_download(client, bunnik, rapporten[1]))).pages) == 2


def test_a_report_of_the_running_year_stands_on_today(
    client, anne, bunnik, snelle_pdf, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    jaar = timezone.localdate().year
    _maak(client, bunnik, "jaarverslag", str(jaar), django_capture_on_commit_callbacks)
    assert Rapport.objects.get().stand_per == timezone.localdate()


def test_january_job_adds_a_version_only_where_none_exists(
    client, anne, bunnik, snelle_pdf, django_capture_on_commit_callbacks
):
    from monitoring.tasks import jaarrapporten_maken_taak

    client.force_login(anne)
    _maak(client, bunnik, "jaarverslag", "2026", django_capture_on_commit_callbacks)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2027, 1, 2)):
        jaarrapporten_maken_taak()
        jaarrapporten_maken_taak()
    verslagen = Rapport.objects.filter(agenda=bunnik, jaar=2026, soort="jaarverslag")
    assert [(r.versie, r.gemaakt_door) for r in verslagen] == [(1, anne)]  # not replaced
    verantwoording = Rapport.objects.get(agenda=bunnik, jaar=2026, soort="jaarverantwoording")
    assert (verantwoording.versie, verantwoording.gemaakt_door) == (1, None)


# --- 5. the queue unreachable, reports that wait too long -------------------------------------


def test_broker_unreachable_the_report_waits_and_is_made_later(
    client, anne, bunnik, snelle_pdf, monkeypatch, django_capture_on_commit_callbacks
):
    def onbereikbaar(*args, **kwargs):
        raise OperationalError("[Errno 111] Connection refused")

    monkeypatch.setattr(rapport_maak_taak, "apply_async", onbereikbaar)
    client.force_login(anne)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("rapporten", args=[bunnik.slug]), {"soort": "jaarverslag", "jaar": "2025"}
        )
    assert antwoord.status_code == 302
    rapport = Rapport.objects.get()
    assert rapport.status == "wacht"
    assert Opdracht.objects.get(doorgegeven_op__isnull=True).argumenten == [rapport.pk]
    pagina = client.get(antwoord["Location"]).content.decode()
    assert "Jaarverslag voor de stuurgroep 2025" in pagina
    assert "In de wachtrij" in pagina
    assert "zodra de wachtrij weer bereikbaar is" in pagina
    # The broker is back: beat hands the row over and the report is made.
    monkeypatch.undo()
    opdrachten_geef_door(nu=timezone.now() + datetime.timedelta(minutes=5))
    rapport.refresh_from_db()
    assert rapport.status == "klaar"


def test_a_report_waiting_too_long_fails_with_a_retry(
    client, anne, bunnik, snelle_pdf, django_capture_on_commit_callbacks
):
    lang_geleden = timezone.now() - datetime.timedelta(minutes=31)
    wacht = Rapport.objects.create(
        agenda=bunnik, soort="jaarverslag", jaar=2025, status="wacht", status_sinds=lang_geleden
    )
    bezig = Rapport.objects.create(
        agenda=bunnik,
        soort="raadsinformatiebrief",
        jaar=2025,
        status="bezig",
        status_sinds=lang_geleden,
    )
    vers = Rapport.objects.create(agenda=bunnik, soort="jaarverslag", jaar=2025, versie=2)
    assert rapporten_verlopen_taak() == 2  # beat
    wacht.refresh_from_db()
    bezig.refresh_from_db()
    vers.refresh_from_db()
    assert (wacht.status, bezig.status, vers.status) == ("mislukt", "mislukt", "wacht")
    assert "wachtte na 30 minuten nog op de wachtrij" in wacht.fout
    assert "na 30 minuten niet klaar" in bezig.fout
    client.force_login(anne)
    pagina = client.get(reverse("rapporten", args=[bunnik.slug])).content.decode()
    assert pagina.count("Opnieuw proberen") == 2
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rapport_opnieuw", args=[bunnik.slug, wacht.pk]))
    wacht.refresh_from_db()
    assert wacht.status == "klaar"


def test_the_page_marks_an_overdue_report_when_it_shows_it(client, sara, bunnik):
    rapport = Rapport.objects.create(
        agenda=bunnik,
        soort="jaarverslag",
        jaar=2025,
        status="wacht",
        status_sinds=timezone.now() - datetime.timedelta(hours=2),
    )
    client.force_login(sara)
    rij = client.get(reverse("rapport_status", args=[bunnik.slug, rapport.pk])).content.decode()
    assert "Opnieuw proberen" in rij
    assert "hx-trigger" not in rij  # no longer polled
    rapport.refresh_from_db()
    assert rapport.status == "mislukt"
    rapport.status, rapport.status_sinds = "wacht", timezone.now() - datetime.timedelta(hours=2)
    rapport.save()
    pagina = client.get(reverse("rapporten", args=[bunnik.slug])).content.decode()
    assert "wachtte na 30 minuten nog op de wachtrij" in pagina
    assert rapporten_verlopen_markeer() == 0  # already marked by the page


# --- 4. the jaarverantwoording's status ---------------------------------------------------------


def _status(client, agenda, verantwoording, **velden):
    p = f"v{verantwoording.pk}-"
    return client.post(
        reverse("verantwoording_status", args=[agenda.slug, verantwoording.pk]),
        {p + k: v for k, v in velden.items()},
        follow=True,
    ).content.decode()


def test_jaarverantwoording_made_from_the_page_can_be_adopted_at_once(
    client, anne, bunnik, snelle_pdf, django_capture_on_commit_callbacks
):
    assert not Verantwoording.objects.filter(agenda=bunnik, jaar=2025).exists()
    client.force_login(anne)
    _maak(client, bunnik, "jaarverantwoording", "2025", django_capture_on_commit_callbacks)
    verantwoording = Verantwoording.objects.get(agenda=bunnik, jaar=2025)
    pagina = client.get(reverse("rapporten", args=[bunnik.slug])).content.decode()
    assert "Status jaarverantwoording" in pagina
    assert reverse("verantwoording_status", args=[bunnik.slug, verantwoording.pk]) in pagina

    # Bad input: a Dutch message and nothing saved.
    morgen = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    fouten = [
        (dict(status="vastgesteld", vastgesteld_op="2026-03-10"), "Geef het kenmerk"),
        (dict(status="vastgesteld", vastgesteld_op=morgen, kenmerk="B-1"), "in de toekomst"),
        (
            dict(
                status="verzonden",
                vastgesteld_op="2026-03-10",
                kenmerk="B-1",
                verzonden_op="2026-03-01",
            ),
            "Verzonden vóór de vaststelling kan niet",
        ),
    ]
    geschiedenis = verantwoording.history.count()
    for velden, bericht in fouten:
        assert bericht in _status(client, bunnik, verantwoording, **velden)
        verantwoording.refresh_from_db()
        assert (verantwoording.status, verantwoording.kenmerk) == ("concept", "")
    assert verantwoording.history.count() == geschiedenis

    pagina = _status(
        client,
        bunnik,
        verantwoording,
        status="vastgesteld",
        vastgesteld_op="2026-03-10",
        kenmerk="2026/0042",
    )
    verantwoording.refresh_from_db()
    assert (verantwoording.status, verantwoording.kenmerk) == ("vastgesteld", "2026/0042")
    laatste = verantwoording.history.first()
    assert laatste.history_user == anne
    assert "kenmerk 2026/0042" in pagina
    assert f"{naam_van(anne)} · Jaarverantwoording 2025 gewijzigd" in pagina
    assert "Concept → Vastgesteld door het college" in pagina


def test_the_command_line_and_a_waiting_report_also_make_the_status_record(
    tmp_path, client, anne, bunnik, snelle_pdf, monkeypatch, django_capture_on_commit_callbacks
):
    call_command(
        "rapport", "jaarverantwoording", bunnik.slug, "2025", "-o", str(tmp_path / "v.pdf")
    )
    assert Verantwoording.objects.filter(agenda=bunnik, jaar=2025).exists()
    assert Rapport.objects.get(soort="jaarverantwoording").versie == 1  # kept as well
    monkeypatch.setattr(rapport_maak_taak, "apply_async", mock.Mock(side_effect=OperationalError))
    client.force_login(anne)
    _maak(client, bunnik, "jaarverantwoording", "2026", django_capture_on_commit_callbacks)
    assert Rapport.objects.get(jaar=2026).status == "wacht"
    assert Verantwoording.objects.filter(agenda=bunnik, jaar=2026).exists()


def test_a_double_submit_of_the_form_adds_one_version(
    client, anne, bunnik, snelle_pdf, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    formulier = {"soort": "jaarverslag", "jaar": "2025", "eenmalig": str(uuid.uuid4())}
    url = reverse("rapporten", args=[bunnik.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, formulier)
    pagina = client.post(url, formulier, follow=True).content.decode()
    assert "Dit formulier is al verstuurd" in pagina
    assert Rapport.objects.count() == 1
