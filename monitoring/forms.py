"""Forms of monitoring: requesting a report, and the status of the yearly account."""

from typing import Any, ClassVar

from django import forms
from django.utils import timezone

from lea.models import Agenda
from monitoring.models import RapportSoort, Verantwoording, VerantwoordingStatus


class RapportForm(forms.Form):
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
    class Meta:
        model = Verantwoording
        fields = ("status", "vastgesteld_op", "verzonden_op")
        widgets: ClassVar[dict[str, Any]] = {
            v: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for v in ("vastgesteld_op", "verzonden_op")
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        status = data.get("status")
        vastgesteld, verzonden = data.get("vastgesteld_op"), data.get("verzonden_op")
        vastgesteld_nodig = (VerantwoordingStatus.VASTGESTELD, VerantwoordingStatus.VERZONDEN)
        if status in vastgesteld_nodig and not vastgesteld:
            self.add_error("vastgesteld_op", "Geef de datum waarop het college vaststelde.")
        if status == VerantwoordingStatus.VERZONDEN and not verzonden:
            self.add_error("verzonden_op", "Geef de datum van verzending.")
        if vastgesteld and verzonden and verzonden < vastgesteld:
            self.add_error("verzonden_op", "Verzonden vóór de vaststelling kan niet.")
        return data
