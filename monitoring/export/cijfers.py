"""The monitoring sections of the agenda document: indicators, schools, VE figures."""

from decimal import Decimal
from typing import Any

from lea import portability as p
from lea.models import Agenda
from monitoring.models import (
    Bron,
    Indicator,
    IndicatorSoort,
    Meting,
    Richting,
    School,
    Schoolweging,
    Signaalregel,
    VeCijfers,
)


def _getal(waarde: Decimal | None) -> int | str | None:
    return None if waarde is None else p.bedrag_uit(waarde)


def indicatoren_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    indicatoren = agenda.indicatoren.prefetch_related(
        "knopen", "resultaten__knoop", "metingen__school"
    )
    return [
        {
            "naam": i.naam,
            "soort": i.soort,
            "eenheid": i.eenheid,
            "bron": i.bron,
            "richting": i.richting,
            "basiswaarde": _getal(i.basiswaarde),
            "basisdatum": i.basisdatum.isoformat() if i.basisdatum else None,
            "basis_tekst": i.basis_tekst,
            "streefwaarde": _getal(i.streefwaarde),
            "streefjaar": i.streefjaar,
            "streef_tekst": i.streef_tekst,
            "knopen": sleutels.sleutels("knoop", i.knopen.all()),
            "resultaten": [
                [sleutels.sleutel("knoop", r.knoop), r.nummer] for r in i.resultaten.all()
            ],
            "toelichting": i.toelichting,
            "gearchiveerd": i.gearchiveerd,
            "metingen": [
                {
                    "jaar": m.jaar,
                    "datum": m.datum.isoformat() if m.datum else None,
                    "waarde": _getal(m.waarde),
                    "school": sleutels.sleutel("school", m.school),
                    "bron": m.bron,
                    "toelichting": m.toelichting,
                }
                for m in i.metingen.all()
            ],
        }
        for i in indicatoren
    ]


def _decimaal(data: dict[str, Any], veld: str, pad: str) -> Decimal | None:
    waarde = data.get(veld)
    return None if waarde is None else p.bedrag(waarde, f"{pad}.{veld}")


def indicatoren_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "indicatoren")):
        pad = f"indicatoren[{i}]"
        item = p.object_(item, pad)
        resultaten = []
        for j, paar in enumerate(p.lijst(item.get("resultaten"), f"{pad}.resultaten")):
            if not (isinstance(paar, list) and len(paar) == 2):
                raise p.ImportFout(f"{pad}.resultaten[{j}]: verwacht [knoop, nummer].")
            knoop = sleutels.obj("knoop", paar[0], f"{pad}.resultaten[{j}]", leeg=False)
            resultaat = knoop.resultaten.filter(nummer=paar[1]).first()
            if resultaat is None:
                raise p.ImportFout(
                    f"{pad}.resultaten[{j}]: {paar[0]} heeft geen resultaat {paar[1]}."
                )
            resultaten.append(resultaat)
        indicator = p.bewaar_ingelezen(
            Indicator(
                agenda=agenda,
                volgorde=i,
                naam=p.tekst(item, "naam", pad, verplicht=True),
                soort=p.keuze(item, "soort", pad, IndicatorSoort, IndicatorSoort.PRESTATIE),
                eenheid=p.tekst(item, "eenheid", pad),
                bron=p.keuze(item, "bron", pad, Bron, Bron.EIGEN),
                richting=p.keuze(item, "richting", pad, Richting, Richting.OMHOOG),
                basiswaarde=_decimaal(item, "basiswaarde", pad),
                basisdatum=p.datum(item, "basisdatum", pad),
                basis_tekst=p.tekst(item, "basis_tekst", pad),
                streefwaarde=_decimaal(item, "streefwaarde", pad),
                streefjaar=p.geheel(item, "streefjaar", pad),
                streef_tekst=p.tekst(item, "streef_tekst", pad),
                toelichting=p.tekst(item, "toelichting", pad),
                gearchiveerd=item.get("gearchiveerd") is True,
            ),
            pad,
            knopen=sleutels.objs("knoop", item.get("knopen"), f"{pad}.knopen"),
            resultaten=resultaten,
        )
        for j, meting in enumerate(p.lijst(item.get("metingen"), f"{pad}.metingen")):
            mpad = f"{pad}.metingen[{j}]"
            meting = p.object_(meting, mpad)
            p.bewaar_ingelezen(
                Meting(
                    indicator=indicator,
                    jaar=p.geheel(meting, "jaar", mpad, verplicht=True),
                    datum=p.datum(meting, "datum", mpad),
                    waarde=p.bedrag(meting.get("waarde"), f"{mpad}.waarde"),
                    school=sleutels.obj("school", meting.get("school"), f"{mpad}.school"),
                    bron=p.tekst(meting, "bron", mpad),
                    toelichting=p.tekst(meting, "toelichting", mpad),
                ),
                mpad,
            )


