"""Writes on actions, their progress and comments. Views, admin, tasks and commands call these."""

import datetime
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.models import HistoricalRecords

from lea.models import Agenda, Organisatie, Rol, zelfde_agenda
from lea.services import bewaar, opdracht_plaats, token_gebruik
from lea.toegang import rol_in
from lea.weergave import naam_van
from werkgroepen import tasks
from werkgroepen.models import Actie, Opmerking, Rag, Status, Voortgang, Werkgroep
from werkgroepen.selectors import verschil

# Fields a werkgroep chair may change; everything else (the goal tree) is the beheerder's.
PRAKTISCHE_VELDEN = (
    "timing_soort",
    "timing_tekst",
    "timing_start",
    "timing_eind",
    "regie_tekst",
    "partners_tekst",
    "bereik_doel",
    "toelichting",
)
ALLE_VELDEN = (
    "knoop",
    "code",
    "titel",
    "bereiken",
    "doen",
    "werkgroep",
    "regie_persoon",
    "leeftijd_tekst",
    "leeftijd_min",
    "leeftijd_max",
    *PRAKTISCHE_VELDEN,
)


@dataclass
class Wijziging:
    veld: str
    oud: str
    nieuw: str


class VersieConflict(Exception):
    """Someone else saved the action after this user opened it."""

    def __init__(self, wijzigingen: list[Wijziging], door: str, op: datetime.datetime | None):
        self.wijzigingen, self.door, self.op = wijzigingen, door, op
        super().__init__("Deze actie is intussen door iemand anders gewijzigd.")


@contextmanager
def _zonder_historie(actie: Actie) -> Iterator[None]:
    """Within this block neither a save nor a set change writes a history row, so that a save
    records the fields and the sets together: one step in the history, not one per set."""
    actie.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del actie.skip_history_when_saving  # type: ignore[attr-defined]


def _sets_in_historie(actie: Actie) -> None:
    """Add the sets as now stored to the action's newest history row (its "aangemaakt" row,
    written by the save before the sets existed): what a save records for them."""
    rij = actie.history.order_by("-history_id").first()
    if rij is None:  # history switched off
        return
    for veld in Actie.history.model._history_m2m_fields:
        historisch = HistoricalRecords.m2m_models[veld]
        koppeling = getattr(actie, veld.name).through
        namen = [f.name for f in koppeling._meta.fields]
        historisch.objects.bulk_create(
            historisch(history=rij, **{naam: getattr(regel, naam) for naam in namen})
            for regel in koppeling.objects.filter(actie=actie)
        )


@transaction.atomic
def actie_maak(
    *,
    agenda: Agenda,
    door: Any,
    velden: dict[str, Any],
    regie: Iterable[Organisatie] = (),
    partners: Iterable[Organisatie] = (),
    token: uuid.UUID | None = None,
) -> Actie:
    """Create an action; `token` (the form's one-time token) makes a double submit a no-op."""
    token_gebruik(token=token, door=door)
    laatste = agenda.acties.order_by("-volgorde").values_list("volgorde", flat=True).first()
    actie = Actie(agenda=agenda, volgorde=(laatste or 0) + 1, **velden)
    regie, partners = list(regie), list(partners)
    zelfde_agenda(agenda.pk, regie=regie, partners=partners)
    bewaar(actie, door=door)  # its history row ("aangemaakt", with author and reason)
    if regie or partners:
        with _zonder_historie(actie):
            actie.regie.set(regie)
            actie.partners.set(partners)
        _sets_in_historie(actie)
    return actie


def _wijzigingen_sinds(
    actie: Actie, versie: int
) -> tuple[list[Wijziging], str, datetime.datetime | None]:
    """What changed between the version the user saw and now, for the conflict message."""
    historie = actie.history.select_related("history_user").order_by("history_date")
    gezien, nu = historie.filter(versie=versie).last(), historie.last()
    if gezien is None or nu is None:
        return [], "", None
    wijzigingen = [Wijziging(*regel) for regel in verschil(nu, gezien)]
    return wijzigingen, naam_van(nu.history_user) or "onbekend", nu.history_date


@transaction.atomic
def actie_bewerk(
    *,
    actie: Actie,
    door: Any,
    versie: int,
    velden: dict[str, Any],
    m2m: dict[str, Iterable[Any]] | None = None,
) -> Actie:
    """Save the edited fields, unless someone else saved the action in between."""
    huidig = Actie.objects.select_for_update().get(pk=actie.pk)
    if huidig.versie != versie:
        raise VersieConflict(*_wijzigingen_sinds(huidig, versie))
    for veld, waarde in velden.items():
        setattr(huidig, veld, waarde)
    huidig.versie += 1
    m2m = {veld: list(waarden) for veld, waarden in (m2m or {}).items()}
    zelfde_agenda(huidig.agenda_id, **m2m)
    with _zonder_historie(huidig):
        for veld, waarden in m2m.items():
            getattr(huidig, veld).set(waarden)
    # One history row for the save: the fields and the sets as stored, with the author.
    bewaar(huidig, door=door)
    return huidig


@transaction.atomic
def actie_archiveer(*, actie: Actie, door: Any, gearchiveerd: bool = True) -> Actie:
    actie = Actie.objects.select_for_update().get(pk=actie.pk)
    actie.gearchiveerd = gearchiveerd
    actie.versie += 1
    bewaar(actie, door=door)
    return actie


