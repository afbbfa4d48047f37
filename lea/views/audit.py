"""The security log (Beveiligingslogboek): the audit log, for the functioneel beheerder."""

import datetime

import django_filters
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from lea.models import Auditregel, AuditSoort
from lea.toegang import is_functioneel_beheerder

PER_PAGINA = 50
DATUM = forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d")


class AuditFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(
        choices=AuditSoort.choices,
        label="Soort",
        empty_label="Alle",
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    gebruiker = django_filters.CharFilter(
        field_name="gebruikersnaam",
        lookup_expr="icontains",
        label="Gebruiker",
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    van = django_filters.DateFilter(method="vanaf", label="Van", widget=DATUM)
    tot = django_filters.DateFilter(method="tot_en_met", label="Tot en met", widget=DATUM)

    class Meta:
        model = Auditregel
        fields = ("soort", "gebruiker", "van", "tot")

    def vanaf(self, qs: QuerySet[Auditregel], naam: str, dag: datetime.date) -> QuerySet:
        return qs.filter(tijdstip__date__gte=dag)

    def tot_en_met(self, qs: QuerySet[Auditregel], naam: str, dag: datetime.date) -> QuerySet:
        return qs.filter(tijdstip__date__lte=dag)


@login_required
@require_http_methods(["GET", "HEAD"])
def auditlog(request: HttpRequest) -> HttpResponse:
    """Every security event of the installation, newest first, filtered and paged."""
    if not is_functioneel_beheerder(request.user):
        raise PermissionDenied("Alleen een functioneel beheerder ziet het beveiligingslogboek.")
    filter_ = AuditFilter(request.GET, queryset=Auditregel.objects.select_related("agenda"))
    pagina = Paginator(filter_.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    zonder_pagina = request.GET.copy()
    zonder_pagina.pop("pagina", None)
    return render(
        request,
        "lea/auditlog.html",
        {
            "filter": filter_,
            "pagina": pagina,
            "querystring": zonder_pagina.urlencode(),
            "bewaartermijn": settings.LEA_AUDIT_BEWAARTERMIJN_DAGEN,
        },
    )
