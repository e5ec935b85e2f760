"""Coordination makes Kommunen members; accounts lock after repeated failed logins."""

import html
import re

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


def _fehler(antwort) -> list[str]:
    """The error messages the page shows at the form (fields and form)."""
    return [
        html.unescape(m)
        for m in re.findall(r'<p class="error"[^>]*>(.*?)</p>', antwort.content.decode())
    ]


@pytest.mark.parametrize(
    ("ags", "meldung"),
    [
        ("1234", "Der AGS hat genau 8 Ziffern (Sie haben „1234“ eingegeben)."),
        ("081150031", "Der AGS hat genau 8 Ziffern (Sie haben „081150031“ eingegeben)."),
        ("0811500X", "Der AGS hat genau 8 Ziffern (Sie haben „0811500X“ eingegeben)."),
        ("09162000", "Der AGS einer Kommune in Baden-Württemberg beginnt mit 08."),
        ("08999999", "Zu diesem AGS gibt es keine Kommune in Baden-Württemberg."),
    ],
)
def test_ungueltiger_ags_genau_eine_deutsche_meldung(
    client_als, koordinator, stammdaten, ags, meldung
):
    antwort = client_als(koordinator).post(
        "/koordination/kommunen/", {"ags": ags, "admin_email": "it@example.org"}
    )
    assert antwort.status_code == 400
    assert _fehler(antwort) == [meldung]
    assert not Einladung.objects.exists()


def test_ags_eines_mitglieds_mit_admin_schickt_keine_zweite_einladung(
    client_als, koordinator, admin_a, kommune_a
):
    # GIVEN Böblingen is a member with an active admin
    antwort = client_als(koordinator).post(
        "/koordination/kommunen/", {"ags": kommune_a.ags, "admin_email": "neu@example.org"}
    )
    # THEN the coordination is told so, and nobody is invited
    assert antwort.status_code == 409
    assert _fehler(antwort) == [
        "Böblingen, Stadt ist bereits Mitglied und hat eine Kommunen-Admin-Person. Weitere "
        "Personen lädt diese unter „Meine Kommune“ ein."
    ]
    assert not Einladung.objects.exists()


def test_mitglied_ohne_aktive_admin_person_bekommt_neue_einladung(
    client_als, koordinator, admin_a, kommune_a, django_capture_on_commit_callbacks
):
    admin_a.is_active = False
    admin_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_als(koordinator).post(
            "/koordination/kommunen/",
            {"ags": kommune_a.ags, "admin_email": "neu@example.org"},
            follow=True,
        )
    assert (
        "Böblingen, Stadt war bereits Mitglied, hatte aber keine aktive Kommunen-Admin-Person. "
        "Die Einladung an neu@example.org wurde verschickt."
    ) in html.unescape(antwort.content.decode())
    assert Einladung.objects.get().rolle == Rolle.VERWALTEN
    assert mail.outbox[0].to == ["neu@example.org"]


def test_kommune_aufnehmen_findet_die_kommune_per_namenssuche(client_als, koordinator, stammdaten):
    c = client_als(koordinator)
    # WHEN the coordination searches "herrenberg" (no AGS at hand)
    seite = c.get("/koordination/kommunen/", {"q": "herrenberg"}).content.decode()
    # THEN Herrenberg is listed with its AGS and a link that fills the form
    assert "Herrenberg, Stadt" in seite and "08115021" in seite
    link = re.search(r'href="(\?q=herrenberg&amp;ags=08115021[^"]*)"', seite).group(1)
    formular = c.get("/koordination/kommunen/" + html.unescape(link)).content.decode()
    assert re.search(r'<input[^>]*name="ags"[^>]*value="08115021"', formular)


def test_email_laenger_als_254_zeichen_wird_abgelehnt(client_als, koordinator, stammdaten):
    zu_lang = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 59]) + ".de"
    assert len(zu_lang) == 255
    antwort = client_als(koordinator).post(
        "/koordination/kommunen/", {"ags": "08115021", "admin_email": zu_lang}
    )
    assert antwort.status_code == 400
    assert _fehler(antwort) == ["Eine E-Mail-Adresse hat höchstens 254 Zeichen; diese hat 255."]
    assert not Kommune.objects.get(ags="08115021").ist_mitglied


def test_nur_koordination_darf_aufnehmen(client_als, admin_a, stammdaten):
    antwort = client_als(admin_a).post(
        "/koordination/kommunen/", {"ags": "08115021", "admin_email": "x@example.org"}
    )
    assert antwort.status_code == 404
    assert not Kommune.objects.get(ags="08115021").ist_mitglied


def _treffer(client, q: str) -> list[str]:
    text = client.get("/kommunen/", {"q": q}).content.decode()
    return re.findall(r"<td>(08\d{6})</td>", text)


def test_alle_kommunen_geladen_und_eine_zahlschreibweise(client, stammdaten):
    assert Kommune.objects.count() == 1104
    # German thousands separator, as on the start page
    assert "1.104 Kommunen gefunden" in client.get("/kommunen/").content.decode()
    assert "1.104 Kommunen in Baden-Württemberg" in client.get("/").content.decode()


@pytest.mark.parametrize("q", ["Böblingen", "boblingen", "Boeblingen", "BÖBLINGEN"])
def test_kommunen_suche_verzeiht_umlaute(client, stammdaten, q):
    # The Kommune of that name first, then the others of the Landkreis Böblingen
    assert _treffer(client, q)[0] == "08115003"


def test_kommunen_suche_nach_kreis_mit_art(client, stammdaten):
    text = client.get("/kommunen/", {"q": "Landkreis Böblingen"}).content.decode()
    assert "26 Kommunen gefunden" in text
    assert _treffer(client, "Weißach im Tal") == ["08119083"]


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
