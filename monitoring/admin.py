from django.contrib import admin

from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
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
class BegrotingAdmin(admin.ModelAdmin):
    list_display = ("__str__", "eerste_jaar", "laatste_jaar", "beginsaldo")
    search_fields = ("agenda__titel", "agenda__gemeente")
    inlines = (BegrotingspostInline, FinancieringInline)


@admin.register(Begrotingspost)
class BegrotingspostAdmin(admin.ModelAdmin):
    list_display = ("naam", "knoop", "groep_naam", "wijziging", "begroting")
    list_filter = ("begroting__agenda", "wijziging")
    search_fields = ("naam", "wijziging")
    autocomplete_fields = ("actie",)
    inlines = (BegrotingsbedragInline,)


@admin.register(Begrotingsbedrag)
class BegrotingsbedragAdmin(admin.ModelAdmin):
    list_display = ("post", "jaar", "bedrag")
    list_filter = ("jaar", "post__begroting__agenda")
    search_fields = ("post__naam",)


@admin.register(Financiering)
class FinancieringAdmin(admin.ModelAdmin):
    list_display = ("naam", "bron", "begroting")
    list_filter = ("bron", "begroting__agenda")
    search_fields = ("naam",)
    inlines = (FinancieringsbedragInline,)


@admin.register(Financieringsbedrag)
class FinancieringsbedragAdmin(admin.ModelAdmin):
    list_display = ("financiering", "jaar", "bedrag")
    list_filter = ("jaar", "financiering__bron")
    search_fields = ("financiering__naam",)
