"""End to end in Chromium: a member proposes, the secretary builds and sends the agenda, and
records the decision; the statutory topic then shows as discussed."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from overleg.models import Agendapunt, Vergadering, WettelijkOnderwerp

from .test_browser import ernstige_schendingen, login, logout
from .test_celery import _wacht_op


@pytest.mark.usefixtures("demo")
def test_secretary_builds_sends_and_minutes_a_meeting(page, live_server, worker):
    nu = timezone.localtime()
    begin = nu + datetime.timedelta(hours=6)
    if begin.year != nu.year:  # keep the meeting in this calendar year
        begin = nu - datetime.timedelta(hours=6)
    from overleg.models import Overlegorgaan

    stuurgroep = Overlegorgaan.objects.get(agenda__slug="bunnik-2025", soort="stuurgroep")
    Agendapunt.objects.filter(
        vergadering__orgaan=stuurgroep, vergadering__begin__year=nu.year
    ).delete()
    vergadering = Vergadering.objects.create(
        orgaan=stuurgroep,
        begin=begin,
        locatie="Raadszaal",
        eind=begin + datetime.timedelta(hours=2),
    )
    url = live_server.url + reverse("vergadering_detail", args=["bunnik-2025", vergadering.pk])
    onderwerp = WettelijkOnderwerp.objects.get(code="evenwichtige-verdeling")

    # A stuurgroep member proposes an item.
    login(page, live_server, "stuurgroep-bunnik")
    page.goto(url)
    page.get_by_label("Titel").fill("Ervaringen met de taalklassen")
    page.get_by_role("button", name="Voorstel indienen").click()
    page.get_by_text("Uw voorstel is ingediend").wait_for()
    logout(page)

    # The secretary builds the agenda from the proposals, adds an item and sends it.
    login(page, live_server, "beleid-bunnik")
    page.goto(url)
    assert ernstige_schendingen(page) == []
    bouwer = page.get_by_role("region", name="Agenda samenstellen")
    bouwer.get_by_label("Ervaringen met de taalklassen").check()
    bouwer.locator(f"#b-o-{onderwerp.pk}").check()
    bouwer.get_by_role("button", name="Gekozen punten op de agenda zetten").click()
    page.get_by_text("2 punt(en) op de agenda gezet").wait_for()
    page.get_by_text("Eigen punt toevoegen").click()
    page.locator("#id_punt-titel").fill("Rondvraag")
    page.locator("#id_punt-soort").select_option("informatie")
    page.get_by_role("button", name="Op de agenda zetten", exact=True).click()
    page.get_by_text("‘Rondvraag’ staat op de agenda").wait_for()
    agenda = page.get_by_role("region", name="Agenda", exact=True)
    assert "Ervaringen met de taalklassen" in agenda.inner_text()
    leden = stuurgroep.leden.exclude(persoon__email="").count()
    assert leden > 0
    page.get_by_role("button", name="Agenda versturen").click()
    page.get_by_text("De agenda wordt verstuurd").wait_for()
    assert _wacht_op(lambda: len(mail.outbox) == leden), len(mail.outbox)
    assert any(naam.endswith(".pdf") for naam, _i, _s in mail.outbox[0].attachments)

    # After the meeting: a decision and an action point on the statutory topic.
    punt = vergadering.punten.get(onderwerpen=onderwerp)
    blok = page.locator(f"#punt-{punt.pk}")
    blok.get_by_text("Verslag van dit punt vastleggen").click()
    blok.get_by_label("Besluit").fill("De verdeling blijft evenredig; we volgen haar jaarlijks.")
    blok.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text("Het besluit is vastgelegd").wait_for()
    blok = page.locator(f"#punt-{punt.pk}")
    blok.get_by_text("Verslag van dit punt vastleggen").click()
    blok.get_by_label("Wat").fill("Verdeling per school in beeld brengen")
    blok.get_by_label("of eigenaar (tekst)").fill("beleidsadviseur")
    blok.get_by_role("button", name="Actiepunt vastleggen").click()
    page.get_by_text("Het actiepunt is vastgelegd").wait_for()
    page.get_by_role("link", name="Datum, plaats of status wijzigen").click()
    page.get_by_label("Status").select_option("gehouden")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("De vergadering is bijgewerkt").wait_for()

    # The coverage view shows the topic as discussed, with the decision.
    page.goto(live_server.url + reverse("dekking", args=["bunnik-2025"]) + f"?jaar={nu.year}")
    sectie = page.get_by_role("region", name=onderwerp.titel, exact=False)
    assert "besproken" in sectie.inner_text()
    assert "De verdeling blijft evenredig" in sectie.inner_text()
    assert ernstige_schendingen(page) == []
