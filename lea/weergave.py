"""How things are named on screen."""

from typing import Any


def naam_van(gebruiker: Any) -> str:
    """A person as shown on screen: full name, else login name; "" for nobody."""
    if gebruiker is None:
        return ""
    return gebruiker.get_full_name() or gebruiker.username
