from monitoring.models.begroting import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    FinancieringsBron,
)
from monitoring.models.cijfers import (
    Bron,
    Indicator,
    IndicatorSoort,
    Meting,
    Richting,
    School,
    Schoolweging,
    Signaalregel,
    VeCijfers,
)
from monitoring.models.rapporten import (
    Rapport,
    RapportSoort,
    RapportStatus,
    Verantwoording,
    VerantwoordingStatus,
)

__all__ = [
    "Begroting",
    "Begrotingsbedrag",
    "Begrotingspost",
    "Bron",
    "Financiering",
    "FinancieringsBron",
    "Financieringsbedrag",
    "Indicator",
    "IndicatorSoort",
    "Meting",
    "Rapport",
    "RapportSoort",
    "RapportStatus",
    "Richting",
    "School",
    "Schoolweging",
    "Signaalregel",
    "VeCijfers",
    "Verantwoording",
    "VerantwoordingStatus",
]
