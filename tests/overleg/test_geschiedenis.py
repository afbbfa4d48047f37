"""Nothing disappears: attendance is recorded, not deleted, and the browser-edited governance
models keep a history that the meeting page and the body page show (who, when, what)."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from lea.models import Persoon
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Besluit,
    Orgaanlid,
    Overlegorgaan,
    Soort,
    Stuk,
    Vergadering,
)
from overleg.pdf import verslag_pdf

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def vergadering(bunnik):
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    orgaan.leden.all().delete()
    for naam in ("Wethouder Jansen", "Directeur De Boer", "Bestuurder Smit"):
        Orgaanlid.objects.create(
            orgaan=orgaan, persoon=Persoon.objects.create(agenda=bunnik, naam=naam)
        )
    begin = datetime.datetime(2026, 10, 13, 15, tzinfo=AMS)
    return Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
    )


def _pk(naam: str) -> int:
    return Persoon.objects.get(naam=naam).pk


def test_an_empty_attendance_form_deletes_nothing_and_the_change_is_in_the_history(
    client, anne, vergadering
):
    client.force_login(anne)
    url = reverse("aanwezigheid_vastleggen", args=["bunnik-2025", vergadering.pk])
    client.post(
        url,
        {
            "aanwezig": [_pk("Wethouder Jansen"), _pk("Directeur De Boer")],
            "afgemeld": [_pk("Bestuurder Smit")],
        },
    )
    assert vergadering.aanwezigheid.count() == 3

    client.post(url, {})  # the empty form
    rijen = {a.persoon.naam: (a.aanwezig, a.afgemeld) for a in vergadering.aanwezigheid.all()}
    assert rijen == {
        "Wethouder Jansen": (False, False),
        "Directeur De Boer": (False, False),
        "Bestuurder Smit": (False, False),
    }
    historie = Aanwezigheid.history.filter(vergadering_id=vergadering.pk)
    assert historie.count() == 6  # three made, three changed; none deleted
    assert not historie.filter(history_type="-").exists()
    assert set(historie.values_list("history_user", flat=True)) == {anne.pk}

    detail = client.get(reverse("vergadering_detail", args=["bunnik-2025", vergadering.pk])).text
    adres = reverse("vergadering_geschiedenis", args=["bunnik-2025", vergadering.pk])
    assert f'href="{adres}"' in detail  # the meeting page links to its history
    pagina = client.get(adres).text
    geschiedenis = pagina.split('id="kop-geschiedenis"')[1].split("</section>")[0]
    assert "Aanwezigheid ‘Wethouder Jansen’ gewijzigd" in geschiedenis
    assert "aanwezig: ja → nee" in geschiedenis
    assert "Beleidsadviseur Bunnik" in geschiedenis  # who

    # Put right again: the rows come back to life, and the minutes PDF follows.
    client.post(url, {"aanwezig": [_pk("Wethouder Jansen")], "afgemeld": [_pk("Bestuurder Smit")]})
    tekst = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(verslag_pdf(vergadering))).pages
    )
    tekst = " ".join(tekst.split())
    assert "Aanwezig Wethouder Jansen" in tekst
    assert "Afwezig met bericht Bestuurder Smit" in tekst
    assert "Directeur De Boer" not in tekst


def test_meeting_edits_items_decisions_and_papers_appear_in_the_meeting_history(
    client, anne, vergadering
):
    client.force_login(anne)
    data = {
        "begin": "2026-10-13T15:00",
        "eind": "2026-10-13T17:00",
        "locatie": "Raadszaal",
        "status": "concept",
        "verslag": "",
    }
    client.post(reverse("vergadering_wijzig", args=["bunnik-2025", vergadering.pk]), data)
    client.post(
        reverse("agendapunt_toevoegen", args=["bunnik-2025", vergadering.pk]),
        {"punt-titel": "Taalklassen", "punt-soort": "bespreking"},
    )
    punt = vergadering.punten.get()
    verslag = reverse("agendapunt_verslag", args=["bunnik-2025", vergadering.pk, punt.pk])
    client.post(verslag, {"wat": "besluit", "tekst": "De taalklassen worden voortgezet."})
    client.post(
        verslag,
        {"wat": "actiepunt", "omschrijving": "Evaluatie delen", "eigenaar_tekst": "secretaris"},
    )
    for model in (Vergadering, Agendapunt, Besluit, Actiepunt):
        assert model.history.filter(history_user=anne).exists(), model

    detail = client.get(reverse("vergadering_detail", args=["bunnik-2025", vergadering.pk])).text
    adres = reverse("vergadering_geschiedenis", args=["bunnik-2025", vergadering.pk])
    assert f'href="{adres}"' in detail  # the meeting page links to its history
    pagina = client.get(adres).text
    geschiedenis = pagina.split('id="kop-geschiedenis"')[1].split("</section>")[0]
    assert "Vergadering gewijzigd" in geschiedenis
    assert "locatie: – → Raadszaal" in geschiedenis
    assert "Agendapunt ‘Taalklassen’ toegevoegd" in geschiedenis
    assert "Besluit ‘De taalklassen worden voortgezet.’ toegevoegd" in geschiedenis
    assert "Actiepunt ‘Evaluatie delen’ toegevoegd" in geschiedenis
    assert Stuk.history.model  # papers are tracked as well


def test_the_body_page_shows_the_bodys_history(client, anne, bunnik):
    from lea.services import bewaar

    orgaan = Overlegorgaan.objects.get(agenda=bunnik, soort=Soort.STUURGROEP)
    orgaan.locatie = "Gemeentehuis, zaal 2"
    bewaar(orgaan, door=anne)
    client.force_login(anne)
    pagina = client.get(reverse("orgaan_detail", args=["bunnik-2025", orgaan.pk])).text
    geschiedenis = pagina.split('id="kop-geschiedenis"')[1].split("</section>")[0]
    assert "Overleg ‘LEA-stuurgroep’ gewijzigd" in geschiedenis
    assert "vaste locatie:" in geschiedenis
    assert "Gemeentehuis, zaal 2" in geschiedenis
    assert "Beleidsadviseur Bunnik" in geschiedenis
