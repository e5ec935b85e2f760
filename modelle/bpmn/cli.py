"""Command line: ``python -m modelle.bpmn check|metrics|diff …`` (plus ``render``/``gallery``).

``check`` parses each file, validates it against the XSDs and lints it; the exit code is 1 when any
file is refused or has an error-level finding, so the command works as a CI gate.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .diff import Diff, diff
from .document import Document
from .errors import BpmnError
from .lint import lint
from .metrics import metrics
from .parse import MAX_BYTES, parse
from .schema import validate_schema


def _load(path: str) -> Document:
    """Read at most one byte more than allowed, so a huge file is refused without reading it all."""
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise BpmnError(
            "unreadable", f"Die Datei kann nicht gelesen werden ({exc.strerror})."
        ) from None
    return parse(data)


def check_file(path: str) -> dict:
    """Result of ``check`` for one file: ``{file, ok, error, findings}`` (JSON-serialisable)."""
    try:
        doc = _load(path)
    except BpmnError as exc:
        return {"file": path, "ok": False, "error": exc.as_dict(), "findings": []}
    findings = [*doc.findings, *validate_schema(doc), *lint(doc)]
    ok = not any(f.severity == "error" for f in findings)
    return {"file": path, "ok": ok, "error": None, "findings": [f.as_dict() for f in findings]}


def _print_check(result: dict) -> None:
    path = result["file"]
    error = result["error"]
    if error:
        where = ":".join(str(v) for v in (error["line"], error["column"]) if v is not None)
        prefix = f"{path}:{where}:" if where else f"{path}:"
        print(f"{prefix} abgelehnt [{error['code']}] {error['message_de']}")
        return
    for f in result["findings"]:
        line = f"{f['line']}:" if f["line"] else ""
        element = f" ({f['element_id']})" if f["element_id"] else ""
        print(f"{path}:{line} {f['severity']} [{f['rule']}]{element} {f['message_de']}")
    if not result["findings"]:
        print(f"{path}: ok")


def cmd_check(args: argparse.Namespace) -> int:
    results = [check_file(path) for path in args.files]
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for result in results:
            _print_check(result)
    return 0 if all(r["ok"] for r in results) else 1


def _refused(path: str, exc: BpmnError) -> int:
    print(f"{path}: abgelehnt [{exc.code}] {exc.message_de}", file=sys.stderr)
    return 1


def cmd_metrics(args: argparse.Namespace) -> int:
    try:
        doc = _load(args.file)
    except BpmnError as exc:
        return _refused(args.file, exc)
    json.dump(metrics(doc).as_dict(), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _print_diff(result: Diff) -> None:
    s = result.summary
    print(
        f"{s.added} hinzugefügt, {s.removed} entfernt, {s.changed} geändert, "
        f"{s.moved} verschoben, {s.unchanged} unverändert"
    )
    for sign, elements in (("+", result.added), ("-", result.removed)):
        for e in elements:
            print(f"{sign} {e.type} {e.id} „{e.name}“")
    for c in result.changed:
        print(f"~ {c.type} {c.id} „{c.name}“")
        for what, change in c.changes.items():
            print(f"    {what}: {change.old!r} → {change.new!r}")
    for m in result.moved:
        print(f"> {m.type} {m.id} „{m.name}“ verschoben")


def cmd_diff(args: argparse.Namespace) -> int:
    docs = []
    for path in (args.old, args.new):
        try:
            docs.append(_load(path))
        except BpmnError as exc:
            return _refused(path, exc)
    result = diff(docs[0], docs[1])
    if args.json:
        json.dump(result.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_diff(result)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m modelle.bpmn", description="BPMN-Werkzeuge")
    sub = parser.add_subparsers(dest="command", required=True)

    check = sub.add_parser("check", help="Dateien parsen, gegen das Schema prüfen und linten")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--json", action="store_true", help="Ergebnis als JSON")
    check.set_defaults(func=cmd_check)

    metrics_parser = sub.add_parser("metrics", help="Kennzahlen eines Modells als JSON")
    metrics_parser.add_argument("file", metavar="FILE")
    metrics_parser.set_defaults(func=cmd_metrics)

    diff_parser = sub.add_parser("diff", help="Zwei Versionen eines Modells vergleichen")
    diff_parser.add_argument("old", metavar="A")
    diff_parser.add_argument("new", metavar="B")
    diff_parser.add_argument("--json", action="store_true", help="Ergebnis als JSON")
    diff_parser.set_defaults(func=cmd_diff)

    from .render import cli as render_cli

    render_cli.add_parsers(sub)
    from .ablauf import cli as ablauf_cli

    ablauf_cli.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
