"""The werkgroep form (beheerder)."""

from typing import Any, ClassVar

from django import forms

from ambities.models import Knoop
from lea.forms import EenmaligFormulier, TekstFormMixin
from lea.models import Agenda, Organisatie, Persoon
from werkgroepen.forms.gemeen import _beperk
from werkgroepen.models import (
    Werkgroep,
)
from werkgroepen.services import WERKGROEP_VELDEN


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
