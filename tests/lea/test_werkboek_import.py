"""The workbook import kept between preview and apply, as a beheerder uses it: in the browser
(export, edit, upload, preview, apply; errors, size limits, the worker for large files, another
agenda's import not found) and on the command line."""

import io
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from lea.models import ImportStatus, Organisatie, Werkboekimport
from lea.services import werkboek as werkboek_services
from lea.werkboek import (
    Context,
    werkboek_lees,
)
from tests.lea import werkboekproef as wp

pytestmark = pytest.mark.django_db

# --- the kept import, in the browser ----------------------------------------------------------


def _upload(client, url: str, inhoud: bytes, naam: str = "agenda.xlsx"):
    bestand = io.BytesIO(inhoud)
    bestand.name = naam
    return client.post(url, {"bestand": bestand})


def test_the_beheerder_exports_edits_previews_and_applies_in_the_browser(
    client, bunnik, anne, testblad
):
    client.force_login(anne)
    pagina = client.get(reverse("excel", args=[bunnik.slug]))
    assert pagina.status_code == 200
    assert "Exporteren naar Excel" in pagina.text
    assert "Leeg sjabloon downloaden" in pagina.text

    antwoord = client.get(reverse("excel_export", args=[bunnik.slug]))
    assert antwoord["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="{bunnik.slug}-' in antwoord["Content-Disposition"]
    boek = wp.boek(antwoord.content)
    assert wp.BLAD in boek.sheetnames
    oude_naam = boek[wp.BLAD]["B2"].value
    boek[wp.BLAD]["B2"] = "Via de browser"

    antwoord = _upload(client, reverse("excel_upload", args=[bunnik.slug]), wp.als_bytes(boek))
    werkboekimport = Werkboekimport.objects.get(agenda=bunnik)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("excel_import", args=[bunnik.slug, werkboekimport.pk])
    assert werkboekimport.status == ImportStatus.VOORBEELD

    voorbeeld = client.get(antwoord["Location"])
    assert "Toepassen (1 rij nieuw of gewijzigd)" in voorbeeld.text
    assert oude_naam in voorbeeld.text
    assert "Via de browser" in voorbeeld.text
    assert not Organisatie.objects.filter(naam="Via de browser").exists()

    antwoord = client.post(reverse("excel_toepassen", args=[bunnik.slug, werkboekimport.pk]))
    assert antwoord.status_code == 302
    assert Organisatie.objects.filter(agenda=bunnik, naam="Via de browser").exists()
    werkboekimport.refresh_from_db()
    assert werkboekimport.status == ImportStatus.TOEGEPAST
    assert werkboekimport.inhoud in (b"", memoryview(b""))
    # A second apply (a double click, the back button) changes nothing.
    client.post(reverse("excel_toepassen", args=[bunnik.slug, werkboekimport.pk]))
    assert Organisatie.objects.filter(agenda=bunnik, naam="Via de browser").count() == 1


def test_a_workbook_with_errors_is_shown_with_its_errors_and_cannot_be_applied(
    client, bunnik, anne, testblad
):
    client.force_login(anne)
    boek = wp.export(bunnik, anne)
    boek[wp.BLAD]["B2"] = "Zou mogen"
    boek[wp.BLAD]["D3"] = "30-02-2026"
    _upload(client, reverse("excel_upload", args=[bunnik.slug]), wp.als_bytes(boek))
    werkboekimport = Werkboekimport.objects.get(agenda=bunnik)
    pagina = client.get(reverse("excel_import", args=[bunnik.slug, werkboekimport.pk]))
    assert "Dit bestand heeft 1 fout" in pagina.text
    assert "‘30-02-2026’ is geen bestaande datum." in pagina.text
    assert "Toepassen" not in pagina.text
    client.post(reverse("excel_toepassen", args=[bunnik.slug, werkboekimport.pk]))
    assert not Organisatie.objects.filter(naam="Zou mogen").exists()
    client.post(reverse("excel_verwerpen", args=[bunnik.slug, werkboekimport.pk]))
    werkboekimport.refresh_from_db()
    assert werkboekimport.status == ImportStatus.VERWORPEN


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("agenda.csv", b"naam;sector", "Kies een Excel-werkmap (.xlsx)"),
        ("agenda.xlsx", b"dit is geen werkmap", "geen Excel-werkmap"),
    ],
)
def test_an_upload_that_is_no_workbook_gets_a_dutch_message(
    client, bunnik, anne, naam, inhoud, melding
):
    client.force_login(anne)
    antwoord = _upload(client, reverse("excel_upload", args=[bunnik.slug]), inhoud, naam)
    if antwoord.status_code == 302:  # the file was kept, then found unreadable
        antwoord = client.get(antwoord["Location"])
    assert melding in antwoord.text


