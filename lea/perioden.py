"""Calendar helpers: the school year (1 Aug–31 Jul), the calendar year and reporting periods."""

import datetime

from lea.models import Rapportageperiode

_MAANDEN = {
    Rapportageperiode.KWARTAAL: 3,
    Rapportageperiode.TERTIAAL: 4,
    Rapportageperiode.HALFJAAR: 6,
}


def schooljaar(datum: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The school year containing this date: 1 August to 31 July."""
    begin = datum.year if datum.month >= 8 else datum.year - 1
    return datetime.date(begin, 8, 1), datetime.date(begin + 1, 7, 31)


def kalenderjaar(datum: datetime.date) -> tuple[datetime.date, datetime.date]:
    return datetime.date(datum.year, 1, 1), datetime.date(datum.year, 12, 31)


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
    begin, eind = rapportageperiode(soort, datum)
    nummer = (begin.month - 1) // _MAANDEN[soort] + 1
    letter = {"kwartaal": "Q", "tertiaal": "T", "halfjaar": "H"}[soort]
    return f"{letter}{nummer} {begin.year}"
