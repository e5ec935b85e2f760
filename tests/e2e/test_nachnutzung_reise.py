"""Finding and reusing, in Chromium (issue "Finding and reusing").

A Redakteurin of Stuttgart searches for "Hundesteuer", narrows the catalog to the Kreis Böblingen,
opens one variant, goes to all variants of the service, compares two of them, takes one into her
own Kommune, sees where it came from, and comments on one element of the original — whose link
then highlights that element. Every page: axe-core (WCAG 2.1 A/AA) and 390 px.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kommunen.models import Kommune, Rolle
from modelle.models import Kommentar, Prozessmodell

sys.path.insert(0, str(Path(__file__).parent.parent / "modelle"))
from katalog_bau import eigener_cache, veroeffentlicht  # noqa: F401 - autouse fixture

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SCHLUESSEL = "99102013104000"


@pytest.fixture
def varianten(settings, tmp_path, make_mitglied, stammdaten, kommune_a, kommune_b, admin_a,
              redakteur_a, admin_b):  # fmt: skip
    settings.MEDIA_ROOT = str(tmp_path / "media")
    redakteur_b = make_mitglied(kommune_b, Rolle.BEARBEITEN, username="redakteur_b")
    stuttgart = Kommune.objects.get(ags="08111000")
    stuttgart.ist_mitglied = True
    stuttgart.save()
    redakteur_c = make_mitglied(stuttgart, Rolle.BEARBEITEN, username="redakteur_c")
    a = veroeffentlicht(redakteur_a, admin_a, kommune_a, "Hundesteuer anmelden (Böblingen)",
                        ("Antrag prüfen", "Steuermarke aushändigen"),
                        leistungsschluessel=SCHLUESSEL, sichtbarkeit="netzwerk")  # fmt: skip
    b = veroeffentlicht(redakteur_b, admin_b, kommune_b, "Hundesteuer anmelden (Leonberg)",
                        ("Antrag prüfen", "Hund registrieren", "Steuermarke versenden"),
                        leistungsschluessel=SCHLUESSEL, sichtbarkeit="netzwerk")  # fmt: skip
    return {"a": a, "b": b, "redakteur_c": redakteur_c, "stuttgart": stuttgart}


def test_finden_vergleichen_nachnutzen_kommentieren(live_server, page, anmelden, varianten,
                                                    pruefe_barrierefreiheit):  # fmt: skip
    page.set_viewport_size({"width": 1280, "height": 900})
    anmelden(page, varianten["redakteur_c"])

    # search from the header, then narrow to the Kreis Böblingen
    page.get_by_role("search", name="Prozessmodelle", exact=True).get_by_label(
        "Prozessmodelle suchen"
    ).fill("Hundesteuer")
    page.keyboard.press("Enter")
    expect(page.locator(".modellkarte h3")).to_have_count(2)
    pruefe_barrierefreiheit(page)
    page.locator("summary", has_text="Filter und Sortierung").click()
    page.get_by_label("Kreis", exact=True).select_option(label="Böblingen (Landkreis) (2)")
    page.get_by_role("button", name="Anwenden").click()
    expect(page).to_have_url(re.compile(r"kreis=08115"))
    pruefe_barrierefreiheit(page)

    # open one variant, then all variants of the service
    page.get_by_role("link", name="Hundesteuer anmelden (Leonberg)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hundesteuer anmelden (Leonberg)")
    page.get_by_role("link", name="alle Varianten dieser Leistung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Leistung {SCHLUESSEL}")
    expect(page.get_by_role("row")).to_have_count(3)  # header + two variants
    pruefe_barrierefreiheit(page)

    # compare the two variants
    page.get_by_role("button", name="Vergleichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vergleich")
    expect(page.locator(".aenderungen")).to_contain_text("Aufgabe „Hund registrieren“")
    pruefe_barrierefreiheit(page)

    # take the Leonberg variant into Stuttgart; the copy says where it came from
    page.goto(f"{live_server.url}/modelle/{varianten['b'].uuid}/")
    page.get_by_role("button", name="In meine Kommune übernehmen").click()
    expect(page.get_by_text("ist jetzt ein Entwurf von Stuttgart")).to_be_visible()
    expect(page.get_by_role("paragraph").filter(has_text="Übernommen von Leonberg, Stadt:")
           ).to_be_visible()  # fmt: skip
    kopie = Prozessmodell.objects.get(kommune=varianten["stuttgart"])
    assert kopie.abgeleitet_von == varianten["b"].veroeffentlichte_version
    pruefe_barrierefreiheit(page)

    # comment on one element of the original: choosing it in the diagram preselects it
    page.goto(f"{live_server.url}/modelle/{varianten['b'].uuid}/")
    page.locator('#modell .bpmn-shape[data-element-id="T1"]').click()
    expect(page.get_by_label("Zu einem Element (optional)")).to_have_value("T1")
    page.get_by_label("Kommentar", exact=True).fill("Registrieren wir erst nach der Zahlung.")
    page.get_by_role("button", name="Zu Version 1 kommentieren").click()
    expect(page.get_by_text("Ihr Kommentar ist gespeichert.")).to_be_visible()
    kommentar = Kommentar.objects.get()
    assert kommentar.element_id == "T1"
    link = page.get_by_role("link", name="zum Element „Hund registrieren“")
    expect(link).to_be_visible()
    pruefe_barrierefreiheit(page)
    # opening the comment's element link highlights that element
    link.click()
    expect(page.locator('#modell .bpmn-shape[data-element-id="T1"]')).to_have_class(
        re.compile("dv-gewaehlt")
    )
