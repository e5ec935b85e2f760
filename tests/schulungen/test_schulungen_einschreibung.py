"""Enrolment, waitlist and participants through the services (GIVEN/WHEN/THEN)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from kommunen.models import AuditEintrag, Rolle
from schulungen import services
from schulungen.models import Einschreibung, Teilnahme

ES = Einschreibung.Status


def test_anmeldung_bekommt_platz_solange_frei_dann_warteliste(
    kommunen_mit_admin, make_kohorte, django_capture_on_commit_callbacks
):
    kohorte = make_kohorte(max_kommunen=2)
    paare = kommunen_mit_admin(3)
    with django_capture_on_commit_callbacks(execute=True):
        ergebnisse = [
            services.einschreibung_anfragen(von=admin, kommune=k, kohorte=kohorte).status
            for k, admin in paare
        ]
    assert ergebnisse == [ES.BESTAETIGT, ES.BESTAETIGT, ES.WARTELISTE]
    assert AuditEintrag.objects.filter(aktion="einschreibung.angefragt").count() == 3
    betreffe = [m.subject for m in mail.outbox]
    assert sum("bestätigt" in b for b in betreffe) == 2
    assert sum("Warteliste" in b for b in betreffe) == 1


def test_zurueckziehen_laesst_genau_die_naechste_nachruecken_und_mailt(
    kommunen_mit_admin, make_kohorte, django_capture_on_commit_callbacks
):
    kohorte = make_kohorte(max_kommunen=1)
    (k1, a1), (k2, a2), (k3, a3) = kommunen_mit_admin(3)
    e1 = services.einschreibung_anfragen(von=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(von=a2, kommune=k2, kohorte=kohorte)
    e3 = services.einschreibung_anfragen(von=a3, kommune=k3, kohorte=kohorte)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.einschreibung_stornieren(von=a1, einschreibung=e1)

    e2.refresh_from_db()
    e3.refresh_from_db()
    assert (e2.status, e3.status) == (ES.BESTAETIGT, ES.WARTELISTE)
    assert [m.to for m in mail.outbox] == [[a2.email]]
    assert "nachgerückt" in mail.outbox[0].body


def test_doppelte_anmeldung_wird_abgelehnt(admin_a, kommune_a, kohorte):
    services.einschreibung_anfragen(von=admin_a, kommune=kommune_a, kohorte=kohorte)
    with pytest.raises(ValidationError, match="bereits angemeldet"):
        services.einschreibung_anfragen(von=admin_a, kommune=kommune_a, kohorte=kohorte)


def test_anmeldung_nach_anmeldeschluss_wird_abgelehnt(admin_a, kommune_a, make_kohorte):
    kohorte = make_kohorte(anmeldeschluss=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError, match="Anmeldeschluss"):
        services.einschreibung_anfragen(von=admin_a, kommune=kommune_a, kohorte=kohorte)


def test_admin_von_a_kann_b_nicht_anmelden(admin_a, kommune_b, kohorte):
    with pytest.raises(Http404):
        services.einschreibung_anfragen(von=admin_a, kommune=kommune_b, kohorte=kohorte)


def test_leserecht_reicht_nicht_zum_anmelden(mitglied_a, kommune_a, kohorte):
    with pytest.raises(Http404):
        services.einschreibung_anfragen(von=mitglied_a, kommune=kommune_a, kohorte=kohorte)


def test_zurueckgezogene_kommune_stellt_sich_neu_hinten_an(kommunen_mit_admin, make_kohorte):
    kohorte = make_kohorte(max_kommunen=1)
    (k1, a1), (k2, a2), (k3, a3) = kommunen_mit_admin(3)
    services.einschreibung_anfragen(von=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(von=a2, kommune=k2, kohorte=kohorte)
    services.einschreibung_anfragen(von=a3, kommune=k3, kohorte=kohorte)
    services.einschreibung_stornieren(von=a2, einschreibung=e2)

    e2 = services.einschreibung_anfragen(von=a2, kommune=k2, kohorte=kohorte)

    warteliste = kohorte.einschreibungen.filter(status=ES.WARTELISTE).order_by("angefragt_am")
    assert [e.kommune for e in warteliste] == [k3, k2]


def test_ohne_automatik_entscheidet_die_koordination(koordinator, kommunen_mit_admin, make_kohorte):
    kohorte = make_kohorte(max_kommunen=1, automatisch_bestaetigen=False)
    (k1, a1), (k2, a2) = kommunen_mit_admin(2)
    e1 = services.einschreibung_anfragen(von=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(von=a2, kommune=k2, kohorte=kohorte)
    assert (e1.status, e2.status) == (ES.ANGEFRAGT, ES.ANGEFRAGT)

    e1 = services.einschreibung_entscheiden(von=koordinator, einschreibung=e1, aktion="bestaetigen")
    e2 = services.einschreibung_entscheiden(von=koordinator, einschreibung=e2, aktion="bestaetigen")

    assert (e1.status, e2.status) == (ES.BESTAETIGT, ES.WARTELISTE)


def test_ablehnen_mit_nachricht_gibt_den_platz_weiter(
    koordinator, kommunen_mit_admin, make_kohorte, django_capture_on_commit_callbacks
):
    kohorte = make_kohorte(max_kommunen=1)
    (k1, a1), (k2, a2) = kommunen_mit_admin(2)
    e1 = services.einschreibung_anfragen(von=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(von=a2, kommune=k2, kohorte=kohorte)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.einschreibung_entscheiden(
            von=koordinator, einschreibung=e1, aktion="ablehnen", nachricht="Bitte nächstes Jahr."
        )

    e2.refresh_from_db()
    assert e2.status == ES.BESTAETIGT
    absage = next(m for m in mail.outbox if a1.email in m.to)
    assert "Bitte nächstes Jahr." in absage.body


def test_nur_koordination_entscheidet(admin_a, kommune_a, kohorte):
    e = services.einschreibung_anfragen(von=admin_a, kommune=kommune_a, kohorte=kohorte)
    with pytest.raises(Http404):
        services.einschreibung_entscheiden(von=admin_a, einschreibung=e, aktion="ablehnen")


def test_mehr_plaetze_lassen_warteliste_nachruecken(koordinator, kommunen_mit_admin, make_kohorte):
    kohorte = make_kohorte(max_kommunen=1)
    (k1, a1), (k2, a2) = kommunen_mit_admin(2)
    services.einschreibung_anfragen(von=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(von=a2, kommune=k2, kohorte=kohorte)

    services.kohorte_aendern(von=koordinator, kohorte=kohorte, max_kommunen=2)

    e2.refresh_from_db()
    assert e2.status == ES.BESTAETIGT


def test_weniger_plaetze_als_bestaetigt_wird_abgelehnt(koordinator, admin_a, kommune_a, kohorte):
    services.einschreibung_anfragen(von=admin_a, kommune=kommune_a, kohorte=kohorte)
    with pytest.raises(ValidationError) as fehler:
        services.kohorte_aendern(von=koordinator, kohorte=kohorte, max_kommunen=0)
    assert "mindestens 1" in str(fehler.value)


@pytest.mark.parametrize(
    ("felder", "meldung"),
    [
        ({"ende_vor_beginn": True}, "Das Ende muss nach dem Beginn liegen."),
        ({"kapazitaet": -3}, "mindestens 1"),
    ],
)
def test_ungueltige_veranstaltung_gibt_deutsche_meldung(koordinator, kohorte, felder, meldung):
    beginn = timezone.now() + timedelta(days=3)
    daten = {
        "typ": "workshop",
        "titel": "Workshop",
        "beginn": beginn,
        "ende": beginn - timedelta(hours=1)
        if felder.get("ende_vor_beginn")
        else beginn + timedelta(hours=1),
        "format": "online",
        "kapazitaet": felder.get("kapazitaet"),
    }
    with pytest.raises(ValidationError) as fehler:
        services.veranstaltung_erstellen(von=koordinator, kohorte=kohorte, **daten)
    assert meldung in " ".join(fehler.value.messages)


def test_kohorte_mit_ende_vor_beginn_wird_abgelehnt(koordinator):
    heute = timezone.localdate()
    with pytest.raises(ValidationError) as fehler:
        services.kohorte_erstellen(
            von=koordinator, name="X", jahr=2027, beginn=heute, ende=heute - timedelta(days=1),
            anmeldeschluss=heute - timedelta(days=2), max_kommunen=-1, status="offen",
        )  # fmt: skip
    assert "Das Ende liegt vor dem Beginn." in fehler.value.messages
    assert "Die Zahl der Plätze muss mindestens 1 sein." in fehler.value.messages


def test_benannte_teilnehmende_bekommen_termine_mit_kapazitaet_je_veranstaltung(
    admin_a, kommune_a, make_mitglied, kohorte, make_veranstaltung
):
    klein = make_veranstaltung(kohorte, titel="Workshop", kapazitaet=1)
    gross = make_veranstaltung(kohorte, titel="Auftakt")
    p1 = make_mitglied(kommune_a, Rolle.LESEN)
    p2 = make_mitglied(kommune_a, Rolle.BEARBEITEN)

    e = services.einschreibung_anfragen(
        von=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[p1, p2]
    )

    assert Teilnahme.objects.get(veranstaltung=gross, person=p2).status == "angemeldet"
    stati = sorted(Teilnahme.objects.filter(veranstaltung=klein).values_list("status", flat=True))
    assert stati == ["angemeldet", "warteliste"]

    # WHEN the person with the place is no longer named, the waitlisted one moves up.
    erster = Teilnahme.objects.get(veranstaltung=klein, status="angemeldet").person
    uebrig = p2 if erster == p1 else p1
    services.teilnehmende_festlegen(von=admin_a, einschreibung=e, personen=[uebrig])
    assert Teilnahme.objects.get(veranstaltung=klein, person=uebrig).status == "angemeldet"


def test_teilnehmende_nur_aus_der_eigenen_kommune(admin_a, kommune_a, mitglied_b, kohorte):
    with pytest.raises(ValidationError, match="nur Mitglieder"):
        services.einschreibung_anfragen(
            von=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_b]
        )


def test_anwesenheit_und_erinnerung(
    koordinator, admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung
):
    from schulungen import tasks

    morgen = timezone.localtime() + timedelta(days=1)
    v = make_veranstaltung(kohorte, beginn=morgen.replace(hour=10, minute=0))
    services.einschreibung_anfragen(
        von=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    mail.outbox.clear()

    assert tasks.erinnerungen_senden() == 1
    assert tasks.erinnerungen_senden() == 0  # runs twice, reminds once
    assert "Erinnerung" in mail.outbox[0].subject
    assert "10:00 Uhr" in mail.outbox[0].body

    services.anwesenheit_erfassen(von=koordinator, veranstaltung=v, anwesend={mitglied_a.pk})
    assert Teilnahme.objects.get(veranstaltung=v, person=mitglied_a).status == "anwesend"
