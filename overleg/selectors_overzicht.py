"""What the weekly digest holds for each login, read for all logins at once.

Per agenda the login has a role in: what others changed in its actions and werkgroepen in the
week (progress updates, edits, comments), what falls due (its open actions in the next four
weeks and those overdue, its open action points), the coming meetings of the bodies it is a
member of, and its notifications whose mail it chose to skip. "Its actions" are those it leads
(regie) and those of the werkgroepen it chairs or is a member of.

The week is the seven days before the run's Monday, from midnight to midnight in the
configured time zone, so consecutive runs neither miss nor repeat a change. Everything is read
in a fixed number of queries, however many logins there are (`weekoverzichten`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from lea.models import Agenda, Lidmaatschap, Melding, Persoon
from lea.weergave import naam_van
from overleg.models import Actiepunt, ActiepuntStatus, Orgaanlid, Vergadering
from overleg.weekoverzicht import (
    BINNENKORT,
    KOMEND,
    WEEK,
    AgendaDeel,
    Bericht,
    Bijeenkomst,
    Lijst,
    Termijn,
    Weekoverzicht,
    Wijziging,
)
from werkgroepen.models import Actie, ActieQuerySet, Opmerking, Status, Voortgang, Werkgroep

MAX_TEKST = 160  # characters of a comment or an explanation

# --- who gets one ------------------------------------------------------------------------------


def ontvangers(maandag: datetime.date) -> QuerySet[Any]:
    """Active logins that want the digest and were not sent the one of this week yet (no
    preference row means the defaults: they want it)."""
    nog_niet = Q(emailvoorkeur__overzicht_week__isnull=True)
    nog_niet |= Q(emailvoorkeur__overzicht_week__lt=maandag)
    wil = Q(emailvoorkeur__isnull=True) | (Q(emailvoorkeur__wekelijks_overzicht=True) & nog_niet)
    return get_user_model().objects.filter(wil, is_active=True).order_by("pk")


def _week(maandag: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The week before `maandag`: from its first midnight to the next Monday's, local time."""
    tot = timezone.make_aware(datetime.datetime.combine(maandag, datetime.time.min))
    return tot - WEEK, tot


def _url(naam: str, *args: Any) -> str:
    return settings.LEA_BASIS_URL + reverse(naam, args=args)


class _Rollen:
    """Which agendas each login may see, for many logins at once: as lea.toegang.agendas_voor
    answers for one (a superuser all; else an active membership, or chairing an active
    werkgroep, the role source werkgroepen.toegang.voorzitterschappen registers)."""

    def __init__(self, gebruikers: list[Any], ids: QuerySet[Any]) -> None:
        self.alle = {g.pk for g in gebruikers if g.is_superuser}
        self.agendas: dict[int, set[int]] = defaultdict(set)
        lidmaatschappen = Lidmaatschap.objects.actief().filter(gebruiker__in=ids)
        voorzitters = Werkgroep.objects.actief().filter(voorzitter__gebruiker__in=ids)
        for gebruiker_id, agenda_id in lidmaatschappen.values_list("gebruiker_id", "agenda_id"):
            self.agendas[gebruiker_id].add(agenda_id)
        for gebruiker_id, agenda_id in voorzitters.values_list(
            "voorzitter__gebruiker_id", "agenda_id"
        ):
            self.agendas[gebruiker_id].add(agenda_id)

    def mag(self, gebruiker_id: int, agenda_id: int | None) -> bool:
        return gebruiker_id in self.alle or agenda_id in self.agendas[gebruiker_id]


# --- the digests -------------------------------------------------------------------------------


@dataclass
class _Actie:
    agenda_id: int
    label: str
    url: str
    logins: set[int]


