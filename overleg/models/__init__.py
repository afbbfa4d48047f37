from overleg.models.agendapunten import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    AgendapuntQuerySet,
    Besluit,
    PuntSoort,
    PuntStatus,
)
from overleg.models.organen import WEEKDAGEN, Orgaanlid, Overlegorgaan, Soort
from overleg.models.pdf import DocumentSoort, DocumentStatus, Vergaderdocument
from overleg.models.vergaderingen import (
    Aanwezigheid,
    Stuk,
    Vergadering,
    VergaderingQuerySet,
    VergaderStatus,
    Verzending,
    VerzendSoort,
    VerzendStatus,
)
from overleg.models.wettelijk import Afspraak, Beoordeling, WettelijkOnderwerp

__all__ = [
    "WEEKDAGEN",
    "Aanwezigheid",
    "Actiepunt",
    "ActiepuntStatus",
    "Afspraak",
    "Agendapunt",
    "AgendapuntQuerySet",
    "Beoordeling",
    "Besluit",
    "DocumentSoort",
    "DocumentStatus",
    "Orgaanlid",
    "Overlegorgaan",
    "PuntSoort",
    "PuntStatus",
    "Soort",
    "Stuk",
    "VergaderStatus",
    "Vergaderdocument",
    "Vergadering",
    "VergaderingQuerySet",
    "VerzendSoort",
    "VerzendStatus",
    "Verzending",
    "WettelijkOnderwerp",
]
