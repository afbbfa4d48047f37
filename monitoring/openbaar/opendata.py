"""Open data: the public view's content as JSON and CSV, with the schema that documents both.

One description (BESTANDEN, the JSON schema) is the documentation: the page /openbaar/<slug>/data/
lists it, /openbaar/schema/agenda-1.json serves it, and the tests check the output against it.
A field is added here and in TOEGESTANE_VELDEN (inhoud.py), never in one place only.

The URLs stay as they are for as long as SCHEMA_VERSIE is 1; a change that breaks a reader
(a field removed or changed in meaning) gets a new version number and new schema address.
"""

import csv
import datetime
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

SCHEMA_VERSIE = 1
SCHEMA_PAD = f"/openbaar/schema/agenda-{SCHEMA_VERSIE}.json"


def _waarde(waarde: Any) -> Any:
    """Dates as ISO 8601, amounts and measurements as numbers."""
    if isinstance(waarde, datetime.date):
        return waarde.isoformat()
    if isinstance(waarde, Decimal):
        return int(waarde) if waarde == waarde.to_integral_value() else float(waarde)
    return waarde


def _schoon(inhoud: Any) -> Any:
    """The content without what only the page needs (the charts' SVG), in JSON's own types."""
    if isinstance(inhoud, dict):
        return {k: _schoon(v) for k, v in inhoud.items() if k != "grafiek"}
    if isinstance(inhoud, list):
        return [_schoon(v) for v in inhoud]
    return _waarde(inhoud)


def absoluut(pad: str) -> str:
    return settings.LEA_BASIS_URL + pad


def als_json(inhoud: dict[str, Any], gewijzigd_op: datetime.datetime) -> bytes:
    """The whole public content of an agenda as one JSON document."""
    document = {
        "schema": absoluut(SCHEMA_PAD),
        "bron": absoluut(f"/openbaar/{inhoud['slug']}/"),
        "gewijzigd_op": gewijzigd_op.isoformat(timespec="seconds"),
        **_schoon(inhoud),
    }
    for rapport in document["rapporten"]:
        rapport["url"] = absoluut(rapport["url"])
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


@dataclass(frozen=True)
class Kolom:
    naam: str
    uitleg: str


@dataclass(frozen=True)
class Bestand:
    """One CSV file of an agenda's open data: its columns and how its rows are read."""

    naam: str
    titel: str
    uitleg: str
    kolommen: tuple[Kolom, ...]
    rijen: Callable[[dict[str, Any]], Iterator[tuple[Any, ...]]]


