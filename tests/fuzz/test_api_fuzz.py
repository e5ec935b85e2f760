"""API fuzzing (schemathesis) as every actor, stateless and stateful; see lauf.py.

Runs only when FUZZ=1 (`make fuzz`, and a bounded session in CI): it is a search, not a
regression test, and its cost is set by FUZZ_PROFIL (ci | gruendlich). The summary goes to
var/trust/fuzz.json.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
import schemathesis
from django.conf import settings
from django.db import transaction
from schemathesis import GenerationMode

from tests.fuzz.lauf import (
    PRUEFUNGEN,
    App,
    Zaehler,
    art,
    bekannte_pfade,
    bpmn_fuer_dateifelder,
    einstellungen,
    ohne_verbindungswechsel,
    operation_fuzzen,
    profil,
)
from tests.rechtematrix.welt import AKTEURE, aufgebaut

if os.environ.get("FUZZ") != "1":
    pytest.skip("API-Fuzzing läuft mit `make fuzz` (oder FUZZ=1)", allow_module_level=True)

pytestmark = pytest.mark.django_db
ZAEHLER = Zaehler()


@pytest.fixture(scope="module")
def api(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, the schema as the app serves it, and each actor's token header."""
    with (
        django_db_blocker.unblock(),
        aufgebaut(str(tmp_path_factory.mktemp("media"))) as w,
        ohne_verbindungswechsel(),
        bpmn_fuer_dateifelder(),
    ):
        # Thousands of expected 4xx would each log a warning; 5xx still log as errors.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        schema = schemathesis.openapi.from_wsgi("/api/schema/", App(ZAEHLER))
        koepfe = {
            akteur: ({"Authorization": f"Token {w.tokens[akteur]}"} if akteur in w.tokens else {})
            for akteur in AKTEURE
        }
        yield schema, koepfe, bekannte_pfade(w)


def _operationen(schema):
    return [ergebnis.ok() for ergebnis in schema.get_all_operations()]


@pytest.mark.parametrize("akteur", AKTEURE)
def test_jede_operation(api, akteur):
    """Every operation, valid and invalid input, as this actor."""
    schema, koepfe, bekannt = api
    vorher = len(ZAEHLER.fehler)
    for operation in _operationen(schema):
        for modus in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            beispiele = profil()["beispiele"]
            operation_fuzzen(
                schema, operation, koepfe[akteur], modus, beispiele, ZAEHLER, akteur, bekannt
            )
    neu = ZAEHLER.fehler[vorher:]
    assert not neu, "\n\n".join(neu)


@pytest.mark.parametrize("akteur", AKTEURE)
def test_ablaeufe(api, akteur):
    """Stateful: sequences along the OpenAPI links, as this actor; each sequence is rolled back."""
    schema, koepfe, _bekannt = api
    kopf = koepfe[akteur]

    class Ablauf(schema.as_state_machine()):
        def setup(self):
            self._transaktion = transaction.atomic()
            self._transaktion.__enter__()

        def teardown(self):
            transaction.set_rollback(True)
            self._transaktion.__exit__(None, None, None)

        def get_call_kwargs(self, case):
            return {"headers": kopf}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            ZAEHLER.notieren(case, response)
            case.validate_response(response, checks=PRUEFUNGEN, headers=kopf)

    p = profil()
    try:
        Ablauf.run(
            settings=einstellungen(p["abläufe"], stateful_step_count=p["schritte"]),
        )
    except Exception as exc:
        ZAEHLER.arten.update(art(exc))
        ZAEHLER.fehler.append(f"Ablauf als {akteur}:\n{exc}")
        raise


def test_zusammenfassung_schreiben():
    """Runs last in this module: one JSON line for `make trust` and the CI log."""
    zusammenfassung = {
        "check": "fuzz",
        "profile": os.environ.get("FUZZ_PROFIL", "ci"),
        "cases": ZAEHLER.aufrufe,
        "server_errors": ZAEHLER.arten["server_error"],
        "schema_violations": ZAEHLER.arten["schema_violation"],
        "failures": len(ZAEHLER.fehler),
        "status": dict(sorted(ZAEHLER.status.items())),
    }
    ziel = Path(settings.BASE_DIR) / "var" / "trust"
    ziel.mkdir(parents=True, exist_ok=True)
    (ziel / "fuzz.json").write_text(json.dumps(zusammenfassung) + "\n")
    print(ZAEHLER.tabelle())
    print(json.dumps(zusammenfassung))
    assert ZAEHLER.aufrufe > 0
