"""The budget page issues a fixed number of queries whatever the number of budget lines, and
still shows the same figures."""

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from monitoring.models import Begrotingsbedrag, Begrotingspost, Realisatie
from monitoring.templatetags.lea_monitoring import euro

pytestmark = pytest.mark.django_db


def _pagina(client, url):
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.text, len(vastgelegd)


def _totaalregel(html: str, jaar: int) -> str:
    """The 'Totaal <jaar>' row of the begroot-against-gerealiseerd table."""
    rij = re.search(rf'<th scope="row">Totaal {jaar}</th>(.*?)</tr>', html, re.S)
    assert rij, f"no Totaal {jaar} row"
    return rij.group(1)


def _begroot(begroting, jaar: int) -> Decimal:
    """What the year's total should be: the active lines without parts, from the database."""
    return Begrotingsbedrag.objects.filter(
        post__begroting=begroting, post__gearchiveerd=False, post__onderdelen=None, jaar=jaar
    ).aggregate(som=Sum("bedrag"))["som"] or Decimal(0)


def _voeg_posten_toe(begroting, aantal: int, jaar: int) -> None:
    """`aantal` more lines, half under a node and an action, every fifth a part of the one
    before, each with an amount in every year and two quarters realised in `jaar`."""
    acties = list(begroting.agenda.acties.select_related("knoop")[:10])
    ouder = None
    for n in range(aantal):
        actie = acties[n % len(acties)] if n % 2 == 0 else None
        post = Begrotingspost.objects.create(
            begroting=begroting,
            naam=f"Extra post {n}",
            knoop=actie.knoop if actie else None,
            actie=actie,
            groep_naam="" if actie else "Overig",
            ouder=ouder if n % 5 == 4 else None,
            volgorde=1000 + n,
        )
        ouder = post
        bedragen = Begrotingsbedrag.objects.bulk_create(
            Begrotingsbedrag(post=post, jaar=j, bedrag=Decimal(1000 + n)) for j in begroting.jaren
        )
        dit_jaar = next(b for b in bedragen if b.jaar == jaar)
        Realisatie.objects.bulk_create(
            Realisatie(begrotingsbedrag=dit_jaar, kwartaal=k, bedrag=Decimal(100 + n))
            for k in (1, 2)
        )


def test_budget_page_queries_do_not_grow_with_lines(client, hilversum, henk):
    begroting = hilversum.begroting
    jaar = begroting.eerste_jaar
    url = reverse("begroting", args=[hilversum.slug]) + f"?jaar={jaar}"
    client.force_login(henk)
    voor, weinig = _pagina(client, url)
    regels = begroting.posten.filter(gearchiveerd=False).count()
    assert regels > 10
    assert euro(_begroot(begroting, jaar)) in _totaalregel(voor, jaar)

    _voeg_posten_toe(begroting, 9 * regels, jaar)
    assert begroting.posten.filter(gearchiveerd=False).count() == 10 * regels
    na, veel = _pagina(client, url)

    # The change history reads one query per table among its newest changes: never more.
    assert veel <= weinig <= 20, f"{weinig} queries for {regels} lines, {veel} for {10 * regels}"
    assert "Extra post 1" in na
    assert euro(_begroot(begroting, jaar)) in _totaalregel(na, jaar)
