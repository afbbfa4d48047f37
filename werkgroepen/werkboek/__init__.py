"""The werkgroepen's sheets of the agenda workbook: Acties (the actions as the agenda document
prints them, `acties`) and Voortgang (a werkgroep chair's offline progress update,
`voortgang`); and the CSV of a filtered action list with the columns of the Acties sheet.

Reading compares each row with the database and writes nothing; the writes go through the
services in `pas_toe`, run by `lea.werkboek.werkboek_pas_toe` inside one transaction.
"""

from lea.werkboek import Blad
from lea.werkboek import registreer as registreer_blad
from werkgroepen.werkboek.acties import (
    ACTIE_KOLOMMEN,
    acties_als_csv,
    acties_lees,
    acties_lijsten,
    acties_rijen,
    knooplabels,
)
from werkgroepen.werkboek.gemeen import ACTIES, VOORTGANG
from werkgroepen.werkboek.voortgang import (
    VOORTGANG_KOLOMMEN,
    voortgang_lees,
    voortgang_lijsten,
    voortgang_rijen,
)

__all__ = ["ACTIES", "ACTIE_KOLOMMEN", "VOORTGANG", "acties_als_csv", "knooplabels", "registreer"]


def registreer() -> None:
    """The two sheets, from WerkgroepenConfig.ready: Acties before Voortgang, so that an
    action edited on both is edited before its progress is recorded."""
    registreer_blad(
        Blad(
            ACTIES,
            ACTIE_KOLOMMEN,
            acties_rijen,
            acties_lees,
            acties_lijsten,
            uitleg="De acties van de agenda, zoals het document ze drukt.",
        )
    )
    registreer_blad(
        Blad(
            VOORTGANG,
            VOORTGANG_KOLOMMEN,
            voortgang_rijen,
            voortgang_lees,
            voortgang_lijsten,
            per_werkgroep=True,
            uitleg="Per actie de stand van nu; een gewijzigde rij wordt een nieuwe rapportage.",
        )
    )
