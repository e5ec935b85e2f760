"""The coordination reads the audit log in a browser (filters by keyboard, pages, a phone's width);
the account pages of part 6 — lockout, an invitation to another address — are axe-clean too."""

from __future__ import annotations

import pytest

from kommunen import services
from kommunen.audit import audit
from kommunen.models import AuditEintrag, Rolle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_koordination_liest_das_audit_log(
    live_server, neuer_kontext, anmelden, pruefe_barrierefreiheit, koordinator, admin_a, kommune_a
):
    # GIVEN entries with long content: names, an admin change message, a long path
    for n in range(60):
        audit(
            wer=admin_a,
            kommune=kommune_a,
            aktion="modellversion.hochgeladen",
            details={
                "version": n,
                "dateiname": f"sehr-langer-dateiname-eines-prozessmodells-{n}.bpmn",
            },
        )
    audit(
        wer=admin_a,
        aktion="admin.geaendert",
        details={"aenderung": [{"changed": {"fields": ["Name", "Regierungsbezirk", "Art"]}}]},
    )
    audit(
        wer=None,
        aktion="zugriff.verweigert",
        details={"pfad": "/modelle/" + "a" * 120 + "/bearbeiten/", "status": 403},
    )
    seite = neuer_kontext().new_page()
    anmelden(seite, koordinator)
    seite.goto(f"{live_server.url}/koordination/")
    seite.get_by_role("link", name="Audit-Log").click()
    seite.get_by_role("heading", level=1, name="Audit-Log").wait_for()
    pruefe_barrierefreiheit(seite)

    # WHEN she filters by Kommune and action with the keyboard alone
    seite.get_by_label("Kommune").focus()
    seite.keyboard.press("Tab")
    assert seite.evaluate("document.activeElement.id") == "id_aktion"
    seite.get_by_label("Kommune").select_option("08115003")
    seite.get_by_label("Aktion").select_option(label="Version hochgeladen")
    seite.get_by_role("button", name="Filtern").focus()
    # Wait for the filtered page itself: load state alone can still be the page before.
    with seite.expect_navigation():
        seite.keyboard.press("Enter")

    # THEN 60 uploads of Böblingen on two pages, newest first
    assert seite.get_by_role("heading", level=2).first.inner_text() == "60 Einträge"
    zeilen = seite.locator("tbody tr")
    assert zeilen.count() == 50
    assert "version: 59" in zeilen.first.inner_text()
    pruefe_barrierefreiheit(seite)
    with seite.expect_navigation():
        seite.get_by_role("link", name="nächste Seite").click()
    assert seite.locator("tbody tr").count() == 10
    assert "Seite 2 von 2" in seite.get_by_role("navigation", name="Seiten").inner_text()

    # AND the unfiltered log shows the refusal and the admin change
    with seite.expect_navigation():
        seite.get_by_role("link", name="Alle Einträge zeigen").click()
    assert seite.get_by_role("rowheader", name="Zugriff verweigert").is_visible()
    assert seite.get_by_role("rowheader", name="Im Admin-Bereich geändert").is_visible()
    pruefe_barrierefreiheit(seite)


def test_sperrseite_und_einladung_an_andere_adresse(
    live_server, neuer_kontext, anmelden, pruefe_barrierefreiheit, admin_a, kommune_a, make_user
):
    # The lockout page after five wrong passwords
    seite = neuer_kontext().new_page()
    for _ in range(5):
        seite.goto(f"{live_server.url}/konto/login/")
        seite.get_by_label("Benutzername").fill("admin_a")
        seite.get_by_label("Passwort").fill("falsch")
        seite.get_by_role("button", name="Anmelden").click()
        seite.wait_for_load_state()
    assert seite.get_by_role("heading", level=1).inner_text() == "Anmeldung vorübergehend gesperrt"
    pruefe_barrierefreiheit(seite)

    # An invitation opened by someone logged in with another address asks first
    _einladung, token = services.einladung_erstellen(
        user=admin_a, kommune=kommune_a, email="kollegin@boeblingen.example", rolle=Rolle.LESEN
    )
    andere = make_user("anderer.mensch", email="anderer.mensch@leonberg.example")
    seite = neuer_kontext().new_page()
    anmelden(seite, andere)
    seite.goto(f"{live_server.url}/einladung/{token}/")
    assert seite.get_by_text("kollegin@boeblingen.example", exact=True).is_visible()
    pruefe_barrierefreiheit(seite)
    seite.get_by_role("button", name="Einladung mit diesem Konto annehmen").click()
    seite.wait_for_load_state()
    assert seite.get_by_text("Bitte bestätigen Sie, dass Sie die Einladung").is_visible()
    pruefe_barrierefreiheit(seite)
    seite.get_by_label(
        "Ja, ich nehme die Einladung an kollegin@boeblingen.example mit meinem Konto "
        "anderer.mensch an."
    ).check()
    seite.get_by_role("button", name="Einladung mit diesem Konto annehmen").click()
    seite.wait_for_load_state()
    assert seite.get_by_text(
        "Willkommen! Sie sind jetzt Mitglied von Böblingen, Stadt."
    ).is_visible()
    assert AuditEintrag.objects.filter(aktion="einladung.angenommen").count() == 1
