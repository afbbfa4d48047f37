"""Reads that are more than a QuerySet method, in three parts: the state of actions and of the
goal tree on a date (`stand`), the pages' reads (`paginas`) and the change history (`historie`)."""

from werkgroepen.selectors.dashboard import KnoopStand, dashboard
from werkgroepen.selectors.historie import (
    Historieregel,
    actie_historie,
    historie,
    verschil,
    werkgroep_historie,
)
from werkgroepen.selectors.keten import Keten, actie_keten
from werkgroepen.selectors.paginas import (
    Rapportageperiode,
    Tak,
    doelenboom,
    rapportageperiode_van,
    startpagina,
    werkgroep_pagina,
    werkgroepen_lijst,
)
from werkgroepen.selectors.stand import (
    STATUS_KLEUREN,
    ActieStand,
    Geldvoorstel,
    Stand,
    acties_met_stand,
    acties_onder_knoop,
    geldvoorstel,
    geldvoorstellen,
    registreer_geldvoorstel,
    stand_per_knoop,
    standen_op,
    standen_per_knoop,
    status_segmenten,
)

__all__ = [
    "STATUS_KLEUREN",
    "ActieStand",
    "Geldvoorstel",
    "Historieregel",
    "Keten",
    "KnoopStand",
    "Rapportageperiode",
    "Stand",
    "Tak",
    "actie_historie",
    "actie_keten",
    "acties_met_stand",
    "acties_onder_knoop",
    "dashboard",
    "doelenboom",
    "geldvoorstel",
    "geldvoorstellen",
    "historie",
    "rapportageperiode_van",
    "registreer_geldvoorstel",
    "stand_per_knoop",
    "standen_op",
    "standen_per_knoop",
    "startpagina",
    "status_segmenten",
    "verschil",
    "werkgroep_historie",
    "werkgroep_pagina",
    "werkgroepen_lijst",
]
