"""The lint rules, registered by id: adding a rule is adding a module under `rules/`.

A rule module decorates one function with `@rule(id, severity)`. The function gets the document's
`Context` and yields `(element, message_de)` pairs, one per finding.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import Severity
from .helpers import Context, Node

Check = Callable[[Context], Iterable[tuple[Node, str]]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    severity: Severity
    check: Check


_RULES: dict[str, Rule] = {}
_loaded = False


def rule(rule_id: str, severity: Severity) -> Callable[[Check], Check]:
    """Register a check function under a rule id (bpmnlint's id for bpmnlint's rules)."""

    def register(check: Check) -> Check:
        if rule_id in _RULES:
            raise ValueError(f"lint rule {rule_id!r} is registered twice")
        _RULES[rule_id] = Rule(rule_id, severity, check)
        return check

    return register


def all_rules() -> tuple[Rule, ...]:
    """Every registered rule, sorted by id (imports the `rules` package on first use)."""
    global _loaded
    if not _loaded:
        from . import rules

        for module in pkgutil.iter_modules(rules.__path__):
            importlib.import_module(f"{rules.__name__}.{module.name}")
        _loaded = True
    return tuple(_RULES[k] for k in sorted(_RULES))
