"""The action forms (new, edit, the chair's practical part), the progress update and the comment."""

from dataclasses import dataclass
from typing import Any, ClassVar

from django import forms
from django.forms import BoundField
from django.utils import timezone

from ambities.models import Knoop
from lea.forms import EenmaligFormulier, TekstFormMixin
from lea.models import Agenda, Organisatie, Persoon
from werkgroepen.forms.gemeen import DATUM, PersoonKeuze, _beperk
from werkgroepen.models import (
    Actie,
    Rag,
    TimingSoort,
    Voortgang,
    Werkgroep,
)
from werkgroepen.planning import lees_leeftijd, lees_planning
from werkgroepen.selectors import geldvoorstel
from werkgroepen.services import ALLE_VELDEN, PRAKTISCHE_VELDEN

_PLANNING = {"timing_tekst", "timing_soort", "timing_start", "timing_eind"}


@dataclass
class Veldgroep:
    """Fields the action form shows together under one legend ("Regie", "Wie helpen mee"),
    with the text from the plan as an optional note in a closed <details> (open when filled)."""

    naam: str  # the id of the fieldset
    legenda: str
    uitleg: str
    velden: list[BoundField]
    notitie: BoundField | None


# The action form's groups: (id, legend, help, the choices, the note).
_GROEPEN = (
    (
        "regie",
        "Regie",
        "Wie is verantwoordelijk: een organisatie, een persoon of allebei.",
        ("regie_persoon", "regie"),
        "regie_tekst",
    ),
    (
        "partners",
        "Wie helpen mee",
        "De organisaties die meewerken aan deze actie.",
        ("partners",),
        "partners_tekst",
    ),
)
# A chair's form has the notes only.
ALLEEN_NOTITIE = "Wie dit zijn, kiest de beheerder. U kunt de tekst uit het plan aanpassen."
_IN_GROEP = {naam for *_, velden, notitie in _GROEPEN for naam in (*velden, notitie)}


class ActieForm(TekstFormMixin, forms.ModelForm):
    """All fields of an action (beheerder). `versie` guards against lost updates."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Actie
        fields: tuple[str, ...] = (*ALLE_VELDEN, "regie", "partners")
        labels: ClassVar[dict[str, str]] = {
            "regie_persoon": "Persoon",
            "regie": "Organisaties",
            "regie_tekst": "Notitie bij de regie",
            "partners": "Organisaties",
            "partners_tekst": "Notitie bij wie helpen mee",
            "timing_tekst": "Planning",
            "leeftijd_tekst": "Leeftijd",
        }
        help_texts: ClassVar[dict[str, str]] = {
            "code": "Zoals in het plan, bv. ‘1b’. Een code mag vaker voorkomen.",
            "regie_tekst": "Alleen nodig als het plan de regie anders beschrijft dan met de "
            "gekozen persoon en organisaties, bv. ‘gemeente samen met de schoolbesturen’.",
            "partners_tekst": "Alleen nodig als het plan de partners anders beschrijft dan met "
            "de gekozen organisaties.",
        }
        field_classes: ClassVar[dict[str, Any]] = {"regie_persoon": PersoonKeuze}
        widgets: ClassVar[dict[str, Any]] = {
            "timing_start": DATUM,
            "timing_eind": DATUM,
            "regie": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
            "regie_tekst": forms.TextInput,
            "partners_tekst": forms.TextInput,
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        _beperk(
            self,
            {
                "knoop": Knoop.objects.filter(agenda=agenda).select_related("ouder"),
                "werkgroep": Werkgroep.objects.filter(agenda=agenda),
                "regie_persoon": Persoon.objects.filter(agenda=agenda).select_related(
                    "organisatie"
                ),
                "regie": Organisatie.objects.filter(agenda=agenda),
                "partners": Organisatie.objects.filter(agenda=agenda),
            },
        )
        if "regie_persoon" in self.fields:
            veld = self.fields["regie_persoon"]
            if isinstance(veld, forms.ModelChoiceField):
                veld.empty_label = "— geen persoon —"
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

    def _losse_velden(self) -> tuple[list[BoundField], list[BoundField]]:
        """The visible fields outside the groups, in the form's order: those before the
        groups' place (where the first field of a group is) and those after it."""
        zichtbaar = self.visible_fields()
        plek = next((i for i, v in enumerate(zichtbaar) if v.name in _IN_GROEP), len(zichtbaar))
        los = [v for v in zichtbaar if v.name not in _IN_GROEP]
        return los[:plek], los[plek:]

    def velden_voor(self) -> list[BoundField]:
        return self._losse_velden()[0]

    def velden_na(self) -> list[BoundField]:
        return self._losse_velden()[1]

    def groepen(self) -> list[Veldgroep]:
        """The groups "Regie" and "Wie helpen mee", with the fields this form has (a chair's
        form has only the notes)."""
        return [
            Veldgroep(
                naam=naam,
                legenda=legenda,
                uitleg=uitleg if any(v in self.fields for v in velden) else ALLEEN_NOTITIE,
                velden=[self[v] for v in velden if v in self.fields],
                notitie=self[notitie] if notitie in self.fields else None,
            )
            for naam, legenda, uitleg, velden, notitie in _GROEPEN
            if notitie in self.fields or any(v in self.fields for v in velden)
        ]

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


# VoortgangForm(voorstel=...) not given: the form asks for the proposal itself.
GEEN_VOORSTEL_GEVRAAGD = object()


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
        fields = (
            "datum",
            "status",
            "rag_tijd",
            "rag_geld",
            "percentage",
            "toelichting",
            "openbaar",
        )
        labels: ClassVar[dict[str, str]] = {"openbaar": "Openbaar maken"}
        help_texts: ClassVar[dict[str, str]] = {
            "openbaar": "Komt in de openbare weergave als de agenda gepubliceerd is."
        }
        widgets: ClassVar[dict[str, Any]] = {
            "datum": DATUM,
            "rag_tijd": forms.RadioSelect,
            "rag_geld": forms.RadioSelect,
        }

    def __init__(
        self,
        *args: Any,
        actie: Actie | None = None,
        voorstel: object = GEEN_VOORSTEL_GEVRAAGD,
        **kwargs: Any,
    ) -> None:
        """`voorstel`: the money RAG proposed for this action, when the caller asked for many
        actions at once (`werkgroepen.selectors.geldvoorstellen`); otherwise asked here."""
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
        if actie is not None and voorstel is GEEN_VOORSTEL_GEVRAAGD:
            voorstel = geldvoorstel(actie)
        if actie is not None and isinstance(voorstel, Rag):
            # The budget's proposal, which the user may still override.
            if not self.is_bound:
                self.initial["rag_geld"] = voorstel
            self.fields["rag_geld"].help_text = (
                f"Voorstel op basis van de begroting: {voorstel.label.lower()}. "
                "U kunt een andere beoordeling kiezen."
            )


class OpmerkingForm(TekstFormMixin, forms.Form):
    tekst = forms.CharField(label="Opmerking", widget=forms.Textarea, max_length=2000)
