"""The meeting cycle's reminders and mailings. Each is safe to run twice and to retry.

Work is claimed before it is done: per recipient by a unique row (Verzending, Melding) whose
`verzonden_op` is set by a conditional update, so a retry after a failure sends only what was
not sent yet, and a second run sends nothing.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lea.meldingen import melding_email_verstuur, melding_maak
from lea.toegang import beheerders_van
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    Verzending,
    WettelijkOnderwerp,
)

logger = logging.getLogger(__name__)


def _secretariaat(vergadering: Vergadering):
    """Who prepares this body's meetings: its secretary, else the agenda's beheerders."""
    secretaris = vergadering.orgaan.secretaris
    if secretaris is not None and secretaris.gebruiker is not None:
        return [secretaris.gebruiker]
    return list(beheerders_van(vergadering.agenda))


def _meld(gebruikers, *, agenda, sleutel: str, titel: str, tekst: str, url: str) -> int:
    verzonden = 0
    for gebruiker in gebruikers:
        melding = melding_maak(
            gebruiker=gebruiker, agenda=agenda, sleutel=sleutel, titel=titel, tekst=tekst, url=url
        )
        verzonden += melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
    return verzonden


def voortgang_opvragen(*, nu: datetime.datetime) -> int:
    """Ask every werkgroep chair for a progress update, weeks before each stuurgroep meeting."""
    verzonden = 0
    kandidaten = (
        Vergadering.objects.actief()
        .filter(orgaan__soort=Soort.STUURGROEP, begin__gt=nu, voortgang_gevraagd_op__isnull=True)
        .select_related("orgaan__agenda")
    )
    for vergadering in kandidaten:
        if vergadering.begin - nu > datetime.timedelta(
            weeks=vergadering.orgaan.weken_voortgangsverzoek
        ):
            continue
        agenda = vergadering.agenda
        datum = f"{timezone.localtime(vergadering.begin):%d-%m-%Y}"
        for werkgroep in agenda.werkgroepen.select_related("voorzitter__gebruiker"):
            voorzitter = werkgroep.voorzitter and werkgroep.voorzitter.gebruiker
            if voorzitter is None:
                continue
            verzonden += _meld(
                [voorzitter],
                agenda=agenda,
                sleutel=f"voortgang:{vergadering.pk}",
                titel=f"Voortgang gevraagd voor de {vergadering.orgaan} van {datum}",
                tekst=f"Wilt u de voortgang van de acties van {werkgroep} bijwerken vóór de "
                f"vergadering van {datum}?",
                url=reverse("werkgroep_detail", args=[agenda.slug, werkgroep.pk]),
            )
        Vergadering.objects.filter(pk=vergadering.pk).update(voortgang_gevraagd_op=nu)
    logger.info("voortgang opgevraagd: %s e-mails", verzonden)
    return verzonden


def agenda_verstuur(*, vergadering: Vergadering) -> int:
    """Send the agenda (PDF) and an .ics invitation to every member with an e-mail address."""
    from overleg.ics import vergadering_ics
    from overleg.pdf import agenda_pdf

    leden = vergadering.orgaan.leden.select_related("persoon").exclude(persoon__email="")
    adressen = sorted({lid.persoon.email for lid in leden})
    if not adressen:
        return 0
    pdf, ics = agenda_pdf(vergadering), vergadering_ics(vergadering)
    datum = f"{timezone.localtime(vergadering.begin):%d-%m-%Y %H:%M}"
    verzonden = 0
    for adres in adressen:
        verzending, _ = Verzending.objects.get_or_create(
            vergadering=vergadering, soort="agenda", email=adres
        )
        if (
            Verzending.objects.filter(pk=verzending.pk, verzonden_op__isnull=True).update(
                verzonden_op=timezone.now()
            )
            != 1
        ):
            continue  # already sent
        bericht = EmailMessage(
            subject=f"[LEA] Agenda {vergadering.orgaan} {datum}",
            body=f"Bijgaand de agenda voor de vergadering van {vergadering.orgaan} op {datum}"
            f"{' in ' + vergadering.locatie if vergadering.locatie else ''}.\n\n"
            f"{settings.LEA_BASIS_URL}"
            f"{reverse('vergadering_detail', args=[vergadering.agenda.slug, vergadering.pk])}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[adres],
        )
        bericht.attach(f"agenda-{vergadering.pk}.pdf", pdf, "application/pdf")
        bericht.attach(f"vergadering-{vergadering.pk}.ics", ics, "text/calendar")
        for stuk in vergadering.stukken.all():
            bericht.attach_file(stuk.bestand.path)
        try:
            bericht.send()
        except Exception:
            Verzending.objects.filter(pk=verzending.pk).update(verzonden_op=None)
            raise
        verzonden += 1
    Vergadering.objects.filter(pk=vergadering.pk, agenda_verstuurd_op__isnull=True).update(
        agenda_verstuurd_op=timezone.now()
    )
    Vergadering.objects.filter(pk=vergadering.pk, status=VergaderStatus.CONCEPT).update(
        status=VergaderStatus.AGENDA_VERZONDEN
    )
    logger.info("agenda %s verstuurd aan %s leden", vergadering.pk, verzonden)
    return verzonden


def agendas_versturen(*, nu: datetime.datetime) -> list[int]:
    """The meetings whose agenda is due: within the body's lead time, with accepted items."""
    due = []
    for vergadering in (
        Vergadering.objects.actief()
        .filter(
            begin__gt=nu, agenda_verstuurd_op__isnull=True, punten__status=PuntStatus.GEACCEPTEERD
        )
        .select_related("orgaan")
        .distinct()
    ):
        if vergadering.begin - nu <= datetime.timedelta(days=vergadering.orgaan.dagen_agenda):
            due.append(vergadering.pk)
    return due


