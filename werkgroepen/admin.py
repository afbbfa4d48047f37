"""The superuser's escape hatch. An action's state (status, RAG, percentage, date of the last
update, version) is that of its latest progress update: it changes only by recording one."""

from django.contrib import admin

from werkgroepen.models import Actie, Werkgroep

# Kept by voortgang_registreer (and the version by every service write): never edited here.
VOORTGANG_VELDEN = ("status", "percentage", "rag_tijd", "rag_geld", "voortgang_datum", "versie")


class ActieInline(admin.TabularInline):
    model = Actie
    extra = 0
    fields = ("code", "titel", "knoop", "status", "timing_tekst", "gearchiveerd")
    readonly_fields = ("status",)
    show_change_link = True


@admin.register(Werkgroep)
class WerkgroepAdmin(admin.ModelAdmin):
    list_display = ("naam", "agenda", "voorzitter", "eindverantwoordelijke")
    list_select_related = ("agenda", "voorzitter", "eindverantwoordelijke")
    list_filter = ("agenda",)
    search_fields = ("naam", "omschrijving", "voorzitter_tekst")
    filter_horizontal = ("knopen", "leden", "organisaties")
    inlines = (ActieInline,)


@admin.register(Actie)
class ActieAdmin(admin.ModelAdmin):
    list_display = ("code", "titel", "knoop", "werkgroep", "status", "timing_tekst", "agenda")
    list_select_related = ("knoop", "werkgroep", "agenda")
    list_filter = ("agenda", "status", "timing_soort", "gearchiveerd", "werkgroep")
    search_fields = ("code", "titel", "bereiken", "doen", "regie_tekst", "partners_tekst")
    autocomplete_fields = ("knoop", "werkgroep", "regie_persoon")
    filter_horizontal = ("regie", "partners")
    readonly_fields = VOORTGANG_VELDEN
    fieldsets = (
        (None, {"fields": ["agenda", "knoop", "code", "titel", "gearchiveerd"]}),
        (
            "Stand (volgt de laatste voortgangsrapportage)",
            {"fields": [*VOORTGANG_VELDEN]},
        ),
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
    )
