"""Forms for actions, progress updates, comments and bulk changes, and the action list's filters."""

from typing import Any, ClassVar

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from ambities.models import Knoop
from lea.forms import EenmaligFormulier, TekstFormMixin, bootstrap_klassen
from lea.models import Agenda, Organisatie, Persoon
from werkgroepen.models import (
    Actie,
    ActieQuerySet,
    Rag,
    Status,
    TimingSoort,
    Voortgang,
    Werkgroep,
)
from werkgroepen.planning import lees_leeftijd, lees_planning
from werkgroepen.selectors import geldvoorstel
from werkgroepen.services import ALLE_VELDEN, PRAKTISCHE_VELDEN, WERKGROEP_VELDEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _kies_uit(veld: forms.Field, queryset: QuerySet[Any]) -> None:
    """Limit a model choice field to the objects of this agenda."""
    if not isinstance(veld, forms.ModelChoiceField):  # also ModelMultipleChoiceField
        raise TypeError(f"{veld!r} kiest geen objecten")
    veld.queryset = queryset


def _beperk(form: forms.ModelForm, keuzes: dict[str, QuerySet[Any]]) -> None:
    """Offer in each field the agenda's objects of `keuzes` that are not archived, and those
    the edited object already has even if archived (so that saving it does not fail on a
    choice the user did not touch)."""
    instance = form.instance
    for naam, queryset in keuzes.items():
        if naam not in form.fields:
            continue
        veld = instance._meta.get_field(naam)
        if veld.many_to_many:
            gekozen = (
                list(getattr(instance, naam).values_list("pk", flat=True)) if instance.pk else []
            )
        else:
            gekozen = [getattr(instance, f"{naam}_id")]
        _kies_uit(form.fields[naam], queryset.filter(Q(gearchiveerd=False) | Q(pk__in=gekozen)))


# The fields a planning text fills (ActieForm._leid_af).
_PLANNING = {"timing_tekst", "timing_soort", "timing_start", "timing_eind"}


