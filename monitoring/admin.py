"""The superuser's admin of monitoring. Every form keeps the model's rules (no negative counts
or amounts, the account's dates and kenmerk) and every change lands in the history."""

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Max, Min
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from lea.admin import (
    PER_PAGINA,
    AgendaBeperktAdmin,
    AgendaZoekFilter,
    JaarBereikFilter,
    LijstAdmin,
)
from lea.models import zelfde_agenda
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    Geldregel,
    Indicator,
    Meting,
    Rapport,
    Realisatie,
    School,
    Schoolweging,
    Signaalregel,
    VeCijfers,
    Verantwoording,
)


class BegrotingsbedragInline(admin.TabularInline):
    model = Begrotingsbedrag
    extra = 0


class FinancieringsbedragInline(admin.TabularInline):
    model = Financieringsbedrag
    extra = 0


class BegrotingspostInline(admin.TabularInline):
    model = Begrotingspost
    extra = 0
    fields = ("naam", "knoop", "groep_naam", "wijziging", "volgorde")
    show_change_link = True


class FinancieringInline(admin.TabularInline):
    model = Financiering
    extra = 0
    show_change_link = True


@admin.register(Begroting)
class BegrotingAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "eerste_jaar", "laatste_jaar", "beginsaldo")
    list_select_related = ("agenda",)  # named by its agenda
    list_filter = (("agenda", AgendaZoekFilter),)
    search_fields = ("agenda__titel", "agenda__gemeente")
    inlines = (BegrotingspostInline, FinancieringInline)


@admin.register(Begrotingspost)
class BegrotingspostAdmin(AgendaBeperktAdmin, SimpleHistoryAdmin):
    list_display = ("naam", "knoop", "groep_naam", "wijziging", "begroting")
    list_select_related = ("knoop", "begroting__agenda")  # knoop is nullable: named
    lijst_velden = (
        *("naam", "groep_naam", "wijziging", "knoop__code", "knoop__titel"),
        *("begroting__eerste_jaar", "begroting__laatste_jaar", "begroting__agenda__titel"),
    )
    list_per_page = PER_PAGINA
    # Not filtered by "wijziging": it is free text, and its filter listed every distinct text
    # of the country (the search finds it).
    list_filter = (("begroting__agenda", AgendaZoekFilter),)
    search_fields = ("naam", "wijziging")
    autocomplete_fields = ("actie",)
    inlines = (BegrotingsbedragInline,)


@admin.register(Begrotingsbedrag)
class BegrotingsbedragAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("post", "jaar", "bedrag")
    list_select_related = ("post",)
    list_filter = ("jaar", ("post__begroting__agenda", AgendaZoekFilter))
    search_fields = ("post__naam",)


@admin.register(Financiering)
class FinancieringAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("naam", "bron", "begroting")
    list_select_related = ("begroting__agenda",)
    list_filter = ("bron", ("begroting__agenda", AgendaZoekFilter))
    search_fields = ("naam",)
    inlines = (FinancieringsbedragInline,)


@admin.register(Financieringsbedrag)
class FinancieringsbedragAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("financiering", "jaar", "bedrag")
    list_select_related = ("financiering",)
    list_filter = ("jaar", "financiering__bron")
    search_fields = ("financiering__naam",)


class MetingInline(admin.TabularInline):
    model = Meting
    extra = 0


class IndicatorAdminForm(forms.ModelForm):
    """The admin's indicator form refuses nodes of another agenda (the model's clean() cannot
    see a many-to-many set before it is saved)."""

    class Meta:
        model = Indicator
        fields = "__all__"  # noqa: DJ007 - the admin shows every field

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agenda = data.get("agenda")
        if agenda is not None:
            try:
                zelfde_agenda(agenda.pk, knopen=data.get("knopen"))
            except forms.ValidationError as fout:
                for veld, berichten in fout.message_dict.items():
                    self.add_error(veld, berichten)
        return data


