"""Our lint against bpmnlint 11.15.0 (`bpmnlint:recommended`) on the MIWG corpus, per element.

The reference verdicts are corpus/miwg-bpmnlint-expected.json (made with a fresh bpmnlint Linter
per file on bpmn-moddle's reading of the file). For every (file, rule) pair we compare the *set of
reported element ids*. Files bpmn-moddle could not read (`__import_error__`) would be left out of
the comparison (bpmnlint has no verdict for them); there are none. The four files that declare
UTF-8 but hold Windows-1252 bytes are read by our parser as Windows-1252 and by Node with U+FFFD
in place of each bad byte; no rule looks at the characters of a name, so verdicts do not differ.

Run: BPMN_CORPUS_DIR=/work/shared/corpus pytest tests/modelle/bpmn/test_lint_corpus.py -s
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from modelle.bpmn import parse
from modelle.bpmn.lint import all_rules, lint

pytestmark = pytest.mark.corpus

RULE_IDS = [r.id for r in all_rules()]
SEVERITY = {"error": "error", "warn": "warning"}


def compare(corpus_miwg: Path, expected: dict) -> dict:
    """Lint every file bpmnlint could read and compare per (file, rule). Returns the figures."""
    pairs = agree = active = active_agree = 0
    differences: list[tuple[str, str, list[str], list[str]]] = []
    by_rule: Counter[str] = Counter()
    skipped: list[str] = []
    severity_mismatch: set[tuple[str, str, str]] = set()
    for rel, reference in sorted(expected.items()):
        if "__import_error__" in reference:
            skipped.append(rel)
            continue
        doc = parse((corpus_miwg / rel).read_bytes())
        ours: dict[str, set[str | None]] = {}
        for finding in lint(doc):
            ours.setdefault(finding.rule, set()).add(finding.element_id)
        for rule_id, reports in reference.items():
            for _ident, category, _message in reports:
                if rule_id in RULE_IDS:
                    sev = next(r.severity for r in all_rules() if r.id == rule_id)
                    if SEVERITY.get(category) != sev:
                        severity_mismatch.add((rule_id, category, sev))
        for rule_id in sorted(set(RULE_IDS) | set(reference)):
            theirs = {ident for ident, _category, _message in reference.get(rule_id, [])}
            mine = ours.get(rule_id, set())
            pairs += 1
            same = mine == theirs
            agree += same
            if mine or theirs:
                active += 1
                active_agree += same
            if not same:
                by_rule[rule_id] += 1
                differences.append(
                    (rel, rule_id, sorted(map(str, mine - theirs)), sorted(map(str, theirs - mine)))
                )
    return {
        "pairs": pairs,
        "agree": agree,
        "active": active,
        "active_agree": active_agree,
        "differences": differences,
        "by_rule": by_rule,
        "skipped": skipped,
        "severity_mismatch": severity_mismatch,
    }


def test_lint_agrees_with_bpmnlint_on_corpus(corpus_dir: Path) -> None:
    # GIVEN bpmnlint's verdicts for the 831 MIWG files
    expected = json.loads((corpus_dir.parent / "miwg-bpmnlint-expected.json").read_text("utf-8"))

    # WHEN our lint runs on the same files
    result = compare(corpus_dir, expected)

    # THEN the same elements are reported for every file and rule
    overall = result["agree"] / result["pairs"]
    active = result["active_agree"] / result["active"] if result["active"] else 1.0
    print(
        f"\nlint vs bpmnlint: {result['agree']}/{result['pairs']} (file, rule) pairs identical "
        f"= {overall:.4%}; where either side reports: {result['active_agree']}/{result['active']} "
        f"= {active:.4%}; files skipped (bpmn-moddle import error): {len(result['skipped'])}"
    )
    for rel, rule_id, extra, missing in result["differences"]:
        print(f"  DIFF {rel} [{rule_id}] only ours: {extra} only bpmnlint: {missing}")
    if result["by_rule"]:
        print("  differences by rule:", dict(result["by_rule"]))
    assert not result["severity_mismatch"], result["severity_mismatch"]
    assert result["differences"] == []
    assert result["agree"] == result["pairs"] > 20_000
    assert result["skipped"] == []
