"""The public view of a published agenda (/openbaar/<slug>/): it shows the goal tree, the public
progress, the figures, the budget, the public decisions and reports, and nothing else; anything
not published is the same 404; it reads a fixed number of queries and needs no session."""

import datetime
import itertools
import re
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lea.models import Persoon
from lea.models.publicatie import Publicatie
from lea.services.publicatie import openbaar_gewijzigd
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Indicator,
    Meting,
    Rapport,
    RapportStatus,
)
from monitoring.openbaar import opendata
from monitoring.openbaar.inhoud import TOEGESTANE_VELDEN, agenda_inhoud, datum_nl
from overleg.models import Agendapunt, Besluit, Overlegorgaan, Soort, Vergadering, VergaderStatus
from tests.factories import ActieFactory, AgendaFactory, KnoopFactory, VoortgangFactory
from werkgroepen.models import Actie, Opmerking

pytestmark = pytest.mark.django_db

NU = timezone.now()
VANDAAG = timezone.localdate()


def publiceer(agenda, **velden) -> Publicatie:
    velden.setdefault("gepubliceerd_op", NU)
    return Publicatie.objects.create(agenda=agenda, **velden)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def vergadering(orgaan, status, *, dagen: int) -> Vergadering:
    begin = NU - datetime.timedelta(days=dagen)
    return Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2), status=status
    )


def besluit(vergadering_, titel: str, tekst: str, *, openbaar: bool) -> Besluit:
    punt = Agendapunt.objects.create(vergadering=vergadering_, titel=titel)
    return Besluit.objects.create(agendapunt=punt, tekst=tekst, openbaar=openbaar)


@pytest.fixture
def gepubliceerd(hilversum, bunnik, settings, tmp_path):
    """Hilversum published with its budget per line, and secrets all around the public parts."""
    settings.MEDIA_ROOT = tmp_path
    publiceer(hilversum, toon_begroting="regel", inleiding="Samen zorgen we voor goed onderwijs.")
    actie = Actie.objects.filter(agenda=hilversum, gearchiveerd=False).order_by("pk").first()
    Opmerking.objects.create(actie=actie, tekst="GEHEIM-OPMERKING-7731")
    VoortgangFactory(
        actie=actie,
        datum=VANDAAG,
        toelichting="GEHEIM-TOELICHTING-1123",
        openbare_tekst="OPENBAAR-VOORTGANG-5520",
        openbaar=True,
    )
    # Newer, but internal: the public view keeps showing the public one.
    VoortgangFactory(actie=actie, datum=VANDAAG, toelichting="GEHEIM-INTERN-8842")
    persoon = Persoon.objects.filter(agenda=hilversum).first()
    persoon.email = "geheim.adres@voorbeeld.nl"
    persoon.save()
    stuurgroep = Overlegorgaan.objects.create(
        agenda=hilversum, naam="Stuurgroep HEA openbaar", soort=Soort.STUURGROEP
    )
    overleg = Overlegorgaan.objects.create(agenda=hilversum, naam="Werkoverleg", soort=Soort.OVERIG)
    gehouden = vergadering(stuurgroep, VergaderStatus.VASTGESTELD, dagen=30)
    besluit(gehouden, "GEHEIM-PUNT-2201", "OPENBAAR-BESLUIT-4410", openbaar=True)
    besluit(gehouden, "Intern punt", "GEHEIM-BESLUIT-9902", openbaar=False)
    concept = vergadering(stuurgroep, VergaderStatus.CONCEPT, dagen=-30)
    besluit(concept, "GEHEIM-CONCEPTVERGADERING-3307", "GEHEIM-CONCEPTBESLUIT-3308", openbaar=True)
    besluit(
        vergadering(overleg, VergaderStatus.GEHOUDEN, dagen=20),
        "Ander overleg",
        "GEHEIM-ANDER-ORGAAN-6610",
        openbaar=True,
    )
    indicator = Indicator.objects.create(agenda=hilversum, naam="Bereik voorschool", eenheid="%")
    Meting.objects.create(indicator=indicator, jaar=2023, waarde=Decimal("61.5"))
    Meting.objects.create(indicator=indicator, jaar=2024, waarde=Decimal("68"))

    def rapport(agenda, jaar, *, openbaar, status=RapportStatus.KLAAR) -> Rapport:
        r = Rapport.objects.create(
            agenda=agenda, soort="jaarverslag", jaar=jaar, status=status, openbaar=openbaar
        )
        r.bestand.save(f"r{r.pk}.pdf", ContentFile(b"%PDF-1.4 rapport"), save=True)
        return r

    return {
        "openbaar": rapport(hilversum, 2024, openbaar=True),
        "intern": rapport(hilversum, 2023, openbaar=False),
        "bezig": rapport(hilversum, 2022, openbaar=True, status=RapportStatus.BEZIG),
        "ander": rapport(bunnik, 2024, openbaar=True),
    }


