"""Bodies of an agenda, their meetings, and calendar feeds."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lea.models import Persoon
from lea.toegang import Recht, agenda_view, agenda_voor_lezen, orgaan_voor_lezen
from overleg.ics import kalender_ics
from overleg.models import Overlegorgaan, Vergadering


@agenda_view(Recht.LEZEN)
def overleg_lijst(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    nu = timezone.now()
    organen = list(agenda.overlegorganen.select_related("werkgroep"))
    komend = {}
    for vergadering in (
        Vergadering.objects.actief().filter(orgaan__agenda=agenda, begin__gte=nu).order_by("begin")
    ):
        komend.setdefault(vergadering.orgaan_id, vergadering)
    for orgaan in organen:
        orgaan.volgende = komend.get(orgaan.pk)
    return render(request, "overleg/lijst.html", {"agenda": agenda, "organen": organen})


@agenda_view(Recht.LEZEN)
def orgaan_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    orgaan = orgaan_voor_lezen(request, slug, pk)
    nu = timezone.now()
    vergaderingen = orgaan.vergaderingen.all()
    context = {
        "agenda": orgaan.agenda,
        "orgaan": orgaan,
        "leden": orgaan.leden.select_related("persoon", "organisatie"),
        "komend": vergaderingen.filter(begin__gte=nu).order_by("begin"),
        "eerder": vergaderingen.filter(begin__lt=nu).order_by("-begin"),
        "feed": request.build_absolute_uri(reverse("orgaan_ics", args=[orgaan.ics_token])),
    }
    return render(request, "overleg/orgaan.html", context)


def _ics(naam: str, vergaderingen) -> HttpResponse:
    antwoord = HttpResponse(kalender_ics(naam, vergaderingen), content_type="text/calendar")
    antwoord["Content-Disposition"] = 'inline; filename="lea.ics"'
    return antwoord


def orgaan_ics(request: HttpRequest, token) -> HttpResponse:
    """A body's meetings as a calendar feed; the secret token is the access."""
    orgaan = Overlegorgaan.objects.filter(ics_token=token).select_related("agenda").first()
    if orgaan is None:
        raise Http404
    vergaderingen = orgaan.vergaderingen.prefetch_related("punten")
    return _ics(f"{orgaan} – {orgaan.agenda.gemeente}", vergaderingen)


def persoon_ics(request: HttpRequest, token) -> HttpResponse:
    """The meetings of every body a person is a member of."""
    persoon = Persoon.objects.filter(ics_token=token).first()
    if persoon is None:
        raise Http404
    vergaderingen = (
        Vergadering.objects.filter(orgaan__leden__persoon=persoon)
        .select_related("orgaan__agenda")
        .prefetch_related("punten")
    )
    return _ics(f"LEA – {persoon.naam}", vergaderingen)
