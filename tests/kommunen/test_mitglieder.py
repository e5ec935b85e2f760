"""Meine Kommune: members, roles, invitations — and that Kommune B never sees or changes A's."""

import pytest
from django.core import mail

from kommunen.models import AuditEintrag, Einladung, Mitgliedschaft, Rolle

pytestmark = pytest.mark.django_db


def test_admin_sieht_mitglieder_und_einladungsformular(client_als, admin_a, mitglied_a, kommune_a):
    seite = client_als(admin_a).get("/meine-kommune/")
    text = seite.content.decode()
    assert seite.status_code == 200
    assert kommune_a.name in text
    assert mitglied_a.email in text
    assert "Einladung senden" in text


def test_lesendes_mitglied_sieht_keine_verwaltung(client_als, mitglied_a, admin_a):
    text = client_als(mitglied_a).get("/meine-kommune/").content.decode()
    assert admin_a.email in text
    assert "Einladung senden" not in text
    assert "Rolle ändern" not in text


def test_ohne_mitgliedschaft_freundlicher_hinweis(client_als, make_user):
    text = client_als(make_user()).get("/meine-kommune/").content.decode()
    assert "noch zu keiner Mitgliedskommune" in text


def test_anonym_wird_zur_anmeldung_geschickt(client):
    antwort = client.get("/meine-kommune/")
    assert antwort.status_code == 302
    assert "/konto/login/" in antwort["Location"]


