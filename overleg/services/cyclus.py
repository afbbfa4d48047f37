"""The meeting cycle: the planner (overleg.services.planner, re-exported here), the notice that
the next period needs preparing, progress requests, the follow-up after a meeting and the
coverage signal; the agenda mailing lives in overleg.services.verzending (re-exported here).
Each is safe to run twice and to retry.

Work is claimed before it is done: per recipient by a unique row (Melding) claimed by a
conditional update, so a retry after a failure sends only what was not sent yet, and a second
run sends nothing. A planned meeting has a place (year, number) that is never filled twice.
"""

import datetime
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from lea.models import Agenda, Lidmaatschap, Melding, Rol
from lea.services import melding_email_verstuur, melding_maak
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    PuntSoort,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from overleg.selectors import SIGNAAL_VANAF_MAAND
from overleg.services.planner import (
    alle_vergaderingen_plan,
    geplande_data,
    vergaderingen_plan,
)
from overleg.services.versie import vergaderingen_gewijzigd
from overleg.services.verzending import (
    AGENDA_VERSTUUR_TAAK,
    agenda_opnieuw_verstuur_vraag,
    agenda_verstuur,
    agenda_verstuur_vraag,
    agendas_klaarzetten,
)
from werkgroepen.models import Werkgroep
from werkgroepen.services.rapportagelink import geldig_tot, rapportagelink_voor, token_van

__all__ = [
    "AGENDA_VERSTUUR_TAAK",
    "agenda_opnieuw_verstuur_vraag",
    "agenda_verstuur",
    "agenda_verstuur_vraag",
    "agendas_klaarzetten",
    "alle_vergaderingen_plan",
    "geplande_data",
    "vergaderingen_plan",
]
logger = logging.getLogger(__name__)

# The last year of an agenda's period: its beheerders are told to prepare the next one.
LAATSTE_JAAR = datetime.timedelta(days=365)


