"""Template tags that draw the SVG charts of lea.grafieken for the werkgroepen pages."""

from django import template

from lea import grafieken
from werkgroepen.voortgang import status_segmenten

register = template.Library()


@register.simple_tag
def statusbalk(stand, titel: str = "Acties per status"):
    return grafieken.gestapelde_balk(titel, status_segmenten(stand))


@register.simple_tag
def statuslegenda(stand):
    return grafieken.legenda(status_segmenten(stand))


@register.simple_tag
def voortgangsbalk(percentage, titel: str = "Voortgang"):
    return grafieken.voortgangsbalk(titel, percentage)
