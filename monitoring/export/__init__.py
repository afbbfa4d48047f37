"""Monitoring's sections of the agenda document: `begroting` (the budget) and `cijfers`
(indicators, schools, the schoolweging rule, VE figures)."""

from typing import Any

from lea import portability as p
from monitoring.export.begroting import begroting_export, begroting_import
from monitoring.export.cijfers import (
    indicatoren_export,
    indicatoren_import,
    scholen_export,
    scholen_import,
    signaalregel_export,
    signaalregel_import,
    ve_export,
    ve_import,
)


def begroting_nieuwe_periode(data: Any, overgang: p.Overgang) -> None:
    """A new period has a new budget: no budget lines, funding or realisations carry over."""
    return None


def scholen_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """Schools and their schoolweging carry over (the history of figures is still true)."""
    organisaties = overgang.sleutels_in("organisaties")
    return [{**s, "bestuur": p.alleen(s.get("bestuur"), organisaties)} for s in data]


def indicatoren_nieuwe_periode(data: Any, overgang: p.Overgang) -> list[dict[str, Any]]:
    """Indicators and their measurements carry over, linked to the nodes that do."""
    knopen = overgang.sleutels_in("knopen")
    return [
        {
            **i,
            "knopen": p.alleen_lijst(i.get("knopen"), knopen),
            "resultaten": [r for r in i.get("resultaten") or [] if r and r[0] in knopen],
        }
        for i in data
    ]


def registreer() -> None:
    """Called from the AppConfig: the sections, in document order."""
    p.registreer(
        "begroting",
        exporteer=begroting_export,
        importeer=begroting_import,
        nieuwe_periode=begroting_nieuwe_periode,
    )
    p.registreer(
        "scholen",
        exporteer=scholen_export,
        importeer=scholen_import,
        nieuwe_periode=scholen_nieuwe_periode,
    )
    p.registreer(
        "indicatoren",
        exporteer=indicatoren_export,
        importeer=indicatoren_import,
        nieuwe_periode=indicatoren_nieuwe_periode,
    )
    p.registreer("signaalregel", exporteer=signaalregel_export, importeer=signaalregel_import)
    p.registreer("ve_cijfers", exporteer=ve_export, importeer=ve_import)
