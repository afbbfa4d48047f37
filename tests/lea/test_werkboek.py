"""The workbook mechanics of the core: writing, reading back, the preview, the all-or-nothing
apply with its history, the kept import in the browser and on the command line.

The mechanics are tested on a sheet of organisations that only this module registers; the
real sheets (actions, progress, figures, budget) are tested in their apps.
"""

import io
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from lea import werkboek
from lea.models import ImportStatus, Organisatie, Sector, Werkboekimport
from lea.services import bewaar
from lea.services import werkboek as werkboek_services
from lea.werkboek import (
    DATUM,
    GEHEEL,
    Blad,
    Context,
    Kolom,
    Uitkomst,
    WerkboekFout,
    regel_voor,
    werkboek_lees,
    werkboek_pas_toe,
    werkboek_schrijf,
)

pytestmark = pytest.mark.django_db

BLAD = "Testorganisaties"
KOLOMMEN = (
    Kolom("id", "ID", 8, soort=GEHEEL),
    Kolom("naam", "Naam", 40),
    Kolom("sector", "Sector", 20, lijst="sectoren"),
    Kolom("peildatum", "Peildatum", 14, soort=DATUM),
    Kolom("aantal", "Aantal acties", 10, alleen_lezen=True),
)


def _rijen(context: Context):
    for o in Organisatie.objects.filter(agenda=context.agenda).order_by("pk"):
        yield {"id": o.pk, "naam": o.naam, "sector": o.get_sector_display(), "aantal": 3}


def _lees(context: Context, rijen: list[werkboek.Rij]) -> list[werkboek.Regel]:
    bestaand = {o.pk: o for o in Organisatie.objects.filter(agenda=context.agenda)}
    naar_waarde = {label: waarde for waarde, label in Sector.choices}
    regels, gezien = [], set()
    for rij in rijen:
        obj = None
        if rij["id"] is not None:
            obj = bestaand.get(rij["id"])
            if obj is None:
                rij.fout("ID", f"ID {rij['id']} is geen organisatie van deze agenda.")
            gezien.add(rij["id"])
        if not rij["naam"]:
            rij.fout("Naam", "De naam ontbreekt.")
        nieuw = {"naam": rij["naam"], "sector": rij["sector"]}
        oud = obj and {"naam": obj.naam, "sector": obj.get_sector_display()}

        def pas_toe(obj=obj, rij=rij):
            doel = obj or Organisatie(agenda=context.agenda)
            doel.naam = rij["naam"]
            doel.sector = naar_waarde.get(rij["sector"], Sector.OVERIG)
            bewaar(doel, door=context.door)

        regels.append(
            regel_voor(
                rij, wat=rij["naam"], oud=oud, nieuw=nieuw, kolommen=KOLOMMEN, pas_toe=pas_toe
            )
        )
    for pk, obj in bestaand.items():
        if pk not in gezien:
            regels.append(werkboek.Regel(BLAD, None, Uitkomst.ONTBREEKT, obj.naam))
    return regels


@pytest.fixture
def testblad():
    blad = Blad(
        naam=BLAD,
        kolommen=KOLOMMEN,
        rijen=_rijen,
        lees=_lees,
        lijsten=lambda context: {"sectoren": [label for _w, label in Sector.choices]},
    )
    werkboek._BLADEN.append(blad)
    yield blad
    werkboek._BLADEN.remove(blad)


def _boek(inhoud: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(inhoud))


def _bytes(boek: openpyxl.Workbook) -> bytes:
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _export(bunnik, anne) -> openpyxl.Workbook:
    return _boek(werkboek_schrijf(Context(agenda=bunnik, door=anne), namen=[BLAD]))


# --- the file ---------------------------------------------------------------------------------


def test_the_export_is_a_workbook_a_user_can_fill_in(testblad, bunnik, anne):
    boek = _export(bunnik, anne)
    ws = boek[BLAD]
    assert [c.value for c in ws[1]] == [k.kop for k in KOLOMMEN]
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width == 40
    assert ws["A1"].font.bold
    organisaties = list(Organisatie.objects.filter(agenda=bunnik).order_by("pk"))
    assert ws.max_row == len(organisaties) + 1
    assert ws["A2"].value == organisaties[0].pk
    assert ws["B2"].value == organisaties[0].naam
    # The drop-down for the sector reads the hidden list sheet.
    assert boek["Lijsten"].sheet_state == "hidden"
    validaties = ws.data_validations.dataValidation
    assert len(validaties) == 1
    assert validaties[0].type == "list"
    assert validaties[0].formula1.startswith("'Lijsten'!$A$2")
    assert "C2" in str(validaties[0].sqref)
    lijst = [c.value for c in boek["Lijsten"]["A"]][1:]
    assert lijst == [label for _w, label in Sector.choices]


