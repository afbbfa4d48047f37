"""The beheerder's list of an agenda's report links: who, which period, until when, how often
used; revoking one takes effect at once."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from lea.perioden import periode_naam
from lea.toegang import (
    FORMULIER_METHODEN,
    Recht,
    Toegang,
    agenda_view,
)
from werkgroepen.models import Rapportagelink
from werkgroepen.services.rapportagelink import (
    geldig_tot,
    intrek,
)

PER_PAGINA = 50


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def rapportagelinks(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """The agenda's links, newest period first; POST `link` revokes one at once."""
    agenda = toegang.agenda
    links = Rapportagelink.objects.filter(werkgroep__agenda=agenda)
    if request.method == "POST":
        pk = request.POST.get("link", "")
        link = (
            links.filter(pk=int(pk)).select_related("werkgroep").first() if pk.isdigit() else None
        )
        if link is None:
            messages.error(request, "Deze link bestaat niet in deze agenda; er is niets gewijzigd.")
        else:
            intrek(link=link, door=request.user)
            messages.success(
                request, f"De link van {link.werkgroep} is ingetrokken: hij werkt niet meer."
            )
        return redirect("rapportagelinks", agenda.slug)
    pagina = Paginator(
        links.select_related("werkgroep", "gebruiker", "ingetrokken_door").order_by(
            "-periode_begin", "werkgroep__volgorde", "werkgroep__naam", "pk"
        ),
        PER_PAGINA,
    ).get_page(request.GET.get("pagina"))
    nu = timezone.now()
    for link in pagina:
        link.periode = periode_naam(agenda.rapportageperiode, link.periode_begin)  # type: ignore[attr-defined]
        link.tot = geldig_tot(link)  # type: ignore[attr-defined]
        link.werkt = link.geldig(nu)  # type: ignore[attr-defined]
    return render(request, "werkgroepen/rapportagelinks.html", toegang.context(pagina=pagina))