def test_an_upload_over_10_mb_is_refused(client, bunnik, anne, settings):
    client.force_login(anne)
    antwoord = _upload(
        client, reverse("excel_upload", args=[bunnik.slug]), b"0" * (10 * 1024 * 1024 + 1)
    )
    assert antwoord.status_code == 400
    assert "groter dan 10 MB" in antwoord.text
    assert not Werkboekimport.objects.exists()


def test_a_large_workbook_is_checked_by_the_worker_with_progress(
    client, bunnik, anne, testblad, monkeypatch, django_capture_on_commit_callbacks
):
    """Above the threshold the check is queued (here the task runs in-process); the page shows
    a progress bar that asks again until the preview is there."""
    monkeypatch.setattr(werkboek_services, "GROOT", 10)
    client.force_login(anne)
    boek = wp.export(bunnik, anne)
    boek[wp.BLAD]["B2"] = "Groot bestand"
    with _geen_directe_controle(monkeypatch) as gezien:
        _upload(client, reverse("excel_upload", args=[bunnik.slug]), wp.als_bytes(boek))
    werkboekimport = Werkboekimport.objects.get(agenda=bunnik)
    assert gezien == [werkboekimport.pk]
    url = reverse("excel_import", args=[bunnik.slug, werkboekimport.pk])
    assert werkboekimport.status == ImportStatus.CONTROLEREN
    pagina = client.get(url)
    assert "<progress" in pagina.text
    assert 'hx-trigger="every 1s"' in pagina.text

    werkboek_services.werkboekimport_controleer(import_id=werkboekimport.pk)
    werkboekimport.refresh_from_db()
    assert werkboekimport.status == ImportStatus.VOORBEELD
    assert werkboekimport.voortgang == 100
    ververs = client.get(url, headers={"HX-Request": "true"})
    assert ververs["HX-Refresh"] == "true"
    # Applying a large workbook is the worker's job too.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("excel_toepassen", args=[bunnik.slug, werkboekimport.pk]))
    werkboekimport.refresh_from_db()
    assert werkboekimport.status == ImportStatus.TOEGEPAST
    assert Organisatie.objects.filter(agenda=bunnik, naam="Groot bestand").exists()


class _geen_directe_controle:
    """Record the queued check instead of running it, so the page can be seen while it waits."""

    def __init__(self, monkeypatch) -> None:
        self.monkeypatch = monkeypatch
        self.gezien: list[Any] = []

    def __enter__(self) -> list[Any]:
        def plaats(*, taak, argumenten, agenda=None, omschrijving=""):
            self.gezien.extend(argumenten)

        self.monkeypatch.setattr(werkboek_services, "opdracht_plaats", plaats)
        return self.gezien

    def __exit__(self, *exc: object) -> None:
        self.monkeypatch.undo()


