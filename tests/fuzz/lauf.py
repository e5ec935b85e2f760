"""API fuzzing with schemathesis against our own OpenAPI schema, in-process (WSGI).

Every operation is fuzzed as every actor (token auth), with valid and with invalid input, and the
stateful phase walks the schema's OpenAPI links (POST /modelle/ → GET /modelle/{uuid}/ → …).
Checks: no 5xx, only documented status codes and content types, every answer matches its
schema. Each example runs in a savepoint that is rolled back, so the world stays as built.
"""

from __future__ import annotations

import os
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import hypothesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi import formats
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.transport.serialization import Binary

from tests.modelle.bpmn_bau import prozess

PRUEFUNGEN = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# The budget: CI runs a bounded session (about two minutes), `make fuzz` a thorough one.
PROFILE = {
    #             examples per operation × actor × mode, stateful runs per actor, steps per run
    "ci": {"beispiele": 8, "abläufe": 10, "schritte": 8},
    "gruendlich": {"beispiele": 60, "abläufe": 60, "schritte": 12},
}


def profil() -> dict:
    name = os.environ.get("FUZZ_PROFIL", "ci")
    if name not in PROFILE:
        raise ValueError(f"FUZZ_PROFIL={name!r}: erlaubt sind {', '.join(PROFILE)}")
    return PROFILE[name]


@dataclass
class Zaehler:
    """What the run saw: calls, status codes, failures by kind."""

    aufrufe: int = 0
    status: Counter = field(default_factory=Counter)
    fehler: list[str] = field(default_factory=list)
    arten: Counter = field(default_factory=Counter)
    je_operation: Counter = field(default_factory=Counter)  # (operation, status) → calls

    def notieren(self, case, antwort) -> None:
        self.je_operation[(case.operation.label, antwort.status_code)] += 1

    def tabelle(self) -> str:
        """Status codes per operation: shows what the fuzzing reached (not only 404s)."""
        zeilen: dict[str, dict[int, int]] = {}
        for (label, status), n in sorted(self.je_operation.items()):
            zeilen.setdefault(label, {})[status] = n
        return "\n".join(
            f"{label:55} " + "  ".join(f"{s}×{n}" for s, n in codes.items())
            for label, codes in zeilen.items()
        )


class App(WSGIHandler):
    """Django's WSGI handler for in-process calls inside the test's transaction.

    A real server closes the database connection at the start and end of each request; here
    that would end the test's transaction, so those two signal handlers are off while the
    fuzzing runs (`ohne_verbindungswechsel`). Counts every call and its status."""

    def __init__(self, zaehler: Zaehler):
        super().__init__()
        self.zaehler = zaehler

    def __call__(self, environ, start_response):
        def zaehlen(status, headers, *args):
            self.zaehler.aufrufe += 1
            self.zaehler.status[int(status.split()[0])] += 1
            return start_response(status, headers, *args)

        return super().__call__(environ, zaehlen)


@contextmanager
def ohne_verbindungswechsel():
    """Keep Django from closing the database connection around each in-process request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _bpmn_dateien() -> st.SearchStrategy[bytes]:
    """Uploads worth fuzzing: valid BPMN with arbitrary names and steps (they reach the parser,
    the renderer and the register), names with characters XML forbids, files cut short, and
    arbitrary bytes."""

    def datei(namen: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
        return st.builds(
            lambda name, schritte, variante: prozess(name, tuple(schritte), variante=variante),
            namen,
            st.lists(namen, max_size=6),
            st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=8, max_size=8),
        )

    # Without control characters, surrogates and noncharacters: what XML allows in a name.
    xml_text = st.text(
        st.characters(exclude_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=80
    )
    gueltig = datei(xml_text)
    abgeschnitten = st.tuples(gueltig, st.integers(0, 2000)).map(lambda t: t[0][: t[1]])
    return st.one_of(
        gueltig,
        gueltig,
        gueltig,
        datei(st.text(max_size=80)),
        abgeschnitten,
        st.binary(max_size=4000),
    )


@contextmanager
def bpmn_fuer_dateifelder():
    """While fuzzing, multipart file fields (format: binary) carry `_bpmn_dateien`."""
    alt = formats.STRING_FORMATS.get("binary")
    formats.register_string_format("binary", _bpmn_dateien().map(Binary))
    try:
        yield
    finally:
        if alt is None:
            formats.unregister_string_format("binary")
        else:
            formats.register_string_format("binary", alt)


def einstellungen(beispiele: int, **extra) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=beispiele,
        deadline=None,
        database=None,
        derandomize=os.environ.get("FUZZ_ZUFALL") != "1",
        suppress_health_check=list(HealthCheck),
        print_blob=True,
        **extra,
    )


def art(exc: BaseException) -> list[str]:
    """The kinds of failure in a schemathesis error (a group of check failures)."""
    teile = getattr(exc, "exceptions", None) or [exc]
    arten = []
    for teil in teile:
        name = type(teil).__name__
        titel = getattr(teil, "title", "") or ""
        if "ServerError" in name or "Server error" in titel:
            arten.append("server_error")
        elif "JsonSchema" in name or "schema" in titel.lower():
            arten.append("schema_violation")
        elif "StatusCode" in name or "status code" in titel.lower():
            arten.append("undocumented_status")
        elif "ContentType" in name or "content type" in titel.lower():
            arten.append("content_type")
        else:
            arten.append(name)
    return arten


def bekannte_pfade(w) -> dict[str, list]:
    """Path values of objects that exist in the world: random UUIDs only ever reach the 404;
    these reach the rules (a draft of A, B's draft, an enrolment …) and the full answers."""
    modelle = [z["uuid"] for name, z in w.ziele.items() if "nummer" in z and name != "kaputt"]
    einschreibungen = [w.ziele[n]["uuid"] for n in ("einschreibung_a", "einschreibung_b")]
    return {
        "uuid": [str(u) for u in modelle + einschreibungen],
        "nummer": [1, 2],
        "ags": [w.ziele["kommune_a"]["ags"], w.ziele["kommune_b"]["ags"]],
    }


def _strategie(operation, modus: GenerationMode, bekannt: dict[str, list]):
    zufall = operation.as_strategy(generation_mode=modus)
    namen = [p.name for p in operation.path_parameters]
    if modus is not GenerationMode.POSITIVE or not namen or not all(n in bekannt for n in namen):
        return zufall
    kombinationen = st.fixed_dictionaries({n: st.sampled_from(bekannt[n]) for n in namen})
    echt = kombinationen.flatmap(
        lambda pfad: operation.as_strategy(generation_mode=modus, path_parameters=pfad)
    )
    return st.one_of(echt, echt, zufall)


def operation_fuzzen(schema, operation, kopf: dict, modus: GenerationMode, beispiele: int,
                     zaehler: Zaehler, wer: str, bekannt: dict[str, list]) -> None:  # fmt: skip
    """Hypothesis over one operation, as one actor, in one generation mode."""
    strategie = _strategie(operation, modus, bekannt)

    @einstellungen(beispiele)
    @hypothesis.given(case=strategie)
    def lauf(case):
        with transaction.atomic():
            try:
                antwort = case.call(headers=kopf)
                zaehler.notieren(case, antwort)
                case.validate_response(antwort, checks=PRUEFUNGEN, headers=kopf)
            finally:
                transaction.set_rollback(True)

    try:
        lauf()
    except Unsatisfiable:
        # Nothing to make invalid (no parameters, or a free-form string): nothing to test.
        return
    except Exception as exc:
        zaehler.arten.update(art(exc))
        zaehler.fehler.append(f"{operation.label} als {wer} ({modus.value}):\n{exc}")
