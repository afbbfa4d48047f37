"""The action page at scale: its change history and progress timeline are paginated and read
in bulk, so the page costs the same queries for 10 and for 100 edits."""

import datetime
import re
from typing import Any
from urllib.parse import urljoin

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from lea.models import Organisatie, Persoon
from lea.services import bewaar
from lea.weergave import naam_van
from tests.factories import ActieFactory, VoortgangFactory
from werkgroepen.models import Actie, Opmerking, Status, TimingSoort
from werkgroepen.selectors import Historieregel, werkgroep_historie
from werkgroepen.services import actie_bewerk, voortgang_registreer

pytestmark = pytest.mark.django_db


STATUSSEN = [Status.LOPEND, Status.UITGESTELD]
EINDE = datetime.date(2028, 12, 31)


@pytest.fixture
def bewerkers(bunnik):
    """Three people who edit the action in turn, so every step has its own author."""
    maak = get_user_model().objects.create_user
    return [maak(f"bewerker{n}", first_name=f"Bewerker{n}", last_name="Test") for n in range(3)]


@pytest.fixture
def actie(bunnik, werkgroep) -> Actie:
    return werkgroep.acties.order_by("volgorde").first()


def bewerk(actie: Actie, aantal: int, bewerkers: list[Any]) -> None:
    """`aantal` edits through the real services, by turns: the text, the werkgroep, the node,
    the organisations with the lead, and the status by a progress update."""
    agenda = actie.agenda
    werkgroepen = list(agenda.werkgroepen.order_by("pk")[:2])
    knopen = [actie.knoop, agenda.knopen.exclude(pk=actie.knoop_id).order_by("pk").first()]
    organisaties = list(Organisatie.objects.filter(agenda=agenda).order_by("pk")[:3])
    begin = datetime.date(2025, 1, 1)
    for n in range(aantal):
        door = bewerkers[n % len(bewerkers)]
        actie = Actie.objects.get(pk=actie.pk)
        soort, ronde = n % 5, n // 5
        if soort == 4:
            voortgang_registreer(
                actie=actie,
                door=door,
                datum=begin + datetime.timedelta(days=n),
                status=STATUSSEN[ronde % 2],
                rag_tijd="groen",
                rag_geld="groen",
                percentage=n % 100,
                toelichting=f"Update {n}",
            )
            continue
        velden: dict[str, Any] = {}
        m2m: dict[str, Any] = {}
        if soort == 0:
            velden["titel"] = f"Titel na stap {n}"
        elif soort == 1:
            velden["werkgroep"] = werkgroepen[ronde % 2]
        elif soort == 2:
            velden["knoop"] = knopen[ronde % 2]
        else:
            m2m["regie"] = [organisaties[ronde % 3]]
        actie_bewerk(actie=actie, door=door, versie=actie.versie, velden=velden, m2m=m2m)


def _url(actie: Actie, **parameters: Any) -> str:
    url = reverse("actie_detail", args=[actie.agenda.slug, actie.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in parameters.items()) if parameters else "")


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm up the session and caches
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(vastgelegd)


def _sectie(html: str, kop_id: str) -> str:
    """The section of the page under the heading `kop_id`."""
    return html.split(f'id="{kop_id}"')[1].split("</section>")[0]


def _href(pagina: Any, tekst: str) -> str:
    """Where the link `tekst` on a fetched page leads."""
    gevonden = re.search(rf'href="([^"]*)">{tekst}</a>', pagina.text)
    assert gevonden, f"no link ‘{tekst}’"
    return urljoin(pagina.request["PATH_INFO"], gevonden.group(1).replace("&amp;", "&"))


# --- queries ----------------------------------------------------------------------------------


def test_action_page_queries_stay_the_same_for_ten_times_the_edits(client, anne, actie, bewerkers):
    client.force_login(anne)
    bewerk(actie, 10, bewerkers)
    weinig_rijen = actie.history.count()
    weinig = _queries(client, _url(actie))
    bewerk(actie, 90, bewerkers)
    assert actie.history.count() >= 10 * weinig_rijen - 20  # the history grew tenfold
    assert actie.voortgang.count() >= 20
    veel = _queries(client, _url(actie))
    assert veel == weinig, f"{weinig} queries for 10 edits, {veel} for 100"
    assert veel <= 20
    # An older page costs the same.
    assert _queries(client, _url(actie, wijzigingen=3)) == veel