def test_another_agendas_import_is_not_found(client, bunnik, anne, henk, hilversum):
    werkboekimport = Werkboekimport.objects.create(
        agenda=bunnik,
        door=anne,
        bestandsnaam="b.xlsx",
        inhoud=b"x",
        status=ImportStatus.VOORBEELD,
    )
    client.force_login(henk)
    url = reverse("excel_import", args=[hilversum.slug, werkboekimport.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(
            reverse("excel_toepassen", args=[hilversum.slug, werkboekimport.pk])
        ).status_code
        == 404
    )


def test_the_service_refuses_an_empty_or_oversized_file(bunnik, anne):
    with pytest.raises(ValidationError, match="leeg"):
        werkboek_services.werkboekimport_maak(
            agenda=bunnik, door=anne, bestandsnaam="x.xlsx", inhoud=b""
        )


# --- the command line ---------------------------------------------------------------------------


def test_the_command_exports_and_imports_a_workbook(testblad, bunnik, tmp_path, capsys):
    bestand = tmp_path / "bunnik.xlsx"
    call_command("agenda", "export", bunnik.slug, "--formaat", "xlsx", "-o", str(bestand))
    boek = openpyxl.load_workbook(bestand)
    pk = boek[wp.BLAD]["A2"].value
    boek[wp.BLAD]["B2"] = "Via de opdrachtregel"
    boek.save(bestand)

    call_command("agenda", "import", str(bestand), "--agenda", bunnik.slug, "--proef")
    uit = capsys.readouterr().out
    assert "GEWIJZIGD Testorganisaties, rij 2" in uit
    assert "Proef: er is niets gewijzigd." in uit
    assert Organisatie.objects.get(pk=pk).naam != "Via de opdrachtregel"

    call_command("agenda", "import", str(bestand), "--agenda", bunnik.slug)
    assert Organisatie.objects.get(pk=pk).naam == "Via de opdrachtregel"
    assert Organisatie.objects.get(pk=pk).history.first().history_change_reason == (
        "via import bunnik.xlsx"
    )


def test_the_command_exits_non_zero_on_errors_and_changes_nothing(
    testblad, bunnik, tmp_path, capsys
):
    bestand = tmp_path / "fout.xlsx"
    call_command("agenda", "export", bunnik.slug, "--formaat", "xlsx", "-o", str(bestand))
    boek = openpyxl.load_workbook(bestand)
    boek[wp.BLAD]["B2"] = "Mag niet"
    boek[wp.BLAD]["C3"] = "Bakkerij"
    boek.save(bestand)
    with pytest.raises(CommandError, match="1 fout"):
        call_command("agenda", "import", str(bestand), "--agenda", bunnik.slug)
    assert "FOUT Testorganisaties, rij 3, kolom Sector" in capsys.readouterr().out
    assert not Organisatie.objects.filter(naam="Mag niet").exists()


def test_the_command_needs_an_existing_agenda_for_a_workbook(testblad, bunnik, tmp_path):
    bestand = tmp_path / "b.xlsx"
    call_command("agenda", "export", bunnik.slug, "--formaat", "xlsx", "-o", str(bestand))
    with pytest.raises(CommandError, match="geen agenda"):
        call_command("agenda", "import", str(bestand), "--agenda", "bestaat-niet")


def test_json_stays_the_default_format(bunnik, tmp_path):
    bestand = tmp_path / "bunnik.json"
    call_command("agenda", "export", bunnik.slug, "-o", str(bestand))
    assert bestand.read_text(encoding="utf-8").lstrip().startswith("{")


@pytest.mark.parametrize(
    "slug", ["bunnik-2025", "hilversum-2024", "houten-2024", "ijsselstein-2025", "westland-2022"]
)
def test_the_whole_workbook_of_each_demo_agenda_reads_back_without_a_change(slug, tmp_path, capsys):
    """Every registered sheet at once, as the beheerder downloads it, through the command."""
    bestand = tmp_path / f"{slug}.xlsx"
    call_command("agenda", "export", slug, "--formaat", "xlsx", "-o", str(bestand))
    call_command("agenda", "import", str(bestand), "--agenda", slug, "--proef")
    uit = capsys.readouterr().out
    assert "GEWIJZIGD" not in uit
    assert "NIEUW" not in uit
    assert "NIET IN HET BESTAND" not in uit
    assert "FOUT" not in uit
    assert "Acties: 0 nieuw, 0 gewijzigd" in uit
    assert "Begroting: 0 nieuw, 0 gewijzigd" in uit


def test_the_check_reports_its_progress_row_by_row(testblad, bunnik, anne):
    """The progress bar of a large file moves while the rows are compared, not only at the end."""
    boek = wp.export(bunnik, anne)
    for i in range(180):
        boek[wp.BLAD].append([None, f"Stichting {i}", "Kinderopvang", None, None])
    gemeld: list[tuple[int, int]] = []
    werkboek_lees(
        Context(agenda=bunnik, door=anne),
        wp.als_bytes(boek),
        namen=[wp.BLAD],
        melder=lambda klaar, totaal: gemeld.append((klaar, totaal)),
    )
    totaal = gemeld[-1][1]
    assert totaal >= 180
    assert gemeld[-1] == (totaal, totaal)
    tussenstanden = [klaar for klaar, _t in gemeld if 0 < klaar < totaal]
    assert len(tussenstanden) >= 3
    assert tussenstanden == sorted(tussenstanden)
