#!/usr/bin/env python3
"""Static security check (bandit) and known vulnerabilities of the installed packages (pip-audit).

Both tools live in their own virtualenv (var/sicherheit), apart from the project's: pip-audit
brings dependencies of its own that the portal does not need. pip-audit audits the packages of
the project's .venv.

Fails on a high bandit finding and on a known vulnerability. pip-audit asks a vulnerability
service on the internet (PyPI or OSV); when that cannot be reached, this says so loudly and
writes it into the summary, but does not fail (PIP_AUDIT_PFLICHT=1 makes it fail then).
Summaries: var/trust/bandit.json, var/trust/pip-audit.json.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WERKZEUGE = ROOT / "var" / "sicherheit"
VERSIONEN = ["bandit>=1.8,<1.10", "pip-audit>=2.7,<2.11"]
TRUST = ROOT / "var" / "trust"


def _werkzeuge() -> Path:
    bin_ = WERKZEUGE / "bin"
    if not (bin_ / "pip").exists():
        subprocess.run([sys.executable, "-m", "venv", str(WERKZEUGE)], check=True)
    subprocess.run([str(bin_ / "pip"), "install", "--quiet", *VERSIONEN], check=True)
    return bin_


def _schreiben(name: str, daten: dict) -> None:
    TRUST.mkdir(parents=True, exist_ok=True)
    (TRUST / f"{name}.json").write_text(json.dumps(daten) + "\n")
    print(json.dumps(daten))


def bandit(bin_: Path) -> bool:
    # The full report stays beside the summaries, not among them (var/trust holds one verdict
    # per check).
    bericht = ROOT / "var" / "bandit-bericht.json"
    bericht.parent.mkdir(parents=True, exist_ok=True)
    # Exit code 1 only means "found something"; the severities decide below.
    subprocess.run(
        [str(bin_ / "bandit"), "-c", "pyproject.toml", "-r", ".", "-q", "-f", "json",
         "-o", str(bericht)],
        cwd=ROOT,
        check=False,
    )  # fmt: skip
    funde = json.loads(bericht.read_text())["results"]
    zahl = {s: sum(f["issue_severity"] == s for f in funde) for s in ("HIGH", "MEDIUM", "LOW")}
    for f in funde:
        if f["issue_severity"] in ("HIGH", "MEDIUM"):
            print(
                f"bandit {f['issue_severity']}: {f['filename']}:{f['line_number']} "
                f"{f['test_id']} {f['issue_text']}"
            )
    _schreiben(
        "bandit",
        {
            "check": "bandit",
            "ok": zahl["HIGH"] == 0,
            "high": zahl["HIGH"],
            "medium": zahl["MEDIUM"],
            "low": zahl["LOW"],
        },
    )
    return zahl["HIGH"] == 0


def pip_audit(bin_: Path) -> bool:
    umgebung = {**os.environ, "PIPAPI_PYTHON_LOCATION": str(ROOT / ".venv" / "bin" / "python")}
    lauf = subprocess.run(
        [str(bin_ / "pip-audit"), "--skip-editable", "--progress-spinner", "off", "-f", "json"],
        cwd=ROOT,
        env=umgebung,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        pakete = json.loads(lauf.stdout)["dependencies"]
    except (ValueError, KeyError):
        pakete = None
    geprueft = [p for p in pakete or [] if "skip_reason" not in p]
    if not geprueft:
        # Either no answer at all, or every package "not found": the per-version endpoint of the
        # vulnerability service is not reachable from here (seen on a PyPI mirror).
        grund = (lauf.stderr.strip().splitlines() or ["keine Antwort"])[-1][:300]
        if pakete:
            grund = pakete[0].get("skip_reason", grund)[:300]
        pflicht = os.environ.get("PIP_AUDIT_PFLICHT") == "1"
        print(
            "\n!!! pip-audit: Der Schwachstellendienst ist von dieser Maschine aus nicht "
            "erreichbar; die Abhängigkeiten wurden NICHT auf bekannte Schwachstellen geprüft.\n"
            f"!!! Grund: {grund}\n"
        )
        _schreiben(
            "pip-audit",
            {
                "check": "pip-audit",
                "ok": not pflicht,
                "status": "nicht_erreichbar",
                "packages": 0,
                "grund": grund,
            },
        )
        return not pflicht
    befunde = [(p["name"], p["version"], v["id"]) for p in geprueft for v in p.get("vulns", [])]
    for name, version, kennung in befunde:
        print(f"pip-audit: {name} {version}: {kennung}")
    _schreiben(
        "pip-audit",
        {
            "check": "pip-audit",
            "ok": not befunde,
            "status": "geprueft",
            "packages": len(geprueft),
            "skipped": len(pakete) - len(geprueft),
            "vulnerabilities": len(befunde),
        },
    )
    return not befunde


def main() -> int:
    bin_ = _werkzeuge()
    ok = bandit(bin_)
    ok = pip_audit(bin_) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