@transaction.atomic
def actie_volg_voortgang(*, actie: Actie, door: Any = None) -> Status | None:
    """Make the action's current state that of its latest update (`Voortgang.laatste`).

    The one home of "the action follows its latest update", for a recorded update and for an
    imported history alike. Returns the old status if the status changed, else None.
    """
    laatste = actie.voortgang.laatste()
    oud = Status(actie.status)
    if laatste is not None:
        actie.status = laatste.status
        actie.percentage = laatste.percentage
        actie.rag_tijd = laatste.rag_tijd
        actie.rag_geld = laatste.rag_geld
        actie.voortgang_datum = laatste.datum
        bewaar(actie, door=door)
    return oud if actie.status != oud else None


@transaction.atomic
def voortgang_registreer(
    *,
    actie: Actie,
    door: Any,
    datum: datetime.date,
    status: str,
    rag_tijd: str,
    rag_geld: str,
    percentage: int,
    toelichting: str,
    token: uuid.UUID | None = None,
    openbaar: bool = False,
    openbare_tekst: str = "",
) -> Voortgang:
    """Record a progress update; the action follows its latest update, and a status change
    notifies its lead and werkgroep chair.

    The notification is queued in the durable outbox within this transaction (it is sent
    after the commit, or by beat once the broker is back) and set on the returned update as
    `statusmelding`. `token` (the form's one-time token) refuses a second submit of the form.
    `openbaar` shows the update in the agenda's public view once the agenda is published,
    worded by `openbare_tekst` when given (blank: its toelichting).
    """
    token_gebruik(token=token, door=door)
    actie = Actie.objects.select_for_update().select_related("agenda").get(pk=actie.pk)
    if actie.gearchiveerd:
        raise ValidationError("Een gearchiveerde actie krijgt geen voortgang meer.")
    voortgang = Voortgang(
        actie=actie,
        door=door,
        datum=datum,
        status=status,
        rag_tijd=rag_tijd,
        rag_geld=rag_geld,
        percentage=percentage,
        toelichting=toelichting,
        openbaar=openbaar,
        openbare_tekst=openbare_tekst.strip(),
    )
    bewaar(voortgang, door=door)
    if actie_volg_voortgang(actie=actie, door=door) is not None:
        voortgang.statusmelding = opdracht_plaats(
            taak=tasks.statusmelding_taak,
            argumenten=[voortgang.pk],
            agenda=actie.agenda,
            omschrijving=f"Statusmelding: ‘{actie}’ is {voortgang.get_status_display().lower()}",
        )
    return voortgang


@transaction.atomic
def voortgang_openbaar_zet(
    *, voortgang: Voortgang, door: Any, openbaar: bool, openbare_tekst: str = ""
) -> Voortgang:
    """The beheerder marks an update public or not, and words it for the public (blank: its
    toelichting). The internal record (toelichting, status, RAG) never changes here."""
    agenda = voortgang.actie.agenda
    if rol_in(door, agenda) != Rol.BEHEERDER:
        raise PermissionDenied("Alleen de beheerder maakt voortgang openbaar.")
    voortgang = Voortgang.objects.select_for_update().get(pk=voortgang.pk)
    voortgang.openbaar = openbaar
    voortgang.openbare_tekst = openbare_tekst.strip()
    voortgang.clean_fields(
        exclude=[
            f.name for f in Voortgang._meta.fields if f.name not in ("openbaar", "openbare_tekst")
        ]
    )
    voortgang._history_user = door  # type: ignore[attr-defined]  # read by django-simple-history
    # Only these two fields: an older update is not checked again against today's rules.
    voortgang.save(update_fields=["openbaar", "openbare_tekst"])
    return voortgang


@transaction.atomic
def acties_bulkwijzig(
    *,
    acties: list[Actie],
    door: Any,
    status: str = "",
    werkgroep: Werkgroep | None = None,
    regie: list[Organisatie] | None = None,
) -> int:
    """Change status, werkgroep or lead of several actions; recorded like single changes."""
    vandaag = timezone.localdate()
    for actie in acties:
        if status and status != actie.status:
            voortgang_registreer(
                actie=actie,
                door=door,
                datum=vandaag,
                status=status,
                rag_tijd=actie.rag_tijd or Rag.GROEN,
                rag_geld=actie.rag_geld or Rag.GROEN,
                percentage=100 if status == Status.AFGEROND else actie.percentage,
                toelichting=f"Status gewijzigd naar ‘{Status(status).label}’ (bulkwijziging).",
            )
        if werkgroep is not None or regie is not None:
            huidig = Actie.objects.select_for_update().get(pk=actie.pk)
            if werkgroep is not None:
                huidig.werkgroep = werkgroep
            if regie is not None:
                zelfde_agenda(huidig.agenda_id, regie=regie)
                with _zonder_historie(huidig):  # the save below records the set too
                    huidig.regie.set(regie)
            huidig.versie += 1
            bewaar(huidig, door=door)
    return len(acties)


@transaction.atomic
def opmerking_plaats(*, actie: Actie, door: Any, tekst: str) -> Opmerking:
    return bewaar(Opmerking(actie=actie, door=door, tekst=tekst))
