"""The meetings section of the agenda document (each meeting with its items, decisions, action
points and attendance) and the statutory agreements, which may come from a decision."""

import datetime
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from lea import portability as p
from lea.models import Agenda
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    ActiepuntStatus,
    Afspraak,
    Agendapunt,
    Beoordeling,
    Besluit,
    PuntSoort,
    PuntStatus,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _lokaal(waarde: datetime.datetime) -> str:
    return timezone.localtime(waarde, AMSTERDAM).strftime("%Y-%m-%dT%H:%M")


def _moment(data: dict[str, Any], veld: str, pad: str) -> datetime.datetime:
    waarde = data.get(veld)
    try:
        if not isinstance(waarde, str):
            raise TypeError(waarde)
        moment = datetime.datetime.fromisoformat(waarde)
    except (TypeError, ValueError):
        raise p.ImportFout(
            f"{pad}.{veld}: {waarde!r} is geen datum met tijd (JJJJ-MM-DDTUU:MM)."
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


def vergaderingen_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    vergaderingen = (
        Vergadering.objects.filter(orgaan__agenda=agenda)
        .select_related("orgaan")
        .prefetch_related(
            "aanwezigheid__persoon",
            "punten__onderwerpen",
            "punten__knopen",
            "punten__acties",
            "punten__besluiten",
            "punten__actiepunten",
        )
        .order_by("begin", "pk")
    )
    uit = []
    for v in vergaderingen:
        vsleutel = sleutels.geef("vergadering", v, f"{v.orgaan.naam}-{_lokaal(v.begin)[:10]}")
        teller = iter(range(1, 10_000))  # decision keys numbered per meeting: stable
        uit.append(
            {
                "sleutel": vsleutel,
                "orgaan": sleutels.sleutel("overlegorgaan", v.orgaan),
                "begin": _lokaal(v.begin),
                "eind": _lokaal(v.eind),
                "locatie": v.locatie,
                "status": v.status,
                "verslag": v.verslag,
                "planjaar": v.planjaar,
                "plannummer": v.plannummer,
                "aanwezig": [
                    sleutels.sleutel("persoon", a.persoon)
                    for a in v.aanwezigheid.all()
                    if a.aanwezig
                ],
                "afgemeld": [
                    sleutels.sleutel("persoon", a.persoon)
                    for a in v.aanwezigheid.all()
                    if a.afgemeld and not a.aanwezig
                ],
                "punten": [
                    _punt_export(punt, sleutels, vsleutel, teller) for punt in v.punten.all()
                ],
            }
        )
    return uit


def _punt_export(
    punt: Agendapunt, sleutels: p.Sleutels, vsleutel: str, teller: Iterator[int]
) -> dict[str, Any]:
    return {
        "titel": punt.titel,
        "soort": punt.soort,
        "status": punt.status,
        "reden_afwijzing": punt.reden_afwijzing,
        "toelichting": punt.toelichting,
        "notulen": punt.notulen,
        "onderwerpen": [o.code for o in punt.onderwerpen.all()],
        "knopen": sleutels.sleutels("knoop", punt.knopen.all()),
        "acties": sleutels.sleutels("actie", punt.acties.all()),
        "besluiten": [
            {
                "sleutel": sleutels.geef("besluit", b, f"{vsleutel}-b{next(teller)}"),
                "tekst": b.tekst,
                # Written only when set; shown only once the agenda is published.
                **({"openbaar": True} if b.openbaar else {}),
            }
            for b in punt.besluiten.all()
        ],
        "actiepunten": [
            {
                "omschrijving": a.omschrijving,
                "eigenaar": sleutels.sleutel("persoon", a.eigenaar),
                "eigenaar_tekst": a.eigenaar_tekst,
                "deadline": a.deadline.isoformat() if a.deadline else None,
                "status": a.status,
                "actie": sleutels.sleutel("actie", a.actie),
            }
            for a in punt.actiepunten.all()
        ],
    }


def _onderwerpen(codes: Any, pad: str) -> list[WettelijkOnderwerp]:
    codes = p.lijst(codes, pad)
    gevonden = {o.code: o for o in WettelijkOnderwerp.objects.filter(code__in=codes)}
    for i, code in enumerate(codes):
        if code not in gevonden:
            raise p.ImportFout(f"{pad}[{i}]: {code!r} is geen wettelijk onderwerp.")
    return [gevonden[c] for c in codes]


def vergaderingen_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "vergaderingen")):
        pad = f"vergaderingen[{i}]"
        item = p.object_(item, pad)
        vergadering = p.bewaar_ingelezen(
            Vergadering(
                orgaan=sleutels.obj(
                    "overlegorgaan", item.get("orgaan"), f"{pad}.orgaan", leeg=False
                ),
                begin=_moment(item, "begin", pad),
                eind=_moment(item, "eind", pad),
                locatie=p.tekst(item, "locatie", pad),
                status=p.keuze(item, "status", pad, VergaderStatus, VergaderStatus.CONCEPT),
                verslag=p.tekst(item, "verslag", pad),
                planjaar=p.geheel(item, "planjaar", pad),
                plannummer=p.geheel(item, "plannummer", pad),
            ),
            pad,
        )
        sleutels.nieuw("vergadering", item.get("sleutel"), pad, vergadering)
        for veld, aanwezig in (("aanwezig", True), ("afgemeld", False)):
            for persoon in sleutels.objs("persoon", item.get(veld), f"{pad}.{veld}"):
                Aanwezigheid.objects.get_or_create(
                    vergadering=vergadering,
                    persoon=persoon,
                    defaults={"aanwezig": aanwezig, "afgemeld": not aanwezig},
                )
        for j, punt in enumerate(p.lijst(item.get("punten"), f"{pad}.punten")):
            _punt_import(
                vergadering,
                j,
                p.object_(punt, f"{pad}.punten[{j}]"),
                f"{pad}.punten[{j}]",
                sleutels,
            )


