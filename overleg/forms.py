"""Forms of the governance pages."""

from __future__ import annotations

import datetime
from html import escape
from typing import Any, ClassVar

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ambities.models import Knoop
from lea.forms import EenmaligFormulier, TekstFormMixin
from lea.models import Agenda, Organisatie, Persoon
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Orgaanlid,
    Overlegorgaan,
    Stuk,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from overleg.services import LID_VELDEN, ORGAAN_VELDEN
from werkgroepen.models import Actie, Werkgroep

DATUMTIJD = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _actief_of_gekozen(
    queryset: QuerySet[Any], gekozen: Any, *, veld: str = "gearchiveerd"
) -> QuerySet[Any]:
    """The objects that are not archived, and the one already chosen even if it is."""
    return queryset.filter(Q(**{veld: False}) | Q(pk=gekozen))


# The options of a page's choice fields, read once: field name -> (pk, label) pairs.
Keuzelijsten = dict[str, list[tuple[Any, str]]]


def _keuzes(
    form: forms.BaseForm,
    veld: str,
    queryset: QuerySet[Any],
    lijsten: Keuzelijsten | None = None,
) -> None:
    """Limit a model choice field to the rows of this agenda. With `lijsten` the options are
    the ones already read (a page with several forms reads each list once); validating a post
    still goes through the queryset."""
    keuze = form.fields[veld]
    assert isinstance(keuze, forms.ModelChoiceField)  # also ModelMultipleChoiceField
    keuze.queryset = queryset
    if lijsten is not None:
        leeg: list[tuple[Any, Any]] = [] if keuze.empty_label is None else [("", keuze.empty_label)]
        keuze.choices = leeg + lijsten[veld]


def keuzelijsten(agenda: Agenda, *, werkgroepen: bool = False) -> Keuzelijsten:
    """The options of the meeting page's forms (agenda items, and with `werkgroepen` the
    action of an action point), one query per list whatever the number of forms."""
    lijsten = {
        "knopen": _paren(Knoop.objects.filter(agenda=agenda).actief()),
        "acties": _paren(Actie.objects.filter(agenda=agenda).actief().only("code", "titel")),
        "onderwerpen": _paren(WettelijkOnderwerp.objects.all()),
    }
    if werkgroepen:
        lijsten["werkgroep"] = _paren(Werkgroep.objects.filter(agenda=agenda))
    return lijsten


def _paren(queryset: QuerySet[Any]) -> list[tuple[Any, str]]:
    return [(obj.pk, str(obj)) for obj in queryset]


def _html(tekst: Any) -> str:
    """`conditional_escape` for a label or value: already safe HTML as it is."""
    return str(tekst.__html__()) if hasattr(tekst, "__html__") else escape(str(tekst))


