"""The sheet Realisaties: what was spent on a budget line in a quarter.

The realisations have a sheet of their own, a row per line, year and quarter, rather than
columns Q1-Q4 on Begroting, because the model keeps each as an object with its own note and
history. The year's realisation is their sum, kept by `realisatie_bewaar`.
"""

from __future__ import annotations

from typing import Any

from lea import werkboek
from lea.werkboek import BEDRAG, GEHEEL, Blad, Context, Kolom, Regel, Rij, regel_voor
from monitoring.models import Begrotingspost, Realisatie
from monitoring.services.begroting import realisatie_bewaar
from monitoring.werkboek import gemeen as g
from monitoring.werkboek.begroting import begroting_van, postlabels, zonder_begroting

# --- Realisaties ----------------------------------------------------------------------------

REALISATIES = "Realisaties"
R_ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Laat leeg voor een nieuwe realisatie.")
R_POST = Kolom(
    "post",
    "Post",
    40,
    lijst="begrotingsposten",
    uitleg="Ook een nieuwe post van het blad Begroting.",
)
R_JAAR = Kolom("jaar", "Jaar", 8, GEHEEL)
R_KWARTAAL = Kolom("kwartaal", "Kwartaal", 10, GEHEEL, uitleg="1, 2, 3 of 4.")
R_BEDRAG = Kolom("bedrag", "Gerealiseerd", 14, BEDRAG)
R_TOELICHTING = Kolom("toelichting", "Toelichting", 40)
R_KOLOMMEN = (R_ID, R_POST, R_JAAR, R_KWARTAAL, R_BEDRAG, R_TOELICHTING)
R_CONSTRAINTS = {
    "realisatie_een_per_kwartaal": R_KWARTAAL,
    "realisatie_kwartaal_1_tot_4": R_KWARTAAL,
    "realisatie_niet_negatief": R_BEDRAG,
}
VAST = (
    "Post, jaar en kwartaal van een vastgelegde realisatie liggen vast; wijzig het bedrag of de "
    "toelichting, of voeg een rij zonder ID toe."
)


def _realisaties(context: Context) -> Any:
    return (
        Realisatie.objects.filter(
            begrotingsbedrag__post__begroting__agenda=context.agenda,
            begrotingsbedrag__post__gearchiveerd=False,
        )
        .select_related("begrotingsbedrag__post")
        .order_by(
            "begrotingsbedrag__post__volgorde",
            "begrotingsbedrag__post_id",
            "begrotingsbedrag__jaar",
            "kwartaal",
        )
    )


def _realisatie_rij(realisatie: Realisatie, posten: dict[Any, str]) -> dict[str, Any]:
    post = realisatie.begrotingsbedrag.post
    return {
        "id": realisatie.pk,
        "post": posten.get(post.pk, post.naam),
        "jaar": realisatie.begrotingsbedrag.jaar,
        "kwartaal": realisatie.kwartaal,
        "bedrag": realisatie.bedrag,
        "toelichting": realisatie.toelichting,
    }


def realisaties_rijen(context: Context) -> list[dict[str, Any]]:
    posten = werkboek.per_pk(postlabels(context))
    return [_realisatie_rij(r, posten) for r in _realisaties(context)]


def realisaties_lijsten(context: Context) -> dict[str, list[str]]:
    return {"begrotingsposten": list(g.gedeeld(context, g.POSTEN, postlabels))}