def na_vergadering(*, nu: datetime.datetime) -> int:
    """After a meeting: mark it held, remind the secretary of the minutes, carry open points."""
    herinnerd = 0
    for vergadering in (
        Vergadering.objects.actief()
        .filter(eind__lt=nu)
        .filter(
            Q(status__in=[VergaderStatus.CONCEPT, VergaderStatus.AGENDA_VERZONDEN])
            | Q(verslag_herinnerd_op__isnull=True, status=VergaderStatus.GEHOUDEN)
            | Q(actiepunten_doorgezet_op__isnull=True)
        )
        .select_related("orgaan__agenda", "orgaan__secretaris__gebruiker")
    ):
        Vergadering.objects.filter(
            pk=vergadering.pk, status__in=[VergaderStatus.CONCEPT, VergaderStatus.AGENDA_VERZONDEN]
        ).update(status=VergaderStatus.GEHOUDEN)
        vergadering.refresh_from_db(fields=["status"])
        wachttijd = datetime.timedelta(days=vergadering.orgaan.dagen_verslagherinnering)
        if (
            vergadering.status == VergaderStatus.GEHOUDEN
            and vergadering.verslag_herinnerd_op is None
            and nu - vergadering.eind >= wachttijd
        ):
            herinnerd += _meld(
                _secretariaat(vergadering),
                agenda=vergadering.agenda,
                sleutel=f"verslag:{vergadering.pk}",
                titel=f"Verslag vaststellen: {vergadering}",
                tekst="Werk de notulen, besluiten en actiepunten bij en stel het verslag vast.",
                url=reverse("vergadering_detail", args=[vergadering.agenda.slug, vergadering.pk]),
            )
            Vergadering.objects.filter(pk=vergadering.pk).update(verslag_herinnerd_op=nu)
        if vergadering.actiepunten_doorgezet_op is None:
            actiepunten_doorzetten(vergadering=vergadering)
            Vergadering.objects.filter(pk=vergadering.pk).update(actiepunten_doorgezet_op=nu)
    return herinnerd


def actiepunten_doorzetten(*, vergadering: Vergadering) -> int:
    """Open action points of a meeting become proposals for the body's next meeting."""
    volgende = (
        Vergadering.objects.actief()
        .filter(orgaan=vergadering.orgaan, begin__gt=vergadering.begin)
        .order_by("begin")
        .first()
    )
    if volgende is None:
        return 0
    nieuw = 0
    for actiepunt in Actiepunt.objects.filter(
        agendapunt__vergadering=vergadering, status=ActiepuntStatus.OPEN
    ):
        _punt, aangemaakt = Agendapunt.objects.get_or_create(
            vergadering=volgende,
            actiepunt=actiepunt,
            defaults={
                "titel": f"Actiepunt: {actiepunt.omschrijving[:280]}",
                "soort": "bespreking",
                "status": PuntStatus.VOORGESTELD,
                "toelichting": f"Open actiepunt uit de vergadering van "
                f"{timezone.localtime(vergadering.begin):%d-%m-%Y} ({actiepunt.wie}).",
            },
        )
        nieuw += aangemaakt
    return nieuw


def onbesproken_onderwerpen(agenda, jaar: int):
    """Statutory topics on no stuurgroep meeting's agenda (held or planned) in `jaar`."""
    besproken = (
        Agendapunt.objects.filter(
            vergadering__orgaan__agenda=agenda,
            vergadering__orgaan__soort=Soort.STUURGROEP,
            vergadering__begin__year=jaar,
            status=PuntStatus.GEACCEPTEERD,
        )
        .exclude(vergadering__status=VergaderStatus.GEANNULEERD)
        # Items without a topic give NULL, and NOT IN (…, NULL) matches nothing: leave them out.
        .filter(onderwerpen__isnull=False)
        .values("onderwerpen")
    )
    return WettelijkOnderwerp.objects.exclude(pk__in=besproken)


def dekking_signaleren(*, vandaag: datetime.date) -> int:
    """From 1 September: tell the beheerder which statutory topics are not yet scheduled."""
    if vandaag.month < 9:
        return 0
    from lea.models import Agenda

    gemeld = 0
    for agenda in Agenda.objects.filter(overlegorganen__soort=Soort.STUURGROEP).distinct():
        for onderwerp in onbesproken_onderwerpen(agenda, vandaag.year):
            _meld(
                beheerders_van(agenda),
                agenda=agenda,
                sleutel=f"dekking:{vandaag.year}:{onderwerp.code}",
                titel=f"Wettelijk onderwerp nog niet geagendeerd in {vandaag.year}: "
                f"{onderwerp.titel}",
                tekst=f"{onderwerp.wetsartikel}. Zet het op de agenda van het bestuurlijk "
                "overleg vóór het einde van het jaar.",
                url=reverse("dekking", args=[agenda.slug]) + f"?jaar={vandaag.year}",
            )
            gemeld += 1
    return gemeld
