from __future__ import annotations

from html import escape
from typing import Any, ClassVar

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lea.beheer import BegrensdePaginator, Lijst
from lea.beheerlijst import objecttekst
from lea.models import Agenda, AuditSoort, Lidmaatschap, Organisatie, Persoon, Uitgangspunt
from lea.services.audit import audit_vastleg
from lea.tweede_factor import tweede_factor_herstel

# Rows per page of a changelist that holds the whole country's rows: a page of a hundred took
# a third longer to render, and a superuser narrows such a list by its filters and search.
PER_PAGINA = 50

# Where the change form leaves the edited object's agenda for its fields (and its inlines').
_AGENDA_ATTR = "_lea_admin_agenda_id"


def _heeft_agenda(model: type[models.Model]) -> bool:
    return any(f.name == "agenda" and f.is_relation for f in model._meta.concrete_fields)


class _Beperking:
    """Choices of FK and M2M fields limited to the agenda of the object being changed."""

    def _beperk(self, db_field: Any, request: HttpRequest, kwargs: dict[str, Any]) -> None:
        agenda_id = getattr(request, _AGENDA_ATTR, None)
        doel = db_field.remote_field.model
        if agenda_id is not None and db_field.name != "agenda" and _heeft_agenda(doel):
            basis = kwargs.get("queryset", doel._default_manager.all())
            kwargs["queryset"] = basis.filter(agenda_id=agenda_id)

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField[Any] | None:
        self._beperk(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]

    def formfield_for_manytomany(
        self, db_field: models.ManyToManyField[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField[Any] | None:
        self._beperk(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)  # type: ignore[misc]


class LijstAdmin(admin.ModelAdmin):
    """Every model admin of the project: changelists that hold the whole country's rows.

    - No count of the whole table beside the count of the filtered rows: the admin offers a
      link to it instead (on the half million progress updates each count took 25 ms).
    - The count of the filtered rows stops past five thousand, and a whole table estimated
      well past that is not counted (lea/beheer.py).
    - The rows are written by lea/beheerlijst.py, as Django writes them, in a fraction of its
      time (templates/admin/lea/lijst.html).
    - The row checkbox for actions written directly: Django renders it through a form widget's
      template, once per row, which was a fifth of a changelist's time.
    """

    show_full_result_count = False
    paginator = BegrensdePaginator
    change_list_template = "admin/lea/lijst.html"
    # The fields a page of the list reads (`.only()`), or None for whole rows: the columns,
    # and every field that the `__str__` of the row and of its shown relations reads. A field
    # left out costs a query per row; tests/lea/test_beheer_velden.py renders every such list
    # without one.
    lijst_velden: ClassVar[tuple[str, ...] | None] = None

    def get_changelist(self, request: HttpRequest, **kwargs: Any) -> type[ChangeList]:
        return Lijst

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj: Any) -> SafeString:
        # The markup of ModelAdmin.action_checkbox (Django 5.2), aria-label included; escaped
        # as format_html would, without its per-call wrapping (fifty rows a page).
        label = _("Select this object for an action - {}").format(escape(objecttekst(obj)))
        return mark_safe(  # noqa: S308 - both values escaped
            f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" '
            f'value="{escape(str(obj.pk))}" class="action-select" aria-label="{label}">'
        )


class AgendaBeperktAdmin(_Beperking, LijstAdmin):
    """The admin of an agenda-scoped model: the change form offers only the objects of the
    edited object's agenda. The add form cannot know the agenda yet and offers all; there the
    model's `clean()` (`lea.models.zelfde_agenda`) refuses a mix of agendas."""

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        setattr(request, _AGENDA_ATTR, getattr(obj, "agenda_id", None))
        return super().get_form(request, obj, change=change, **kwargs)


class AgendaBeperktInline(_Beperking):
    """For an inline (first base) of an agenda-scoped model in an AgendaBeperktAdmin."""


class AgendaZoekFilter(admin.RelatedFieldListFilter):
    """A filter on an agenda (the field itself or a path ending in one) that lists no agenda
    until one is searched for or chosen: a list of every agenda made the sidebar hundreds of
    links long. The search box looks in the municipality, title and short name."""

    template = "admin/lea/agenda_zoekfilter.html"
    max_gevonden = 10

    def __init__(
        self,
        field: Any,
        request: HttpRequest,
        params: dict[str, list[str]],
        model: Any,
        model_admin: Any,
        field_path: str,
    ) -> None:
        self.zoek_param = f"{field_path}__zoek"
        self.zoek_id = f"zoek-{field_path}"
        self.zoek = (params.pop(self.zoek_param, None) or [""])[-1].strip()[:100]
        self.meer = False
        self.gevonden = 0
        self.behouden: list[tuple[str, str]] = []
        super().__init__(field, request, params, model, model_admin, field_path)

    def expected_parameters(self) -> list[str | None]:
        return [*super().expected_parameters(), self.zoek_param]

    def has_output(self) -> bool:
        return True  # the search box, also while no agenda is listed

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> Any:
        gekozen = [int(pk) for pk in self.lookup_val or () if str(pk).isdigit()]
        agendas = Agenda.objects.order_by("gemeente", "titel", "pk")
        keuzes = list(agendas.filter(pk__in=gekozen)) if gekozen else []
        if self.zoek:
            tekst = Q(gemeente__icontains=self.zoek) | Q(titel__icontains=self.zoek)
            gevonden = list(
                agendas.filter(tekst | Q(slug__icontains=self.zoek)).exclude(pk__in=gekozen)[
                    : self.max_gevonden + 1
                ]
            )
            self.meer = len(gevonden) > self.max_gevonden
            self.gevonden = len(gevonden)
            keuzes += gevonden[: self.max_gevonden]
        return [(agenda.pk, f"{agenda.gemeente} – {agenda}") for agenda in keuzes]

    def choices(self, changelist: Any) -> Any:
        eigen = [self.lookup_kwarg, self.lookup_kwarg_isnull, self.zoek_param]
        # The other filters, the search and the ordering go along with a search here.
        self.behouden = [
            (naam, waarde)
            for naam, waarden in changelist.filter_params.items()
            if naam not in eigen
            for waarde in waarden
        ]
        yield {
            "selected": not self.lookup_val,
            "query_string": changelist.get_query_string(remove=eigen),
            "display": "Alle",
        }
        for pk, naam in self.lookup_choices:
            yield {
                "selected": str(pk) in (self.lookup_val or ()),
                "query_string": changelist.get_query_string(
                    {self.lookup_kwarg: pk}, [self.lookup_kwarg_isnull, self.zoek_param]
                ),
                "display": naam,
            }


class JaarBereikFilter(admin.SimpleListFilter):
    """A year filter listing the years from the table's first to its last, newest first: two
    ends read from an index (`bereik`). Django's filter on a field, and its date hierarchy,
    ask for the distinct values of every row on every page of the list."""

    title = "jaar"
    parameter_name = "jaar"
    lookup = "jaar"  # how the chosen year filters the rows

    def bereik(self) -> tuple[int, int] | None:
        """The first and the last year of the whole table, or None when it is empty."""
        raise NotImplementedError

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        jaren = self.bereik()
        if jaren is None:
            return []
        eerste, laatste = jaren
        return [(str(jaar), str(jaar)) for jaar in range(laatste, eerste - 1, -1)]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        jaar = self.value() or ""
        if jaar.isdigit() and len(jaar) <= 4:
            return queryset.filter(**{self.lookup: int(jaar)})
        return queryset


class UitgangspuntInline(admin.StackedInline):
    model = Uitgangspunt
    extra = 0


class LidmaatschapInline(admin.TabularInline):
    model = Lidmaatschap
    extra = 0
    autocomplete_fields = ("gebruiker",)


@admin.register(Agenda)
class AgendaAdmin(LijstAdmin):
    list_display = ("titel", "gemeente", "slug", "periode_start", "periode_eind")
    lijst_velden = list_display
    list_per_page = PER_PAGINA
    # No filter on the municipality: it would list every agenda; the search finds one.
    search_fields = ("titel", "gemeente", "slug", "hoofdambitie")
    prepopulated_fields: ClassVar[dict[str, Any]] = {"slug": ["gemeente"]}
    inlines = (UitgangspuntInline, LidmaatschapInline)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        super().save_formset(request, form, formset, change)
        if formset.model is Lidmaatschap:  # roles changed on the agenda's page: logged too
            for obj in formset.new_objects:
                _rol_in_logboek(request, obj, "Rol toegekend")
            for obj, _velden in formset.changed_objects:
                _rol_in_logboek(request, obj, "Rol gewijzigd")
            for obj in formset.deleted_objects:
                _rol_in_logboek(request, obj, "Rol verwijderd")

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
class UitgangspuntAdmin(AgendaBeperktAdmin):
    list_display = ("titel", "agenda", "volgorde")
    list_select_related = ("agenda",)
    list_filter = (("agenda", AgendaZoekFilter),)
    search_fields = ("titel", "tekst")


class PersoonInline(AgendaBeperktInline, admin.TabularInline):
    model = Persoon
    extra = 0
    fields = ("naam", "functie", "email", "gebruiker")
    autocomplete_fields = ("gebruiker",)


@admin.register(Organisatie)
class OrganisatieAdmin(AgendaBeperktAdmin):
    list_display = ("naam", "afkorting", "sector", "agenda", "gearchiveerd")
    list_select_related = ("agenda",)
    list_filter = ("sector", "gearchiveerd", ("agenda", AgendaZoekFilter))
    search_fields = ("naam", "afkorting", "omschrijving")
    inlines = (PersoonInline,)


@admin.register(Persoon)
class PersoonAdmin(AgendaBeperktAdmin):
    list_display = ("naam", "functie", "organisatie", "agenda", "gebruiker", "gearchiveerd")
    list_select_related = ("organisatie", "agenda", "gebruiker")  # nullable ones: named
    list_filter = ("gearchiveerd", ("agenda", AgendaZoekFilter))
    search_fields = ("naam", "functie", "email", "organisatie__naam")
    autocomplete_fields = ("organisatie", "gebruiker")


def _rol_in_logboek(request: HttpRequest, lidmaatschap: Lidmaatschap, wat: str) -> None:
    """A role changed in the admin is a security event, as one changed on the Rollen page."""
    audit_vastleg(
        soort=AuditSoort.ROL,
        request=request,
        agenda=lidmaatschap.agenda,
        omschrijving=f"{wat} in het beheer: {lidmaatschap.gebruiker} – "
        f"{lidmaatschap.get_rol_display()}"
        + (" (ingetrokken)" if lidmaatschap.ingetrokken_op else ""),
    )


@admin.register(Lidmaatschap)
class LidmaatschapAdmin(AgendaBeperktAdmin):
    list_display = ("gebruiker", "agenda", "rol", "ingetrokken_op")
    list_select_related = ("gebruiker", "agenda")
    list_filter = ("rol", ("agenda", AgendaZoekFilter))
    search_fields = ("gebruiker__username", "gebruiker__first_name", "gebruiker__last_name")
    autocomplete_fields = ("gebruiker",)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        _rol_in_logboek(request, obj, "Rol gewijzigd" if change else "Rol toegekend")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        _rol_in_logboek(request, obj, "Rol verwijderd")
        super().delete_model(request, obj)


# --- logins: whether they have a second factor, and a superuser's reset of it ---------------


class GebruikerAdmin(UserAdmin):
    """Django's user admin, with a column for the second factor and the superuser's reset."""

    list_display = ("username", "email", "first_name", "last_name", "is_staff", "tweede_factor")
    actions = ("tweede_factor_opnieuw_instellen",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(heeft_tweede_factor=Exists(app))

    @admin.display(boolean=True, description="Tweede factor", ordering="heeft_tweede_factor")
    def tweede_factor(self, obj: Any) -> bool:
        return bool(obj.heeft_tweede_factor)

    def has_herstel_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    @admin.action(description="Tweede factor opnieuw instellen", permissions=["herstel"])
    def tweede_factor_opnieuw_instellen(
        self, request: HttpRequest, queryset: QuerySet[Any]
    ) -> None:
        """For a lost phone: the users' apps and backup codes go (audited); whoever must have
        a second factor sets it up again at the next page."""
        namen = []
        for gebruiker in queryset:
            tweede_factor_herstel(gebruiker=gebruiker, door=request.user, request=request)
            namen.append(gebruiker.get_username())
        self.message_user(
            request,
            f"Tweede factor opnieuw ingesteld voor {', '.join(namen)}: de app en de "
            "reservecodes werken niet meer; bij de volgende keer inloggen stelt de gebruiker "
            "een nieuwe in.",
            messages.SUCCESS,
        )


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), GebruikerAdmin)
# The devices themselves are not edited in the admin: a reset goes through the action above,
# which writes the audit log, and no secret is ever shown there.
for _apparaat in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_apparaat):
        admin.site.unregister(_apparaat)
