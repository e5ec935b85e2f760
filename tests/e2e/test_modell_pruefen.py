"""A Redakteur checks a model in the browser: findings marked on the diagram; axe-core clean."""

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DATEN = Path(__file__).parent.parent / "modelle" / "bpmn" / "data"


def test_modell_pruefen_im_browser(live_server, page, anmelden, pruefe_barrierefreiheit,
                                   redakteur_a):  # fmt: skip
    anmelden(page, redakteur_a)
    page.get_by_role("link", name="Modell prüfen").first.click()
    page.wait_for_load_state()
    pruefe_barrierefreiheit(page)

    page.get_by_label("BPMN-Datei").set_input_files(str(DATEN / "render" / "hostile_labels.bpmn"))
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state()

    assert page.get_by_role("heading", name="Ergebnis für hostile_labels.bpmn").is_visible()
    assert page.locator("svg .befund-error").count() > 0
    befunde = page.locator(".dv-befunde")
    assert befunde.get_by_role("button").filter(has_text="end-event-required").first.is_visible()
    pruefe_barrierefreiheit(page)

    page.get_by_label("BPMN-Datei").set_input_files(
        files=[{"name": "bild.bpmn", "mimeType": "image/png", "buffer": b"\x89PNG\r\n\x1a\n"}]
    )
    page.get_by_role("button", name="Prüfen").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").filter(has_text="kein wohlgeformtes XML").is_visible()
    pruefe_barrierefreiheit(page)
