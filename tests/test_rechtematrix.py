"""The permission matrix: every route × method × actor × target against the table in
tests/rechtematrix/erwartung.py.

What it proves, for each case: the status the table names (others' hidden objects are 404,
never a 403 that confirms them; forbidden writes 403 or 404), never a 5xx, no change to the
database unless the table allows this actor's write, and no answer containing a marker of an
object the actor may not see. A route without an entry fails, naming the route.
The summary goes to var/trust/rechtematrix.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.rechtematrix.erwartung import MATRIX
from tests.rechtematrix.pruefung import Bericht, route_pruefen
from tests.rechtematrix.routen import alle_routen
from tests.rechtematrix.welt import aufgebaut

# The mark makes pytest-django create the test database; the world lives in `welt`.
pytestmark = pytest.mark.django_db

ROUTEN = alle_routen()
_gesamt = Bericht()


@pytest.fixture(scope="module")
def welt(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for the module; each case runs in a savepoint inside it."""
    with django_db_blocker.unblock(), aufgebaut(str(tmp_path_factory.mktemp("media"))) as w:
        sitzungen = {}
        for akteur, user in w.users.items():
            if user is not None:
                client = Client()
                client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
                sitzungen[akteur] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield w, sitzungen


def test_jede_route_hat_einen_eintrag():
    ohne = [str(r) for r in ROUTEN if r.name not in MATRIX]
    assert not ohne, (
        "Diese Routen fehlen in der Rechtematrix (tests/rechtematrix/erwartung.py): "
        + ", ".join(ohne)
    )


def test_kein_eintrag_ohne_route():
    namen = {r.name for r in ROUTEN}
    assert sorted(set(MATRIX) - namen) == []


@pytest.mark.parametrize("route", [r for r in ROUTEN if r.name in MATRIX], ids=str)
def test_route(welt, route):
    w, sitzungen = welt
    bericht = route_pruefen(w, sitzungen, route)
    _gesamt.faelle += bericht.faelle
    _gesamt.fehler += bericht.fehler
    assert not bericht.fehler, f"{route}:\n" + "\n".join(bericht.fehler)


def test_zusammenfassung_schreiben():
    """Runs last in this module: one JSON line for `make trust` and the CI log."""
    zusammenfassung = {
        "check": "rechtematrix",
        "routes": len(ROUTEN),
        "cases": _gesamt.faelle,
        "failures": len(_gesamt.fehler),
    }
    ziel = Path(settings.BASE_DIR) / "var" / "trust"
    ziel.mkdir(parents=True, exist_ok=True)
    (ziel / "rechtematrix.json").write_text(json.dumps(zusammenfassung) + "\n")
    print(json.dumps(zusammenfassung))
    assert _gesamt.faelle > 0
