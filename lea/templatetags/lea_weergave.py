from django import template

from lea.weergave import naam_van

register = template.Library()


@register.filter
def naam(gebruiker, anders: str = "") -> str:
    """{{ voortgang.door|naam:"onbekend" }}: full name, else login name, else `anders`."""
    return naam_van(gebruiker) or anders
