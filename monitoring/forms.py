"""Forms of monitoring: requesting a report, and the status of the yearly account."""

from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from lea.forms import EenmaligFormulier
from lea.models import Agenda
from monitoring.models import RapportSoort, Verantwoording


class RapportForm(EenmaligFormulier, forms.Form):
    soort = forms.ChoiceField(choices=RapportSoort.choices, label="Rapport")
    jaar = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100)

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agenda = agenda
        self.fields["jaar"].initial = timezone.localdate().year - 1

    def clean_jaar(self) -> int:
        jaar: int = self.cleaned_data["jaar"]
        if not self.agenda.periode_start.year - 1 <= jaar <= self.agenda.periode_eind.year:
            raise forms.ValidationError(
                f"Kies een jaar binnen de periode van de agenda "
                f"({self.agenda.periode_start.year}–{self.agenda.periode_eind.year})."
            )
        return jaar


class VerantwoordingForm(forms.ModelForm):
    """Concept → vastgesteld (date and the college decision's reference) → verzonden (date).

    The rules (dates present, in order, not in the future; a kenmerk once adopted) are the
    model's own (Verantwoording.clean), so the admin and the service obey them too.
    """

    class Meta:
        model = Verantwoording
        fields = ("status", "vastgesteld_op", "kenmerk", "verzonden_op")
        widgets: ClassVar[dict[str, Any]] = {
            v: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for v in ("vastgesteld_op", "verzonden_op")
        }
