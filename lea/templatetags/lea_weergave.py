from typing import Any

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString

from lea.weergave import naam_van

register = template.Library()


@register.filter
def naam(gebruiker: Any, anders: str = "") -> str:
    """{{ voortgang.door|naam:"onbekend" }}: full name, else login name, else `anders`."""
    return naam_van(gebruiker) or anders


@register.simple_tag(takes_context=True)
def panelen(context: Context, plek: str, obj: Any) -> SafeString:
    """{% panelen "dashboard" agenda %}: the panels later apps add to this page."""
    from lea.panelen import panelen as _panelen

    return _panelen(plek, context["request"], obj)


@register.filter
def functioneel_beheerder(gebruiker: Any) -> bool:
    """{% if user|functioneel_beheerder %}: may create an agenda ("Nieuwe agenda")."""
    from lea.toegang import is_functioneel_beheerder

    return is_functioneel_beheerder(gebruiker)