def beheerders_per_agenda(agenda_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The beheerders of many agendas in one query (as lea.toegang.beheerders_van for one)."""
    uit: dict[int, list[Any]] = {}
    for lid in (
        Lidmaatschap.objects.actief()
        .filter(agenda_id__in=list(agenda_ids), rol=Rol.BEHEERDER)
        .select_related("gebruiker")
        .order_by("agenda_id", "gebruiker_id")
    ):
        uit.setdefault(lid.agenda_id, []).append(lid.gebruiker)
    return uit


def periode_einde_signaleren(*, vandaag: datetime.date) -> int:
    """In the last year of an agenda's period, tell its beheerders (once per agenda per year)
    that the next period needs preparing. Returns the number of new notifications."""
    agendas = list(
        Agenda.objects.filter(periode_eind__gte=vandaag, periode_eind__lte=vandaag + LAATSTE_JAAR)
    )
    sleutels = {agenda.pk: f"volgende-periode:{agenda.pk}:{vandaag.year}" for agenda in agendas}
    al_gemeld = set(
        Melding.objects.filter(sleutel__in=sleutels.values()).values_list("gebruiker_id", "sleutel")
    )
    beheerders = beheerders_per_agenda(sleutels)
    nieuw = 0
    for agenda in agendas:
        sleutel = sleutels[agenda.pk]
        for gebruiker in beheerders.get(agenda.pk, []):
            if (gebruiker.pk, sleutel) in al_gemeld:
                continue
            melding = melding_maak(
                gebruiker=gebruiker,
                agenda=agenda,
                sleutel=sleutel,
                titel=f"{agenda.titel} loopt af op {agenda.periode_eind:%d-%m-%Y}: bereid de "
                "volgende periode voor",
                tekst="Na het einde van de periode plant LEA geen vergaderingen meer in deze "
                "agenda. Begin op tijd met de agenda voor de volgende periode.",
                url=reverse("agenda_dashboard", args=[agenda.slug]),
            )
            nieuw += 1
            try:
                melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
            except Exception:  # the notice stands in the app; the mail is tried tomorrow
                logger.warning("melding %s niet per e-mail verstuurd", melding.pk, exc_info=True)
    return nieuw


def planning_bijwerken(*, vandaag: datetime.date) -> tuple[int, int]:
    """The daily planning run: the meetings ahead, then the notice about the period's end."""
    resultaat = alle_vergaderingen_plan(vandaag=vandaag)
    periode_einde_signaleren(vandaag=vandaag)
    return resultaat


# --- reminders and mailings --------------------------------------------------------------------


def _meld(
    gebruikers: Iterable[Any], *, agenda: Agenda, sleutel: str, titel: str, tekst: str, url: str
) -> int:
    verzonden = 0
    for gebruiker in gebruikers:
        melding = melding_maak(
            gebruiker=gebruiker, agenda=agenda, sleutel=sleutel, titel=titel, tekst=tekst, url=url
        )
        verzonden += melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
    return verzonden


def voortgang_opvragen(*, nu: datetime.datetime) -> int:
    """Ask every werkgroep chair for a progress update, weeks before each stuurgroep meeting.

    A meeting is marked asked only after all its chairs were notified, so a retry after a mail
    failure asks the rest (a notification and its mail go out once per key)."""
    verzonden = 0
    kandidaten = [
        v
        for v in Vergadering.objects.actief()
        .filter(orgaan__soort=Soort.STUURGROEP, begin__gt=nu, voortgang_gevraagd_op__isnull=True)
        .select_related("orgaan__agenda")
        if v.begin - nu <= datetime.timedelta(weeks=v.orgaan.weken_voortgangsverzoek)
    ]
    voorzitters: dict[int, list[tuple[Werkgroep, Any]]] = {}
    for werkgroep in (
        Werkgroep.objects.actief()
        .filter(
            agenda_id__in={v.orgaan.agenda_id for v in kandidaten},
            voorzitter__gebruiker__isnull=False,
        )
        .select_related("voorzitter__gebruiker")
    ):
        gebruiker = werkgroep.voorzitter.gebruiker if werkgroep.voorzitter else None
        voorzitters.setdefault(werkgroep.agenda_id, []).append((werkgroep, gebruiker))
    vandaag = timezone.localdate(nu)
    for vergadering in kandidaten:
        agenda = vergadering.agenda
        datum = f"{timezone.localtime(vergadering.begin):%d-%m-%Y}"
        for werkgroep, voorzitter in voorzitters.get(agenda.pk, []):
            werkgroep.agenda = agenda
            tekst, url = _voortgang_link(werkgroep, voorzitter, vandaag=vandaag, nu=nu)
            verzonden += _meld(
                [voorzitter],
                agenda=agenda,
                # Per werkgroep: a chair of two werkgroepen gets the link of each.
                sleutel=f"voortgang:{vergadering.pk}:{werkgroep.pk}",
                titel=f"Voortgang gevraagd voor de {vergadering.orgaan} van {datum}",
                tekst=f"Wilt u de voortgang van de acties van {werkgroep} bijwerken vóór de "
                f"vergadering van {datum}? {tekst}",
                url=url,
            )
    Vergadering.objects.filter(pk__in=[v.pk for v in kandidaten]).update(voortgang_gevraagd_op=nu)
    vergaderingen_gewijzigd(v.pk for v in kandidaten)
    logger.info("voortgang opgevraagd: %s e-mails", verzonden)
    return verzonden


def _voortgang_link(
    werkgroep: Werkgroep, voorzitter: Any, *, vandaag: datetime.date, nu: datetime.datetime
) -> tuple[str, str]:
    """The chair's personal link to the werkgroep's report page for this reporting period,
    and the sentence that says until when it works; a revoked link is not sent again: then
    the report page's normal address, behind the login."""
    link = rapportagelink_voor(werkgroep=werkgroep, gebruiker=voorzitter, op=vandaag)
    if not link.geldig(nu):
        return (
            "Na het inloggen komt u via de link hieronder bij de open acties van uw werkgroep.",
            reverse("werkgroep_rapporteren", args=[werkgroep.agenda.slug, werkgroep.pk]),
        )
    inloggen = (
        "U hoeft daarvoor niet in te loggen."
        if werkgroep.agenda.rapportagelink_zonder_inloggen
        else "U logt eerst in zoals gewoonlijk."
    )
    return (
        "Met uw persoonlijke link hieronder komt u direct bij de open acties van uw werkgroep. "
        f"{inloggen} De link werkt tot en met {geldig_tot(link):%d-%m-%Y}; stuur hem niet door.",
        reverse("rapportagelink", args=[token_van(link)]),
    )


def _gehouden_markeer(verleden: QuerySet[Vergadering]) -> None:
    """Past concept or sent meetings are held: one UPDATE, and their history rows at once."""
    with transaction.atomic():
        open_ = list(
            verleden.filter(
                status__in=[VergaderStatus.CONCEPT, VergaderStatus.AGENDA_VERZONDEN]
            ).select_for_update()
        )
        if not open_:
            return
        Vergadering.objects.filter(pk__in=[v.pk for v in open_]).update(
            status=VergaderStatus.GEHOUDEN
        )
        for vergadering in open_:
            vergadering.status = VergaderStatus.GEHOUDEN
        Vergadering.history.bulk_history_create(open_, update=True)
        vergaderingen_gewijzigd(v.pk for v in open_)


def _verslag_herinner(verleden: QuerySet[Vergadering], nu: datetime.datetime) -> int:
    """Remind who prepares each held meeting of its minutes, days after it; marked afterwards,
    so a mail failure leaves the reminder for the retry."""
    te_herinneren = [
        v
        for v in verleden.filter(
            status=VergaderStatus.GEHOUDEN, verslag_herinnerd_op__isnull=True
        ).select_related("orgaan__agenda", "orgaan__secretaris__gebruiker")
        if nu - v.eind >= datetime.timedelta(days=v.orgaan.dagen_verslagherinnering)
    ]
    zonder_secretaris = {
        v.orgaan.agenda_id
        for v in te_herinneren
        if v.orgaan.secretaris is None or v.orgaan.secretaris.gebruiker is None
    }
    beheerders = beheerders_per_agenda(zonder_secretaris)
    herinnerd = 0
    for vergadering in te_herinneren:
        secretaris = vergadering.orgaan.secretaris
        ontvangers = (
            [secretaris.gebruiker]
            if secretaris is not None and secretaris.gebruiker is not None
            else beheerders.get(vergadering.orgaan.agenda_id, [])
        )
        herinnerd += _meld(
            ontvangers,
            agenda=vergadering.agenda,
            sleutel=f"verslag:{vergadering.pk}",
            titel=f"Verslag vaststellen: {vergadering}",
            tekst="Werk de notulen, besluiten en actiepunten bij en stel het verslag vast.",
            url=reverse("vergadering_detail", args=[vergadering.agenda.slug, vergadering.pk]),
        )
    Vergadering.objects.filter(pk__in=[v.pk for v in te_herinneren]).update(verslag_herinnerd_op=nu)
    vergaderingen_gewijzigd(v.pk for v in te_herinneren)
    return herinnerd


def na_vergadering(*, nu: datetime.datetime) -> int:
    """After a meeting: mark it held, remind the secretary of the minutes, carry open points.

    Set-based: a fixed number of queries for any number of meetings, besides one notification
    per recipient. Returns the reminders mailed."""
    verleden = Vergadering.objects.actief().filter(eind__lt=nu)
    _gehouden_markeer(verleden)
    herinnerd = _verslag_herinner(verleden, nu)
    actiepunten_doorzetten(verleden.filter(actiepunten_doorgezet_op__isnull=True), nu=nu)
    return herinnerd


@transaction.atomic
def actiepunten_doorzetten(vergaderingen: QuerySet[Vergadering], *, nu: datetime.datetime) -> int:
    """Open action points of these meetings become proposals for their body's next meeting.

    The meetings are claimed (locked, then marked carried), so a second run carries nothing
    twice. Returns the proposals created."""
    bron = list(vergaderingen.select_for_update().order_by("begin"))
    if not bron:
        return 0
    later: dict[int, list[Vergadering]] = {}
    for volgende in (
        Vergadering.objects.actief()
        .filter(orgaan_id__in={v.orgaan_id for v in bron}, begin__gt=bron[0].begin)
        .order_by("begin", "pk")
    ):
        later.setdefault(volgende.orgaan_id, []).append(volgende)
    volgende_van = {
        v.pk: next((w for w in later.get(v.orgaan_id, []) if w.begin > v.begin), None) for v in bron
    }
    actiepunten = list(
        Actiepunt.objects.filter(
            agendapunt__vergadering__in=bron, status=ActiepuntStatus.OPEN
        ).select_related("agendapunt")
    )
    al_gezet = set(
        Agendapunt.objects.filter(actiepunt__in=actiepunten).values_list(
            "vergadering_id", "actiepunt_id"
        )
    )
    begin_van = {v.pk: v.begin for v in bron}
    nieuw = []
    for actiepunt in actiepunten:
        naar = volgende_van[actiepunt.agendapunt.vergadering_id]
        if naar is None or (naar.pk, actiepunt.pk) in al_gezet:
            continue
        datum = timezone.localtime(begin_van[actiepunt.agendapunt.vergadering_id])
        nieuw.append(
            Agendapunt(
                vergadering=naar,
                actiepunt=actiepunt,
                titel=f"Actiepunt: {actiepunt.omschrijving[:280]}",
                soort=PuntSoort.BESPREKING,
                status=PuntStatus.VOORGESTELD,
                toelichting=f"Open actiepunt uit de vergadering van {datum:%d-%m-%Y} "
                f"({actiepunt.wie}).",
            )
        )
    bulk_create_with_history(nieuw, Agendapunt)
    Vergadering.objects.filter(pk__in=[v.pk for v in bron]).update(actiepunten_doorgezet_op=nu)
    vergaderingen_gewijzigd([v.pk for v in bron] + [p.vergadering_id for p in nieuw])
    return len(nieuw)


def dekking_signaleren(*, vandaag: datetime.date) -> int:
    """From 1 September: tell the beheerders which statutory topics are not yet scheduled.

    For every agenda with a stuurgroep at once (the rule of te_signaleren_onderwerpen):
    a fixed number of queries, besides one notification per beheerder and topic."""
    if vandaag.month < SIGNAAL_VANAF_MAAND:
        return 0
    agendas = list(
        Agenda.objects.filter(
            overlegorganen__soort=Soort.STUURGROEP, overlegorganen__gearchiveerd=False
        ).distinct()
    )
    # Agendapunt.objects.stuurgroep(agenda=, jaar=), for all these agendas in one query.
    besproken = set(
        Agendapunt.objects.filter(
            vergadering__orgaan__agenda__in=agendas,
            vergadering__orgaan__soort=Soort.STUURGROEP,
            vergadering__begin__year=vandaag.year,
            status=PuntStatus.GEACCEPTEERD,
            onderwerpen__isnull=False,
        )
        .exclude(vergadering__status=VergaderStatus.GEANNULEERD)
        .values_list("vergadering__orgaan__agenda_id", "onderwerpen")
    )
    onderwerpen = list(WettelijkOnderwerp.objects.all())
    beheerders = beheerders_per_agenda(a.pk for a in agendas)
    # The signal repeats daily until the topic is scheduled: a notification already mailed
    # is skipped here, rather than found again by the notification service one by one.
    sleutels = {o.pk: f"dekking:{vandaag.year}:{o.code}" for o in onderwerpen}
    gemaild = set(
        Melding.objects.filter(
            sleutel__in=sleutels.values(), email_verzonden_op__isnull=False
        ).values_list("gebruiker_id", "sleutel")
    )
    gemeld = 0
    for agenda in agendas:
        for onderwerp in onderwerpen:
            if (agenda.pk, onderwerp.pk) in besproken:
                continue
            sleutel = sleutels[onderwerp.pk]
            _meld(
                [g for g in beheerders.get(agenda.pk, []) if (g.pk, sleutel) not in gemaild],
                agenda=agenda,
                sleutel=sleutel,
                titel=f"Wettelijk onderwerp nog niet geagendeerd in {vandaag.year}: "
                f"{onderwerp.titel}",
                tekst=f"{onderwerp.wetsartikel}. Zet het op de agenda van het bestuurlijk "
                "overleg vóór het einde van het jaar.",
                url=reverse("dekking", args=[agenda.slug]) + f"?jaar={vandaag.year}",
            )
            gemeld += 1
    return gemeld
