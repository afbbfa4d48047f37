"""Forms of the governance pages."""

import datetime

from django import forms
from django.utils import timezone

from lea.forms import TekstFormMixin
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Stuk,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)

DATUMTIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AgendapuntForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Agendapunt
        fields = ["titel", "soort", "toelichting", "onderwerpen", "knopen", "acties"]
        widgets = {"onderwerpen": forms.CheckboxSelectMultiple}
        labels = {"knopen": "Hoort bij (doelenboom)", "acties": "Betreft acties"}

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["knopen"].queryset = agenda.knopen.actief()
        self.fields["acties"].queryset = agenda.acties.actief()
        self.fields["onderwerpen"].queryset = WettelijkOnderwerp.objects.all()
        for naam in ("knopen", "acties"):
            self.fields[naam].widget.attrs["size"] = 5


class AfwijzenForm(TekstFormMixin, forms.Form):
    reden = forms.CharField(label="Reden van afwijzing", widget=forms.Textarea, max_length=2000)


class NotulenForm(TekstFormMixin, forms.Form):
    notulen = forms.CharField(label="Notulen", widget=forms.Textarea, required=False)


class BesluitForm(TekstFormMixin, forms.Form):
    tekst = forms.CharField(label="Besluit", widget=forms.Textarea, max_length=5000)


class ActiepuntForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Actiepunt
        fields = ["omschrijving", "eigenaar", "eigenaar_tekst", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["eigenaar"].queryset = agenda.personen.all()

    def clean(self):
        data = super().clean()
        if not data.get("eigenaar") and not (data.get("eigenaar_tekst") or "").strip():
            self.add_error("eigenaar", "Geef aan wie het actiepunt uitvoert.")
        return data


class ActiepuntStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActiepuntStatus.choices)


class VergaderingForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Vergadering
        fields = ["begin", "eind", "locatie", "status", "verslag"]
        widgets = {"begin": DATUMTIJD, "eind": DATUMTIJD}

    def clean(self):
        data = super().clean()
        begin, eind = data.get("begin"), data.get("eind")
        if begin and eind and eind <= begin:
            self.add_error("eind", "De vergadering moet eindigen na het begin.")
        if begin and begin.year > timezone.now().year + 5:
            self.add_error("begin", "Plan niet verder dan vijf jaar vooruit.")
        status = data.get("status")
        al_gehouden = status in (VergaderStatus.GEHOUDEN, VergaderStatus.VASTGESTELD)
        if al_gehouden and begin and begin > timezone.now() + datetime.timedelta(hours=12):
            self.add_error("status", "Een vergadering in de toekomst kan nog niet gehouden zijn.")
        return data


class StukForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Stuk
        fields = ["titel", "bestand"]


class AanwezigheidForm(forms.Form):
    aanwezig = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    afgemeld = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Afwezig met bericht",
    )

    def __init__(self, *args, personen, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["aanwezig"].queryset = personen
        self.fields["afgemeld"].queryset = personen

    def clean(self):
        data = super().clean()
        dubbel = set(data.get("aanwezig") or []) & set(data.get("afgemeld") or [])
        if dubbel:
            raise forms.ValidationError(
                f"{', '.join(map(str, dubbel))} kan niet zowel aanwezig als afgemeld zijn."
            )
        return data


class ActieVanActiepuntForm(forms.Form):
    knoop = forms.ModelChoiceField(queryset=None, label="Plaats in de doelenboom")
    werkgroep = forms.ModelChoiceField(queryset=None, required=False)

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["knoop"].queryset = agenda.knopen.actief()
        self.fields["werkgroep"].queryset = agenda.werkgroepen.all()
