"""An agenda's version, and its public view's: raised after every committed change to it.

Expensive pages are cached per agenda and version (lea/paginacache.py), and the public pages,
JSON and CSV per publication version (monitoring/openbaar/views.py), so a change must raise
the version of its agenda or someone would see old content. Every model that holds part of
an agenda is followed here: after a save or delete of one of them (or a change of one of its
many-to-many links) commits, one UPDATE per kind raises the version of the agenda it belongs
to. The versions live in the database, not in the cache, so every web and worker process sees
the same one whatever cache it has.

A write that bypasses save() (QuerySet.update, bulk_create) on a followed model must call
`lea.services.versie.agenda_gewijzigd` itself (tests/monitoring/test_versie.py checks the list
is complete).
"""

import threading
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from ambities.models import BeoogdResultaat, BestuurlijkeKeuze, Knoop
from lea.models import (
    Agenda,
    Lidmaatschap,
    Opdracht,
    Organisatie,
    Persoon,
    Publicatie,
    Uitgangspunt,
)
from lea.services.versie import agenda_gewijzigd
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    Geldregel,
    Indicator,
    Meting,
    Rapport,
    Realisatie,
    School,
    Schoolweging,
    Signaalregel,
    VeCijfers,
    Verantwoording,
)
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Afspraak,
    Agendapunt,
    Besluit,
    Orgaanlid,
    Overlegorgaan,
    Stuk,
    Vergaderdocument,
    Vergadering,
    Verzending,
    WettelijkOnderwerp,
)
from werkgroepen.models import Actie, Opmerking, Voortgang, Werkgroep

# Per model the path from a row to its agenda's id, along foreign keys that are never empty.
GEVOLGD: dict[type[models.Model], str] = {
    Agenda: "pk",
    Publicatie: "agenda_id",
    Uitgangspunt: "agenda_id",
    Organisatie: "agenda_id",
    Persoon: "agenda_id",
    Lidmaatschap: "agenda_id",
    Opdracht: "agenda_id",  # the outbox: a meeting page shows whether its agenda waits
    Knoop: "agenda_id",
    BestuurlijkeKeuze: "knoop__agenda_id",
    BeoogdResultaat: "knoop__agenda_id",
    Werkgroep: "agenda_id",
    Actie: "agenda_id",
    Voortgang: "actie__agenda_id",
    Opmerking: "actie__agenda_id",
    Overlegorgaan: "agenda_id",
    Orgaanlid: "orgaan__agenda_id",
    Vergadering: "orgaan__agenda_id",
    Aanwezigheid: "vergadering__orgaan__agenda_id",
    Stuk: "vergadering__orgaan__agenda_id",
    Verzending: "vergadering__orgaan__agenda_id",
    Vergaderdocument: "vergadering__orgaan__agenda_id",
    Agendapunt: "vergadering__orgaan__agenda_id",
    Besluit: "agendapunt__vergadering__orgaan__agenda_id",
    Actiepunt: "agendapunt__vergadering__orgaan__agenda_id",
    Afspraak: "agenda_id",
    Begroting: "agenda_id",
    Begrotingspost: "begroting__agenda_id",
    Begrotingsbedrag: "post__begroting__agenda_id",
    Realisatie: "begrotingsbedrag__post__begroting__agenda_id",
    Financiering: "begroting__agenda_id",
    Financieringsbedrag: "financiering__begroting__agenda_id",
    Geldregel: "agenda_id",
    Indicator: "agenda_id",
    Meting: "indicator__agenda_id",
    School: "agenda_id",
    Schoolweging: "school__agenda_id",
    Signaalregel: "agenda_id",
    VeCijfers: "agenda_id",
    Rapport: "agenda_id",
    Verantwoording: "agenda_id",
}

# Rows of every agenda: the national list of statutory topics.
OVERAL: tuple[type[models.Model], ...] = (WettelijkOnderwerp,)

# Agenda rows deliberately not followed, and why: none of them is shown on a cached page, and
# some change on every request or task (tests/monitoring/test_versie.py holds this list to the
# models).
NIET_GEVOLGD: dict[str, str] = {
    "lea.Agendaversie": "de versie zelf",
    "lea.Auditregel": "het beveiligingslogboek wordt niet gecachet en groeit bij elke login",
    "lea.Melding": "meldingen staan in de navigatie, buiten elk gecachet deel",
    "lea.Werkboekimport": "een Excel-import in behandeling; de toepassing zelf slaat op",
    "werkgroepen.Rapportagelink": "telt elk gebruik; getoond op een pagina die niet gecachet is",
}

