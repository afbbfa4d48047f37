"""The sheets Indicatoren and Metingen.

The links of an indicator to nodes and intended results (many-to-many) are shown for
orientation and not read back: an import leaves them as they are, and a new indicator has none
until the beheerder links it in LEA. A measurement names its indicator by name, so a new
indicator on the Indicatoren sheet can be measured on the Metingen sheet of the same file.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Max

from ambities.selectors import knooplabels
from lea import werkboek
from lea.services import bewaar
from lea.werkboek import BEDRAG, DATUM, GEHEEL, LANG, Blad, Context, Kolom, Regel, Rij, regel_voor
from monitoring.models import Bron, Indicator, IndicatorSoort, Meting, Richting
from monitoring.services.cijfers import indicator_bewaar
from monitoring.werkboek import gemeen as g
from monitoring.werkboek.scholen import schoollabels

# --- Indicatoren ----------------------------------------------------------------------------

INDICATOREN = "Indicatoren"
I_ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Laat leeg voor een nieuwe indicator.")
I_NAAM = Kolom("naam", "Naam", 45, uitleg="Het blad Metingen verwijst naar deze naam.")
I_SOORT = Kolom("soort", "Soort", 30, lijst="indicatorsoorten")
I_EENHEID = Kolom(
    "eenheid",
    "Eenheid",
    14,
    uitleg="Bv. ‘%’ of ‘kinderen’. Alleen zonder eenheid of met een eenheid in punten kan een "
    "waarde negatief zijn.",
)
I_BRON = Kolom("bron", "Bron", 26, lijst="indicatorbronnen")
I_RICHTING = Kolom("richting", "Gewenste richting", 18, lijst="indicatorrichtingen")
I_BASIS = Kolom("basiswaarde", "Basiswaarde", 13, BEDRAG, uitleg="De huidige situatie.")
I_BASISDATUM = Kolom("basisdatum", "Basisdatum", 13, DATUM)
I_BASISTEKST = Kolom("basis_tekst", "Basis (zoals beschreven)", 40, LANG)
I_STREEF = Kolom("streefwaarde", "Streefwaarde", 13, BEDRAG)
I_STREEFJAAR = Kolom("streefjaar", "Streefjaar", 11, GEHEEL)
I_STREEFTEKST = Kolom("streef_tekst", "Streven (zoals beschreven)", 40, LANG)
I_KNOPEN = Kolom(
    "knopen",
    "Gekoppeld aan",
    34,
    alleen_lezen=True,
    uitleg="Ter informatie; wordt niet ingelezen. Koppel een indicator aan de doelenboom in LEA.",
)
I_TOELICHTING = Kolom("toelichting", "Toelichting", 50, LANG)
I_KOLOMMEN = (
    I_ID,
    I_NAAM,
    I_SOORT,
    I_EENHEID,
    I_BRON,
    I_RICHTING,
    I_BASIS,
    I_BASISDATUM,
    I_BASISTEKST,
    I_STREEF,
    I_STREEFJAAR,
    I_STREEFTEKST,
    I_KNOPEN,
    I_TOELICHTING,
)

# Choice fields: the sheet shows the Dutch label, the model stores the value.
KEUZES = {
    "soort": (IndicatorSoort, IndicatorSoort.PRESTATIE),
    "bron": (Bron, Bron.EIGEN),
    "richting": (Richting, Richting.OMHOOG),
}


def _label(veld: str, waarde: str) -> str:
    return str(dict(KEUZES[veld][0].choices).get(waarde, waarde))


def _waarde(veld: str, label: str) -> str:
    keuzes, standaard = KEUZES[veld]
    return next((str(w) for w, t in keuzes.choices if t == label), str(standaard))


def _actief(context: Context) -> Any:
    return Indicator.objects.filter(agenda=context.agenda, gearchiveerd=False)


def _indicator_rij(indicator: Indicator, knopen: dict[Any, str]) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "naam": indicator.naam,
        "soort": _label("soort", indicator.soort),
        "eenheid": indicator.eenheid,
        "bron": _label("bron", indicator.bron),
        "richting": _label("richting", indicator.richting),
        "basiswaarde": indicator.basiswaarde,
        "basisdatum": indicator.basisdatum,
        "basis_tekst": indicator.basis_tekst,
        "streefwaarde": indicator.streefwaarde,
        "streefjaar": indicator.streefjaar,
        "streef_tekst": indicator.streef_tekst,
        "knopen": "; ".join(knopen[k.pk] for k in indicator.knopen.all() if k.pk in knopen),
        "toelichting": indicator.toelichting,
    }


def _knoopnamen(context: Context) -> dict[Any, str]:
    """The labels of the nodes an indicator may be linked to: the active ones, and archived
    ones an active indicator is still linked to."""
    gekoppeld = _actief(context).filter(knopen__isnull=False).values_list("knopen", flat=True)
    return werkboek.per_pk(knooplabels(context.agenda, ook=gekoppeld))


def indicatoren_rijen(context: Context) -> list[dict[str, Any]]:
    knopen = _knoopnamen(context)
    return [_indicator_rij(i, knopen) for i in _actief(context).prefetch_related("knopen")]


def indicatoren_lijsten(context: Context) -> dict[str, list[str]]:
    return {
        "indicatorsoorten": [str(t) for _, t in IndicatorSoort.choices],
        "indicatorbronnen": [str(t) for _, t in Bron.choices],
        "indicatorrichtingen": [str(t) for _, t in Richting.choices],
    }


def indicatoren_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    agenda = context.agenda
    actief = {i.pk: i for i in _actief(context).prefetch_related("knopen")}
    knopen = _knoopnamen(context)
    volgorde = Indicator.objects.filter(agenda=agenda).aggregate(m=Max("volgorde"))["m"] or 0
    gelezen: list[tuple[Rij, dict[str, Any] | None, Indicator]] = []
    for rij in rijen:
        bestaand = g.zoek(
            rij,
            I_ID,
            actief,
            Indicator.objects.filter(agenda=agenda),
            "indicator",
            "is een gearchiveerde indicator",
        )
        # The old values are taken before the row's values go onto the (fetched) object.
        oud = (
            werkboek.zoals_gelezen(I_KOLOMMEN, _indicator_rij(bestaand, knopen))
            if bestaand
            else None
        )
        if bestaand is None:
            volgorde += 1
        indicator = bestaand or Indicator(agenda=agenda, volgorde=volgorde)
        for veld in ("soort", "bron", "richting"):
            rij.waarden[veld] = rij[veld] or _label(veld, str(KEUZES[veld][1]))
            setattr(indicator, veld, _waarde(veld, rij[veld]))
        for veld in ("naam", "eenheid", "basis_tekst", "streef_tekst", "toelichting"):
            setattr(indicator, veld, rij[veld])
        for veld in ("basiswaarde", "basisdatum", "streefwaarde", "streefjaar"):
            setattr(indicator, veld, rij[veld])
        werkboek.verplicht(rij, I_NAAM, "Vul de naam van de indicator in.")
        g.jaar_zinnig(rij, I_STREEFJAAR)
        werkboek.controleer(rij, indicator, I_KOLOMMEN, overig=I_NAAM, oud=oud)
        gelezen.append((rij, oud, indicator))
    # Metingen name their indicator: a new or renamed one may not take a name already in use.
    in_bestand = {rij["id"] for rij in rijen}
    namen = [i.naam.lower() for pk, i in actief.items() if pk not in in_bestand]
    namen += [i.naam.lower() for _, _, i in gelezen]
    regels = []
    for rij, oud, indicator in gelezen:
        hernoemd = oud is None or oud["naam"] != indicator.naam
        if indicator.naam and hernoemd and namen.count(indicator.naam.lower()) > 1:
            rij.fout(
                I_NAAM,
                f"Er is al een indicator ‘{indicator.naam}’; het blad Metingen verwijst naar de "
                "naam, dus kies een andere naam.",
            )
        regels.append(
            regel_voor(
                rij,
                wat=f"Indicator ‘{indicator.naam}’",
                oud=oud,
                nieuw=rij.waarden,
                kolommen=I_KOLOMMEN,
                pas_toe=_indicator_bewaren(indicator, context.door),
            )
        )
    # For the Metingen sheet: every name it may use, the new ones included.
    labels: dict[str, Indicator] = werkboek.uniek(actief.values(), lambda i: i.naam)
    for _, oud, indicator in gelezen:
        if indicator.naam and (oud is None or oud["naam"] != indicator.naam):
            labels[indicator.naam] = indicator
    context.gedeeld[g.INDICATOREN] = labels
    return regels + werkboek.ontbrekend(
        INDICATOREN, actief.values(), rijen, lambda i: f"Indicator ‘{i.naam}’"
    )


def _indicator_bewaren(indicator: Indicator, door: Any) -> Any:
    def pas_toe() -> None:
        knopen = list(indicator.knopen.all()) if indicator.pk else []
        indicator_bewaar(indicator=indicator, knopen=knopen, door=door)

    return pas_toe


BLAD_INDICATOREN = Blad(
    INDICATOREN,
    I_KOLOMMEN,
    indicatoren_rijen,
    indicatoren_lees,
    indicatoren_lijsten,
    uitleg="De indicatoren van de agenda, met huidige situatie en streven.",
)

# --- Metingen -------------------------------------------------------------------------------

METINGEN = "Metingen"
M_ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Laat leeg voor een nieuwe meting.")
M_INDICATOR = Kolom(
    "indicator",
    "Indicator",
    45,
    lijst="indicatoren",
    uitleg="De naam van de indicator; ook een nieuwe indicator van het blad Indicatoren.",
)
M_JAAR = Kolom("jaar", "Jaar", 8, GEHEEL)
M_DATUM = Kolom(
    "datum", "Gemeten op", 13, DATUM, uitleg="Leeg als de meting een heel jaar beslaat."
)
M_WAARDE = Kolom("waarde", "Waarde", 12, BEDRAG)
M_SCHOOL = Kolom(
    "school",
    "School",
    30,
    lijst="scholen",
    uitleg="Leeg voor de hele gemeente. Een school die dit bestand pas toevoegt (blad Scholen), "
    "kiest u na het inlezen.",
)
M_BRON = Kolom("bron", "Bron", 30, uitleg="Waar de waarde vandaan komt (rapport, link).")
M_TOELICHTING = Kolom("toelichting", "Toelichting", 40)
M_KOLOMMEN = (M_ID, M_INDICATOR, M_JAAR, M_DATUM, M_WAARDE, M_SCHOOL, M_BRON, M_TOELICHTING)
M_CONSTRAINTS = {"meting_een_per_jaar_per_school": M_JAAR, "meting_een_per_jaar_gemeente": M_JAAR}


def _metingen(context: Context) -> Any:
    return (
        Meting.objects.filter(indicator__agenda=context.agenda, indicator__gearchiveerd=False)
        .select_related("indicator", "school")
        .order_by("indicator__volgorde", "indicator_id", "jaar", "school__naam", "pk")
    )


def indicatorlabels(context: Context) -> dict[str, Indicator]:
    """The agenda's active indicators by name."""
    return werkboek.uniek(_actief(context), lambda i: i.naam)


