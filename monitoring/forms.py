"""Forms of monitoring: requesting a report, the status of the yearly account, and the pages
where the beheerder maintains the figures and the budget.

Every choice of a related object is limited to the agenda's own (and its archived objects are
offered only where already chosen); the models' clean() refuses another agenda's all the same.
"""

import re
from decimal import Decimal
from typing import Any, ClassVar

from django import forms
from django.db.models import Q
from django.utils import timezone

from ambities.models import Knoop
from lea.forms import EenmaligFormulier
from lea.models import Agenda, Organisatie
from monitoring.models import (
    Begroting,
    Begrotingspost,
    Financiering,
    Geldregel,
    Indicator,
    Meting,
    RapportSoort,
    Realisatie,
    School,
    Schoolweging,
    VeCijfers,
    Verantwoording,
)
from monitoring.models.begroting import NIET_NEGATIEF_BEDRAG
from monitoring.models.cijfers import NIET_NEGATIEF_AANTAL
from werkgroepen.models import Actie


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


# --- what the beheerder maintains: figures ------------------------------------------------------

_DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _decimaal(veld: forms.Field) -> None:
    """Accept a Dutch decimal comma as well as a point."""
    veld.localize = True
    veld.widget.is_localized = True
    veld.widget.attrs.setdefault("inputmode", "decimal")


# An amount written the Dutch way with thousands points: 1.500 or 25.000,50 (or -1.500).
_DUIZENDTALLEN = re.compile(r"^-?\d{1,3}(\.\d{3})+(,\d*)?$")


