"""bpmnlint's `recommended` rules in Python, with bpmnlint's rule ids and verdicts.

`lint(doc)` gives the same findings (same rule, same element) as bpmnlint 11.15.0 with the
`bpmnlint:recommended` configuration on bpmn-moddle's reading of the file, with German messages.
Severities follow that configuration ("warn" is our "warning").

A rule that crashes is a bug in our rule, not in the model, and must never pass as "no findings".
bpmnlint reports it as a "rule-error" and goes on; so do we in production — a finding with rule
"rule-error" and severity "error" that names the rule, and the traceback in the log — so one bad
rule does not cost the user the other 25. In strict mode the exception propagates instead: the
toolkit's tests switch it on (tests/modelle/bpmn/conftest.py), and so does the environment
variable BPMN_LINT_STRICT=1 (e.g. in CI or when running the corpus by hand).
"""

from __future__ import annotations

import logging
import os

from ..document import Document
from ..errors import Finding
from ..limits import LIMIT_RULE
from .helpers import Context
from .registry import Rule, all_rules, rule

__all__ = ["RULE_ERROR", "STRICT", "Rule", "all_rules", "lint", "rule"]

log = logging.getLogger(__name__)

RULE_ERROR = "rule-error"
STRICT = os.environ.get("BPMN_LINT_STRICT") == "1"


def lint(
    doc: Document, *, rules: tuple[Rule, ...] | None = None, strict: bool | None = None
) -> list[Finding]:
    """Run the lint rules on a parsed document; findings sorted by line, rule and element.

    `strict` (default: the module's STRICT) re-raises a rule's exception instead of reporting it
    as a "rule-error" finding.
    """
    strict = STRICT if strict is None else strict
    ctx = Context.of_document(doc)
    ctx.limits = []
    findings: list[Finding] = []
    for r in rules if rules is not None else all_rules():
        try:
            found = [
                Finding(r.id, r.severity, node.id, message, node.line)
                for node, message in r.check(ctx)
            ]
        except Exception as exc:
            if strict:
                raise
            log.exception("lint rule %s failed", r.id)
            found = [
                Finding(
                    RULE_ERROR,
                    "error",
                    None,
                    f"Die Prüfregel „{r.id}“ ist bei diesem Modell mit einem internen Fehler "
                    f"({type(exc).__name__}) abgebrochen; ihr Ergebnis fehlt.",
                )
            ]
        findings.extend(found)
    findings.extend(Finding(LIMIT_RULE, "warning", None, message) for message in ctx.limits)
    findings.sort(key=lambda f: (f.line or 0, f.rule, f.element_id or ""))
    return findings
