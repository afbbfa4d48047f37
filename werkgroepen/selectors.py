"""Reads that join several models for one page."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from ambities.models import Knoop
from lea.models import Agenda
from lea.weergave import naam_van
from werkgroepen.models import Actie, Rag, Status, Voortgang
from werkgroepen.voortgang import Stand, stand_per_knoop


@dataclass
class Tak:
    """A node of the tree as a page shows it: its actions and its children."""

    knoop: Knoop
    acties: list[Actie] = field(default_factory=list)
    kinderen: list["Tak"] = field(default_factory=list)
    stand: Stand | None = None

    @property
    def aantal_acties(self) -> int:
        return len(self.acties) + sum(kind.aantal_acties for kind in self.kinderen)


def doelenboom(agenda: Agenda) -> list[Tak]:
    """The agenda's goal tree in document order, each node with its active actions.

    A fixed number of queries whatever the size of the agenda.
    """
    acties = Actie.objects.actief().select_related("werkgroep").prefetch_related("regie")
    knopen = (
        agenda.knopen.actief()
        .prefetch_related(
            "keuzes", "resultaten", "werkgroepen", Prefetch("acties", queryset=acties)
        )
        .order_by("volgorde", "pk")
    )
    standen = stand_per_knoop(agenda)
    takken = {
        knoop.pk: Tak(knoop, list(knoop.acties.all()), stand=standen.get(knoop.pk))
        for knoop in knopen
    }
    wortels = []
    for tak in takken.values():
        ouder = takken.get(tak.knoop.ouder_id)
        (ouder.kinderen if ouder else wortels).append(tak)
    return wortels


# --- dashboard ------------------------------------------------------------------------------


@dataclass
class KnoopStand:
    knoop: Knoop
    stand: Stand


def dashboard(agenda: Agenda) -> dict:
    """Everything the agenda dashboard shows; a fixed number of queries."""
    vandaag = timezone.localdate()
    standen = stand_per_knoop(agenda)
    niveau1 = [
        KnoopStand(knoop, standen.get(knoop.pk))
        for knoop in agenda.knopen.actief().niveau1().order_by("volgorde")
    ]
    acties = Actie.objects.actief().filter(agenda=agenda).select_related("knoop", "werkgroep")
    totaal = Stand()
    for ks in niveau1:
        totaal.tel_op(ks.stand)
    return {
        "niveau1": niveau1,
        "totaal": totaal,
        "te_laat": list(acties.te_laat(vandaag).order_by("timing_eind")[:10]),
        "rood": list(
            acties.filter(Q(rag_tijd=Rag.ROOD) | Q(rag_geld=Rag.ROOD)).order_by("-voortgang_datum")[
                :10
            ]
        ),
        "deadlines": list(
            acties.filter(
                timing_eind__gte=vandaag, timing_eind__lte=vandaag + datetime.timedelta(weeks=8)
            )
            .exclude(status__in=[Status.AFGEROND, Status.GESTOPT])
            .order_by("timing_eind")[:10]
        ),
        "recent": list(
            Voortgang.objects.filter(actie__agenda=agenda)
            .select_related("actie", "door")
            .order_by("-aangemaakt")[:10]
        ),
    }


def nog_niet_gerapporteerd(acties, begin: datetime.date):
    """Actions without a progress update in the reporting period that began on `begin`."""
    return acties.filter(Q(voortgang_datum__isnull=True) | Q(voortgang_datum__lt=begin)).exclude(
        status__in=[Status.AFGEROND, Status.GESTOPT]
    )


@dataclass
class Historieregel:
    wanneer: datetime.datetime
    wie: str
    soort: str
    wijzigingen: list


def actie_historie(actie: Actie) -> list[Historieregel]:
    """The change history of an action, newest first, with what changed in each step."""
    records = list(actie.history.select_related("history_user").order_by("-history_date", "-pk"))
    regels = []
    for i, record in enumerate(records):
        vorige = records[i + 1] if i + 1 < len(records) else None
        wijzigingen = verschil(record, vorige) if vorige is not None else []
        if vorige is not None and not wijzigingen:
            continue
        soort = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}[record.history_type]
        regels.append(
            Historieregel(
                record.history_date, naam_van(record.history_user) or "systeem", soort, wijzigingen
            )
        )
    return regels


def verschil(nieuw, oud) -> list[tuple[str, str, str]]:
    """(field label, old, new) for every field that differs between two history records."""
    delta = nieuw.diff_against(oud, excluded_fields=["versie"])
    return [
        (
            str(Actie._meta.get_field(c.field).verbose_name),
            _toon(c.field, c.old),
            _toon(c.field, c.new),
        )
        for c in delta.changes
    ]


def _toon(naam: str, waarde) -> str:
    """A value from the history as a person reads it: names instead of ids, choice labels."""
    veld = Actie._meta.get_field(naam)
    if waarde in (None, "", []):
        return "–"
    if veld.many_to_many:
        model = veld.related_model
        sleutel = model._meta.model_name
        pks = [w[sleutel] if isinstance(w, dict) else w for w in waarde]
        return ", ".join(str(o) for o in model.objects.filter(pk__in=pks)) or "–"
    if veld.is_relation:
        return str(veld.related_model.objects.filter(pk=waarde).first() or "–")
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    return str(waarde)
