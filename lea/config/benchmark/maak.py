"""Writing a generated dataset through the models in bulk, with the history that pages read.

`bulk_create` skips `save()` and the signals, so what they would add is written here from the
same objects: django-simple-history's "+" row with its many-to-many snapshot (dated and
attributed as the generator says), the many-to-many rows themselves, and a creation time
(`auto_now_add`) that keeps the generator's value, so a dataset dated in the past reads as one.
`verwijder` removes such a dataset again.
"""

import contextlib
import datetime
import functools
import random
import threading
import uuid
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.utils import get_history_model_for_model

from ambities.models import Knoop
from lea.models import Agenda, Organisatie, Persoon, Sector
from overleg.models import Overlegorgaan, Soort
from werkgroepen.models import Actie, Werkgroep

BATCH = 4000
M = TypeVar("M", bound=models.Model)

# The attributes an unsaved object carries for `Schrijver.maak` (see `zet`).
_WANNEER, _DOOR, _M2M, _BEGIN = "_history_date", "_lk_door", "_lk_m2m", "_lk_begin"


def zet(
    obj: M,
    *,
    wanneer: datetime.datetime,
    door: int | None,
    m2m: Mapping[str, Sequence[int]] | None = None,
    begin: dict[str, Any] | None = None,
) -> M:
    """Mark an unsaved object with the moment and author of its "+" history row, its
    many-to-many sets (field name → ids), and the values that row holds where they differ
    from the object's own (an action is created before the updates it now follows)."""
    setattr(obj, _WANNEER, wanneer)
    setattr(obj, _DOOR, door)
    setattr(obj, _M2M, m2m or {})
    setattr(obj, _BEGIN, begin or {})
    return obj


@functools.cache
def _kolommen(model: type[models.Model]) -> tuple[tuple[tuple[str, Any], ...], frozenset[str]]:
    kolommen = tuple((veld.attname, veld) for veld in model._meta.concrete_fields)
    return kolommen, frozenset(naam for naam, _ in kolommen)


def nieuw(model: type[M], **waarden: Any) -> M:
    """`model(**waarden)` (with attnames: `actie_id`) built positionally, the fast path of
    Model.__init__: for the hundreds of thousands of rows of a dataset."""
    kolommen, namen = _kolommen(model)
    if not waarden.keys() <= namen:
        raise TypeError(f"{model.__name__} heeft geen {set(waarden) - namen}")
    return model(*[waarden[n] if n in waarden else v.get_default() for n, v in kolommen])


def heeft_historie(model: type[models.Model]) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


# Held while a model's `auto_now_add` is switched off: writers may run in several threads.
_TIJD = threading.Lock()


@contextlib.contextmanager
def _eigen_tijd(model: type[models.Model]) -> Iterator[None]:
    """Let `auto_now_add` fields keep the value set on the object (bulk_create would stamp
    the moment of the run on rows that the dataset dates years back)."""
    velden = [f for f in model._meta.concrete_fields if getattr(f, "auto_now_add", False)]
    if not velden:
        yield
        return
    _TIJD.acquire()
    for veld in velden:
        setattr(veld, "auto_now_add", False)  # noqa: B010  # a Field attribute, typed loosely
    try:
        yield
    finally:
        for veld in velden:
            setattr(veld, "auto_now_add", True)  # noqa: B010
        _TIJD.release()


