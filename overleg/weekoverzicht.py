"""What a weekly digest is made of: per agenda its lists of changes, terms, meetings and held-
back notifications, each cut at MAX_REGELS lines with the rest counted (read by
overleg.selectors_overzicht, sent by overleg.services.overzicht)."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from lea.weergave import naam_van

WEEK = datetime.timedelta(days=7)
BINNENKORT = datetime.timedelta(weeks=4)  # what falls due: the next four weeks
KOMEND = datetime.timedelta(days=14)  # meetings: the next two weeks
MAX_REGELS = 10  # lines per list; the rest is counted ("en nog 4")

T = TypeVar("T")


@dataclass
class Wijziging:
    """Something another person changed in one of the login's actions."""

    op: datetime.datetime
    actie: str
    url: str
    wat: str
    door: str
    tekst: str = ""


@dataclass
class Termijn:
    """An open action or action point with its due date."""

    datum: datetime.date
    tekst: str
    url: str
    soort: str


@dataclass
class Bijeenkomst:
    """A coming meeting of a body the login is a member of."""

    begin: datetime.datetime
    eind: datetime.datetime
    orgaan: str
    locatie: str
    url: str


@dataclass
class Bericht:
    """A notification whose mail the login chose to skip."""

    op: datetime.datetime
    titel: str
    tekst: str
    url: str


@dataclass
class Lijst(Generic[T]):
    """The first MAX_REGELS items of a list, and how many more there are."""

    regels: list[T] = field(default_factory=list)
    meer: int = 0

    @classmethod
    def van(cls, items: Iterable[T], sleutel: Any, omgekeerd: bool = False) -> "Lijst[T]":
        alle = sorted(items, key=sleutel, reverse=omgekeerd)
        return cls(alle[:MAX_REGELS], max(len(alle) - MAX_REGELS, 0))

    def __bool__(self) -> bool:
        return bool(self.regels)

    @property
    def aantal(self) -> int:
        return len(self.regels) + self.meer


@dataclass
class AgendaDeel:
    """The part of a digest about one agenda."""

    titel: str
    url: str
    wijzigingen: Lijst[Wijziging]
    binnenkort: Lijst[Termijn]
    te_laat: Lijst[Termijn]
    vergaderingen: Lijst[Bijeenkomst]
    meldingen: Lijst[Bericht]

    @property
    def leeg(self) -> bool:
        lijsten = (self.wijzigingen, self.binnenkort, self.te_laat, self.vergaderingen)
        return not any(lijsten) and not self.meldingen


@dataclass
class Weekoverzicht:
    """One login's digest for the week that ends on `maandag`."""

    gebruiker: Any
    maandag: datetime.date
    agendas: list[AgendaDeel]
    meldingen: Lijst[Bericht]  # notifications that belong to no agenda

    def __post_init__(self) -> None:
        # The last day of each period, as the mail names them.
        dag = datetime.timedelta(days=1)
        self.naam = naam_van(self.gebruiker)
        self.van, self.tot_en_met = self.maandag - WEEK, self.maandag - dag
        self.binnenkort_tot = self.maandag + BINNENKORT - dag
        self.komend_tot = self.maandag + KOMEND - dag

    @property
    def leeg(self) -> bool:
        return not self.meldingen and all(deel.leeg for deel in self.agendas)
