"""Calendar helpers: the calendar year and the reporting periods."""

import datetime

from lea.models import Rapportageperiode

_MAANDEN: dict[str, int] = {
    Rapportageperiode.KWARTAAL: 3,
    Rapportageperiode.TERTIAAL: 4,
    Rapportageperiode.HALFJAAR: 6,
}


def kalenderjaar(jaar: int) -> tuple[datetime.date, datetime.date]:
    """The calendar year as a period: 1 January to 31 December (reports, budget, the law)."""
    return datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31)


def rapportageperiode(soort: str, datum: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The reporting period (quarter, four months or half year) containing this date."""
    maanden = _MAANDEN[soort]
    eerste_maand = (datum.month - 1) // maanden * maanden + 1
    begin = datetime.date(datum.year, eerste_maand, 1)
    volgende = eerste_maand + maanden
    if volgende > 12:
        eind = datetime.date(datum.year, 12, 31)
    else:
        eind = datetime.date(datum.year, volgende, 1) - datetime.timedelta(days=1)
    return begin, eind


def periode_naam(soort: str, datum: datetime.date) -> str:
    begin, _eind = rapportageperiode(soort, datum)
    nummer = (begin.month - 1) // _MAANDEN[soort] + 1
    letter = {"kwartaal": "Q", "tertiaal": "T", "halfjaar": "H"}[soort]
    return f"{letter}{nummer} {begin.year}"