class _Lezing:
    """One read of all digests: the week, the logins with their people, and the lists being
    filled per login and agenda."""

    def __init__(self, maandag: datetime.date) -> None:
        self.maandag = maandag
        self.van, self.tot = _week(maandag)
        kandidaten = ontvangers(maandag)
        self.gebruikers = list(kandidaten)
        self.ids = kandidaten.values("pk")
        self.bekend = {g.pk for g in self.gebruikers}
        self.rollen = _Rollen(self.gebruikers, self.ids)
        # The logins' people (one per agenda at most); each list names people, read as logins.
        self.personen = Persoon.objects.actief().filter(gebruiker__in=self.ids)
        self.login_van = dict(self.personen.values_list("pk", "gebruiker_id"))
        self.per_agenda: dict[tuple[int, int], dict[str, list[Any]]] = {}
        self.zonder_agenda: dict[int, list[Bericht]] = defaultdict(list)

    def voeg_toe(self, gebruiker_id: int, agenda_id: int, lijst: str, item: Any) -> None:
        if gebruiker_id not in self.bekend or not self.rollen.mag(gebruiker_id, agenda_id):
            return  # nothing of an agenda the login has no role in
        delen = self.per_agenda.setdefault((gebruiker_id, agenda_id), defaultdict(list))
        delen[lijst].append(item)


def weekoverzichten(*, maandag: datetime.date) -> list[Weekoverzicht]:
    """The digest of every login that wants one and was not sent this week's, empty ones
    included (the sender skips those). A fixed number of queries, whatever the number of
    logins, agendas or actions."""
    lezing = _Lezing(maandag)
    acties, mijn = _mijn_acties(lezing)
    _wijzigingen(lezing, mijn, acties)
    _termijnen(lezing, mijn, acties)
    _actiepunten(lezing)
    _vergaderingen(lezing)
    _meldingen(lezing)
    return _samengesteld(lezing)


def _mijn_acties(lezing: _Lezing) -> tuple[ActieQuerySet, dict[int, _Actie]]:
    """The actions of all logins at once (led by one of their people, or of a werkgroep one of
    them chairs or is a member of), each with the logins it belongs to."""
    personen, login_van = lezing.personen, lezing.login_van
    werkgroepen = Werkgroep.objects.actief()
    betrokken: dict[int, set[int]] = defaultdict(set)  # werkgroep -> logins
    voorzitters = werkgroepen.filter(voorzitter__in=personen).values_list("pk", "voorzitter_id")
    leden = Werkgroep.leden.through.objects.filter(
        persoon__in=personen, werkgroep__gearchiveerd=False
    ).values_list("werkgroep_id", "persoon_id")
    for werkgroep_id, persoon_id in [*voorzitters, *leden]:
        betrokken[werkgroep_id].add(login_van[persoon_id])

    mijn_werkgroepen = werkgroepen.filter(Q(voorzitter__in=personen) | Q(leden__in=personen))
    acties = Actie.objects.actief().filter(
        Q(regie_persoon__in=personen) | Q(werkgroep__in=mijn_werkgroepen.values("pk"))
    )
    mijn = {}
    for pk, agenda_id, slug, code, titel, werkgroep_id, regie_id in acties.values_list(
        "pk", "agenda_id", "agenda__slug", "code", "titel", "werkgroep_id", "regie_persoon_id"
    ):
        logins = set(betrokken.get(werkgroep_id, ()))
        if regie_id in login_van:
            logins.add(login_van[regie_id])
        label = f"{code} {titel}".strip()
        mijn[pk] = _Actie(agenda_id, label, _url("actie_detail", slug, pk), logins)
    return acties, mijn


def _kort(tekst: str) -> str:
    return Truncator(" ".join(tekst.split())).chars(MAX_TEKST)