def test_the_blank_template_has_the_headers_and_lists_but_no_rows(testblad, bunnik, anne):
    boek = _boek(werkboek_schrijf(Context(agenda=bunnik, door=anne), namen=[BLAD], leeg=True))
    ws = boek[BLAD]
    assert ws.max_row == 1
    assert [c.value for c in ws[1]] == [k.kop for k in KOLOMMEN]
    assert ws.data_validations.dataValidation


# --- the preview -----------------------------------------------------------------------------


def test_an_unchanged_export_reads_back_as_unchanged(testblad, bunnik, anne):
    inhoud = werkboek_schrijf(Context(agenda=bunnik, door=anne), namen=[BLAD])
    voorbeeld = werkboek_lees(Context(agenda=bunnik, door=anne), inhoud, namen=[BLAD])
    assert not voorbeeld.heeft_fouten
    assert {r.uitkomst for r in voorbeeld.regels} == {Uitkomst.ONGEWIJZIGD}
    assert voorbeeld.aantal_wijzigingen == 0


def test_the_preview_shows_new_changed_missing_and_errors_with_row_and_column(
    testblad, bunnik, anne
):
    boek = _export(bunnik, anne)
    ws = boek[BLAD]
    eerste = ws["B2"].value
    ws["B2"] = "Nieuwe naam"
    ws.delete_rows(3)  # the second organisation: missing from the file
    ws.append([None, "Stichting Nieuw", "Kinderopvang", None, None])
    ws.append([None, "Datumfout", "Kinderopvang", "31-02-2025", None])
    ws.append([None, "Lijstfout", "Bakkerij", None, None])
    ws.append([ws["A4"].value, "Dubbel", "Kinderopvang", None, None])
    voorbeeld = werkboek_lees(Context(agenda=bunnik, door=anne), _bytes(boek), namen=[BLAD])

    per_rij = {r.rij: r for r in voorbeeld.regels}
    gewijzigd = per_rij[2]
    assert gewijzigd.uitkomst == Uitkomst.GEWIJZIGD
    assert [(w.kolom, w.oud, w.nieuw) for w in gewijzigd.wijzigingen] == [
        ("Naam", eerste, "Nieuwe naam")
    ]
    laatste = ws.max_row
    assert per_rij[laatste - 3].uitkomst == Uitkomst.NIEUW
    fouten = {(f.rij, f.kolom): f.melding for f in voorbeeld.fouten}
    assert fouten[(laatste - 2, "Peildatum")] == "‘31-02-2025’ is geen bestaande datum."
    assert "Bakkerij" in fouten[(laatste - 1, "Sector")]
    assert "kies uit de lijst" in fouten[(laatste - 1, "Sector")]
    assert "komt twee keer voor (ook in rij 4)" in fouten[(laatste, "ID")]
    ontbrekend = [r for r in voorbeeld.regels if r.uitkomst == Uitkomst.ONTBREEKT]
    assert len(ontbrekend) == 1
    assert str(voorbeeld.fouten[0]).startswith(f"{BLAD}, rij ")


def test_a_missing_column_is_an_error_of_the_header(testblad, bunnik, anne):
    boek = _export(bunnik, anne)
    boek[BLAD].delete_cols(3)  # Sector
    voorbeeld = werkboek_lees(Context(agenda=bunnik, door=anne), _bytes(boek), namen=[BLAD])
    assert [(f.rij, f.kolom) for f in voorbeeld.fouten] == [(1, "Sector")]
    assert not voorbeeld.regels


def test_a_read_only_column_may_be_left_out_and_is_never_read(testblad, bunnik, anne):
    boek = _export(bunnik, anne)
    boek[BLAD]["E2"] = "veranderd"
    voorbeeld = werkboek_lees(Context(agenda=bunnik, door=anne), _bytes(boek), namen=[BLAD])
    assert voorbeeld.aantal_wijzigingen == 0
    boek[BLAD].delete_cols(5)
    voorbeeld = werkboek_lees(Context(agenda=bunnik, door=anne), _bytes(boek), namen=[BLAD])
    assert not voorbeeld.heeft_fouten


@pytest.mark.parametrize(
    "inhoud",
    [b"", b"geen excel", b"PK\x03\x04 kapot", b"naam;sector\n"],
    ids=["leeg", "tekst", "kapotte-zip", "csv"],
)
def test_a_file_that_is_no_workbook_is_refused_in_dutch(bunnik, anne, inhoud):
    with pytest.raises(WerkboekFout, match="geen Excel-werkmap"):
        werkboek_lees(Context(agenda=bunnik, door=anne), inhoud)


def test_a_workbook_without_a_known_sheet_is_refused(bunnik, anne):
    boek = openpyxl.Workbook()
    boek.active.title = "Blad1"
    with pytest.raises(WerkboekFout, match="geen blad om in te lezen"):
        werkboek_lees(Context(agenda=bunnik, door=anne), _bytes(boek))