def _acties(a: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    for k in a["knopen"]:
        for knoop, ouder in [(k, None)] + [(kind, k) for kind in k["kinderen"]]:
            boven = ouder or knoop
            for actie in knoop["acties"]:
                voortgang = actie["voortgang"] or {}
                yield (
                    boven["code"],
                    boven["titel"],
                    knoop["code"] if ouder else "",
                    knoop["titel"] if ouder else "",
                    actie["id"],
                    actie["code"],
                    actie["titel"],
                    actie["status"],
                    actie["percentage"],
                    voortgang.get("datum", ""),
                    voortgang.get("tekst", ""),
                )


def _metingen(a: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    for i in a["indicatoren"]:
        for m in i["metingen"]:
            yield (i["id"], i["naam"], i["eenheid"], i["richting"], m["jaar"], m["waarde"])


def _begroting(a: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    b = a["begroting"]
    if not b:
        return
    for regel in [
        *b["regels"],
        {"groep": "", "naam": "Totaal", "soort": "totaal", "bedragen": b["totaal"]},
    ]:
        for bedrag in regel["bedragen"]:
            yield (regel["groep"], regel["naam"], regel["soort"], bedrag["jaar"], bedrag["bedrag"])


def _besluiten(a: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    for b in a["besluiten"]:
        yield (b["id"], b["datum"], b["orgaan"], b["tekst"])


def _rapporten(a: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    for r in a["rapporten"]:
        yield (r["id"], r["titel"], r["jaar"], absoluut(r["url"]))


BESTANDEN = (
    Bestand(
        "acties",
        "Acties",
        "Eén regel per actie, met het doel waar zij onder valt en de laatste openbare voortgang.",
        (
            Kolom("doel_code", "Code van het doel op niveau 1 (kan leeg zijn)."),
            Kolom("doel", "Titel van het doel op niveau 1."),
            Kolom(
                "subdoel_code",
                "Code van het subdoel op niveau 2; leeg als de actie direct onder het doel valt.",
            ),
            Kolom("subdoel", "Titel van het subdoel op niveau 2; leeg als er geen is."),
            Kolom("actie_id", "Vast nummer van de actie in LEA."),
            Kolom("code", "Code van de actie (kan leeg zijn)."),
            Kolom("titel", "Titel van de actie."),
            Kolom("status", "Gepland, Lopend, Afgerond, Uitgesteld of Gestopt."),
            Kolom("percentage", "Hoeveel procent klaar is (0 tot en met 100)."),
            Kolom(
                "voortgang_datum",
                "Datum van de laatste openbare voortgang (JJJJ-MM-DD); leeg als er geen is.",
            ),
            Kolom(
                "voortgang_tekst", "Tekst van de laatste openbare voortgang; leeg als er geen is."
            ),
        ),
        _acties,
    ),
    Bestand(
        "cijfers",
        "Cijfers",
        "Eén regel per meting van een indicator, voor de hele gemeente "
        "(zonder cijfers per school).",
        (
            Kolom("indicator_id", "Vast nummer van de indicator in LEA."),
            Kolom("indicator", "Naam van de indicator."),
            Kolom("eenheid", "Eenheid van de waarde, bijvoorbeeld % (kan leeg zijn)."),
            Kolom("richting", "Of een hogere of een lagere waarde beter is."),
            Kolom("jaar", "Jaar van de meting."),
            Kolom("waarde", "Gemeten waarde, met een punt als decimaalteken."),
        ),
        _metingen,
    ),
    Bestand(
        "begroting",
        "Begroting",
        "De geplande bedragen per jaar, zo gedetailleerd als de gemeente heeft gekozen. "
        "Leeg als de gemeente de begroting niet openbaar maakt.",
        (
            Kolom(
                "groep", "Onderdeel van de begroting (een doel op niveau 1 of een andere groep)."
            ),
            Kolom("naam", "Naam van de regel, of 'Totaal …' voor het subtotaal van een onderdeel."),
            Kolom("soort", "regel, deel (onderdeel van een regel), subtotaal of totaal."),
            Kolom("jaar", "Begrotingsjaar."),
            Kolom("bedrag", "Gepland bedrag in euro, met een punt als decimaalteken."),
        ),
        _begroting,
    ),
    Bestand(
        "besluiten",
        "Besluiten",
        "De besluiten van de stuurgroep die openbaar zijn gemaakt, nieuwste eerst.",
        (
            Kolom("besluit_id", "Vast nummer van het besluit in LEA."),
            Kolom("datum", "Datum van de vergadering (JJJJ-MM-DD)."),
            Kolom("orgaan", "Naam van het overleg dat besloot."),
            Kolom("tekst", "Tekst van het besluit."),
        ),
        _besluiten,
    ),
    Bestand(
        "rapporten",
        "Rapporten",
        "De rapporten die openbaar zijn gemaakt, als pdf.",
        (
            Kolom("rapport_id", "Vast nummer van het rapport in LEA."),
            Kolom("titel", "Soort rapport."),
            Kolom("jaar", "Jaar waarover het rapport gaat."),
            Kolom("url", "Adres van de pdf."),
        ),
        _rapporten,
    ),
)
BESTAND = {b.naam: b for b in BESTANDEN}


def als_csv(bestand: Bestand, inhoud: dict[str, Any]) -> bytes:
    """One CSV file: RFC 4180, UTF-8, a comma between fields, a header row."""
    uit = io.StringIO()
    schrijver = csv.writer(uit, lineterminator="\r\n")
    schrijver.writerow([k.naam for k in bestand.kolommen])
    for rij in bestand.rijen(inhoud):
        schrijver.writerow(["" if v is None else _waarde(v) for v in rij])
    return uit.getvalue().encode()


# The JSON document's schema (JSON Schema 2020-12), served at SCHEMA_PAD.
def _tekst(uitleg: str) -> dict[str, Any]:
    return {"type": "string", "description": uitleg}


def _geheel(uitleg: str) -> dict[str, Any]:
    return {"type": "integer", "description": uitleg}


def _getal(uitleg: str) -> dict[str, Any]:
    return {"type": "number", "description": uitleg}


def _object(eigenschappen: dict[str, Any], uitleg: str = "", leeg: bool = False) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "type": ["object", "null"] if leeg else "object",
        "properties": eigenschappen,
        "required": list(eigenschappen),
        "additionalProperties": False,
    }
    if uitleg:
        schema["description"] = uitleg
    return schema


def _lijst(items: dict[str, Any], uitleg: str) -> dict[str, Any]:
    return {"type": "array", "items": items, "description": uitleg}


_AANTALLEN = _lijst(
    _object({"status": _tekst("Status."), "aantal": _geheel("Aantal acties met deze status.")}),
    "Aantal acties per status, de acties van de subdoelen meegeteld.",
)
_ACTIE = _object(
    {
        "id": _geheel("Vast nummer van de actie."),
        "code": _tekst("Code van de actie (kan leeg zijn)."),
        "titel": _tekst("Titel van de actie."),
        "status": _tekst("Gepland, Lopend, Afgerond, Uitgesteld of Gestopt."),
        "percentage": _geheel("Hoeveel procent klaar is (0 tot en met 100)."),
        "voortgang": _object(
            {
                "datum": {"type": "string", "format": "date", "description": "Rapportagedatum."},
                "tekst": _tekst("De openbare tekst."),
            },
            "De laatste openbare voortgang; null als er geen is.",
            leeg=True,
        ),
    }
)


def _knoop(kinderen: dict[str, Any]) -> dict[str, Any]:
    return _object(
        {
            "id": _geheel("Vast nummer van het doel."),
            "code": _tekst("Code (kan leeg zijn)."),
            "titel": _tekst("Titel."),
            "omschrijving": _tekst("Omschrijving (kan leeg zijn)."),
            "kinderen": kinderen,
            "acties": _lijst(_ACTIE, "De acties direct onder dit doel."),
            "aantallen": _AANTALLEN,
        }
    )


_BEDRAGEN = _lijst(
    _object({"jaar": _geheel("Jaar."), "bedrag": _getal("Bedrag in euro.")}),
    "Het bedrag per jaar.",
)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": SCHEMA_PAD,
    "title": "Openbare gegevens van een Lokale Educatieve Agenda",
    "description": "Wat de openbare weergave van een agenda toont, als één JSON-document.",
    **_object(
        {
            "schema": _tekst("Adres van dit schema."),
            "bron": _tekst("Adres van de openbare pagina."),
            "gewijzigd_op": _tekst("Moment van de laatste wijziging (ISO 8601)."),
            "gemeente": _tekst("Gemeente."),
            "titel": _tekst("Titel van de agenda."),
            "ondertitel": _tekst("Ondertitel (kan leeg zijn)."),
            "slug": _tekst("Korte naam in de adressen."),
            "inleiding": _tekst("Inleiding van de gemeente voor het publiek (kan leeg zijn)."),
            "periode": _tekst("Looptijd, bijvoorbeeld 2023–2026."),
            "niveau1_naam": _tekst("Hoe deze agenda een doel op niveau 1 noemt."),
            "niveau1_meervoud": _tekst("Meervoud daarvan."),
            "niveau2_naam": _tekst("Hoe deze agenda een doel op niveau 2 noemt (kan leeg zijn)."),
            "actie_naam": _tekst("Hoe deze agenda een actie noemt."),
            "actie_meervoud": _tekst("Meervoud daarvan."),
            "knopen": _lijst(
                _knoop(_lijst(_knoop({"type": "array", "maxItems": 0}), "Subdoelen op niveau 2.")),
                "De doelen op niveau 1, elk met hun subdoelen en acties.",
            ),
            "indicatoren": _lijst(
                _object(
                    {
                        "id": _geheel("Vast nummer van de indicator."),
                        "naam": _tekst("Naam."),
                        "eenheid": _tekst("Eenheid (kan leeg zijn)."),
                        "richting": _tekst("Of een hogere of een lagere waarde beter is."),
                        "samenvatting": _tekst("De ontwikkeling in één zin."),
                        "metingen": _lijst(
                            _object({"jaar": _geheel("Jaar."), "waarde": _getal("Waarde.")}),
                            "Metingen voor de hele gemeente, oudste eerst.",
                        ),
                    }
                ),
                "De indicatoren met hun metingen.",
            ),
            "begroting": _object(
                {
                    "soort": {
                        "enum": ["niveau1", "regel"],
                        "description": "Detail: per doel op niveau 1 of per regel.",
                    },
                    "jaren": _lijst(_geheel("Jaar."), "De begrotingsjaren."),
                    "regels": _lijst(
                        _object(
                            {
                                "groep": _tekst("Onderdeel."),
                                "naam": _tekst("Naam van de regel."),
                                "soort": {
                                    "enum": ["regel", "deel", "subtotaal"],
                                    "description": "Soort regel.",
                                },
                                "bedragen": _BEDRAGEN,
                            }
                        ),
                        "De regels.",
                    ),
                    "totaal": _BEDRAGEN,
                },
                "De geplande bedragen; null als de gemeente de begroting niet openbaar maakt.",
                leeg=True,
            ),
            "besluiten": _lijst(
                _object(
                    {
                        "id": _geheel("Vast nummer van het besluit."),
                        "datum": {
                            "type": "string",
                            "format": "date",
                            "description": "Datum van de vergadering.",
                        },
                        "orgaan": _tekst("Het overleg dat besloot."),
                        "tekst": _tekst("Tekst van het besluit."),
                    }
                ),
                "Openbare besluiten van de stuurgroep, nieuwste eerst.",
            ),
            "rapporten": _lijst(
                _object(
                    {
                        "id": _geheel("Vast nummer van het rapport."),
                        "titel": _tekst("Soort rapport."),
                        "jaar": _geheel("Jaar."),
                        "url": _tekst("Adres van de pdf."),
                    }
                ),
                "Openbare rapporten, nieuwste eerst.",
            ),
        }
    ),
}
