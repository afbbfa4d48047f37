"""The public marks on the Voortgang sheet: the export shows those of the latest update, a
chair's changed row becomes a public update when marked so, a wrong value is an error on its
cell that changes nothing, a workbook made before these columns still imports (not public),
and no import ever publishes the agenda."""

import datetime
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda, Publicatie
from lea.werkboek import (
    Context,
    Regel,
    Uitkomst,
    Voorbeeld,
    WerkboekFout,
    werkboek_lees,
    werkboek_pas_toe,
)
from lea.werkboek import werkboek_schrijf as schrijf
from tests.werkgroepen.werkboekproef import context_van
from werkgroepen.models import Actie, Voortgang, Werkgroep
from werkgroepen.services import voortgang_registreer
from werkgroepen.werkboek import VOORTGANG

pytestmark = pytest.mark.django_db

BESTAND = "voortgang.xlsx"
PUBLIEK = "Twee scholen doen mee."


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


def _context(agenda: Agenda, door: Any, werkgroep: Werkgroep | None = None) -> Context:
    return context_van(agenda, door, werkgroep, bestandsnaam=BESTAND)


class Blad:
    """The exported Voortgang sheet, to edit like a user in Excel: cells by action and header."""

    def __init__(self, context: Context, *, leeg: bool = False):
        self.boek = load_workbook(io.BytesIO(schrijf(context, namen=[VOORTGANG], leeg=leeg)))
        self.ws = self.boek[VOORTGANG]

    @property
    def koppen(self) -> list[Any]:
        return [c.value for c in self.ws[1]]

    def rij(self, actie: Actie) -> int:
        return next(
            r for r in range(2, self.ws.max_row + 1) if self.ws.cell(r, 1).value == actie.pk
        )

    def cel(self, actie: Actie, kop: str) -> Any:
        return self.ws.cell(self.rij(actie), self.koppen.index(kop) + 1)

    def zet(self, actie: Actie, **per_kop: Any) -> int:
        for kop, waarde in per_kop.items():
            self.cel(actie, kop.replace("_", " ")).value = waarde
        return self.rij(actie)

    def zonder(self, *koppen: str) -> None:
        """Leave columns out, as in a workbook made before they existed."""
        for kop in koppen:
            self.ws.delete_cols(self.koppen.index(kop) + 1)

    def bytes(self) -> bytes:
        uit = io.BytesIO()
        self.boek.save(uit)
        return uit.getvalue()


def _update(actie: Actie, *, openbaar: bool, openbare_tekst: str = "") -> Voortgang:
    return voortgang_registreer(
        actie=actie,
        door=None,
        datum=datetime.date(2025, 6, 1),
        status="lopend",
        rag_tijd="groen",
        rag_geld="groen",
        percentage=20,
        toelichting="Intern: de start verliep moeizaam.",
        openbaar=openbaar,
        openbare_tekst=openbare_tekst,
    )


def _stand(agenda: Agenda) -> list[tuple]:
    """What an import may touch, to show a refused one changed nothing."""
    return [
        *Voortgang.objects.filter(actie__agenda=agenda).order_by("pk").values_list(),
        *Actie.objects.filter(agenda=agenda).order_by("pk").values_list(),
    ]


def _rapporteer(blad: Blad, actie: Actie, **cellen: Any) -> int:
    """A new report of `actie` on the sheet (running, green on time and money), with `cellen`;
    its row."""
    return blad.zet(actie, Status="Lopend", RAG_tijd="Groen", RAG_geld="Groen", **cellen)


def _gewijzigd(voorbeeld: Voorbeeld) -> list[Regel]:
    return [r for r in voorbeeld.regels if r.uitkomst == Uitkomst.GEWIJZIGD]


