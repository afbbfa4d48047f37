from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import Max, Min
from django.utils import timezone

from lea.admin import (
    PER_PAGINA,
    AgendaBeperktAdmin,
    AgendaBeperktInline,
    AgendaZoekFilter,
    JaarBereikFilter,
    LijstAdmin,
)
from lea.models import zelfde_agenda
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Afspraak,
    Agendapunt,
    Besluit,
    Orgaanlid,
    Overlegorgaan,
    Stuk,
    Vergadering,
    Verzending,
    WettelijkOnderwerp,
)


class OrgaanlidInline(AgendaBeperktInline, admin.TabularInline):
    model = Orgaanlid
    extra = 0
    # Plain selects, not autocomplete: its search would offer every agenda's people.
    fields = ("persoon", "organisatie", "functie", "mandaat", "gearchiveerd")


class OverlegorgaanAdminForm(forms.ModelForm):
    """The add form offers every agenda's organisations: checked against the chosen agenda."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        agenda = data.get("agenda") or getattr(self.instance, "agenda", None)
        if agenda is not None and data.get("organisaties") is not None:
            zelfde_agenda(agenda.pk, organisaties=data["organisaties"])
        return data


@admin.register(Overlegorgaan)
class OverlegorgaanAdmin(AgendaBeperktAdmin):
    form = OverlegorgaanAdminForm
    list_display = ("naam", "soort", "vergaderingen_per_jaar", "agenda", "gearchiveerd")
    list_select_related = ("agenda",)
    lijst_velden = (*list_display[:3], "gearchiveerd", "agenda__titel")
    list_per_page = PER_PAGINA
    # Along the unique index (agenda, naam): "agenda" would sort every row by its municipality.
    ordering = ("agenda_id", "naam")
    list_filter = ("soort", ("agenda", AgendaZoekFilter), "gearchiveerd")
    search_fields = ("naam", "samenstelling", "taken", "voorzitter_tekst")
    filter_horizontal = ("organisaties",)
    inlines = (OrgaanlidInline,)


class AgendapuntInline(admin.TabularInline):
    model = Agendapunt
    extra = 0
    fields = ("volgorde", "titel", "soort", "status")
    show_change_link = True


class AanwezigheidInline(admin.TabularInline):
    model = Aanwezigheid
    extra = 0


class StukInline(admin.TabularInline):
    model = Stuk
    extra = 0


class JaarFilter(JaarBereikFilter):
    """The year in which a meeting begins, from the year of the country's first meeting to
    that of its last (the index on `begin`); it replaces Django's date hierarchy."""

    lookup = "begin__year"

    def bereik(self) -> tuple[int, int] | None:
        ends = Vergadering.objects.aggregate(eerste=Min("begin"), laatste=Max("begin"))
        if ends["eerste"] is None:
            return None
        eerste, laatste = (timezone.localtime(ends[k]).year for k in ("eerste", "laatste"))
        return eerste, laatste


@admin.register(Vergadering)
class VergaderingAdmin(LijstAdmin):
    list_display = ("__str__", "begin", "status", "orgaan")
    list_select_related = ("orgaan",)  # its name is in every row, twice
    lijst_velden = ("begin", "status", "orgaan__naam")
    list_per_page = PER_PAGINA
    # Newest first, along the index on `begin`.
    ordering = ("-begin", "-pk")
    list_filter = (JaarFilter, "status", "orgaan__soort", ("orgaan__agenda", AgendaZoekFilter))
    search_fields = ("orgaan__naam", "locatie", "verslag")
    inlines = (AgendapuntInline, AanwezigheidInline, StukInline)


class BesluitInline(admin.TabularInline):
    model = Besluit
    extra = 0


class ActiepuntInline(admin.TabularInline):
    model = Actiepunt
    extra = 0
    autocomplete_fields = ("eigenaar", "actie")


@admin.register(Agendapunt)
class AgendapuntAdmin(LijstAdmin):
    list_display = ("titel", "soort", "status", "vergadering")
    list_select_related = ("vergadering__orgaan",)  # a meeting is shown by its body's name
    list_filter = (
        "soort",
        "status",
        "onderwerpen",
        ("vergadering__orgaan__agenda", AgendaZoekFilter),
    )
    search_fields = ("titel", "toelichting", "notulen")
    filter_horizontal = ("onderwerpen", "knopen", "acties")
    inlines = (BesluitInline, ActiepuntInline)


@admin.register(Besluit)
class BesluitAdmin(LijstAdmin):
    list_display = ("__str__", "agendapunt")
    list_select_related = ("agendapunt",)
    list_filter = (("agendapunt__vergadering__orgaan__agenda", AgendaZoekFilter),)
    search_fields = ("tekst",)


@admin.register(Actiepunt)
class ActiepuntAdmin(LijstAdmin):
    list_display = ("__str__", "wie", "deadline", "status")
    list_select_related = ("eigenaar",)  # `wie` names the owner
    list_filter = ("status", ("agendapunt__vergadering__orgaan__agenda", AgendaZoekFilter))
    search_fields = ("omschrijving", "eigenaar_tekst", "eigenaar__naam")
    autocomplete_fields = ("eigenaar", "actie")


@admin.register(WettelijkOnderwerp)
class WettelijkOnderwerpAdmin(LijstAdmin):
    list_display = ("titel", "wetsartikel", "groep", "volgorde")
    list_filter = ("groep",)
    search_fields = ("titel", "wetsartikel", "code")


@admin.register(Afspraak)
class AfspraakAdmin(LijstAdmin):
    list_display = ("titel", "onderwerp", "beoordeling", "agenda")
    list_select_related = ("onderwerp", "agenda")
    list_filter = ("onderwerp", "beoordeling", ("agenda", AgendaZoekFilter))
    search_fields = ("titel", "tekst", "meetbare_doelen")
    autocomplete_fields = ("besluit",)


@admin.register(Verzending)
class VerzendingAdmin(LijstAdmin):
    list_display = ("vergadering", "soort", "versie", "email", "status", "pogingen", "verzonden_op")
    list_select_related = ("vergadering__orgaan",)  # a meeting is shown by its body's name
    list_filter = ("soort", "status")
    readonly_fields = ("status", "bezig_sinds", "verzonden_op", "pogingen", "laatste_fout")
    search_fields = ("email",)


@admin.register(Orgaanlid)
class OrgaanlidAdmin(LijstAdmin):
    list_display = ("persoon", "orgaan", "organisatie", "mandaat")
    list_select_related = ("persoon", "orgaan", "organisatie")  # organisatie is nullable
    list_filter = ("mandaat", ("orgaan__agenda", AgendaZoekFilter))
    search_fields = ("persoon__naam", "orgaan__naam")
    autocomplete_fields = ("persoon", "orgaan", "organisatie")


@admin.register(Aanwezigheid)
class AanwezigheidAdmin(LijstAdmin):
    list_display = ("persoon", "vergadering", "aanwezig", "afgemeld")
    list_select_related = ("persoon", "vergadering__orgaan")
    search_fields = ("persoon__naam",)


@admin.register(Stuk)
class StukAdmin(LijstAdmin):
    list_display = ("titel", "vergadering", "toegevoegd")
    list_select_related = ("vergadering__orgaan",)
    search_fields = ("titel",)
