"""A member of Leonberg looks for another Kommune's Hundesteuer process, in Chromium.

She searches from the header (with a typo's cousin, an inflected word), narrows the catalog to a
Kreis, opens the result; every catalog page passes axe-core and fits 390 px without sideways
scrolling.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kommunen.models import Kommune, Rolle

sys.path.insert(0, str(Path(__file__).parent.parent / "modelle"))
from katalog_bau import eigener_cache, modell, veroeffentlicht  # noqa: F401 - eigener_cache: autouse fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def speicher(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def kommune_c(stammdaten) -> Kommune:
    """Stuttgart, a member in another Kreis."""
    k = Kommune.objects.get(ags="08111000")
    k.ist_mitglied = True
    k.save()
    return k


@pytest.fixture
def katalog(speicher, make_mitglied, kommune_a, kommune_b, kommune_c, admin_a, redakteur_a):
    redakteur_c = make_mitglied(kommune_c, Rolle.BEARBEITEN, username="redakteur_c")
    admin_c = make_mitglied(kommune_c, Rolle.VERWALTEN, username="admin_c")
    veroeffentlicht(redakteur_a, admin_a, kommune_a, "Hundesteuer anmelden",
                    ("Steuermarke aushändigen",), kategorie="finanzen")  # fmt: skip
    veroeffentlicht(redakteur_c, admin_c, kommune_c, "Hundesteuer (Stuttgart)",
                    ("Steuermarke versenden",), kategorie="finanzen")  # fmt: skip
    veroeffentlicht(redakteur_c, admin_c, kommune_c, "Gewerbeanmeldung", kategorie="gewerbe")
    modell(redakteur_a, kommune_a, "Hundesteuer abmelden (Entwurf)")  # A's draft: never shown


def _ohne_seitliches_scrollen(page) -> None:
    breite = page.evaluate("document.documentElement.scrollWidth")
    assert breite <= page.evaluate("window.innerWidth"), f"{page.url}: {breite} px breit"


def test_suchen_filtern_oeffnen(page, live_server, anmelden, mitglied_b, katalog,
                                pruefe_barrierefreiheit):  # fmt: skip
    anmelden(page, mitglied_b)
    page.goto(f"{live_server.url}/")
    # WHEN she searches from the header
    page.get_by_role("search", name="Prozessmodelle", exact=True).get_by_label(
        "Prozessmodelle suchen"
    ).fill("Steuermarke")
    page.keyboard.press("Enter")
    # THEN both published Hundesteuer models are found by a word inside their diagrams
    expect(page).to_have_url(re.compile(r"/modelle/\?q=Steuermarke$"))
    expect(page.locator(".katalog-anzahl")).to_have_text("2 Modelle für „Steuermarke“")
    karten = page.locator(".modellkarte h3")
    expect(karten).to_have_count(2)
    expect(page.get_by_text("Hundesteuer abmelden (Entwurf)")).to_have_count(0)
    pruefe_barrierefreiheit(page)

    # WHEN she narrows it to the Landkreis Böblingen with the keyboard-usable filter form
    page.locator("summary", has_text="Filter und Sortierung").click()
    page.get_by_label("Kreis", exact=True).select_option(label="Böblingen (Landkreis) (1)")
    page.get_by_role("button", name="Anwenden").click()
    expect(page).to_have_url(re.compile(r"kreis=08115"))
    expect(karten).to_have_text(["Hundesteuer anmelden"])
    expect(page.get_by_role("link", name=re.compile("Kreis: Böblingen"))).to_be_visible()
    pruefe_barrierefreiheit(page)

    # and opens the result
    page.get_by_role("link", name="Hundesteuer anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hundesteuer anmelden")


def test_390_pixel_ohne_seitliches_scrollen(neuer_kontext, live_server, katalog,
                                            pruefe_barrierefreiheit):  # fmt: skip
    page = neuer_kontext().new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    for pfad in ("/", "/modelle/", "/modelle/?q=hundesteuern&kategorie=finanzen"):
        page.goto(f"{live_server.url}{pfad}")
        _ohne_seitliches_scrollen(page)
    # the anonymous visitor sees no network model: an explained empty result
    expect(page.get_by_text("Keine Modelle gefunden.")).to_be_visible()
    pruefe_barrierefreiheit(page)