def test_the_sheet_and_the_blank_template_have_the_columns_after_toelichting(
    bunnik, anne, tmp_path
):
    for blad in (Blad(_context(bunnik, anne)), Blad(_context(bunnik, anne), leeg=True)):
        koppen = blad.koppen
        plaats = koppen.index("Toelichting")
        assert koppen[plaats + 1 : plaats + 3] == ["Openbaar", "Openbare tekst"]
        # Openbaar is a ja/nee drop-down in the file itself.
        letter = chr(ord("A") + plaats + 1)
        lijsten = [
            dv.formula1 for dv in blad.ws.data_validations.dataValidation if letter in str(dv.sqref)
        ]
        assert lijsten == ['"ja,nee"']
    assert Blad(_context(bunnik, anne), leeg=True).ws.max_row == 1

    # The command's --leeg writes the same template.
    bestand = tmp_path / "sjabloon.xlsx"
    call_command("agenda", "export", bunnik.slug, "--formaat", "xlsx", "--leeg", "-o", str(bestand))
    koppen = [c.value for c in load_workbook(bestand)[VOORTGANG][1]]
    assert koppen[koppen.index("Toelichting") + 1 :][:2] == ["Openbaar", "Openbare tekst"]


def test_the_export_shows_the_marks_of_the_latest_update(bunnik, anne, actie_van_victor):
    andere = bunnik.acties.exclude(pk=actie_van_victor.pk).actief().first()
    _update(actie_van_victor, openbaar=False)
    _update(actie_van_victor, openbaar=True, openbare_tekst=PUBLIEK)  # the latest
    _update(andere, openbaar=True)
    blad = Blad(_context(bunnik, anne))
    assert (
        blad.cel(actie_van_victor, "Openbaar").value,
        blad.cel(actie_van_victor, "Openbare tekst").value,
    ) == ("ja", PUBLIEK)
    # An empty public text: the toelichting is what the public reads.
    assert blad.cel(andere, "Openbaar").value == "ja"
    assert not blad.cel(andere, "Openbare tekst").value
    zonder = bunnik.acties.actief().filter(voortgang__isnull=True).first()
    assert blad.cel(zonder, "Openbaar").value == "nee"
    # Read back as it is, it changes nothing.
    voorbeeld = werkboek_lees(_context(bunnik, anne), blad.bytes())
    assert not voorbeeld.heeft_fouten
    assert voorbeeld.aantal_wijzigingen == 0


def test_the_chair_marks_an_offline_update_public(
    client, bunnik, victor, werkgroep, actie_van_victor
):
    context = _context(bunnik, victor, werkgroep)
    blad = Blad(context)
    rij = _rapporteer(
        blad,
        actie_van_victor,
        Toelichting="Intern: twee scholen, de derde twijfelt.",
        Openbaar="Ja",
        Openbare_tekst=PUBLIEK,
    )
    voorbeeld = werkboek_lees(context, blad.bytes())
    assert not voorbeeld.heeft_fouten
    (regel,) = _gewijzigd(voorbeeld)
    assert regel.rij == rij
    wijzigingen = {w.kolom: (w.oud, w.nieuw) for w in regel.wijzigingen}
    assert wijzigingen["Openbaar"] == ("nee", "ja")
    assert wijzigingen["Openbare tekst"] == ("", PUBLIEK)
    assert regel.opmerkingen == [
        "De nieuwe rapportage is openbaar, met de openbare tekst, zodra de agenda gepubliceerd is."
    ]

    werkboek_pas_toe(context, blad.bytes(), vingerafdruk=voorbeeld.vingerafdruk())
    voortgang = actie_van_victor.voortgang.get()
    assert (voortgang.door, voortgang.openbaar, voortgang.openbare_tekst) == (victor, True, PUBLIEK)
    assert voortgang.toelichting == "Intern: twee scholen, de derde twijfelt."
    # Marking an update public never publishes the agenda.
    assert not Publicatie.objects.filter(agenda=bunnik, gepubliceerd_op__isnull=False).exists()
    assert client.get(reverse("openbaar_agenda", args=[bunnik.slug])).status_code == 404

    # The next export shows the marks, and reads back unchanged.
    opnieuw = Blad(context)
    assert opnieuw.cel(actie_van_victor, "Openbaar").value == "ja"
    assert opnieuw.cel(actie_van_victor, "Openbare tekst").value == PUBLIEK
    assert werkboek_lees(context, opnieuw.bytes()).aantal_wijzigingen == 0

    # A new toelichting under the kept public text: the preview warns that it may be stale.
    opnieuw.zet(actie_van_victor, Toelichting="Intern: de derde school haakt af.")
    (regel,) = _gewijzigd(werkboek_lees(context, opnieuw.bytes()))
    assert [w.kolom for w in regel.wijzigingen] == ["Toelichting"]
    assert any("nog die van de vorige rapportage" in o for o in regel.opmerkingen)


