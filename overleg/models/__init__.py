from overleg.models.agendapunten import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Besluit,
    PuntSoort,
    PuntStatus,
)
from overleg.models.organen import WEEKDAGEN, Orgaanlid, Overlegorgaan, Soort
from overleg.models.vergaderingen import (
    Aanwezigheid,
    Stuk,
    Vergadering,
    VergaderStatus,
    Verzending,
)
from overleg.models.wettelijk import Afspraak, Beoordeling, WettelijkOnderwerp

__all__ = [
    "WEEKDAGEN",
    "Aanwezigheid",
    "Actiepunt",
    "ActiepuntStatus",
    "Afspraak",
    "Agendapunt",
    "Beoordeling",
    "Besluit",
    "Orgaanlid",
    "Overlegorgaan",
    "PuntSoort",
    "PuntStatus",
    "Soort",
    "Stuk",
    "Vergadering",
    "VergaderStatus",
    "Verzending",
    "WettelijkOnderwerp",
]
