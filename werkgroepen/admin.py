from django.contrib import admin

from werkgroepen.models import Actie, Werkgroep


class ActieInline(admin.TabularInline):
    model = Actie
    extra = 0
    fields = ["code", "titel", "knoop", "status", "timing_tekst", "gearchiveerd"]
    show_change_link = True


@admin.register(Werkgroep)
class WerkgroepAdmin(admin.ModelAdmin):
    list_display = ["naam", "agenda", "voorzitter", "eindverantwoordelijke"]
    list_filter = ["agenda"]
    search_fields = ["naam", "omschrijving", "voorzitter_tekst"]
    filter_horizontal = ["knopen", "leden", "organisaties"]
    inlines = [ActieInline]


@admin.register(Actie)
class ActieAdmin(admin.ModelAdmin):
    list_display = ["code", "titel", "knoop", "werkgroep", "status", "timing_tekst", "agenda"]
    list_filter = ["agenda", "status", "timing_soort", "gearchiveerd", "werkgroep"]
    search_fields = ["code", "titel", "bereiken", "doen", "regie_tekst", "partners_tekst"]
    autocomplete_fields = ["knoop", "werkgroep", "regie_persoon"]
    filter_horizontal = ["regie", "partners"]
    fieldsets = [
        (None, {"fields": ["agenda", "knoop", "code", "titel", "status", "gearchiveerd"]}),
        ("Inhoud", {"fields": ["bereiken", "doen", "bereik_doel", "toelichting"]}),
        (
            "Wie",
            {
                "fields": [
                    "regie",
                    "regie_persoon",
                    "regie_tekst",
                    "partners",
                    "partners_tekst",
                    "werkgroep",
                ]
            },
        ),
        (
            "Planning en doelgroep",
            {
                "fields": [
                    ("timing_soort", "timing_tekst"),
                    ("timing_start", "timing_eind"),
                    ("leeftijd_tekst", "leeftijd_min", "leeftijd_max"),
                ]
            },
        ),
    ]
