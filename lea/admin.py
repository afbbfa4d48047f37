from typing import Any, ClassVar

from django.contrib import admin

from lea.models import Agenda, Lidmaatschap, Organisatie, Persoon, Uitgangspunt


class UitgangspuntInline(admin.StackedInline):
    model = Uitgangspunt
    extra = 0


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ("gebruiker",)


@admin.register(Agenda)
class AgendaAdmin(admin.ModelAdmin):
    list_display = ("titel", "gemeente", "slug", "periode_start", "periode_eind")
    list_filter = ("gemeente",)
    search_fields = ("titel", "gemeente", "slug", "hoofdambitie")
    prepopulated_fields: ClassVar[dict[str, Any]] = {"slug": ["gemeente"]}
    inlines = (UitgangspuntInline, LidmaatschapInline)
    fieldsets = (
        (None, {"fields": ["gemeente", "titel", "ondertitel", "slug", "bron"]}),
        ("Periode", {"fields": ["periode_start", "periode_eind"]}),
        ("Inhoud", {"fields": ["hoofdambitie", "visie"]}),
        (
            "Namen van de niveaus",
            {
                "fields": [
                    ("niveau1_naam", "niveau1_meervoud"),
                    ("niveau2_naam", "niveau2_meervoud"),
                    ("actie_naam", "actie_meervoud"),
                ]
            },
        ),
    )


@admin.register(Uitgangspunt)
class UitgangspuntAdmin(admin.ModelAdmin):
    list_display = ("titel", "agenda", "volgorde")
    list_filter = ("agenda",)
    search_fields = ("titel", "tekst")


class PersoonInline(admin.TabularInline):
    model = Persoon
    extra = 0
    fields = ("naam", "functie", "email", "gebruiker")
    autocomplete_fields = ("gebruiker",)


@admin.register(Organisatie)
class OrganisatieAdmin(admin.ModelAdmin):
    list_display = ("naam", "afkorting", "sector", "agenda")
    list_filter = ("sector", "agenda")
    search_fields = ("naam", "afkorting", "omschrijving")
    inlines = (PersoonInline,)


@admin.register(Persoon)
class PersoonAdmin(admin.ModelAdmin):
    list_display = ("naam", "functie", "organisatie", "agenda", "gebruiker")
    list_filter = ("agenda",)
    search_fields = ("naam", "functie", "email", "organisatie__naam")
    autocomplete_fields = ("organisatie", "gebruiker")


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(admin.ModelAdmin):
    list_display = ("gebruiker", "agenda", "rol")
    list_filter = ("rol", "agenda")
    search_fields = ("gebruiker__username", "gebruiker__first_name", "gebruiker__last_name")
    autocomplete_fields = ("gebruiker",)
