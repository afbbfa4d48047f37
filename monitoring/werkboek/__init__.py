"""Monitoring's sheets of the agenda workbook (lea.werkboek), in this order: Indicatoren,
Metingen, Scholen, Schoolweging, VE-cijfers, Begroting, Realisaties.

Every sheet has an ID column; rows match on it, rows without one are created, and objects the
file does not list are left as they are (the preview lists them). Reading checks each row with
its model's own rules on an unsaved object, so the preview refuses what saving would; the
writes are monitoring's services. Archived indicators, schools and budget lines are not in the
workbook; an ID of one is an error. Why Schoolweging and Realisaties are sheets of their own:
see `scholen` and `realisaties`.
"""

from lea import werkboek
from monitoring.werkboek.begroting import BLAD_BEGROTING
from monitoring.werkboek.indicatoren import BLAD_INDICATOREN, BLAD_METINGEN
from monitoring.werkboek.realisaties import BLAD_REALISATIES
from monitoring.werkboek.scholen import BLAD_SCHOLEN, BLAD_SCHOOLWEGING, BLAD_VE

BLADEN = (
    BLAD_INDICATOREN,
    BLAD_METINGEN,
    BLAD_SCHOLEN,
    BLAD_SCHOOLWEGING,
    BLAD_VE,
    BLAD_BEGROTING,
    BLAD_REALISATIES,
)


def registreer() -> None:
    """Called from the AppConfig: the sheets, in workbook order."""
    for blad in BLADEN:
        werkboek.registreer(blad)
