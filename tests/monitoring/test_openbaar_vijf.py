"""The public view of each of the five demo agendas, published with its budget per line: every
address answers, the open data holds only allow-listed fields and follows its schema, nothing
internal shows, each address reads a fixed number of queries, and an agenda not published is
the same 404 as one that does not exist."""

import csv
import html
import io
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator

from ambities.models import Knoop
from lea.models import Agenda, Lidmaatschap, Rol
from lea.models.publicatie import Publicatie
from lea.services.publicatie import publicatie_publiceer
from monitoring.openbaar import opendata
from monitoring.openbaar.inhoud import TOEGESTANE_VELDEN
from werkgroepen.models import Actie, Voortgang

pytestmark = pytest.mark.django_db

SLUGS = ("bunnik-2025", "hilversum-2024", "houten-2024", "ijsselstein-2025", "westland-2022")
META = {"schema", "bron", "gewijzigd_op"}  # the JSON document's own keys, beside the content


@pytest.fixture(autouse=True)
def schone_cache(settings):
    """Each test starts without made pages (a key repeats after a rollback) and well under the
    limit per client address (every request here comes from one address)."""
    settings.LEA_OPENBAAR_PER_MINUUT = 100_000
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(params=SLUGS)
def agenda(request: pytest.FixtureRequest) -> Agenda:
    return Agenda.objects.get(slug=request.param)


@pytest.fixture
def gepubliceerd(agenda: Agenda) -> Agenda:
    beheerder = Lidmaatschap.objects.get(agenda=agenda, rol=Rol.BEHEERDER).gebruiker
    publicatie_publiceer(agenda=agenda, door=beheerder, niveau="regel")
    return Agenda.objects.get(pk=agenda.pk)


def knopen(agenda: Agenda) -> list[int]:
    """The goals the public view shows: level 1 and 2, not archived, under a shown level 1."""
    return list(
        Knoop.objects.filter(agenda=agenda, gearchiveerd=False)
        .filter(Q(ouder__isnull=True) | Q(ouder__gearchiveerd=False))
        .order_by("niveau", "pk")
        .values_list("pk", flat=True)
    )


def adressen(agenda: Agenda) -> list[str]:
    basis = f"/openbaar/{agenda.slug}/"
    return [
        basis,
        basis + "data/",
        basis + "data/agenda.json",
        *(f"{basis}data/{naam}.csv" for naam in opendata.BESTAND),
        *(f"{basis}doelen/{pk}/inbedden/" for pk in knopen(agenda)),
    ]


def haal_alles(client: Client, agenda: Agenda) -> dict[str, Any]:
    antwoorden = {url: client.get(url) for url in adressen(agenda)}
    fout = {url: a.status_code for url, a in antwoorden.items() if a.status_code != 200}
    assert not fout, fout
    return antwoorden


def sleutels(waarde: Any) -> set[str]:
    if isinstance(waarde, dict):
        return set(waarde) | {k for v in waarde.values() for k in sleutels(v)}
    if isinstance(waarde, list):
        return {k for v in waarde for k in sleutels(v)}
    return set()


def teksten(waarde: Any) -> list[str]:
    if isinstance(waarde, dict):
        return [t for v in waarde.values() for t in teksten(v)]
    if isinstance(waarde, list):
        return [t for v in waarde for t in teksten(v)]
    return [waarde] if isinstance(waarde, str) else []


def leesbaar(url: str, antwoord: Any) -> str:
    """What a reader of the answer sees: the page's text with its entities resolved, the JSON's
    strings, the CSV's cells."""
    if url.endswith(".json"):
        return "\n".join(teksten(json.loads(antwoord.content)))
    if url.endswith(".csv"):
        return "\n".join(c for rij in csv.reader(io.StringIO(antwoord.text)) for c in rij)
    return html.unescape(antwoord.text)


def interne_teksten(agenda: Agenda) -> set[str]:
    """The progress texts kept inside: of updates not public, and the own text of public ones
    that have a separate public text; without those that equal (part of) a public text."""
    updates = Voortgang.objects.filter(actie__agenda=agenda)
    openbaar = [v.openbare_tekst or v.toelichting for v in updates.filter(openbaar=True)]
    intern = set(updates.filter(openbaar=False).values_list("toelichting", flat=True)) | set(
        updates.filter(openbaar=True)
        .exclude(openbare_tekst="")
        .values_list("toelichting", flat=True)
    )
    return {t for t in intern if t.strip() and not any(t in o for o in openbaar)}


def test_every_public_address_of_the_agenda_answers(client, gepubliceerd):
    antwoorden = haal_alles(client, gepubliceerd)
    assert antwoorden[f"/openbaar/{gepubliceerd.slug}/"]["Content-Type"].startswith("text/html")
    # Every goal the page shows has its embeddable page, and no other goal is in the JSON.
    document = json.loads(antwoorden[f"/openbaar/{gepubliceerd.slug}/data/agenda.json"].content)
    in_json = [k["id"] for k in document["knopen"]] + [
        kind["id"] for k in document["knopen"] for kind in k["kinderen"]
    ]
    assert sorted(in_json) == sorted(knopen(gepubliceerd))
    assert in_json, "elke demo-agenda heeft doelen"
    # The budget is shown per line, as chosen.
    if document["begroting"] is not None:
        assert document["begroting"]["soort"] == "regel"


