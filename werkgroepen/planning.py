"""Reading an action's planning and target age as written ("Q3 2025", "0-6 jaar").

One parser for every way a planning enters LEA: the JSON import, the spreadsheet import, the
action form and the data migration. `lees_planning` turns the text into a kind
(`TimingSoort`) with a start and an end; `lees_leeftijd` turns an age text into whole years.

The rules, where Dutch leaves a choice:
- "tot X" is exclusive, "tot en met X" / "t/m X" inclusive: "tot 2026" ends on 31 December
  2025, "0 tot 4 jaar" is 0 up to and including 3 (as the action list's age group "0–4 jaar").
  A point in time (a date, "medio 2025", "eind 2025") after "tot" or "voor" is the deadline
  itself: "voor 1 maart 2026" ends on 1 March.
- "voor X" with X a span ends the day before X starts ("voor Q3 2025" → 30 June 2025).
- The summer holidays start in July in every region (north, middle, south; the latest region
  ends early September), so "voor de zomervakantie 2026" is a deadline of 30 June 2026.
- A school year runs from 1 August to 31 July; "2025/2026" without the word is one too.
- "medio" is 30 June of a year or the 15th of a month; "begin" of a year is its first quarter.
- A list or range of several parts is a `periode` from the earliest start to the latest end;
  one part alone keeps its own kind.
- Recurring work (`terugkerend`) and continuous work (`doorlopend`) start at the start of the
  agenda's period and have no end; the agenda's period itself ("in deze beleidsperiode")
  is a `periode` from its start to its end, and is not understood when the period is unknown.
  "vanaf X" runs from the start of X to the end of the agenda's period (no end beyond it).
- Ages: "4-12 jaar" and "tussen 4 en 12 jaar" include both ends; "12+" / "vanaf 12 jaar" has
  no maximum; "18-" ("18-minners") and "tot 18 jaar" mean younger than 18. Numbers of a
  school group ("groep 1 en 2") or without "jaar" inside a sentence are no age.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Final

from werkgroepen.models import TimingSoort


@dataclass(frozen=True)
class Planning:
    """A planning as read from its text: its kind and dates, and whether the text was read."""

    soort: str  # a TimingSoort value
    start: datetime.date | None
    eind: datetime.date | None
    begrepen: bool  # False: not recognised → soort "onbepaald", no dates


NIET_BEGREPEN: Final = Planning(TimingSoort.ONBEPAALD.value, None, None, begrepen=False)
LEEG: Final = Planning(TimingSoort.ONBEPAALD.value, None, None, begrepen=True)

_DAG = datetime.timedelta(days=1)

_MAANDEN: Final = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2, "febr": 2,
    "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_MAAND = "(" + "|".join(sorted(_MAANDEN, key=len, reverse=True)) + r")\.?"
_JAAR = r"(\d{4})"
_RANGTELWOORDEN: Final = {
    "1e": 1, "1ste": 1, "eerste": 1,
    "2e": 2, "2de": 2, "tweede": 2,
    "3e": 3, "3de": 3, "derde": 3,
    "4e": 4, "4de": 4, "vierde": 4,
}  # fmt: skip
_RANG = "(" + "|".join(sorted(_RANGTELWOORDEN, key=len, reverse=True)) + ")"
_VAN = r"(?:\s+van)?\s+"  # "3e kwartaal van 2025"

# One span of time, as (soort, start, eind); a date has start None.
_Stuk = tuple[str, datetime.date | None, datetime.date]


def _jaar(tekst: str) -> int | None:
    jaar = int(tekst)
    return jaar if 1900 <= jaar <= 2199 else None


def _maand_eind(jaar: int, maand: int) -> datetime.date:
    if maand == 12:
        return datetime.date(jaar, 12, 31)
    return datetime.date(jaar, maand + 1, 1) - _DAG


def _span(soort: TimingSoort, jaar: int, van_maand: int, tot_maand: int) -> _Stuk:
    """Whole months `van_maand`..`tot_maand` of `jaar`."""
    return soort.value, datetime.date(jaar, van_maand, 1), _maand_eind(jaar, tot_maand)


def _jaar_of_schooljaar(tekst: str) -> _Stuk | None:
    if m := re.fullmatch(_JAAR, tekst):
        jaar = _jaar(m[1])
        return None if jaar is None else _span(TimingSoort.JAAR, jaar, 1, 12)
    m = re.fullmatch(r"(schooljaar |sj\.? ?)?(\d{4}) ?([/-]) ?'?(\d{4}|\d{2})", tekst)
    if m is None or (m[3] == "-" and not m[1]):
        return None  # "2025-2026" is a range of two years, not a school year
    jaar = _jaar(m[2])
    volgend = int(m[4]) if len(m[4]) == 4 else int(m[2][:2] + m[4])
    if jaar is None or volgend != jaar + 1:
        return None
    return TimingSoort.SCHOOLJAAR.value, datetime.date(jaar, 8, 1), datetime.date(volgend, 7, 31)


def _kwartaal(tekst: str) -> _Stuk | None:
    if m := re.fullmatch(_JAAR + r" ?[- ] ?q ?(\d)", tekst):  # "2025-Q3"
        tekst = f"q{m[2]} {m[1]}"
    m = (
        re.fullmatch(r"q ?(\d) ?[-/ ]? ?" + _JAAR, tekst)
        or re.fullmatch(r"kwartaal (\d)" + _VAN + _JAAR, tekst)
        or re.fullmatch(_RANG + r" kwartaal" + _VAN + _JAAR, tekst)
    )
    if m is None:
        return None
    nummer, jaar = _RANGTELWOORDEN.get(m[1]) or int(m[1]), _jaar(m[2])
    if jaar is None or not 1 <= nummer <= 4:
        return None
    return _span(TimingSoort.KWARTAAL, jaar, 3 * nummer - 2, 3 * nummer)


def _halfjaar(tekst: str) -> _Stuk | None:
    m = (
        re.fullmatch(_RANG + r" (?:helft|halfjaar|half jaar)" + _VAN + _JAAR, tekst)
        or re.fullmatch(r"h ?(\d) ?[-/ ]? ?" + _JAAR, tekst)
        or re.fullmatch(r"(voorjaar|najaar)" + _VAN + _JAAR, tekst)
    )
    if m is None:
        return None
    seizoen = {"voorjaar": 1, "najaar": 2}.get(m[1])
    nummer, jaar = seizoen or _RANGTELWOORDEN.get(m[1]) or int(m[1]), _jaar(m[2])
    if jaar is None or nummer not in (1, 2):
        return None
    return _span(TimingSoort.HALFJAAR, jaar, 6 * nummer - 5, 6 * nummer)


def _maand_of_datum(tekst: str) -> _Stuk | None:
    if m := re.fullmatch(_MAAND + r" ?" + _JAAR, tekst):
        jaar, maand = _jaar(m[2]), _MAANDEN[m[1]]
        return None if jaar is None else _span(TimingSoort.MAAND, jaar, maand, maand)
    if m := re.fullmatch(r"(\d{1,2}) ?" + _MAAND + r" ?" + _JAAR, tekst):
        jaar, maand, dag = _jaar(m[3]), _MAANDEN[m[2]], int(m[1])
    elif m := re.fullmatch(r"(\d{1,2})([-/.])(\d{1,2})\2" + _JAAR, tekst):  # 01-03-2026
        jaar, maand, dag = _jaar(m[4]), int(m[3]), int(m[1])
    elif m := re.fullmatch(_JAAR + r"-(\d{1,2})-(\d{1,2})", tekst):  # 2026-03-01
        jaar, maand, dag = _jaar(m[1]), int(m[2]), int(m[3])
    else:
        return None
    try:
        return TimingSoort.DATUM.value, None, datetime.date(jaar or 0, maand, dag)
    except ValueError:  # 31 februari, or a year out of range
        return None


_EENHEDEN: Final = (_jaar_of_schooljaar, _kwartaal, _halfjaar, _maand_of_datum)


def _eenheid(tekst: str) -> _Stuk | None:
    """One unit of time: a year, school year, quarter, half year, month or date."""
    for lees in _EENHEDEN:
        if (stuk := lees(tekst)) is not None:
            return stuk
    return None


def _term(tekst: str) -> _Stuk | None:
    """A unit, or a moment within one: "eind 2025", "medio 2025", "begin 2026"."""
    tekst = tekst.strip()
    if m := re.fullmatch(r"(eind|einde|medio|halverwege|midden|begin)\s+(?:van\s+)?(.+)", tekst):
        woord, stuk = m[1], _eenheid(m[2])
        if stuk is None or (start := stuk[1]) is None:
            return None  # "eind 1 maart 2026" says nothing a date does not
        soort, eind = stuk[0], stuk[2]
        if woord in ("eind", "einde"):
            return TimingSoort.DATUM.value, None, eind
        if woord == "begin":
            if soort != TimingSoort.JAAR:
                return None
            return _span(TimingSoort.KWARTAAL, start.year, 1, 3)
        if soort == TimingSoort.JAAR:  # medio
            return TimingSoort.DATUM.value, None, datetime.date(start.year, 6, 30)
        if soort == TimingSoort.MAAND:
            return TimingSoort.DATUM.value, None, start.replace(day=15)
        return None
    return _eenheid(tekst)


# Between the parts of a list or range. "tot" (exclusive) is kept apart: see `_reeks`.
_SCHEIDING = re.compile(r"\s*(?:;|,|\+|&|\ben\b|t/m|\btot en met\b|\btot\b|-)\s*")


def _begin(stuk: _Stuk) -> datetime.date:
    return stuk[1] or stuk[2]


def _voor(stuk: _Stuk) -> datetime.date:
    """The last day "voor"/"tot" a part: a point itself, else the day before a span starts."""
    return stuk[2] if stuk[1] is None else stuk[1] - _DAG


def _reeks(tekst: str) -> _Stuk | None:
    """One term, or a list/range of terms ("2025 en 2026", "Q1 2025 - Q3 2025") as a
    periode. A part without a year borrows the next year in the text ("Q1-Q3 2025")."""
    if (stuk := _term(tekst)) is not None:
        return stuk
    sneden = list(_SCHEIDING.finditer(tekst))
    if not sneden:
        return None
    grenzen = [(0, 0, "")] + [(m.start(), m.end(), m[0].strip()) for m in sneden]
    grenzen.append((len(tekst), len(tekst), ""))
    # delen[i]: the text from cut i to its end as parts, each part as long as the rest allows.
    delen: dict[int, list[tuple[_Stuk, str]] | None] = {len(grenzen) - 1: []}
    for i in range(len(grenzen) - 2, -1, -1):
        delen[i] = None
        for j in range(len(grenzen) - 1, i, -1):
            rest = delen[j]
            if rest is None:
                continue
            stuk = _deel(tekst, grenzen[i][1], grenzen[j][0])
            if stuk is not None:
                delen[i] = [(stuk, grenzen[i][2]), *rest]
                break
    gevonden = delen[0]
    if not gevonden or len(gevonden) < 2:
        return None
    start = min(_begin(stuk) for stuk, _ in gevonden)
    eind = max(_voor(stuk) if scheiding == "tot" else stuk[2] for stuk, scheiding in gevonden)
    if start > eind:
        return None
    return TimingSoort.PERIODE.value, start, eind


def _deel(tekst: str, van: int, tot: int) -> _Stuk | None:
    deel = tekst[van:tot].strip()
    if not deel:
        return None
    stuk = _term(deel)
    jaar = re.search(r"\b\d{4}\b", tekst[tot:])
    if stuk is None and jaar and not re.search(r"\d{4}", deel):
        stuk = _term(f"{deel} {jaar[0]}")
    return stuk


_DOORLOPEND = re.compile(r"doorlopend|continu|continue|structureel|permanent|blijvend")
_TAL = r"(?:\d+|een|één|twee|drie|vier|vijf|zes|acht|tien|twaalf)"
_EENHEID = r"(?:jaar|schooljaar|half jaar|halfjaar|kwartaal|maand|week|periode|semester)"
_TERUGKEREND = re.compile(
    rf"{_TAL}\s*(?:x|keer|maal)\s*(?:per|in het|in de|elk|elke|ieder|iedere)\s*{_EENHEID}"
    r"|(?:half|twee|drie|vier|zes)?(?:jaarlijks|maandelijks|wekelijks)|kwartaallijks"
    rf"|(?:elk|elke|ieder|iedere|per)\s+{_EENHEID}"
)
_PERIODE = re.compile(
    r"(?:gedurende |tijdens |aan het einde van |aan het eind van |einde van |eind )?"
    r"(?:de |deze |onze )?(?:komende |gehele |hele )?(?:looptijd van de (?:lea|agenda)"
    r"|(?:looptijd|(?:beleids|agenda|lea|hea)[- ]?periode|periode)(?: van de (?:lea|agenda))?)"
)


def _normaal(tekst: str) -> str:
    tekst = tekst.lower().replace("\u00a0", " ")
    tekst = re.sub("[\u2010-\u2015]", "-", tekst)  # hyphens and dashes as printed
    tekst = tekst.replace("vóór", "voor").replace("’", "'")
    tekst = re.sub(r"\s+", " ", tekst).strip(" .;,:")
    tekst = re.sub(r"^(?:in|het)\s+", "", tekst)
    return re.sub(r"^(?:het)\s+", "", tekst)


def lees_planning(
    tekst: str,
    *,
    periode_start: datetime.date | None = None,
    periode_eind: datetime.date | None = None,
) -> Planning:
    """The kind and dates of a planning as written; `periode_*` is the agenda's period, for
    the texts that refer to it ("in deze beleidsperiode", "doorlopend", "vanaf 2026")."""
    tekst = _normaal(tekst or "")
    if not tekst:
        return LEEG
    if _DOORLOPEND.fullmatch(tekst):
        return Planning(TimingSoort.DOORLOPEND.value, periode_start, None, begrepen=True)
    if _TERUGKEREND.fullmatch(tekst):
        return Planning(TimingSoort.TERUGKEREND.value, periode_start, None, begrepen=True)
    if _PERIODE.fullmatch(tekst):
        if periode_start is None or periode_eind is None:
            return NIET_BEGREPEN
        return Planning(TimingSoort.PERIODE.value, periode_start, periode_eind, begrepen=True)
    if m := re.fullmatch(r"(?:uiterlijk )?voor (?:de )?zomer(?:vakantie)?(?: van)? (\d{4})", tekst):
        jaar = _jaar(m[1])
        if jaar is None:
            return NIET_BEGREPEN
        return Planning(TimingSoort.DATUM.value, None, datetime.date(jaar, 6, 30), begrepen=True)
    if m := re.fullmatch(r"(vanaf|per|met ingang van|m\.i\.v\.|na) (.+)", tekst):
        return _vanaf(m[1], m[2], periode_eind)
    if m := re.fullmatch(r"(uiterlijk(?: in| voor)?|voor|deadline|tot en met|t/m|tot) (.+)", tekst):
        return _tot(m[1], m[2])
    stuk = _reeks(tekst)
    if stuk is None:
        return NIET_BEGREPEN
    return Planning(stuk[0], stuk[1], stuk[2], begrepen=True)


def _vanaf(woord: str, rest: str, periode_eind: datetime.date | None) -> Planning:
    """ "vanaf Q2 2026": a periode from its start to the agenda's end (if that lies after)."""
    stuk = _reeks(rest)
    if stuk is None:
        return NIET_BEGREPEN
    start = stuk[2] + _DAG if woord == "na" else _begin(stuk)
    eind = periode_eind if periode_eind is not None and periode_eind >= start else None
    return Planning(TimingSoort.PERIODE.value, start, eind, begrepen=True)