GEHEIMEN = (
    "GEHEIM-OPMERKING-7731",
    "GEHEIM-TOELICHTING-1123",
    "GEHEIM-INTERN-8842",
    "geheim.adres@voorbeeld.nl",
    "GEHEIM-PUNT-2201",
    "GEHEIM-BESLUIT-9902",
    "GEHEIM-CONCEPTVERGADERING-3307",
    "GEHEIM-CONCEPTBESLUIT-3308",
    "GEHEIM-ANDER-ORGAAN-6610",
    "@",
)
OPENBAAR = (
    "Samen zorgen we voor goed onderwijs.",
    "OPENBAAR-VOORTGANG-5520",
    datum_nl(VANDAAG),
    "OPENBAAR-BESLUIT-4410",
    "Bereik voorschool",
    "61,5",
)


def test_the_public_view_shows_the_public_parts_and_nothing_else(client, hilversum, gepubliceerd):
    start = f"/openbaar/{hilversum.slug}/"
    antwoord = client.get(start)
    assert antwoord.status_code == 200
    html = antwoord.text
    assert re.search(r"<title>[^<>]+</title>", html)
    assert html.count('id="opendata"') == 1
    for tekst in OPENBAAR:
        assert tekst in html, tekst
    # The budget per line, in euros the Dutch way.
    assert hilversum.begroting.posten.filter(gearchiveerd=False).first().naam in html
    assert re.search(r"€ \d{1,3}(\.\d{3})+", html)
    # Every chart is an SVG with a text alternative, and its numbers stand in a table beside it.
    svg = re.search(r"<svg.*?</svg>", html, re.S).group(0)
    grafiek = ElementTree.fromstring(svg)  # noqa: S314 - markup this product drew itself
    assert "Bereik voorschool" in grafiek.get("aria-label")
    assert "gestegen: van 61,5% naar 68%" in html
    assert '<th scope="row">2024</th><td class="getal">68</td>' in html

    # Follow every link of the public pages: the page, the open data (JSON, CSV and their
    # explanation), the schema and the report. None holds a secret.
    bezocht: dict[str, int] = {}
    te_doen = [start]
    while te_doen:
        url = te_doen.pop().removeprefix(settings.LEA_BASIS_URL)
        if url in bezocht:
            continue
        pagina = client.get(url)
        bezocht[url] = pagina.status_code
        soort = pagina["Content-Type"]
        if soort == "application/pdf":
            assert b"".join(pagina.streaming_content).startswith(b"%PDF")
            continue
        for geheim in GEHEIMEN:
            assert geheim not in pagina.text, f"{geheim} op {url}"
        if soort.startswith("text/html"):
            te_doen += [h.split("#")[0] for h in links(pagina.text) if h.startswith("/openbaar/")]
        elif soort == "application/json":
            document = pagina.json()
            te_doen += [r["url"] for r in document.get("rapporten", [])]
    pdf = f"/openbaar/{hilversum.slug}/rapporten/{gepubliceerd['openbaar'].pk}.pdf"
    data = f"/openbaar/{hilversum.slug}/data/"
    verwacht = {
        start,
        pdf,
        data,
        f"{data}agenda.json",
        "/openbaar/schema/agenda-1.json",
        *(f"{data}{naam}.csv" for naam in opendata.BESTAND),
        *(
            f"/openbaar/{hilversum.slug}/doelen/{pk}/inbedden/"
            for pk in hilversum.knopen.filter(gearchiveerd=False).values_list("pk", flat=True)
        ),
    }
    assert bezocht == dict.fromkeys(verwacht, 200)
    # The public texts are in the open data too.
    json_tekst = client.get(f"{data}agenda.json").content.decode()
    csv_tekst = client.get(f"{data}acties.csv").content.decode()
    for tekst in ("OPENBAAR-VOORTGANG-5520", "Samen zorgen we voor goed onderwijs."):
        assert tekst in json_tekst, tekst
    assert "OPENBAAR-VOORTGANG-5520" in csv_tekst
    assert VANDAAG.isoformat() in csv_tekst
    assert "OPENBAAR-BESLUIT-4410" in client.get(f"{data}besluiten.csv").content.decode()
    for andere in ("intern", "bezig", "ander"):
        url = f"/openbaar/{hilversum.slug}/rapporten/{gepubliceerd[andere].pk}.pdf"
        assert client.get(url).status_code == 404, andere
    # Another agenda's public report: not through this agenda, nor through its unpublished own.
    bunnik_pdf = f"/openbaar/bunnik-2025/rapporten/{gepubliceerd['ander'].pk}.pdf"
    assert client.get(bunnik_pdf).status_code == 404


