"""Removing or demoting an admin locks only membership rows (PostgreSQL row locks).

The lock order in schulungen/services holds Mitgliedschaft rows, then Kohorten; the account and
Kommune rows that the validity check joins must stay free, or a participant list saved at the
same moment deadlocks with it (and the admins' logins wait).
"""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from kommunen import services
from kommunen.models import Benutzer, Kommune, Mitgliedschaft, Rolle

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
    pytest.skip("Sperrtest braucht PostgreSQL (DATABASE_URL=postgres://…)", allow_module_level=True)


def _von_anderer_verbindung_frei(admin_pk: int, kommune_pk: int) -> str:
    """Can another connection take the row locks a login (UPDATE last_login) needs, at once?"""
    ergebnis: list[str] = []

    def versuchen():
        try:
            with transaction.atomic():
                Benutzer.objects.select_for_update(nowait=True, no_key=True).get(pk=admin_pk)
                Kommune.objects.select_for_update(nowait=True, no_key=True).get(pk=kommune_pk)
            ergebnis.append("frei")
        except DatabaseError:
            ergebnis.append("gesperrt")
        finally:
            connections.close_all()

    t = threading.Thread(target=versuchen)
    t.start()
    t.join()
    return ergebnis[0]


def test_admin_zurueckstufen_sperrt_nur_mitgliedschaften(admin_a, kommune_a, make_mitglied):
    # GIVEN Böblingen has two admins
    zweite = make_mitglied(kommune_a, Rolle.VERWALTEN)

    # WHEN one demotes the other, and the transaction still runs
    with CaptureQueriesContext(connection) as abfragen, transaction.atomic():
        services.mitgliedschaft_rolle_aendern(
            user=admin_a, mitgliedschaft=Mitgliedschaft.objects.get(user=zweite), rolle=Rolle.LESEN
        )
        # THEN the remaining admin's account and the Kommune are not locked …
        assert _von_anderer_verbindung_frei(admin_a.pk, kommune_a.pk) == "frei"

    # … because the one locking query locks only the membership table, in pk order
    sperren = [q["sql"] for q in abfragen.captured_queries if "FOR UPDATE" in q["sql"]]
    assert len(sperren) == 1
    assert sperren[0].endswith('ORDER BY 1 ASC FOR UPDATE OF "kommunen_mitgliedschaft"')
    assert Mitgliedschaft.objects.get(user=zweite).rolle == Rolle.LESEN
