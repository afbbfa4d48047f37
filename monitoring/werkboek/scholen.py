"""The sheets Scholen, Schoolweging and VE-cijfers.

The schoolweging has a sheet of its own, a row per school and year, rather than a column per
year on Scholen: the headers of a sheet are fixed (the blank template cannot know the years),
and the list the CBS publishes each year - school, schoolweging - pastes in as rows.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from lea import werkboek
from lea.models import Organisatie
from lea.services import bewaar
from lea.werkboek import BEDRAG, GEHEEL, Blad, Context, Kolom, Regel, Rij, regel_voor
from monitoring.models import School, Schoolweging, VeCijfers
from monitoring.werkboek import gemeen as g


def schoollabels(context: Context) -> dict[str, School]:
    """The schools a row may name: the active ones, and archived ones a measurement of an
    active indicator still names (so that its row reads back as it was written)."""
    scholen = School.objects.filter(agenda=context.agenda).filter(
        Q(gearchiveerd=False) | Q(metingen__indicator__gearchiveerd=False)
    )
    return werkboek.uniek(scholen.distinct().order_by("naam"), lambda s: s.naam)


# --- Scholen --------------------------------------------------------------------------------

SCHOLEN = "Scholen"
S_ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Laat leeg voor een nieuwe school.")
S_NAAM = Kolom(
    "naam", "Naam", 36, uitleg="De bladen Metingen en Schoolweging verwijzen naar de naam."
)
S_BRIN = Kolom("brin", "BRIN/vestiging", 14)
S_BESTUUR = Kolom(
    "bestuur", "Bestuur", 36, lijst="schoolbesturen", uitleg="Het schoolbestuur, een organisatie."
)
S_LOCATIE = Kolom("locatie", "Locatie", 30, uitleg="Adres, kern of wijk van de school.")
S_KOLOMMEN = (S_ID, S_NAAM, S_BRIN, S_BESTUUR, S_LOCATIE)
S_CONSTRAINTS = {"school_naam_uniek": S_NAAM}


def _scholen(context: Context) -> Any:
    return School.objects.filter(agenda=context.agenda, gearchiveerd=False).select_related(
        "bestuur"
    )


def _besturen(context: Context) -> dict[str, Organisatie]:
    """The organisations a school's board may be: active ones, and any a school already has."""
    organisaties = Organisatie.objects.filter(agenda=context.agenda).filter(
        Q(gearchiveerd=False) | Q(scholen__agenda=context.agenda)
    )
    return werkboek.uniek(organisaties.distinct(), lambda o: o.naam)


def _school_rij(school: School, besturen: dict[Any, str]) -> dict[str, Any]:
    return {
        "id": school.pk,
        "naam": school.naam,
        "brin": school.brin,
        "bestuur": besturen.get(school.bestuur_id, "") if school.bestuur_id else "",
        "locatie": school.locatie,
    }


def scholen_rijen(context: Context) -> list[dict[str, Any]]:
    besturen = werkboek.per_pk(_besturen(context))
    return [_school_rij(s, besturen) for s in _scholen(context)]


def scholen_lijsten(context: Context) -> dict[str, list[str]]:
    return {"schoolbesturen": list(_besturen(context))}


def scholen_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    agenda = context.agenda
    actief = {s.pk: s for s in _scholen(context)}
    besturen = _besturen(context)
    bestuursnamen = werkboek.per_pk(besturen)
    namen: dict[str, int] = {}
    labels = schoollabels(context)
    regels = []
    for rij in rijen:
        bestaand = g.zoek(
            rij,
            S_ID,
            actief,
            School.objects.filter(agenda=agenda),
            "school",
            "is een gearchiveerde school",
        )
        oud = (
            werkboek.zoals_gelezen(S_KOLOMMEN, _school_rij(bestaand, bestuursnamen))
            if bestaand
            else None
        )
        school = bestaand or School(agenda=agenda)
        for veld in ("naam", "brin", "locatie"):
            setattr(school, veld, rij[veld])
        school.bestuur = besturen.get(rij["bestuur"]) if rij["bestuur"] else None
        werkboek.verplicht(rij, S_NAAM, "Vul de naam van de school in.")
        if rij["naam"]:
            if rij["naam"].lower() in namen:
                rij.fout(
                    S_NAAM, f"Rij {namen[rij['naam'].lower()]} heeft al een school met deze naam."
                )
            namen.setdefault(rij["naam"].lower(), rij.nummer)
        werkboek.controleer(
            rij, school, S_KOLOMMEN, constraints=S_CONSTRAINTS, overig=S_NAAM, oud=oud
        )
        if rij["naam"] and (oud is None or oud["naam"] != school.naam):
            labels[school.naam] = school  # the Schoolweging sheet may name it
        regels.append(
            regel_voor(
                rij,
                wat=f"School ‘{school.naam}’",
                oud=oud,
                nieuw=rij.waarden,
                kolommen=S_KOLOMMEN,
                pas_toe=_bewaren(school, context.door),
            )
        )
    context.gedeeld[g.SCHOLEN] = labels
    g.vergeet(context, g.INDICATOREN)
    return regels + werkboek.ontbrekend(
        SCHOLEN, actief.values(), rijen, lambda s: f"School ‘{s.naam}’"
    )


