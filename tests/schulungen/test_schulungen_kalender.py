"""Calendar pages, .ics export across the DST change, the personal feed, recording visibility."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from schulungen import services
from schulungen.models import KalenderAbo

BERLIN = ZoneInfo("Europe/Berlin")
pytestmark = pytest.mark.django_db


def _events(inhalt: bytes) -> list:
    cal = Calendar.from_ical(inhalt)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert any(tz["TZID"] == "Europe/Berlin" for tz in cal.walk("VTIMEZONE"))
    return cal.walk("VEVENT")


def test_ics_zeigt_10_uhr_vor_und_nach_der_zeitumstellung(client, make_kohorte, make_veranstaltung):
    # GIVEN one event on Saturday before and one on Monday after the change to summer time
    kohorte = make_kohorte()
    vorher = make_veranstaltung(kohorte, beginn=datetime(2025, 3, 29, 10, tzinfo=BERLIN))
    nachher = make_veranstaltung(kohorte, beginn=datetime(2025, 3, 31, 10, tzinfo=BERLIN))
    # (stored in UTC: 09:00Z and 08:00Z)
    assert vorher.beginn.astimezone(ZoneInfo("UTC")).hour == 9

    for v in (vorher, nachher):
        antwort = client.get(reverse("schulungen_veranstaltung_ics", args=[v.uuid]))
        assert antwort.status_code == 200
        assert antwort["Content-Type"].startswith("text/calendar")
        (event,) = _events(antwort.content)
        start = event.decoded("DTSTART")
        # THEN both show 10:00 local time, with the Berlin zone attached
        assert (start.hour, start.minute) == (10, 0)
        assert str(event["DTSTART"].params["TZID"]) == "Europe/Berlin"
        assert start.astimezone(ZoneInfo("UTC")) == v.beginn


def test_persoenlicher_feed_braucht_sein_geheimnis_und_endet_mit_erneuerung(
    client, admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung
):
    v = make_veranstaltung(kohorte, titel="Prozesslandkarte")
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    abo, _ersetzt = services.kalender_abo_erneuern(user=mitglied_a)
    url = reverse("schulungen_feed", args=[abo.token])

    antwort = client.get(url)
    assert antwort.status_code == 200
    (event,) = _events(antwort.content)
    assert "Prozesslandkarte" in str(event["SUMMARY"])
    assert str(v.uuid) in str(event["UID"])

    assert (
        client.get(reverse("schulungen_feed", args=["falsch" + abo.token[6:]])).status_code == 404
    )

    services.kalender_abo_erneuern(user=mitglied_a)
    assert client.get(url).status_code == 404


def test_erster_abo_link_ohne_rueckfrage_und_ohne_falsche_warnung(client_als, mitglied_a):
    client = client_als(mitglied_a)
    seite = client.get(reverse("schulungen_abo")).content.decode()
    assert "Abo-Link erzeugen" in seite

    antwort = client.post(reverse("schulungen_abo_erzeugen"), follow=True)

    text = antwort.content.decode()
    assert "Ihr Abo-Link wurde erzeugt." in text
    # There was no earlier link that could have stopped working.
    assert "bisherige Link" not in text
    assert mitglied_a.kalender_abo.token in text


def test_abo_link_erneuern_fragt_erst_und_beendet_dann_den_alten(client_als, client, mitglied_a):
    c = client_als(mitglied_a)
    c.post(reverse("schulungen_abo_erzeugen"))
    alt = KalenderAbo.objects.get(person=mitglied_a).token
    alt_url = reverse("schulungen_feed", args=[alt])

    # The page offers renewal as a link to a question, not as a button that acts.
    seite = c.get(reverse("schulungen_abo")).content.decode()
    assert f'href="{reverse("schulungen_abo_erzeugen")}"' in seite
    for antwort in (
        c.get(reverse("schulungen_abo_erzeugen")),
        c.post(reverse("schulungen_abo_erzeugen")),
    ):
        assert "Ihr bisheriger Abo-Link funktioniert sofort nicht mehr." in antwort.content.decode()
        assert KalenderAbo.objects.get(person=mitglied_a).token == alt

    antwort = c.post(reverse("schulungen_abo_erzeugen"), {"bestaetigt": "ja"}, follow=True)

    assert "Der bisherige Link funktioniert nicht mehr." in antwort.content.decode()
    neu = KalenderAbo.objects.get(person=mitglied_a).token
    assert neu != alt
    c.logout()
    assert client.get(alt_url).status_code == 404
    assert client.get(reverse("schulungen_feed", args=[neu])).status_code == 200


def test_aufzeichnung_nur_fuer_eingeschriebene_kommunen(
    client_als, client, admin_a, kommune_a, mitglied_a, mitglied_b, kohorte, make_veranstaltung
):
    v = make_veranstaltung(
        kohorte,
        beginn=timezone.now() - timedelta(days=2),
        aufzeichnung_url="https://video.example/aufzeichnung-1",
        material="Folien: https://material.example/folien.pdf",
    )
    services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)
    url = reverse("schulungen_veranstaltung", args=[v.uuid])

    # A late joiner of an enrolled Kommune (not named as participant) sees the recording
    assert "aufzeichnung-1" in client_als(mitglied_a).get(url).content.decode()
    assert "aufzeichnung-1" not in client_als(mitglied_b).get(url).content.decode()
    client.logout()
    assert "aufzeichnung-1" not in client.get(url).content.decode()
    ics = client.get(reverse("schulungen_veranstaltung_ics", args=[v.uuid])).content.decode()
    assert "aufzeichnung-1" not in ics


def test_kalender_monat_liste_und_meine_termine(
    client_als, koordinator, admin_a, kommune_a, mitglied_a, make_kohorte, make_veranstaltung
):
    kohorte = make_kohorte(beginn=timezone.localdate())
    jetzt = timezone.localtime()
    meine = make_veranstaltung(kohorte, titel="Mein Workshop", beginn=jetzt + timedelta(days=2))
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    spaeter = jetzt + timedelta(days=3)
    services.veranstaltung_erstellen(
        user=koordinator, kohorte=kohorte, typ="schulung", titel="Spätere Schulung",
        beginn=spaeter, ende=spaeter + timedelta(hours=2), format="online",
    )  # fmt: skip
    client = client_als(mitglied_a)
    monat = f"{meine.beginn.astimezone(BERLIN):%Y-%m}"

    grid = client.get(reverse("schulungen_kalender"), {"monat": monat}).content.decode()
    assert "Mein Workshop" in grid

    liste = client.get(reverse("schulungen_kalender"), {"ansicht": "liste", "meine": "1"})
    text = liste.content.decode()
    assert "Mein Workshop" in text
    # "Spätere Schulung" was created after the confirmation: the participant gets it too
    assert "Spätere Schulung" in text

    ungueltig = client.get(reverse("schulungen_kalender"), {"monat": "2025-13", "typ": "xyz"})
    assert ungueltig.status_code == 200


def test_entwurf_ist_fuer_andere_unsichtbar(client, make_kohorte, make_veranstaltung):
    entwurf = make_kohorte(status="entwurf", name="Geheime Planung")
    v = make_veranstaltung(entwurf)
    assert client.get(reverse("schulungen_kohorte", args=[entwurf.uuid])).status_code == 404
    assert client.get(reverse("schulungen_veranstaltung", args=[v.uuid])).status_code == 404
    assert "Geheime Planung" not in client.get(reverse("schulungen_kalender")).content.decode()


# Both sides of both changes in 2026: summer time from 29.03., winter time from 25.10.
ZEITEN = [
    (datetime(2026, 3, 28, 10, 0), timedelta(hours=1)),
    (datetime(2026, 3, 30, 10, 0), timedelta(hours=2)),
    (datetime(2026, 9, 28, 9, 30), timedelta(hours=2)),
    (datetime(2026, 10, 24, 10, 0), timedelta(hours=2)),
    (datetime(2026, 10, 26, 10, 0), timedelta(hours=1)),
]


@pytest.fixture
def ics_ueber_die_zeitumstellungen(make_kohorte, make_veranstaltung) -> bytes:
    from schulungen import ical
    from schulungen.selectors import Aufzeichnungszugang

    kohorte = make_kohorte()
    veranstaltungen = [
        make_veranstaltung(kohorte, titel=f"T{i}", beginn=lokal.replace(tzinfo=BERLIN))
        for i, (lokal, _versatz) in enumerate(ZEITEN)
    ]
    return ical.kalender(
        veranstaltungen, name="Test", zugang=Aufzeichnungszugang(alle=False, kohorten=frozenset())
    )


def test_vtimezone_in_regelform_wie_google_und_outlook(ics_ueber_die_zeitumstellungen):
    (vtimezone,) = Calendar.from_ical(ics_ueber_die_zeitumstellungen).walk("VTIMEZONE")
    teile = {t.name: t for t in vtimezone.subcomponents}
    assert set(teile) == {"DAYLIGHT", "STANDARD"}
    assert teile["DAYLIGHT"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    assert teile["STANDARD"]["RRULE"].to_ical() == b"FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    assert b"RDATE" not in ics_ueber_die_zeitumstellungen


def test_icalendar_liest_ortszeiten(ics_ueber_die_zeitumstellungen):
    for event in Calendar.from_ical(ics_ueber_die_zeitumstellungen).walk("VEVENT"):
        i = int(str(event["SUMMARY"])[1])
        lokal, versatz = ZEITEN[i]
        start = event.decoded("DTSTART")
        assert (start.replace(tzinfo=None), start.utcoffset()) == (lokal, versatz)


def test_dateutil_liest_die_vtimezone_gleich(ics_ueber_die_zeitumstellungen):
    """dateutil builds the zone from the VTIMEZONE alone (not from its own database)."""
    import io

    from dateutil import tz

    zonen = tz.tzical(io.StringIO(ics_ueber_die_zeitumstellungen.decode()))
    berlin = zonen.get("Europe/Berlin")
    for event in Calendar.from_ical(ics_ueber_die_zeitumstellungen).walk("VEVENT"):
        i = int(str(event["SUMMARY"])[1])
        lokal, versatz = ZEITEN[i]
        assert str(event["DTSTART"].params["TZID"]) == "Europe/Berlin"
        wert = datetime.strptime(event["DTSTART"].to_ical().decode(), "%Y%m%dT%H%M%S")
        assert wert == lokal
        assert wert.replace(tzinfo=berlin).utcoffset() == versatz


def test_vobject_liest_die_vtimezone_gleich(ics_ueber_die_zeitumstellungen):
    """vobject read the old RDATE form wrongly (28.09.2026 09:30 as +01:00)."""
    vobject = pytest.importorskip("vobject")
    kalender = vobject.readOne(ics_ueber_die_zeitumstellungen.decode())
    for event in kalender.vevent_list:
        i = int(event.summary.value[1])
        lokal, versatz = ZEITEN[i]
        start = event.dtstart.value
        assert (start.replace(tzinfo=None), start.utcoffset()) == (lokal, versatz)
