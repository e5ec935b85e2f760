"""Benchmark of the bounds: what `analyse()` + thumbnail cost on hostile files.

Usage: python bench/grenzen.py [--out FILE] [NAME …]

Each hostile file of tests/modelle/bpmn/hostile.py (all of them, or the ones named) is built,
written to a temporary file and analysed in a fresh Python process, so the peak RSS
(`resource.getrusage`, in MB) is that file's alone; `baseline_rss_mb` is the same process after
its imports, before it reads the file.
Per file: wall time of `analyse()`, of `thumbnail()` and both together (`seconds`, the figure
with the target of < 2 s), the size of the largest drawing, its `<tspan>` count, the number of
findings and of "limit" findings — or the refusal code when `parse` refuses the file.
Output is JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "modelle" / "bpmn"))


def _rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(name: str, path: Path) -> dict:
    """Analyse one hostile file in this process; call it in a fresh process."""
    from modelle.bpmn import BpmnError
    from modelle.bpmn.analyse import analyse
    from modelle.bpmn.limits import LIMIT_RULE

    result: dict = {"file": name, "baseline_rss_mb": _rss_mb()}
    data = path.read_bytes()
    result["bytes"] = len(data)
    started = time.perf_counter()
    try:
        analysis = analyse(data)
    except BpmnError as exc:
        result |= {"refused": exc.code, "seconds": round(time.perf_counter() - started, 3)}
        result["peak_rss_mb"] = _rss_mb()
        return result
    analysed = time.perf_counter()
    thumbnail = analysis.thumbnail()
    done = time.perf_counter()
    largest = max(analysis.drawings, key=lambda d: len(d.svg))
    result |= {
        "seconds": round(done - started, 3),
        "analyse_seconds": round(analysed - started, 3),
        "thumbnail_seconds": round(done - analysed, 3),
        "peak_rss_mb": _rss_mb(),
        "drawings": len(analysis.drawings),
        "largest_svg_bytes": len(largest.svg),
        "largest_svg_tspans": largest.svg.count(b"<tspan"),
        "thumbnail_bytes": len(thumbnail),
        "findings": len(analysis.findings),
        "limit_findings": sum(1 for f in analysis.findings if f.rule == LIMIT_RULE),
        "search_text_chars": len(analysis.search_text),
    }
    return result


def main() -> int:
    from hostile import HOSTILE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(HOSTILE))
    parser.add_argument("--out", help="also write the JSON here")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # the child: NAME PATH
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], Path(args.one[1]))))
        return 0
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.names or list(HOSTILE):
            path = Path(tmp) / f"{name}.bpmn"
            path.write_bytes(HOSTILE[name]())
            done = subprocess.run(
                [sys.executable, __file__, "--one", name, str(path)],
                capture_output=True,
                text=True,
                check=False,
            )
            path.unlink()
            if done.returncode != 0:
                results.append({"file": name, "crashed": done.stderr.strip().splitlines()[-1:]})
            else:
                results.append(json.loads(done.stdout))
    report = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "target_seconds": 2.0,
        "files": results,
    }
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
