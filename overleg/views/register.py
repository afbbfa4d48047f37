"""The decisions and action points register, and the statutory-topic coverage."""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lea.toegang import Recht, agenda_view, agenda_voor_lezen
from overleg.models import ActiepuntStatus, WettelijkOnderwerp
from overleg.selectors import actiepunten_register, besluiten_register, dekking


class RegisterFilter(forms.Form):
    orgaan = forms.ModelChoiceField(
        queryset=None, required=False, label="Overleg", empty_label="— alle —"
    )
    jaar = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    onderwerp = forms.ModelChoiceField(
        queryset=WettelijkOnderwerp.objects.all(),
        required=False,
        label="Wettelijk onderwerp",
        empty_label="— alle —",
    )
    status = forms.ChoiceField(
        choices=[("", "— alle —"), *ActiepuntStatus.choices],
        required=False,
        label="Status actiepunt",
    )
    eigenaar = forms.ModelChoiceField(
        queryset=None, required=False, label="Eigenaar actiepunt", empty_label="— iedereen —"
    )

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["orgaan"].queryset = agenda.overlegorganen.all()
        self.fields["eigenaar"].queryset = agenda.personen.all()


@agenda_view(Recht.LEZEN)
def register(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    form = RegisterFilter(request.GET or None, agenda=agenda)
    filters = form.cleaned_data if form.is_valid() else {}
    context = {
        "agenda": agenda,
        "form": form,
        "besluiten": besluiten_register(agenda, filters)[:200],
        "actiepunten": actiepunten_register(agenda, filters)[:200],
    }
    return render(request, "overleg/register.html", context)


@agenda_view(Recht.LEZEN)
def dekking_view(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        jaar = timezone.localdate().year
    jaar = min(max(jaar, 2000), 2100)
    context = {
        "agenda": agenda,
        "jaar": jaar,
        "regels": dekking(agenda, jaar),
        "jaren": range(agenda.periode_start.year, agenda.periode_eind.year + 1),
    }
    return render(request, "overleg/dekking.html", context)
