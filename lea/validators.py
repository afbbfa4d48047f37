"""Validators for text that users type."""

import re

from django.core.exceptions import ValidationError

# A tag-like construct: "<" followed by a letter, "/", "!" or "?" (so "<5 jaar" stays valid).
_OPMAAK = re.compile(r"<\s*[a-zA-Z/!?]|javascript:", re.IGNORECASE)


def geen_opmaak(waarde: str) -> None:
    """Refuse HTML markup and scripts in plain-text fields."""
    if waarde and _OPMAAK.search(waarde):
        raise ValidationError(
            "Gebruik gewone tekst: HTML-opmaak en scripts (zoals <script> of <b>) zijn niet "
            "toegestaan.",
            code="opmaak",
        )
