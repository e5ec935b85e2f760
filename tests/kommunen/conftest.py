"""A module that names a `TRUST_CHECK` reports its outcome as one JSON line in
var/trust/<name>.json ({"check", "cases", "failures"}), rewritten after each of its tests, for the
summary of the "Proof of trust" checks. The test outcome itself is pytest's, unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ZIEL = Path(__file__).resolve().parents[2] / "var" / "trust"
_stand: dict[str, dict[str, bool]] = {}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    ergebnis = yield
    bericht = ergebnis.get_result()
    name = getattr(item.module, "TRUST_CHECK", None)
    if name is None or not (bericht.when == "call" or bericht.failed):
        return
    faelle = _stand.setdefault(name, {})
    faelle[item.nodeid] = faelle.get(item.nodeid, True) and not bericht.failed
    ZIEL.mkdir(parents=True, exist_ok=True)
    zeile = {"check": name, "cases": len(faelle), "failures": list(faelle.values()).count(False)}
    (ZIEL / f"{name}.json").write_text(json.dumps(zeile) + "\n", encoding="utf-8")
