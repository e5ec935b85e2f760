"""Capacity under real concurrency: only meaningful on PostgreSQL (row locks)."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import connections

from schulungen import services
from schulungen.models import Einschreibung

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


# Skipped before any database setup, so no flush happens on SQLite either.
if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
    pytest.skip(
        "Nebenläufigkeitstest braucht PostgreSQL (DATABASE_URL=postgres://…)",
        allow_module_level=True,
    )


def test_20_gleichzeitige_anmeldungen_fuer_5_plaetze(kommunen_mit_admin, make_kohorte):
    # GIVEN a cohort with 5 places and 20 Kommunen whose admins press "Anmelden" at once
    kohorte = make_kohorte(max_kommunen=5)
    paare = kommunen_mit_admin(20)
    assert len(paare) == 20
    start = threading.Barrier(len(paare))
    fehler: list[BaseException] = []

    def anmelden(kommune, admin):
        try:
            start.wait()
            services.einschreibung_anfragen(user=admin, kommune=kommune, kohorte=kohorte)
        except BaseException as exc:
            fehler.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=anmelden, args=paar) for paar in paare]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    # THEN exactly 5 are confirmed and 15 wait, in the order they arrived
    assert not fehler
    alle = list(Einschreibung.objects.filter(kohorte=kohorte).order_by("angefragt_am", "id"))
    assert [e.status for e in alle] == ["bestaetigt"] * 5 + ["warteliste"] * 15
    warteliste = [e for e in alle if e.status == "warteliste"]

    # WHEN a confirmed Kommune withdraws, exactly the first on the waitlist moves up
    zurueck = alle[2]
    admin = next(a for k, a in paare if k == zurueck.kommune)
    services.einschreibung_zurueckziehen(user=admin, einschreibung=zurueck)

    stati = dict(Einschreibung.objects.filter(kohorte=kohorte).values_list("pk", "status"))
    assert stati[warteliste[0].pk] == "bestaetigt"
    assert all(stati[e.pk] == "warteliste" for e in warteliste[1:])
    assert list(stati.values()).count("bestaetigt") == 5
