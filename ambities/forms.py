from django import forms

from ambities.models import Knoop
from lea.forms import TekstFormMixin


class KnoopForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Knoop
        fields = ["ouder", "code", "titel", "omschrijving", "context"]
        widgets = {"titel": forms.TextInput}

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        if agenda.heeft_niveau2:
            ouders = agenda.knopen.actief().niveau1()
            if self.instance.pk:
                ouders = ouders.exclude(pk=self.instance.pk)
            self.fields["ouder"].queryset = ouders
            self.fields["ouder"].label = f"Onder {agenda.niveau1_naam.lower()}"
            self.fields["ouder"].empty_label = f"— geen: dit is een {agenda.niveau1_naam.lower()} —"
        else:
            del self.fields["ouder"]
