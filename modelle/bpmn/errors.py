"""Error and finding types shared by every part of the toolkit."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


class BpmnError(Exception):
    """A file the toolkit refuses, with a stable code and a German message for the user."""

    def __init__(
        self, code: str, message_de: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(f"{code}: {message_de}")
        self.code = code
        self.message_de = message_de
        self.line = line
        self.column = column

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message_de": self.message_de,
            "line": self.line,
            "column": self.column,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a model: from the XSD check (rule "xsd") or a lint rule."""

    rule: str
    severity: Severity
    element_id: str | None
    message_de: str
    line: int | None = None

    def as_dict(self) -> dict:
        return asdict(self)
