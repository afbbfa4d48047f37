"""The weekly digest: every Monday one mail per login that wants it, about the week before
(the contents: overleg.selectors_overzicht).

Each login's week is claimed on its Emailvoorkeur row by a conditional update, once the mail
is built and just before it is sent, so a retry or a second worker never sends a week twice;
when sending fails the claim is released and the error raised after the others were tried, so
the task retries only those not sent. A digest with nothing to say is not sent.
"""

import datetime
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from lea.models import Emailvoorkeur
from lea.services import email_van
from lea.services.voorkeuren import afmeldsleutel
from overleg.selectors_overzicht import Weekoverzicht, weekoverzichten

logger = logging.getLogger(__name__)


def weekmaandag(dag: datetime.date) -> datetime.date:
    """The Monday of the week `dag` lies in: the run that covers the week before it."""
    return dag - datetime.timedelta(days=dag.weekday())


def weekoverzicht_verstuur(*, maandag: datetime.date) -> int:
    """Send the digest of the week before `maandag` (a Monday) to every login that wants it
    and has something in it. Returns the number of mails sent now."""
    if maandag.weekday() != 0:
        raise ValueError(f"{maandag} is geen maandag")
    verzonden, fout = 0, None
    for overzicht in weekoverzichten(maandag=maandag):
        if overzicht.leeg:
            continue
        try:
            verzonden += _verstuur(overzicht)
        except Exception as e:  # the others still get theirs; the task retries this one
            logger.warning(
                "weekoverzicht voor %s niet verstuurd", overzicht.gebruiker, exc_info=True
            )
            fout = fout or e
    logger.info("weekoverzicht van %s: %s e-mails", maandag, verzonden)
    if fout is not None:
        raise fout
    return verzonden


def _verstuur(overzicht: Weekoverzicht) -> bool:
    gebruiker, maandag = overzicht.gebruiker, overzicht.maandag
    adres = email_van(gebruiker)
    if not adres:
        return False
    bericht = weekoverzicht_bericht(overzicht, adres)
    voorkeur, _ = Emailvoorkeur.objects.get_or_create(gebruiker=gebruiker)
    vorige = voorkeur.overzicht_week
    geclaimd = (
        Emailvoorkeur.objects.filter(pk=voorkeur.pk, wekelijks_overzicht=True)
        .filter(Q(overzicht_week__isnull=True) | Q(overzicht_week__lt=maandag))
        .update(overzicht_week=maandag)
    )
    if geclaimd != 1:
        return False  # sent by another run, or switched off in the meantime
    try:
        bericht.send()
    except Exception:
        Emailvoorkeur.objects.filter(pk=voorkeur.pk, overzicht_week=maandag).update(
            overzicht_week=vorige
        )
        raise
    return True


def weekoverzicht_bericht(overzicht: Weekoverzicht, adres: str) -> EmailMultiAlternatives:
    """The digest as a mail: plain text with an HTML alternative, and the opt-out link both in
    the text and as the List-Unsubscribe header (one click, RFC 8058)."""
    basis = settings.LEA_BASIS_URL
    afmelden = basis + reverse("overzicht_afmelden", args=[afmeldsleutel(overzicht.gebruiker)])
    context: dict[str, Any] = {
        "overzicht": overzicht,
        "afmelden": afmelden,
        "voorkeuren": basis + reverse("emailvoorkeur"),
        "meldingen": basis + reverse("meldingen"),
    }
    with translation.override(settings.LANGUAGE_CODE):
        onderwerp = f"[LEA] Uw weekoverzicht van {date_format(overzicht.maandag, 'j F Y')}"
        tekst = render_to_string("overleg/mail/overzicht.txt", context)
        html = render_to_string("overleg/mail/overzicht.html", context)
    bericht = EmailMultiAlternatives(
        subject=onderwerp,
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[adres],
        headers={
            "List-Unsubscribe": f"<{afmelden}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    bericht.attach_alternative(html, "text/html")
    return bericht
