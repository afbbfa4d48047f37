"""The action list's filters; their state lives in the URL, so a list can be bookmarked."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from werkgroepen.models import Actie, Status

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
        fields: list[str] = []

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        knopen = agenda.knopen.actief()
        self.filters["niveau1"].queryset = knopen.filter(niveau=1)
        self.filters["niveau1"].label = agenda.niveau1_naam
        if agenda.heeft_niveau2:
            self.filters["niveau2"].queryset = knopen.filter(niveau=2).select_related("ouder")
            self.filters["niveau2"].label = agenda.niveau2_naam
        else:
            del self.filters["niveau2"]
        self.filters["werkgroep"].queryset = agenda.werkgroepen.all()
        self.filters["regie"].queryset = agenda.organisaties.all()
        for naam in ("niveau1", "niveau2", "werkgroep", "regie", "leeftijd"):
            if naam in self.filters:
                self.filters[naam].extra["empty_label"] = "— alle —"
        self.filters["sorteer"].extra["empty_label"] = "Volgorde in de agenda"

    def zoek(self, queryset, name, waarde):
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

    def in_tak(self, queryset, name, knoop):
        return queryset.filter(Q(knoop=knoop) | Q(knoop__ouder=knoop))

    def filter_te_laat(self, queryset, name, waarde):
        return queryset.te_laat(timezone.localdate()) if waarde else queryset

    def in_leeftijd(self, queryset, name, waarde):
        _label, laag, hoog = LEEFTIJDSGROEPEN[waarde]
        return queryset.filter(leeftijd_min__lte=hoog, leeftijd_max__gte=laag)