class Schrijver:
    """Writes lists of unsaved objects with everything their save() would have written, and
    counts the rows per table."""

    def __init__(self) -> None:
        self.rijen: Counter[str] = Counter()
        self._slot = threading.Lock()

    def maak(self, model: type[M], objecten: list[M], *, historie: bool = True) -> list[M]:
        """Insert the objects, their many-to-many rows and (unless `historie` is False) their
        "+" history rows."""
        if not objecten:
            return objecten
        with _eigen_tijd(model):
            model._default_manager.bulk_create(objecten, batch_size=BATCH)
        self._tel(model, len(objecten))
        # Per many-to-many field its rows, each with the index of its object.
        koppelingen: dict[str, list[tuple[int, models.Model]]] = {}
        for veld in model._meta.local_many_to_many:
            tussen = veld.remote_field.through
            assert tussen is not None
            van, naar = f"{veld.m2m_field_name()}_id", f"{veld.m2m_reverse_field_name()}_id"
            paren = [
                (i, nieuw(tussen, **{van: obj.pk, naar: pk}))
                for i, obj in enumerate(objecten)
                for pk in getattr(obj, _M2M, {}).get(veld.name, ())
            ]
            tussen._default_manager.bulk_create([rij for _, rij in paren], batch_size=BATCH)
            self._tel(tussen, len(paren))
            koppelingen[veld.name] = paren
        if historie and heeft_historie(model):
            self._historie(model, objecten, koppelingen)
        return objecten

    def _historie(
        self,
        model: type[models.Model],
        objecten: list[Any],
        koppelingen: dict[str, list[tuple[int, models.Model]]],
    ) -> None:
        historisch: Any = get_history_model_for_model(model)
        velden = [veld.attname for veld in historisch.tracked_fields]
        nu = timezone.now()
        rijen = []
        for obj in objecten:
            waarden = {naam: getattr(obj, naam) for naam in velden}
            waarden.update(getattr(obj, _BEGIN, {}))
            rijen.append(
                nieuw(
                    historisch,
                    history_date=getattr(obj, _WANNEER, nu),
                    history_user_id=getattr(obj, _DOOR, None),
                    history_type="+",
                    history_change_reason="",
                    **waarden,
                )
            )
        historisch.objects.bulk_create(rijen, batch_size=BATCH)
        self._tel(historisch, len(rijen))
        # The snapshot of each set as it was at the "+" row: a copy of each link row.
        for veld in historisch._history_m2m_fields:
            snapshot = getattr(historisch, veld.name).model
            namen = [
                f.attname
                for f in snapshot._meta.fields
                if f.name not in ("history", "m2m_history_id")
            ]
            regels = [
                nieuw(
                    snapshot, history_id=rijen[i].pk, **{naam: getattr(rij, naam) for naam in namen}
                )
                for i, rij in koppelingen.get(veld.name, [])
            ]
            snapshot.objects.bulk_create(regels, batch_size=BATCH)
            self._tel(snapshot, len(regels))

    def _tel(self, model: type[models.Model], aantal: int) -> None:
        with self._slot:
            self.rijen[model._meta.label] += aantal

    @property
    def historie(self) -> int:
        """The history rows written (the "+" rows and their many-to-many snapshots)."""
        return sum(n for label, n in self.rijen.items() if ".Historical" in label)


def verwijder(modellen: Iterable[tuple[type[models.Model], str]], agenda_ids: list[int]) -> int:
    """Delete the rows of these models under the given agendas, last model first: per model
    its history snapshots and rows, its many-to-many rows, then its own rows. `pad` is the
    lookup from the model to the agenda's id ("agenda", "actie__agenda").

    Deleted without loading them: every model with history has a post_delete receiver (it
    writes a "-" row), so Django's delete would fetch each of half a million rows first.
    Run it in one transaction: foreign keys are checked at the commit.
    """
    totaal = 0
    for model, pad in reversed(list(modellen)):
        onder = {f"{pad}__in": agenda_ids}
        delen: list[models.QuerySet[Any]] = []
        if heeft_historie(model):
            historisch: Any = get_history_model_for_model(model)
            for veld in historisch._history_m2m_fields:
                snapshot = getattr(historisch, veld.name).model
                delen.append(snapshot.objects.filter(**{f"history__{pad}__in": agenda_ids}))
            delen.append(historisch.objects.filter(**onder))
        for veld in model._meta.local_many_to_many:
            tussen = veld.remote_field.through
            assert tussen is not None
            lookup = f"{veld.m2m_field_name()}__{pad}__in"
            delen.append(tussen._default_manager.filter(**{lookup: agenda_ids}))
        delen.append(model._default_manager.filter(**onder))
        for queryset in delen:
            totaal += queryset._raw_delete(queryset.db)
    return totaal


# --- what one generated agenda holds -----------------------------------------------------------

# The moments of a generated agenda are local times (TIME_ZONE), not the UTC of the run.
TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)

