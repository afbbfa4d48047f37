"""What the forms of the werkgroepen app share: the date field and the choice helpers."""

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from lea.models import Persoon

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _kies_uit(veld: forms.Field, queryset: QuerySet[Any]) -> None:
    """Limit a model choice field to the objects of this agenda."""
    if not isinstance(veld, forms.ModelChoiceField):  # also ModelMultipleChoiceField
        raise TypeError(f"{veld!r} kiest geen objecten")
    veld.queryset = queryset


class PersoonKeuze(forms.ModelChoiceField):
    """A person as a choice: name and organisation, so two people of one name differ."""

    def label_from_instance(self, obj: Any) -> str:
        persoon: Persoon = obj
        if persoon.organisatie is not None:
            return f"{persoon.naam} ({persoon.organisatie})"
        return persoon.naam


def _beperk(form: forms.ModelForm, keuzes: dict[str, QuerySet[Any]]) -> None:
    """Offer in each field the agenda's objects of `keuzes` that are not archived, and those
    the edited object already has even if archived (so that saving it does not fail on a
    choice the user did not touch)."""
    instance = form.instance
    for naam, queryset in keuzes.items():
        if naam not in form.fields:
            continue
        veld = instance._meta.get_field(naam)
        if veld.many_to_many:
            gekozen = (
                list(getattr(instance, naam).values_list("pk", flat=True)) if instance.pk else []
            )
        else:
            gekozen = [getattr(instance, f"{naam}_id")]
        _kies_uit(form.fields[naam], queryset.filter(Q(gearchiveerd=False) | Q(pk__in=gekozen)))


# The fields a planning text fills (ActieForm._leid_af).
