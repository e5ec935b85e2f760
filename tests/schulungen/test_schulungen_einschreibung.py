"""Enrolment, waitlist and participants through the services (GIVEN/WHEN/THEN)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from kommunen.models import AuditEintrag, Rolle
from prozessbibliothek.fehler import NichtGefunden
from schulungen import services, tasks
from schulungen.models import Einschreibung, Teilnahme

ES = Einschreibung.Status
BERLIN = ZoneInfo("Europe/Berlin")


def test_anmeldung_bekommt_platz_solange_frei_dann_warteliste(
    kommunen_mit_admin, make_kohorte, django_capture_on_commit_callbacks
):
    kohorte = make_kohorte(max_kommunen=2)
    paare = kommunen_mit_admin(3)
    with django_capture_on_commit_callbacks(execute=True):
        ergebnisse = [
            services.einschreibung_anfragen(user=admin, kommune=k, kohorte=kohorte).status
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
    e1 = services.einschreibung_anfragen(user=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(user=a2, kommune=k2, kohorte=kohorte)
    e3 = services.einschreibung_anfragen(user=a3, kommune=k3, kohorte=kohorte)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.einschreibung_zurueckziehen(user=a1, einschreibung=e1)

    e2.refresh_from_db()
    e3.refresh_from_db()
    assert (e2.status, e3.status) == (ES.BESTAETIGT, ES.WARTELISTE)
    assert [m.to for m in mail.outbox] == [[a2.email]]
    assert "nachgerückt" in mail.outbox[0].body


def test_doppelte_anmeldung_wird_abgelehnt(admin_a, kommune_a, kohorte):
    services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)
    with pytest.raises(ValidationError, match="bereits angemeldet"):
        services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)


def test_anmeldung_nach_anmeldeschluss_wird_abgelehnt(admin_a, kommune_a, make_kohorte):
    kohorte = make_kohorte(anmeldeschluss=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError, match="Anmeldeschluss"):
        services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)


def test_admin_von_a_kann_b_nicht_anmelden(admin_a, kommune_b, kohorte):
    with pytest.raises(NichtGefunden):
        services.einschreibung_anfragen(user=admin_a, kommune=kommune_b, kohorte=kohorte)


def test_leserecht_reicht_nicht_zum_anmelden(mitglied_a, kommune_a, kohorte):
    with pytest.raises(NichtGefunden):
        services.einschreibung_anfragen(user=mitglied_a, kommune=kommune_a, kohorte=kohorte)


def test_zurueckgezogene_kommune_stellt_sich_neu_hinten_an(kommunen_mit_admin, make_kohorte):
    kohorte = make_kohorte(max_kommunen=1)
    (k1, a1), (k2, a2), (k3, a3) = kommunen_mit_admin(3)
    services.einschreibung_anfragen(user=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(user=a2, kommune=k2, kohorte=kohorte)
    services.einschreibung_anfragen(user=a3, kommune=k3, kohorte=kohorte)
    services.einschreibung_zurueckziehen(user=a2, einschreibung=e2)

    e2 = services.einschreibung_anfragen(user=a2, kommune=k2, kohorte=kohorte)

    warteliste = kohorte.einschreibungen.filter(status=ES.WARTELISTE).order_by("angefragt_am")
    assert [e.kommune for e in warteliste] == [k3, k2]


def test_ohne_automatik_entscheidet_die_koordination(koordinator, kommunen_mit_admin, make_kohorte):
    kohorte = make_kohorte(max_kommunen=1, automatisch_bestaetigen=False)
    (k1, a1), (k2, a2) = kommunen_mit_admin(2)
    e1 = services.einschreibung_anfragen(user=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(user=a2, kommune=k2, kohorte=kohorte)
    assert (e1.status, e2.status) == (ES.ANGEFRAGT, ES.ANGEFRAGT)

    e1 = services.einschreibung_entscheiden(
        user=koordinator, einschreibung=e1, aktion="bestaetigen"
    )
    e2 = services.einschreibung_entscheiden(
        user=koordinator, einschreibung=e2, aktion="bestaetigen"
    )

    assert (e1.status, e2.status) == (ES.BESTAETIGT, ES.WARTELISTE)


def test_ablehnen_mit_nachricht_gibt_den_platz_weiter(
    koordinator, kommunen_mit_admin, make_kohorte, django_capture_on_commit_callbacks
):
    kohorte = make_kohorte(max_kommunen=1)
    (k1, a1), (k2, a2) = kommunen_mit_admin(2)
    e1 = services.einschreibung_anfragen(user=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(user=a2, kommune=k2, kohorte=kohorte)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.einschreibung_entscheiden(
            user=koordinator, einschreibung=e1, aktion="ablehnen", nachricht="Bitte nächstes Jahr."
        )

    e2.refresh_from_db()
    assert e2.status == ES.BESTAETIGT
    absage = next(m for m in mail.outbox if a1.email in m.to)
    assert "Bitte nächstes Jahr." in absage.body


def test_nur_koordination_entscheidet(admin_a, kommune_a, kohorte):
    e = services.einschreibung_anfragen(user=admin_a, kommune=kommune_a, kohorte=kohorte)
    with pytest.raises(NichtGefunden):
        services.einschreibung_entscheiden(user=admin_a, einschreibung=e, aktion="ablehnen")


def test_mehr_plaetze_lassen_warteliste_nachruecken(koordinator, kommunen_mit_admin, make_kohorte):
    kohorte = make_kohorte(max_kommunen=1)
    (k1, a1), (k2, a2) = kommunen_mit_admin(2)
    services.einschreibung_anfragen(user=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(user=a2, kommune=k2, kohorte=kohorte)

    services.kohorte_aendern(user=koordinator, kohorte=kohorte, max_kommunen=2)

    e2.refresh_from_db()
    assert e2.status == ES.BESTAETIGT


def test_weniger_plaetze_als_bestaetigt_wird_abgelehnt(
    koordinator, kommunen_mit_admin, make_kohorte
):
    # GIVEN two confirmed Kommunen in a cohort with three places
    kohorte = make_kohorte(max_kommunen=3)
    for k, admin in kommunen_mit_admin(2):
        services.einschreibung_anfragen(user=admin, kommune=k, kohorte=kohorte)

    # WHEN the coordination cuts the places to one (a valid number on its own)
    with pytest.raises(ValidationError) as fehler:
        services.kohorte_aendern(user=koordinator, kohorte=kohorte, max_kommunen=1)

    # THEN it is refused for the rule it breaks, and nothing changed
    assert fehler.value.message_dict == {
        "max_kommunen": ["Es sind bereits 2 Kommunen bestätigt; weniger Plätze gehen nicht."]
    }
    kohorte.refresh_from_db()
    assert kohorte.max_kommunen == 3
    # Exactly as many places as confirmed is fine.
    services.kohorte_aendern(user=koordinator, kohorte=kohorte, max_kommunen=2)
    kohorte.refresh_from_db()
    assert kohorte.max_kommunen == 2


def test_weniger_plaetze_als_angemeldete_personen_wird_abgelehnt(
    koordinator, admin_a, kommune_a, make_mitglied, kohorte, make_veranstaltung
):
    # GIVEN an event with three seats, two of them taken by named participants
    v = make_veranstaltung(kohorte, kapazitaet=3)
    personen = [make_mitglied(kommune_a), make_mitglied(kommune_a)]
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=personen
    )
    assert v.teilnahmen.filter(status="angemeldet").count() == 2

    with pytest.raises(ValidationError) as fehler:
        services.veranstaltung_aendern(user=koordinator, veranstaltung=v, kapazitaet=1)

    assert fehler.value.message_dict == {
        "kapazitaet": ["Es sind bereits 2 Personen angemeldet; weniger Plätze gehen nicht."]
    }
    v.refresh_from_db()
    assert v.kapazitaet == 3


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
        services.veranstaltung_erstellen(user=koordinator, kohorte=kohorte, **daten)
    assert meldung in " ".join(fehler.value.messages)


def test_kohorte_mit_ende_vor_beginn_wird_abgelehnt(koordinator):
    heute = timezone.localdate()
    with pytest.raises(ValidationError) as fehler:
        services.kohorte_erstellen(
            user=koordinator, name="X", jahr=2027, beginn=heute, ende=heute - timedelta(days=1),
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
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[p1, p2]
    )

    assert Teilnahme.objects.get(veranstaltung=gross, person=p2).status == "angemeldet"
    stati = sorted(Teilnahme.objects.filter(veranstaltung=klein).values_list("status", flat=True))
    assert stati == ["angemeldet", "warteliste"]

    # WHEN the person with the place is no longer named, the waitlisted one moves up.
    erster = Teilnahme.objects.get(veranstaltung=klein, status="angemeldet").person
    uebrig = p2 if erster == p1 else p1
    services.teilnehmende_festlegen(user=admin_a, einschreibung=e, personen=[uebrig])
    assert Teilnahme.objects.get(veranstaltung=klein, person=uebrig).status == "angemeldet"


def test_teilnehmende_nur_aus_der_eigenen_kommune(admin_a, kommune_a, mitglied_b, kohorte):
    with pytest.raises(ValidationError, match="nur Mitglieder"):
        services.einschreibung_anfragen(
            user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_b]
        )


def test_erinnerung_am_vortag_einmal(
    koordinator, admin_a, kommune_a, mitglied_a, make_kohorte, make_veranstaltung
):
    heute = timezone.localdate()
    kohorte = make_kohorte(beginn=heute)
    morgen = timezone.localtime() + timedelta(days=1)
    make_veranstaltung(kohorte, beginn=morgen.replace(hour=10, minute=0))
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    mail.outbox.clear()

    assert tasks.erinnerungen_senden() == 1
    assert tasks.erinnerungen_senden() == 0  # runs twice, reminds once
    assert [m.to for m in mail.outbox] == [[mitglied_a.email]]
    assert "Erinnerung" in mail.outbox[0].subject
    assert "10:00 Uhr" in mail.outbox[0].body


def _hat_begonnen(v) -> None:
    """Time passes: the event started an hour ago (places were given while it was coming)."""
    jetzt = timezone.now()
    type(v).objects.filter(pk=v.pk).update(
        beginn=jetzt - timedelta(hours=1), ende=jetzt + timedelta(hours=1)
    )
    v.refresh_from_db()


def test_anwesenheit_ab_beginn(
    koordinator, admin_a, kommune_a, mitglied_a, redakteur_a, kohorte, make_veranstaltung
):
    v = make_veranstaltung(kohorte)
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a, redakteur_a]
    )
    _hat_begonnen(v)

    n = services.anwesenheit_erfassen(user=koordinator, veranstaltung=v, anwesend={mitglied_a.pk})

    assert n == 1
    stati = dict(v.teilnahmen.values_list("person__username", "status"))
    assert stati == {"mitglied_a": "anwesend", "redakteur_a": "abwesend"}


def test_anwesenheit_vor_beginn_wird_abgelehnt(
    koordinator, admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung
):
    # GIVEN an event tomorrow with one participant
    v = make_veranstaltung(kohorte, beginn=timezone.now() + timedelta(days=1))
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )

    # WHEN the coordination tries to record attendance (nobody present: all would be absent)
    with pytest.raises(ValidationError) as fehler:
        services.anwesenheit_erfassen(user=koordinator, veranstaltung=v, anwesend=set())

    # THEN it is refused, and the participant does not see "abwesend" for a future date
    assert "erst ab Beginn der Veranstaltung" in fehler.value.messages[0]
    assert Teilnahme.objects.get(veranstaltung=v, person=mitglied_a).status == "angemeldet"


def test_veranstaltung_in_die_zukunft_verlegt_loescht_erfasste_anwesenheit(
    koordinator, admin_a, kommune_a, mitglied_a, kohorte, make_veranstaltung
):
    v = make_veranstaltung(kohorte)
    services.einschreibung_anfragen(
        user=admin_a, kommune=kommune_a, kohorte=kohorte, teilnehmende=[mitglied_a]
    )
    _hat_begonnen(v)
    services.anwesenheit_erfassen(user=koordinator, veranstaltung=v, anwesend=set())

    neu = timezone.now() + timedelta(days=45)
    services.veranstaltung_aendern(
        user=koordinator, veranstaltung=v, beginn=neu, ende=neu + timedelta(hours=2)
    )

    assert Teilnahme.objects.get(veranstaltung=v, person=mitglied_a).status == "angemeldet"


def test_veranstaltung_ausserhalb_der_kohorte_wird_abgelehnt(koordinator, make_kohorte):
    # GIVEN a cohort running through 2028
    kohorte = make_kohorte(
        jahr=2028, beginn=date(2028, 1, 15), ende=date(2028, 12, 15),
        anmeldeschluss=date(2028, 1, 1),
    )  # fmt: skip
    daten = {"typ": "workshop", "titel": "Workshop", "format": "online"}

    # WHEN an event is dated 01.01.2035
    beginn = datetime(2035, 1, 1, 10, tzinfo=BERLIN)
    with pytest.raises(ValidationError) as fehler:
        services.veranstaltung_erstellen(
            user=koordinator, kohorte=kohorte, beginn=beginn, ende=beginn + timedelta(hours=2),
            **daten,
        )  # fmt: skip

    # THEN it is refused with the cohort's period named, and nothing was created
    assert fehler.value.message_dict == {
        "beginn": [
            "Die Veranstaltung liegt außerhalb des Zeitraums der Kohorte (15.01.2028 – 15.12.2028)."
        ]
    }
    assert not kohorte.veranstaltungen.exists()

    # The last day of the cohort (Berlin time, late evening) is still inside.
    spaet = datetime(2028, 12, 15, 20, tzinfo=BERLIN)
    services.veranstaltung_erstellen(
        user=koordinator, kohorte=kohorte, beginn=spaet, ende=spaet + timedelta(hours=2),
        **daten,
    )  # fmt: skip
    assert kohorte.veranstaltungen.count() == 1


def test_kohorte_kuerzen_laesst_keine_veranstaltung_draussen(
    koordinator, make_kohorte, make_veranstaltung
):
    kohorte = make_kohorte(
        beginn=date(2028, 1, 15), ende=date(2028, 12, 15), anmeldeschluss=date(2028, 1, 1)
    )
    make_veranstaltung(kohorte, titel="Abschluss", beginn=datetime(2028, 11, 30, 10, tzinfo=BERLIN))

    with pytest.raises(ValidationError) as fehler:
        services.kohorte_aendern(user=koordinator, kohorte=kohorte, ende=date(2028, 10, 31))

    assert (
        "„Abschluss“ am 30.11.2028 läge außerhalb des neuen Zeitraums" in (fehler.value.messages[0])
    )
    kohorte.refresh_from_db()
    assert kohorte.ende == date(2028, 12, 15)
