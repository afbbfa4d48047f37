"""Budget overview, indicators and the yearly reports, read back as a reader would."""

import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lea.models import Agenda
from monitoring import pdf as rapport_pdf
from monitoring.models import Rapport, Verantwoording
from monitoring.pdf import jaarverantwoording_pdf, jaarverslag_pdf, raadsinformatiebrief_pdf
from monitoring.selectors import begrotingsoverzicht
from monitoring.services.rapporten import rapport_maak
from monitoring.templatetags.lea_monitoring import euro
from overleg.models import WettelijkOnderwerp
from werkgroepen.models import Actie

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> tuple[str, int]:
    lezer = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in lezer.pages).split()), len(lezer.pages)


HILVERSUM_8 = {
    "Subtotaal Ambitie 1": ["€ 3.192.500", "€ 3.182.500", "€ 3.162.500", "€ 3.162.500"],
    "Subtotaal Overig": ["€ 140.000"] * 4,
    "Totaal uitgaven": ["€ 3.567.500", "€ 3.557.500", "€ 3.537.500", "€ 3.537.500"],
    "Restant voorgaand jaar": ["€ 1.300.000", "€ 1.216.315", "€ 797.630", "€ 378.945"],
    "Saldo": ["€ 1.216.315", "€ 797.630", "€ 378.945", "€ -39.740"],
}


def test_euro_in_dutch_notation():
    assert euro(3567500) == "€ 3.567.500"
    assert euro(-39740) == "€ -39.740"
    assert euro(0) == "€ 0"


def test_budget_overview_reproduces_hilversum_chapter_8(client, hilversum, henk):
    overzicht = begrotingsoverzicht(hilversum.begroting)
    assert [euro(overzicht.middelen[j]) for j in overzicht.jaren] == [
        "€ 4.783.815",
        "€ 4.355.130",
        "€ 3.916.445",
        "€ 3.497.760",
    ]
    client.force_login(henk)
    pagina = client.get(reverse("begroting", args=[hilversum.slug])).content.decode()
    assert "Begroot en gerealiseerd" in pagina
    # Chapter 8 as printed: the multi-year budget, before the comparison with the realisation.
    pagina = pagina.split('id="kop-realisatie"')[0]
    rijen = {
        re.sub(r"<.*?>", "", "<tr" + r.split("</td>")[0]).strip(): r
        for r in pagina.split("<tr")[1:]
    }
    for label, bedragen in HILVERSUM_8.items():
        rij = next(r for naam, r in rijen.items() if naam.startswith(label))
        assert re.findall(r"€ -?[\d.]+", rij) == bedragen, label
    assert "Dekking vanuit SPUK gelden" in pagina
    assert "Opstapje" in pagina
    # Every printed line, including "Peuteropvang en VVE", the sum of the five lines under it.
    kop = next(r for naam, r in rijen.items() if naam == "Peuteropvang en VVE")
    assert re.findall(r"€ -?[\d.]+", kop) == [
        "€ 1.692.500",
        "€ 1.682.500",
        "€ 1.682.500",
        "€ 1.682.500",
    ]
    assert (
        len(
            [
                n
                for n in rijen
                if n
                and not n.startswith(
                    (
                        "Subtotaal",
                        "Ambitie",
                        "Overig",
                        "Totaal",
                        "Post",
                        "Budget",
                        "Saldo",
                        "Restant",
                        "A.",
                        "B.",
                        "C.",
                        "D.",
                        "E.",
                    )
                )
            ]
        )
        == 37 + 3
    )


def test_jaarverslag_reads_back(hilversum):
    tekst, paginas = _tekst(jaarverslag_pdf(hilversum, 2025))
    assert tekst.startswith("Gemeente Hilversum Jaarverslag")
    assert "Inhoud" in tekst
    assert "Pagina 2 van" in tekst
    for knoop in hilversum.knopen.filter(niveau=1):
        assert knoop.titel[:40] in tekst
    for label, bedragen in HILVERSUM_8.items():
        assert re.search(re.escape(label) + r"[^€]*" + re.escape(" ".join(bedragen)), tekst), label
    assert "Vergaderingen en besluiten" in tekst
    assert paginas >= 8


