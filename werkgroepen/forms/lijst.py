"""The action list: its filters and the bulk change of selected actions."""

from typing import Any

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from ambities.models import Knoop
from lea.forms import bootstrap_klassen
from lea.models import Agenda, Organisatie
from werkgroepen.forms.gemeen import _kies_uit
from werkgroepen.models import (
    Actie,
    ActieQuerySet,
    Status,
    Werkgroep,
)


class BulkForm(forms.Form):
    """Change status, werkgroep or lead of the selected actions (beheerder)."""

    acties = forms.ModelMultipleChoiceField(queryset=Actie.objects.none(), label="Acties")
    status = forms.ChoiceField(choices=[("", "— niet wijzigen —"), *Status.choices], required=False)
    werkgroep = forms.ModelChoiceField(
        queryset=Werkgroep.objects.none(), required=False, empty_label="— niet wijzigen —"
    )
    regie = forms.ModelChoiceField(
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label="— niet wijzigen —",
        label="Regie (organisatie)",
    )

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kies_uit(self.fields["acties"], Actie.objects.filter(agenda=agenda).actief())
        for naam in ("status", "werkgroep", "regie"):
            self.fields[naam].widget.attrs["class"] = "form-select"
        _kies_uit(self.fields["werkgroep"], Werkgroep.objects.filter(agenda=agenda).actief())
        _kies_uit(self.fields["regie"], agenda.organisaties.all())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("status") or data.get("werkgroep") or data.get("regie")):
            raise forms.ValidationError("Kies wat u wilt wijzigen: status, werkgroep of regie.")
        return data


# --- the action list's filters: their state lives in the URL, so a list can be bookmarked ---

LEEFTIJDSGROEPEN = {
    "0-4": ("0–4 jaar (voorschools)", 0, 3),
    "4-12": ("4–12 jaar (basisonderwijs)", 4, 12),
    "12-18": ("12–18 jaar (voortgezet onderwijs)", 12, 18),
    "18-27": ("18–27 jaar (mbo en verder)", 18, 27),
}


class ActieFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="zoek", label="Zoeken")
    niveau1 = django_filters.ModelChoiceFilter(method="in_tak", label="Niveau 1", queryset=None)
    niveau2 = django_filters.ModelChoiceFilter(field_name="knoop", label="Niveau 2", queryset=None)
    werkgroep = django_filters.ModelChoiceFilter(queryset=None, label="Werkgroep")
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple, label="Status"
    )
    regie = django_filters.ModelChoiceFilter(queryset=None, label="Regie (organisatie)")
    te_laat = django_filters.BooleanFilter(
        method="filter_te_laat",
        label="Alleen te laat",
        widget=forms.CheckboxInput,
    )
    leeftijd = django_filters.ChoiceFilter(
        method="in_leeftijd",
        label="Leeftijdsgroep",
        choices=[(k, v[0]) for k, v in LEEFTIJDSGROEPEN.items()],
    )
    sorteer = django_filters.OrderingFilter(
        label="Sorteren op",
        fields=[
            ("volgorde", "volgorde"),
            ("code", "code"),
            ("titel", "titel"),
            ("status", "status"),
            ("timing_eind", "deadline"),
            ("percentage", "voortgang"),
            ("werkgroep__naam", "werkgroep"),
        ],
        field_labels={
            "volgorde": "Volgorde in de agenda",
            "code": "Code",
            "titel": "Titel",
            "status": "Status",
            "timing_eind": "Deadline",
            "percentage": "Voortgang",
            "werkgroep__naam": "Werkgroep",
        },
    )

    class Meta:
        model = Actie
        fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        knopen = agenda.knopen.actief()
        self.filters["niveau1"].queryset = knopen.filter(niveau=1)
        self.filters["niveau1"].label = agenda.niveau1_naam
        if agenda.heeft_niveau2:
            self.filters["niveau2"].queryset = knopen.filter(niveau=2).select_related("ouder")
            self.filters["niveau2"].label = agenda.niveau2_naam
        else:
            del self.filters["niveau2"]
        self.filters["werkgroep"].queryset = Werkgroep.objects.filter(agenda=agenda).actief()
        self.filters["regie"].queryset = agenda.organisaties.all()
        for naam in ("niveau1", "niveau2", "werkgroep", "regie", "leeftijd"):
            if naam in self.filters:
                self.filters[naam].extra["empty_label"] = "— alle —"
        self.filters["sorteer"].extra["empty_label"] = "Volgorde in de agenda"

    @property
    def form(self) -> forms.Form:
        """The filter form, its widgets with their Bootstrap classes (templates/_velden.html)."""
        if not hasattr(self, "_form"):
            self._form = bootstrap_klassen(super().form)
        return self._form

    def zoek(self, queryset: ActieQuerySet, name: str, waarde: str) -> ActieQuerySet:
        for woord in waarde.split():
            queryset = queryset.filter(
                Q(code__iexact=woord)
                | Q(titel__icontains=woord)
                | Q(bereiken__icontains=woord)
                | Q(doen__icontains=woord)
                | Q(regie_tekst__icontains=woord)
                | Q(partners_tekst__icontains=woord)
                | Q(toelichting__icontains=woord)
            )
        return queryset

    def in_tak(self, queryset: ActieQuerySet, name: str, knoop: Knoop) -> ActieQuerySet:
        return queryset.filter(Q(knoop=knoop) | Q(knoop__ouder=knoop))

    def filter_te_laat(self, queryset: ActieQuerySet, name: str, waarde: bool) -> ActieQuerySet:
        return queryset.te_laat(timezone.localdate()) if waarde else queryset

    def in_leeftijd(self, queryset: ActieQuerySet, name: str, waarde: str) -> ActieQuerySet:
        _label, laag, hoog = LEEFTIJDSGROEPEN[waarde]
        return queryset.filter(leeftijd_min__lte=hoog, leeftijd_max__gte=laag)