class BedragVeld(forms.DecimalField):
    """An amount in euros as the Dutch write it: ‘25.000,50’, ‘1.500’, ‘1500’ or ‘12,5’."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)
        _decimaal(self)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if isinstance(value, str) and _DUIZENDTALLEN.match(value.strip().replace(" ", "")):
            value = value.strip().replace(" ", "").replace(".", "")
        return super().to_python(value)


class IndicatorForm(forms.ModelForm):
    """An indicator of the agenda, linked only to the agenda's own (active) nodes."""

    class Meta:
        model = Indicator
        fields = (
            "naam",
            "soort",
            "bron",
            "eenheid",
            "richting",
            "basiswaarde",
            "basisdatum",
            "basis_tekst",
            "streefwaarde",
            "streefjaar",
            "streef_tekst",
            "knopen",
            "toelichting",
        )
        labels: ClassVar[dict[str, str]] = {"knopen": "Gekoppeld aan", "bron": "Bron"}
        widgets: ClassVar[dict[str, Any]] = {
            "basisdatum": _DATUM,
            "knopen": forms.CheckboxSelectMultiple,
            "toelichting": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.agenda = agenda
        gekoppeld = self.instance.knopen.all() if self.instance.pk else Knoop.objects.none()
        knopen = self.fields["knopen"]
        assert isinstance(knopen, forms.ModelMultipleChoiceField)
        knopen.queryset = Knoop.objects.filter(agenda=agenda).filter(
            Q(gearchiveerd=False) | Q(pk__in=gekoppeld.values("pk"))
        )
        knopen.help_text = (
            f"De {agenda.niveau1_naam.lower()}s en {agenda.niveau2_naam.lower()}s die deze "
            "indicator meet."
            if agenda.niveau2_naam
            else ""
        )
        for veld in ("basiswaarde", "streefwaarde"):
            _decimaal(self.fields[veld])


class MetingForm(forms.ModelForm):
    """A measurement of an indicator: a year (or a date in it), the value and its source."""

    class Meta:
        model = Meting
        fields = ("jaar", "datum", "waarde", "school", "bron", "toelichting")
        widgets: ClassVar[dict[str, Any]] = {"datum": _DATUM}
        help_texts: ClassVar[dict[str, str]] = {"school": "Leeg voor de hele gemeente."}

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.indicator = indicator
        school = self.fields["school"]
        assert isinstance(school, forms.ModelChoiceField)
        school.queryset = School.objects.filter(agenda_id=indicator.agenda_id).filter(
            Q(gearchiveerd=False) | Q(pk=self.instance.school_id or 0)
        )
        self.fields["jaar"].widget.attrs.update(min=1990, max=2100)
        _decimaal(self.fields["waarde"])


class SchoolForm(forms.ModelForm):
    """A school of the municipality; its board is one of the agenda's organisations."""

    class Meta:
        model = School
        fields = ("naam", "brin", "bestuur", "locatie")

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.agenda = agenda
        bestuur = self.fields["bestuur"]
        assert isinstance(bestuur, forms.ModelChoiceField)
        bestuur.queryset = Organisatie.objects.filter(agenda=agenda)
        bestuur.help_text = "Het schoolbestuur, een organisatie van deze agenda."


class SchoolwegingForm(forms.ModelForm):
    """The CBS schoolweging of a school in one year."""

    class Meta:
        model = Schoolweging
        fields = ("jaar", "waarde")
        labels: ClassVar[dict[str, str]] = {"waarde": "Schoolweging"}
        help_texts: ClassVar[dict[str, str]] = {"waarde": "Zoals het CBS die publiceert (20–40)."}

    def __init__(self, *args: Any, school: School, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.school = school
        _decimaal(self.fields["waarde"])


class VeCijfersForm(forms.ModelForm):
    """The VE figures of a calendar year."""

    class Meta:
        model = VeCijfers
        fields = ("jaar", "kindplaatsen", "geindiceerd", "bereikt", "bron")
        help_texts: ClassVar[dict[str, str]] = {"jaar": "Het kalenderjaar."}

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.agenda = agenda
        for veld in ("kindplaatsen", "geindiceerd", "bereikt"):
            self.fields[veld].error_messages["min_value"] = NIET_NEGATIEF_AANTAL


# --- what the beheerder maintains: the budget ---------------------------------------------------

WIJZIGINGEN = ("Gelijk", "Uitbreiding", "Vermindering", "Nieuw", "Vervalt", "Dekking vanuit …")


def _bedragvelden(form: forms.BaseForm, jaren: list[int], bestaand: dict[int, Decimal]) -> None:
    """One amount field per year of the budget (`bedrag_<jaar>`)."""
    for jaar in jaren:
        form.fields[f"bedrag_{jaar}"] = BedragVeld(
            label=f"Bedrag {jaar} (€)",
            required=False,
            min_value=0,
            initial=bestaand.get(jaar),
            error_messages={"min_value": NIET_NEGATIEF_BEDRAG},
        )


def _bedragen(form: forms.BaseForm, jaren: list[int]) -> dict[int, Decimal | None]:
    return {jaar: form.cleaned_data.get(f"bedrag_{jaar}") for jaar in jaren}


class BegrotingForm(forms.ModelForm):
    """The budget's years and the balance carried into its first year."""

    class Meta:
        model = Begroting
        fields = ("eerste_jaar", "laatste_jaar", "beginsaldo")
        field_classes: ClassVar[dict[str, Any]] = {"beginsaldo": BedragVeld}

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.agenda = agenda
            self.initial.setdefault("eerste_jaar", agenda.periode_start.year)
            self.initial.setdefault("laatste_jaar", agenda.periode_eind.year)
        self.fields["beginsaldo"].help_text = "Mag negatief zijn: een tekort uit de vorige periode."


class BegrotingspostForm(forms.ModelForm):
    """A budget line for a node or an action of the agenda, with its amount per year."""

    class Meta:
        model = Begrotingspost
        fields = ("naam", "knoop", "actie", "groep_naam", "ouder", "wijziging")
        labels: ClassVar[dict[str, str]] = {"knoop": "Knoop in de doelenboom"}
        help_texts: ClassVar[dict[str, str]] = {
            "actie": "Een post van een actie telt mee in het voorstel voor haar RAG geld.",
            "wijziging": "Bv. " + ", ".join(WIJZIGINGEN) + ".",
        }

    def __init__(self, *args: Any, begroting: Begroting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.begroting = begroting
        agenda_id = begroting.agenda_id
        knoop, actie, ouder = (self.fields[n] for n in ("knoop", "actie", "ouder"))
        assert isinstance(knoop, forms.ModelChoiceField)
        assert isinstance(actie, forms.ModelChoiceField)
        assert isinstance(ouder, forms.ModelChoiceField)
        knoop.queryset = Knoop.objects.filter(agenda_id=agenda_id).filter(
            Q(gearchiveerd=False) | Q(pk=self.instance.knoop_id or 0)
        )
        actie.queryset = Actie.objects.filter(agenda_id=agenda_id).filter(
            Q(gearchiveerd=False) | Q(pk=self.instance.actie_id or 0)
        )
        ouder.queryset = begroting.posten.filter(gearchiveerd=False, ouder=None).exclude(
            pk=self.instance.pk or 0
        )
        self.fields["wijziging"].widget.attrs["list"] = "wijzigingen"
        bestaand = (
            {b.jaar: b.bedrag for b in self.instance.bedragen.all()} if self.instance.pk else {}
        )
        self.jaren = begroting.jaren
        _bedragvelden(self, self.jaren, bestaand)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A line of an action belongs under that action's node.
        if data.get("actie") is not None and data.get("knoop") is None:
            data["knoop"] = data["actie"].knoop
            self.instance.knoop = data["knoop"]
        return data

    @property
    def bedragen(self) -> dict[int, Decimal | None]:
        return _bedragen(self, self.jaren)


class FinancieringForm(forms.ModelForm):
    """A source of funding with what it brings per year."""

    class Meta:
        model = Financiering
        fields = ("bron", "naam")

    def __init__(self, *args: Any, begroting: Begroting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.begroting = begroting
        bestaand = (
            {b.jaar: b.bedrag for b in self.instance.bedragen.all()} if self.instance.pk else {}
        )
        self.jaren = begroting.jaren
        _bedragvelden(self, self.jaren, bestaand)

    @property
    def bedragen(self) -> dict[int, Decimal | None]:
        return _bedragen(self, self.jaren)


KWARTAAL_FOUT = "Een kwartaal is 1, 2, 3 of 4."


class RealisatieForm(forms.Form):
    """What was spent on a budget line in a quarter; a recorded one changes amount only."""

    jaar = forms.TypedChoiceField(label="Jaar", coerce=int)
    kwartaal = forms.TypedChoiceField(
        label="Kwartaal",
        coerce=int,
        choices=[(k, f"Kwartaal {k}") for k in (1, 2, 3, 4)],
        error_messages={"invalid_choice": KWARTAAL_FOUT},
    )
    bedrag = BedragVeld(
        label="Gerealiseerd (€)", min_value=0, error_messages={"min_value": NIET_NEGATIEF_BEDRAG}
    )
    toelichting = forms.CharField(label="Toelichting", max_length=500, required=False)

    def __init__(
        self, *args: Any, post: Begrotingspost, realisatie: Realisatie | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        jaar = self.fields["jaar"]
        assert isinstance(jaar, forms.TypedChoiceField)
        jaar.choices = [(j, str(j)) for j in post.begroting.jaren]
        jaar.error_messages["invalid_choice"] = "Kies een jaar van de begroting."
        if realisatie is not None:  # year and quarter are what the realisation is
            del self.fields["jaar"], self.fields["kwartaal"]
            self.initial.update(bedrag=realisatie.bedrag, toelichting=realisatie.toelichting)
        else:
            vandaag = timezone.localdate()
            if vandaag.year in post.begroting.jaren:
                self.initial.setdefault("jaar", vandaag.year)
                self.initial.setdefault("kwartaal", (vandaag.month - 1) // 3 + 1)


class GeldregelForm(forms.ModelForm):
    """From which overspend an action's money is proposed oranje, and rood."""

    class Meta:
        model = Geldregel
        fields = ("oranje_vanaf_pct", "rood_vanaf_pct")
        labels: ClassVar[dict[str, str]] = {
            "oranje_vanaf_pct": "Oranje vanaf (% meer uitgegeven dan begroot)",
            "rood_vanaf_pct": "Rood vanaf (% meer uitgegeven dan begroot)",
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            self.instance.agenda = agenda
        for veld in self.fields.values():
            veld.error_messages["min_value"] = "Een percentage kan niet negatief zijn."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        oranje, rood = data.get("oranje_vanaf_pct"), data.get("rood_vanaf_pct")
        if oranje is not None and rood is not None and oranje > rood:
            self.add_error("rood_vanaf_pct", "Rood begint niet onder oranje.")
        return data
