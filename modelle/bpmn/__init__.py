"""Pure-Python BPMN 2.0 toolkit: hardened parsing, XSD check, lint, metrics, diff, rendering.

Imports nothing from Django so it can be tested, benchmarked and reused on its own.
"""

from __future__ import annotations

from .diff import diff
from .document import Document
from .errors import BpmnError, Finding
from .metrics import metrics
from .parse import parse
from .schema import validate_schema

__all__ = ["BpmnError", "Document", "Finding", "diff", "metrics", "parse", "validate_schema"]


# Eager but optional: binding the name here also shadows the `lint` sub-package attribute, so
# `from modelle.bpmn import lint` always gives the function.
try:
    from .lint import lint

    __all__ += ["lint"]
except ModuleNotFoundError as exc:  # the lint package is not there (yet)
    if exc.name != f"{__name__}.lint":
        raise