class LangeKeuzelijst(forms.SelectMultiple):
    """A multiple select built in Python, without a template per option: the list of an
    agenda's actions has a thousand options at national scale."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        gekozen = {str(v) for v in self.format_value(value)}
        # The standard library's escape, as Django's does it, without Django's per-call
        # wrapping: four times faster over a thousand options (a meeting page has two lists).
        opties = "".join(
            f'<option value="{_html(pk)}"{" selected" if str(pk) in gekozen else ""}>'
            f"{_html(label)}</option>"
            for pk, label in self.choices
        )
        kenmerken = flatatt(self.build_attrs(self.attrs, attrs))
        opties_html = mark_safe(opties)  # noqa: S308 - each value and label escaped above
        return format_html('<select name="{}"{} multiple>{}</select>', name, kenmerken, opties_html)


class AgendapuntForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Agendapunt
        fields = ("titel", "soort", "toelichting", "onderwerpen", "knopen", "acties")
        widgets: ClassVar[dict[str, Any]] = {
            "onderwerpen": forms.CheckboxSelectMultiple,
            "knopen": LangeKeuzelijst,
            "acties": LangeKeuzelijst,
        }
        labels: ClassVar[dict[str, Any]] = {
            "knopen": "Hoort bij (doelenboom)",
            "acties": "Betreft acties",
        }

    def __init__(
        self, *args: Any, agenda: Agenda, lijsten: Keuzelijsten | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _keuzes(self, "knopen", Knoop.objects.filter(agenda=agenda).actief(), lijsten)
        _keuzes(self, "acties", Actie.objects.filter(agenda=agenda).actief(), lijsten)
        _keuzes(self, "onderwerpen", WettelijkOnderwerp.objects.all(), lijsten)
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

    def __init__(
        self, *args: Any, agenda: Agenda, lijsten: Keuzelijsten | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if lijsten is not None:
            lijsten = {**lijsten, "knoop": lijsten["knopen"]}
        _keuzes(self, "knoop", Knoop.objects.filter(agenda=agenda).actief(), lijsten)
        _keuzes(self, "werkgroep", Werkgroep.objects.filter(agenda=agenda), lijsten)


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


# --- bodies and their members (beheerder) -------------------------------------------------------

TIJD = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


def _getal(veld: forms.Field, *, laag: int, hoog: int, eenheid: str) -> None:
    """A whole number from `laag` to `hoog`, with Dutch messages that say the bounds."""
    assert isinstance(veld, forms.IntegerField)
    veld.min_value, veld.max_value = laag, hoog
    veld.validators = [
        v
        for v in veld.validators
        if type(v).__name__ not in ("MinValueValidator", "MaxValueValidator")
    ]
    veld.widget.attrs.update({"min": laag, "max": hoog})
    bericht = f"Vul een heel getal van {laag} tot en met {hoog} in ({eenheid})."
    veld.error_messages.update({"invalid": bericht})

    def binnen(waarde: int | None) -> None:
        if waarde is not None and not laag <= waarde <= hoog:
            raise forms.ValidationError(bericht)

    veld.validators.append(binnen)


class OrgaanForm(TekstFormMixin, forms.ModelForm):
    """A body: name, kind, chair and secretary, and its meeting rhythm and lead times."""

    class Meta:
        model = Overlegorgaan
        fields: tuple[str, ...] = ORGAAN_VELDEN
        labels: ClassVar[dict[str, Any]] = {
            "voorzitter_tekst": "Voorzitter (omschrijving)",
            "secretaris_tekst": "Secretaris (omschrijving)",
            "vergaderingen_per_jaar": "Vergaderingen per jaar",
        }
        help_texts: ClassVar[dict[str, Any]] = {
            "voorzitter": "Een persoon van deze agenda, met of zonder inlog.",
            "voorzitter_tekst": "Alleen nodig als u de voorzitter als rol beschrijft, "
            "bijvoorbeeld ‘wethouder onderwijs’.",
            "secretaris_tekst": "Alleen nodig als u de secretaris als rol beschrijft.",
            "vergaderingen_per_jaar": "De planner zet zoveel conceptvergaderingen per jaar "
            "klaar, binnen de periode van de agenda. Leeg: geen vast ritme.",
            "frequentie_tekst": "Zoals het document het ritme beschrijft, bv. ‘vier keer per "
            "jaar en zo nodig vaker’.",
        }
        widgets: ClassVar[dict[str, Any]] = {
            "naam": forms.TextInput,
            "voorkeur_tijd": TIJD,
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        personen = Persoon.objects.filter(agenda=agenda).select_related("organisatie")
        for naam in ("voorzitter", "secretaris"):
            gekozen = getattr(self.instance, f"{naam}_id")
            _keuzes(self, naam, _actief_of_gekozen(personen, gekozen))
            self.fields[naam].empty_label = "— nog geen persoon —"  # type: ignore[attr-defined]
        _getal(self.fields["vergaderingen_per_jaar"], laag=1, hoog=52, eenheid="per jaar")
        _getal(self.fields["duur_minuten"], laag=15, hoog=600, eenheid="minuten")
        _getal(self.fields["dagen_agenda"], laag=0, hoog=60, eenheid="dagen")
        _getal(self.fields["weken_voortgangsverzoek"], laag=0, hoog=26, eenheid="weken")
        _getal(self.fields["dagen_verslagherinnering"], laag=0, hoog=60, eenheid="dagen")
        self.fields["voorkeur_weekdag"].error_messages["invalid_choice"] = (
            "Kies een werkdag van maandag tot en met vrijdag."
        )
        self.fields["voorkeur_tijd"].error_messages["invalid"] = (
            "Vul een tijd in als uu:mm, bijvoorbeeld 15:00."
        )
        self.fields["naam"].error_messages["required"] = "Geef het overlegorgaan een naam."


class NieuwOrgaanForm(EenmaligFormulier, OrgaanForm):
    """A new body; its one-time token makes a double submit create one body."""


class OrgaanlidForm(TekstFormMixin, forms.ModelForm):
    """A membership: the person (chosen once, when added), organisation, role and mandate."""

    class Meta:
        model = Orgaanlid
        fields: tuple[str, ...] = ("persoon", *LID_VELDEN)
        help_texts: ClassVar[dict[str, Any]] = {
            "persoon": "Een persoon van deze agenda, met of zonder inlog.",
            "organisatie": "Namens welke organisatie; leeg: de organisatie van de persoon.",
            "mandaat": "Mag namens de organisatie besluiten nemen.",
            "gearchiveerd": "Het lid verdwijnt uit de ledenlijst en ontvangt geen agenda's "
            "meer; de geschiedenis blijft bewaard.",
        }

    def __init__(self, *args: Any, orgaan: Overlegorgaan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.orgaan = orgaan
        agenda_id = orgaan.agenda_id
        if self.instance.pk:
            del self.fields["persoon"]  # a membership stays that person's
        else:
            del self.fields["gearchiveerd"]
            bezet = orgaan.leden.filter(gearchiveerd=False).values_list("persoon_id", flat=True)
            _keuzes(
                self,
                "persoon",
                Persoon.objects.filter(agenda_id=agenda_id, gearchiveerd=False)
                .exclude(pk__in=bezet)
                .select_related("organisatie"),
            )
            self.fields["persoon"].error_messages["invalid_choice"] = (
                "Kies een persoon van deze agenda die nog geen lid is."
            )
        _keuzes(
            self,
            "organisatie",
            _actief_of_gekozen(
                Organisatie.objects.filter(agenda_id=agenda_id), self.instance.organisatie_id
            ),
        )
        self.fields["organisatie"].empty_label = "— geen —"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("persoon") and not data.get("organisatie"):
            data["organisatie"] = data["persoon"].organisatie
        return data
