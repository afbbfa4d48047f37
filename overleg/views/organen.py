"""Bodies of an agenda and their meetings, and the calendar-feed addresses (shown and renewed)."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lea.models import Persoon
from lea.services import persoon_ics_vernieuw
from lea.toegang import POST_METHODEN, Recht, Toegang, agenda_view
from overleg.models import Overlegorgaan
from overleg.selectors import orgaan_geschiedenis, organen_met_volgende
from overleg.services import orgaan_ics_vernieuw
from overleg.toegang import orgaan_haal


def _feed(naam: str, token: object) -> str:
    """A feed's address: always from the configured base address, never from the request."""
    return settings.LEA_BASIS_URL + reverse(naam, args=[token])


def _mijn_persoon(toegang: Toegang) -> Persoon | None:
    return toegang.agenda.personen.filter(gebruiker=toegang.gebruiker).first()


@agenda_view(Recht.LEZEN)
def overleg_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    organen = organen_met_volgende(toegang.agenda, nu=timezone.now())
    persoon = _mijn_persoon(toegang)
    mijn_feed = _feed("persoon_ics", persoon.ics_token) if persoon is not None else ""
    return render(
        request, "overleg/lijst.html", toegang.context(organen=organen, mijn_feed=mijn_feed)
    )


@agenda_view(Recht.LEZEN, methoden=POST_METHODEN)
def mijn_feed_vernieuwen(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """A new address for the person's own feed; the old one stops working."""
    persoon = _mijn_persoon(toegang)
    if persoon is None:
        messages.error(request, "U staat niet als persoon in deze agenda; u heeft geen eigen feed.")
    else:
        persoon_ics_vernieuw(persoon=persoon, door=request.user)
        messages.success(
            request,
            "Uw agenda-abonnement heeft een nieuw adres; het oude werkt niet meer. Zet het "
            "nieuwe adres in je eigen agenda.",
        )
    return redirect("overleg_lijst", toegang.agenda.slug)


@agenda_view(Recht.LEZEN, orgaan_haal)
def orgaan_detail(request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan) -> HttpResponse:
    nu = timezone.now()
    vergaderingen = orgaan.vergaderingen.all()
    context = toegang.context(
        orgaan=orgaan,
        leden=orgaan.leden.select_related("persoon", "organisatie"),
        komend=vergaderingen.filter(begin__gte=nu).order_by("begin"),
        eerder=vergaderingen.filter(begin__lt=nu).order_by("-begin"),
        feed=_feed("orgaan_ics", orgaan.ics_token),
        geschiedenis=orgaan_geschiedenis(orgaan),
    )
    return render(request, "overleg/orgaan.html", context)


@agenda_view(Recht.SECRETARIAAT, orgaan_haal, methoden=POST_METHODEN)
def orgaan_feed_vernieuwen(
    request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan
) -> HttpResponse:
    """A new address for the body's feed (beheerder or the body's secretary)."""
    orgaan_ics_vernieuw(orgaan=orgaan, door=request.user)
    messages.success(
        request,
        "Het agenda-abonnement van dit overleg heeft een nieuw adres; het oude werkt niet meer.",
    )
    return redirect("orgaan_detail", toegang.agenda.slug, orgaan.pk)
