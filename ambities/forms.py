from typing import Any, ClassVar

from django import forms

from ambities.models import Knoop
from lea.forms import TekstFormMixin
from lea.models import Agenda


class KnoopForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Knoop
        fields = ("ouder", "code", "titel", "omschrijving", "context")
        widgets: ClassVar[dict[str, Any]] = {"titel": forms.TextInput}

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        if agenda.heeft_niveau2:
            ouders = agenda.knopen.actief().niveau1()
            if self.instance.pk:
                ouders = ouders.exclude(pk=self.instance.pk)
            ouder = self.fields["ouder"]
            assert isinstance(ouder, forms.ModelChoiceField)
            ouder.queryset = ouders
            ouder.label = f"Onder {agenda.niveau1_naam.lower()}"
            ouder.empty_label = f"— geen: dit is een {agenda.niveau1_naam.lower()} —"
        else:
            del self.fields["ouder"]
