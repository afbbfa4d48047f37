"""Dutch formatting for the public view: its content is raw (monitoring/openbaar/inhoud.py),
so the same values serve the page, the JSON and the CSV."""

import datetime
from decimal import Decimal

from django import template

from monitoring.openbaar.inhoud import datum_nl, euro_nl, getal_nl

register = template.Library()


@register.filter
def nl_datum(datum: datetime.date | None) -> str:
    return datum_nl(datum) if datum else ""


@register.filter
def nl_getal(waarde: Decimal | float | None) -> str:
    return getal_nl(waarde) if waarde is not None else ""


@register.filter
def nl_euro(bedrag: Decimal | None) -> str:
    return euro_nl(bedrag) if bedrag is not None else ""
