"""A Redakteur brings her Kommune's models into the register, in Chromium.

She drops two files at once, then uploads a ZIP archive of five, watches each status turn to
"geprüft" without reloading, opens a model, downloads it and uploads a second version. Processing
is held back (the worker is simulated by the test) so the page's live status has something to
show; axe-core checks every page on the way.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from modelle.models import Modellversion
from modelle.services import register, verarbeitung

sys.path.insert(0, str(Path(__file__).parent.parent / "modelle"))
from bpmn_bau import mit_befund, prozess, zip_aus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker(monkeypatch):
    """Instead of enqueueing, remember the versions; `worker()` then processes them."""
    wartend: list[int] = []
    monkeypatch.setattr(register, "einreihen_nach_commit", lambda _name, vid: wartend.append(vid))

    def abarbeiten() -> int:
        erledigt = 0
        while wartend:
            verarbeitung.version_verarbeiten(version_id=wartend.pop(0))
            erledigt += 1
        return erledigt

    return abarbeiten


def _ablegen(page, dateien: dict[str, bytes]) -> None:
    """Drop files onto the upload form as a user drags them from the file manager."""
    uebergabe = page.evaluate_handle(
        """(dateien) => {
            const dt = new DataTransfer();
            for (const [name, text] of dateien) dt.items.add(new File([text], name));
            return dt;
        }""",
        [[name, inhalt.decode()] for name, inhalt in dateien.items()],
    )
    page.dispatch_event("form[data-hochladen]", "drop", {"dataTransfer": uebergabe})


def test_redakteurin_bringt_modelle_in_die_bibliothek(
    live_server, page, anmelden, pruefe_barrierefreiheit, redakteur_a, kommune_a, worker,
    tmp_path,
):  # fmt: skip
    anmelden(page, redakteur_a)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Meine Modelle"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modelle von Böblingen, Stadt")
    pruefe_barrierefreiheit(page)
    page.get_by_role("link", name="Modelle hochladen").click()
    pruefe_barrierefreiheit(page)

    # two files dropped at once
    _ablegen(page, {"hundesteuer.bpmn": prozess("Hundesteuer anmelden"),
                    "gewerbe.bpmn": mit_befund("Gewerbe anmelden")})  # fmt: skip
    expect(page.locator("[data-ablage-liste]")).to_contain_text("2 ausgewählt")
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("heading", name="2 Modelle gespeichert")).to_be_visible()
    status = page.locator(".ergebnisliste [data-version-status]")
    expect(status).to_have_count(2)
    expect(status.first).to_have_text("wartet auf Verarbeitung")
    pruefe_barrierefreiheit(page)
    assert worker() == 2
    expect(page.locator(".ergebnisliste").get_by_text("geprüft, ohne Befunde")).to_be_visible()
    expect(
        page.locator(".ergebnisliste").get_by_text("geprüft, mit Befunden · 3 Fehler")
    ).to_be_visible()

    # then a ZIP archive of five, as a modelling platform exports it
    archiv = tmp_path / "picture-export.zip"
    archiv.write_bytes(zip_aus({f"Export/prozess-{i}.bpmn": prozess(f"Prozess {i}")
                                for i in range(5)}))  # fmt: skip
    page.get_by_label("BPMN-Dateien oder ZIP-Archiv").set_input_files(str(archiv))
    page.get_by_role("button", name="Hochladen").click()
    expect(page.get_by_role("heading", name="5 Modelle gespeichert")).to_be_visible()
    assert worker() == 5
    expect(page.locator(".ergebnisliste .verarbeitung-ok")).to_have_count(5)
    assert page.url.endswith("/modelle/hochladen/")  # no reload, no navigation

    # all seven in the Kommune's list, with thumbnails; open one, download it
    page.get_by_role("link", name="Zu den Modellen Ihrer Kommune").click()
    expect(page.get_by_text("7 Modelle")).to_be_visible()
    expect(page.locator(".modellkarte img")).to_have_count(7)
    pruefe_barrierefreiheit(page)
    page.get_by_role("link", name="Hundesteuer anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hundesteuer anmelden")
    expect(page.locator("[data-live-bereich] svg.bpmn-diagram")).to_be_visible()
    pruefe_barrierefreiheit(page)
    with page.expect_download() as laden:
        page.get_by_role("link", name="BPMN-Datei (Version 1)").click()
    datei = laden.value
    assert datei.suggested_filename == "hundesteuer-anmelden-v1.bpmn"
    assert Path(datei.path()).read_bytes() == prozess("Hundesteuer anmelden")

    # a second version, with a change note; the page fills in when the worker is done
    neu = tmp_path / "hundesteuer-v2.bpmn"
    neu.write_bytes(prozess("Hundesteuer anmelden", ("Antrag prüfen", "Steuermarke ausgeben")))
    page.get_by_label("Neue Fassung").set_input_files(str(neu))
    page.get_by_label("Was hat sich geändert?").fill("Steuermarke als eigener Schritt")
    page.get_by_role("button", name="Version hochladen").click()
    expect(page.get_by_text("Version 2 ist gespeichert und wird jetzt geprüft.")).to_be_visible()
    expect(page.locator("[data-live-bereich]")).to_contain_text("wartet auf Verarbeitung")
    url_vorher = page.url
    assert worker() == 1
    expect(page.locator("[data-live-bereich] svg.bpmn-diagram")).to_be_visible()
    # the new step T1 ("Steuermarke ausgeben") is drawn
    expect(page.locator('[data-live-bereich] g[data-element-id="T1"]').first).to_be_visible()
    assert page.url == url_vorher
    expect(
        page.get_by_role("row", name=re.compile("Steuermarke als eigener Schritt"))
    ).to_be_visible()
    pruefe_barrierefreiheit(page)
    assert Modellversion.objects.filter(verarbeitung="ok").count() == 7
