"""The agenda's next period: a draft agenda made from the current one, and its publication.

The draft is a transform of the whole-agenda document (lea.portability): each app's section
says what of it carries over (`nieuwe_periode`), so the core names no app above it.
"""

import calendar
import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lea import portability  # a module import: portability itself builds on lea.services
from lea.models import Agenda, AgendaStatus, Lidmaatschap, Persoon, Rol
from lea.services import bewaar
from lea.services.agendas import agenda_slug


def _plus_maanden(datum: datetime.date, maanden: int) -> datetime.date:
    jaar, maand = divmod(datum.month - 1 + maanden, 12)
    jaar += datum.year
    dag = min(datum.day, calendar.monthrange(jaar, maand + 1)[1])
    return datetime.date(jaar, maand + 1, dag)


def volgende_periode(agenda: Agenda) -> tuple[datetime.date, datetime.date]:
    """The next period: from the day after this one ends, for as long as this one lasted
    (in whole months when it starts and ends on month boundaries, else in days)."""
    start = agenda.periode_eind + datetime.timedelta(days=1)
    oud_start = agenda.periode_start
    if start.day == oud_start.day:
        maanden = (start.year - oud_start.year) * 12 + start.month - oud_start.month
        eind = _plus_maanden(start, maanden) - datetime.timedelta(days=1)
    else:
        eind = start + (agenda.periode_eind - oud_start)
    return start, eind


def volgende_titel(agenda: Agenda, start: datetime.date, eind: datetime.date) -> str:
    """ "LEA Bunnik 2025-2028" becomes "LEA Bunnik 2029-2032"; a title without the old
    period's years gets the new ones appended."""
    oud = re.compile(rf"\b{agenda.periode_start.year}(\s*[-–/]\s*){agenda.periode_eind.year}\b")
    if oud.search(agenda.titel):
        return oud.sub(lambda m: f"{start.year}{m.group(1)}{eind.year}", agenda.titel, count=1)
    return f"{agenda.titel} {start.year}-{eind.year}"


def in_laatste_jaar(agenda: Agenda, *, vandaag: datetime.date | None = None) -> bool:
    """The next period is prepared from the agenda's last year on."""
    vandaag = vandaag or timezone.localdate()
    return vandaag.year >= agenda.periode_eind.year


@transaction.atomic
def agenda_nieuwe_periode(*, agenda: Agenda, door: Any) -> Agenda:
    """A draft agenda (concept) for the period after this one, linked to it as its
    predecessor. What carries over is each section's choice; this agenda does not change.
    Its active beheerders are the draft's beheerders (only they see a concept)."""
    if agenda.is_concept:
        raise ValidationError("Publiceer deze agenda eerst; een concept heeft geen opvolger.")
    if not in_laatste_jaar(agenda):
        raise ValidationError(
            f"De volgende periode wordt voorbereid vanaf {agenda.periode_eind.year}, "
            "het laatste jaar van deze agenda."
        )
    if (opvolger := agenda.opvolgers.first()) is not None:
        raise ValidationError(f"De volgende periode is al voorbereid: ‘{opvolger.titel}’.")
    start, eind = volgende_periode(agenda)
    velden = {
        "slug": agenda_slug(agenda.gemeente, start.year),
        "titel": volgende_titel(agenda, start, eind)[:200],
        "periode_start": start.isoformat(),
        "periode_eind": eind.isoformat(),
        "status": AgendaStatus.CONCEPT.value,
        "voorganger": agenda.slug,
    }
    document = portability.agenda_naar_nieuwe_periode(agenda, agendavelden=velden)
    try:
        nieuw = portability.agenda_importeer(document=document)
    except portability.ImportFout as fout:
        raise ValidationError(f"De nieuwe periode kon niet worden voorbereid: {fout}") from None
    beheerders = {
        lid.gebruiker_id
        for lid in Lidmaatschap.objects.actief().filter(agenda=agenda, rol=Rol.BEHEERDER)
    }
    if door is not None and not getattr(door, "is_superuser", False):
        beheerders.add(door.pk)
    for gebruiker_id in sorted(beheerders):
        bewaar(Lidmaatschap(agenda=nieuw, gebruiker_id=gebruiker_id, rol=Rol.BEHEERDER), door=door)
    return nieuw


@transaction.atomic
def agenda_publiceer(*, agenda: Agenda, door: Any) -> Agenda:
    """The draft becomes the active agenda: the previous period's other roles and the logins
    of its people (matched by name and e-mail address) come along."""
    if not agenda.is_concept:
        raise ValidationError("Deze agenda is al gepubliceerd.")
    agenda.status = AgendaStatus.ACTIEF
    bewaar(agenda, door=door)
    vorige = agenda.voorganger
    if vorige is None:
        return agenda
    al = set(Lidmaatschap.objects.filter(agenda=agenda).values_list("gebruiker_id", flat=True))
    for lid in Lidmaatschap.objects.actief().filter(agenda=vorige).exclude(gebruiker_id__in=al):
        bewaar(Lidmaatschap(agenda=agenda, gebruiker_id=lid.gebruiker_id, rol=lid.rol), door=door)
    logins = {
        (p.naam, p.email): p.gebruiker_id
        for p in Persoon.objects.filter(agenda=vorige, gebruiker__isnull=False)
    }
    gekoppeld = set(
        Persoon.objects.filter(agenda=agenda, gebruiker__isnull=False).values_list(
            "gebruiker_id", flat=True
        )
    )
    for persoon in Persoon.objects.filter(agenda=agenda, gebruiker__isnull=True):
        gebruiker_id = logins.get((persoon.naam, persoon.email))
        if gebruiker_id is not None and gebruiker_id not in gekoppeld:
            persoon.gebruiker_id = gebruiker_id
            bewaar(persoon, door=door)
            gekoppeld.add(gebruiker_id)
    return agenda