def test_jaarverantwoording_reads_back_with_topics_and_evidence(bunnik):
    tekst, paginas = _tekst(jaarverantwoording_pdf(bunnik, 2026))
    assert "Jaarverantwoording LEA en VVE" in tekst
    assert "Status Concept" in tekst
    for onderwerp in WettelijkOnderwerp.objects.all():
        assert onderwerp.titel in tekst
    assert "Heeft het overleg plaatsgevonden? Ja, op 10 februari 2026 (LEA-stuurgroep)" in tekst
    assert "verspreid over de zeven scholen" in tekst  # Bunnik's agreement
    assert paginas >= 5
    Verantwoording.objects.create(
        agenda=bunnik, jaar=2026, status="vastgesteld", vastgesteld_op="2027-03-10"
    )
    tekst, _ = _tekst(jaarverantwoording_pdf(bunnik, 2026))
    assert "Vastgesteld door het college op 10-03-2027" in tekst


def test_ve_figures_in_the_jaarverantwoording(bunnik):
    from monitoring.models import VeCijfers

    VeCijfers.objects.create(agenda=bunnik, jaar=2026, kindplaatsen=96, geindiceerd=40, bereikt=34)
    tekst, _ = _tekst(jaarverantwoording_pdf(bunnik, 2026))
    assert "Kinderen met een VE-indicatie 40" in tekst
    assert "gesubsidieerde VE gebruiken (bereik) 34 (85,0%)" in tekst
    assert "(niet-bereik) 6" in tekst


def test_raadsinformatiebrief_reads_back(hilversum):
    tekst, paginas = _tekst(raadsinformatiebrief_pdf(hilversum, 2025))
    assert "Raadsinformatiebrief" in tekst
    assert "Werkprogramma 2026" in tekst
    assert "Voortgang in 2025" in tekst
    assert paginas >= 3


def test_hostile_text_renders_safely(bunnik):
    actie = Actie.objects.filter(agenda=bunnik).first()
    assert actie is not None
    actie.titel = '<script>alert(1)</script><img src="http://ergens/x.png"> ' + "Z" * 400
    actie.save(update_fields=["titel"])
    tekst, _ = _tekst(jaarverslag_pdf(bunnik, 2026))
    assert "<script>alert(1)</script>" in tekst.replace(" ", "")
    assert "Z" * 40 in tekst.replace(" ", "")  # the long word is wrapped, not cut off


