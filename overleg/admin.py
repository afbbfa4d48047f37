from django.contrib import admin

from overleg.models import Overlegorgaan


@admin.register(Overlegorgaan)
class OverlegorgaanAdmin(admin.ModelAdmin):
    list_display = ["naam", "soort", "vergaderingen_per_jaar", "agenda"]
    list_filter = ["soort", "agenda"]
    search_fields = ["naam", "samenstelling", "taken", "voorzitter_tekst"]
    filter_horizontal = ["organisaties"]
