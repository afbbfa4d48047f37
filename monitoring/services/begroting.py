"""Writes of the budget: its settings, its lines and funding with their amounts per year, the
realisations per quarter (the year's realisation is their sum) and the money RAG thresholds."""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from lea.services import bewaar
from monitoring.models import (
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    Realisatie,
)

NUL = Decimal(0)


@transaction.atomic
def begrotingspost_bewaar(
    *, post: Begrotingspost, bedragen: dict[int, Decimal | None], door: Any
) -> Begrotingspost:
    """Save a budget line and its amount per year; an empty year keeps no amount (or 0 when
    the year already had one, so its realisations stay)."""
    bewaar(post, door=door)
    bestaand = {b.jaar: b for b in post.bedragen.all()}
    for jaar, bedrag in bedragen.items():
        regel = bestaand.get(jaar)
        if bedrag is None and regel is None:
            continue
        regel = regel or Begrotingsbedrag(post=post, jaar=jaar)
        nieuw = bedrag if bedrag is not None else NUL
        if regel.pk is None or regel.bedrag != nieuw:
            regel.bedrag = nieuw
            _bewaar_veld(regel, f"bedrag_{jaar}", door)
    return post


@transaction.atomic
def begrotingsbedrag_bewaar(
    *, post: Begrotingspost, jaar: int, bedrag: Decimal, door: Any
) -> Begrotingsbedrag:
    """Set a line's budgeted amount in one year, leaving the line itself as it is (no history
    row for a line that did not change; the workbook import changes amounts row by row)."""
    regel = Begrotingsbedrag.objects.filter(post=post, jaar=jaar).first()
    regel = regel or Begrotingsbedrag(post=post, jaar=jaar)
    if regel.pk is None or regel.bedrag != bedrag:
        regel.bedrag = bedrag
        bewaar(regel, door=door)
    return regel


@transaction.atomic
def financiering_bewaar(
    *, financiering: Financiering, bedragen: dict[int, Decimal | None], door: Any
) -> Financiering:
    """Save a funding source and what it brings per year (an empty year: 0 if it had one)."""
    bewaar(financiering, door=door)
    bestaand = {b.jaar: b for b in financiering.bedragen.all()}
    for jaar, bedrag in bedragen.items():
        regel = bestaand.get(jaar)
        if bedrag is None and regel is None:
            continue
        regel = regel or Financieringsbedrag(financiering=financiering, jaar=jaar)
        nieuw = bedrag if bedrag is not None else NUL
        if regel.pk is None or regel.bedrag != nieuw:
            regel.bedrag = nieuw
            _bewaar_veld(regel, f"bedrag_{jaar}", door)
    return financiering


def _bewaar_veld(obj: Any, veld: str, door: Any) -> None:
    """Save an amount of a year; its error lands on the form's field of that year."""
    try:
        bewaar(obj, door=door)
    except ValidationError as fout:
        raise ValidationError({veld: fout.messages}) from fout


@transaction.atomic
def realisatie_bewaar(
    *,
    realisatie: Realisatie | None = None,
    post: Begrotingspost | None = None,
    jaar: int | None = None,
    kwartaal: int | None = None,
    bedrag: Decimal,
    toelichting: str = "",
    door: Any,
) -> Realisatie:
    """Record what was spent on a line in a quarter (a new one: give post, jaar, kwartaal), or
    change a recorded one's amount; the year's realisation becomes the sum of its quarters."""
    if realisatie is None:
        if post is None or jaar is None or kwartaal is None:
            raise ValueError("A new realisation needs its line, year and quarter.")
        begrotingsbedrag = Begrotingsbedrag.objects.filter(post=post, jaar=jaar).first()
        if begrotingsbedrag is None:  # spent without a budget in that year: budget 0
            begrotingsbedrag = bewaar(Begrotingsbedrag(post=post, jaar=jaar, bedrag=NUL), door=door)
        realisatie = Realisatie(begrotingsbedrag=begrotingsbedrag, kwartaal=kwartaal)
    realisatie.bedrag = bedrag
    realisatie.toelichting = toelichting
    bewaar(realisatie, door=door)
    realisatie_jaar_bij(begrotingsbedrag=realisatie.begrotingsbedrag, door=door)
    return realisatie


def realisatie_jaar_bij(*, begrotingsbedrag: Begrotingsbedrag, door: Any) -> None:
    """The year's realisation of a line is the sum of its quarters (kept as a cache that the
    overview, the reports and the demo data's yearly figures read)."""
    som = sum((r.bedrag for r in begrotingsbedrag.kwartalen.all()), NUL)
    if begrotingsbedrag.realisatie != som:
        begrotingsbedrag.realisatie = som
        bewaar(begrotingsbedrag, door=door)
