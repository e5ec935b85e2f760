"""Pages for Kommunen-Admins and the coordination: tenancy (404) and CSV exports."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kommunen.models import Rolle
from schulungen import services
from schulungen.models import Einschreibung, Kohorte, Teilnahme

pytestmark = pytest.mark.django_db


def test_admin_meldet_eigene_kommune_an_und_benennt_teilnehmende(
    client_als, admin_a, kommune_a, mitglied_a, kohorte
):
    client = client_als(admin_a)
    antwort = client.post(
        reverse("schulungen_anmelden", args=[kohorte.uuid]),
        {"kommune": kommune_a.slug, "personen": [mitglied_a.pk]},
        follow=True,
    )
    assert "hat einen Platz" in antwort.content.decode()
    e = Einschreibung.objects.get(kohorte=kohorte)
    assert e.kommune == kommune_a and list(e.teilnehmende.all()) == [mitglied_a]


def test_admin_von_a_kann_b_nicht_anmelden_sehen_oder_zurueckziehen(
    client_als, admin_a, admin_b, kommune_b, mitglied_b, kohorte
):
    e_b = services.einschreibung_anfragen(
        user=admin_b, kommune=kommune_b, kohorte=kohorte, teilnehmende=[mitglied_b]
    )
    client = client_als(admin_a)

    # enrol B: the Kommune comes from A's own memberships → 404
    antwort = client.post(
        reverse("schulungen_anmelden", args=[kohorte.uuid]), {"kommune": kommune_b.slug}
    )
    assert antwort.status_code == 404
    # B's participants are not on A's page, nor reachable by URL
    seite = client.get(reverse("schulungen_kohorte", args=[kohorte.uuid])).content.decode()
    assert mitglied_b.email not in seite
    assert (
        client.post(
            reverse("schulungen_teilnehmende", args=[e_b.uuid]), {"personen": []}
        ).status_code
        == 404
    )
    # withdraw B → 404, and B stays enrolled
    assert client.post(reverse("schulungen_zurueckziehen", args=[e_b.uuid])).status_code == 404
    e_b.refresh_from_db()
    assert e_b.status == "bestaetigt"
    assert client.get(reverse("api_einschreibung", args=[e_b.uuid])).status_code == 404


def test_fehlermeldung_auf_deutsch_statt_stacktrace(client_als, admin_a, kommune_a, make_kohorte):
    kohorte = make_kohorte(anmeldeschluss=timezone.localdate() - timedelta(days=1))
    antwort = client_als(admin_a).post(
        reverse("schulungen_anmelden", args=[kohorte.uuid]),
        {"kommune": kommune_a.slug},
        follow=True,
    )
    assert antwort.status_code == 200
    assert "Anmeldeschluss" in antwort.content.decode()


@pytest.mark.parametrize("name", ["mitglied_a", "admin_a", "anonym"])
def test_koordinationsseiten_und_csv_nur_fuer_koordination(
    client_als, client, request, kohorte, name
):
    c = client if name == "anonym" else client_als(request.getfixturevalue(name))
    for url in [
        reverse("koordination"),
        reverse("koordination_kohorte", args=[kohorte.uuid]),
        reverse("koordination_einschreibungen_csv", args=[kohorte.uuid]),
        reverse("koordination_anwesenheit_csv", args=[kohorte.uuid]),
    ]:
        antwort = c.get(url)
        assert antwort.status_code in (404, 302), url  # anonymous: to the login first
        if antwort.status_code == 302:
            assert "/konto/login/" in antwort["Location"]


def test_csv_export_oeffnet_in_excel_mit_umlauten(
    client_als, koordinator, make_mitglied, kohorte, make_veranstaltung, hat_begonnen, stammdaten
):
    from kommunen.models import Kommune

    kommune = Kommune.objects.get(ags="08111000")  # Stuttgart
    kommune.ist_mitglied = True
    kommune.save()
    admin = make_mitglied(kommune, Rolle.VERWALTEN, first_name="Jürgen", last_name="Größe")
    v = make_veranstaltung(kohorte, titel="Übung: Prozesse modellieren")
    services.einschreibung_anfragen(
        user=admin, kommune=kommune, kohorte=kohorte, teilnehmende=[admin]
    )
    hat_begonnen(v)
    services.anwesenheit_erfassen(user=koordinator, veranstaltung=v, anwesend={admin.pk})
    client = client_als(koordinator)

    antwort = client.get(reverse("koordination_einschreibungen_csv", args=[kohorte.uuid]))
    assert antwort.status_code == 200
    assert antwort["Content-Type"].startswith("text/csv")
    assert antwort.content.startswith(b"\xef\xbb\xbf")
    zeilen = list(csv.reader(io.StringIO(antwort.content.decode("utf-8-sig")), delimiter=";"))
    assert zeilen[0][:3] == ["Kommune", "AGS", "Status"]
    assert zeilen[1][0] == kommune.name and zeilen[1][2] == "bestätigt"
    assert "Jürgen Größe" in zeilen[1]

    anwesenheit = client.get(reverse("koordination_anwesenheit_csv", args=[kohorte.uuid]))
    text = anwesenheit.content.decode("utf-8-sig")
    assert "Übung: Prozesse modellieren" in text and "anwesend" in text


def test_koordination_legt_kohorte_und_veranstaltung_an_mit_klaren_fehlern(client_als, koordinator):
    client = client_als(koordinator)
    daten = {
        "name": "Kohorte 2027/28", "jahr": 2027, "beginn": "2027-03-01", "ende": "2027-02-01",
        "anmeldeschluss": "2027-02-15", "max_kommunen": "-2", "status": "offen",
    }  # fmt: skip
    antwort = client.post(reverse("koordination_kohorte_neu"), daten)
    text = antwort.content.decode()
    assert antwort.status_code == 200
    assert "Das Ende liegt vor dem Beginn." in text
    assert "Die Zahl der Plätze muss mindestens 1 sein." in text

    daten.update(ende="2028-01-31", max_kommunen="8", automatisch_bestaetigen="on")
    antwort = client.post(reverse("koordination_kohorte_neu"), daten)
    assert antwort.status_code == 302
    kohorte = Kohorte.objects.get(name="Kohorte 2027/28")

    url = reverse("koordination_veranstaltung_neu", args=[kohorte.uuid])
    falsch = {"typ": "workshop", "titel": "Workshop", "beginn": "2027-03-30T10:00",
              "ende": "2027-03-30T09:00", "format": "praesenz", "kapazitaet": "-1"}  # fmt: skip
    text = client.post(url, falsch).content.decode()
    assert "Das Ende muss nach dem Beginn liegen." in text
    assert "mindestens 1" in text
    falsch.update(ende="2027-03-30T16:00", kapazitaet="20")
    assert client.post(url, falsch).status_code == 302
    v = kohorte.veranstaltungen.get()
    assert timezone.localtime(v.beginn).hour == 10
    assert client.get(reverse("koordination_kohorte", args=[kohorte.uuid])).status_code == 200
    assert client.get(reverse("koordination")).status_code == 200
    assert reverse("koordination_kommunen") in client.get(reverse("koordination")).content.decode()


def test_koordination_bestaetigt_und_erfasst_anwesenheit_im_browserlosen_ablauf(
    client_als,
    koordinator,
    admin_a,
    kommune_a,
    mitglied_a,
    make_kohorte,
    make_veranstaltung,
    hat_begonnen,
):
    kohorte = make_kohorte(automatisch_bestaetigen=False)
    v = make_veranstaltung(kohorte)
    e = services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    client = client_als(koordinator)
    seite = client.get(reverse("koordination_kohorte", args=[kohorte.uuid])).content.decode()
    assert kommune_a.name in seite and "Offene Anfragen" in seite

    client.post(reverse("koordination_entscheiden", args=[e.uuid]), {"aktion": "bestaetigen"})
    e.refresh_from_db()
    assert e.status == "bestaetigt"
    hat_begonnen(v)
    client.post(reverse("koordination_anwesenheit", args=[v.uuid]), {"anwesend": [mitglied_a.pk]})
    assert Teilnahme.objects.get(veranstaltung=v, person=mitglied_a).status == "anwesend"
    seite = client.get(reverse("koordination_kohorte", args=[kohorte.uuid])).content.decode()
    assert "100 %" in seite
