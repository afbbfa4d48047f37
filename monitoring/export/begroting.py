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
    Geldregel,
    Realisatie,
)


def _bedragen_export(bedragen: Iterable[Any]) -> dict[str, int | str]:
    return {str(b.jaar): p.bedrag_uit(b.bedrag) for b in bedragen}


def _realisaties_export(bedragen: Iterable[Begrotingsbedrag]) -> dict[str, Any]:
    """Per year: the quarters ({"1": amount, ...}) where recorded, else the yearly figure."""
    uit: dict[str, Any] = {}
    for b in bedragen:
        kwartalen = list(b.kwartalen.all())
        if kwartalen:
            uit[str(b.jaar)] = {
                str(r.kwartaal): {"bedrag": p.bedrag_uit(r.bedrag), "toelichting": r.toelichting}
                for r in kwartalen
            }
        elif b.realisatie is not None:
            uit[str(b.jaar)] = p.bedrag_uit(b.realisatie)
    return uit


def begroting_export(agenda: Agenda, sleutels: p.Sleutels) -> dict[str, Any] | None:
    begroting = Begroting.objects.filter(agenda=agenda).first()
    if begroting is None:
        return None
    posten = begroting.posten.select_related("knoop", "actie").prefetch_related(
        "bedragen__kwartalen"
    )
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
                "realisatie": _realisaties_export(post.bedragen.all()),
                "wijziging": post.wijziging,
                "gearchiveerd": post.gearchiveerd,
            }
            for post in posten
        ],
        "financiering": [
            {
                "bron": f.bron,
                "naam": f.naam,
                "bedragen": _bedragen_export(f.bedragen.all()),
                "gearchiveerd": f.gearchiveerd,
            }
            for f in financiering
        ],
        "geldregel": (
            {"oranje_vanaf_pct": regel.oranje_vanaf_pct, "rood_vanaf_pct": regel.rood_vanaf_pct}
            if (regel := Geldregel.objects.filter(agenda=agenda).first())
            else None
        ),
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
                gearchiveerd=item.get("gearchiveerd") is True,
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
        _realisaties_import(post, item.get("realisatie"), f"{ppad}.realisatie", jaren)
    for i, item in enumerate(p.lijst(data.get("financiering"), f"{pad}.financiering")):
        fpad = f"{pad}.financiering[{i}]"
        item = p.object_(item, fpad)
        bron = p.bewaar_ingelezen(
            Financiering(
                begroting=begroting,
                volgorde=i,
                bron=p.keuze(item, "bron", fpad, FinancieringsBron, FinancieringsBron.OVERIG),
                naam=p.tekst(item, "naam", fpad, verplicht=True),
                gearchiveerd=item.get("gearchiveerd") is True,
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
    if data.get("geldregel") is not None:
        gpad = f"{pad}.geldregel"
        regel = p.object_(data["geldregel"], gpad)
        p.bewaar_ingelezen(
            Geldregel(
                agenda=agenda,
                oranje_vanaf_pct=p.geheel(regel, "oranje_vanaf_pct", gpad, verplicht=True),
                rood_vanaf_pct=p.geheel(regel, "rood_vanaf_pct", gpad, verplicht=True),
            ),
            gpad,
        )


def _realisaties_import(post: Begrotingspost, data: Any, pad: str, jaren: list[int]) -> None:
    """A year's realisation: an amount, or its quarters {"1": {"bedrag": …}, …} (their sum)."""
    for jaar_tekst, waarde in p.object_(data or {}, pad).items():
        jpad = f"{pad}.{jaar_tekst}"
        if not (jaar_tekst.isdigit() and int(jaar_tekst) in jaren):
            raise p.ImportFout(f"{jpad}: {jaar_tekst!r} is geen jaar van deze begroting.")
        bedrag = Begrotingsbedrag.objects.filter(post=post, jaar=int(jaar_tekst)).first()
        if bedrag is None:
            bedrag = p.bewaar_ingelezen(
                Begrotingsbedrag(post=post, jaar=int(jaar_tekst), bedrag=Decimal(0)), jpad
            )
        if isinstance(waarde, dict):
            som = Decimal(0)
            for kwartaal, regel in waarde.items():
                kpad = f"{jpad}.{kwartaal}"
                regel = p.object_(regel, kpad)
                realisatie = p.bewaar_ingelezen(
                    Realisatie(
                        begrotingsbedrag=bedrag,
                        kwartaal=int(kwartaal) if str(kwartaal).isdigit() else 0,
                        bedrag=p.bedrag(regel.get("bedrag"), f"{kpad}.bedrag"),
                        toelichting=p.tekst(regel, "toelichting", kpad),
                    ),
                    kpad,
                )
                som += realisatie.bedrag
            bedrag.realisatie = som
        else:
            bedrag.realisatie = p.bedrag(waarde, jpad)
        p.bewaar_ingelezen(bedrag, jpad)