def _tot(woord: str, rest: str) -> Planning:
    """A deadline ("uiterlijk eind 2025", "voor 1 maart 2026": datum) or an end without a
    start ("tot medio 2025", "t/m 2026": periode)."""
    stuk = _reeks(rest)
    if stuk is None:
        return NIET_BEGREPEN
    inclusief = woord in ("uiterlijk", "uiterlijk in", "deadline", "tot en met", "t/m")
    eind = stuk[2] if inclusief else _voor(stuk)
    soort = TimingSoort.PERIODE if woord in ("tot en met", "t/m", "tot") else TimingSoort.DATUM
    return Planning(soort.value, None, eind, begrepen=True)


# --- ages ---------------------------------------------------------------------------------

_JAREN = r"\s*(?:jaar|jr|jarigen)\b"
_OPTIONEEL_JAREN = f"(?:{_JAREN})?"
_MAX_LEEFTIJD = 120  # the model's limit (actie_leeftijd_max_redelijk)
# "12-18 jaar", "4 t/m 12 jaar", "0 tot 4 jaar", "tussen 1 en 2 jaar"; without "jaar" only
# when the text ends there ("12-18"), so that "groep 1 en 2" is no age.
_VAN_TOT = re.compile(
    r"(?P<tussen>tussen )?(?P<laag>\d{1,3}) ?(?P<woord>-|t/m|tot en met|tot|en) ?"
    r"(?P<hoog>\d{1,3})(?:" + _JAREN + r"|\s*$)"
)
_GEEN_LEEFTIJD = re.compile(r"(?:groep|groepen|klas|klassen|leerjaar|leerjaren)\s*$")