def test_the_werkgroep_history_reads_the_same_queries_for_ten_times_the_changes(
    werkgroep, bewerkers
):
    personen = list(Persoon.objects.filter(agenda=werkgroep.agenda).order_by("pk")[:12])

    def wijzig(aantal: int) -> None:
        for n in range(aantal):
            werkgroep.omschrijving = f"Werkwijze {n}"
            bewaar(werkgroep, door=bewerkers[n % len(bewerkers)])
            if n % 10 == 0:
                werkgroep.leden.add(personen[n // 10])

    def lees() -> tuple[int, list[Historieregel]]:
        with CaptureQueriesContext(connection) as vastgelegd:
            regels = werkgroep_historie(werkgroep, aantal=10)
        return len(vastgelegd), regels

    wijzig(10)
    weinig, _ = lees()
    wijzig(100)
    veel, regels = lees()
    assert veel == weinig <= 4  # the rows, and the sets knopen, leden and organisaties
    assert len(regels) == 10
    assert ("opdracht en werkwijze", "Werkwijze 98", "Werkwijze 99") in regels[0].wijzigingen
    leden = [w for regel in regels for w in regel.wijzigingen if w[0] == "leden"]
    assert leden
    assert str(personen[9]) in leden[0][2]
    assert str(personen[9]) not in leden[0][1]


# --- what the page shows ----------------------------------------------------------------------


def test_each_step_says_what_it_was_and_what_it_became_by_name(client, anne, actie, bewerkers):
    agenda = actie.agenda
    was = Actie.objects.get(pk=actie.pk)
    andere = agenda.werkgroepen.exclude(pk=was.werkgroep_id).order_by("pk").first()
    regie = Organisatie.objects.filter(agenda=agenda).exclude(pk__in=was.regie.all())
    regie = sorted(regie.order_by("pk")[:2], key=lambda o: o.naam.casefold())
    soort = TimingSoort.KWARTAAL if was.timing_soort != TimingSoort.KWARTAAL else TimingSoort.JAAR
    actie_bewerk(
        actie=was,
        door=bewerkers[0],
        versie=was.versie,
        velden={"werkgroep": andere, "timing_soort": soort, "timing_eind": EINDE},
        m2m={"regie": regie},
    )
    status = Status.UITGESTELD if was.status != Status.UITGESTELD else Status.LOPEND
    voortgang_registreer(
        actie=Actie.objects.get(pk=actie.pk),
        door=bewerkers[1],
        datum=timezone.localdate(),
        status=status,
        rag_tijd="oranje",
        rag_geld="groen",
        percentage=50,
        toelichting="Uitgesteld tot na de zomer.",
    )

    client.force_login(anne)
    historie = _sectie(client.get(_url(actie)).text, "kop-historie")
    assert f"Werkgroep: {was.werkgroep.naam} → {andere.naam}<" in historie
    assert f"→ {escape(', '.join(o.naam for o in regie))}<" in historie
    assert f"Soort planning: {was.get_timing_soort_display()} → {soort.label}<" in historie
    assert f"Status: {was.get_status_display()} → {status.label}<" in historie
    assert "RAG tijd: " in historie
    assert "→ Oranje – aandacht nodig<" in historie
    eind = date_format(was.timing_eind, "j F Y") if was.timing_eind else "–"
    assert f"Einde / deadline: {eind} → 31 december 2028<" in historie
    assert f"gewijzigd door {naam_van(bewerkers[1])}" in historie
    assert "Versie" not in historie
    # When, in words: "3 december 2026, 14:05"; no ISO date anywhere in the list.
    assert re.search(r"<strong>\d{1,2} [a-z]+ \d{4}, \d{2}:\d{2}</strong>", historie)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", historie)


@pytest.fixture
def titelactie(actie, bewerkers) -> Actie:
    """A new action whose title was changed 45 times, by turns by three people."""
    nieuw = ActieFactory.create(agenda=actie.agenda, knoop=actie.knoop, titel="Begin")
    for n in range(1, 46):
        nieuw.titel = f"Titel {n}"
        bewaar(nieuw, door=bewerkers[n % len(bewerkers)])
    return nieuw


def _titels(html: str) -> list[int]:
    """The new titles of the steps shown, newest first."""
    return [int(n) for n in re.findall(r"Titel: \w+(?: \d+)? → Titel (\d+)<", html)]


def test_the_history_pages_twenty_steps_at_a_time_by_plain_links(
    client, anne, titelactie, bewerkers
):
    client.force_login(anne)
    eerste = client.get(_url(titelactie))
    assert _titels(_sectie(eerste.text, "kop-historie")) == list(range(45, 25, -1))
    assert "Nieuwere wijzigingen" not in eerste.text

    tweede = client.get(_href(eerste, "Oudere wijzigingen"))
    historie = _sectie(tweede.text, "kop-historie")
    assert _titels(historie) == list(range(25, 5, -1))
    assert historie.count(f"door {naam_van(bewerkers[25 % 3])}") == 7  # steps 25, 22, …, 7
    terug = client.get(_href(tweede, "Nieuwere wijzigingen"))
    assert _titels(_sectie(terug.text, "kop-historie")) == list(range(45, 25, -1))

    derde = client.get(_href(tweede, "Oudere wijzigingen"))
    historie = _sectie(derde.text, "kop-historie")
    assert _titels(historie) == [5, 4, 3, 2, 1]
    assert "aangemaakt door" in historie
    assert "Oudere wijzigingen" not in derde.text


@pytest.mark.parametrize(
    ("pagina", "verwacht"),
    [
        ("abc", 45),  # not a number: the first page
        ("0", 45),
        ("-2", 45),
        ("2.5", 45),
        ("4", 5),  # one past the end: the last page
        ("99999999999999999999999999", 5),
    ],
)
def test_a_bad_page_number_shows_the_first_or_the_last_page(
    client, anne, titelactie, pagina, verwacht
):
    client.force_login(anne)
    antwoord = client.get(_url(titelactie, wijzigingen=pagina, updates=pagina))
    assert antwoord.status_code == 200
    assert _titels(_sectie(antwoord.text, "kop-historie"))[0] == verwacht


def test_the_timeline_shows_the_newest_twenty_updates_and_links_to_older(client, anne, titelactie):
    for n in range(1, 26):
        VoortgangFactory.create(
            actie=titelactie,
            datum=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            toelichting=f"Update {n}",
        )
    client.force_login(anne)
    eerste = client.get(_url(titelactie, wijzigingen=2))
    updates = [int(n) for n in re.findall(r"Update (\d+)<", _sectie(eerste.text, "kop-tijdlijn"))]
    assert updates == list(range(25, 5, -1))
    ouder = _href(eerste, "Oudere updates")
    assert "updates=2" in ouder
    assert "wijzigingen=2" in ouder  # the other list stays put
    tweede = client.get(ouder).text
    updates = [int(n) for n in re.findall(r"Update (\d+)<", _sectie(tweede, "kop-tijdlijn"))]
    assert updates == [5, 4, 3, 2, 1]
    assert _titels(_sectie(tweede, "kop-historie")) == list(range(25, 5, -1))
    assert "Oudere updates" not in tweede
    assert "Nieuwere updates" in tweede


def test_the_comments_show_the_newest_twenty_and_link_to_older(client, anne, titelactie):
    for n in range(1, 23):
        Opmerking.objects.create(actie=titelactie, door=anne, tekst=f"Opmerking {n}")
    client.force_login(anne)
    eerste = client.get(_url(titelactie))
    assert len(re.findall(r"Opmerking \d+<", _sectie(eerste.text, "kop-opmerkingen"))) == 20
    tweede = client.get(_href(eerste, "Oudere opmerkingen"))
    opmerkingen = re.findall(r"Opmerking (\d+)<", _sectie(tweede.text, "kop-opmerkingen"))
    assert sorted(int(n) for n in opmerkingen) == [1, 2]
    assert "Oudere opmerkingen" not in tweede.text


def test_the_page_names_the_lead_and_the_helping_organisations(client, anne, titelactie):
    organisaties = list(Organisatie.objects.filter(agenda=titelactie.agenda).order_by("pk")[:3])
    titelactie.regie.set(organisaties[:2])
    titelactie.partners.set(organisaties[1:])
    client.force_login(anne)
    gegevens = _sectie(client.get(_url(titelactie)).text, "kop-gegevens")
    regie = gegevens.split("Wie heeft de regie")[1].split("</dd>")[0]
    mee = gegevens.split("Wie helpen mee")[1].split("</dd>")[0]
    assert all(escape(o.naam) in regie for o in organisaties[:2])
    assert escape(organisaties[2].naam) not in regie
    assert all(escape(o.naam) in mee for o in organisaties[1:])
    assert escape(organisaties[0].naam) not in mee


def test_a_changed_lead_is_in_the_history_under_its_author_outside_a_request(actie, bewerkers):
    """An edit by a service (an import, a command) records its author on every history row it
    writes, the row of the changed organisations included."""
    laatste = actie.history.order_by("-history_id").first().history_id
    bewerk(actie, 4, bewerkers)  # text, werkgroep, node, then the organisations with the lead
    nieuw = actie.history.filter(history_id__gt=laatste)
    assert nieuw.count() >= 4
    assert not nieuw.filter(history_user=None).exists()
