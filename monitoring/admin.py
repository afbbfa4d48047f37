"""The superuser's admin of monitoring. Every form keeps the model's rules (no negative counts
or amounts, the account's dates and kenmerk) and every change lands in the history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    Indicator,
    Meting,
    Rapport,
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
class BegrotingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "eerste_jaar", "laatste_jaar", "beginsaldo")
    search_fields = ("agenda__titel", "agenda__gemeente")
    inlines = (BegrotingspostInline, FinancieringInline)


@admin.register(Begrotingspost)
class BegrotingspostAdmin(SimpleHistoryAdmin):
    list_display = ("naam", "knoop", "groep_naam", "wijziging", "begroting")
    list_filter = ("begroting__agenda", "wijziging")
    search_fields = ("naam", "wijziging")
    autocomplete_fields = ("actie",)
    inlines = (BegrotingsbedragInline,)


@admin.register(Begrotingsbedrag)
class BegrotingsbedragAdmin(SimpleHistoryAdmin):
    list_display = ("post", "jaar", "bedrag")
    list_filter = ("jaar", "post__begroting__agenda")
    search_fields = ("post__naam",)


@admin.register(Financiering)
class FinancieringAdmin(SimpleHistoryAdmin):
    list_display = ("naam", "bron", "begroting")
    list_filter = ("bron", "begroting__agenda")
    search_fields = ("naam",)
    inlines = (FinancieringsbedragInline,)


@admin.register(Financieringsbedrag)
class FinancieringsbedragAdmin(SimpleHistoryAdmin):
    list_display = ("financiering", "jaar", "bedrag")
    list_filter = ("jaar", "financiering__bron")
    search_fields = ("financiering__naam",)


class MetingInline(admin.TabularInline):
    model = Meting
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("naam", "soort", "eenheid", "agenda")
    list_filter = ("agenda", "soort", "bron")
    search_fields = ("naam",)
    filter_horizontal = ("knopen", "resultaten")
    inlines = (MetingInline,)


@admin.register(Meting)
class MetingAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "jaar", "school", "waarde")
    list_filter = ("jaar", "indicator__agenda")
    search_fields = ("indicator__naam",)


class SchoolwegingInline(admin.TabularInline):
    model = Schoolweging
    extra = 0


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ("naam", "brin", "agenda")
    list_filter = ("agenda",)
    search_fields = ("naam", "brin")
    inlines = (SchoolwegingInline,)


@admin.register(Signaalregel)
class SignaalregelAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "agenda")


@admin.register(VeCijfers)
class VeCijfersAdmin(SimpleHistoryAdmin):
    list_display = ("agenda", "jaar", "kindplaatsen", "geindiceerd", "bereikt")
    list_filter = ("agenda",)


@admin.register(Verantwoording)
class VerantwoordingAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "status", "vastgesteld_op", "kenmerk", "verzonden_op")
    list_filter = ("status", "jaar")


@admin.register(Rapport)
class RapportAdmin(SimpleHistoryAdmin):
    """Reports are kept as made: the admin shows them, it does not change them."""

    list_display = ("__str__", "status", "stand_per", "aangevraagd", "gemaakt_door")
    list_filter = ("soort", "status", "jaar")
    readonly_fields = tuple(f.name for f in Rapport._meta.concrete_fields if f.name not in ("id",))

    def has_add_permission(self, request: object) -> bool:
        return False