def _wijzigingen(lezing: _Lezing, mijn: dict[int, _Actie], acties: ActieQuerySet) -> None:
    """Progress updates, edits and comments of the week, each shown to the action's logins
    but for the one who made it. What nobody made (a load by a command) is left out."""

    def meld(actie_id: int, door: Any, op: datetime.datetime, wat: str, tekst: str = "") -> None:
        if door is None:
            return
        actie = mijn[actie_id]
        wijziging = Wijziging(op, actie.label, actie.url, wat, naam_van(door), _kort(tekst))
        for login in actie.logins - {door.pk}:
            lezing.voeg_toe(login, actie.agenda_id, "wijzigingen", wijziging)

    pks, week = acties.values("pk"), {"aangemaakt__gte": lezing.van, "aangemaakt__lt": lezing.tot}
    for v in Voortgang.objects.filter(actie__in=pks, **week).select_related("door").order_by():
        wat = f"Voortgang: {Status(v.status).label.lower()}, {v.percentage} % gereed"
        meld(v.actie_id, v.door, v.aangemaakt, wat, v.toelichting)
    for o in Opmerking.objects.filter(actie__in=pks, **week).select_related("door").order_by():
        meld(o.actie_id, o.door, o.aangemaakt, "Reactie", o.tekst)
    # An edit raises the action's version (werkgroepen.services.acties); a history row that
    # only follows a progress update keeps it, and is already shown as that update.
    historie = Actie.history.model.objects
    vorige = (
        historie.filter(id=OuterRef("id"), history_date__lt=OuterRef("history_date"))
        .order_by("-history_date", "-history_id")
        .values("versie")[:1]
    )
    for h in (
        historie.filter(id__in=pks, history_date__gte=lezing.van, history_date__lt=lezing.tot)
        .annotate(vorige_versie=Subquery(vorige))
        .select_related("history_user")
        .order_by()
    ):
        if h.history_type == "+":
            meld(h.id, h.history_user, h.history_date, "Nieuwe actie")
        elif h.history_type == "~" and h.vorige_versie not in (None, h.versie):
            meld(h.id, h.history_user, h.history_date, "Gewijzigd")


def _termijnen(lezing: _Lezing, mijn: dict[int, _Actie], acties: ActieQuerySet) -> None:
    """Open actions due in the next four weeks, and those overdue (Actie.objects' own rules)."""
    maandag = lezing.maandag
    binnenkort = acties.open().filter(
        timing_eind__gte=maandag, timing_eind__lt=maandag + BINNENKORT
    )
    for lijst, qs in (("binnenkort", binnenkort), ("te_laat", acties.te_laat(op=maandag))):
        for pk, eind in qs.values_list("pk", "timing_eind"):
            if eind is None:
                continue  # both rules compare the end date, so it is set; typed as optional
            actie = mijn[pk]
            termijn = Termijn(eind, actie.label, actie.url, "actie")
            for login in actie.logins:
                lezing.voeg_toe(login, actie.agenda_id, lijst, termijn)


def _actiepunten(lezing: _Lezing) -> None:
    """Open action points of the logins' people with a deadline in the next four weeks."""
    punten = Actiepunt.objects.filter(
        status=ActiepuntStatus.OPEN,
        eigenaar__in=lezing.personen,
        deadline__gte=lezing.maandag,
        deadline__lt=lezing.maandag + BINNENKORT,
    )
    for eigenaar_id, omschrijving, deadline, vergadering_id, agenda_id, slug in punten.values_list(
        "eigenaar_id",
        "omschrijving",
        "deadline",
        "agendapunt__vergadering_id",
        "agendapunt__vergadering__orgaan__agenda_id",
        "agendapunt__vergadering__orgaan__agenda__slug",
    ):
        if deadline is None or eigenaar_id is None:
            continue  # both are filtered on; typed as optional
        url = _url("vergadering_detail", slug, vergadering_id)
        termijn = Termijn(deadline, _kort(omschrijving), url, "actiepunt")
        lezing.voeg_toe(lezing.login_van[eigenaar_id], agenda_id, "binnenkort", termijn)


