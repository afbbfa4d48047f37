"""The chair's report page: the open actions of one werkgroep, each with a compact progress form
that saves on its own, and "Geen wijziging" for all of them in one click.

Two doors lead to the same page. Logged in, at the werkgroep's address (`…/rapporteren/`).
And through the personal link of the progress request (`/r/<token>/`): by default it asks for
a normal login first, as the link's own chair; where the agenda allows it, the link itself is
the key, to this page and its forms only (no login is made). Either way the chair must still
have the right to update the werkgroep's progress. Also here: the beheerder's list of links.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from lea.forms import bootstrap_klassen
from lea.perioden import periode_naam
from lea.toegang import (
    POST_METHODEN,
    Recht,
    Toegang,
    agenda_view,
    haal_of_404,
    toegang_tot,
)
from werkgroepen.forms import VoortgangForm
from werkgroepen.forms.acties import GEEN_VOORSTEL_GEVRAAGD
from werkgroepen.models import AFGESLOTEN, Actie, Rapportagelink, Werkgroep
from werkgroepen.selectors import geldvoorstellen, rapportageperiode_van
from werkgroepen.selectors.betrokken import te_rapporteren_acties
from werkgroepen.services import voortgang_registreer
from werkgroepen.services.rapportagelink import (
    GRATIE,
    LinkOngeldig,
    gebruik_vastleg,
    geen_wijziging_vastleg,
    geldig_tot,
    link_uit_token,
)
from werkgroepen.toegang import werkgroep_haal
from werkgroepen.views.werkgroep import HtmxHttpRequest

GEEN_TOEGANG_MEER = (
    "Deze link geeft geen toegang meer: alleen de voorzitter van de werkgroep mag de voortgang "
    "bijwerken. Vraag de beheerder van de agenda wie nu voorzitter is."
)
ANDERE_GEBRUIKER = (
    "Deze link is persoonlijk en hoort bij iemand anders dan de gebruiker die nu is ingelogd. "
    "Log uit en open de link opnieuw, of log in als de voorzitter van de werkgroep."
)
# The fields of the compact form, in the order a first error is looked for.
VELDEN = ("status", "percentage", "rag_tijd", "rag_geld", "toelichting", "datum")


@dataclass
class Rapportage:
    """Who reports on which werkgroep, for which period, through which door."""

    werkgroep: Werkgroep
    door: Any  # the login the updates are recorded for
    sinds: datetime.date  # the reporting period: an update since then counts as reported
    eind: datetime.date
    periode: str
    toegang: Toegang | None  # the logged-in visitor's access (the agenda's navigation)
    link: Rapportagelink | None = None
    token: str = ""

    def url(self, wat: str = "", actie_pk: int | None = None) -> str:
        """The page's own addresses: `wat` is "" (the page), "actie" or "geen_wijziging"."""
        naam = ("rapportagelink" if self.link else "werkgroep_rapporteren") + (
            f"_{wat}" if wat else ""
        )
        args: list[Any] = (
            [self.token] if self.link else [self.werkgroep.agenda.slug, self.werkgroep.pk]
        )
        return reverse(naam, args=[*args, actie_pk] if actie_pk is not None else args)

    def gebruikt(self, request: HttpRequest, wijziging: str = "") -> None:
        """Through the link: count the use, and log what it changed."""
        if self.link is not None:
            gebruik_vastleg(link=self.link, request=request, wijziging=wijziging)


@dataclass
class Kaart:
    """One action on the page: its compact form, and whether it is reported this period."""

    actie: Actie
    form: VoortgangForm
    url: str
    gerapporteerd: bool
    bijgewerkt: bool = False
    fouten: list[str] = field(default_factory=list)
    geweigerd: str = ""  # why a save was refused (the action was closed in between)


def _formulier(
    actie: Actie, data: Any = None, voorstel: object = GEEN_VOORSTEL_GEVRAAGD
) -> VoortgangForm:
    form = bootstrap_klassen(
        VoortgangForm(data, actie=actie, voorstel=voorstel, prefix=f"actie{actie.pk}")
    )
    form.fields["toelichting"].widget.attrs["rows"] = "2"
    form.fields["percentage"].help_text = ""  # compact: its error says what a percentage is
    return form


def _kaart(
    r: Rapportage,
    actie: Actie,
    form: VoortgangForm | None = None,
    voorstel: object = GEEN_VOORSTEL_GEVRAAGD,
    **extra: Any,
) -> Kaart:
    form = form or _formulier(actie, voorstel=voorstel)
    fouten = [
        f"{form[n].label}: {' '.join(str(e) for e in form[n].errors)}"
        for n in VELDEN
        if form[n].errors
    ]
    for naam in VELDEN:
        if form[naam].errors:  # the field says it is wrong, and points to why
            form.fields[naam].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": f"{form[naam].auto_id}_fout"}
            )
    return Kaart(
        actie=actie,
        form=form,
        url=r.url("actie", actie.pk),
        gerapporteerd=actie.voortgang_datum is not None and actie.voortgang_datum >= r.sinds,
        fouten=[*(str(e) for e in form.non_field_errors()), *fouten],
        **extra,
    )