def lees_leeftijd(tekst: str) -> tuple[int | None, int | None]:
    """The target age as written, in whole years (min, max) with max inclusive; (None, None)
    when the text gives no number of years ("peuters", "de eerste 1000 dagen")."""
    tekst = re.sub(r"\s+", " ", _normaal(tekst or "").replace("t/m", " t/m ")).strip()
    laag: int | None
    hoog: int | None
    if m := _VAN_TOT.search(tekst):
        if _GEEN_LEEFTIJD.search(tekst[: m.start()]) or (m["woord"] == "en" and not m["tussen"]):
            return None, None
        laag, hoog = int(m["laag"]), int(m["hoog"])
        if m["woord"] == "tot":
            hoog -= 1  # "0 tot 4 jaar": up to the fourth birthday
    elif m := re.search(r"(vanaf|ouder dan|boven de) ?(\d{1,3})" + _OPTIONEEL_JAREN, tekst):
        laag, hoog = int(m[2]) + (0 if m[1] == "vanaf" else 1), None
    elif m := re.search(r"(\d{1,3}) ?(?:\+|" + _JAREN + r" en ouder)", tekst):
        laag, hoog = int(m[1]), None
    elif m := re.search(r"(?:tot en met|t/m) ?(\d{1,3})" + _OPTIONEEL_JAREN, tekst):
        laag, hoog = None, int(m[1])
    elif m := re.search(r"(?:tot|jonger dan|onder de) ?(\d{1,3})" + _OPTIONEEL_JAREN, tekst):
        laag, hoog = None, int(m[1]) - 1  # "tot 18 jaar": younger than 18
    elif m := re.fullmatch(r"(\d{1,3}) ?-(?:minners?)?", tekst):
        laag, hoog = None, int(m[1]) - 1  # "18-", "18-minners": younger than 18
    elif m := re.search(r"(\d{1,3})" + _JAREN, tekst):
        laag = hoog = int(m[1])
    else:
        return None, None
    if any(n is not None and n > _MAX_LEEFTIJD for n in (laag, hoog)) or (
        hoog is not None and (hoog < 0 or (laag is not None and laag > hoog))
    ):
        return None, None
    return laag, hoog
