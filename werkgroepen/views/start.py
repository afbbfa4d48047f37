"""Mijn overzicht: the start page of every user."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from werkgroepen.selectors import startpagina


@login_required
@require_safe
def mijn_overzicht(request: HttpRequest) -> HttpResponse:
    return render(request, "werkgroepen/mijn_overzicht.html", startpagina(request.user))