def velden(waarde: Any) -> set[str]:
    if isinstance(waarde, dict):
        return set(waarde) | {k for v in waarde.values() for k in velden(v)}
    if isinstance(waarde, list):
        return {k for v in waarde for k in velden(v)}
    assert waarde is None or isinstance(waarde, str | int | float | Decimal | datetime.date), type(
        waarde
    )
    return set()


def test_every_field_given_to_the_page_is_on_the_allow_list(hilversum, gepubliceerd):
    inhoud = agenda_inhoud(hilversum)
    gebruikt = velden(inhoud)
    assert gebruikt <= TOEGESTANE_VELDEN, gebruikt - TOEGESTANE_VELDEN
    # The walk does reach the nested parts (a goal tree with actions, a budget with lines).
    assert {"kinderen", "acties", "voortgang", "regels", "bedragen", "metingen"} <= gebruikt


def test_only_the_chosen_level_of_the_budget_shows(client, hilversum, gepubliceerd):
    regel = hilversum.begroting.posten.filter(gearchiveerd=False, knoop__isnull=False).first()
    url = f"/openbaar/{hilversum.slug}/"
    Publicatie.objects.filter(agenda=hilversum).update(toon_begroting="niveau1")
    openbaar_gewijzigd([hilversum.pk])  # a save does this after its commit
    html = client.get(url).text
    assert "Totaal Ambitie" in html
    assert f">{regel.naam}<" not in html
    Publicatie.objects.filter(agenda=hilversum).update(toon_begroting="geen")
    openbaar_gewijzigd([hilversum.pk])
    html = client.get(url).text
    assert 'id="begroting"' not in html
    assert "€" not in html
    assert client.get(f"{url}data/begroting.csv").content.decode().count("\r\n") == 1
    assert client.get(f"{url}data/agenda.json").json()["begroting"] is None


def test_anything_not_published_is_the_same_404(client, hilversum, bunnik):
    publiceer(hilversum)
    publiceer(bunnik, ingetrokken_op=NU + datetime.timedelta(minutes=1))
    niet = AgendaFactory()
    publiceer(niet, gepubliceerd_op=None)
    bodies = set()
    for slug in ("bestaat-niet", bunnik.slug, niet.slug, "ijsselstein-2025"):
        antwoord = client.get(f"/openbaar/{slug}/")
        assert antwoord.status_code == 404, slug
        bodies.add(antwoord.content)
    assert len(bodies) == 1
    assert client.get(f"/openbaar/{hilversum.slug}/").status_code == 200
    assert client.post(f"/openbaar/{hilversum.slug}/").status_code == 405
    # Published again after the withdrawal: public again.
    Publicatie.objects.filter(agenda=bunnik).update(
        gepubliceerd_op=NU + datetime.timedelta(hours=1)
    )
    assert client.get(f"/openbaar/{bunnik.slug}/").status_code == 200


