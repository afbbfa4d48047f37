"""End to end in real Chromium, with the Content-Security-Policy on: a beheerder sets up the
second factor by typing over the secret the page shows, and reaches the dashboard."""

from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import totp

from .test_browser import ernstige_schendingen


@pytest.mark.usefixtures("demo")
def test_a_beheerder_enrols_with_the_secret_shown_and_reaches_the_dashboard(
    page, live_server, settings
):
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = True  # as in production
    dashboard = reverse("agenda_dashboard", args=["bunnik-2025"])
    page.goto(f"{live_server.url}{reverse('login')}?next={dashboard}")
    page.get_by_label("Gebruikersnaam").fill("beleid-bunnik")
    page.get_by_label("Wachtwoord").fill("lea-demo")
    page.get_by_role("button", name="Inloggen").click()

    page.get_by_role("heading", name="Stel uw tweede factor in").wait_for()
    # The QR code is an image LEA draws itself, and it loads under the policy.
    page.wait_for_load_state("load")  # images included
    qr = page.get_by_role("img", name="QR-code voor uw authenticator-app")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    assert qr.get_attribute("src") == reverse("tweede_factor_qr")
    assert ernstige_schendingen(page) == []

    # Whoever cannot scan types the secret over into the app; the app then shows the code.
    geheim = page.locator("#geheim").inner_text()
    code = totp(b32decode(geheim.replace(" ", "")))
    page.get_by_label("Code uit de app").fill(f"{code:06d}")
    page.get_by_role("button", name="Bevestigen").click()

    page.get_by_role("heading", name="Uw reservecodes").wait_for()
    assert page.get_by_role("list", name="Reservecodes").get_by_role("listitem").count() == 10
    assert ernstige_schendingen(page) == []
    page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    page.get_by_role("heading", name="Dashboard").wait_for()
    assert page.url == live_server.url + dashboard