class ActieForm(TekstFormMixin, forms.ModelForm):
    """All fields of an action (beheerder). `versie` guards against lost updates."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Actie
        fields: tuple[str, ...] = (*ALLE_VELDEN, "regie", "partners")
        widgets: ClassVar[dict[str, Any]] = {
            "timing_start": DATUM,
            "timing_eind": DATUM,
            "regie": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        _beperk(
            self,
            {
                "knoop": Knoop.objects.filter(agenda=agenda).select_related("ouder"),
                "werkgroep": Werkgroep.objects.filter(agenda=agenda),
                "regie_persoon": Persoon.objects.filter(agenda=agenda),
                "regie": Organisatie.objects.filter(agenda=agenda),
                "partners": Organisatie.objects.filter(agenda=agenda),
            },
        )
        if "knoop" in self.fields:
            self.fields["knoop"].label = f"{agenda.niveau1_naam} / {agenda.niveau2_naam or ''}"
            self.fields["knoop"].label = self.fields["knoop"].label.rstrip(" /")
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie
        if self.fields.keys() >= _PLANNING:
            self.fields["timing_tekst"].help_text = (
                "Laat start en einde leeg: LEA leidt ze af uit de planning, bv. ‘Q3 2025’, "
                "‘schooljaar 2025/2026’ of ‘voor 1 maart 2026’."
            )
            # Left empty, the kind is "onbepaald" or what the planning text says.
            self.fields["timing_soort"].required = False
        if "leeftijd_tekst" in self.fields:
            self.fields["leeftijd_tekst"].help_text = (
                "Laat ‘vanaf’ en ‘tot en met’ leeg: LEA leidt ze af uit de leeftijd, "
                "bv. ‘4-12 jaar’."
            )

    def _leid_af(self, data: dict[str, Any]) -> None:
        """Fill what the user left empty from the texts as written (werkgroepen.planning): the
        kind and dates from the planning when start and end are empty and no kind is chosen,
        the ages from the age text when both are empty. A text the parser does not read stays
        as it is, without dates and without an error."""
        if self.fields.keys() >= _PLANNING:
            if not data.get("timing_soort"):
                data["timing_soort"] = TimingSoort.ONBEPAALD
            leeg = not any(
                data.get(v) or self.has_error(v) for v in ("timing_start", "timing_eind")
            )
            if data.get("timing_tekst") and leeg and data["timing_soort"] == TimingSoort.ONBEPAALD:
                agenda = self.instance.agenda
                planning = lees_planning(
                    data["timing_tekst"],
                    periode_start=agenda.periode_start,
                    periode_eind=agenda.periode_eind,
                )
                data["timing_soort"] = planning.soort
                data["timing_start"], data["timing_eind"] = planning.start, planning.eind
        if "leeftijd_tekst" in self.fields and data.get("leeftijd_tekst"):
            velden = ("leeftijd_min", "leeftijd_max")
            if all(data.get(v) is None and not self.has_error(v) for v in velden):
                data["leeftijd_min"], data["leeftijd_max"] = lees_leeftijd(data["leeftijd_tekst"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        self._leid_af(data)
        start, eind = data.get("timing_start"), data.get("timing_eind")
        if start and eind and eind < start:
            self.add_error("timing_eind", "Het einde ligt vóór de start.")
        laag, hoog = data.get("leeftijd_min"), data.get("leeftijd_max")
        if laag is not None and hoog is not None and laag > hoog:
            self.add_error("leeftijd_max", "De leeftijd ‘tot en met’ is lager dan ‘vanaf’.")
        return data


class NieuweActieForm(EenmaligFormulier, ActieForm):
    """A new action (beheerder); its one-time token makes a double submit create one action."""


class ActiePraktischForm(ActieForm):
    """The practical fields a werkgroep chair may change."""

    class Meta(ActieForm.Meta):
        fields = PRAKTISCHE_VELDEN


class VoortgangForm(EenmaligFormulier, TekstFormMixin, forms.ModelForm):
    """A progress update. The plausibility rules (a date within the agenda's period and not
    in the future; afgerond at 100 %) live on the model (Voortgang.clean), so the service,
    the import and the admin refuse the same input; this form shows them at the field."""

    percentage = forms.IntegerField(
        label="Percentage gereed",
        min_value=0,
        max_value=100,
        help_text="Hoeveel van de actie is gereed, van 0 tot en met 100. Afgerond betekent 100 %.",
    )

    class Meta:
        model = Voortgang
        fields = ("datum", "status", "rag_tijd", "rag_geld", "percentage", "toelichting")
        widgets: ClassVar[dict[str, Any]] = {
            "datum": DATUM,
            "rag_tijd": forms.RadioSelect,
            "rag_geld": forms.RadioSelect,
        }

    def __init__(self, *args: Any, actie: Actie | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for naam in ("rag_tijd", "rag_geld"):
            veld = self.fields[naam]
            if isinstance(veld, forms.ChoiceField):  # a required radio needs no empty option
                veld.choices = Rag.choices
        vandaag = timezone.localdate()
        if actie is not None:
            self.instance.actie = actie  # the model's checks need the agenda's period
            agenda = actie.agenda
            self.fields["datum"].help_text = (
                f"Tussen {agenda.periode_start:%d-%m-%Y} en "
                f"{min(vandaag, agenda.periode_eind):%d-%m-%Y}: binnen de periode van de "
                "agenda en niet in de toekomst."
            )
        if not self.is_bound:
            # After the period's end, its last day is the latest date an update may carry.
            eind = actie.agenda.periode_eind if actie is not None else vandaag
            self.initial.setdefault("datum", min(vandaag, eind))
            if actie is not None:
                self.initial.setdefault("status", actie.status)
                self.initial.setdefault("percentage", actie.percentage)
                self.initial.setdefault("rag_tijd", actie.rag_tijd or Rag.GROEN)
                self.initial.setdefault("rag_geld", actie.rag_geld or Rag.GROEN)
        if actie is not None and (voorstel := geldvoorstel(actie)) is not None:
            # The budget's proposal, which the user may still override.
            if not self.is_bound:
                self.initial["rag_geld"] = voorstel
            self.fields["rag_geld"].help_text = (
                f"Voorstel op basis van de begroting: {voorstel.label.lower()}. "
                "U kunt een andere beoordeling kiezen."
            )


class KnoopKeuzes(forms.ModelMultipleChoiceField):
    """Nodes as the action list shows their code: a level-2 node with its parent's code."""

    def label_from_instance(self, obj: Any) -> str:
        knoop: Knoop = obj
        code = f"{knoop.ouder.code}{knoop.code}" if knoop.ouder_id and knoop.ouder else knoop.code
        return f"{code}. {knoop.titel}" if code else knoop.titel


