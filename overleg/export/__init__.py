"""Overleg's sections of the agenda document: `organen` (the bodies) and `vergaderingen` (the
meetings and the statutory agreements); what of them carries over to a next period; and their
registration with lea.portability."""

from typing import Any

from lea import portability as p
from overleg.export.organen import overlegorganen_export, overlegorganen_import
from overleg.export.vergaderingen import (
    afspraken_export,
    afspraken_import,
    vergaderingen_export,
    vergaderingen_import,
)


def overlegorganen_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """Every body that is not archived, with its current members, rhythm and preferences
    (people and organisations that stay behind are dropped from it)."""
    personen = overgang.sleutels_in("personen")
    organisaties = overgang.sleutels_in("organisaties")
    werkgroepen = overgang.sleutels_in("werkgroepen")
    return [
        {
            **orgaan,
            "werkgroep": p.alleen(orgaan.get("werkgroep"), werkgroepen),
            "organisaties": p.alleen_lijst(orgaan.get("organisaties"), organisaties),
            "voorzitter": p.alleen(orgaan.get("voorzitter"), personen),
            "secretaris": p.alleen(orgaan.get("secretaris"), personen),
            "leden": [
                {**lid, "organisatie": p.alleen(lid.get("organisatie"), organisaties)}
                for lid in orgaan.get("leden") or []
                if lid.get("persoon") in personen and not lid.get("gearchiveerd")
            ],
        }
        for orgaan in data
        if not orgaan.get("gearchiveerd")
    ]


def vergaderingen_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """Meetings, their items, decisions, action points and attendance stay behind."""
    return []


def afspraken_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """The statutory agreements carry over; the decision they came from stays behind."""
    return [{**afspraak, "besluit": None} for afspraak in data]


def export_registreer() -> None:
    p.registreer(
        "overlegorganen",
        exporteer=overlegorganen_export,
        importeer=overlegorganen_import,
        nieuwe_periode=overlegorganen_nieuwe_periode,
    )
    p.registreer(
        "vergaderingen",
        exporteer=vergaderingen_export,
        importeer=vergaderingen_import,
        nieuwe_periode=vergaderingen_nieuwe_periode,
    )
    p.registreer(
        "afspraken",
        exporteer=afspraken_export,
        importeer=afspraken_import,
        nieuwe_periode=afspraken_nieuwe_periode,
    )
