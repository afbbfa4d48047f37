"""The superuser's escape hatch. An action's state (status, RAG, percentage, date of the last
update, version) is that of its latest progress update: it changes only by recording one."""

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from lea.admin import (
    PER_PAGINA,
    AgendaBeperktAdmin,
    AgendaBeperktInline,
    AgendaZoekFilter,
    LijstAdmin,
)
from lea.models import zelfde_agenda
from werkgroepen.models import Actie, Voortgang, Werkgroep

# Kept by voortgang_registreer (and the version by every service write): never edited here.
VOORTGANG_VELDEN = ("status", "percentage", "rag_tijd", "rag_geld", "voortgang_datum", "versie")
# Where an action came from is set by the next-period copy, not by hand.
HERKOMST_VELDEN = ("voortgezet_uit",)


class ZelfdeAgendaForm(forms.ModelForm):
    """The add form offers every agenda's objects (AgendaBeperktAdmin cannot know the agenda
    yet): its many-to-many choices are checked against the chosen agenda here, as the
    services check them (the foreign keys by the model's clean())."""

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        agenda = data.get("agenda") or getattr(self.instance, "agenda", None)
        if agenda is not None:
            sets = {
                veld.name: data[veld.name]
                for veld in self._meta.model._meta.many_to_many
                if data.get(veld.name) is not None
            }
            zelfde_agenda(agenda.pk, **sets)
        return data


class WerkgroepVanAgendaFilter(admin.RelatedFieldListFilter):
    """The werkgroepen of the agenda chosen in the agenda filter, and none before one is
    chosen: every agenda's werkgroepen made the sidebar of the action list far too long."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        agenda = request.GET.get("agenda__id__exact", "")
        if not agenda.isdigit():
            return []
        return field.get_choices(
            include_blank=False,
            ordering=self.field_admin_ordering(field, request, model_admin),
            limit_choices_to={"agenda_id": int(agenda)},
        )


class ActieInline(AgendaBeperktInline, admin.TabularInline):
    model = Actie
    extra = 0
    fields = ("code", "titel", "knoop", "status", "timing_tekst", "gearchiveerd")
    readonly_fields = ("status",)
    show_change_link = True


@admin.register(Werkgroep)
class WerkgroepAdmin(AgendaBeperktAdmin):
    form = ZelfdeAgendaForm
    list_display = ("naam", "agenda", "voorzitter", "eindverantwoordelijke", "gearchiveerd")
    list_select_related = ("agenda", "voorzitter", "eindverantwoordelijke")
    list_filter = (("agenda", AgendaZoekFilter), "gearchiveerd")
    search_fields = ("naam", "omschrijving", "voorzitter_tekst")
    filter_horizontal = ("knopen", "leden", "organisaties")
    inlines = (ActieInline,)


@admin.register(Actie)
class ActieAdmin(AgendaBeperktAdmin):
    form = ZelfdeAgendaForm
    list_display = ("code", "titel", "knoop", "werkgroep", "status", "timing_tekst", "agenda")
    # werkgroep is nullable: only an explicit list joins it (a bare True would skip it).
    list_select_related = ("knoop", "werkgroep", "agenda")
    lijst_velden = (
        *("code", "titel", "status", "timing_tekst"),
        *("knoop__code", "knoop__titel", "werkgroep__naam", "agenda__titel"),
    )
    list_per_page = PER_PAGINA
    # By the index (agenda, volgorde): "agenda" would sort every row by its municipality.
    ordering = ("agenda_id", "volgorde", "pk")
    list_filter = (
        ("agenda", AgendaZoekFilter),
        "status",
        "timing_soort",
        "gearchiveerd",
        ("werkgroep", WerkgroepVanAgendaFilter),
    )
    search_fields = ("code", "titel", "bereiken", "doen", "regie_tekst", "partners_tekst")
    # Plain selects, not autocomplete: its search would offer every agenda's objects.
    filter_horizontal = ("regie", "partners")
    readonly_fields = VOORTGANG_VELDEN + HERKOMST_VELDEN
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


@admin.register(Voortgang)
class VoortgangAdmin(LijstAdmin):
    """Progress updates, to look at only: an update is recorded on the action's page, whose
    service makes it the action's state; an update added, changed or deleted here would not."""

    list_display = ("actie", "datum", "status", "rag_tijd", "rag_geld", "percentage", "door")
    list_select_related = ("actie", "door")  # door is nullable: named
    lijst_velden = (
        *("datum", "status", "rag_tijd", "rag_geld", "percentage"),
        *("actie__code", "actie__titel", "door__username"),
    )
    list_per_page = PER_PAGINA
    list_filter = (("actie__agenda", AgendaZoekFilter), "status", "rag_tijd", "rag_geld")
    search_fields = ("actie__code", "actie__titel", "toelichting")
    # Newest entered first, along the primary key: the table holds every update ever made.
    ordering = ("-pk",)
    show_full_result_count = False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
