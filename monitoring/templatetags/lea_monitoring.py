from django import template

from monitoring.begroting import euro as _euro

register = template.Library()


@register.filter
def euro(bedrag) -> str:
    """{{ bedrag|euro }} → € 3.567.500"""
    return _euro(bedrag)


@register.filter
def per_jaar(waarden: dict, jaar):
    """{{ regel.bedragen|per_jaar:jaar }}"""
    return waarden.get(jaar) if waarden else None