def _vergaderingen(lezing: _Lezing) -> None:
    """Meetings in the next two weeks (not cancelled) of the bodies the logins' people are
    members of (an ended membership no longer counts, as in the body's mailings)."""
    leden = Orgaanlid.objects.filter(persoon__in=lezing.personen, gearchiveerd=False)
    logins: dict[int, set[int]] = defaultdict(set)  # body -> logins
    for orgaan_id, persoon_id in leden.values_list("orgaan_id", "persoon_id"):
        logins[orgaan_id].add(lezing.login_van[persoon_id])
    komend = Vergadering.objects.actief().filter(
        orgaan__in=leden.values("orgaan"), begin__gte=lezing.tot, begin__lt=lezing.tot + KOMEND
    )
    for v in komend.select_related("orgaan__agenda").order_by():
        agenda = v.orgaan.agenda
        url = _url("vergadering_detail", agenda.slug, v.pk)
        bijeenkomst = Bijeenkomst(v.begin, v.eind, v.orgaan.naam, v.locatie, url)
        for login in logins[v.orgaan_id]:
            lezing.voeg_toe(login, agenda.pk, "vergaderingen", bijeenkomst)


def _meldingen(lezing: _Lezing) -> None:
    """Unread notifications of the week that were not mailed because the login chose no mail
    per notification (lea.services.melding_email_verstuur leaves them unsent)."""
    achtergehouden = Melding.objects.filter(
        gebruiker__in=lezing.ids,
        gebruiker__emailvoorkeur__per_melding=False,
        email_verzonden_op__isnull=True,
        gelezen_op__isnull=True,
        aangemaakt__gte=lezing.van,
        aangemaakt__lt=lezing.tot,
    )
    for m in achtergehouden.order_by():
        url = settings.LEA_BASIS_URL + (m.url if m.url.startswith("/") else reverse("meldingen"))
        bericht = Bericht(m.aangemaakt, m.titel, _kort(m.tekst), url)
        if m.agenda_id is None:
            if m.gebruiker_id in lezing.bekend:
                lezing.zonder_agenda[m.gebruiker_id].append(bericht)
        else:
            lezing.voeg_toe(m.gebruiker_id, m.agenda_id, "meldingen", bericht)


def _samengesteld(lezing: _Lezing) -> list[Weekoverzicht]:
    agenda_ids = {agenda_id for _gebruiker, agenda_id in lezing.per_agenda}
    agendas = {a.pk: a for a in Agenda.objects.filter(pk__in=agenda_ids).only("titel", "slug")}
    per_gebruiker: dict[int, list[AgendaDeel]] = defaultdict(list)
    for (gebruiker_id, agenda_id), lijsten in lezing.per_agenda.items():
        agenda = agendas[agenda_id]
        per_gebruiker[gebruiker_id].append(
            AgendaDeel(
                titel=agenda.titel,
                url=_url("agenda_dashboard", agenda.slug),
                wijzigingen=Lijst.van(lijsten["wijzigingen"], _op, omgekeerd=True),
                binnenkort=Lijst.van(lijsten["binnenkort"], _datum),
                te_laat=Lijst.van(lijsten["te_laat"], _datum),
                vergaderingen=Lijst.van(lijsten["vergaderingen"], lambda b: b.begin),
                meldingen=Lijst.van(lijsten["meldingen"], _op, omgekeerd=True),
            )
        )
    return [
        Weekoverzicht(
            gebruiker=g,
            maandag=lezing.maandag,
            agendas=sorted(per_gebruiker[g.pk], key=lambda deel: deel.titel),
            meldingen=Lijst.van(lezing.zonder_agenda[g.pk], _op, omgekeerd=True),
        )
        for g in lezing.gebruikers
    ]


def _op(item: Any) -> datetime.datetime:
    op: datetime.datetime = item.op
    return op


def _datum(item: Termijn) -> tuple[datetime.date, str]:
    return item.datum, item.tekst
