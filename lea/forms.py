"""Form behaviour shared by every app: plain text only, sane lengths, Dutch messages."""

import uuid
from typing import Any, ClassVar, TypeVar

from django import forms
from django.core.validators import MaxLengthValidator
from django.db.models import Q

from lea.models import Agenda, Organisatie, Persoon, Rol
from lea.validators import geen_opmaak

MAX_TEKST = 10_000


F = TypeVar("F", bound=forms.BaseForm)


def bootstrap_klassen(form: F) -> F:
    """Give every widget its Bootstrap class, for a form that a page renders field by field
    (templates/_velden.html) instead of through crispy-forms: the same look at a fraction of the
    rendering time, for forms on pages that are read all day (the action list's filters)."""
    for veld in form.fields.values():
        widget = veld.widget
        if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
            klasse = "form-check-input"
        elif isinstance(widget, forms.Select):
            klasse = "form-select"
        else:
            klasse = "form-control"
        widget.attrs["class"] = klasse
    return form


class TekstFormMixin:
    """Every text field refuses markup; long texts have an upper bound."""

    fields: dict[str, forms.Field]  # provided by the form class it is mixed into

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            if isinstance(veld, forms.CharField):
                veld.validators.append(geen_opmaak)
                if veld.max_length is None:
                    veld.max_length = MAX_TEKST
                    veld.validators.append(MaxLengthValidator(MAX_TEKST))
                    veld.widget.attrs.setdefault("maxlength", str(MAX_TEKST))
                if isinstance(veld.widget, forms.Textarea):
                    veld.widget.attrs["rows"] = 3


class EenmaligFormulier:
    """A hidden one-time token, so that a form sent twice (a double click, a reload) is stored
    once: the service claims it with `lea.services.token_gebruik` in the same transaction."""

    fields: dict[str, forms.Field]  # provided by the form class it is mixed into

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Not required: a script or test without the token is simply not protected.
        self.fields["eenmalig"] = forms.UUIDField(
            required=False, widget=forms.HiddenInput, initial=uuid.uuid4
        )


# --- the core's own objects (the beheer pages) --------------------------------------------------

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# The tree-level names of the five demo agendas, offered when a new agenda starts.
NIVEAU_VOORBEELDEN: dict[str, tuple[str, dict[str, str]]] = {
    "bunnik": (
        "Bunnik: Ambitie – Opdracht",
        {"niveau1_naam": "Ambitie", "niveau1_meervoud": "Ambities", "niveau2_naam": "",
         "niveau2_meervoud": "", "actie_naam": "Opdracht", "actie_meervoud": "Opdrachten"},
    ),
    "ijsselstein": (
        "IJsselstein: Uitgangspunt – Doel – Actie",
        {"niveau1_naam": "Uitgangspunt", "niveau1_meervoud": "Uitgangspunten",
         "niveau2_naam": "Doel", "niveau2_meervoud": "Doelen", "actie_naam": "Actie",
         "actie_meervoud": "Acties"},
    ),
    "westland": (
        "Westland: Programmalijn – Pijler – Jaardoelstelling",
        {"niveau1_naam": "Programmalijn", "niveau1_meervoud": "Programmalijnen",
         "niveau2_naam": "Pijler", "niveau2_meervoud": "Pijlers",
         "actie_naam": "Jaardoelstelling", "actie_meervoud": "Jaardoelstellingen"},
    ),
    "houten": (
        "Houten: Thema – Actie",
        {"niveau1_naam": "Thema", "niveau1_meervoud": "Thema’s", "niveau2_naam": "",
         "niveau2_meervoud": "", "actie_naam": "Actie", "actie_meervoud": "Acties"},
    ),
    "hilversum": (
        "Hilversum: Ambitie – Speerpunt – Concrete actie",
        {"niveau1_naam": "Ambitie", "niveau1_meervoud": "Ambities",
         "niveau2_naam": "Speerpunt", "niveau2_meervoud": "Speerpunten",
         "actie_naam": "Concrete actie", "actie_meervoud": "Concrete acties"},
    ),
}  # fmt: skip
EIGEN_NAMEN = "eigen"
NIVEAU_VELDEN = (
    "niveau1_naam",
    "niveau1_meervoud",
    "niveau2_naam",
    "niveau2_meervoud",
    "actie_naam",
    "actie_meervoud",
)


