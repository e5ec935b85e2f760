"""Accepting an invitation: once, before it expires, with a clear German message otherwise."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kommunen import services
from kommunen.models import Einladung, Mitgliedschaft, Rolle

pytestmark = pytest.mark.django_db


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


def test_angemeldete_person_nimmt_an(client_als, einladung, make_user, kommune_a):
    _, token = einladung
    person = make_user()
    client_als(person).post(f"/einladung/{token}/")
    assert Mitgliedschaft.objects.get(user=person).kommune == kommune_a


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
