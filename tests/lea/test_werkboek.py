"""The workbook mechanics of the core: writing, reading back, the preview, the all-or-nothing
apply with its history. The kept import in the browser and on the command line:
test_werkboek_import.py.

The mechanics are tested on a sheet of organisations that only these tests register
(werkboekproef.py, the `testblad` fixture); the real sheets (actions, progress, figures,
budget) are tested in their apps.
"""

import openpyxl
import pytest

from lea.models import Organisatie, Sector
from lea.werkboek import (
    Context,
    Uitkomst,
    WerkboekFout,
    werkboek_lees,
    werkboek_pas_toe,
    werkboek_schrijf,
)
from tests.lea import werkboekproef as wp

pytestmark = pytest.mark.django_db

# --- the file ---------------------------------------------------------------------------------


def test_the_export_is_a_workbook_a_user_can_fill_in(testblad, bunnik, anne):
    boek = wp.export(bunnik, anne)
    ws = boek[wp.BLAD]
    assert [c.value for c in ws[1]] == [k.kop for k in wp.KOLOMMEN]
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
    boek = wp.boek(werkboek_schrijf(Context(agenda=bunnik, door=anne), namen=[wp.BLAD], leeg=True))
    ws = boek[wp.BLAD]
    assert ws.max_row == 1
    assert [c.value for c in ws[1]] == [k.kop for k in wp.KOLOMMEN]
    assert ws.data_validations.dataValidation


# --- the preview -----------------------------------------------------------------------------


def test_an_unchanged_export_reads_back_as_unchanged(testblad, bunnik, anne):
    inhoud = werkboek_schrijf(Context(agenda=bunnik, door=anne), namen=[wp.BLAD])
    voorbeeld = werkboek_lees(Context(agenda=bunnik, door=anne), inhoud, namen=[wp.BLAD])
    assert not voorbeeld.heeft_fouten
    assert {r.uitkomst for r in voorbeeld.regels} == {Uitkomst.ONGEWIJZIGD}
    assert voorbeeld.aantal_wijzigingen == 0


def test_the_preview_shows_new_changed_missing_and_errors_with_row_and_column(
    testblad, bunnik, anne
):
    boek = wp.export(bunnik, anne)
    ws = boek[wp.BLAD]
    eerste = ws["B2"].value
    ws["B2"] = "Nieuwe naam"
    ws.delete_rows(3)  # the second organisation: missing from the file
    ws.append([None, "Stichting Nieuw", "Kinderopvang", None, None])
    ws.append([None, "Datumfout", "Kinderopvang", "31-02-2025", None])
    ws.append([None, "Lijstfout", "Bakkerij", None, None])
    ws.append([ws["A4"].value, "Dubbel", "Kinderopvang", None, None])
    voorbeeld = werkboek_lees(
        Context(agenda=bunnik, door=anne), wp.als_bytes(boek), namen=[wp.BLAD]
    )

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
    assert str(voorbeeld.fouten[0]).startswith(f"{wp.BLAD}, rij ")


def test_a_missing_column_is_an_error_of_the_header(testblad, bunnik, anne):
    boek = wp.export(bunnik, anne)
    boek[wp.BLAD].delete_cols(3)  # Sector
    voorbeeld = werkboek_lees(
        Context(agenda=bunnik, door=anne), wp.als_bytes(boek), namen=[wp.BLAD]
    )
    assert [(f.rij, f.kolom) for f in voorbeeld.fouten] == [(1, "Sector")]
    assert not voorbeeld.regels


def test_a_read_only_column_may_be_left_out_and_is_never_read(testblad, bunnik, anne):
    boek = wp.export(bunnik, anne)
    boek[wp.BLAD]["E2"] = "veranderd"
    voorbeeld = werkboek_lees(
        Context(agenda=bunnik, door=anne), wp.als_bytes(boek), namen=[wp.BLAD]
    )
    assert voorbeeld.aantal_wijzigingen == 0
    boek[wp.BLAD].delete_cols(5)
    voorbeeld = werkboek_lees(
        Context(agenda=bunnik, door=anne), wp.als_bytes(boek), namen=[wp.BLAD]
    )
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
        werkboek_lees(Context(agenda=bunnik, door=anne), wp.als_bytes(boek))


# --- applying ----------------------------------------------------------------------------------


def test_apply_writes_everything_with_history_via_import(testblad, bunnik, anne):
    boek = wp.export(bunnik, anne)
    ws = boek[wp.BLAD]
    pk = ws["A2"].value
    ws["B2"] = "Gewijzigd via Excel"
    ws.append([None, "Stichting Nieuw", "Kinderopvang", None, None])
    context = Context(agenda=bunnik, door=anne, bestandsnaam="organisaties.xlsx")
    voorbeeld = werkboek_lees(context, wp.als_bytes(boek), namen=[wp.BLAD])
    werkboek_pas_toe(
        context, wp.als_bytes(boek), namen=[wp.BLAD], vingerafdruk=voorbeeld.vingerafdruk()
    )

    gewijzigd = Organisatie.objects.get(pk=pk)
    assert gewijzigd.naam == "Gewijzigd via Excel"
    nieuw = Organisatie.objects.get(agenda=bunnik, naam="Stichting Nieuw")
    for obj in (gewijzigd, nieuw):
        laatste = obj.history.first()
        assert laatste.history_change_reason == "via import organisaties.xlsx"
        assert laatste.history_user == anne


def test_apply_is_all_or_nothing(testblad, bunnik, anne):
    """The second write fails (a name another organisation has): the first is undone too."""
    boek = wp.export(bunnik, anne)
    ws = boek[wp.BLAD]
    ws["B2"] = "Eerst gewijzigd"
    ws["B3"] = ws["B4"].value  # a name that is taken: the model refuses it on save
    voor = list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam"))
    with pytest.raises(WerkboekFout, match=r"rij 3: .*Er is niets gewijzigd"):
        werkboek_pas_toe(
            Context(agenda=bunnik, door=anne, bestandsnaam="x.xlsx"),
            wp.als_bytes(boek),
            namen=[wp.BLAD],
        )
    assert list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam")) == voor


def test_apply_refuses_a_workbook_with_errors(testblad, bunnik, anne):
    boek = wp.export(bunnik, anne)
    boek[wp.BLAD]["B2"] = "Goed"
    boek[wp.BLAD]["B3"] = None  # the name is required
    voor = list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam"))
    with pytest.raises(WerkboekFout, match="1 fout"):
        werkboek_pas_toe(Context(agenda=bunnik, door=anne), wp.als_bytes(boek), namen=[wp.BLAD])
    assert list(Organisatie.objects.filter(agenda=bunnik).values_list("pk", "naam")) == voor


def test_apply_refuses_when_the_agenda_changed_since_the_preview(testblad, bunnik, anne):
    boek = wp.export(bunnik, anne)
    boek[wp.BLAD]["B2"] = "Volgens het voorbeeld"
    context = Context(agenda=bunnik, door=anne)
    voorbeeld = werkboek_lees(context, wp.als_bytes(boek), namen=[wp.BLAD])
    Organisatie.objects.create(agenda=bunnik, naam="Intussen toegevoegd")
    with pytest.raises(WerkboekFout, match="gewijzigd sinds het voorbeeld"):
        werkboek_pas_toe(
            context, wp.als_bytes(boek), namen=[wp.BLAD], vingerafdruk=voorbeeld.vingerafdruk()
        )
    assert not Organisatie.objects.filter(naam="Volgens het voorbeeld").exists()