class AgendaForm(TekstFormMixin, forms.ModelForm):
    """The agenda's settings, edited by its beheerder."""

    class Meta:
        model = Agenda
        fields: tuple[str, ...] = (
            "gemeente",
            "titel",
            "ondertitel",
            "periode_start",
            "periode_eind",
            "rapportageperiode",
            *NIVEAU_VELDEN,
            "hoofdambitie",
            "visie",
            "bron",
            "rapportagelink_zonder_inloggen",
        )
        widgets: ClassVar[dict[str, Any]] = {"periode_start": DATUM, "periode_eind": DATUM}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if bool(data.get("niveau2_naam")) != bool(data.get("niveau2_meervoud")):
            self.add_error("niveau2_meervoud", "Vul de naam van niveau 2 in enkel- én meervoud in.")
        return data


class NieuweAgendaForm(EenmaligFormulier, AgendaForm):
    """A new agenda (functioneel beheerder): its settings, tree-level names, first beheerder."""

    voorbeeld = forms.ChoiceField(
        label="Namen van de niveaus",
        choices=[
            *((k, v[0]) for k, v in NIVEAU_VOORBEELDEN.items()),
            (EIGEN_NAMEN, "Eigen namen (vul ze hieronder in)"),
        ],
        initial=EIGEN_NAMEN,
        help_text="Neem de namen van een bestaande agenda over, of kies ‘Eigen namen’.",
    )
    beheerder_naam = forms.CharField(label="Naam van de eerste beheerder", max_length=200)
    beheerder_email = forms.EmailField(
        label="E-mailadres van de eerste beheerder",
        max_length=150,
        help_text="Hier gaat de uitnodiging heen; het wordt de gebruikersnaam.",
    )

    class Meta(AgendaForm.Meta):
        fields = (
            "gemeente",
            "titel",
            "periode_start",
            "periode_eind",
            "rapportageperiode",
            *NIVEAU_VELDEN,
        )

    field_order = (
        "gemeente",
        "titel",
        "periode_start",
        "periode_eind",
        "rapportageperiode",
        "voorbeeld",
        *NIVEAU_VELDEN,
        "beheerder_naam",
        "beheerder_email",
    )

    def clean(self) -> dict[str, Any]:
        data = self.cleaned_data
        voorbeeld = data.get("voorbeeld")
        if voorbeeld in NIVEAU_VOORBEELDEN:
            # The example's names replace whatever the fields hold (no script needed).
            data.update(NIVEAU_VOORBEELDEN[voorbeeld][1])
            for veld in NIVEAU_VELDEN:
                self.errors.pop(veld, None)
        return super().clean()


class OrganisatieForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Organisatie
        fields = ("naam", "afkorting", "sector", "omschrijving")

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda


class NieuweOrganisatieForm(EenmaligFormulier, OrganisatieForm):
    pass


class PersoonForm(TekstFormMixin, forms.ModelForm):
    class Meta:
        model = Persoon
        fields = ("naam", "functie", "organisatie", "email")
        help_texts: ClassVar[dict[str, str]] = {
            "email": "Met een login is dit ook de gebruikersnaam. Een persoon zonder login kan "
            "toch een werkgroep voorzitten of lid zijn van een overleg."
        }

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.agenda = agenda
        organisaties = Organisatie.objects.filter(agenda=agenda)
        # Archived organisations are not offered, but a person's current one stays.
        huidig = Q(pk=self.instance.organisatie_id) if self.instance.organisatie_id else Q()
        veld = self.fields["organisatie"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = organisaties.filter(Q(gearchiveerd=False) | huidig)


class NieuwePersoonForm(EenmaligFormulier, PersoonForm):
    pass


class RolForm(forms.Form):
    """Change a role."""

    rol = forms.ChoiceField(label="Rol", choices=Rol.choices)


class UitnodigingForm(RolForm):
    """Give a person of the agenda a role, and invite them by e-mail."""

    persoon = forms.ModelChoiceField(
        label="Persoon",
        queryset=Persoon.objects.none(),
        help_text="Alleen personen met een e-mailadres kunnen een login krijgen.",
    )
    field_order = ("persoon", "rol")

    def __init__(self, *args: Any, agenda: Agenda, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        veld = self.fields["persoon"]
        assert isinstance(veld, forms.ModelChoiceField)
        veld.queryset = Persoon.objects.actief().filter(agenda=agenda).exclude(email="")
