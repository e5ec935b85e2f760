"""Seats are counted once, over valid places: a hidden place takes no seat.

A place is hidden when its person is no longer validly named (account deactivated, Kommune out of
the network). Capacity, the event page, the coordination's dashboard, the waitlist and the
attendance rate all follow that one count.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from schulungen import services
from schulungen.models import Teilnahme

pytestmark = pytest.mark.django_db


@pytest.fixture
def ein_platz(admin_a, kommune_a, make_mitglied, kohorte, make_veranstaltung):
    """An event with one seat; two named members of Böblingen: one holds it, one waits."""
    v = make_veranstaltung(kohorte, kapazitaet=1)
    erste, zweite = make_mitglied(kommune_a), make_mitglied(kommune_a)
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[erste]
    )
    e = kohorte.einschreibungen.get(kommune=kommune_a)
    services.teilnehmende_festlegen(user=admin_a, einschreibung=e, personen=[erste, zweite])
    assert Teilnahme.objects.get(veranstaltung=v, person=erste).status == "angemeldet"
    assert Teilnahme.objects.get(veranstaltung=v, person=zweite).status == "warteliste"
    return {"v": v, "erste": erste, "zweite": zweite}


def _status(v, person) -> str:
    return Teilnahme.objects.get(veranstaltung=v, person=person).status


def test_deaktiviertes_konto_belegt_keinen_platz_und_die_warteliste_rueckt_nach(
    client_als,
    koordinator,
    mitglied_a,
    kohorte,
    ein_platz,
    hat_begonnen,
    django_capture_on_commit_callbacks,
):
    v, erste, zweite = ein_platz["v"], ein_platz["erste"], ein_platz["zweite"]

    def seite() -> str:
        antwort = client_als(mitglied_a).get(reverse("schulungen_veranstaltung", args=[v.uuid]))
        return antwort.content.decode()

    def dashboard() -> str:
        antwort = client_als(koordinator).get(reverse("koordination_kohorte", args=[kohorte.uuid]))
        return antwort.content.decode()

    # GIVEN the account holding the only seat is deactivated (no service ran)
    erste.is_active = False
    erste.save(update_fields=["is_active"])

    # THEN its hidden place takes no seat: event page and dashboard say 0 of 1
    assert "0 von 1 vergeben" in seite()
    assert "<td>0 / 1</td>" in dashboard()

    # WHEN the coordination changes the event, the waitlist moves up into the free seat
    with django_capture_on_commit_callbacks(execute=True):
        services.veranstaltung_aendern(user=koordinator, veranstaltung=v, titel="BPMN kompakt")
    assert _status(v, zweite) == "angemeldet"
    assert "1 von 1 vergeben" in seite()

    # AND after the start, ticking everyone visible gives 100 %, the hidden row stays untouched
    hat_begonnen(v)
    services.anwesenheit_erfassen(user=koordinator, veranstaltung=v, anwesend={zweite.pk})
    assert "100 % <small>(1 von 1)</small>" in dashboard()
    assert _status(v, erste) == "angemeldet"


def test_deaktivieren_im_admin_bereich_gibt_den_platz_an_die_warteliste(
    client_als, make_user, ein_platz, django_capture_on_commit_callbacks
):
    v, erste, zweite = ein_platz["v"], ein_platz["erste"], ein_platz["zweite"]
    chefin = make_user("chefin", is_staff=True, is_superuser=True)

    # WHEN the account holding the seat is deactivated on the admin site
    with django_capture_on_commit_callbacks(execute=True):
        antwort = client_als(chefin).post(
            reverse("admin:kommunen_benutzer_change", args=[erste.pk]),
            {
                "username": erste.username,
                "first_name": erste.first_name,
                "last_name": erste.last_name,
                "email": erste.email,
                "date_joined_0": f"{erste.date_joined:%Y-%m-%d}",
                "date_joined_1": f"{erste.date_joined:%H:%M:%S}",
                # is_active left out: the box is unticked
            },
        )
    assert antwort.status_code == 302

    # THEN the seat is given back for good and the waiting person has it
    assert not Teilnahme.objects.filter(veranstaltung=v, person=erste).exists()
    assert _status(v, zweite) == "angemeldet"