def _samenvatting(r: Rapportage, acties: list[Actie]) -> dict[str, Any]:
    """The counts at the top of the page (also swapped in after each save)."""
    open_ = [a for a in acties if a.status not in AFGESLOTEN]
    te_doen = [a for a in open_ if a.voortgang_datum is None or a.voortgang_datum < r.sinds]
    return {
        "aantal_open": len(open_),
        "aantal_te_rapporteren": len(te_doen),
        "aantal_herhaalbaar": sum(1 for a in te_doen if a.voortgang_datum and a.rag_tijd),
    }


def _context(r: Rapportage, kaarten: list[Kaart] | None = None, **extra: Any) -> dict[str, Any]:
    werkgroep = r.werkgroep
    if kaarten is None:
        acties = list(te_rapporteren_acties(werkgroep))
        voorstellen = geldvoorstellen(acties)  # for all forms at once
        kaarten = [_kaart(r, actie, voorstel=voorstellen[actie.pk]) for actie in acties]
    basis = r.toegang.context() if r.toegang is not None else {"agenda": werkgroep.agenda}
    return {
        **basis,
        "r": r,
        "werkgroep": werkgroep,
        "kaarten": kaarten,
        "geldig_tot": geldig_tot(r.link) if r.link else None,
        "gratie": GRATIE.days,
        "geen_wijziging_url": r.url("geen_wijziging"),
        **_samenvatting(r, [k.actie for k in kaarten]),
        **extra,
    }


def _pagina(request: HtmxHttpRequest, r: Rapportage) -> HttpResponse:
    r.gebruikt(request)
    return render(request, "werkgroepen/rapporteren.html", _context(r))


def _actie(request: HtmxHttpRequest, r: Rapportage, actie_pk: int) -> HttpResponse:
    """Save one action's update: with htmx its card is swapped (and the counts), without
    JavaScript the page is shown again with a message."""
    werkgroep = r.werkgroep
    actie: Actie = haal_of_404(
        Actie.objects.none() if werkgroep.gearchiveerd else werkgroep.acties.actief(),
        actie_pk,
        "Deze actie hoort niet bij deze werkgroep.",
    )
    if actie.status in AFGESLOTEN:  # closed since the page was loaded: nothing to report
        r.gebruikt(request)
        geweigerd = (
            f"Niet opgeslagen: ‘{actie.titel}’ is {actie.get_status_display().lower()} en staat "
            "niet meer bij de open acties."
        )
        if not request.htmx:
            messages.error(request, geweigerd)
            return redirect(r.url())
        context = {**_context(r, kaarten=[]), "kaart": _kaart(r, actie, geweigerd=geweigerd)}
        return render(request, "werkgroepen/_rapporteren_actie.html", context)
    form = _formulier(actie, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        token = data.pop("eenmalig", None)
        try:
            voortgang = voortgang_registreer(actie=actie, door=r.door, token=token, **data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            r.gebruikt(
                request,
                f"voortgang van ‘{actie}’: {voortgang.get_status_display().lower()}, "
                f"{voortgang.percentage} %",
            )
            melding = f"Voortgang van ‘{actie.titel}’ opgeslagen."
            if not request.htmx:
                messages.success(request, melding)
                return redirect(f"{r.url()}#rapport-actie-{actie.pk}")
            actie.refresh_from_db()
            kaart = _kaart(r, actie, bijgewerkt=True)
            acties = list(te_rapporteren_acties(r.werkgroep))
            context = {**_context(r, kaarten=[]), **_samenvatting(r, acties), "kaart": kaart}
            return render(request, "werkgroepen/_rapporteren_opgeslagen.html", context)
    r.gebruikt(request)
    if request.htmx:
        context = {**_context(r, kaarten=[]), "kaart": _kaart(r, actie, form)}
        return render(request, "werkgroepen/_rapporteren_actie.html", context)
    # Without JavaScript: the whole page, this card with its errors.
    acties = list(te_rapporteren_acties(r.werkgroep))
    voorstellen = geldvoorstellen(acties)
    kaarten = [
        _kaart(r, a, form) if a.pk == actie.pk else _kaart(r, a, voorstel=voorstellen[a.pk])
        for a in acties
    ]
    return render(request, "werkgroepen/rapporteren.html", _context(r, kaarten=kaarten))


def _geen_wijziging(request: HtmxHttpRequest, r: Rapportage) -> HttpResponse:
    """'Geen wijziging' for every open action not reported yet; one confirmation."""
    uit = geen_wijziging_vastleg(
        werkgroep=r.werkgroep,
        door=r.door,
        sinds=r.sinds,
        acties=te_rapporteren_acties(r.werkgroep),
    )
    aantal = len(uit.vastgelegd)
    bevestiging = (
        f"‘Geen wijziging’ vastgelegd voor {aantal} {'actie' if aantal == 1 else 'acties'}."
        if aantal
        else "Er was geen actie om ‘Geen wijziging’ voor vast te leggen."
    )
    r.gebruikt(
        request,
        f"‘Geen wijziging’ voor {aantal} acties: " + "; ".join(str(a) for a in uit.vastgelegd)
        if aantal
        else "",
    )
    nog = "Nog zonder eerdere voortgang, vul deze zelf in: "
    if not request.htmx:
        messages.success(request, bevestiging)
        if uit.zonder_vorige:
            messages.info(request, nog + "; ".join(str(a) for a in uit.zonder_vorige) + ".")
        return redirect(r.url())
    context = _context(r, bevestiging=bevestiging, zonder_vorige=uit.zonder_vorige, nog=nog)
    return render(request, "werkgroepen/_rapporteren_lijst.html", context)


# --- logged in, at the werkgroep's address ------------------------------------------------------


def _ingelogd(request: HtmxHttpRequest, toegang: Toegang, werkgroep: Werkgroep) -> Rapportage:
    werkgroep.agenda = toegang.agenda  # the same row, fetched already
    periode = rapportageperiode_van(toegang.agenda)
    return Rapportage(
        werkgroep=werkgroep,
        door=request.user,
        sinds=periode.begin,
        eind=periode.eind,
        periode=periode.naam,
        toegang=toegang,
    )


@agenda_view(Recht.VOORTGANG, werkgroep_haal)
def werkgroep_rapporteren(
    request: HtmxHttpRequest, toegang: Toegang, werkgroep: Werkgroep
) -> HttpResponse:
    return _pagina(request, _ingelogd(request, toegang, werkgroep))


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=POST_METHODEN)
def werkgroep_rapporteren_actie(
    request: HtmxHttpRequest, toegang: Toegang, werkgroep: Werkgroep, actie_pk: int
) -> HttpResponse:
    return _actie(request, _ingelogd(request, toegang, werkgroep), actie_pk)


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=POST_METHODEN)
def werkgroep_rapporteren_geen_wijziging(
    request: HtmxHttpRequest, toegang: Toegang, werkgroep: Werkgroep
) -> HttpResponse:
    return _geen_wijziging(request, _ingelogd(request, toegang, werkgroep))


