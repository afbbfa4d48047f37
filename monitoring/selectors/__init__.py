"""Every read of monitoring that is more than a QuerySet method.

`begroting`: the budget overview as the agendas print it; `cijfers`: indicators, schoolweging
signals and the dashboard panel; `jaarrapporten`: what goes into the three yearly reports.
"""

from monitoring.selectors.begroting import (
    Overzicht,
    Realisatieoverzicht,
    begroting_overzicht,
    begroting_van_jaar,
    begrotingsoverzicht,
    geldregel_van,
    geldvoorstel_actie,
    geldvoorstellen_acties,
    realisatie_overzicht,
)
from monitoring.selectors.cijfers import (
    Dashboard,
    IndicatorMetGrafiek,
    dashboard_gegevens,
    indicator_grafiek,
    indicatoren_met_grafiek,
    signalen_schoolweging,
)
from monitoring.selectors.jaarrapporten import (
    ActieMetUpdate,
    Hoofdstuk,
    Verantwoordingsregel,
    acties_aandacht,
    hoofdstukken,
    plannen_volgend_jaar,
    verantwoording_gegevens,
    vergaderingen_van_jaar,
)

__all__ = [
    "ActieMetUpdate",
    "Dashboard",
    "Hoofdstuk",
    "IndicatorMetGrafiek",
    "Overzicht",
    "Realisatieoverzicht",
    "Verantwoordingsregel",
    "acties_aandacht",
    "begroting_overzicht",
    "begroting_van_jaar",
    "begrotingsoverzicht",
    "dashboard_gegevens",
    "geldregel_van",
    "geldvoorstel_actie",
    "geldvoorstellen_acties",
    "hoofdstukken",
    "indicator_grafiek",
    "indicatoren_met_grafiek",
    "plannen_volgend_jaar",
    "realisatie_overzicht",
    "signalen_schoolweging",
    "verantwoording_gegevens",
    "vergaderingen_van_jaar",
]
