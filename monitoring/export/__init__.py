"""Monitoring's sections of the agenda document: `begroting` (the budget) and `cijfers`
(indicators, schools, the schoolweging rule, VE figures)."""

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


def registreer() -> None:
    """Called from the AppConfig: the sections, in document order."""
    p.registreer("begroting", exporteer=begroting_export, importeer=begroting_import)
    p.registreer("scholen", exporteer=scholen_export, importeer=scholen_import)
    p.registreer("indicatoren", exporteer=indicatoren_export, importeer=indicatoren_import)
    p.registreer("signaalregel", exporteer=signaalregel_export, importeer=signaalregel_import)
    p.registreer("ve_cijfers", exporteer=ve_export, importeer=ve_import)
