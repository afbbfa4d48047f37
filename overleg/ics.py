"""Calendar invitations and feeds (.ics) for meetings: stable UIDs, Europe/Amsterdam, links
from the configured base address (settings.LEA_BASIS_URL), never from a request."""

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event
from icalendar.cal import Timezone

from overleg.models import PuntStatus, Vergadering, VergaderStatus

# A concept meeting is not certain yet; a cancelled one is removed from the subscriber's calendar.
ICS_STATUS: dict[str, str] = {
    VergaderStatus.CONCEPT: "TENTATIVE",
    VergaderStatus.GEANNULEERD: "CANCELLED",
}


def _kalender(naam: str) -> Calendar:
    kalender = Calendar()
    kalender.add("prodid", "-//LEA Lokale Educatieve Agenda//NL")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("x-wr-calname", naam)
    kalender.add("x-wr-timezone", "Europe/Amsterdam")
    kalender.add_component(Timezone.from_tzid("Europe/Amsterdam"))
    return kalender


def _event(vergadering: Vergadering) -> Event:
    event = Event()
    # Stable across re-exports, so Outlook updates a moved meeting instead of adding one.
    event.add("uid", f"vergadering-{vergadering.pk}@lea")
    event.add("summary", str(vergadering.orgaan))
    event.add("dtstart", timezone.localtime(vergadering.begin))
    event.add("dtend", timezone.localtime(vergadering.eind))
    event.add("dtstamp", timezone.now())
    if vergadering.locatie:
        event.add("location", vergadering.locatie)
    punten = [
        f"{i}. {p.titel}"
        for i, p in enumerate(vergadering.punten.all(), 1)
        if p.status == PuntStatus.GEACCEPTEERD
    ]
    url = settings.LEA_BASIS_URL + reverse(
        "vergadering_detail", args=[vergadering.orgaan.agenda.slug, vergadering.pk]
    )
    event.add("description", "\n".join([*punten, "", url]).strip())
    event.add("url", url)
    event.add("status", ICS_STATUS.get(vergadering.status, "CONFIRMED"))
    event.add("sequence", int(vergadering.begin.timestamp()) // 60 % 100000)
    return event


def kalender_ics(naam: str, vergaderingen: Iterable[Vergadering]) -> bytes:
    kalender = _kalender(naam)
    for vergadering in vergaderingen:
        kalender.add_component(_event(vergadering))
    return kalender.to_ical()


def vergadering_ics(vergadering: Vergadering) -> bytes:
    """One invitation (METHOD:PUBLISH) for one meeting."""
    kalender = _kalender(str(vergadering.orgaan))
    kalender.add("method", "PUBLISH")
    kalender.add_component(_event(vergadering))
    return kalender.to_ical()