# --- through the personal link ------------------------------------------------------------------


class _InloggenNodig(Exception):
    pass


def _via_link(request: HttpRequest, token: str) -> Rapportage:
    """The page's state for a link: LinkOngeldig for a bad, revoked or expired one,
    _InloggenNodig when the agenda asks for a login first, PermissionDenied for another
    login than the link's or a chair who no longer chairs."""
    link = link_uit_token(token)
    werkgroep = link.werkgroep
    agenda = werkgroep.agenda
    ingelogd = request.user.is_authenticated
    if ingelogd and request.user.pk != link.gebruiker_id:
        raise PermissionDenied(ANDERE_GEBRUIKER)
    if not ingelogd and not agenda.rapportagelink_zonder_inloggen:
        raise _InloggenNodig
    if werkgroep.gearchiveerd:
        raise LinkOngeldig("Deze werkgroep is gearchiveerd; er valt geen voortgang te melden.")
    # The link's chair must still have the right, checked as every page checks it.
    try:
        toegang = toegang_tot(link.gebruiker, agenda.slug)
        _werkgroep, mag = werkgroep_haal(toegang, werkgroep.pk)
    except Http404:
        raise PermissionDenied(GEEN_TOEGANG_MEER) from None
    if not mag.voortgang:
        raise PermissionDenied(GEEN_TOEGANG_MEER)
    return Rapportage(
        werkgroep=werkgroep,
        door=link.gebruiker,
        sinds=link.periode_begin,
        eind=link.periode_eind,
        periode=periode_naam(agenda.rapportageperiode, link.periode_begin),
        toegang=replace(toegang, mag=mag) if ingelogd else None,
        link=link,
        token=token,
    )


def via_link(
    methoden: tuple[str, ...],
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view of the page through the link: `view(request, rapportage, **rest)`."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        @never_cache
        def wrapper(request: HttpRequest, token: str, **kwargs: Any) -> HttpResponse:
            if request.method not in methoden:
                return HttpResponseNotAllowed(methoden)
            try:
                r = _via_link(request, token)
            except LinkOngeldig as fout:
                context = {"ongeldig": fout.melding}
                return render(request, "werkgroepen/rapporteren.html", context, status=fout.status)
            except _InloggenNodig:
                return redirect_to_login(request.get_full_path())
            return view(request, r, **kwargs)

        return wrapper

    return decorator


@via_link(("GET", "HEAD"))
def rapportagelink(request: HtmxHttpRequest, r: Rapportage) -> HttpResponse:
    return _pagina(request, r)


@via_link(("POST",))
def rapportagelink_actie(request: HtmxHttpRequest, r: Rapportage, actie_pk: int) -> HttpResponse:
    return _actie(request, r, actie_pk)


@via_link(("POST",))
def rapportagelink_geen_wijziging(request: HtmxHttpRequest, r: Rapportage) -> HttpResponse:
    return _geen_wijziging(request, r)
