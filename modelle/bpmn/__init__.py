"""Pure-Python BPMN 2.0 toolkit: hardened parsing, XSD check, lint, metrics, diff, rendering.

Imports nothing from Django so it can be tested, benchmarked and reused on its own. Every step is
bounded (see `limits`); `analyse` runs them all on one file.
"""

from __future__ import annotations

from .diff import Diff, diff
from .document import Document
from .errors import BpmnError, Finding
from .lint import lint
from .metrics import Metrics, metrics
from .parse import parse
from .schema import validate_schema

__all__ = [
    "BpmnError",
    "Diff",
    "Document",
    "Finding",
    "Metrics",
    "diff",
    "lint",
    "metrics",
    "parse",
    "validate_schema",
]
