"""The January run fans out: one queued task per report (an outbox row each), nothing queued
twice when beat fires again, and each report made by its own task ends ready to download."""

import datetime
import io

import pytest
from pypdf import PdfWriter

from lea.config.celery import app
from lea.models import Agenda, Melding, Opdracht, Rol
from monitoring import pdf as rapport_pdf
from monitoring.models import Rapport, RapportStatus, Verantwoording
from monitoring.services.rapporten import RAPPORT_MAAK_TAAK, jaarrapporten_maak
from tests import na_commit
from tests.factories import AgendaFactory, GebruikerFactory, lidmaatschap

pytestmark = pytest.mark.django_db
JANUARI = datetime.date(2027, 1, 2)


def _pdf(*args: object) -> bytes:
    """A fast stand-in for the renderers (timed by `manage.py rapport benchmark`)."""
    schrijver, buffer = PdfWriter(), io.BytesIO()
    schrijver.add_blank_page(width=595, height=842)
    schrijver.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def snelle_pdf(monkeypatch):
    for soort in list(rapport_pdf.MAKERS):
        monkeypatch.setitem(rapport_pdf.MAKERS, soort, _pdf)


@pytest.fixture
def agendas(db):
    """Ten more agendas whose period covers 2026, each with a beheerder."""
    for _ in range(10):
        agenda = AgendaFactory()
        lidmaatschap(agenda, GebruikerFactory(), Rol.BEHEERDER)
    return list(Agenda.objects.filter(periode_start__year__lte=2026, periode_eind__year__gte=2026))


def _taken() -> list[Opdracht]:
    return list(Opdracht.objects.filter(taak=RAPPORT_MAAK_TAAK).order_by("pk"))


def test_the_january_run_queues_one_task_per_report_and_nothing_twice(
    agendas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as overdrachten:
        assert jaarrapporten_maak(op=JANUARI) == 2 * len(agendas)
    taken = _taken()
    rapporten = Rapport.objects.filter(jaar=2026)
    assert len(taken) == rapporten.count() == 2 * len(agendas)
    # One task per report, each handed to the broker after its own commit.
    assert sorted(t.argumenten[0] for t in taken) == sorted(r.pk for r in rapporten)
    assert len(na_commit.eigen(overdrachten)) == len(taken)
    assert {r.status for r in rapporten} == {RapportStatus.WACHT}
    assert not Rapport.objects.filter(agenda__slug="westland-2022").exists()  # period ended
    assert Verantwoording.objects.filter(jaar=2026).count() == len(agendas)
    beheerders = Melding.objects.filter(sleutel="jaarrapporten:2026")
    assert beheerders.count() >= len(agendas)
    # Beat fires again: no report, task or notification is added.
    with django_capture_on_commit_callbacks() as tweede:
        assert jaarrapporten_maak(op=JANUARI) == 0
    assert (len(_taken()), len(na_commit.eigen(tweede))) == (len(taken), 0)
    assert Rapport.objects.filter(jaar=2026).count() == len(taken)
    assert Melding.objects.filter(sleutel="jaarrapporten:2026").count() == beheerders.count()


def test_each_report_made_by_its_own_task_ends_ready(
    agendas, snelle_pdf, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        jaarrapporten_maak(op=JANUARI)
    rapporten = Rapport.objects.filter(jaar=2026)
    assert {(r.status, r.paginas, r.gemaakt_door) for r in rapporten} == {
        (RapportStatus.KLAAR, 1, None)
    }
    assert all(r.bestand.name.endswith(".pdf") for r in rapporten)
    # Each report had its own task, handed over once and without error.
    taken = _taken()
    assert sorted(t.argumenten[0] for t in taken) == sorted(r.pk for r in rapporten)
    assert {(t.pogingen, t.laatste_fout) for t in taken} == {(1, "")}
    assert all(t.doorgegeven_op is not None for t in taken)


def test_a_failed_draft_is_queued_again_once_and_a_made_one_never(
    agendas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():
        jaarrapporten_maak(op=JANUARI)
    mislukt, klaar = Rapport.objects.filter(jaar=2026).order_by("pk")[:2]
    Rapport.objects.filter(pk=mislukt.pk).update(status=RapportStatus.MISLUKT, fout="Kapot.")
    Rapport.objects.filter(pk=klaar.pk).update(status=RapportStatus.KLAAR)
    voor = len(_taken())
    with django_capture_on_commit_callbacks():
        assert jaarrapporten_maak(op=JANUARI) == 1
        assert jaarrapporten_maak(op=JANUARI) == 0
    nieuw = _taken()[voor:]
    assert [t.argumenten for t in nieuw] == [[mislukt.pk]]
    mislukt.refresh_from_db()
    assert (mislukt.status, mislukt.fout, mislukt.versie) == (RapportStatus.WACHT, "", 1)


def test_a_worker_child_is_replaced_past_its_memory_bound():
    # LEA_WORKER_GEHEUGEN_MB, default 400 MB; Celery counts KiB.
    assert app.conf.worker_max_memory_per_child == 400 * 1024
    assert app.conf.worker_prefetch_multiplier == 1
