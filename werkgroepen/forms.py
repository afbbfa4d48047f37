"""Forms for actions, progress updates, comments and bulk changes."""

from django import forms
from django.utils import timezone

from lea.forms import TekstFormMixin
from lea.models import Organisatie
from werkgroepen.models import Actie, Rag, Status, Voortgang, Werkgroep
from werkgroepen.services import ALLE_VELDEN, PRAKTISCHE_VELDEN

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActieForm(TekstFormMixin, forms.ModelForm):
    """All fields of an action (beheerder). `versie` guards against lost updates."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Actie
        fields = [*ALLE_VELDEN, "regie", "partners"]
        widgets = {
            "timing_start": DATUM,
            "timing_eind": DATUM,
            "regie": forms.CheckboxSelectMultiple,
            "partners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        beperk = {
            "knoop": agenda.knopen.actief().select_related("ouder"),
            "werkgroep": agenda.werkgroepen.all(),
            "regie_persoon": agenda.personen.all(),
            "regie": agenda.organisaties.all(),
            "partners": agenda.organisaties.all(),
        }
        for veld, queryset in beperk.items():
            if veld in self.fields:
                self.fields[veld].queryset = queryset
        if "knoop" in self.fields:
            self.fields["knoop"].label = f"{agenda.niveau1_naam} / {agenda.niveau2_naam or ''}"
            self.fields["knoop"].label = self.fields["knoop"].label.rstrip(" /")
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.versie

    def clean(self):
        data = super().clean()
        start, eind = data.get("timing_start"), data.get("timing_eind")
        if start and eind and eind < start:
            self.add_error("timing_eind", "Het einde ligt vóór de start.")
        laag, hoog = data.get("leeftijd_min"), data.get("leeftijd_max")
        if laag is not None and hoog is not None and laag > hoog:
            self.add_error("leeftijd_max", "De leeftijd ‘tot en met’ is lager dan ‘vanaf’.")
        return data


class ActiePraktischForm(ActieForm):
    """The practical fields a werkgroep chair may change."""

    class Meta(ActieForm.Meta):
        fields = PRAKTISCHE_VELDEN


class VoortgangForm(TekstFormMixin, forms.ModelForm):
    percentage = forms.IntegerField(
        label="Percentage gereed",
        min_value=0,
        max_value=100,
        help_text="Hoeveel van de actie is gereed, van 0 tot en met 100.",
    )

    class Meta:
        model = Voortgang
        fields = ["datum", "status", "rag_tijd", "rag_geld", "percentage", "toelichting"]
        widgets = {"datum": DATUM, "rag_tijd": forms.RadioSelect, "rag_geld": forms.RadioSelect}

    def __init__(self, *args, actie: Actie | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for naam in ("rag_tijd", "rag_geld"):
            self.fields[naam].choices = Rag.choices  # a required radio needs no empty option
        if not self.is_bound:
            self.initial.setdefault("datum", timezone.localdate())
            if actie is not None:
                self.initial.setdefault("status", actie.status)
                self.initial.setdefault("percentage", actie.percentage)
                self.initial.setdefault("rag_tijd", actie.rag_tijd or Rag.GROEN)
                self.initial.setdefault("rag_geld", actie.rag_geld or Rag.GROEN)

    def clean_datum(self):
        datum = self.cleaned_data["datum"]
        if datum > timezone.localdate():
            raise forms.ValidationError("De rapportagedatum ligt in de toekomst.")
        return datum


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

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["acties"].queryset = agenda.acties.actief()
        for naam in ("status", "werkgroep", "regie"):
            self.fields[naam].widget.attrs["class"] = "form-select"
        self.fields["werkgroep"].queryset = agenda.werkgroepen.all()
        self.fields["regie"].queryset = agenda.organisaties.all()

    def clean(self):
        data = super().clean()
        if not (data.get("status") or data.get("werkgroep") or data.get("regie")):
            raise forms.ValidationError("Kies wat u wilt wijzigen: status, werkgroep of regie.")
        return data
