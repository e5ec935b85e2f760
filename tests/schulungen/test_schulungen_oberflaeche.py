"""What a Kommune and the coordination read and click: status words, switches, confirmations,
one rule for recordings, and an admin that is not a back door past the services."""

from __future__ import annotations

import ast
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from rest_framework.test import APIClient

from kommunen.models import Rolle
from schulungen import services
from schulungen.models import Einschreibung, Kohorte, Teilnahme

pytestmark = pytest.mark.django_db


# --- month/list switch ---------------------------------------------------------------------


def _href(text: str, name: str) -> str:
    treffer = re.search(rf'<a [^>]*href="([^"]*)"[^>]*>{name}</a>', text)
    assert treffer, name
    return treffer.group(1).replace("&amp;", "&")


def test_ansicht_umschalten_haengt_nichts_an(client, kohorte):
    url = reverse("schulungen_kalender") + f"?kohorte={kohorte.uuid}&typ=workshop"
    for _klick in range(4):
        text = client.get(url).content.decode()
        url = reverse("schulungen_kalender") + _href(text, "Liste")
        text = client.get(url).content.decode()
        url = reverse("schulungen_kalender") + _href(text, "Monat")
        text = client.get(url).content.decode()
        url = reverse("schulungen_kalender") + _href(text, "nächster Monat →")
    params = parse_qs(urlsplit(url).query)
    # Every parameter once, the filters kept, the view back to the month
    assert sorted(params) == ["kohorte", "monat", "typ"]
    assert all(len(werte) == 1 for werte in params.values())
    assert params["typ"] == ["workshop"]


# --- full cohorts ---------------------------------------------------------------------------


def test_volle_kohorte_sagt_warteliste(
    client_als, client, kommunen_mit_admin, admin_a, make_kohorte
):
    kohorte = make_kohorte(name="Kohorte Voll", max_kommunen=1)
    ((k1, a1),) = kommunen_mit_admin(1)
    services.einschreibung_anfragen(user=a1, kommune=k1, kohorte=kohorte)

    kalender = client.get(reverse("schulungen_kalender")).content.decode()
    assert "ausgebucht – Anmeldung auf die Warteliste" in kalender
    assert "offen für Anmeldungen" not in kalender
    seite = (
        client_als(admin_a).get(reverse("schulungen_kohorte", args=[kohorte.uuid])).content.decode()
    )
    assert "Böblingen, Stadt auf die Warteliste setzen" in seite
    assert "Böblingen, Stadt anmelden</button>" not in seite
    assert "Der einzige Platz ist vergeben." in seite
    api = APIClient().get(reverse("api_kohorten")).json()["results"][0]
    assert (api["status_anzeige"], api["plaetze_frei"]) == (
        "ausgebucht – Anmeldung auf die Warteliste",
        0,
    )


def test_kohorte_mit_freiem_platz_ist_offen(client_als, client, admin_a, make_kohorte):
    kohorte = make_kohorte(max_kommunen=2)
    assert "offen für Anmeldungen" in client.get(reverse("schulungen_kalender")).content.decode()
    seite = (
        client_als(admin_a).get(reverse("schulungen_kohorte", args=[kohorte.uuid])).content.decode()
    )
    assert "Böblingen, Stadt anmelden</button>" in seite


def test_nach_anmeldeschluss_nicht_mehr_offen(client, make_kohorte):
    make_kohorte(anmeldeschluss=timezone.localdate() - timedelta(days=1))
    text = client.get(reverse("schulungen_kalender")).content.decode()
    assert "Anmeldeschluss vorbei" in text and "offen für Anmeldungen" not in text


# --- confirmations --------------------------------------------------------------------------


def test_zurueckziehen_fragt_erst_und_sagt_was_folgt(
    client_als, admin_a, kommune_a, mitglied_a, kohorte
):
    e = services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    c = client_als(admin_a)
    url = reverse("schulungen_zurueckziehen", args=[e.uuid])
    seite = c.get(reverse("schulungen_kohorte", args=[kohorte.uuid])).content.decode()
    assert f'href="{url}"' in seite and f'action="{url}"' not in seite

    for antwort in (c.get(url), c.post(url)):
        text = antwort.content.decode()
        assert "Anmeldung von Böblingen, Stadt zurückziehen?" in text
        assert "Die Teilnehmenden verlieren ihre kommenden Termine dieser Kohorte." in text
        e.refresh_from_db()
        assert e.status == "bestaetigt"

    c.post(url, {"bestaetigt": "ja"})
    e.refresh_from_db()
    assert e.status == "zurueckgezogen"


