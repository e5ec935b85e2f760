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

    # Removing her asks first and says what follows; nothing happens on the first click.
    admin_seite.get_by_role("link", name="Klara Kollegin entfernen …").click()
    admin_seite.wait_for_load_state()
    assert admin_seite.get_by_role("heading", level=1).inner_text() == (
        "Klara Kollegin aus Böblingen, Stadt entfernen?"
    )
    pruefe_barrierefreiheit(admin_seite)
    assert Mitgliedschaft.objects.filter(user__username="klara").exists()
    admin_seite.get_by_role("button", name="Klara Kollegin entfernen").click()
    admin_seite.wait_for_load_state()
    assert admin_seite.get_by_text("Klara Kollegin ist nicht mehr Mitglied.").is_visible()
    assert not Mitgliedschaft.objects.filter(user__username="klara").exists()


def test_kommunenseiten_auf_dem_telefon(
    live_server,
    neuer_kontext,
    anmelden,
    pruefe_barrierefreiheit,
    admin_a,
    kommune_a,
    make_mitglied,
    koordinator,
):
    """Every Kommunen page with real content: axe-clean and no sideways scroll at 390 px."""
    from kommunen import services

    for n in range(3):
        make_mitglied(
            kommune_a,
            first_name="Maximiliane-Friederike",
            last_name=f"Mustermann-Schwarzenberger{n}",
            email=f"maximiliane.mustermann-schwarzenberger{n}@verwaltung.boeblingen.example",
        )
    services.einladung_erstellen(
        user=admin_a,
        kommune=kommune_a,
        email="sehr.lange.adresse.der.kollegin@buergeramt.stadt-boeblingen.example",
        rolle=Rolle.BEARBEITEN,
    )
    mitglied = Mitgliedschaft.objects.exclude(user=admin_a).first()

    besuch = neuer_kontext().new_page()
    for pfad in ["/konto/login/", "/konto/password_reset/", "/kommunen/?q=zzz"]:
        besuch.goto(live_server.url + pfad)
        pruefe_barrierefreiheit(besuch)

    a = neuer_kontext().new_page()
    anmelden(a, admin_a)
    for pfad in [
        "/kommunen/",
        "/kommunen/?q=Boeblingen",
        f"/kommunen/{kommune_a.slug}/",
        "/meine-kommune/",
        f"/meine-kommune/{kommune_a.slug}/mitglieder/{mitglied.pk}/entfernen/",
    ]:
        a.goto(live_server.url + pfad)
        pruefe_barrierefreiheit(a)
    # The confirmation says what follows; cancelling keeps the member.
    a.get_by_role("link", name="Abbrechen").click()
    a.wait_for_load_state()
    assert Mitgliedschaft.objects.filter(pk=mitglied.pk).exists()

    k = neuer_kontext().new_page()
    anmelden(k, koordinator)
    for pfad in ["/koordination/kommunen/", "/koordination/kommunen/?q=herrenberg"]:
        k.goto(live_server.url + pfad)
        pruefe_barrierefreiheit(k)
    # Choose Herrenberg from the search: the AGS field is filled, no script involved.
    k.get_by_role("link", name="Herrenberg, Stadt übernehmen").click()
    k.wait_for_load_state()
    assert k.get_by_label("Amtlicher Gemeindeschlüssel (AGS)").input_value() == "08115021"
