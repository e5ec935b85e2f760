"""The process as text, as a typed structure: sections → numbered steps → branches → steps …

Every structure here is frozen; `Ablauf.as_dict()` is what the API returns (JSON) and what the
template `modelle/fragment_ablauf.html` renders, `Ablauf.as_text()` is the plain text of the CLI.
Nesting is bounded by the walk (see `walk.MAX_DEPTH`), so the recursive renderers here cannot
exhaust Python's stack.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Reference:
    """ "weiter bei Schritt 3 (Antrag prüfen)": the flow continues at a step shown elsewhere.

    `number` is None when that step is not in the text (cut off at the step limit, or the flow
    points to an element the file does not contain).
    """

    element_id: str
    number: int | None
    title_de: str

    @property
    def text_de(self) -> str:
        if self.number is None:
            if not self.title_de:
                return "weiter bei einem Element, das im Modell fehlt"
            return f"weiter bei „{self.title_de}“ (nicht aufgeführt)"
        return f"weiter bei Schritt {self.number} ({self.title_de})"

    def as_dict(self) -> dict:
        return {
            "element_id": self.element_id,
            "number": self.number,
            "title_de": self.title_de,
            "text_de": self.text_de,
        }


@dataclass(frozen=True, slots=True)
class Branch:
    """One way out of a split, or what happens when a boundary event fires.

    kind: "condition", "default", "unconditional" (decisions), "parallel", "event"
    (event-based gateway) or "boundary". `flow_id` is the sequence flow that starts the branch
    ("" for a boundary branch), `event_id` the boundary event ("" otherwise).
    """

    kind: str
    label_de: str
    condition: str
    flow_id: str
    event_id: str
    messages_de: tuple[str, ...]
    steps: tuple[Step, ...]
    next: Reference | None

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "label_de": self.label_de,
            "condition": self.condition,
            "flow_id": self.flow_id,
            "event_id": self.event_id,
            "messages_de": list(self.messages_de),
            "steps": [step.as_dict() for step in self.steps],
            "next": self.next.as_dict() if self.next else None,
        }


@dataclass(frozen=True, slots=True)
class Step:
    """One flow node, numbered in reading order.

    `text_de` is the whole line ("Bürgerbüro: Antrag prüfen (Benutzeraufgabe)"), `title_de` the
    short name other steps use to point here. `next` is set when the flow does not continue
    with the line below. `sub_process` holds the inside of a sub-process.
    """

    number: int
    element_id: str
    kind: str
    type_de: str
    name: str
    lane: str
    text_de: str
    title_de: str
    messages_de: tuple[str, ...]
    sub_process: Section | None
    boundary: tuple[Branch, ...]
    branches: tuple[Branch, ...]
    next: Reference | None

    def as_dict(self) -> dict:
        return {
            "number": self.number,
            "element_id": self.element_id,
            "kind": self.kind,
            "type_de": self.type_de,
            "name": self.name,
            "lane": self.lane,
            "text_de": self.text_de,
            "title_de": self.title_de,
            "messages_de": list(self.messages_de),
            "sub_process": self.sub_process.as_dict() if self.sub_process else None,
            "boundary": [branch.as_dict() for branch in self.boundary],
            "branches": [branch.as_dict() for branch in self.branches],
            "next": self.next.as_dict() if self.next else None,
        }


@dataclass(frozen=True, slots=True)
class Section:
    """A pool (or a process without a pool), or the inside of a sub-process.

    kind: "pool", "process" or "sub_process". `steps` start with the start events;
    `event_sub_processes` may start at any time; `unconnected` are steps no start leads to.
    """

    kind: str
    element_id: str
    title_de: str
    messages_de: tuple[str, ...]
    steps: tuple[Step, ...]
    event_sub_processes: tuple[Step, ...]
    unconnected: tuple[Step, ...]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "element_id": self.element_id,
            "title_de": self.title_de,
            "messages_de": list(self.messages_de),
            "steps": [step.as_dict() for step in self.steps],
            "event_sub_processes": [step.as_dict() for step in self.event_sub_processes],
            "unconnected": [step.as_dict() for step in self.unconnected],
        }


EVENT_SUB_PROCESSES_DE = "Jederzeit während des Ablaufs"
UNCONNECTED_DE = "Weitere Schritte ohne Verbindung zum Start"
NOTHING_MORE_DE = "kein weiterer Ablauf modelliert"
NO_STEPS_DE = "Keine Schritte modelliert."


@dataclass(frozen=True, slots=True)
class Ablauf:
    """The whole model as text. `truncated` with `note_de` when the step limit cut it short."""

    sections: tuple[Section, ...]
    step_count: int
    truncated: bool
    note_de: str

    def as_dict(self) -> dict:
        return {
            "sections": [section.as_dict() for section in self.sections],
            "step_count": self.step_count,
            "truncated": self.truncated,
            "note_de": self.note_de,
        }

    def steps(self) -> Iterator[Step]:
        """Every step, in reading order (iteratively)."""
        stack: list[Step] = []
        for section in reversed(self.sections):
            stack.extend(reversed(_section_steps(section)))
        while stack:
            step = stack.pop()
            yield step
            inner: list[Step] = []
            if step.sub_process is not None:
                inner.extend(_section_steps(step.sub_process))
            for branch in (*step.boundary, *step.branches):
                inner.extend(branch.steps)
            stack.extend(reversed(inner))

    def branches(self) -> Iterator[Branch]:
        for step in self.steps():
            yield from step.boundary
            yield from step.branches

    def as_text(self) -> str:
        """Plain text for the command line: one line per step, branches indented."""
        lines: list[str] = []
        if self.note_de:
            lines += [self.note_de, ""]
        for section in self.sections:
            lines.append(section.title_de)
            _section_lines(section, "", lines)
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _section_steps(section: Section) -> list[Step]:
    return [*section.steps, *section.event_sub_processes, *section.unconnected]


def _section_lines(section: Section, indent: str, lines: list[str]) -> None:
    for message in section.messages_de:
        lines.append(f"{indent}{message[0].upper()}{message[1:]}")
    if not _section_steps(section):
        if section.kind != "sub_process":
            lines.append(f"{indent}{NO_STEPS_DE}")
        return
    _step_lines(section.steps, indent, lines)
    for heading, steps in (
        (EVENT_SUB_PROCESSES_DE, section.event_sub_processes),
        (UNCONNECTED_DE, section.unconnected),
    ):
        if steps:
            lines.append(f"{indent}{heading}:")
            _step_lines(steps, indent, lines)


def _step_lines(steps: tuple[Step, ...], indent: str, lines: list[str]) -> None:
    for step in steps:
        prefix = f"{step.number}. "
        lines.append(f"{indent}{prefix}{step.text_de}")
        inner = indent + " " * len(prefix)
        for message in step.messages_de:
            lines.append(f"{inner}{message[0].upper()}{message[1:]}")
        if step.sub_process is not None:
            _section_lines(step.sub_process, inner, lines)
        for branch in (*step.boundary, *step.branches):
            _branch_lines(branch, inner, lines)
        if step.next is not None:
            lines.append(f"{inner}{_capital(step.next.text_de)}")


def _branch_lines(branch: Branch, indent: str, lines: list[str]) -> None:
    head = f"{indent}- {branch.label_de}:"
    if not branch.steps:
        tail = branch.next.text_de if branch.next else NOTHING_MORE_DE
        lines.append(f"{head} {tail}")
        for message in branch.messages_de:
            lines.append(f"{indent}  {_capital(message)}")
        return
    lines.append(head)
    for message in branch.messages_de:
        lines.append(f"{indent}  {_capital(message)}")
    _step_lines(branch.steps, indent + "  ", lines)
    if branch.next is not None:
        lines.append(f"{indent}  {_capital(branch.next.text_de)}")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
