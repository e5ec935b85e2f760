"""A cohort from creation to "meine Termine", in a real browser, every page checked by axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunen.models import Rolle
from schulungen.models import Einschreibung, Kohorte

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_kohorte_anlegen_anmelden_bestaetigen_termine_sehen(
    live_server,
    neuer_kontext,
    anmelden,
    pruefe_barrierefreiheit,
    koordinator,
    kommune_a,
    make_mitglied,
):
    admin = make_mitglied(kommune_a, Rolle.VERWALTEN, username="anna.admin", first_name="Anna",
                          last_name="Berger")  # fmt: skip
    teilnehmerin = make_mitglied(kommune_a, Rolle.LESEN, username="lena.leser",
                                 first_name="Lena", last_name="Wagner")  # fmt: skip
    heute = timezone.localdate()
    tag1 = heute + timedelta(days=40)
    tag2 = heute + timedelta(days=70)

    # GIVEN the coordinator creates a cohort (she decides every request) with two events
    k = neuer_kontext().new_page()
    anmelden(k, koordinator)
    k.goto(f"{live_server.url}/koordination/")
    pruefe_barrierefreiheit(k)
    k.get_by_role("link", name="Neue Kohorte anlegen").click()
    k.get_by_label("Name").fill("Kohorte Test 2027")
    k.get_by_label("Jahr").fill(str(tag1.year))
    k.get_by_label("Beginn").fill(f"{tag1:%Y-%m-%d}")
    k.get_by_label("Ende").fill(f"{tag1 + timedelta(days=300):%Y-%m-%d}")
    k.get_by_label("Anmeldeschluss").fill(f"{heute + timedelta(days=20):%Y-%m-%d}")
    k.get_by_label("Plätze (Kommunen)").fill("10")
    k.get_by_label("Anmeldungen automatisch bestätigen").uncheck()
    k.get_by_label("Status").select_option("offen")
    pruefe_barrierefreiheit(k)
    k.get_by_role("button", name="Speichern").click()
    k.get_by_role("heading", level=1, name="Kohorte Test 2027").wait_for()
    pruefe_barrierefreiheit(k)
    for titel, typ, tag in [("Auftakt der Kohorte", "auftakt", tag1),
                            ("Workshop Prozesslandkarte", "workshop", tag2)]:  # fmt: skip
        k.get_by_role("link", name="Veranstaltung hinzufügen").click()
        k.get_by_label("Art").select_option(typ)
        k.get_by_label("Titel").fill(titel)
        k.get_by_label("Beginn (Ortszeit Berlin)").fill(f"{tag:%Y-%m-%d}T10:00")
        k.get_by_label("Ende (Ortszeit Berlin)").fill(f"{tag:%Y-%m-%d}T12:30")
        k.get_by_label("Ort oder Link").fill("https://konferenz.example/pb")
        k.get_by_role("button", name="Speichern").click()
        k.get_by_role("link", name=titel, exact=True).wait_for()
    kohorte = Kohorte.objects.get(name="Kohorte Test 2027")
    assert kohorte.veranstaltungen.count() == 2

    # WHEN the admin of Böblingen enrols her Kommune and names a participant
    a = neuer_kontext().new_page()
    anmelden(a, admin)
    a.goto(f"{live_server.url}/schulungen/")
    pruefe_barrierefreiheit(a)
    a.get_by_role("link", name="Kohorte Test 2027").click()
    a.get_by_label("Lena Wagner").check()
    pruefe_barrierefreiheit(a)
    a.get_by_role("button", name=f"{kommune_a.name} anmelden").click()
    a.get_by_text("ist eingegangen; die Koordination entscheidet").wait_for()
    pruefe_barrierefreiheit(a)
    assert Einschreibung.objects.get(kohorte=kohorte).status == "angefragt"

    # AND the coordinator confirms the request
    k.goto(f"{live_server.url}/koordination/kohorten/{kohorte.uuid}/")
    k.get_by_label(f"Entscheidung für {kommune_a.name}").select_option("bestaetigen")
    k.get_by_role("button", name=f"Ausführen für {kommune_a.name}").click()
    k.get_by_text(f"{kommune_a.name}: bestätigt").wait_for()
    pruefe_barrierefreiheit(k)

    # THEN the participant finds both dates under "meine Termine"
    t = neuer_kontext().new_page()
    anmelden(t, teilnehmerin)
    t.goto(f"{live_server.url}/schulungen/")
    t.get_by_role("link", name="Meine Termine").click()
    t.get_by_role("heading", name="Meine kommenden Termine").wait_for()
    t.get_by_role("link", name="Auftakt der Kohorte", exact=True).wait_for()
    t.get_by_role("link", name="Workshop Prozesslandkarte", exact=True).wait_for()
    pruefe_barrierefreiheit(t)
    t.get_by_role("link", name="Auftakt der Kohorte", exact=True).click()
    t.get_by_text("10:00–12:30").wait_for()
    pruefe_barrierefreiheit(t)


def test_schulungsseiten_auf_dem_telefon(
    live_server,
    neuer_kontext,
    anmelden,
    pruefe_barrierefreiheit,
    koordinator,
    kommune_a,
    make_mitglied,
    stammdaten,
):
    """Every Schulungen page with real content: axe-clean, no sideways scroll at 390 px, and a
    wide table scrolls inside its own box with the keyboard."""
    from kommunen.models import Kommune
    from schulungen import services

    admin = make_mitglied(kommune_a, Rolle.VERWALTEN, username="anna.admin", first_name="Anna",
                          last_name="Berger")  # fmt: skip
    # Long names and addresses, as they are in administrations
    leute = [
        make_mitglied(
            kommune_a,
            first_name="Maximiliane-Friederike",
            last_name=f"Mustermann-Schwarzenberger{n}",
            email=f"maximiliane.mustermann-schwarzenberger{n}@verwaltung.boeblingen.example",
        )
        for n in range(3)
    ]
    heute = timezone.localdate()
    kohorte = services.kohorte_erstellen(
        user=koordinator, name="Kohorte Prozessmanagement 2027/28", jahr=heute.year,
        beginn=heute - timedelta(days=10), ende=heute + timedelta(days=300),
        anmeldeschluss=heute + timedelta(days=20), max_kommunen=2, status="offen",
    )  # fmt: skip
    jetzt = timezone.localtime()
    for tage, titel in [(1, "Auftakt: Prozessmanagement in der Kommune"),
                        (14, "Workshop Prozesslandkarte und Prozesssteckbriefe")]:  # fmt: skip
        beginn = (jetzt + timedelta(days=tage)).replace(hour=9, minute=30)
        services.veranstaltung_erstellen(
            user=koordinator, kohorte=kohorte, typ="workshop", titel=titel, beginn=beginn,
            ende=beginn + timedelta(hours=3), format="online",
            ort_oder_link="https://konferenz.akademie.example/prozessmanagement/raum-2",
        )  # fmt: skip
    e = services.einschreibung_anfragen(
        user=admin, kommune=kommune_a, kohorte=kohorte, teilnehmende=leute
    )
    andere = Kommune.objects.exclude(pk=kommune_a.pk).order_by("ags")[:2]
    for k in andere:
        k.ist_mitglied = True
        k.save()
        services.einschreibung_anfragen(
            user=make_mitglied(k, Rolle.VERWALTEN), kommune=k, kohorte=kohorte
        )
    # The first event has begun: attendance can be taken.
    v = kohorte.veranstaltungen.order_by("beginn").first()
    type(v).objects.filter(pk=v.pk).update(
        beginn=timezone.now() - timedelta(minutes=30), ende=timezone.now() + timedelta(hours=2)
    )
    services.kalender_abo_erneuern(user=admin)

    a = neuer_kontext().new_page()
    anmelden(a, admin)
    for pfad in [
        "/schulungen/",
        "/schulungen/?ansicht=liste",
        "/schulungen/?meine=1&ansicht=liste",
        f"/schulungen/kohorten/{kohorte.uuid}/",
        f"/schulungen/veranstaltungen/{v.uuid}/",
        "/schulungen/abo/",
        "/schulungen/abo/erzeugen/",
        f"/schulungen/einschreibungen/{e.uuid}/zurueckziehen/",
    ]:
        a.goto(live_server.url + pfad)
        pruefe_barrierefreiheit(a)

    # Keyboard alone: on a phone the list of dates scrolls inside its box with the arrow keys.
    a.set_viewport_size({"width": 390, "height": 844})
    a.goto(live_server.url + "/schulungen/?ansicht=liste")
    kasten = a.get_by_role("group", name="Kommende Termine")
    kasten.focus()
    a.keyboard.press("ArrowRight")
    a.wait_for_function("el => el.scrollLeft > 0", arg=kasten.element_handle(), timeout=5_000)

    k = neuer_kontext().new_page()
    anmelden(k, koordinator)
    for pfad in [
        "/koordination/",
        f"/koordination/kohorten/{kohorte.uuid}/",
        f"/koordination/kohorten/{kohorte.uuid}/bearbeiten/",
        f"/koordination/veranstaltungen/{v.uuid}/anwesenheit/",
    ]:
        k.goto(live_server.url + pfad)
        pruefe_barrierefreiheit(k)
    # Declining a confirmed Kommune asks first.
    k.goto(f"{live_server.url}/koordination/kohorten/{kohorte.uuid}/")
    k.get_by_label(f"Entscheidung für {kommune_a.name}").select_option("ablehnen")
    k.get_by_role("button", name=f"Ausführen für {kommune_a.name}").click()
    k.get_by_role(
        "heading", level=1, name=f"Bestätigte Anmeldung von {kommune_a.name} ablehnen?"
    ).wait_for()
    pruefe_barrierefreiheit(k)
    e.refresh_from_db()
    assert e.status == Einschreibung.Status.BESTAETIGT
