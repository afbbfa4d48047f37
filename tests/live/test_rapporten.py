"""A stuurgroep member makes the jaarverslag in the browser; a real worker makes the PDF."""

import pytest
from django.urls import reverse

from monitoring.models import Rapport

from .test_browser import login


@pytest.mark.usefixtures("demo")
def test_stuurgroep_member_makes_the_jaarverslag(page, live_server, worker):
    login(page, live_server, "stuurgroep-bunnik")
    page.goto(live_server.url + reverse("rapporten", args=["bunnik-2025"]))
    page.locator("#id_soort").select_option("jaarverslag")
    page.locator("#id_jaar").fill("2026")
    page.get_by_role("button", name="Maak rapport").click()
    page.get_by_text("wordt gemaakt").first.wait_for()
    # htmx polls the row until the worker has made the PDF.
    download = page.get_by_role("link", name="Download Jaarverslag voor de stuurgroep 2026")
    download.wait_for(timeout=90_000)
    rapport = Rapport.objects.get()
    assert rapport.status == "klaar"
    assert rapport.gemaakt_door.username == "stuurgroep-bunnik"
    with page.expect_download() as bestand:
        download.click()
    assert bestand.value.suggested_filename == "jaarverslag-bunnik-2025-2026.pdf"