def _meetbare_indicatoren(context: Context) -> dict[str, Indicator]:
    """The indicators a measurement may name: those the Indicatoren sheet of this file read
    (new and renamed ones included), else the agenda's."""
    return g.gedeeld(context, g.INDICATOREN, indicatorlabels)


def _meting_rij(meting: Meting, indicatoren: dict[Any, str], scholen: dict[Any, str]) -> dict:
    return {
        "id": meting.pk,
        "indicator": indicatoren.get(meting.indicator_id, meting.indicator.naam),
        "jaar": meting.jaar,
        "datum": meting.datum,
        "waarde": meting.waarde,
        "school": scholen.get(meting.school_id, meting.school.naam) if meting.school else "",
        "bron": meting.bron,
        "toelichting": meting.toelichting,
    }


def metingen_rijen(context: Context) -> list[dict[str, Any]]:
    indicatoren = werkboek.per_pk(indicatorlabels(context))
    scholen = werkboek.per_pk(schoollabels(context))
    return [_meting_rij(m, indicatoren, scholen) for m in _metingen(context)]


def metingen_lijsten(context: Context) -> dict[str, list[str]]:
    return {
        "indicatoren": list(_meetbare_indicatoren(context)),
        "scholen": list(schoollabels(context)),
    }


def metingen_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    agenda = context.agenda
    actief = {m.pk: m for m in _metingen(context)}
    indicatornamen = werkboek.per_pk(indicatorlabels(context))
    indicatoren = _meetbare_indicatoren(context)
    scholen = schoollabels(context)
    schoolnamen = werkboek.per_pk(scholen)
    sleutels: dict[tuple[int, Any, Any], int] = {}
    regels = []
    for rij in rijen:
        bestaand = g.zoek(
            rij,
            M_ID,
            actief,
            Meting.objects.filter(indicator__agenda=agenda),
            "meting",
            "hoort bij een gearchiveerde indicator",
        )
        oud = (
            werkboek.zoals_gelezen(M_KOLOMMEN, _meting_rij(bestaand, indicatornamen, schoolnamen))
            if bestaand
            else None
        )
        werkboek.verplicht(rij, M_INDICATOR, "Kies de indicator.")
        werkboek.verplicht(rij, M_JAAR, "Vul het jaar van de meting in.")
        werkboek.verplicht(rij, M_WAARDE, "Vul de waarde in.")
        g.jaar_zinnig(rij, M_JAAR)
        indicator = indicatoren.get(rij["indicator"]) if rij["indicator"] else None
        school = scholen.get(rij["school"]) if rij["school"] else None
        if (
            school is not None
            and school.gearchiveerd
            and (not bestaand or bestaand.school != school)
        ):
            rij.fout(M_SCHOOL, f"School ‘{school.naam}’ is gearchiveerd; kies een andere school.")
        meting = bestaand or Meting()
        if bestaand and oud and indicator is not None and indicator.pk == bestaand.indicator_id:
            rij.waarden["indicator"] = oud["indicator"]  # the same indicator, by another name
        if indicator is not None:
            meting.indicator = indicator
        meting.school = school
        for veld in ("jaar", "datum", "waarde", "bron", "toelichting"):
            setattr(meting, veld, rij[veld])
        if indicator is not None:
            sleutel = (id(indicator), rij["jaar"], school.pk if school else None)
            if rij["jaar"] is not None and sleutel in sleutels:
                rij.fout(
                    M_JAAR,
                    f"Rij {sleutels[sleutel]} heeft al een meting van deze indicator in "
                    f"{rij['jaar']} ({school.naam if school else 'hele gemeente'}).",
                )
            sleutels.setdefault(sleutel, rij.nummer)
            nieuwe_indicator = indicator.pk is None
            werkboek.controleer(
                rij,
                meting,
                M_KOLOMMEN,
                constraints=M_CONSTRAINTS,
                exclude=["indicator"] if nieuwe_indicator else [],
                overig=M_WAARDE,
                oud=oud,
            )
        naam = indicator.naam if indicator is not None else rij["indicator"]
        regels.append(
            regel_voor(
                rij,
                wat=f"Meting ‘{naam}’ {rij['jaar'] or ''}".rstrip()
                + (f" ({school.naam})" if school else ""),
                oud=oud,
                nieuw=rij.waarden,
                kolommen=M_KOLOMMEN,
                pas_toe=_meting_bewaren(meting, indicator, context.door),
            )
        )
    g.vergeet(context, g.INDICATOREN)
    return regels + werkboek.ontbrekend(
        METINGEN, actief.values(), rijen, lambda m: f"Meting ‘{m.indicator.naam}’ {m.jaar}"
    )


def _meting_bewaren(meting: Meting, indicator: Indicator | None, door: Any) -> Any:
    def pas_toe() -> None:
        assert indicator is not None  # a row without an indicator has an error: not applied
        meting.indicator = indicator  # a new indicator is saved by now: take its key
        bewaar(meting, door=door)

    return pas_toe


BLAD_METINGEN = Blad(
    METINGEN,
    M_KOLOMMEN,
    metingen_rijen,
    metingen_lees,
    metingen_lijsten,
    uitleg="De metingen per indicator en jaar, voor de hele gemeente of één school.",
)
