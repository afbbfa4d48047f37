"""Charts are read back as SVG: elements and labels, on the page and in the PDF."""

import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from lea.grafieken import Segment, gestapelde_balk, legenda, lijngrafiek

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _svg(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))  # noqa: S314 - markup this product drew itself


def test_a_line_chart_draws_a_point_and_a_label_per_measurement():
    punten = [("2021", 12.0), ("2022", 14.5), ("2023", 13.0)]
    svg = _svg(lijngrafiek("Bereik <VVE>", punten, eenheid="%"))
    assert len(svg.findall(f"{SVG}circle")) == 3
    labels = [t.text for t in svg.findall(f"{SVG}text")]
    assert {"2021", "2022", "2023"} <= set(labels)
    assert [t.text for t in svg.findall(f"{SVG}circle/{SVG}title")] == [
        "2021: 12%",
        "2022: 14.5%",
        "2023: 13%",
    ]
    assert svg.get("aria-label").startswith("Bereik <VVE>: 2021 12%")  # escaped, then parsed


def test_a_stacked_bar_and_its_legend_are_markup_not_text():
    segmenten = [Segment("Lopend", 3, "#0b6fb8"), Segment("Afgerond", 1, "#157347")]
    svg = _svg(gestapelde_balk("Status", segmenten))
    assert [r.find(f"{SVG}title").text for r in svg.findall(f"{SVG}rect")] == [
        "Lopend: 3",
        "Afgerond: 1",
    ]
    lijst = ET.fromstring(str(legenda(segmenten)))  # noqa: S314 - our own markup
    assert [li.tail or "".join(li.itertext()) for li in lijst] == ["Lopend (3)", "Afgerond (1)"]


@pytest.mark.parametrize("slug", ["ijsselstein-2025", "bunnik-2025", "westland-2022"])
def test_the_indicator_page_draws_its_trend_charts(client, slug):
    from django.contrib.auth import get_user_model

    from lea.models import Agenda

    agenda = Agenda.objects.get(slug=slug)
    client.force_login(get_user_model().objects.get(username="admin"))
    pagina = client.get(reverse("indicatoren", args=[agenda.slug])).content.decode()
    assert "&lt;circle" not in pagina
    assert "&lt;text" not in pagina
    grafieken = [
        _svg(pagina[begin : pagina.index("</svg>", begin) + 6])
        for begin in _overal(pagina, '<svg xmlns="http://www.w3.org/2000/svg" class="grafiek"')
    ]
    metingen = sum(
        len(i.metingen.filter(school=None)) or (1 if i.basiswaarde is not None else 0)
        for i in agenda.indicatoren.all()
    )
    assert sum(len(g.findall(f"{SVG}circle")) for g in grafieken) == metingen
    assert metingen > 0


def test_the_charts_in_the_jaarverslag_are_drawn_not_printed_as_markup():
    from pypdf import PdfReader

    from lea.models import Agenda
    from monitoring import pdf

    agenda = Agenda.objects.get(slug="ijsselstein-2025")
    tekst = "\n".join(
        p.extract_text() for p in PdfReader(io.BytesIO(pdf.jaarverslag_pdf(agenda, 2025))).pages
    )
    assert "<circle" not in tekst
    assert "&lt;" not in tekst


def _overal(tekst: str, stuk: str) -> list[int]:
    plekken, i = [], tekst.find(stuk)
    while i != -1:
        plekken.append(i)
        i = tekst.find(stuk, i + 1)
    return plekken
