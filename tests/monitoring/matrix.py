"""Monitoring's part of the permission matrix (tests/lea/test_toegang.py): the URL prefixes of
its pages with an object, and a Bunnik object of each kind to fill them with."""

from decimal import Decimal

from django.utils import timezone

# (prefix in the route, key in the matrix's `objecten`)
PREFIXEN = (
    ("indicatoren/<int:pk>", "indicator"),
    ("metingen/<int:pk>", "meting"),
    ("scholen/<int:pk>", "school"),
    ("wegingen/<int:pk>", "weging"),
    ("ve-cijfers/<int:pk>", "ve"),
    ("posten/<int:pk>", "post"),
    ("realisaties/<int:pk>", "realisatie"),
    ("financiering/<int:pk>", "financiering"),
)


def objecten(agenda) -> dict:
    """One object of every kind monitoring's pages name, in `agenda` (made where missing)."""
    from monitoring.models import (
        Begroting,
        Begrotingsbedrag,
        Begrotingspost,
        Financiering,
        Indicator,
        Meting,
        Realisatie,
        School,
        Schoolweging,
        VeCijfers,
    )

    jaar = timezone.localdate().year
    indicator = Indicator.objects.create(agenda=agenda, naam="Matrix-indicator", eenheid="%")
    school = School.objects.create(agenda=agenda, naam="Matrixschool")
    begroting = Begroting.objects.filter(agenda=agenda).first() or Begroting.objects.create(
        agenda=agenda, eerste_jaar=jaar - 1, laatste_jaar=jaar + 1
    )
    post = Begrotingspost.objects.create(begroting=begroting, naam="Matrixpost")
    bedrag = Begrotingsbedrag.objects.create(post=post, jaar=jaar, bedrag=Decimal(1000))
    return {
        "indicator": indicator,
        "meting": Meting.objects.create(indicator=indicator, jaar=jaar, waarde=Decimal(10)),
        "school": school,
        "weging": Schoolweging.objects.create(school=school, jaar=jaar, waarde=Decimal(30)),
        "ve": VeCijfers.objects.create(agenda=agenda, jaar=1999, geindiceerd=10, bereikt=5),
        "post": post,
        "realisatie": Realisatie.objects.create(
            begrotingsbedrag=bedrag, kwartaal=1, bedrag=Decimal(100)
        ),
        "financiering": Financiering.objects.create(
            begroting=begroting, bron="gemeentelijk", naam="Matrixbron"
        ),
    }
