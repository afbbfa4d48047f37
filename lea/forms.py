"""Form behaviour shared by every app: plain text only, sane lengths, Dutch messages."""

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator

from lea.validators import geen_opmaak

MAX_TEKST = 10_000


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
