from django.contrib import admin

from ambities.models import BeoogdResultaat, BestuurlijkeKeuze, Knoop
from lea.admin import AgendaZoekFilter, LijstAdmin


class KeuzeInline(admin.TabularInline):
    model = BestuurlijkeKeuze
    extra = 0


class ResultaatInline(admin.TabularInline):
    model = BeoogdResultaat
    extra = 0


@admin.register(Knoop)
class KnoopAdmin(LijstAdmin):
    list_display = ("__str__", "niveau", "ouder", "agenda", "volgorde", "gearchiveerd")
    list_select_related = ("ouder", "agenda")  # ouder is nullable: named, not implied
    list_filter = (("agenda", AgendaZoekFilter), "niveau", "gearchiveerd")
    search_fields = ("code", "titel", "omschrijving", "context")
    autocomplete_fields = ("ouder",)
    inlines = (KeuzeInline, ResultaatInline)


@admin.register(BestuurlijkeKeuze)
class BestuurlijkeKeuzeAdmin(LijstAdmin):
    list_display = ("__str__", "knoop")
    list_select_related = ("knoop",)
    list_filter = (("knoop__agenda", AgendaZoekFilter),)
    search_fields = ("tekst",)


@admin.register(BeoogdResultaat)
class BeoogdResultaatAdmin(LijstAdmin):
    list_display = ("__str__", "knoop")
    list_select_related = ("knoop",)
    list_filter = (("knoop__agenda", AgendaZoekFilter),)
    search_fields = ("tekst", "indicator")