class WerkgroepForm(TekstFormMixin, forms.ModelForm):
    """A werkgroep (beheerder): only the agenda's own people, organisations and nodes are
    offered; the chair and members need no login."""

    class Meta:
        model = Werkgroep
        fields = (*WERKGROEP_VELDEN, "leden", "organisaties", "knopen")
        labels: ClassVar[dict[str, str]] = {
            "naam": "Naam",
            "omschrijving": "Opdracht en werkwijze",
            "voorzitter": "Voorzitter",
            "eindverantwoordelijke_tekst": "Eindverantwoordelijke (zoals beschreven)",
            "leden": "Leden",
            "knopen": "Werkt aan",
        }
        field_classes: ClassVar[dict[str, Any]] = {"knopen": KnoopKeuzes}
        help_texts: ClassVar[dict[str, str]] = {
            "voorzitter": "Een persoon van deze agenda, met of zonder inlog. Met een inlog wordt "
            "de voorzitter vanzelf werkgroepvoorzitter in deze agenda.",
            "eindverantwoordelijke_tekst": "Alleen nodig als het document de partij anders "
            "noemt dan de organisatie hierboven.",
        }
        widgets: ClassVar[dict[str, Any]] = {
            "naam": forms.TextInput,
            "leden": forms.CheckboxSelectMultiple,
            "organisaties": forms.CheckboxSelectMultiple,
            "knopen": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        personen = Persoon.objects.filter(agenda=agenda).select_related("organisatie")
        organisaties = Organisatie.objects.filter(agenda=agenda)
        _beperk(
            self,
            {
                "voorzitter": personen,
                "leden": personen,
                "eindverantwoordelijke": organisaties,
                "organisaties": organisaties,
                "knopen": Knoop.objects.filter(agenda=agenda)
                .select_related("ouder")
                .order_by("volgorde", "pk"),
            },
        )
        self.fields["voorzitter"].empty_label = "— nog geen persoon —"  # type: ignore[attr-defined]
        self.fields["eindverantwoordelijke"].empty_label = "— geen —"  # type: ignore[attr-defined]
        self.fields["knopen"].label = f"Werkt aan ({agenda.niveau1_meervoud.lower()}" + (
            f" en {agenda.niveau2_meervoud.lower()})" if agenda.heeft_niveau2 else ")"
        )


class NieuweWerkgroepForm(EenmaligFormulier, WerkgroepForm):
    """A new werkgroep; its one-time token makes a double submit create one werkgroep."""


class OpmerkingForm(TekstFormMixin, forms.Form):
    tekst = forms.CharField(label="Opmerking", widget=forms.Textarea, max_length=2000)


class BulkForm(forms.Form):
    """Change status, werkgroep or lead of the selected actions (beheerder)."""

    acties = forms.ModelMultipleChoiceField(queryset=Actie.objects.none(), label="Acties")
    status = forms.ChoiceField(choices=[("", "— niet wijzigen —"), *Status.choices], required=False)
    werkgroep = forms.ModelChoiceField(
        queryset=Werkgroep.objects.none(), required=False, empty_label="— niet wijzigen —"
    )
    regie = forms.ModelChoiceField(
        queryset=Organisatie.objects.none(),
        required=False,
        empty_label="— niet wijzigen —",
        label="Regie (organisatie)",
    )

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _kies_uit(self.fields["acties"], Actie.objects.filter(agenda=agenda).actief())
        for naam in ("status", "werkgroep", "regie"):
            self.fields[naam].widget.attrs["class"] = "form-select"
        _kies_uit(self.fields["werkgroep"], Werkgroep.objects.filter(agenda=agenda).actief())
        _kies_uit(self.fields["regie"], agenda.organisaties.all())

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not (data.get("status") or data.get("werkgroep") or data.get("regie")):
            raise forms.ValidationError("Kies wat u wilt wijzigen: status, werkgroep of regie.")
        return data


# --- the action list's filters: their state lives in the URL, so a list can be bookmarked ---

LEEFTIJDSGROEPEN = {
    "0-4": ("0–4 jaar (voorschools)", 0, 3),
    "4-12": ("4–12 jaar (basisonderwijs)", 4, 12),
    "12-18": ("12–18 jaar (voortgezet onderwijs)", 12, 18),
    "18-27": ("18–27 jaar (mbo en verder)", 18, 27),
}


class ActieFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="zoek", label="Zoeken")
    niveau1 = django_filters.ModelChoiceFilter(method="in_tak", label="Niveau 1", queryset=None)
    niveau2 = django_filters.ModelChoiceFilter(field_name="knoop", label="Niveau 2", queryset=None)
    werkgroep = django_filters.ModelChoiceFilter(queryset=None, label="Werkgroep")
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, widget=forms.CheckboxSelectMultiple, label="Status"
    )
    regie = django_filters.ModelChoiceFilter(queryset=None, label="Regie (organisatie)")
    te_laat = django_filters.BooleanFilter(
        method="filter_te_laat",
        label="Alleen te laat",
        widget=forms.CheckboxInput,
    )
    leeftijd = django_filters.ChoiceFilter(
        method="in_leeftijd",
        label="Leeftijdsgroep",
        choices=[(k, v[0]) for k, v in LEEFTIJDSGROEPEN.items()],
    )
    sorteer = django_filters.OrderingFilter(
        label="Sorteren op",
        fields=[
            ("volgorde", "volgorde"),
            ("code", "code"),
            ("titel", "titel"),
            ("status", "status"),
            ("timing_eind", "deadline"),
            ("percentage", "voortgang"),
            ("werkgroep__naam", "werkgroep"),
        ],
        field_labels={
            "volgorde": "Volgorde in de agenda",
            "code": "Code",
            "titel": "Titel",
            "status": "Status",
            "timing_eind": "Deadline",
            "percentage": "Voortgang",
            "werkgroep__naam": "Werkgroep",
        },
    )

    class Meta:
        model = Actie
        fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        knopen = agenda.knopen.actief()
        self.filters["niveau1"].queryset = knopen.filter(niveau=1)
        self.filters["niveau1"].label = agenda.niveau1_naam
        if agenda.heeft_niveau2:
            self.filters["niveau2"].queryset = knopen.filter(niveau=2).select_related("ouder")
            self.filters["niveau2"].label = agenda.niveau2_naam
        else:
            del self.filters["niveau2"]
        self.filters["werkgroep"].queryset = Werkgroep.objects.filter(agenda=agenda).actief()
        self.filters["regie"].queryset = agenda.organisaties.all()
        for naam in ("niveau1", "niveau2", "werkgroep", "regie", "leeftijd"):
            if naam in self.filters:
                self.filters[naam].extra["empty_label"] = "— alle —"
        self.filters["sorteer"].extra["empty_label"] = "Volgorde in de agenda"

    @property
    def form(self) -> forms.Form:
        """The filter form, its widgets with their Bootstrap classes (templates/_velden.html)."""
        if not hasattr(self, "_form"):
            self._form = bootstrap_klassen(super().form)
        return self._form

    def zoek(self, queryset: ActieQuerySet, name: str, waarde: str) -> ActieQuerySet:
        for woord in waarde.split():
            queryset = queryset.filter(
                Q(code__iexact=woord)
                | Q(titel__icontains=woord)
                | Q(bereiken__icontains=woord)
                | Q(doen__icontains=woord)
                | Q(regie_tekst__icontains=woord)
                | Q(partners_tekst__icontains=woord)
                | Q(toelichting__icontains=woord)
            )
        return queryset

    def in_tak(self, queryset: ActieQuerySet, name: str, knoop: Knoop) -> ActieQuerySet:
        return queryset.filter(Q(knoop=knoop) | Q(knoop__ouder=knoop))

    def filter_te_laat(self, queryset: ActieQuerySet, name: str, waarde: bool) -> ActieQuerySet:
        return queryset.te_laat(timezone.localdate()) if waarde else queryset

    def in_leeftijd(self, queryset: ActieQuerySet, name: str, waarde: str) -> ActieQuerySet:
        _label, laag, hoog = LEEFTIJDSGROEPEN[waarde]
        return queryset.filter(leeftijd_min__lte=hoog, leeftijd_max__gte=laag)