def _bewaren(obj: Any, door: Any) -> Any:
    def pas_toe() -> None:
        bewaar(obj, door=door)

    return pas_toe


BLAD_SCHOLEN = Blad(
    SCHOLEN,
    S_KOLOMMEN,
    scholen_rijen,
    scholen_lees,
    scholen_lijsten,
    uitleg="De scholen van de gemeente; hun schoolweging per jaar staat op het blad Schoolweging.",
)

# --- Schoolweging ---------------------------------------------------------------------------

SCHOOLWEGING = "Schoolweging"
W_ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Laat leeg voor een nieuwe schoolweging.")
W_SCHOOL = Kolom(
    "school", "School", 36, lijst="scholen", uitleg="Ook een nieuwe school van het blad Scholen."
)
W_JAAR = Kolom("jaar", "Jaar", 8, GEHEEL)
W_WAARDE = Kolom(
    "waarde", "Schoolweging", 13, BEDRAG, uitleg="Zoals het CBS die publiceert (ongeveer 20–40)."
)
W_KOLOMMEN = (W_ID, W_SCHOOL, W_JAAR, W_WAARDE)
W_CONSTRAINTS = {"weging_een_per_jaar": W_JAAR, "weging_op_de_schaal": W_WAARDE}


def _wegingen(context: Context) -> Any:
    return (
        Schoolweging.objects.filter(school__agenda=context.agenda, school__gearchiveerd=False)
        .select_related("school")
        .order_by("school__naam", "jaar")
    )


def _weging_rij(weging: Schoolweging, scholen: dict[Any, str]) -> dict[str, Any]:
    return {
        "id": weging.pk,
        "school": scholen.get(weging.school_id, weging.school.naam),
        "jaar": weging.jaar,
        "waarde": weging.waarde,
    }


def wegingen_rijen(context: Context) -> list[dict[str, Any]]:
    scholen = werkboek.per_pk(schoollabels(context))
    return [_weging_rij(w, scholen) for w in _wegingen(context)]


def wegingen_lijsten(context: Context) -> dict[str, list[str]]:
    return {"scholen": list(g.gedeeld(context, g.SCHOLEN, schoollabels))}


def wegingen_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    actief = {w.pk: w for w in _wegingen(context)}
    scholen = g.gedeeld(context, g.SCHOLEN, schoollabels)
    schoolnamen = werkboek.per_pk(schoollabels(context))
    sleutels: dict[tuple[int, Any], int] = {}
    regels = []
    for rij in rijen:
        bestaand = g.zoek(
            rij,
            W_ID,
            actief,
            Schoolweging.objects.filter(school__agenda=context.agenda),
            "schoolweging",
            "hoort bij een gearchiveerde school",
        )
        oud = (
            werkboek.zoals_gelezen(W_KOLOMMEN, _weging_rij(bestaand, schoolnamen))
            if bestaand
            else None
        )
        werkboek.verplicht(rij, W_SCHOOL, "Kies de school.")
        werkboek.verplicht(rij, W_JAAR, "Vul het jaar in.")
        werkboek.verplicht(rij, W_WAARDE, "Vul de schoolweging in.")
        g.jaar_zinnig(rij, W_JAAR)
        school = scholen.get(rij["school"]) if rij["school"] else None
        weging = bestaand or Schoolweging()
        if school is not None:
            if bestaand and oud and school.pk == bestaand.school_id:
                rij.waarden["school"] = oud["school"]  # the same school, by its new name
            elif school.gearchiveerd:
                rij.fout(W_SCHOOL, f"School ‘{school.naam}’ is gearchiveerd.")
            weging.school = school
            sleutel = (id(school), rij["jaar"])
            if rij["jaar"] is not None and sleutel in sleutels:
                rij.fout(
                    W_JAAR,
                    f"Rij {sleutels[sleutel]} geeft deze school al een schoolweging in dit jaar.",
                )
            sleutels.setdefault(sleutel, rij.nummer)
        weging.jaar, weging.waarde = rij["jaar"], rij["waarde"]
        werkboek.controleer(
            rij,
            weging,
            W_KOLOMMEN,
            constraints=W_CONSTRAINTS,
            exclude=["school"] if school is None or school.pk is None else [],
            overig=W_WAARDE,
            oud=oud,
        )
        regels.append(
            regel_voor(
                rij,
                wat=f"Schoolweging ‘{rij['school']}’ {rij['jaar'] or ''}".rstrip(),
                oud=oud,
                nieuw=rij.waarden,
                kolommen=W_KOLOMMEN,
                pas_toe=_weging_bewaren(weging, school, context.door),
            )
        )
    g.vergeet(context, g.INDICATOREN, g.SCHOLEN)
    return regels + werkboek.ontbrekend(
        SCHOOLWEGING, actief.values(), rijen, lambda w: f"Schoolweging ‘{w.school.naam}’ {w.jaar}"
    )


