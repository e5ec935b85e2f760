"""Benchmark of the similar-process signatures (`modelle.bpmn.aehnlichkeit`) on a corpus.

    python bench/aehnlichkeit.py CORPUS_DIR [--out results.json] [--k 64] [--bands 16]

For every `*.bpmn` under CORPUS_DIR (recursively, sorted) that parses, we time what the worker
adds per version: `fingerprint(doc)` and `minhash` + `bands` (parsing is not timed, the worker
has the parsed document already). Then, over all pairs, the time of one exact `similarity()`, and
how well the LSH bands find related models: in the MIWG suite every test case (A.1.0, C.2.0 …)
was exported by many tools, so files of the same test case are "the same process". `recall` is
the share of same-case pairs that share a band; `top5_same_case` the share of each file's five
best-ranked candidates (by `similarity`) that are of its own case; `candidates_mean` how many
candidates a lookup returns on average. One JSON object on stdout.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

_CASE = re.compile(r"^([ABC]\.\d+\.\d+)")


def _percentile(sorted_values: list[float], p: float) -> float:
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(p * len(sorted_values)))]


def _ms(values: list[float]) -> dict:
    values = sorted(values)
    return {
        "p50_ms": round(_percentile(values, 0.5) * 1000, 3),
        "p95_ms": round(_percentile(values, 0.95) * 1000, 3),
        "max_ms": round(values[-1] * 1000, 3) if values else 0.0,
    }


def run(files: list[Path], k: int, b: int) -> dict:
    from modelle.bpmn import BpmnError, parse
    from modelle.bpmn.aehnlichkeit import bands, fingerprint, minhash, similarity

    t_fingerprint: list[float] = []
    t_signature: list[float] = []
    entries = []  # (case, fingerprint, band values)
    refused = 0
    for path in files:
        try:
            doc = parse(path.read_bytes())
        except BpmnError:
            refused += 1
            continue
        t0 = time.perf_counter()
        fp = fingerprint(doc)
        t1 = time.perf_counter()
        values = bands(minhash(fp, k), b)
        t2 = time.perf_counter()
        t_fingerprint.append(t1 - t0)
        t_signature.append(t2 - t1)
        match = _CASE.match(path.name)
        entries.append((match.group(1) if match else None, fp, values))

    # LSH lookup as the database would do it: (band number, value) -> files.
    index: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (_, _, values) in enumerate(entries):
        for band, value in enumerate(values):
            index[(band, value)].append(i)
    same_pairs = found_pairs = 0
    candidate_counts = []
    top5_hits = top5_total = 0
    pair_time = 0.0
    pairs_timed = 0
    for i, (case, fp, values) in enumerate(entries):
        candidates = {j for band, value in enumerate(values) for j in index[(band, value)]}
        candidates.discard(i)
        candidate_counts.append(len(candidates))
        if case is None:
            continue
        for j, (other_case, _, _) in enumerate(entries):
            if j != i and other_case == case:
                same_pairs += 1
                found_pairs += j in candidates
        t0 = time.perf_counter()
        ranked = sorted(candidates, key=lambda j: -similarity(fp, entries[j][1]).score)[:5]
        pair_time += time.perf_counter() - t0
        pairs_timed += len(candidates)
        top5_total += len(ranked)
        top5_hits += sum(entries[j][0] == case for j in ranked)

    return {
        "files": len(files),
        "refused": refused,
        "fingerprint": _ms(t_fingerprint),
        "minhash_and_bands": _ms(t_signature),
        "fingerprint_minhash_bands": _ms(
            [a + b for a, b in zip(t_fingerprint, t_signature, strict=True)]
        ),
        "similarity_us_per_pair": round(pair_time / pairs_timed * 1e6, 2) if pairs_timed else None,
        "candidates_mean": round(sum(candidate_counts) / len(candidate_counts), 1)
        if candidate_counts
        else 0,
        "recall_same_case_pairs": round(found_pairs / same_pairs, 3) if same_pairs else None,
        "top5_same_case": round(top5_hits / top5_total, 3) if top5_total else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="directory with .bpmn files (recursive)")
    parser.add_argument("--out", type=Path, help="also write the JSON result to this file")
    parser.add_argument("--k", type=int, default=64, help="MinHash signature length")
    parser.add_argument("--bands", type=int, default=16, help="LSH bands")
    args = parser.parse_args(argv)

    files = sorted(args.corpus.rglob("*.bpmn"))
    if not files:
        parser.error(f"no .bpmn files under {args.corpus}")
    result = {
        "benchmark": "aehnlichkeit",
        "corpus": str(args.corpus),
        "k": args.k,
        "bands": args.bands,
        "python": platform.python_version(),
        **run(files, args.k, args.bands),
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
