"""The core's sections of the agenda document: the agenda, its organisations and people."""

from typing import Any

from lea import portability as p
from lea.models import (
    Agenda,
    AgendaStatus,
    Organisatie,
    Persoon,
    Publicatie,
    Rapportageperiode,
    Sector,
    Uitgangspunt,
)
from lea.models.publicatie import BegrotingOpenbaar

_AGENDA_TEKSTEN = ["gemeente", "titel", "ondertitel", "hoofdambitie", "visie", "bron"]
_NIVEAUS = {"niveau1": "niveau1", "niveau2": "niveau2", "actie": "actie"}


def agenda_export(agenda: Agenda, sleutels: p.Sleutels) -> dict[str, Any]:
    return {
        "slug": agenda.slug,
        **{veld: getattr(agenda, veld) for veld in _AGENDA_TEKSTEN},
        "periode_start": agenda.periode_start.isoformat(),
        "periode_eind": agenda.periode_eind.isoformat(),
        "rapportageperiode": agenda.rapportageperiode,
        "niveaus": {
            sleutel: {
                "naam": getattr(agenda, f"{prefix}_naam"),
                "meervoud": getattr(agenda, f"{prefix}_meervoud"),
            }
            for sleutel, prefix in _NIVEAUS.items()
        },
        "uitgangspunten": [
            {"titel": u.titel, "tekst": u.tekst} for u in agenda.uitgangspunten.all()
        ],
        # Written only when set, so an active agenda's document stays as it was.
        **({"status": agenda.status} if agenda.status != AgendaStatus.ACTIEF else {}),
        **({"voorganger": agenda.voorganger.slug} if agenda.voorganger else {}),
        **_publicatie_export(agenda),
    }


def _publicatie_export(agenda: Agenda) -> dict[str, Any]:
    """What the public view shows, written only when the beheerder chose something: never
    whether, since when or by whom it is published (see `_publicatie_import`)."""
    publicatie = Publicatie.objects.filter(agenda=agenda).first()
    if publicatie is None or (
        publicatie.toon_begroting == BegrotingOpenbaar.GEEN and not publicatie.inleiding
    ):
        return {}
    return {
        "publicatie": {
            "toon_begroting": publicatie.toon_begroting,
            "inleiding": publicatie.inleiding,
        }
    }


def _publicatie_import(agenda: Agenda, data: dict[str, Any], pad: str) -> None:
    """The settings of the public view, when the document has them. Only the settings: an
    imported agenda is never public until its beheerder publishes it
    (`lea.services.publicatie`), so a published state in a document (`gepubliceerd_op`, …)
    is ignored."""
    if data.get("publicatie") is None:
        return
    ppad = f"{pad}.publicatie"
    instellingen = p.object_(data["publicatie"], ppad)
    p.bewaar_ingelezen(
        Publicatie(
            agenda=agenda,
            toon_begroting=p.keuze(
                instellingen, "toon_begroting", ppad, BegrotingOpenbaar, BegrotingOpenbaar.GEEN
            ),
            inleiding=p.tekst(instellingen, "inleiding", ppad),
        ),
        ppad,
    )


def agenda_import(_agenda: None, data: Any, sleutels: p.Sleutels) -> Agenda:
    pad = "agenda"
    data = p.object_(data, pad)
    slug = p.tekst(data, "slug", pad, verplicht=True)
    if Agenda.objects.filter(slug=slug).exists():
        raise p.ImportFout(
            f"Er bestaat al een agenda met de korte naam {slug!r}; er is niets ingelezen."
        )
    niveaus = p.object_(data.get("niveaus") or {}, f"{pad}.niveaus")
    namen = {}
    for sleutel, prefix in _NIVEAUS.items():
        niveau = p.object_(niveaus.get(sleutel) or {}, f"{pad}.niveaus.{sleutel}")
        namen[f"{prefix}_naam"] = p.tekst(niveau, "naam", f"{pad}.niveaus.{sleutel}")
        namen[f"{prefix}_meervoud"] = p.tekst(niveau, "meervoud", f"{pad}.niveaus.{sleutel}")
    for verplicht in ("niveau1_naam", "actie_naam"):
        if not namen[verplicht]:
            raise p.ImportFout(f"{pad}.niveaus: de naam van {verplicht[:-5]} ontbreekt.")
    agenda = p.bewaar_ingelezen(
        Agenda(
            slug=slug,
            **{
                veld: p.tekst(data, veld, pad, verplicht=veld in ("gemeente", "titel"))
                for veld in _AGENDA_TEKSTEN
            },
            periode_start=p.datum(data, "periode_start", pad, verplicht=True),
            periode_eind=p.datum(data, "periode_eind", pad, verplicht=True),
            rapportageperiode=p.keuze(
                data, "rapportageperiode", pad, Rapportageperiode, Rapportageperiode.KWARTAAL
            ),
            status=p.keuze(data, "status", pad, AgendaStatus, AgendaStatus.ACTIEF),
            # The previous period, when this installation has it (else the link is dropped).
            voorganger=Agenda.objects.filter(slug=p.tekst(data, "voorganger", pad) or None).first(),
            **namen,
        ),
        pad,
    )
    for i, item in enumerate(p.lijst(data.get("uitgangspunten"), f"{pad}.uitgangspunten")):
        upad = f"{pad}.uitgangspunten[{i}]"
        item = p.object_(item, upad)
        p.bewaar_ingelezen(
            Uitgangspunt(
                agenda=agenda,
                volgorde=i,
                titel=p.tekst(item, "titel", upad),
                tekst=p.tekst(item, "tekst", upad),
            ),
            upad,
        )
    _publicatie_import(agenda, data, pad)
    return agenda