def test_only_allow_listed_fields_and_nothing_internal(client, gepubliceerd):
    antwoorden = haal_alles(client, gepubliceerd)
    document = json.loads(antwoorden[f"/openbaar/{gepubliceerd.slug}/data/agenda.json"].content)
    te_veel = sleutels(document) - TOEGESTANE_VELDEN - META
    assert not te_veel, te_veel
    for naam, bestand in opendata.BESTAND.items():
        tekst = antwoorden[f"/openbaar/{gepubliceerd.slug}/data/{naam}.csv"].text
        kop = next(csv.reader(io.StringIO(tekst)))
        assert kop == [k.naam for k in bestand.kolommen], naam

    geheimen = interne_teksten(gepubliceerd)
    if Actie.objects.filter(agenda=gepubliceerd).exists():
        # Otherwise the check below would pass for want of anything to find.
        assert geheimen, "de demo heeft interne voortgang bij deze agenda"
    for url, antwoord in antwoorden.items():
        assert b"@" not in antwoord.content, url
        gezien = leesbaar(url, antwoord)
        gelekt = [t for t in geheimen if t in gezien]
        assert not gelekt, (url, gelekt)


# The part of JSON Schema that opendata.SCHEMA uses.
def fouten(document: Any, schema: dict[str, Any]) -> list[str]:
    """Every place where `document` breaks `schema` (JSON Schema 2020-12, dates checked)."""
    toetser = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return sorted(f"{fout.json_path}: {fout.validator}" for fout in toetser.iter_errors(document))


def test_the_served_schema_is_valid_and_finds_what_breaks_it():
    Draft202012Validator.check_schema(opendata.SCHEMA)
    schema = opendata.SCHEMA["properties"]["knopen"]
    knoop = {
        "id": 1, "code": "", "titel": "T", "omschrijving": "", "acties": [], "aantallen": [],
        "kinderen": [{"id": 2, "code": "", "titel": "S", "omschrijving": "", "acties": [],
                      "aantallen": [], "kinderen": []}],
    }  # fmt: skip
    assert fouten([knoop], schema) == []
    kapot = json.loads(json.dumps(knoop))
    kapot["kinderen"][0]["kinderen"] = [{}]
    kapot["id"] = "1"
    kapot["geheim"] = "x"
    del kapot["titel"]
    assert fouten([kapot], schema) == [
        "$[0].id: type",
        "$[0].kinderen[0].kinderen: maxItems",
        "$[0]: additionalProperties",
        "$[0]: required",
    ]


def test_the_json_follows_the_served_schema(client, gepubliceerd):
    antwoord = client.get(opendata.SCHEMA_PAD)
    assert antwoord.status_code == 200
    schema = json.loads(antwoord.content)
    document = json.loads(client.get(f"/openbaar/{gepubliceerd.slug}/data/agenda.json").content)
    assert fouten(document, schema) == []
    assert document["slug"] == gepubliceerd.slug


def acties_in(document: dict[str, Any]) -> list[int]:
    return [
        actie["id"]
        for k in document["knopen"]
        for knoop in [k, *k["kinderen"]]
        for actie in knoop["acties"]
    ]


def test_the_actions_file_has_one_row_per_action_on_the_page(client, gepubliceerd):
    basis = f"/openbaar/{gepubliceerd.slug}/"
    pagina = client.get(basis).text
    document = json.loads(client.get(basis + "data/agenda.json").content)
    rijen = list(csv.DictReader(io.StringIO(client.get(basis + "data/acties.csv").text)))
    getoond = Actie.objects.filter(
        agenda=gepubliceerd, gearchiveerd=False, knoop__gearchiveerd=False
    )
    assert pagina.count('class="actie"') == len(acties_in(document)) == len(rijen)
    assert sorted(int(r["actie_id"]) for r in rijen) == sorted(acties_in(document))
    assert sorted(acties_in(document)) == sorted(getoond.values_list("pk", flat=True))


def test_each_address_reads_few_queries_and_fewer_once_made(client, gepubliceerd):
    basis = f"/openbaar/{gepubliceerd.slug}/"
    eerste_knoop = knopen(gepubliceerd)[0]
    for url in (
        basis,
        basis + "data/",
        basis + "data/agenda.json",
        basis + "data/acties.csv",
        f"{basis}doelen/{eerste_knoop}/inbedden/",
    ):
        cache.clear()
        tellingen = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as vastgelegd:
                assert client.get(url).status_code == 200
            tellingen.append(len(vastgelegd))
        assert tellingen[0] <= 20, (url, tellingen)
        # Made once: is it still published? (and for a goal's page: is the goal shown?)
        assert tellingen[1] == (2 if "inbedden" in url else 1), (url, tellingen)


def test_an_unpublished_agenda_is_the_same_404_as_none(client, agenda):
    assert not Publicatie.objects.filter(agenda=agenda, gepubliceerd_op__isnull=False).exists()
    knoop = knopen(agenda)[0]
    for deel in ("", "data/", "data/agenda.json", "data/acties.csv", f"doelen/{knoop}/inbedden/"):
        onbekend = client.get(f"/openbaar/bestaat-niet/{deel}")
        verborgen = client.get(f"/openbaar/{agenda.slug}/{deel}")
        assert onbekend.status_code == verborgen.status_code == 404, deel
        assert verborgen.content == onbekend.content, deel
        assert verborgen.headers.get("Content-Type") == onbekend.headers.get("Content-Type")
    # The same addresses answer once the agenda is published.
    beheerder = Lidmaatschap.objects.get(agenda=agenda, rol=Rol.BEHEERDER).gebruiker
    publicatie_publiceer(agenda=agenda, door=beheerder, niveau="regel")
    assert client.get(f"/openbaar/{agenda.slug}/doelen/{knoop}/inbedden/").status_code == 200