def test_report_is_made_kept_and_downloaded(
    client, anne, bunnik, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    url = reverse("rapporten", args=[bunnik.slug])
    antwoord = client.post(url, {"soort": "jaarverslag", "jaar": "2020"})
    assert "Kies een jaar binnen de periode" in antwoord.content.decode()
    assert not Rapport.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"soort": "jaarverslag", "jaar": "2026"}).status_code == 302
    rapport = Rapport.objects.get()
    assert (rapport.status, rapport.gemaakt_door) == ("klaar", anne)
    assert rapport.paginas is not None
    assert rapport.paginas >= 5
    rij = client.get(reverse("rapport_status", args=[bunnik.slug, rapport.pk])).content.decode()
    assert "Download" in rij
    assert "hx-trigger" not in rij
    download = client.get(reverse("rapport_download", args=[bunnik.slug, rapport.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert rapport_maak(rapport_id=rapport.pk) is False  # a duplicate delivery does nothing


def test_a_failed_report_shows_a_message_and_can_be_retried(
    client, sara, bunnik, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setitem(rapport_pdf.MAKERS, "jaarverslag", lambda *a: 1 / 0)
    client.force_login(sara)
    url = reverse("rapporten", args=[bunnik.slug])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"soort": "jaarverslag", "jaar": "2026"})
    rapport = Rapport.objects.get()
    assert rapport.status == "mislukt"
    assert "kon niet worden gemaakt" in client.get(url).content.decode()
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("rapport_opnieuw", args=[bunnik.slug, rapport.pk]))
    rapport.refresh_from_db()
    assert rapport.status == "klaar"


def test_an_outsider_can_neither_make_nor_download(
    client, henk, anne, bunnik, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("rapporten", args=[bunnik.slug]), {"soort": "jaarverslag", "jaar": "2026"}
        )
    rapport = Rapport.objects.get()
    client.force_login(henk)
    assert (
        client.post(
            reverse("rapporten", args=[bunnik.slug]), {"soort": "jaarverslag", "jaar": "2026"}
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("rapport_download", args=[bunnik.slug, rapport.pk])).status_code == 404
    )
    hilversum = Agenda.objects.get(slug="hilversum-2024")
    assert (
        client.get(reverse("rapport_download", args=[hilversum.slug, rapport.pk])).status_code
        == 404
    )
    assert Rapport.objects.count() == 1


def test_cli_writes_the_same_reports(tmp_path, bunnik):
    for soort in ("jaarverslag", "jaarverantwoording", "raadsinformatiebrief"):
        bestand = tmp_path / f"{soort}.pdf"
        call_command("rapport", soort, "bunnik-2025", "2026", "-o", str(bestand))
        tekst, _ = _tekst(bestand.read_bytes())
        assert bunnik.titel in tekst


def test_verantwoording_status_needs_dates(client, anne, bunnik):
    # A past year, so the dates lie in the past (dates in the future are refused).
    verantwoording = Verantwoording.objects.create(agenda=bunnik, jaar=2025)
    client.force_login(anne)
    url = reverse("verantwoording_status", args=[bunnik.slug, verantwoording.pk])
    p = f"v{verantwoording.pk}-"
    antwoord = client.post(
        url,
        {p + "status": "verzonden", p + "vastgesteld_op": "2026-03-10", p + "kenmerk": "B-12"},
        follow=True,
    )
    assert "Geef de datum van verzending" in antwoord.content.decode()
    verantwoording.refresh_from_db()
    assert verantwoording.status == "concept"
    client.post(
        url,
        {
            p + "status": "verzonden",
            p + "vastgesteld_op": "2026-03-10",
            p + "kenmerk": "B-12",
            p + "verzonden_op": "2026-03-20",
        },
    )
    verantwoording.refresh_from_db()
    assert verantwoording.status == "verzonden"


def test_dashboard_signals_a_school_structurally_at_30_or_higher(client, anne, bunnik):
    from monitoring.models import School, Schoolweging

    jaar = timezone.localdate().year
    school = School.objects.create(agenda=bunnik, naam="De Proefschool")
    Schoolweging.objects.create(school=school, jaar=jaar - 1, waarde=30.5)
    client.force_login(anne)
    url = reverse("agenda_dashboard", args=[bunnik.slug])
    assert "De Proefschool" not in client.get(url).content.decode()  # one year is no structure
    Schoolweging.objects.create(school=school, jaar=jaar, waarde=31.2)
    pagina = client.get(url).content.decode()
    assert "Schoolweging: analyse nodig" in pagina
    assert "De Proefschool" in pagina


def _lege_pdf(*args: object) -> bytes:
    from pypdf import PdfWriter

    schrijver, buffer = PdfWriter(), io.BytesIO()
    schrijver.add_blank_page(width=595, height=842)
    schrijver.write(buffer)
    return buffer.getvalue()


def test_january_drafts_and_reminders_until_adopted(
    monkeypatch, anne, bunnik, django_capture_on_commit_callbacks
):
    import datetime
    from unittest import mock

    from django.core import mail

    from lea.models import Melding
    from monitoring.tasks import jaarrapporten_maken_taak, verantwoording_herinneren_taak

    for soort in list(rapport_pdf.MAKERS):
        monkeypatch.setitem(rapport_pdf.MAKERS, soort, _lege_pdf)
    # Each report is made by its own task, handed to the worker after the commit.
    with (
        mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2027, 1, 2)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        jaarrapporten_maken_taak()
        jaarrapporten_maken_taak()  # beat may fire twice: nothing is made twice
    assert Rapport.objects.filter(agenda=bunnik, jaar=2026, gemaakt_door=None).count() == 2
    assert Rapport.objects.filter(jaar=2026, status="klaar").count() == Rapport.objects.count()
    assert not Rapport.objects.filter(agenda__slug="westland-2022").exists()  # period ended
    assert Melding.objects.filter(gebruiker=anne, sleutel="jaarrapporten:2026").count() == 1
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2027, 2, 8)):
        verantwoording_herinneren_taak()
        verantwoording_herinneren_taak()
    assert (
        Melding.objects.filter(gebruiker=anne, sleutel__startswith="verantwoording:2026").count()
        == 1
    )
    Verantwoording.objects.filter(agenda=bunnik, jaar=2026).update(
        status="vastgesteld", vastgesteld_op=datetime.date(2027, 2, 10)
    )
    voor = len(mail.outbox)
    with mock.patch("django.utils.timezone.localdate", return_value=datetime.date(2027, 2, 15)):
        verantwoording_herinneren_taak()
    assert not [m for m in mail.outbox[voor:] if anne.email in m.to]
