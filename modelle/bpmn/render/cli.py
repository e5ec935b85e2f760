"""Command line: `render` one file to SVG/PNG, `gallery` of the MIWG reference models.

`add_parsers(subparsers)` plugs both into the toolkit's CLI; `python -m
modelle.bpmn.render.cli render …` works on its own too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import BpmnError
from ..parse import parse
from .draw import diagrams, svg
from .png import MAX_WIDTH, png


def cmd_render(args: argparse.Namespace) -> int:
    try:
        doc = parse(Path(args.file).read_bytes())
    except OSError as exc:
        print(f"Datei nicht lesbar: {exc}", file=sys.stderr)
        return 2
    except BpmnError as exc:
        print(exc.message_de, file=sys.stderr)
        return 1
    try:
        image = svg(doc, args.diagram)
    except ValueError:
        print(f"Diagramm {args.diagram} gibt es nicht; vorhanden: {len(diagrams(doc))}",
              file=sys.stderr)  # fmt: skip
        return 2
    if not args.svg and not args.png:
        sys.stdout.buffer.write(image)
    if args.svg:
        Path(args.svg).write_bytes(image)
    if args.png:
        Path(args.png).write_bytes(png(image, args.width))
    return 0


def cmd_gallery(args: argparse.Namespace) -> int:
    from .gallery import build

    try:
        page = build(Path(args.corpus), Path(args.out_dir))
    except FileNotFoundError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(page)
    return 0


def _width(value: str) -> int:
    width = int(value)
    if not 1 <= width <= MAX_WIDTH:
        raise argparse.ArgumentTypeError(f"between 1 and {MAX_WIDTH}")
    return width


def add_parsers(subparsers) -> None:
    """Register the `render` and `gallery` subcommands (each sets `func(args) -> exit code`)."""
    p = subparsers.add_parser("render", help="draw a BPMN file as SVG and/or PNG")
    p.add_argument("file", help="BPMN 2.0 XML file")
    p.add_argument("--svg", help="write the SVG here (default: stdout if no --png)")
    p.add_argument("--png", help="write a PNG thumbnail here")
    p.add_argument(
        "--diagram", type=int, default=None, help="diagram number, from 0 (default: the largest)"
    )
    p.add_argument("--width", type=_width, default=400, help="PNG width in px")
    p.set_defaults(func=cmd_render)

    g = subparsers.add_parser("gallery", help="our SVG next to each MIWG reference picture")
    g.add_argument("corpus", help="corpus dir, its miwg dir, or miwg/Reference")
    g.add_argument("out_dir", help="where index.html, svg/ and ref/ are written")
    g.set_defaults(func=cmd_gallery)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modelle.bpmn.render.cli")
    add_parsers(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