def _weging_bewaren(weging: Schoolweging, school: School | None, door: Any) -> Any:
    def pas_toe() -> None:
        assert school is not None  # a row without a school has an error and is not applied
        weging.school = school  # a new school is saved by now: take its key
        bewaar(weging, door=door)

    return pas_toe


BLAD_SCHOOLWEGING = Blad(
    SCHOOLWEGING,
    W_KOLOMMEN,
    wegingen_rijen,
    wegingen_lees,
    wegingen_lijsten,
    uitleg="De CBS-schoolweging per school en jaar.",
)

# --- VE-cijfers -----------------------------------------------------------------------------

VE = "VE-cijfers"
V_ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Laat leeg voor een nieuw jaar.")
V_JAAR = Kolom("jaar", "Jaar", 8, GEHEEL, uitleg="Het kalenderjaar.")
V_PLAATSEN = Kolom("kindplaatsen", "Aangeboden kindplaatsen", 16, GEHEEL)
V_GEINDICEERD = Kolom("geindiceerd", "Kinderen met VE-indicatie", 16, GEHEEL)
V_BEREIKT = Kolom(
    "bereikt", "Bereikt", 14, GEHEEL, uitleg="Geïndiceerde kinderen met gesubsidieerde VE."
)
V_BRON = Kolom("bron", "Bron", 50)
V_KOLOMMEN = (V_ID, V_JAAR, V_PLAATSEN, V_GEINDICEERD, V_BEREIKT, V_BRON)
V_CONSTRAINTS = {
    "ve_een_per_jaar": V_JAAR,
    "ve_bereik_niet_meer_dan_geindiceerd": V_BEREIKT,
    "ve_aantallen_niet_negatief": V_GEINDICEERD,
}


def _ve_rij(ve: VeCijfers) -> dict[str, Any]:
    return {
        "id": ve.pk,
        "jaar": ve.jaar,
        "kindplaatsen": ve.kindplaatsen,
        "geindiceerd": ve.geindiceerd,
        "bereikt": ve.bereikt,
        "bron": ve.bron,
    }


def ve_rijen(context: Context) -> list[dict[str, Any]]:
    return [_ve_rij(v) for v in VeCijfers.objects.filter(agenda=context.agenda).order_by("jaar")]


def ve_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    agenda = context.agenda
    actief = {v.pk: v for v in VeCijfers.objects.filter(agenda=agenda)}
    jaren: dict[int, int] = {}
    regels = []
    for rij in rijen:
        bestaand = g.zoek(rij, V_ID, actief, VeCijfers.objects.none(), "jaar met VE-cijfers", "")
        oud = werkboek.zoals_gelezen(V_KOLOMMEN, _ve_rij(bestaand)) if bestaand else None
        werkboek.verplicht(rij, V_JAAR, "Vul het jaar in.")
        werkboek.verplicht(rij, V_GEINDICEERD, "Vul het aantal kinderen met een VE-indicatie in.")
        werkboek.verplicht(rij, V_BEREIKT, "Vul het aantal bereikte kinderen in.")
        g.jaar_zinnig(rij, V_JAAR)
        if rij["jaar"] is not None:
            if rij["jaar"] in jaren:
                rij.fout(V_JAAR, f"Rij {jaren[rij['jaar']]} geeft al VE-cijfers van {rij['jaar']}.")
            jaren.setdefault(rij["jaar"], rij.nummer)
        ve = bestaand or VeCijfers(agenda=agenda)
        for veld in ("jaar", "kindplaatsen", "geindiceerd", "bereikt", "bron"):
            setattr(ve, veld, rij[veld])
        werkboek.controleer(
            rij, ve, V_KOLOMMEN, constraints=V_CONSTRAINTS, overig=V_BEREIKT, oud=oud
        )
        regels.append(
            regel_voor(
                rij,
                wat=f"VE-cijfers {rij['jaar'] or ''}".rstrip(),
                oud=oud,
                nieuw=rij.waarden,
                kolommen=V_KOLOMMEN,
                pas_toe=_bewaren(ve, context.door),
            )
        )
    g.vergeet(context, g.INDICATOREN, g.SCHOLEN)
    return regels + werkboek.ontbrekend(
        VE, actief.values(), rijen, lambda v: f"VE-cijfers {v.jaar}"
    )


BLAD_VE = Blad(
    VE,
    V_KOLOMMEN,
    ve_rijen,
    ve_lees,
    uitleg="De VE-cijfers per kalenderjaar, zoals de Inspectie ze vraagt.",
)
