"""Taking part rests on the membership: who leaves a Kommune leaves its cohorts too.

The one membership rule (active account, Kommune in the network) decides, on every page, in the
personal feed and in the coordination's CSV exports.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from kommunen import services as kommunen_services
from kommunen.models import AuditEintrag, Mitgliedschaft
from schulungen import services
from schulungen.models import Benennung, Teilnahme

pytestmark = pytest.mark.django_db


@pytest.fixture
def benannt(admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung, hat_begonnen):
    """mitglied_a named by Böblingen (confirmed); one event past (attended), one coming."""
    vorbei = make_veranstaltung(kohorte, titel="Auftakt")
    kommend = make_veranstaltung(
        kohorte,
        titel="Workshop Prozesslandkarte",
        beginn=timezone.now() + timedelta(days=60),
        ort_oder_link="https://konferenz.example/geheimer-raum",
    )
    e = services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    hat_begonnen(vorbei)
    abo, _ersetzt = services.kalender_abo_erneuern(user=mitglied_a)
    return {"einschreibung": e, "vorbei": vorbei, "kommend": kommend, "abo": abo}


def _feed_titel(client, abo) -> list[str]:
    antwort = client.get(reverse("schulungen_feed", args=[abo.token]))
    assert antwort.status_code == 200
    return sorted(
        str(e["SUMMARY"]).split(" (")[0] for e in Calendar.from_ical(antwort.content).walk("VEVENT")
    )


def _csv(client, name: str, kohorte) -> list[list[str]]:
    antwort = client.get(reverse(name, args=[kohorte.uuid]))
    return list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))


def test_entfernt_aus_der_kommune_endet_die_benennung(
    client, client_als, admin_a, koordinator, mitglied_a, kohorte, benannt
):
    # GIVEN the participant has both dates in the personal feed
    assert _feed_titel(client, benannt["abo"]) == ["Auftakt", "Workshop Prozesslandkarte"]

    # WHEN the admin removes her from Böblingen (confirmed)
    m = Mitgliedschaft.objects.get(user=mitglied_a)
    client_als(admin_a).post(
        reverse("mitglied_entfernen", args=[m.kommune.slug, m.pk]), {"bestaetigt": "ja"}
    )

    # THEN she is no longer a named participant and holds no place in coming events
    assert not Benennung.objects.filter(person=mitglied_a).exists()
    assert not Teilnahme.objects.filter(
        veranstaltung=benannt["kommend"], person=mitglied_a
    ).exists()
    assert AuditEintrag.objects.filter(aktion="einschreibung.benennung_beendet").count() == 1
    # … her feed serves no events (and so no meeting link) …
    client.logout()
    feed = client.get(reverse("schulungen_feed", args=[benannt["abo"].token])).content.decode()
    assert "VEVENT" not in feed and "geheimer-raum" not in feed
    # … "Meine Termine" is empty …
    meine = client_als(mitglied_a).get(
        reverse("schulungen_kalender"), {"meine": "1", "ansicht": "liste"}
    )
    assert "Workshop Prozesslandkarte" not in meine.content.decode()
    # … and the coordination's exports do not name her.
    k = client_als(koordinator)
    einschreibungen = _csv(k, "koordination_einschreibungen_csv", kohorte)
    assert einschreibungen[1][7] == ""
    anwesenheit = _csv(k, "koordination_anwesenheit_csv", kohorte)
    assert [z[3] for z in anwesenheit[1:]] == []
    assert (
        mitglied_a.anzeigename()
        not in k.get(reverse("koordination_kohorte", args=[kohorte.uuid])).content.decode()
    )


def test_kommune_ausserhalb_des_netzwerks_zeigt_keine_teilnahme(
    client, client_als, koordinator, kommune_a, mitglied_a, kohorte, benannt
):
    """Even without a service clearing rows: the read side follows the membership rule."""
    kommune_a.ist_mitglied = False
    kommune_a.save()

    assert _feed_titel(client, benannt["abo"]) == []
    k = client_als(koordinator)
    assert _csv(k, "koordination_einschreibungen_csv", kohorte)[1][7] == ""
    assert len(_csv(k, "koordination_anwesenheit_csv", kohorte)) == 1  # header only
    seite = client_als(mitglied_a).get(
        reverse("schulungen_veranstaltung", args=[benannt["kommend"].uuid])
    )
    assert "Mein Status" not in seite.content.decode()


def test_benannte_person_bleibt_mitglied_sieht_alles(
    client, client_als, koordinator, mitglied_a, kohorte, benannt
):
    """The counterpart: while the membership lasts, feed and exports name her."""
    assert _feed_titel(client, benannt["abo"]) == ["Auftakt", "Workshop Prozesslandkarte"]
    k = client_als(koordinator)
    assert _csv(k, "koordination_einschreibungen_csv", kohorte)[1][7] == mitglied_a.anzeigename()
    zeilen = _csv(k, "koordination_anwesenheit_csv", kohorte)[1:]
    assert [(z[0], z[3]) for z in zeilen] == [
        ("Auftakt", mitglied_a.anzeigename()),
        ("Workshop Prozesslandkarte", mitglied_a.anzeigename()),
    ]


def test_entfernen_gibt_den_platz_an_die_warteliste_der_veranstaltung(
    admin_a,
    kommune_a,
    make_mitglied,
    kohorte,
    make_veranstaltung,
    django_capture_on_commit_callbacks,
):
    v = make_veranstaltung(kohorte, kapazitaet=1)
    erste, zweite = make_mitglied(kommune_a), make_mitglied(kommune_a)
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[erste, zweite]
    )
    hat_platz = Teilnahme.objects.get(veranstaltung=v, status="angemeldet").person
    wartet = zweite if hat_platz == erste else erste

    with django_capture_on_commit_callbacks(execute=True):
        kommunen_services.mitgliedschaft_entfernen(
            user=admin_a, mitgliedschaft=Mitgliedschaft.objects.get(user=hat_platz)
        )

    assert Teilnahme.objects.get(veranstaltung=v, person=wartet).status == "angemeldet"


def test_mails_gehen_nicht_an_eine_entfernte_ansprechperson(
    admin_a, kommune_a, make_mitglied, kohorte, koordinator, django_capture_on_commit_callbacks
):
    from django.core import mail

    from kommunen.models import Rolle

    zweite_admin = make_mitglied(kommune_a, Rolle.VERWALTEN)
    e = services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)
    kommunen_services.mitgliedschaft_entfernen(
        user=zweite_admin, mitgliedschaft=Mitgliedschaft.objects.get(user=admin_a)
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.einschreibung_entscheiden(user=koordinator, einschreibung=e, aktion="ablehnen")

    assert [m.to for m in mail.outbox] == [[zweite_admin.email]]
