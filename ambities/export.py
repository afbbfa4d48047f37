"""The goal tree's section of the agenda document."""

from typing import Any

from ambities.models import BeoogdResultaat, BestuurlijkeKeuze, Knoop
from lea import portability as p
from lea.models import Agenda


def knopen_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    knopen = list(
        agenda.knopen.select_related("ouder")
        .prefetch_related("keuzes", "resultaten")
        .order_by("volgorde", "pk")
    )
    uit = []
    for knoop in knopen:
        ouder = sleutels.sleutel("knoop", knoop.ouder)
        basis = f"{ouder or 'k'}-{knoop.code or knoop.titel}"
        uit.append(
            {
                "sleutel": sleutels.geef("knoop", knoop, basis),
                "niveau": knoop.niveau,
                "ouder": ouder,
                "code": knoop.code,
                "titel": knoop.titel,
                "omschrijving": knoop.omschrijving,
                "context": knoop.context,
                "gearchiveerd": knoop.gearchiveerd,
                "keuzes": [{"nummer": k.nummer, "tekst": k.tekst} for k in knoop.keuzes.all()],
                "resultaten": [
                    {"nummer": r.nummer, "tekst": r.tekst, "indicator": r.indicator}
                    for r in knoop.resultaten.all()
                ],
            }
        )
    return uit


def knopen_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "knopen")):
        pad = f"knopen[{i}]"
        item = p.object_(item, pad)
        niveau = p.geheel(item, "niveau", pad, verplicht=True)
        if niveau not in (1, 2):
            raise p.ImportFout(f"{pad}.niveau: moet 1 of 2 zijn.")
        if niveau == 2 and not agenda.heeft_niveau2:
            raise p.ImportFout(f"{pad}: deze agenda heeft geen niveau 2 (zie agenda.niveaus).")
        ouder = sleutels.obj("knoop", item.get("ouder"), f"{pad}.ouder")
        knoop = p.bewaar_ingelezen(
            Knoop(
                agenda=agenda,
                niveau=niveau,
                ouder=ouder,
                volgorde=i,
                code=p.tekst(item, "code", pad),
                titel=p.tekst(item, "titel", pad, verplicht=True),
                omschrijving=p.tekst(item, "omschrijving", pad),
                context=p.tekst(item, "context", pad),
                gearchiveerd=bool(item.get("gearchiveerd", False)),
            ),
            pad,
        )
        sleutels.nieuw("knoop", item.get("sleutel"), pad, knoop)
        onderdelen: tuple[
            tuple[str, type[BestuurlijkeKeuze | BeoogdResultaat], tuple[str, ...]], ...
        ]
        onderdelen = (
            ("keuzes", BestuurlijkeKeuze, ()),
            ("resultaten", BeoogdResultaat, ("indicator",)),
        )
        for soort, model, extra in onderdelen:
            for j, sub in enumerate(p.lijst(item.get(soort), f"{pad}.{soort}")):
                spad = f"{pad}.{soort}[{j}]"
                sub = p.object_(sub, spad)
                p.bewaar_ingelezen(
                    model(
                        knoop=knoop,
                        nummer=p.geheel(sub, "nummer", spad) or j + 1,
                        tekst=p.tekst(sub, "tekst", spad, verplicht=True),
                        **{veld: p.tekst(sub, veld, spad) for veld in extra},
                    ),
                    spad,
                )


def knopen_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """The tree carries over: every node that is not archived (nor under an archived one),
    with its choices and intended results."""
    blijvend: set[str] = set()
    uit = []
    for knoop in data:
        if knoop.get("gearchiveerd") or (knoop.get("ouder") and knoop["ouder"] not in blijvend):
            continue
        blijvend.add(knoop["sleutel"])
        uit.append(knoop)
    return uit


def registreer() -> None:
    p.registreer(
        "knopen",
        exporteer=knopen_export,
        importeer=knopen_import,
        nieuwe_periode=knopen_nieuwe_periode,
    )
