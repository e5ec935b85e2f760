"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every page a journey visits goes through `pruefe_barrierefreiheit`, which fails on any axe-core
WCAG 2.1 A/AA violation and on a page that scrolls sideways on a 390 px wide phone.
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


TELEFON = {"width": 390, "height": 844}

# Elements sticking out to the right of the page, unless a scrolling box of their own holds them,
# are named in the failure message, so it says what to fix, not just "too wide".
_BREITE_MESSEN = """() => {
  const breite = document.documentElement.clientWidth;
  const imScrollkasten = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === "auto" || o === "scroll" || o === "hidden") return true;
    }
    return false;
  };
  const zuBreit = [];
  for (const el of document.body.querySelectorAll("*")) {
    const r = el.getBoundingClientRect();
    // An absolutely positioned element may escape its scroll box (its containing block lies
    // outside): report those too.
    const frei = ["absolute", "fixed"].includes(getComputedStyle(el).position);
    if (r.width && r.right > breite + 0.5 && (frei || !imScrollkasten(el))) {
      const klasse = typeof el.className === "string" && el.className.trim()
        ? "." + el.className.trim().split(/\\s+/).join(".")
        : "";
      const text = (el.textContent || "").trim().slice(0, 40);
      zuBreit.push(`${el.tagName.toLowerCase()}${klasse} (bis ${Math.round(r.right)} px): ${text}`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, breite, zuBreit: zuBreit.slice(0, 8)};
}"""


@pytest.fixture
def pruefe_barrierefreiheit(axe):
    """Run axe-core on the page; fail with the list of WCAG 2.1 A/AA violations. Then look at
    the page 390 px wide (a phone): it must not scroll sideways, and a box that scrolls there
    must be reachable by keyboard. The viewport is restored afterwards."""

    def pruefe(page):
        ergebnis = axe.run(
            page,
            options={
                "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            },
        )
        verstoesse = ergebnis.response["violations"]
        assert not verstoesse, f"axe-core auf {page.url}:\n" + ergebnis.generate_report()
        _pruefe_telefonbreite(page)

    def _pruefe_telefonbreite(page):
        vorher = page.viewport_size or page.evaluate(
            "() => ({width: window.innerWidth, height: window.innerHeight})"
        )
        page.set_viewport_size(TELEFON)
        try:
            mass = page.evaluate(_BREITE_MESSEN)
            assert mass["scrollWidth"] <= mass["breite"], (
                f"{page.url} scrollt bei {TELEFON['width']} px seitwärts: Seite "
                f"{mass['scrollWidth']} px breit, sichtbar {mass['breite']} px. Zu breit:\n"
                + "\n".join(mass["zuBreit"])
            )
            # Tables scroll inside their box only on a narrow screen: check those boxes here.
            schmal = axe.run(
                page,
                options={"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}},
            )
            assert not schmal.response["violations"], (
                f"axe-core auf {page.url} bei {TELEFON['width']} px:\n" + schmal.generate_report()
            )
        finally:
            page.set_viewport_size(vorher)

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


_BEDIENELEMENTE = """() => {
  const sel = 'a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), '
    + 'select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
  const sichtbar = (el) => {
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !el.closest('[hidden]')
      && !el.closest('details:not([open]) > :not(summary)') && el.tabIndex >= 0;
  };
  const alle = Array.from(document.querySelectorAll(sel)).filter(sichtbar);
  alle.forEach((el, i) => el.setAttribute('data-tab-nr', String(i)));
  return alle.length;
}"""


@pytest.fixture
def pruefe_tastatur():
    """Tab through the whole page: every visible control must receive the focus, in some order.

    Returns how many controls there are. (Arrow keys inside the diagram viewer are tested in its
    own tests; here it only matters that the keyboard reaches everything.)"""

    def pruefe(page) -> int:
        anzahl = page.evaluate(_BEDIENELEMENTE)
        page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                      "window.scrollTo(0, 0); }")  # fmt: skip
        erreicht: set[str] = set()
        for _ in range(anzahl + 10):
            page.keyboard.press("Tab")
            nr = page.evaluate("() => document.activeElement.getAttribute('data-tab-nr')")
            if nr is not None:
                erreicht.add(nr)
            if len(erreicht) == anzahl:
                break
        fehlend = page.evaluate(
            "(erreicht) => Array.from(document.querySelectorAll('[data-tab-nr]'))"
            ".filter(el => !erreicht.includes(el.getAttribute('data-tab-nr')))"
            ".map(el => el.outerHTML.slice(0, 120))",
            sorted(erreicht),
        )
        assert not fehlend, f"{page.url}: mit Tab nicht erreichbar:\n" + "\n".join(fehlend)
        return anzahl

    return pruefe
