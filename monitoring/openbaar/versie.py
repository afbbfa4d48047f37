"""The public view's version: raised after every committed change to what it shows.

The public pages, JSON and CSV are cached per agenda and version (monitoring/openbaar/views.py),
so a change must raise the version of its agenda's publication (Publicatie.versie) or the
public would see old content. Every model the public view reads is followed here: after a save
or delete of one of them commits, one UPDATE per kind raises the version of the agenda it
belongs to. The version lives in the database, not in the cache, so every web and worker
process sees the same one whatever cache it has.

A write that bypasses save() (QuerySet.update, bulk_create) on a followed model must call
`lea.services.publicatie.openbaar_gewijzigd` itself (tests/monitoring/test_openbaar_versie.py).
"""

import threading

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save

from ambities.models import Knoop
from lea.models import Agenda, Publicatie
from lea.services.publicatie import openbaar_gewijzigd
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Indicator,
    Meting,
    Rapport,
)
from overleg.models import Agendapunt, Besluit, Overlegorgaan, Vergadering
from werkgroepen.models import Actie, Voortgang

# Per model the path from a row to its agenda's id. Everything the public view shows is read
# from these models (monitoring/openbaar/inhoud.py); a new one read there belongs here too.
GEVOLGD: dict[type[models.Model], str] = {
    Agenda: "pk",
    Publicatie: "agenda_id",
    Knoop: "agenda_id",
    Actie: "agenda_id",
    Voortgang: "actie__agenda_id",
    Indicator: "agenda_id",
    Meting: "indicator__agenda_id",
    Begroting: "agenda_id",
    Begrotingspost: "begroting__agenda_id",
    Begrotingsbedrag: "post__begroting__agenda_id",
    Overlegorgaan: "agenda_id",
    Vergadering: "orgaan__agenda_id",
    Agendapunt: "vergadering__orgaan__agenda_id",
    Besluit: "agendapunt__vergadering__orgaan__agenda_id",
    Rapport: "agenda_id",
}

# Changes waiting for their transaction to commit, per thread: (parent model, path from the
# parent to the agenda id) -> parent ids. A direct agenda id has no parent model.
_wachtend = threading.local()


def _wachtrij() -> dict[tuple[type[models.Model] | None, str], set[int]]:
    if not hasattr(_wachtend, "rij"):
        _wachtend.rij = {}
    return _wachtend.rij


def _sleutel(model: type[models.Model], instance: models.Model) -> tuple[object, str, int] | None:
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


def _bij_wijziging(sender: type[models.Model], instance: models.Model, **kwargs: object) -> None:
    if kwargs.get("raw"):
        return  # loaddata: the restore raises every version itself
    sleutel = _sleutel(sender, instance)
    if sleutel is None:
        return
    ouder, pad, waarde = sleutel
    _wachtrij().setdefault((ouder, pad), set()).add(waarde)  # type: ignore[arg-type]
    # robust: a failure here is logged, never shown to the user whose change was saved.
    transaction.on_commit(_verwerk, robust=True)


def _verwerk() -> None:
    """Raise the versions of everything waiting; the first callback of a transaction does the
    work, the others find nothing left."""
    rij = _wachtrij()
    while rij:
        (ouder, pad), waarden = rij.popitem()
        if ouder is None:
            openbaar_gewijzigd(waarden)
        else:
            openbaar_gewijzigd(ouder._default_manager.filter(pk__in=waarden).values(pad))


def volg() -> None:
    """Connect the signals (MonitoringConfig.ready)."""
    for model in GEVOLGD:
        uid = f"openbaar-versie-{model._meta.label}"
        post_save.connect(_bij_wijziging, sender=model, dispatch_uid=uid)
        post_delete.connect(_bij_wijziging, sender=model, dispatch_uid=uid + "-weg")