def test_every_answer_may_be_kept_by_anyone_but_is_checked_again_and_sets_no_cookie(
    client, hilversum
):
    publiceer(hilversum)
    for url in (
        f"/openbaar/{hilversum.slug}/",
        f"/openbaar/{hilversum.slug}/data/agenda.json",
        f"/openbaar/{hilversum.slug}/data/acties.csv",
    ):
        antwoord = client.get(url)
        assert antwoord.status_code == 200
        # Public, but revalidated every time: a withdrawal is never hidden by a cache.
        assert set(antwoord["Cache-Control"].split(", ")) == {"public", "no-cache"}
        assert antwoord["ETag"].startswith('"')
        assert antwoord["Last-Modified"].endswith("GMT")
        assert not antwoord.cookies
        assert "cookie" not in antwoord.get("Vary", "").lower()
        # Asked again with what the reader has: 304, no body.
        opnieuw = client.get(url, headers={"If-None-Match": antwoord["ETag"]})
        assert opnieuw.status_code == 304
        assert opnieuw.content == b""
        assert opnieuw["ETag"] == antwoord["ETag"]
        assert client.get(url, headers={"If-None-Match": '"oud"'}).status_code == 200
        sinds = client.get(url, headers={"If-Modified-Since": antwoord["Last-Modified"]})
        assert sinds.status_code == 304
    assert "public" not in client.get("/openbaar/bestaat-niet/").get("Cache-Control", "")


NUMMER = itertools.count()


def _groot_maken(agenda, keer: int) -> None:
    begroting = Begroting.objects.get_or_create(
        agenda=agenda, defaults={"eerste_jaar": 2025, "laatste_jaar": 2027}
    )[0]
    for n in (next(NUMMER) for _ in range(keer)):
        ouder = KnoopFactory(agenda=agenda, niveau=1)
        kind = KnoopFactory(agenda=agenda, niveau=2, ouder=ouder)
        for knoop in (ouder, kind):
            for _ in range(2):
                actie = ActieFactory(agenda=agenda, knoop=knoop)
                VoortgangFactory(actie=actie, openbaar=True, openbare_tekst=f"Tekst {n}")
                VoortgangFactory(actie=actie, datum=datetime.date(2025, 7, 1))
        post = Begrotingspost.objects.create(begroting=begroting, knoop=kind, naam=f"Post {n}")
        Begrotingsbedrag.objects.create(post=post, jaar=2025, bedrag=Decimal(1000 * n))
        indicator = Indicator.objects.create(agenda=agenda, naam=f"Cijfer {n}")
        Meting.objects.create(indicator=indicator, jaar=2024, waarde=n)
        stuurgroep = Overlegorgaan.objects.create(
            agenda=agenda, naam=f"Stuurgroep {n}", soort=Soort.STUURGROEP
        )
        besluit(
            vergadering(stuurgroep, VergaderStatus.GEHOUDEN, dagen=n + 1),
            "Punt",
            f"Besluit {n}",
            openbaar=True,
        )
        Rapport.objects.create(
            agenda=agenda, soort="jaarverslag", jaar=2000 + n, status="klaar", openbaar=True,
            bestand="rapporten/x.pdf",
        )  # fmt: skip


def _een_knoop(agenda) -> int:
    return agenda.knopen.filter(niveau=1).order_by("pk").values_list("pk", flat=True)[0]


def _queries(client, url: str) -> tuple[str, int]:
    cache.clear()  # the first request for a version makes it
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.text, len(vastgelegd)


def test_the_page_reads_a_fixed_number_of_queries(client):
    agenda = AgendaFactory()
    publiceer(agenda, toon_begroting="regel")
    url = f"/openbaar/{agenda.slug}/"
    _groot_maken(agenda, 2)
    klein_html, klein = _queries(client, url)
    _groot_maken(agenda, 18)
    groot_html, groot = _queries(client, url)
    n = next(NUMMER) - 1  # the last one made
    assert groot == klein <= 20
    for pad in ("data/agenda.json", "data/acties.csv", f"doelen/{_een_knoop(agenda)}/inbedden/"):
        _groot_maken(agenda, 1)
        _, eerst = _queries(client, url + pad)
        _groot_maken(agenda, 1)
        _, later = _queries(client, url + pad)
        assert eerst == later <= 20, pad
    assert klein_html.count('class="actie"') == 8
    assert groot_html.count('class="actie"') == 80
    assert groot_html.count(f"Tekst {n}") == 4
    assert f"Besluit {n}" in groot_html
