"""Template tags that draw the SVG charts of lea.grafieken for the werkgroepen pages."""

from django import template
from django.utils.safestring import SafeString

from lea import grafieken
from werkgroepen.selectors import Stand, status_segmenten

register = template.Library()


@register.simple_tag
def statusbalk(stand: Stand | None, titel: str = "Acties per status") -> SafeString:
    return grafieken.gestapelde_balk(titel, status_segmenten(stand))


@register.simple_tag
def statuslegenda(stand: Stand | None) -> SafeString:
    return grafieken.legenda(status_segmenten(stand))


@register.simple_tag
def voortgangsbalk(percentage: int | None, titel: str = "Voortgang") -> SafeString:
    return grafieken.voortgangsbalk(titel, percentage)