def test_einladen_verschickt_einmal_link_per_mail(
    client_als, admin_a, kommune_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_als(admin_a).post(
            f"/meine-kommune/{kommune_a.slug}/einladen/",
            {"email": "Neue.Kollegin@Boeblingen.example", "rolle": Rolle.BEARBEITEN},
            follow=True,
        )
    assert "Die Einladung an neue.kollegin@boeblingen.example wurde verschickt." in (
        antwort.content.decode()
    )
    assert len(mail.outbox) == 1
    assert "/einladung/" in mail.outbox[0].body
    assert Einladung.objects.get().rolle == Rolle.BEARBEITEN
    assert AuditEintrag.objects.filter(aktion="einladung.erstellt", kommune=kommune_a).exists()


def test_einladen_mit_ungueltiger_email_deutsche_meldung(client_als, admin_a, kommune_a):
    antwort = client_als(admin_a).post(
        f"/meine-kommune/{kommune_a.slug}/einladen/",
        {"email": "kein-at", "rolle": "lesen"},
        follow=True,
    )
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein." in antwort.content.decode()
    assert not Einladung.objects.exists()


def test_kommune_kommt_aus_der_mitgliedschaft_nicht_aus_der_anfrage(
    client_als, admin_a, kommune_a, kommune_b
):
    """GIVEN admin of A WHEN the form names B in its body THEN the invitation still goes to A."""
    client_als(admin_a).post(
        f"/meine-kommune/{kommune_a.slug}/einladen/",
        {
            "email": "x@example.org",
            "rolle": "lesen",
            "kommune": kommune_b.pk,
            "kommune_id": kommune_b.pk,
        },
    )
    assert Einladung.objects.get().kommune == kommune_a


def test_admin_von_b_kann_in_a_nicht_einladen(client_als, admin_b, kommune_a):
    antwort = client_als(admin_b).post(
        f"/meine-kommune/{kommune_a.slug}/einladen/", {"email": "x@example.org", "rolle": "lesen"}
    )
    assert antwort.status_code == 404
    assert not Einladung.objects.exists()


def test_b_sieht_mitglieder_von_a_nicht(client_als, admin_b, admin_a, kommune_a):
    antwort = client_als(admin_b).get(f"/meine-kommune/?kommune={kommune_a.slug}")
    assert antwort.status_code == 404
    assert admin_a.email not in antwort.content.decode()


@pytest.mark.parametrize("aktion", ["rolle", "entfernen"])
def test_b_kann_mitgliedschaften_von_a_nicht_aendern(
    client_als, admin_b, kommune_a, kommune_b, mitglied_a, aktion
):
    m = Mitgliedschaft.objects.get(user=mitglied_a)
    # Both through B's own URL and through A's: the membership of A is not there for B.
    for slug in (kommune_b.slug, kommune_a.slug):
        antwort = client_als(admin_b).post(
            f"/meine-kommune/{slug}/mitglieder/{m.pk}/{aktion}/", {"rolle": "verwalten"}
        )
        assert antwort.status_code == 404
    m.refresh_from_db()
    assert m.rolle == Rolle.LESEN


def test_b_kann_einladungen_von_a_nicht_zurueckziehen(
    client_als, admin_a, admin_b, kommune_a, kommune_b
):
    from kommunen import services

    einladung, _ = services.einladung_erstellen(
        user=admin_a, kommune=kommune_a, email="x@example.org", rolle="lesen"
    )
    for slug in (kommune_b.slug, kommune_a.slug):
        antwort = client_als(admin_b).post(
            f"/meine-kommune/{slug}/einladungen/{einladung.uuid}/zurueckziehen/"
        )
        assert antwort.status_code == 404
    einladung.refresh_from_db()
    assert einladung.ist_offen


def test_lesendes_mitglied_kann_nicht_einladen(client_als, mitglied_a, kommune_a):
    antwort = client_als(mitglied_a).post(
        f"/meine-kommune/{kommune_a.slug}/einladen/", {"email": "x@example.org", "rolle": "lesen"}
    )
    assert antwort.status_code == 404


def test_rolle_aendern_und_entfernen(client_als, admin_a, mitglied_a, kommune_a):
    m = Mitgliedschaft.objects.get(user=mitglied_a)
    c = client_als(admin_a)
    antwort = c.post(
        f"/meine-kommune/{kommune_a.slug}/mitglieder/{m.pk}/rolle/",
        {"rolle": "bearbeiten"},
        follow=True,
    )
    assert "ist jetzt „Bearbeiten (Redaktion)“" in antwort.content.decode()
    m.refresh_from_db()
    assert m.rolle == Rolle.BEARBEITEN
    antwort = c.post(
        f"/meine-kommune/{kommune_a.slug}/mitglieder/{m.pk}/entfernen/",
        {"bestaetigt": "ja"},
        follow=True,
    )
    assert "ist nicht mehr Mitglied" in antwort.content.decode()
    assert not Mitgliedschaft.objects.filter(pk=m.pk).exists()


def test_entfernen_fragt_erst_nach(client_als, admin_a, mitglied_a, kommune_a):
    """One click on "entfernen" must not remove anyone: it shows what will follow."""
    m = Mitgliedschaft.objects.get(user=mitglied_a)
    c = client_als(admin_a)
    url = f"/meine-kommune/{kommune_a.slug}/mitglieder/{m.pk}/entfernen/"

    # The member list links to the question, it does not post the removal.
    liste = c.get("/meine-kommune/").content.decode()
    assert f'href="{url}"' in liste
    assert f'action="{url}"' not in liste

    for antwort in (c.get(url), c.post(url)):  # the link, or a POST without confirmation
        text = antwort.content.decode()
        assert antwort.status_code == 200
        assert f"{mitglied_a.anzeigename()} aus Böblingen, Stadt entfernen?" in text
        assert "verliert sofort den Zugang" in text
        assert 'name="bestaetigt" value="ja"' in text
        assert Mitgliedschaft.objects.filter(pk=m.pk).exists()
    assert not AuditEintrag.objects.filter(aktion="mitgliedschaft.entfernt").exists()


def test_letzter_admin_kann_sich_nicht_herabstufen(client_als, admin_a, kommune_a):
    m = Mitgliedschaft.objects.get(user=admin_a)
    antwort = client_als(admin_a).post(
        f"/meine-kommune/{kommune_a.slug}/mitglieder/{m.pk}/rolle/",
        {"rolle": "lesen"},
        follow=True,
    )
    assert "mindestens eine Person mit der Rolle „Verwalten“" in antwort.content.decode()
    m.refresh_from_db()
    assert m.rolle == Rolle.VERWALTEN


def test_einladen_mit_zu_langer_email(client_als, admin_a, kommune_a):
    zu_lang = "a" * 64 + "@" + ".".join(["b" * 63, "c" * 63, "d" * 59]) + ".de"
    antwort = client_als(admin_a).post(
        f"/meine-kommune/{kommune_a.slug}/einladen/",
        {"email": zu_lang, "rolle": "lesen"},
        follow=True,
    )
    assert "Eine E-Mail-Adresse hat höchstens 254 Zeichen; diese hat 255." in (
        antwort.content.decode()
    )
    assert not Einladung.objects.exists()


def test_deaktiviertes_konto_zaehlt_nicht_als_admin(client_als, admin_a, make_mitglied, kommune_a):
    """GIVEN a second admin whose account was deactivated WHEN the active one steps down THEN it is
    refused: the deactivated account cannot administer the Kommune."""
    zweite = make_mitglied(kommune_a, Rolle.VERWALTEN)
    zweite.is_active = False
    zweite.save()
    m = Mitgliedschaft.objects.get(user=admin_a)
    antwort = client_als(admin_a).post(
        f"/meine-kommune/{kommune_a.slug}/mitglieder/{m.pk}/rolle/", {"rolle": "lesen"}, follow=True
    )
    assert "mindestens eine Person mit der Rolle „Verwalten“" in antwort.content.decode()
    m.refresh_from_db()
    assert m.rolle == Rolle.VERWALTEN


def test_deaktiviertes_konto_erscheint_nicht_in_der_mitgliederliste(
    client_als, admin_a, mitglied_a
):
    mitglied_a.is_active = False
    mitglied_a.save()
    assert mitglied_a.email not in client_als(admin_a).get("/meine-kommune/").content.decode()
