"""The model page and publication, in Chromium (issue "model page and publication").

A Redakteurin opens her model, zooms, selects a finding and sees its element centred, reads the
process as text, opens the comparison of two versions and sends the model for review; her admin
publishes it; a member of another Kommune finds it on the Kommune's page and opens it; the
coordination sees it counted for its cohort. Every page: axe-core (WCAG 2.1 A/AA) and 390 px;
the model page and the comparison: every control reachable with the keyboard.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from modelle import services
from schulungen.models import Einschreibung, Kohorte

sys.path.insert(0, str(Path(__file__).parent.parent / "modelle"))
from bpmn_bau import mit_befund, prozess

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _mitte(box) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


@pytest.fixture
def modell(redakteur_a, kommune_a, kommune_b, django_capture_on_commit_callbacks, tmp_path,
           settings):  # fmt: skip
    settings.MEDIA_ROOT = str(tmp_path / "media")
    kohorte = Kohorte.objects.create(
        name="Kohorte 2026/27", jahr=2026, beginn="2026-09-01", ende="2027-07-31",
        anmeldeschluss="2026-08-01", max_kommunen=10, status="laufend",
    )  # fmt: skip
    Einschreibung.objects.create(kohorte=kohorte, kommune=kommune_a, status="bestaetigt")
    Einschreibung.objects.create(kohorte=kohorte, kommune=kommune_b, status="bestaetigt")
    from modelle import eingang

    with django_capture_on_commit_callbacks(execute=True):
        v1 = services.modell_anlegen(
            user=redakteur_a,
            kommune=kommune_a,
            datei=eingang.datei_pruefen("gewerbe.bpmn", prozess("Gewerbe anmelden")),
            metadaten={"kohorte": kohorte, "sichtbarkeit": "netzwerk"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.version_hochladen(
            user=redakteur_a,
            modell=v1.modell,
            datei=eingang.datei_pruefen("gewerbe-v2.bpmn", mit_befund("Gewerbe anmelden")),
            aenderungsnotiz="Prüfschritt ergänzt",
        )
    return v1.modell


def test_modellseite_freigabe_und_ergebnis(live_server, neuer_kontext, anmelden, modell,
                                           redakteur_a, admin_a, mitglied_b, koordinator,
                                           pruefe_barrierefreiheit, pruefe_tastatur):  # fmt: skip
    url = f"{live_server.url}/modelle/{modell.uuid}/"

    # --- the Redakteurin -------------------------------------------------------------------
    page = neuer_kontext().new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    anmelden(page, redakteur_a)
    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Gewerbe anmelden")
    pruefe_barrierefreiheit(page)
    assert pruefe_tastatur(page) > 20

    # zoom
    stufe = page.locator("#modell .dv-stufe")
    vorher = stufe.inner_text()
    page.locator("#modell").get_by_role("button", name="Vergrößern").click()
    expect(stufe).not_to_have_text(vorher)

    # select a finding: its element is highlighted and centred
    page.locator("#modell button.dv-befund[data-element-id='Lose']").first.click()
    element = page.locator('#modell .bpmn-shape[data-element-id="Lose"]')
    expect(element).to_have_class(re.compile("dv-gewaehlt"))
    ex, ey = _mitte(element.bounding_box())
    fx, fy = _mitte(page.locator("#modell .dv-flaeche").bounding_box())
    assert abs(ex - fx) < 3 and abs(ey - fy) < 3
    expect(page.locator("#modell .dv-details")).to_contain_text("Vergessene Aufgabe")

    # the process as text
    page.get_by_role("link", name="Zum Ablauf als Text").click()
    ablauf = page.locator("#ablauf")
    expect(ablauf).to_contain_text("Gewerbe prüfen")
    expect(ablauf).to_contain_text("Weitere Schritte ohne Verbindung zum Start")

    # compare the two versions
    page.get_by_role("link", name="Versionen vergleichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergleich")
    expect(page.locator(".aenderungen")).to_contain_text("Neu: Aufgabe „Vergessene Aufgabe“")
    expect(page.locator('#neu .diff-neu[data-element-id="Lose"]')).to_have_count(1)
    pruefe_barrierefreiheit(page)
    pruefe_tastatur(page)

    # send for review
    page.goto(url)
    page.get_by_role("button", name="Zur Prüfung geben").click()
    expect(page.get_by_text("Version 2 liegt jetzt der Verwaltung Ihrer Kommune zur Prüfung vor.")
           ).to_be_visible()  # fmt: skip

    # --- her admin publishes ---------------------------------------------------------------
    admin = neuer_kontext().new_page()
    anmelden(admin, admin_a)
    admin.goto(url)
    expect(admin.get_by_text("Liegt seit")).to_be_visible()
    pruefe_barrierefreiheit(admin)
    admin.get_by_role("button", name="Freigeben").click()
    expect(admin.get_by_text("Version 2 ist freigegeben und für das Netzwerk sichtbar.")
           ).to_be_visible()  # fmt: skip

    # --- a member of another Kommune finds it on the Kommune's page --------------------------
    andere = neuer_kontext().new_page()
    anmelden(andere, mitglied_b)
    andere.goto(f"{live_server.url}/kommunen/boeblingen/")
    pruefe_barrierefreiheit(andere)
    andere.get_by_role("link", name="Gewerbe anmelden").click()
    expect(andere.get_by_role("heading", level=1)).to_have_text("Gewerbe anmelden")
    expect(andere.get_by_text("Von Böblingen, Stadt freigegeben am")).to_be_visible()
    expect(andere.locator("#modell svg.bpmn-diagram")).to_be_visible()
    pruefe_barrierefreiheit(andere)

    # --- the coordination sees it counted for the cohort -------------------------------------
    koord = neuer_kontext().new_page()
    anmelden(koord, koordinator)
    koord.goto(f"{live_server.url}/koordination/")
    koord.get_by_role("link", name="Ergebnisse des Programms").click()
    zeile = koord.get_by_role("row", name="Böblingen, Stadt")
    expect(zeile).to_have_text(re.compile(r"Böblingen, Stadt\s*1\s*0\s*1"))
    pruefe_barrierefreiheit(koord)