def _gearchiveerd(item: dict[str, Any], pad: str) -> bool:
    """The optional `gearchiveerd` flag (written only when true)."""
    waarde = item.get("gearchiveerd", False)
    if not isinstance(waarde, bool):
        raise p.ImportFout(f"{pad}.gearchiveerd: verwacht true of false.")
    return waarde


def organisaties_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    return [
        {
            "sleutel": sleutels.geef("organisatie", o, o.afkorting or o.naam),
            "naam": o.naam,
            "afkorting": o.afkorting,
            "sector": o.sector,
            "omschrijving": o.omschrijving,
            **({"gearchiveerd": True} if o.gearchiveerd else {}),
        }
        for o in agenda.organisaties.all()
    ]


def organisaties_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "organisaties")):
        pad = f"organisaties[{i}]"
        item = p.object_(item, pad)
        org = Organisatie(
            agenda=agenda,
            volgorde=i,
            naam=p.tekst(item, "naam", pad, verplicht=True),
            afkorting=p.tekst(item, "afkorting", pad),
            sector=p.keuze(item, "sector", pad, Sector, Sector.OVERIG),
            omschrijving=p.tekst(item, "omschrijving", pad),
            gearchiveerd=_gearchiveerd(item, pad),
        )
        p.bewaar_ingelezen(org, pad)
        sleutels.nieuw("organisatie", item.get("sleutel"), pad, org)


def personen_export(agenda: Agenda, sleutels: p.Sleutels) -> list[dict[str, Any]]:
    return [
        {
            "sleutel": sleutels.geef("persoon", persoon, persoon.naam),
            "naam": persoon.naam,
            "functie": persoon.functie,
            "organisatie": sleutels.sleutel("organisatie", persoon.organisatie),
            "email": persoon.email,
            **({"gearchiveerd": True} if persoon.gearchiveerd else {}),
        }
        for persoon in agenda.personen.select_related("organisatie")
    ]


def personen_import(agenda: Agenda, data: Any, sleutels: p.Sleutels) -> None:
    for i, item in enumerate(p.lijst(data, "personen")):
        pad = f"personen[{i}]"
        item = p.object_(item, pad)
        persoon = Persoon(
            agenda=agenda,
            volgorde=i,
            naam=p.tekst(item, "naam", pad, verplicht=True),
            functie=p.tekst(item, "functie", pad),
            organisatie=sleutels.obj("organisatie", item.get("organisatie"), f"{pad}.organisatie"),
            email=p.tekst(item, "email", pad),
            gearchiveerd=_gearchiveerd(item, pad),
        )
        p.bewaar_ingelezen(persoon, pad)
        sleutels.nieuw("persoon", item.get("sleutel"), pad, persoon)


# --- the next period: what carries over ------------------------------------------------------


def organisaties_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """The organisations that are not archived."""
    return [o for o in data if not o.get("gearchiveerd")]


def personen_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """The people who are not archived (an archived organisation's link is dropped)."""
    organisaties = overgang.sleutels_in("organisaties")
    return [
        {**persoon, "organisatie": p.alleen(persoon.get("organisatie"), organisaties)}
        for persoon in data
        if not persoon.get("gearchiveerd")
    ]


def registreer() -> None:
    p.registreer("agenda", exporteer=agenda_export, importeer=agenda_import)
    p.registreer(
        "organisaties",
        exporteer=organisaties_export,
        importeer=organisaties_import,
        nieuwe_periode=organisaties_nieuwe_periode,
    )
    p.registreer(
        "personen",
        exporteer=personen_export,
        importeer=personen_import,
        nieuwe_periode=personen_nieuwe_periode,
    )
