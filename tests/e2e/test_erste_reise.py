"""First journey: an admin logs in, opens "Meine Kommune", invites a colleague, who accepts the
invitation in a second browser context. axe-core checks every page on the way."""

import re

import pytest
from django.core import mail

from kommunen.models import Mitgliedschaft, Rolle

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_einladen_und_annehmen(
    live_server, neuer_kontext, anmelden, pruefe_barrierefreiheit, admin_a, kommune_a
):
    admin_seite = neuer_kontext().new_page()
    admin_seite.goto(live_server.url + "/")
    pruefe_barrierefreiheit(admin_seite)

    anmelden(admin_seite, admin_a)
    pruefe_barrierefreiheit(admin_seite)
    nav = admin_seite.get_by_role("navigation", name="Hauptnavigation")
    nav.get_by_role("link", name="Meine Kommune").click()
    admin_seite.wait_for_load_state()
    assert admin_seite.get_by_role("heading", level=1).inner_text() == (
        "Meine Kommune: Böblingen, Stadt"
    )
    pruefe_barrierefreiheit(admin_seite)

    admin_seite.get_by_label("E-Mail-Adresse").fill("kollegin@boeblingen.example")
    admin_seite.get_by_label("Rolle", exact=True).select_option("bearbeiten")
    admin_seite.get_by_role("button", name="Einladung senden").click()
    admin_seite.wait_for_load_state()
    assert admin_seite.get_by_text(
        "Die Einladung an kollegin@boeblingen.example wurde verschickt."
    ).is_visible()
    pruefe_barrierefreiheit(admin_seite)

    link = re.search(r"https?://\S+/einladung/\S+/", mail.outbox[-1].body).group(0)
    pfad = link.split("/einladung/", 1)[1]

    kollegin = neuer_kontext().new_page()
    kollegin.goto(f"{live_server.url}/einladung/{pfad}")
    assert "Einladung: Böblingen, Stadt" in kollegin.get_by_role("heading", level=1).inner_text()
    pruefe_barrierefreiheit(kollegin)
    kollegin.get_by_label("Vorname").fill("Klara")
    kollegin.get_by_label("Nachname").fill("Kollegin")
    kollegin.get_by_label("Benutzername").fill("klara")
    kollegin.get_by_label("Passwort", exact=True).fill("sehr-geheimes-Passwort-42")
    kollegin.get_by_label("Passwort wiederholen").fill("sehr-geheimes-Passwort-42")
    kollegin.get_by_role("button", name="Konto anlegen und Einladung annehmen").click()
    kollegin.wait_for_load_state()
    assert kollegin.get_by_text(
        "Willkommen! Sie sind jetzt Mitglied von Böblingen, Stadt."
    ).is_visible()
    pruefe_barrierefreiheit(kollegin)

    m = Mitgliedschaft.objects.get(user__username="klara")
    assert (m.kommune, m.rolle) == (kommune_a, Rolle.BEARBEITEN)

    # The same link a second time: refused, in German.
    dritte = neuer_kontext().new_page()
    dritte.goto(f"{live_server.url}/einladung/{pfad}")
    assert dritte.get_by_text("Ein Einladungslink gilt nur einmal.").is_visible()
    pruefe_barrierefreiheit(dritte)

    # The admin sees her new colleague in the member list.
    admin_seite.reload()
    assert admin_seite.get_by_role("cell", name="Klara Kollegin", exact=True).is_visible()
    assert admin_seite.get_by_role("cell", name="angenommen").is_visible()