def test_an_empty_openbaar_cell_is_nee(bunnik, anne, actie_van_victor):
    _update(actie_van_victor, openbaar=True)
    context = _context(bunnik, anne)
    blad = Blad(context)
    blad.zet(actie_van_victor, Openbaar=None, Toelichting="Niet meer voor het publiek.")
    voorbeeld = werkboek_lees(context, blad.bytes())
    (regel,) = _gewijzigd(voorbeeld)
    assert ("Openbaar", "ja", "nee") in [(w.kolom, w.oud, w.nieuw) for w in regel.wijzigingen]
    werkboek_pas_toe(context, blad.bytes(), vingerafdruk=voorbeeld.vingerafdruk())
    assert actie_van_victor.voortgang.laatste().openbaar is False


@pytest.mark.parametrize("waarde", ["misschien", "0,5", "jaa"])
def test_a_wrong_openbaar_value_is_an_error_on_its_cell_and_changes_nothing(
    bunnik, victor, werkgroep, actie_van_victor, waarde
):
    context = _context(bunnik, victor, werkgroep)
    blad = Blad(context)
    rij = _rapporteer(blad, actie_van_victor, Toelichting="Gestart.", Openbaar=waarde)
    voorbeeld = werkboek_lees(context, blad.bytes())
    assert [(f.blad, f.rij, f.kolom, f.melding) for f in voorbeeld.fouten] == [
        (VOORTGANG, rij, "Openbaar", f"‘{waarde}’ is geen ja of nee; kies ja of nee uit de lijst.")
    ]
    voor = _stand(bunnik)
    with pytest.raises(WerkboekFout, match=f"rij {rij}, kolom Openbaar"):
        werkboek_pas_toe(context, blad.bytes())
    assert _stand(bunnik) == voor

    # Corrected (in any case), the same file applies.
    blad.zet(actie_van_victor, Openbaar="NEE")
    werkboek_pas_toe(context, blad.bytes())
    assert actie_van_victor.voortgang.get().openbaar is False


def test_a_workbook_made_before_the_columns_still_imports_and_is_not_public(
    bunnik, anne, actie_van_victor
):
    _update(actie_van_victor, openbaar=True, openbare_tekst=PUBLIEK)
    context = _context(bunnik, anne)
    blad = Blad(context)
    blad.zonder("Openbaar", "Openbare tekst")
    assert "Openbaar" not in blad.koppen

    # Unchanged rows stay unchanged, though the latest update of one is public.
    voorbeeld = werkboek_lees(context, blad.bytes())
    assert not voorbeeld.heeft_fouten
    assert voorbeeld.aantal_wijzigingen == 0

    blad.zet(actie_van_victor, Toelichting="Bijgewerkt in een oud bestand.")
    voorbeeld = werkboek_lees(context, blad.bytes())
    (regel,) = _gewijzigd(voorbeeld)
    assert [w.kolom for w in regel.wijzigingen] == ["Toelichting"]
    assert any("geen kolom Openbaar" in o for o in regel.opmerkingen)
    werkboek_pas_toe(context, blad.bytes(), vingerafdruk=voorbeeld.vingerafdruk())
    laatste = actie_van_victor.voortgang.laatste()
    assert (laatste.toelichting, laatste.openbaar, laatste.openbare_tekst) == (
        "Bijgewerkt in een oud bestand.",
        False,
        "",
    )
