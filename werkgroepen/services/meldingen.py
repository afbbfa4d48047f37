"""The notification an action's status change brings to its lead and werkgroep chair."""

import logging

from django.conf import settings
from django.urls import reverse

from lea.services import melding_email_verstuur, melding_maak
from lea.weergave import naam_van
from werkgroepen.models import Voortgang

logger = logging.getLogger(__name__)


def statusmelding_verstuur(*, voortgang_id: int) -> int:
    """Tell an action's lead and werkgroep chair that its status changed; the e-mails sent.

    Safe to run twice: the notification is keyed on the update, and its e-mail is claimed
    before it is sent (lea.services).
    """
    voortgang = (
        Voortgang.objects.select_related(
            "actie__agenda",
            "actie__regie_persoon__gebruiker",
            "actie__werkgroep__voorzitter__gebruiker",
            "door",
        )
        .filter(pk=voortgang_id)
        .first()
    )
    if voortgang is None:
        return 0
    actie = voortgang.actie
    voorzitter = actie.werkgroep.voorzitter if actie.werkgroep else None
    ontvangers = {
        persoon.gebruiker
        for persoon in (actie.regie_persoon, voorzitter)
        if persoon is not None and persoon.gebruiker is not None
    }
    ontvangers.discard(voortgang.door)  # nobody is told about their own change
    url = reverse("actie_detail", args=[actie.agenda.slug, actie.pk])
    # Every recipient gets the in-app notification first; only then the e-mails go out, so a
    # mail server that fails on one recipient never costs another their notification. The
    # first mail error is raised after trying everyone, so the task retries what is unsent.
    meldingen = [
        melding_maak(
            gebruiker=gebruiker,
            agenda=actie.agenda,
            sleutel=f"status:{voortgang.pk}",
            titel=f"Status van ‘{actie}’ is nu {voortgang.get_status_display().lower()}",
            tekst=f"{naam_van(voortgang.door) or 'Iemand'} registreerde op "
            f"{voortgang.datum:%d-%m-%Y}: {voortgang.toelichting}",
            url=url,
        )
        for gebruiker in sorted(ontvangers, key=lambda g: g.pk)
    ]
    verzonden, fout = 0, None
    for melding in meldingen:
        try:
            verzonden += melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
        except OSError as exc:
            fout = fout or exc
    if fout is not None:
        raise fout
    logger.info(
        "statusmelding voortgang %s: %s ontvangers, %s e-mails",
        voortgang_id,
        len(ontvangers),
        verzonden,
    )
    return verzonden
