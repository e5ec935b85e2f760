"""Coordination makes Kommunen members; accounts lock after repeated failed logins."""

import pytest
from django.core import mail
from django.test import override_settings

from kommunen.models import Einladung, Kommune, Rolle

pytestmark = pytest.mark.django_db


def test_koordination_nimmt_kommune_auf_und_laedt_admin_ein(
    client_als, koordinator, stammdaten, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_als(koordinator).post(
            "/koordination/kommunen/",
            {"ags": "08115021", "admin_email": "it@herrenberg.example"},
            follow=True,
        )
    herrenberg = Kommune.objects.get(ags="08115021")
    assert herrenberg.ist_mitglied
    assert "Herrenberg, Stadt ist Mitglied" in antwort.content.decode()
    einladung = Einladung.objects.get(kommune=herrenberg)
    assert einladung.rolle == Rolle.VERWALTEN
    assert mail.outbox[0].to == ["it@herrenberg.example"]


@pytest.mark.parametrize(
    ("ags", "meldung"),
    [
        ("1234", "Der AGS hat genau 8 Ziffern."),
        ("0811500X", "beginnt in Baden-Württemberg mit 08"),
        ("09162000", "beginnt in Baden-Württemberg mit 08"),
        ("08999999", "Zu diesem AGS gibt es keine Kommune in Baden-Württemberg."),
    ],
)
def test_ungueltiger_ags_deutsche_meldung(client_als, koordinator, stammdaten, ags, meldung):
    antwort = client_als(koordinator).post(
        "/koordination/kommunen/", {"ags": ags, "admin_email": "it@example.org"}
    )
    assert antwort.status_code == 400
    assert meldung in antwort.content.decode()
    assert not Einladung.objects.exists()


def test_nur_koordination_darf_aufnehmen(client_als, admin_a, stammdaten):
    antwort = client_als(admin_a).post(
        "/koordination/kommunen/", {"ags": "08115021", "admin_email": "x@example.org"}
    )
    assert antwort.status_code == 404
    assert not Kommune.objects.get(ags="08115021").ist_mitglied


def test_alle_kommunen_geladen(client, stammdaten):
    assert Kommune.objects.count() == 1104
    text = client.get("/kommunen/?q=Böblingen").content.decode()
    assert "08115003" in text


def test_kommunen_suche_nach_ags_und_kreis(client, stammdaten):
    assert "Aidlingen" in client.get("/kommunen/?q=08115001").content.decode()
    text = client.get("/kommunen/?kreis=08115").content.decode()
    assert "26 Kommunen gefunden" in text


@override_settings(AXES_FAILURE_LIMIT=3)
def test_sperre_nach_wiederholten_fehlversuchen(client, mitglied_a):
    for _ in range(3):
        client.post("/konto/login/", {"username": "mitglied_a", "password": "falsch"})
    antwort = client.post(
        "/konto/login/", {"username": "mitglied_a", "password": "Test-Passwort-2026!"}
    )
    assert antwort.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in antwort.content.decode()


def test_falsches_passwort_deutsche_meldung(client, mitglied_a):
    antwort = client.post("/konto/login/", {"username": "mitglied_a", "password": "falsch"})
    assert "Benutzername oder Passwort ist falsch." in antwort.content.decode()


def test_passwort_zuruecksetzen_schickt_mail(client, mitglied_a):
    client.post("/konto/password_reset/", {"email": mitglied_a.email})
    assert len(mail.outbox) == 1
    assert "/konto/reset/" in mail.outbox[0].body