# --- applying ----------------------------------------------------------------------------------


def test_apply_writes_everything_with_history_via_import(testblad, bunnik, anne):
    boek = _export(bunnik, anne)
    ws = boek[BLAD]
    pk = ws["A2"].value
    ws["B2"] = "Gewijzigd via Excel"
    ws.append([None, "Stichting Nieuw", "Kinderopvang", None, None])
    context = Context(agenda=bunnik, door=anne, bestandsnaam="organisaties.xlsx")
    voorbeeld = werkboek_lees(context, _bytes(boek), namen=[BLAD])
    werkboek_pas_toe(context, _bytes(boek), namen=[BLAD], vingerafdruk=voorbeeld.vingerafdruk())

    gewijzigd = Organisatie.objects.get(pk=pk)
    assert gewijzigd.naam == "Gewijzigd via Excel"
    nieuw = Organisatie.objects.get(agenda=bunnik, naam="Stichting Nieuw")
    for obj in (gewijzigd, nieuw):
        laatste = obj.history.first()
        assert laatste.history_change_reason == "via import organisaties.xlsx"
        assert laatste.history_user == anne


def test_apply_is_all_or_nothing(testblad, bunnik, anne):
    """The second write fails (a name another organisation has): the first is undone too."""
    boek = _export(bunnik, anne)
    ws = boek[BLAD]
    ws["B2"] = "Eerst gewijzigd"
    ws["B3"] = ws["B4"].value  # a name that is taken: the model refuses it on save
    voor = list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam"))
    with pytest.raises(WerkboekFout, match=r"rij 3: .*Er is niets gewijzigd"):
        werkboek_pas_toe(
            Context(agenda=bunnik, door=anne, bestandsnaam="x.xlsx"), _bytes(boek), namen=[BLAD]
        )
    assert list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam")) == voor


def test_apply_refuses_a_workbook_with_errors(testblad, bunnik, anne):
    boek = _export(bunnik, anne)
    boek[BLAD]["B2"] = "Goed"
    boek[BLAD]["B3"] = None  # the name is required
    voor = list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam"))
    with pytest.raises(WerkboekFout, match="1 fout"):
        werkboek_pas_toe(Context(agenda=bunnik, door=anne), _bytes(boek), namen=[BLAD])
    assert list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam")) == voor


def test_apply_refuses_when_the_agenda_changed_since_the_preview(testblad, bunnik, anne):
    boek = _export(bunnik, anne)
    boek[BLAD]["B2"] = "Volgens het voorbeeld"
    context = Context(agenda=bunnik, door=anne)
    voorbeeld = werkboek_lees(context, _bytes(boek), namen=[BLAD])
    Organisatie.objects.create(agenda=bunnik, naam="Intussen toegevoegd")
    with pytest.raises(WerkboekFout, match="gewijzigd sinds het voorbeeld"):
        werkboek_pas_toe(context, _bytes(boek), namen=[BLAD], vingerafdruk=voorbeeld.vingerafdruk())
    assert not Organisatie.objects.filter(naam="Volgens het voorbeeld").exists()


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
    boek = _boek(antwoord.content)
    assert BLAD in boek.sheetnames
    oude_naam = boek[BLAD]["B2"].value
    boek[BLAD]["B2"] = "Via de browser"

    antwoord = _upload(client, reverse("excel_upload", args=[bunnik.slug]), _bytes(boek))
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
    boek = _export(bunnik, anne)
    boek[BLAD]["B2"] = "Zou mogen"
    boek[BLAD]["D3"] = "30-02-2026"
    _upload(client, reverse("excel_upload", args=[bunnik.slug]), _bytes(boek))
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
    boek = _export(bunnik, anne)
    boek[BLAD]["B2"] = "Groot bestand"
    with _geen_directe_controle(monkeypatch) as gezien:
        _upload(client, reverse("excel_upload", args=[bunnik.slug]), _bytes(boek))
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
    pk = boek[BLAD]["A2"].value
    boek[BLAD]["B2"] = "Via de opdrachtregel"
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
    boek[BLAD]["B2"] = "Mag niet"
    boek[BLAD]["C3"] = "Bakkerij"
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
    boek = _export(bunnik, anne)
    for i in range(180):
        boek[BLAD].append([None, f"Stichting {i}", "Kinderopvang", None, None])
    gemeld: list[tuple[int, int]] = []
    werkboek_lees(
        Context(agenda=bunnik, door=anne),
        _bytes(boek),
        namen=[BLAD],
        melder=lambda klaar, totaal: gemeld.append((klaar, totaal)),
    )
    totaal = gemeld[-1][1]
    assert totaal >= 180
    assert gemeld[-1] == (totaal, totaal)
    tussenstanden = [klaar for klaar, _t in gemeld if 0 < klaar < totaal]
    assert len(tussenstanden) >= 3
    assert tussenstanden == sorted(tussenstanden)
