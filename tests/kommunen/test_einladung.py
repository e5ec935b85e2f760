"""Accepting an invitation: once, before it expires, with a clear German message otherwise."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunen import services
from kommunen.models import AuditEintrag, Einladung, Mitgliedschaft, Rolle
from prozessbibliothek.fehler import Konflikt

pytestmark = pytest.mark.django_db
TRUST_CHECK = "einladung"


@pytest.fixture
def einladung(admin_a, kommune_a):
    einladung, token = services.einladung_erstellen(
        user=admin_a, kommune=kommune_a, email="neu@example.org", rolle=Rolle.BEARBEITEN
    )
    return einladung, token


NEUES_KONTO = {
    "first_name": "Nora",
    "last_name": "Neumann",
    "username": "nora",
    "password1": "ein-langes-Passwort-99",
    "password2": "ein-langes-Passwort-99",
}


def test_neues_konto_aus_einladung_wird_mitglied_mit_rolle(client, einladung, kommune_a):
    _, token = einladung
    antwort = client.post(f"/einladung/{token}/", NEUES_KONTO, follow=True)
    assert "Willkommen! Sie sind jetzt Mitglied von Böblingen, Stadt." in antwort.content.decode()
    m = Mitgliedschaft.objects.get(user__username="nora")
    assert (m.kommune, m.rolle, m.user.email) == (kommune_a, Rolle.BEARBEITEN, "neu@example.org")


def test_link_funktioniert_nur_einmal(client, client_als, einladung, make_user):
    _, token = einladung
    client.post(f"/einladung/{token}/", NEUES_KONTO)
    client.logout()
    zweiter = make_user()
    antwort = client_als(zweiter).post(f"/einladung/{token}/")
    assert antwort.status_code == 410
    assert "bereits angenommen" in antwort.content.decode()
    assert not Mitgliedschaft.objects.filter(user=zweiter).exists()


def test_abgelaufene_einladung(client, einladung):
    obj, token = einladung
    Einladung.objects.filter(pk=obj.pk).update(gueltig_bis=timezone.now() - timedelta(minutes=1))
    antwort = client.get(f"/einladung/{token}/")
    assert antwort.status_code == 410
    assert "Diese Einladung ist abgelaufen." in antwort.content.decode()


def test_unbekannter_link(client):
    antwort = client.get("/einladung/erfunden123/")
    assert antwort.status_code == 410
    assert "Dieser Einladungslink ist ungültig." in antwort.content.decode()


def test_angemeldete_person_mit_eingeladener_adresse_nimmt_direkt_an(
    client_als, einladung, make_user, kommune_a
):
    _, token = einladung
    person = make_user(email="Neu@Example.org")
    client_als(person).post(f"/einladung/{token}/")
    assert Mitgliedschaft.objects.get(user=person).kommune == kommune_a


def test_andere_adresse_zeigt_beide_und_fragt_nach(client_als, einladung, make_user):
    _, token = einladung
    person = make_user("fremd", email="fremd@example.org")
    text = client_als(person).get(f"/einladung/{token}/").content.decode()
    assert "Diese Einladung ging an eine andere E-Mail-Adresse als die Ihres Kontos." in text
    assert "<dd>neu@example.org</dd>" in text
    assert "fremd@example.org" in text
    assert "Ja, ich nehme die Einladung an neu@example.org mit meinem Konto fremd an." in text


def test_andere_adresse_ohne_bestaetigung_uebernimmt_keine_rolle(client_als, einladung, make_user):
    obj, token = einladung
    person = make_user("fremd", email="fremd@example.org")
    antwort = client_als(person).post(f"/einladung/{token}/")
    assert antwort.status_code == 400
    assert "Bitte bestätigen Sie, dass Sie die Einladung mit Ihrem Konto annehmen" in (
        antwort.content.decode()
    )
    assert not Mitgliedschaft.objects.filter(user=person).exists()
    obj.refresh_from_db()
    assert obj.angenommen_am is None


def test_andere_adresse_mit_bestaetigung_wird_mitglied_und_protokolliert(
    client_als, einladung, make_user, kommune_a
):
    _, token = einladung
    person = make_user("fremd", email="fremd@example.org")
    client_als(person).post(f"/einladung/{token}/", {"bestaetigt": "on"})
    m = Mitgliedschaft.objects.get(user=person)
    assert (m.kommune, m.rolle) == (kommune_a, Rolle.BEARBEITEN)
    eintrag = AuditEintrag.objects.get(aktion="einladung.angenommen")
    assert eintrag.details == {
        "rolle": "bearbeiten",
        "eingeladen": "neu@example.org",
        "konto_email": "fremd@example.org",
    }


def test_dienst_nimmt_fremde_einladung_nicht_stillschweigend_an(einladung, make_user):
    _, token = einladung
    person = make_user("fremd", email="fremd@example.org")
    with pytest.raises(Konflikt) as fehler:
        services.einladung_annehmen(token=token, user=person)
    assert fehler.value.code == "andere_adresse"
    assert not Mitgliedschaft.objects.filter(user=person).exists()


def test_passwoerter_verschieden_deutsche_meldung(client, einladung):
    _, token = einladung
    daten = {**NEUES_KONTO, "password2": "anderes-Passwort-99"}
    antwort = client.post(f"/einladung/{token}/", daten)
    assert antwort.status_code == 400
    assert "Die Passwörter stimmen nicht überein." in antwort.content.decode()


def test_zurueckgezogene_einladung(client, admin_a, einladung):
    obj, token = einladung
    services.einladung_zurueckziehen(user=admin_a, einladung=obj)
    antwort = client.get(f"/einladung/{token}/")
    assert "zurückgezogen" in antwort.content.decode()


def test_abmelden_fuehrt_zur_einladung_zurueck(client_als, einladung, make_user):
    _, token = einladung
    person = make_user("fremd", email="fremd@example.org")
    c = client_als(person)
    antwort = c.post("/konto/logout/", {"next": f"/einladung/{token}/"})
    assert antwort["Location"] == f"/einladung/{token}/"
    assert "Neues Konto anlegen" in c.get(antwort["Location"]).content.decode()