PARTNERS = (
    (Sector.GEMEENTE, "Gemeente {g}"),
    (Sector.PO, "Stichting Primair Onderwijs {g}"),
    (Sector.VO, "Scholengroep {g}"),
    (Sector.KINDEROPVANG, "Kinderopvang {g}"),
    (Sector.SWV, "Samenwerkingsverband Passend Onderwijs {g}"),
    (Sector.GGD, "GGD regio {g}"),
    (Sector.BIBLIOTHEEK, "Bibliotheek {g}"),
    (Sector.WELZIJN, "Welzijnsorganisatie {g}"),
)
VOORNAMEN = (
    "Anne Bram Carla Daan Eva Fatima Gert Hanna Ilse Jeroen Karim Lotte Mark Noor Olga Peter"
)
ACHTERNAMEN = "de Vries,Jansen,Bakker,Visser,Smit,Meijer,de Boer,Mulder,de Groot,Bos,Vos,Peters"
THEMAS = (
    "Kansengelijkheid",
    "Taal en lezen",
    "Gezonde leefstijl",
    "Doorlopende leerlijnen",
    "Passend onderwijs",
    "Voor- en vroegschoolse educatie",
    "Aansluiting onderwijs en arbeidsmarkt",
    "Ouderbetrokkenheid",
)
DOELEN = ("Versterken", "Uitbreiden", "Verbinden", "Borgen")
WERKWOORDEN = (
    "Uitbreiden van",
    "Versterken van",
    "Ontwikkelen van",
    "Evalueren van",
    "Inzetten op",
)
ONDERWERPEN = (
    "de leesbevordering op basisscholen",
    "het aanbod voorschoolse educatie",
    "de overstap van po naar vo",
    "zomerscholen voor nieuwkomers",
    "de brede brugklas",
    "ouderavonden over taal",
    "de samenwerking met de jeugdgezondheidszorg",
    "het verzuimprotocol",
    "stages in de regio",
    "de rijke schooldag",
)
PLANNINGEN = (
    "Q1 2025", "Q3 2025", "Q2 2026", "Q4 2026", "2025", "2026", "2027", "eind 2025",
    "schooljaar 2025/2026", "schooljaar 2026/2027", "voor de zomervakantie 2026", "doorlopend",
)  # fmt: skip
LEEFTIJDEN = ("0-4 jaar", "2-6 jaar", "4-12 jaar", "12-18 jaar", "", "")
TOELICHTINGEN = (
    "Loopt volgens plan; de partners zijn aangesloten.",
    "Eerste bijeenkomsten gehouden, evaluatie volgt.",
    "Vertraging door personeelstekort bij de uitvoerende partner.",
    "Bereik lager dan verwacht; extra inzet op werving.",
    "Afgerond en geëvalueerd in de werkgroep.",
)
ORGANEN = (
    (Soort.STUURGROEP, "Stuurgroep LEA"),
    (Soort.DIRECTEURENOVERLEG, "Directeurenoverleg po-vo"),
    (Soort.REGIEGROEP, "Regiegroep"),
    (Soort.AGENDACOMMISSIE, "Agendacommissie"),
    (Soort.VOORZITTERSOVERLEG, "Overleg van werkgroepvoorzitters"),
    (Soort.OVERIG, "Overleg voor- en vroegschoolse educatie"),
)


@dataclass(frozen=True)
class Vorm:
    """The size of one generated agenda."""

    acties: int
    updates: int
    werkgroepen: int = 5
    personen: int = 16
    organen: int = 6
    vergaderingen: int = 5  # per body
    niveau1: tuple[int, int] = (3, 5)
    niveau2: tuple[int, int] = (2, 4)


@dataclass
class Gemeente:
    """One agenda being generated, with what later steps link to."""

    agenda: Agenda
    vorm: Vorm
    rng: random.Random
    gebruikers: list[Any] = field(default_factory=list)  # the beleidsadviseur, then chairs
    organisaties: list[Organisatie] = field(default_factory=list)
    personen: list[Persoon] = field(default_factory=list)
    niveau1: list[Knoop] = field(default_factory=list)
    niveau2: list[Knoop] = field(default_factory=list)
    werkgroepen: list[Werkgroep] = field(default_factory=list)
    acties: list[Actie] = field(default_factory=list)
    organen: list[Overlegorgaan] = field(default_factory=list)
    leden: dict[int, list[Persoon]] = field(default_factory=dict)  # body pk → its members
    knoop_ouder: dict[int, int] = field(default_factory=dict)  # level-2 node → its parent

    @property
    def beleid(self) -> int:
        return int(self.gebruikers[0].pk)

    @property
    def begin(self) -> datetime.datetime:
        """When the agenda was set up: its structure's history starts here."""
        return datetime.datetime.combine(self.agenda.periode_start, datetime.time(9), TZ)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)