def test_bestaetigte_kommune_ablehnen_fragt_erst(
    client_als, koordinator, admin_a, kommune_a, kohorte
):
    e = services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)
    c = client_als(koordinator)
    url = reverse("koordination_entscheiden", args=[e.uuid])

    antwort = c.post(url, {"aktion": "ablehnen", "nachricht": "Leider voll."})
    text = antwort.content.decode()
    assert "Bestätigte Anmeldung von Böblingen, Stadt ablehnen?" in text
    assert 'value="Leider voll."' in text  # the message is carried to the confirmation
    e.refresh_from_db()
    assert e.status == "bestaetigt"

    c.post(url, {"aktion": "ablehnen", "nachricht": "Leider voll.", "bestaetigt": "ja"})
    e.refresh_from_db()
    assert (e.status, e.nachricht) == ("abgelehnt", "Leider voll.")


def test_offene_anfrage_ablehnen_ohne_rueckfrage(
    client_als, koordinator, admin_a, kommune_a, make_kohorte
):
    kohorte = make_kohorte(automatisch_bestaetigen=False)
    e = services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)
    client_als(koordinator).post(
        reverse("koordination_entscheiden", args=[e.uuid]), {"aktion": "ablehnen"}
    )
    e.refresh_from_db()
    assert e.status == "abgelehnt"


# --- attendance and event dates on the coordination pages -----------------------------------


def test_anwesenheitsseite_vor_beginn(
    client_als, koordinator, admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung
):
    v = make_veranstaltung(kohorte)
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    c = client_als(koordinator)
    url = reverse("koordination_anwesenheit", args=[v.uuid])

    seite = c.get(url).content.decode()
    assert "Die Veranstaltung hat noch nicht begonnen." in seite
    assert 'name="anwesend"' not in seite
    dashboard = c.get(reverse("koordination_kohorte", args=[kohorte.uuid])).content.decode()
    assert f'href="{url}"' not in dashboard and "Anwesenheit ab Beginn" in dashboard

    antwort = c.post(url, {"anwesend": []})
    assert antwort.status_code == 400
    assert "erst ab Beginn der Veranstaltung" in antwort.content.decode()
    assert Teilnahme.objects.get(veranstaltung=v, person=mitglied_a).status == "angemeldet"


def test_veranstaltung_ausserhalb_der_kohorte_im_formular(client_als, koordinator, make_kohorte):
    kohorte = make_kohorte(name="Kohorte 2028")
    kohorte.beginn, kohorte.ende = (
        timezone.localdate().replace(year=2028, month=1, day=10),
        timezone.localdate().replace(year=2028, month=12, day=10),
    )
    kohorte.save()
    antwort = client_als(koordinator).post(
        reverse("koordination_veranstaltung_neu", args=[kohorte.uuid]),
        {"typ": "workshop", "titel": "Weit weg", "beginn": "2035-01-01T10:00",
         "ende": "2035-01-01T12:00", "format": "online"},
    )  # fmt: skip
    assert antwort.status_code == 200
    assert (
        "Die Veranstaltung liegt außerhalb des Zeitraums der Kohorte (10.01.2028 – 10.12.2028)."
        in antwort.content.decode()
    )
    assert not kohorte.veranstaltungen.exists()


# --- recordings: one predicate --------------------------------------------------------------


@pytest.fixture
def mit_aufzeichnung(admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung, hat_begonnen):
    v = make_veranstaltung(
        kohorte, aufzeichnung_url="https://video.example/aufzeichnung-7", material="Folien-7"
    )
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    return hat_begonnen(v)


def _beschreibungen(inhalt: bytes) -> str:
    """The events' descriptions, unfolded (long lines are folded at 75 octets in .ics)."""
    return " ".join(
        str(e.get("DESCRIPTION", "")) for e in Calendar.from_ical(inhalt).walk("VEVENT")
    )


def _ueberall(client, user, v) -> dict[str, bool]:
    """Whether the recording shows on the page, in the single .ics, in the API and in the
    person's own feed."""
    if user is not None:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    seite = (
        "aufzeichnung-7"
        in client.get(reverse("schulungen_veranstaltung", args=[v.uuid])).content.decode()
    )
    ics = "aufzeichnung-7" in _beschreibungen(
        client.get(reverse("schulungen_veranstaltung_ics", args=[v.uuid])).content
    )
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    daten = api.get(reverse("api_veranstaltungen")).json()["results"]
    in_api = any(d["aufzeichnung_url"] for d in daten)
    feed = None
    if user is not None:
        Teilnahme.objects.get_or_create(
            veranstaltung=v, person=user, defaults={"status": "angemeldet"}
        )
        abo, _ = services.kalender_abo_erneuern(user=user)
        client.logout()
        inhalt = client.get(reverse("schulungen_feed", args=[abo.token])).content
        feed = (
            "aufzeichnung-7" in _beschreibungen(inhalt)
            if Calendar.from_ical(inhalt).walk("VEVENT")
            else None
        )
    return {"seite": seite, "ics": ics, "api": in_api, "feed": feed}


