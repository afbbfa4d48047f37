"""The budget's section of the agenda document."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from simple_history.utils import bulk_create_with_history

from lea import portability as p
from lea.models import Agenda
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    FinancieringsBron,
)


def _bedragen_export(bedragen: Iterable[Any]) -> dict[str, int | str]:
    return {str(b.jaar): p.bedrag_uit(b.bedrag) for b in bedragen}


def begroting_export(agenda: Agenda, sleutels: p.Sleutels) -> dict[str, Any] | None:
    begroting = Begroting.objects.filter(agenda=agenda).first()
    if begroting is None:
        return None
    posten = begroting.posten.select_related("knoop", "actie").prefetch_related("bedragen")
    financiering = begroting.financiering.prefetch_related("bedragen")
    return {
        "jaren": begroting.jaren,
        "posten": [
            {
                "sleutel": sleutels.geef("post", post, post.naam),
                "groep": sleutels.sleutel("knoop", post.knoop),
                "groep_naam": post.groep_naam,
                "naam": post.naam,
                "actie": sleutels.sleutel("actie", post.actie),
                "onderdeel_van": sleutels.sleutel("post", post.ouder),
                "bedragen": _bedragen_export(post.bedragen.all()),
                "wijziging": post.wijziging,
            }
            for post in posten
        ],
        "financiering": [
            {"bron": f.bron, "naam": f.naam, "bedragen": _bedragen_export(f.bedragen.all())}
            for f in financiering
        ],
        "beginsaldo": {"jaar": begroting.eerste_jaar, "bedrag": p.bedrag_uit(begroting.beginsaldo)},
    }


def _bedragen_import(data: Any, pad: str, jaren: list[int]) -> list[tuple[int, Decimal]]:
    bedragen = []
    for jaar, waarde in p.object_(data or {}, pad).items():
        if not (isinstance(jaar, str) and jaar.isdigit() and int(jaar) in jaren):
            raise p.ImportFout(f"{pad}: {jaar!r} is geen jaar van deze begroting.")
        bedrag = p.bedrag(waarde, f"{pad}.{jaar}")
        if bedrag < 0:  # saved in bulk, past the model's validation: checked here
            raise p.ImportFout(f"{pad}.{jaar}: een bedrag kan niet negatief zijn.")
        bedragen.append((int(jaar), bedrag))
    return bedragen


def begroting_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    if data is None:
        return
    pad = "begroting"
    data = p.object_(data, pad)
    jaren = p.lijst(data.get("jaren"), f"{pad}.jaren")
    if not jaren or not all(isinstance(j, int) and not isinstance(j, bool) for j in jaren):
        raise p.ImportFout(f"{pad}.jaren: verwacht een lijst met jaartallen.")
    if jaren != list(range(jaren[0], jaren[-1] + 1)):
        raise p.ImportFout(f"{pad}.jaren: de jaren moeten aaneengesloten en oplopend zijn.")
    saldo = p.object_(
        data.get("beginsaldo") or {"jaar": jaren[0], "bedrag": 0}, f"{pad}.beginsaldo"
    )
    if saldo.get("jaar") != jaren[0]:
        raise p.ImportFout(f"{pad}.beginsaldo.jaar: moet het eerste jaar ({jaren[0]}) zijn.")
    begroting = p.bewaar_ingelezen(
        Begroting(
            agenda=agenda,
            eerste_jaar=jaren[0],
            laatste_jaar=jaren[-1],
            beginsaldo=p.bedrag(saldo.get("bedrag", 0), f"{pad}.beginsaldo.bedrag"),
        ),
        pad,
    )
    for i, item in enumerate(p.lijst(data.get("posten"), f"{pad}.posten")):
        ppad = f"{pad}.posten[{i}]"
        item = p.object_(item, ppad)
        post = p.bewaar_ingelezen(
            Begrotingspost(
                begroting=begroting,
                volgorde=i,
                knoop=sleutels.obj("knoop", item.get("groep"), f"{ppad}.groep"),
                groep_naam=p.tekst(item, "groep_naam", ppad),
                naam=p.tekst(item, "naam", ppad, verplicht=True),
                actie=sleutels.obj("actie", item.get("actie"), f"{ppad}.actie"),
                ouder=sleutels.obj("post", item.get("onderdeel_van"), f"{ppad}.onderdeel_van"),
                wijziging=p.tekst(item, "wijziging", ppad),
            ),
            ppad,
        )
        sleutels.nieuw("post", item.get("sleutel"), ppad, post)
        bulk_create_with_history(
            [
                Begrotingsbedrag(post=post, jaar=jaar, bedrag=bedrag)
                for jaar, bedrag in _bedragen_import(
                    item.get("bedragen"), f"{ppad}.bedragen", jaren
                )
            ],
            Begrotingsbedrag,
        )
    for i, item in enumerate(p.lijst(data.get("financiering"), f"{pad}.financiering")):
        fpad = f"{pad}.financiering[{i}]"
        item = p.object_(item, fpad)
        bron = p.bewaar_ingelezen(
            Financiering(
                begroting=begroting,
                volgorde=i,
                bron=p.keuze(item, "bron", fpad, FinancieringsBron, FinancieringsBron.OVERIG),
                naam=p.tekst(item, "naam", fpad, verplicht=True),
            ),
            fpad,
        )
        bulk_create_with_history(
            [
                Financieringsbedrag(financiering=bron, jaar=jaar, bedrag=bedrag)
                for jaar, bedrag in _bedragen_import(
                    item.get("bedragen"), f"{fpad}.bedragen", jaren
                )
            ],
            Financieringsbedrag,
        )
