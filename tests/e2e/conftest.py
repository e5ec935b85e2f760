"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a journey visits goes through `pruefe_barrierefreiheit`, which fails on any axe-core
WCAG 2.1 A/AA violation.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls in the tests are still
# plain synchronous code, so Django's async-safety guard does not apply here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(reason=f"Kein Chromium unter {CHROMIUM}: Browser-Tests übersprungen")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def neuer_kontext(browser):
    kontexte = []

    def make():
        ctx = browser.new_context(locale="de-DE", timezone_id="Europe/Berlin")
        ctx.set_default_timeout(15_000)
        kontexte.append(ctx)
        return ctx

    yield make
    for ctx in kontexte:
        ctx.close()


@pytest.fixture
def page(neuer_kontext):
    return neuer_kontext().new_page()


@pytest.fixture(scope="session")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def pruefe_barrierefreiheit(axe):
    """Run axe-core on the page; fail with the list of WCAG 2.1 A/AA violations."""

    def pruefe(page):
        ergebnis = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        verstoesse = ergebnis.response["violations"]
        assert not verstoesse, f"axe-core auf {page.url}:\n" + ergebnis.generate_report()

    return pruefe


@pytest.fixture
def anmelden(live_server):
    def login(page, user, passwort: str = "Test-Passwort-2026!"):
        page.goto(f"{live_server.url}/konto/login/")
        page.get_by_label("Benutzername").fill(user.username)
        page.get_by_label("Passwort").fill(passwort)
        page.get_by_role("button", name="Anmelden").click()
        page.wait_for_load_state()

    return login