def test_aufzeichnung_ueberall_gleich_entschieden(
    client, koordinator, mitglied_a, mitglied_b, mit_aufzeichnung
):
    v = mit_aufzeichnung
    assert _ueberall(client, mitglied_a, v) == {
        "seite": True,
        "ics": True,
        "api": True,
        "feed": True,
    }
    assert _ueberall(client, mitglied_b, v) == {
        "seite": False,
        "ics": False,
        "api": False,
        "feed": None,
    }
    assert _ueberall(client, None, v) == {"seite": False, "ics": False, "api": False, "feed": None}


def test_koordination_sieht_im_eigenen_feed_was_die_einzelne_ics_zeigt(
    client, koordinator, admin_a, kommune_a, kohorte, make_veranstaltung
):
    """GIVEN a coordinator who is also a member of Böblingen, named for a past event, and
    Böblingen withdrew afterwards WHEN she opens her feed THEN the recording is there, as in
    the single .ics (before, the feed asked "is her Kommune confirmed?" and hid it)."""
    from kommunen.models import Mitgliedschaft

    Mitgliedschaft.objects.create(user=koordinator, kommune=kommune_a)
    v = make_veranstaltung(kohorte, aufzeichnung_url="https://video.example/aufzeichnung-7")
    e = services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[koordinator]
    )
    jetzt = timezone.now()  # the event is over
    type(v).objects.filter(pk=v.pk).update(
        beginn=jetzt - timedelta(hours=3), ende=jetzt - timedelta(hours=1)
    )
    services.einschreibung_zurueckziehen(user=admin_a, einschreibung=e)

    client.force_login(koordinator, backend="django.contrib.auth.backends.ModelBackend")
    einzeln = client.get(reverse("schulungen_veranstaltung_ics", args=[v.uuid])).content
    abo, _ = services.kalender_abo_erneuern(user=koordinator)
    client.logout()
    feed = client.get(reverse("schulungen_feed", args=[abo.token])).content

    assert "aufzeichnung-7" in _beschreibungen(einzeln)
    assert "aufzeichnung-7" in _beschreibungen(feed)


# --- the admin is read-only ------------------------------------------------------------------


@pytest.fixture
def superuser(make_user):
    return make_user("chefin", is_staff=True, is_superuser=True)


def test_admin_aendert_nichts_an_den_services_vorbei(
    client_als, superuser, admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung
):
    from kommunen.models import Mitgliedschaft

    v = make_veranstaltung(kohorte)
    e = services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    t = Teilnahme.objects.get(veranstaltung=v, person=mitglied_a)
    m = Mitgliedschaft.objects.get(user=mitglied_a)
    c = client_als(superuser)
    versuche = [
        (f"/admin/schulungen/kohorte/{kohorte.pk}/change/", {"max_kommunen": "0", "name": "x"}),
        (f"/admin/schulungen/teilnahme/{t.pk}/change/", {"status": "abwesend"}),
        (f"/admin/schulungen/einschreibung/{e.pk}/change/", {"status": "abgelehnt"}),
        (f"/admin/kommunen/mitgliedschaft/{m.pk}/change/", {"rolle": "verwalten"}),
        (f"/admin/kommunen/mitgliedschaft/{m.pk}/delete/", {"post": "yes"}),
    ]
    for url, daten in versuche:
        assert c.get(url).status_code in (200, 403), url  # viewing is fine
        assert c.post(url, daten).status_code == 403, url
    kohorte.refresh_from_db()
    t.refresh_from_db()
    m.refresh_from_db()
    assert (kohorte.max_kommunen, t.status, m.rolle) == (5, "angemeldet", Rolle.LESEN)
    assert Einschreibung.objects.get(pk=e.pk).status == "bestaetigt"
    assert Kohorte.objects.count() == 1


# --- services and tasks ----------------------------------------------------------------------


def test_services_importieren_tasks_nicht_beim_laden():
    """Tasks call services; services enqueue tasks only from inside a function."""
    paket = Path(__file__).resolve().parents[2] / "schulungen" / "services"
    for datei in paket.glob("*.py"):
        baum = ast.parse(datei.read_text(encoding="utf-8"))
        for knoten in baum.body:  # module level only
            if isinstance(knoten, ast.ImportFrom):
                namen = {a.name for a in knoten.names}
                assert not ("tasks" in namen or (knoten.module or "").endswith("tasks")), datei
