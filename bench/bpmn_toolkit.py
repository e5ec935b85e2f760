"""Benchmark of the BPMN toolkit's full check against bpmnlint, side by side in one run.

    python bench/bpmn_toolkit.py CORPUS_DIR [--out results.json] [--no-node]

For every `*.bpmn` under CORPUS_DIR (recursively, sorted) we time, per file: reading the bytes,
`parse`, `validate_schema` (XSD), `lint` and `metrics` — what the worker does for an upload. Then,
when Node is on PATH, the same file list goes through bpmnlint 11.15.0 (`bench/baseline/lint.mjs`,
a fresh Linter per file, reading included); `npm ci` runs first if `bench/baseline/node_modules`
is missing. Results are one JSON object on stdout: files/s, per-file p50/p95 in ms, the time per
stage, and `ratio` = our files/s / bpmnlint's files/s. A stage whose function is not importable is
skipped and named in `notes`.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "baseline"
sys.path.insert(0, str(HERE.parent))


def _stages(notes: list[str]):
    """(name, function) for each stage that can be imported."""
    import modelle.bpmn as toolkit

    stages = []
    for name in ("parse", "validate_schema", "lint", "metrics"):
        try:
            stages.append((name, getattr(toolkit, name)))
        except AttributeError:
            try:
                module = __import__(f"modelle.bpmn.{name}", fromlist=[name])
                stages.append((name, getattr(module, name)))
            except (ImportError, AttributeError):
                notes.append(f"stage {name} skipped: modelle.bpmn.{name} is not importable")
    return stages


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))]


def run_python(files: list[Path], notes: list[str]) -> dict:
    stages = _stages(notes)
    names = [n for n, _ in stages]
    if "parse" not in names:
        notes.append("parse is not importable: nothing to measure")
        return {}
    from modelle.bpmn import BpmnError

    per_stage = dict.fromkeys(names, 0.0)
    durations: list[float] = []
    refused = 0
    findings = 0
    started = time.perf_counter()
    for path in files:
        t0 = time.perf_counter()
        data = path.read_bytes()
        doc = None
        for name, fn in stages:
            s0 = time.perf_counter()
            if name == "parse":
                try:
                    doc = fn(data)
                except BpmnError:
                    refused += 1
            elif doc is not None:
                out = fn(doc)
                if name in ("lint", "validate_schema"):
                    findings += len(out)
            per_stage[name] += time.perf_counter() - s0
            if doc is None:
                break
        durations.append(time.perf_counter() - t0)
    seconds = time.perf_counter() - started
    durations.sort()
    return {
        "tool": "modelle.bpmn (" + " + ".join(names) + ")",
        "python": platform.python_version(),
        "files": len(files),
        "refused_by_parse": refused,
        "findings": findings,
        "seconds": seconds,
        "files_per_second": len(files) / seconds if seconds else None,
        "p50_ms": _percentile(durations, 0.5) * 1000,
        "p95_ms": _percentile(durations, 0.95) * 1000,
        "mean_ms": statistics.fmean(durations) * 1000 if durations else 0.0,
        "stage_seconds": per_stage,
    }


def run_bpmnlint(files: list[Path], notes: list[str]) -> dict | None:
    node = shutil.which("node")
    npm = shutil.which("npm")
    if node is None or npm is None:
        notes.append("bpmnlint baseline skipped: node/npm not found")
        return None
    if not (BASELINE / "node_modules" / "bpmnlint").is_dir():
        install = ["ci"] if (BASELINE / "package-lock.json").exists() else ["install"]
        subprocess.run(
            [npm, *install, "--no-audit", "--no-fund"],
            cwd=BASELINE,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    proc = subprocess.run(
        [node, str(BASELINE / "lint.mjs")],
        input=json.dumps([str(f) for f in files]),
        capture_output=True,
        text=True,
        check=True,
        cwd=BASELINE,
    )
    return json.loads(proc.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "corpus", type=Path, help="directory with .bpmn files (searched recursively)"
    )
    parser.add_argument("--out", type=Path, help="also write the JSON result to this file")
    parser.add_argument("--no-node", action="store_true", help="do not run the bpmnlint baseline")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.rglob("*.bpmn"))
    if not files:
        parser.error(f"no .bpmn files under {args.corpus}")
    notes: list[str] = []
    ours = run_python(files, notes)
    theirs = None if args.no_node else run_bpmnlint(files, notes)
    result = {
        "benchmark": "bpmn_toolkit",
        "corpus": str(args.corpus),
        "files": len(files),
        "ours": ours,
        "bpmnlint": theirs,
        "ratio": (
            ours["files_per_second"] / theirs["files_per_second"]
            if ours and theirs and theirs.get("files_per_second")
            else None
        ),
        "notes": notes,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