def _punt_import(
    vergadering: Vergadering, volgorde: int, item: dict[str, Any], pad: str, sleutels: p.Sleutels
) -> None:
    punt = p.bewaar_ingelezen(
        Agendapunt(
            vergadering=vergadering,
            volgorde=volgorde + 1,
            titel=p.tekst(item, "titel", pad, verplicht=True),
            soort=p.keuze(item, "soort", pad, PuntSoort, PuntSoort.BESPREKING),
            status=p.keuze(item, "status", pad, PuntStatus, PuntStatus.GEACCEPTEERD),
            reden_afwijzing=p.tekst(item, "reden_afwijzing", pad),
            toelichting=p.tekst(item, "toelichting", pad),
            notulen=p.tekst(item, "notulen", pad),
        ),
        pad,
        onderwerpen=_onderwerpen(item.get("onderwerpen"), f"{pad}.onderwerpen"),
        knopen=sleutels.objs("knoop", item.get("knopen"), f"{pad}.knopen"),
        acties=sleutels.objs("actie", item.get("acties"), f"{pad}.acties"),
    )
    for k, besluit in enumerate(p.lijst(item.get("besluiten"), f"{pad}.besluiten")):
        bpad = f"{pad}.besluiten[{k}]"
        besluit = p.object_(besluit, bpad)
        obj = p.bewaar_ingelezen(
            Besluit(
                agendapunt=punt,
                tekst=p.tekst(besluit, "tekst", bpad, verplicht=True),
                openbaar=p.janee(besluit, "openbaar", bpad),
            ),
            bpad,
        )
        sleutels.nieuw("besluit", besluit.get("sleutel"), bpad, obj)
    for k, ap in enumerate(p.lijst(item.get("actiepunten"), f"{pad}.actiepunten")):
        apad = f"{pad}.actiepunten[{k}]"
        ap = p.object_(ap, apad)
        p.bewaar_ingelezen(
            Actiepunt(
                agendapunt=punt,
                omschrijving=p.tekst(ap, "omschrijving", apad, verplicht=True),
                eigenaar=sleutels.obj("persoon", ap.get("eigenaar"), f"{apad}.eigenaar"),
                eigenaar_tekst=p.tekst(ap, "eigenaar_tekst", apad),
                deadline=p.datum(ap, "deadline", apad),
                status=p.keuze(ap, "status", apad, ActiepuntStatus, ActiepuntStatus.OPEN),
                actie=sleutels.obj("actie", ap.get("actie"), f"{apad}.actie"),
            ),
            apad,
        )


def afspraken_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    return [
        {
            "onderwerp": a.onderwerp.code,
            "titel": a.titel,
            "tekst": a.tekst,
            "meetbare_doelen": a.meetbare_doelen,
            "besluit": sleutels.sleutel("besluit", a.besluit),
            "geldig_van": a.geldig_van.isoformat() if a.geldig_van else None,
            "geldig_tot": a.geldig_tot.isoformat() if a.geldig_tot else None,
            "beoordeling": a.beoordeling,
        }
        for a in agenda.afspraken.select_related("onderwerp", "besluit")
    ]


def afspraken_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "afspraken")):
        pad = f"afspraken[{i}]"
        item = p.object_(item, pad)
        p.bewaar_ingelezen(
            Afspraak(
                agenda=agenda,
                volgorde=i,
                onderwerp=_onderwerpen([item.get("onderwerp")], f"{pad}.onderwerp")[0],
                titel=p.tekst(item, "titel", pad, verplicht=True),
                tekst=p.tekst(item, "tekst", pad, verplicht=True),
                meetbare_doelen=p.tekst(item, "meetbare_doelen", pad),
                besluit=sleutels.obj("besluit", item.get("besluit"), f"{pad}.besluit"),
                geldig_van=p.datum(item, "geldig_van", pad),
                geldig_tot=p.datum(item, "geldig_tot", pad),
                beoordeling=p.keuze(item, "beoordeling", pad, Beoordeling, Beoordeling.OP_KOERS),
            ),
            pad,
        )
