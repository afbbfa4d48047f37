"""Tests against real running parts: a live web server driven by Chromium, a Celery worker.

They commit to the database (transactional), so they run in their own pytest session
(`make test` runs tests/live/ after the rest) and load the demo data per test.
"""

import os
import shutil

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.management import call_command
from django.test import override_settings

from lea.config.celery import app

# Playwright's sync API runs an event loop; the ORM calls in these tests are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def paginacache(settings):
    """These tests commit, so the page cache is on as in production (tests/conftest.py turns
    it off for the tests that roll back): every journey here also checks that a change shows
    on the next page."""
    settings.LEA_PAGINACACHE_SECONDEN = 900


@pytest.fixture
def demo(transactional_db):
    with override_settings(LEA_DEMONSTRATIE=True):  # DEBUG is off in tests
        call_command("demo", verbosity=0)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium ontbreekt ({CHROMIUM}): installeer het Debian-pakket chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A browser tab; the test fails when the Content-Security-Policy blocked anything on it."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    geweigerd: list[str] = []

    def console(bericht):
        # Chromium reports every blocked script, style or request as such a console error.
        if bericht.type == "error" and "Content Security Policy" in bericht.text:
            geweigerd.append(bericht.text)

    page.on("console", console)
    yield page
    context.close()
    assert not geweigerd, "De Content-Security-Policy blokkeerde iets:\n" + "\n".join(geweigerd)


@pytest.fixture
def worker(demo):
    """A real Celery worker on the configured broker (Redis in CI), in this process."""
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as w:
        yield w
