"""Forms of the governance pages."""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from ambities.models import Knoop
from lea.forms import TekstFormMixin
from lea.models import Agenda, Persoon
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Overlegorgaan,
    Stuk,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from werkgroepen.models import Actie, Werkgroep

DATUMTIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _keuzes(form: forms.BaseForm, veld: str, queryset: QuerySet[Any]) -> None:
    """Limit a model choice field to the rows of this agenda."""
    keuze = form.fields[veld]
    assert isinstance(keuze, forms.ModelChoiceField)  # also ModelMultipleChoiceField
    keuze.queryset = queryset


class AgendapuntForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Agendapunt
        fields = ("titel", "soort", "toelichting", "onderwerpen", "knopen", "acties")
        widgets: ClassVar[dict[str, Any]] = {"onderwerpen": forms.CheckboxSelectMultiple}
        labels: ClassVar[dict[str, Any]] = {
            "knopen": "Hoort bij (doelenboom)",
            "acties": "Betreft acties",
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "knopen", Knoop.objects.filter(agenda=agenda).actief())
        _keuzes(self, "acties", Actie.objects.filter(agenda=agenda).actief())
        _keuzes(self, "onderwerpen", WettelijkOnderwerp.objects.all())
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
        fields = ("omschrijving", "eigenaar", "eigenaar_tekst", "deadline")
        widgets: ClassVar[dict[str, Any]] = {
            "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "eigenaar", Persoon.objects.filter(agenda=agenda))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("eigenaar") and not (data.get("eigenaar_tekst") or "").strip():
            self.add_error("eigenaar", "Geef aan wie het actiepunt uitvoert.")
        return data


class ActiepuntStatusForm(forms.Form):
    status = forms.ChoiceField(choices=ActiepuntStatus.choices)


class VergaderingForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Vergadering
        fields = ("begin", "eind", "locatie", "status", "verslag")
        widgets: ClassVar[dict[str, Any]] = {"begin": DATUMTIJD, "eind": DATUMTIJD}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
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
        fields = ("titel", "bestand")


class AanwezigheidForm(forms.Form):
    aanwezig: forms.ModelMultipleChoiceField[Persoon] = forms.ModelMultipleChoiceField(
        queryset=Persoon.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    afgemeld: forms.ModelMultipleChoiceField[Persoon] = forms.ModelMultipleChoiceField(
        queryset=Persoon.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Afwezig met bericht",
    )

    def __init__(self, *args: Any, personen: QuerySet[Persoon], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "aanwezig", personen)
        _keuzes(self, "afgemeld", personen)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        dubbel = set(data.get("aanwezig") or []) & set(data.get("afgemeld") or [])
        if dubbel:
            raise forms.ValidationError(
                f"{', '.join(map(str, dubbel))} kan niet zowel aanwezig als afgemeld zijn."
            )
        return data


class ActieVanActiepuntForm(forms.Form):
    knoop: forms.ModelChoiceField[Knoop] = forms.ModelChoiceField(
        queryset=Knoop.objects.none(), label="Plaats in de doelenboom"
    )
    werkgroep: forms.ModelChoiceField[Werkgroep] = forms.ModelChoiceField(
        queryset=Werkgroep.objects.none(), required=False
    )

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "knoop", Knoop.objects.filter(agenda=agenda).actief())
        _keuzes(self, "werkgroep", Werkgroep.objects.filter(agenda=agenda))


class RegisterFilter(forms.Form):
    """The register's filters: body, year, statutory topic, action point status and owner."""

    orgaan: forms.ModelChoiceField[Overlegorgaan] = forms.ModelChoiceField(
        queryset=Overlegorgaan.objects.none(),
        required=False,
        label="Overleg",
        empty_label="— alle —",
    )
    jaar = forms.IntegerField(required=False, min_value=2000, max_value=2100)
    onderwerp: forms.ModelChoiceField[WettelijkOnderwerp] = forms.ModelChoiceField(
        queryset=WettelijkOnderwerp.objects.all(),
        required=False,
        label="Wettelijk onderwerp",
        empty_label="— alle —",
    )
    status = forms.ChoiceField(
        choices=[("", "— alle —"), *ActiepuntStatus.choices],
        required=False,
        label="Status actiepunt",
    )
    eigenaar: forms.ModelChoiceField[Persoon] = forms.ModelChoiceField(
        queryset=Persoon.objects.none(),
        required=False,
        label="Eigenaar actiepunt",
        empty_label="— iedereen —",
    )

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "orgaan", Overlegorgaan.objects.filter(agenda=agenda))
        _keuzes(self, "eigenaar", Persoon.objects.filter(agenda=agenda))
