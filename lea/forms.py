"""Form behaviour shared by every app: plain text only, sane lengths, Dutch messages."""

import uuid
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