def realisaties_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    begroting = begroting_van(context)
    if begroting is None:
        g.vergeet(context, g.INDICATOREN, g.SCHOLEN, g.POSTEN)
        return zonder_begroting(rijen, R_JAAR, REALISATIES, R_KOLOMMEN)
    actief = {r.pk: r for r in _realisaties(context)}
    vastgelegd = {
        (r.begrotingsbedrag.post_id, r.begrotingsbedrag.jaar, r.kwartaal): r
        for r in actief.values()
    }
    posten = g.gedeeld(context, g.POSTEN, postlabels)
    postnamen = werkboek.per_pk(postlabels(context))
    sleutels: dict[tuple[int, Any, Any], int] = {}
    regels = []
    for rij in rijen:
        bestaand = g.zoek(
            rij,
            R_ID,
            actief,
            Realisatie.objects.filter(begrotingsbedrag__post__begroting=begroting),
            "realisatie",
            "hoort bij een gearchiveerde post",
        )
        post = posten.get(rij["post"]) if rij["post"] else None
        oud = None
        if bestaand is not None:
            oud = werkboek.zoals_gelezen(R_KOLOMMEN, _realisatie_rij(bestaand, postnamen))
            if post is not None and post.pk == bestaand.begrotingsbedrag.post_id:
                rij.waarden["post"] = oud["post"]  # the same line, by its new name
            for kolom in (R_POST, R_JAAR, R_KWARTAAL):
                if rij[kolom.veld] != oud[kolom.veld] and not rij.heeft_fout(kolom):
                    rij.fout(kolom, VAST)
            realisatie = bestaand
        else:
            werkboek.verplicht(rij, R_POST, "Kies de post.")
            werkboek.verplicht(rij, R_JAAR, "Vul het jaar in.")
            werkboek.verplicht(rij, R_KWARTAAL, "Vul het kwartaal in (1, 2, 3 of 4).")
            if rij["jaar"] is not None and rij["jaar"] not in begroting.jaren:
                rij.fout(
                    R_JAAR,
                    f"Kies een jaar van de begroting ({begroting.eerste_jaar}–"
                    f"{begroting.laatste_jaar}).",
                )
            realisatie = Realisatie(kwartaal=rij["kwartaal"])
            _dubbel(rij, post, vastgelegd, sleutels)
        werkboek.verplicht(rij, R_BEDRAG, "Vul het gerealiseerde bedrag in.")
        realisatie.bedrag, realisatie.toelichting = rij["bedrag"], rij["toelichting"]
        werkboek.controleer(
            rij,
            realisatie,
            R_KOLOMMEN,
            constraints=R_CONSTRAINTS,
            exclude=[] if bestaand else ["begrotingsbedrag"],
            overig=R_BEDRAG,
            oud=oud,
        )
        naam = post.naam if post is not None else rij["post"]
        regels.append(
            regel_voor(
                rij,
                wat=f"Realisatie ‘{naam}’ {rij['jaar'] or ''} Q{rij['kwartaal'] or '?'}",
                oud=oud,
                nieuw=rij.waarden,
                kolommen=R_KOLOMMEN,
                pas_toe=_realisatie_bewaren(realisatie, bestaand, post, rij, context.door),
            )
        )
    g.vergeet(context, g.INDICATOREN, g.SCHOLEN, g.POSTEN)
    return regels + werkboek.ontbrekend(REALISATIES, actief.values(), rijen, _realisatienaam)


def _realisatienaam(realisatie: Realisatie) -> str:
    bedrag = realisatie.begrotingsbedrag
    return f"Realisatie ‘{bedrag.post.naam}’ kwartaal {realisatie.kwartaal} {bedrag.jaar}"


def _dubbel(
    rij: Rij,
    post: Begrotingspost | None,
    vastgelegd: dict[tuple[int, int, int], Realisatie],
    sleutels: dict[tuple[int, Any, Any], int],
) -> None:
    """A new realisation of a quarter that already has one, in the agenda or the file."""
    jaar, kwartaal = rij["jaar"], rij["kwartaal"]
    if post is None or jaar is None or kwartaal is None:
        return
    al = vastgelegd.get((post.pk, jaar, kwartaal)) if post.pk else None
    if al is not None:
        rij.fout(
            R_KWARTAAL,
            f"Post ‘{post.naam}’ heeft al een realisatie in kwartaal {kwartaal} van {jaar} "
            f"(ID {al.pk}); wijzig die rij.",
        )
    sleutel = (id(post), jaar, kwartaal)
    if sleutel in sleutels:
        rij.fout(
            R_KWARTAAL,
            f"Rij {sleutels[sleutel]} geeft deze post al een realisatie in kwartaal {kwartaal} "
            f"van {jaar}.",
        )
    sleutels.setdefault(sleutel, rij.nummer)


def _realisatie_bewaren(
    realisatie: Realisatie,
    bestaand: Realisatie | None,
    post: Begrotingspost | None,
    rij: Rij,
    door: Any,
) -> Any:
    jaar, kwartaal = rij["jaar"], rij["kwartaal"]

    def pas_toe() -> None:
        if bestaand is not None:
            realisatie_bewaar(
                realisatie=bestaand,
                bedrag=realisatie.bedrag,
                toelichting=realisatie.toelichting,
                door=door,
            )
        else:  # a new line of the Begroting sheet is saved by now
            realisatie_bewaar(
                post=post,
                jaar=jaar,
                kwartaal=kwartaal,
                bedrag=realisatie.bedrag,
                toelichting=realisatie.toelichting,
                door=door,
            )

    return pas_toe


BLAD_REALISATIES = Blad(
    REALISATIES,
    R_KOLOMMEN,
    realisaties_rijen,
    realisaties_lees,
    realisaties_lijsten,
    uitleg="Wat per kwartaal is uitgegeven aan een begrotingspost; het jaar is hun som.",
)
