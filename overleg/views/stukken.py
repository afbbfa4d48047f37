"""A meeting's papers: added and removed by the secretary, downloaded by every reader."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from lea.toegang import POST_METHODEN, Recht, Toegang, agenda_view
from overleg import services
from overleg.forms import StukForm
from overleg.models import Vergadering
from overleg.toegang import vergadering_haal
from overleg.views.vergadering import _fouten, _terug


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def stuk_toevoegen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    form = StukForm(request.POST, request.FILES)
    if form.is_valid():
        services.stuk_voeg_toe(vergadering=vergadering, door=request.user, **form.cleaned_data)
        messages.success(request, "Het stuk is toegevoegd.")
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, "stukken"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def stuk_verwijderen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, stuk_pk: int
) -> HttpResponse:
    stuk = get_object_or_404(vergadering.stukken, pk=stuk_pk)
    services.stuk_verwijder(stuk=stuk, door=request.user)
    messages.success(request, f"Het stuk ‘{stuk.titel}’ is verwijderd.")
    return redirect(_terug(vergadering, "stukken"))


@agenda_view(Recht.LEZEN, vergadering_haal)
def stuk_downloaden(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, stuk_pk: int
) -> FileResponse:
    stuk = get_object_or_404(vergadering.stukken, pk=stuk_pk)
    return FileResponse(
        stuk.bestand.open("rb"),
        as_attachment=True,
        filename=(stuk.bestand.name or "").rsplit("/", 1)[-1],
    )
