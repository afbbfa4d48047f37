from decimal import Decimal
from typing import Any

from django import template

register = template.Library()


@register.filter
def euro(bedrag: Any) -> str:
    """{{ bedrag|euro }} → € 3.567.500: Dutch notation to the euro, as the documents print it
    (€ -39.740 for a deficit, – for no amount)."""
    if bedrag is None:
        return "–"
    afgerond = int(Decimal(bedrag).quantize(Decimal(1)))
    teken = "-" if afgerond < 0 else ""
    return f"€ {teken}{abs(afgerond):,}".replace(",", ".")


@register.filter
def per_jaar(waarden: dict[int, Any] | None, jaar: int) -> Any:
    """{{ regel.bedragen|per_jaar:jaar }}"""
    return waarden.get(jaar) if waarden else None


@register.filter
def per_kwartaal(waarden: dict[int, Any] | None, kwartaal: str | int) -> Any:
    """{{ regel.kwartalen|per_kwartaal:k }} with k from {% for k in "1234" %}."""
    return waarden.get(int(kwartaal)) if waarden else None
