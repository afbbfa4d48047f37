"""Excel in the browser: the beheerder exports the agenda, edits it, uploads it, sees the
preview and applies it; a large file is checked by a real worker behind a progress bar; a
werkgroep chair does the same with the progress sheet of their own werkgroep."""

import io

import openpyxl
import pytest
from django.urls import reverse

from lea.models import ImportStatus, Werkboekimport
from lea.services import werkboek as werkboek_services
from lea.views.werkboek import XLSX
from werkgroepen.models import Actie

from .test_browser import login

BUNNIK = "bunnik-2025"


def _download(page, link_naam: str) -> openpyxl.Workbook:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_naam).click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as bestand:  # the path has no .xlsx suffix
        return openpyxl.load_workbook(io.BytesIO(bestand.read()))


def _upload(page, boek: openpyxl.Workbook, naam: str) -> None:
    uit = io.BytesIO()
    boek.save(uit)
    page.get_by_label("Excel-bestand (.xlsx)").set_input_files(
        files=[{"name": naam, "mimeType": XLSX, "buffer": uit.getvalue()}]
    )
    page.get_by_role("button", name="Controleren").click()


def _kolom(ws, kop: str) -> int:
    return [c.value for c in ws[1]].index(kop) + 1


@pytest.mark.usefixtures("demo")
def test_beheerder_exports_edits_uploads_previews_and_applies(page, live_server):
    login(page, live_server, "beleid-bunnik")
    page.goto(live_server.url + reverse("agenda_beheer", args=[BUNNIK]))
    page.get_by_role("link", name="Importeren uit Excel").click()
    page.get_by_role("heading", name="Excel: exporteren en importeren").wait_for()
    boek = _download(page, "Exporteren naar Excel")

    ws = boek["Acties"]
    actie = Actie.objects.get(pk=ws.cell(2, _kolom(ws, "ID")).value)
    oude_titel = actie.titel
    ws.cell(2, _kolom(ws, "Actie"), "Titel aangepast in Excel")
    nieuw = [None] * ws.max_column
    nieuw[_kolom(ws, "Knoop") - 1] = ws.cell(2, _kolom(ws, "Knoop")).value
    nieuw[_kolom(ws, "Actie") - 1] = "Nieuwe actie uit Excel"
    nieuw[_kolom(ws, "Planning") - 1] = "Q3 2025"
    ws.append(nieuw)
    _upload(page, boek, "bunnik-bewerkt.xlsx")

    page.get_by_role("heading", name="Importeren: bunnik-bewerkt.xlsx").wait_for()
    samenvatting = page.locator("#samenvatting")
    assert "Acties" in samenvatting.inner_text()
    assert page.get_by_text(oude_titel, exact=True).first.is_visible()
    assert page.get_by_text("Titel aangepast in Excel", exact=True).first.is_visible()
    assert page.get_by_text("Nieuwe actie uit Excel").first.is_visible()
    # Nothing has changed yet.
    actie.refresh_from_db()
    assert actie.titel == oude_titel

    page.get_by_role("button", name="Toepassen (2 rijen nieuw of gewijzigd)").click()
    page.get_by_text("is toegepast").wait_for()
    actie.refresh_from_db()
    assert actie.titel == "Titel aangepast in Excel"
    toegevoegd = Actie.objects.get(agenda__slug=BUNNIK, titel="Nieuwe actie uit Excel")
    assert toegevoegd.timing_soort == "kwartaal"
    assert str(toegevoegd.timing_eind) == "2025-09-30"
    assert actie.history.first().history_change_reason == "via import bunnik-bewerkt.xlsx"
    assert actie.history.first().history_user.username == "beleid-bunnik"


@pytest.mark.usefixtures("demo")
def test_a_large_file_is_checked_by_the_worker_behind_a_progress_bar(
    page, live_server, worker, monkeypatch
):
    monkeypatch.setattr(werkboek_services, "GROOT", 1024)  # every workbook counts as large
    login(page, live_server, "beleid-bunnik")
    page.goto(live_server.url + reverse("excel", args=[BUNNIK]))
    boek = _download(page, "Exporteren naar Excel")
    ws = boek["Acties"]
    ws.cell(2, _kolom(ws, "Actie"), "Via de wachtrij")
    _upload(page, boek, "groot.xlsx")
    # The page polls until the worker has made the preview, then shows it whole.
    page.get_by_role("button", name="Toepassen (1 rij nieuw of gewijzigd)").wait_for(timeout=60_000)
    assert Werkboekimport.objects.get().status == ImportStatus.VOORBEELD
    page.get_by_role("button", name="Toepassen (1 rij nieuw of gewijzigd)").click()
    page.get_by_text("Toegepast op").wait_for(timeout=60_000)
    assert Actie.objects.filter(titel="Via de wachtrij").exists()


@pytest.mark.usefixtures("demo")
def test_chair_updates_progress_of_their_werkgroep_in_excel(page, live_server):
    login(page, live_server, "voorzitter-bunnik")
    werkgroep = (
        Actie.objects.filter(
            agenda__slug=BUNNIK, werkgroep__voorzitter__gebruiker__username="voorzitter-bunnik"
        )
        .first()
        .werkgroep
    )
    page.goto(live_server.url + reverse("werkgroep_detail", args=[BUNNIK, werkgroep.pk]))
    page.get_by_role("link", name="Voortgang in Excel").click()
    boek = _download(page, "Exporteren naar Excel")
    assert boek.sheetnames[0] == "Voortgang"
    ws = boek["Voortgang"]
    actie = Actie.objects.get(pk=ws.cell(2, _kolom(ws, "ID")).value)
    assert actie.werkgroep == werkgroep
    ws.cell(2, _kolom(ws, "Status"), "Lopend")
    ws.cell(2, _kolom(ws, "RAG tijd"), "Groen")
    ws.cell(2, _kolom(ws, "RAG geld"), "Oranje")
    ws.cell(2, _kolom(ws, "% gereed"), 40)
    ws.cell(2, _kolom(ws, "Toelichting"), "Offline bijgewerkt in de werkgroep.")
    _upload(page, boek, "voortgang.xlsx")
    page.get_by_role("button", name="Toepassen (1 rij nieuw of gewijzigd)").click()
    page.get_by_text("is toegepast").wait_for()
    laatste = actie.voortgang.laatste()
    assert laatste.toelichting == "Offline bijgewerkt in de werkgroep."
    assert laatste.percentage == 40
    assert laatste.door.username == "voorzitter-bunnik"