# Changes waiting for their transaction to commit, per thread: (parent model, path from the
# parent to the agenda id) -> parent ids. A direct agenda id has no parent model; ALLE means
# every agenda.
_wachtend = threading.local()
ALLE = (None, "*")


def _wachtrij() -> dict[tuple[type[models.Model] | None, str], set[int]]:
    if not hasattr(_wachtend, "rij"):
        _wachtend.rij = {}
    return _wachtend.rij


def _sleutel(model: type[models.Model], instance: models.Model) -> tuple[Any, str, int] | None:
    """Where the agenda of `instance` is found without reading the row itself (a deleted row
    is gone): its own agenda id, or its parent's id and the path on from there."""
    pad = GEVOLGD[model]
    if pad == "pk":
        return (None, "", instance.pk)
    eerste, _, rest = pad.partition("__")
    veld = model._meta.get_field(eerste)
    assert isinstance(veld, models.ForeignKey), f"{model.__name__}.{eerste}"
    waarde = getattr(instance, veld.attname)
    if waarde is None:
        return None
    if not rest:
        return (None, "", waarde)
    return (veld.related_model, rest, waarde)


def _later(sleutel: tuple[Any, str], waarden: set[int]) -> None:
    _wachtrij().setdefault(sleutel, set()).update(waarden)
    # robust: a failure here is logged, never shown to the user whose change was saved.
    transaction.on_commit(_verwerk, robust=True)


def _bij_wijziging(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the restore raises every version itself
    sleutel = _sleutel(sender, instance)
    if sleutel is not None:
        ouder, pad, waarde = sleutel
        _later((ouder, pad), {waarde})


def _bij_koppeling(instance: models.Model, model: type[models.Model], **kwargs: Any) -> None:
    """A many-to-many link added or removed, from either side."""
    if kwargs["action"] not in ("post_add", "post_remove", "post_clear"):
        return
    if type(instance) in GEVOLGD:
        _bij_wijziging(type(instance), instance)
    elif model in GEVOLGD and kwargs.get("pk_set"):
        pad = GEVOLGD[model]
        _later((None, "") if pad == "pk" else (model, pad), set(kwargs["pk_set"]))


def _overal(**kwargs: Any) -> None:
    if not kwargs.get("raw"):
        _later(ALLE, {0})


def _bij_gebruiker(instance: Any, **kwargs: Any) -> None:
    """A login's name shows on the pages of every agenda it worked in; a login (last_login)
    changes nothing shown."""
    velden = kwargs.get("update_fields")
    if kwargs.get("raw") or (velden is not None and set(velden) <= {"last_login"}):
        return
    _later(ALLE, {0})


def _verwerk() -> None:
    """Raise the versions of everything waiting; the first callback of a transaction does the
    work, the others find nothing left."""
    rij = _wachtrij()
    if rij.pop(ALLE, None):
        rij.clear()
        agenda_gewijzigd()
        return
    agendas: set[int] = set()
    while rij:
        (ouder, pad), waarden = rij.popitem()
        if ouder is None:
            agendas |= waarden
        else:
            agendas.update(
                ouder._default_manager.filter(pk__in=waarden).values_list(pad, flat=True)
            )
    agenda_gewijzigd(agendas)  # once per agenda, however many of its rows changed


def volg() -> None:
    """Connect the signals (MonitoringConfig.ready)."""
    for model in GEVOLGD:
        uid = f"agendaversie-{model._meta.label}"
        post_save.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
        post_delete.connect(_bij_wijziging, sender=model, dispatch_uid=uid + "-weg")
        for veld in model._meta.local_many_to_many:
            m2m_changed.connect(
                _bij_koppeling, sender=veld.remote_field.through, dispatch_uid=f"{uid}-{veld.name}"
            )
    for model in OVERAL:
        uid = f"agendaversie-overal-{model._meta.label}"
        post_save.connect(_overal, sender=model, dispatch_uid=uid)
        post_delete.connect(_overal, sender=model, dispatch_uid=uid + "-weg")
    gebruiker = get_user_model()
    post_save.connect(_bij_gebruiker, sender=gebruiker, dispatch_uid="agendaversie-gebruiker")
