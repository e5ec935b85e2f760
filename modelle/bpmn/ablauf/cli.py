"""Command line: ``python -m modelle.bpmn ablauf FILE [--json]``, the same as
``python -m modelle.bpmn.ablauf FILE [--json]``: the process as text, or its structure as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from ..errors import BpmnError
from ..parse import MAX_BYTES, parse
from . import MAX_STEPS, ablauf


def cmd_ablauf(args: argparse.Namespace) -> int:
    try:
        with Path(args.file).open("rb") as handle:
            # One byte more than allowed, so parse refuses a huge file without reading it all.
            data = handle.read(MAX_BYTES + 1)
        doc = parse(data)
    except OSError as exc:
        print(
            f"{args.file}: Die Datei kann nicht gelesen werden ({exc.strerror}).", file=sys.stderr
        )
        return 1
    except BpmnError as exc:
        print(f"{args.file}: abgelehnt [{exc.code}] {exc.message_de}", file=sys.stderr)
        return 1
    result = ablauf(doc, max_steps=args.max_steps)
    if args.json:
        json.dump(result.as_dict(), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        sys.stdout.write(result.as_text())
    return 0


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("mindestens 1")
    return number


def add_parsers(sub) -> None:
    parser = sub.add_parser("ablauf", help="Den Ablauf eines Modells als Text ausgeben")
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--json", action="store_true", help="Struktur als JSON")
    parser.add_argument(
        "--max-steps", type=_positive, default=MAX_STEPS, help="höchstens so viele Schritte"
    )
    parser.set_defaults(func=cmd_ablauf)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modelle.bpmn.ablauf")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parsers(sub)
    args = parser.parse_args(["ablauf", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))
