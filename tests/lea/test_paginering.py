"""The one pager below the long lists (templates/_paginering.html): previous, "page n of m",
next, keeping the list's filters and landing on its anchor."""

import re

import pytest
from django.core.paginator import Paginator
from django.template import Context, Template
from django.urls import reverse

from werkgroepen.models import Status

PAGINERING = Template("{% include '_paginering.html' %}")


def _pagina(nummer: int, aantal: int = 75):
    return Paginator(range(aantal), 25).page(nummer)


def test_a_middle_page_links_both_ways_with_the_filters_and_anchor():
    html = PAGINERING.render(
        Context(
            {"pagina": _pagina(2), "wat": "acties", "filters": "status=lopend", "anker": "#kop"}
        )
    )
    assert '<nav aria-label="Pagina\'s van de acties">' in html
    assert 'href="?status=lopend&amp;pagina=1#kop">Vorige</a>' in html
    assert 'href="?status=lopend&amp;pagina=3#kop">Volgende</a>' in html
    assert 'aria-current="page"><span class="page-link">Pagina 2 van 3</span>' in html


def test_first_and_last_pages_and_a_single_page():
    eerste = PAGINERING.render(Context({"pagina": _pagina(1), "wat": "regels"}))
    assert "Vorige" not in eerste
    assert 'href="?pagina=2">Volgende</a>' in eerste
    laatste = PAGINERING.render(Context({"pagina": _pagina(3), "wat": "regels"}))
    assert 'href="?pagina=2">Vorige</a>' in laatste
    assert "Volgende" not in laatste
    assert PAGINERING.render(Context({"pagina": _pagina(1, 10), "wat": "regels"})).strip() == ""


@pytest.mark.django_db
def test_the_action_list_pages_keep_its_filters(client, bunnik, anne, werkgroep):
    from tests.factories import ActieFactory

    knoop = bunnik.knopen.filter(niveau=1).first()
    ActieFactory.create_batch(
        30, agenda=bunnik, knoop=knoop, werkgroep=werkgroep, status=Status.LOPEND
    )
    client.force_login(anne)
    lijst = reverse("actie_lijst", args=[bunnik.slug])
    html = client.get(f"{lijst}?status=lopend").text
    volgende = re.search(r'href="\?([^"]*)">Volgende</a>', html)
    assert volgende, "the list of more than 25 shows a next page"
    assert volgende.group(1) == "status=lopend&amp;pagina=2"
    tweede = client.get(f"{lijst}?status=lopend&pagina=2").text
    assert "Pagina 2 van" in tweede
    assert 'href="?status=lopend&amp;pagina=1">Vorige</a>' in tweede