@admin.register(Indicator)
class IndicatorAdmin(AgendaBeperktAdmin, SimpleHistoryAdmin):
    form = IndicatorAdminForm
    list_display = ("naam", "soort", "eenheid", "agenda")
    list_select_related = ("agenda",)
    lijst_velden = ("naam", "soort", "eenheid", "agenda__titel")
    list_per_page = PER_PAGINA
    # By the index on agenda: "agenda" would sort every row by its municipality.
    ordering = ("agenda_id", "naam", "pk")
    list_filter = (("agenda", AgendaZoekFilter), "soort", "bron")
    search_fields = ("naam",)
    filter_horizontal = ("knopen", "resultaten")
    inlines = (MetingInline,)


class MetingJaarFilter(JaarBereikFilter):
    """The year of a measurement, from the first to the last (the index on `jaar`)."""

    def bereik(self) -> tuple[int, int] | None:
        ends = Meting.objects.aggregate(eerste=Min("jaar"), laatste=Max("jaar"))
        return None if ends["eerste"] is None else (ends["eerste"], ends["laatste"])


@admin.register(Meting)
class MetingAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("indicator", "jaar", "school", "waarde")
    list_select_related = ("indicator", "school")  # school is nullable: named
    lijst_velden = ("jaar", "waarde", "indicator__naam", "school__naam")
    list_per_page = PER_PAGINA
    # Along the unique index (indicator, jaar, school): "indicator" would sort every row by
    # its agenda's municipality and its name.
    ordering = ("indicator_id", "jaar", "pk")
    list_filter = (MetingJaarFilter, ("indicator__agenda", AgendaZoekFilter))
    search_fields = ("indicator__naam",)


class SchoolwegingInline(admin.TabularInline):
    model = Schoolweging
    extra = 0


@admin.register(School)
class SchoolAdmin(AgendaBeperktAdmin, SimpleHistoryAdmin):
    list_display = ("naam", "brin", "agenda")
    list_select_related = ("agenda",)
    list_filter = (("agenda", AgendaZoekFilter),)
    search_fields = ("naam", "brin")
    inlines = (SchoolwegingInline,)


@admin.register(Realisatie)
class RealisatieAdmin(LijstAdmin, SimpleHistoryAdmin):
    """Prefer the budget page: its service keeps the year's realisation the quarters' sum."""

    list_display = ("begrotingsbedrag", "kwartaal", "bedrag")
    list_select_related = ("begrotingsbedrag__post",)  # named by its line and year
    list_filter = ("kwartaal", ("begrotingsbedrag__post__begroting__agenda", AgendaZoekFilter))

    def save_model(self, request: HttpRequest, obj: Realisatie, form: Any, change: bool) -> None:
        from monitoring.services.begroting import realisatie_jaar_bij

        super().save_model(request, obj, form, change)
        realisatie_jaar_bij(begrotingsbedrag=obj.begrotingsbedrag, door=request.user)


@admin.register(Geldregel)
class GeldregelAdmin(AgendaBeperktAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "agenda")
    list_select_related = ("agenda",)


@admin.register(Signaalregel)
class SignaalregelAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "agenda")
    list_select_related = ("agenda",)


@admin.register(VeCijfers)
class VeCijfersAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("agenda", "jaar", "kindplaatsen", "geindiceerd", "bereikt")
    list_select_related = ("agenda",)
    list_filter = (("agenda", AgendaZoekFilter),)


@admin.register(Verantwoording)
class VerantwoordingAdmin(LijstAdmin, SimpleHistoryAdmin):
    list_display = ("__str__", "status", "vastgesteld_op", "kenmerk", "verzonden_op")
    list_select_related = ("agenda",)  # named by its municipality
    list_filter = ("status", "jaar")


@admin.register(Rapport)
class RapportAdmin(LijstAdmin, SimpleHistoryAdmin):
    """Reports are kept as made: the admin shows them, it does not change them."""

    list_display = ("__str__", "status", "stand_per", "aangevraagd", "gemaakt_door")
    list_select_related = ("agenda", "gemaakt_door")  # gemaakt_door is nullable: named
    list_filter = ("soort", "status", "jaar")
    readonly_fields = tuple(f.name for f in Rapport._meta.concrete_fields if f.name not in ("id",))

    def has_add_permission(self, request: object) -> bool:
        return False
