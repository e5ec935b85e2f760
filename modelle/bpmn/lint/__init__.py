"""bpmnlint's `recommended` rules in Python, with bpmnlint's rule ids and verdicts.

`lint(doc)` gives the same findings (same rule, same element) as bpmnlint 11.15.0 with the
`bpmnlint:recommended` configuration on bpmn-moddle's reading of the file, with German messages.
Severities follow that configuration ("warn" is our "warning").
"""

from __future__ import annotations

import logging

from ..document import Document
from ..errors import Finding
from .helpers import Context
from .registry import Rule, all_rules, rule

__all__ = ["Rule", "all_rules", "lint", "rule"]

log = logging.getLogger(__name__)


def lint(doc: Document, *, rules: tuple[Rule, ...] | None = None) -> list[Finding]:
    """Run the lint rules on a parsed document; findings sorted by line, rule and element."""
    ctx = Context.of_document(doc)
    findings: list[Finding] = []
    for r in rules if rules is not None else all_rules():
        try:
            found = [
                Finding(r.id, r.severity, node.id, message, node.line)
                for node, message in r.check(ctx)
            ]
        except Exception:
            # bpmnlint reports a crashing rule as a "rule-error" and goes on; so do we,
            # without findings from that rule.
            log.exception("lint rule %s failed", r.id)
            continue
        findings.extend(found)
    findings.sort(key=lambda f: (f.line or 0, f.rule, f.element_id or ""))
    return findings