def scholen_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    return [
        {
            "sleutel": sleutels.geef("school", s, s.naam),
            "naam": s.naam,
            "brin": s.brin,
            "bestuur": sleutels.sleutel("organisatie", s.bestuur),
            "locatie": s.locatie,
            "gearchiveerd": s.gearchiveerd,
            "wegingen": [{"jaar": w.jaar, "waarde": _getal(w.waarde)} for w in s.wegingen.all()],
        }
        for s in agenda.scholen.select_related("bestuur").prefetch_related("wegingen")
    ]


def scholen_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "scholen")):
        pad = f"scholen[{i}]"
        item = p.object_(item, pad)
        school = p.bewaar_ingelezen(
            School(
                agenda=agenda,
                naam=p.tekst(item, "naam", pad, verplicht=True),
                brin=p.tekst(item, "brin", pad),
                bestuur=sleutels.obj("organisatie", item.get("bestuur"), f"{pad}.bestuur"),
                locatie=p.tekst(item, "locatie", pad),
                gearchiveerd=item.get("gearchiveerd") is True,
            ),
            pad,
        )
        sleutels.nieuw("school", item.get("sleutel"), pad, school)
        for j, weging in enumerate(p.lijst(item.get("wegingen"), f"{pad}.wegingen")):
            wpad = f"{pad}.wegingen[{j}]"
            weging = p.object_(weging, wpad)
            p.bewaar_ingelezen(
                Schoolweging(
                    school=school,
                    jaar=p.geheel(weging, "jaar", wpad, verplicht=True),
                    waarde=p.bedrag(weging.get("waarde"), f"{wpad}.waarde"),
                ),
                wpad,
            )


def signaalregel_export(agenda: Agenda, sleutels: p.Sleutels) -> dict[str, Any] | None:
    regel = Signaalregel.objects.filter(agenda=agenda).first()
    if regel is None:
        return None
    return {
        "drempel": _getal(regel.drempel),
        "aantal_jaren": regel.aantal_jaren,
        "tekst": regel.tekst,
    }


def signaalregel_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    if data is None:
        return
    data = p.object_(data, "signaalregel")
    p.bewaar_ingelezen(
        Signaalregel(
            agenda=agenda,
            drempel=p.bedrag(data.get("drempel", 30), "signaalregel.drempel"),
            aantal_jaren=p.geheel(data, "aantal_jaren", "signaalregel") or 2,
            tekst=p.tekst(data, "tekst", "signaalregel"),
        ),
        "signaalregel",
    )


def ve_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    return [
        {
            "jaar": v.jaar,
            "kindplaatsen": v.kindplaatsen,
            "geindiceerd": v.geindiceerd,
            "bereikt": v.bereikt,
            "bron": v.bron,
        }
        for v in agenda.ve_cijfers.all()
    ]


def ve_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "ve_cijfers")):
        pad = f"ve_cijfers[{i}]"
        item = p.object_(item, pad)
        p.bewaar_ingelezen(
            VeCijfers(
                agenda=agenda,
                jaar=p.geheel(item, "jaar", pad, verplicht=True),
                kindplaatsen=p.geheel(item, "kindplaatsen", pad),
                geindiceerd=p.geheel(item, "geindiceerd", pad, verplicht=True),
                bereikt=p.geheel(item, "bereikt", pad, verplicht=True),
                bron=p.tekst(item, "bron", pad),
            ),
            pad,
        )
