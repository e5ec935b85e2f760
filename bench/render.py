"""Benchmark of the renderer: SVG alone, and SVG + PNG thumbnail, over a corpus of BPMN files.

Usage: python bench/render.py CORPUS_DIR [--width 240] [--repeat 1] [--processes 2]

Every `*.bpmn` under CORPUS_DIR (or CORPUS_DIR/miwg if it exists) is parsed once up front;
parse time is excluded from the rendering figures and reported separately. Files that parse()
refuses are counted and skipped. One "file" is the main (largest) diagram of a file, which is
what a thumbnail shows. Output is JSON on stdout: files/s and p50/p95 per file in milliseconds.
"svg_png" uses --width (240 px, a catalogue thumbnail); "svg_png_400" the default width of
png().
"svg" and "svg_png" run in this one process (per-core figures); "parallel" runs svg + png in
--processes worker processes (each parses its share first, untimed) and reports the wall-clock
throughput of the whole corpus, as a worker pool on this machine would see it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from modelle.bpmn.errors import BpmnError
from modelle.bpmn.parse import parse
from modelle.bpmn.render import png, svg


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def _summary(times: list[float]) -> dict:
    total = sum(times)
    return {
        "files": len(times),
        "seconds": round(total, 3),
        "files_per_s": round(len(times) / total, 1) if total else None,
        "p50_ms": round(_percentile(times, 50) * 1000, 2),
        "p95_ms": round(_percentile(times, 95) * 1000, 2),
        "max_ms": round(max(times) * 1000, 2),
        "mean_ms": round(statistics.fmean(times) * 1000, 2),
    }


def _worker(job: tuple[list[bytes], int]) -> tuple[float, int]:
    blobs, width = job
    docs = []
    for data in blobs:
        try:
            docs.append(parse(data))
        except BpmnError:
            continue
    png(svg(docs[0]), width)  # warm-up
    t0 = time.perf_counter()
    for doc in docs:
        png(svg(doc), width)
    return time.perf_counter() - t0, len(docs)


def _parallel(paths: list[Path], width: int, processes: int) -> dict:
    blobs = [p.read_bytes() for p in paths]
    shares = [(blobs[i::processes], width) for i in range(processes)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        results = pool.map(_worker, shares)
    wall = max(seconds for seconds, _ in results)
    files = sum(count for _, count in results)
    return {
        "processes": processes,
        "files": files,
        "seconds": round(wall, 3),
        "files_per_s": round(files / wall, 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--width", type=int, default=240, help="thumbnail width in px")
    ap.add_argument("--repeat", type=int, default=1, help="passes over the corpus")
    ap.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="for 'parallel'")
    args = ap.parse_args(argv)

    load_before = round(os.getloadavg()[0], 2)
    root = args.corpus / "miwg" if (args.corpus / "miwg").is_dir() else args.corpus
    paths = sorted(root.rglob("*.bpmn"))
    docs = []
    parse_times: list[float] = []
    refused = 0
    for p in paths:
        data = p.read_bytes()
        t0 = time.perf_counter()
        try:
            docs.append(parse(data))
        except BpmnError:
            refused += 1
            continue
        parse_times.append(time.perf_counter() - t0)

    svg(docs[0])  # warm-up: font width table, imports
    png(svg(docs[0]), args.width)

    svg_times: list[float] = []
    both_times: list[float] = []
    both_400: list[float] = []
    for _ in range(args.repeat):
        for doc in docs:
            t0 = time.perf_counter()
            svg(doc)
            svg_times.append(time.perf_counter() - t0)
        for doc in docs:
            t0 = time.perf_counter()
            png(svg(doc), args.width)
            both_times.append(time.perf_counter() - t0)
        for doc in docs:
            t0 = time.perf_counter()
            png(svg(doc))
            both_400.append(time.perf_counter() - t0)

    result = {
        "corpus": str(root),
        "bpmn_files": len(paths),
        "refused_by_parse": refused,
        "thumbnail_width": args.width,
        "parse_excluded": True,
        "parse": _summary(parse_times),
        "svg": _summary(svg_times),
        "svg_png": _summary(both_times),
        "svg_png_400": _summary(both_400),
        "parallel_svg_png": _parallel(paths, args.width, args.processes),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_avg_1min_before": load_before,
            "load_avg_1min_after": round(os.getloadavg()[0], 2),
        },
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
