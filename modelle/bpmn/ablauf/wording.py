"""The German words of the process text: type words, event details, branch labels, timer values.

Kept apart from the walk so the wording can be read (and reviewed by a native speaker) in one
place. The toolkit has no Django, so these are plain strings, like the lint messages.
"""

from __future__ import annotations

import re

from lxml import etree

from ..begriffe import THROWING_DE, TYPE_DE
from ..begriffe import TRIGGER_DE as _DEFINITION_DE
from ..metrics import GATEWAYS as _GATEWAYS
from ..metrics import SUB_PROCESSES, TASKS
from ..ns import BPMN

_P = f"{{{BPMN}}}"
# Labels longer than this are cut: a screen reader reads every character of a line.
MAX_LABEL = 200

# What happens, as the end of "Wenn während „X“ …".
_BOUNDARY_DE = {
    "timer": "die Frist abläuft",
    "message": "eine Nachricht eingeht",
    "error": "ein Fehler auftritt",
    "escalation": "eine Eskalation eintritt",
    "cancel": "abgebrochen wird",
    "compensate": "kompensiert werden muss",
    "conditional": "die Bedingung eintritt",
    "signal": "ein Signal eintrifft",
}
_DEFINITION_TAGS = {f"{_P}{kind}EventDefinition": kind for kind in _DEFINITION_DE}
_EVENT_DEFINITION_REF = f"{_P}eventDefinitionRef"
_TIMER_PARTS = (f"{_P}timeDuration", f"{_P}timeDate", f"{_P}timeCycle")

GATEWAYS = frozenset(_GATEWAYS)
ACTIVITIES = frozenset(TASKS + SUB_PROCESSES)


def clean(text: str | None) -> str:
    """One line, single spaces, at most MAX_LABEL characters."""
    if not text:
        return ""
    line = " ".join(text.split())
    if len(line) > MAX_LABEL:
        line = line[: MAX_LABEL - 1].rstrip() + "…"
    return line


# --- timer values -------------------------------------------------------------------------------

_DURATION = re.compile(
    r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?"
    r"(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?"
)
_UNITS = (
    ("Jahr", "Jahre"),
    ("Monat", "Monate"),
    ("Woche", "Wochen"),
    ("Tag", "Tage"),
    ("Stunde", "Stunden"),
    ("Minute", "Minuten"),
    ("Sekunde", "Sekunden"),
)
_CYCLE = re.compile(r"R(\d*)/(P\S+)")
_EVERY_ONE = {
    "1 Jahr": "jedes Jahr",
    "1 Monat": "jeden Monat",
    "1 Woche": "jede Woche",
    "1 Tag": "jeden Tag",
    "1 Stunde": "jede Stunde",
    "1 Minute": "jede Minute",
    "1 Sekunde": "jede Sekunde",
}


def duration_de(value: str) -> str | None:
    """ISO 8601 duration in German words ("P4W" → "4 Wochen"); None if it is not one."""
    match = _DURATION.fullmatch(value)
    if match is None or not any(match.groups()):
        return None
    parts = []
    for amount, (one, many) in zip(match.groups(), _UNITS, strict=True):
        if amount is None:
            continue
        parts.append(f"{amount} {one if amount == '1' else many}")
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " und " + parts[-1]


def timer_de(definition: etree._Element) -> str:
    """What a timer waits for, e.g. "4 Wochen", "alle 2 Tage", "am 2025-01-31"; "" if unset."""
    for tag in _TIMER_PARTS:
        part = definition.find(tag)
        if part is None:
            continue
        value = clean("".join(part.itertext()))
        if not value:
            continue
        if tag.endswith("timeDuration"):
            return duration_de(value) or value
        if tag.endswith("timeDate"):
            return f"am {value}"
        cycle = _CYCLE.fullmatch(value)
        every = duration_de(cycle.group(2)) if cycle else None
        if cycle and every:
            times = cycle.group(1)
            every = _EVERY_ONE.get(every, f"alle {every}")
            return f"{every}, {times}-mal" if times else every
        return f"Zyklus {value}"
    return ""


# --- events -------------------------------------------------------------------------------------


def event_definitions(el: etree._Element, by_id: dict) -> list[etree._Element]:
    """The event definitions of an event: its own children and those it refers to by id."""
    found = []
    for child in el:
        tag = child.tag
        if tag in _DEFINITION_TAGS:
            found.append(child)
        elif tag == _EVENT_DEFINITION_REF and child.text:
            target = by_id.get(child.text.strip())
            if target is not None and target.tag in _DEFINITION_TAGS:
                found.append(target)
    return found


def definition_kind(definition: etree._Element) -> str:
    return _DEFINITION_TAGS[definition.tag]


def event_details(definitions: list[etree._Element]) -> list[str]:
    """ "Nachricht", "Timer: 4 Wochen" … one entry per definition."""
    details = []
    for definition in definitions:
        kind = definition_kind(definition)
        if kind == "timer":
            value = timer_de(definition)
            details.append(f"Timer: {value}" if value else "Timer")
        else:
            details.append(_DEFINITION_DE[kind])
    return details


def boundary_label(
    host_title: str, name: str, definitions: list[etree._Element], interrupting: bool
) -> str:
    """ "Wenn während „Antrag prüfen“ die Frist abläuft (Frist um, 4 Wochen, mit Abbruch)"."""
    kinds = [definition_kind(d) for d in definitions]
    what = _BOUNDARY_DE.get(kinds[0], "das Ereignis eintritt") if len(kinds) == 1 else None
    what = what or "das Ereignis eintritt"
    details = [name] if name else []
    if kinds == ["timer"]:
        value = timer_de(definitions[0])
        if value:
            details.append(value)
    elif len(kinds) > 1:
        details.extend(event_details(definitions))
    details.append("mit Abbruch" if interrupting else "ohne Abbruch")
    return f"Wenn während „{host_title}“ {what} ({', '.join(details)})"


# --- steps --------------------------------------------------------------------------------------


def _with_details(base: str, details: list[str]) -> str:
    return f"{base} ({', '.join(details)})" if details else base


def activity_markers(el: etree._Element) -> list[str]:
    """Loop markers a sighted reader sees on the shape."""
    markers = []
    for child in el:
        tag = child.tag
        if tag == f"{_P}standardLoopCharacteristics":
            markers.append("wird wiederholt")
        elif tag == f"{_P}multiInstanceLoopCharacteristics":
            sequential = child.get("isSequential") == "true"
            markers.append("mehrfach nacheinander" if sequential else "mehrfach gleichzeitig")
    if el.get("isForCompensation") == "true":
        markers.append("Kompensation")
    return markers


def event_text(kind: str, name: str, details: list[str], interrupting: bool) -> tuple[str, str]:
    """(text, title) of an event step."""
    if kind == "startEvent":
        if not interrupting:
            details = [*details, "ohne Abbruch"]
        base = f"Start: {name}" if name else "Start"
        return _with_details(base, details), name or "Start"
    if kind == "endEvent":
        base = f"Ende: {name}" if name else "Ende"
        return _with_details(base, details), name or "Ende"
    if kind == "intermediateThrowEvent":
        details = [THROWING_DE, *details]
    type_de = TYPE_DE.get(kind, "Ereignis")
    if name:
        return f"{name} ({', '.join([type_de, *details])})", name
    return _with_details(type_de, details), type_de


def activity_text(type_de: str, name: str, markers: list[str]) -> tuple[str, str]:
    if name:
        return f"{name} ({', '.join([type_de, *markers])})", name
    return _with_details(f"{type_de} ohne Namen", markers), type_de


_SPLIT_DE = {
    "exclusiveGateway": "Entscheidung",
    "inclusiveGateway": "Entscheidung, auch mehrere Wege möglich",
    "complexGateway": "Verzweigung nach Regel",
}
_JOIN_DE = {
    "parallelGateway": "weiter, wenn alle Zweige fertig sind",
    "inclusiveGateway": "weiter, wenn alle begonnenen Zweige fertig sind",
    "complexGateway": "weiter nach Regel",
}


def gateway_text(kind: str, name: str, incoming: int, outgoing: int) -> tuple[str, str]:
    """(text, title) of a gateway step: a decision, a parallel split, a join, or both."""
    split = join = ""
    if outgoing >= 2:
        if kind == "parallelGateway":
            split = f"Gleichzeitig in {outgoing} Zweigen"
        elif kind == "eventBasedGateway":
            split = f"Warten auf das erste von {outgoing} Ereignissen"
        else:
            split = _SPLIT_DE.get(kind, "Entscheidung")
    if incoming >= 2:
        join = _JOIN_DE.get(kind, "weiter, wenn ein Zweig fertig ist")
    if split and join:
        text = f"Zusammenführung ({join}), dann {split[0].lower()}{split[1:]}"
        return (f"{text}: {name}" if name else text), name or "Zusammenführung"
    if split:
        return (f"{split}: {name}" if name else split), name or split.split(",")[0]
    if join:
        label = f"Zusammenführung „{name}“" if name else "Zusammenführung"
        return f"{label}: {join}", name or "Zusammenführung"
    type_de = TYPE_DE[kind]
    return (f"{name} ({type_de})" if name else type_de), name or type_de


def branch_label(
    source_kind: str, index: int, name: str, condition: str, is_default: bool
) -> tuple[str, str]:
    """(kind, label) of one outgoing flow of a split.

    kind: "parallel", "event", "default", "condition" or "unconditional".
    """
    if source_kind == "parallelGateway" or (
        source_kind not in GATEWAYS and not condition and not is_default
    ):
        label = f"Zweig {index}"
        return "parallel", (f"{label} („{name}“)" if name else label)
    if source_kind == "eventBasedGateway":
        label = "Wenn dies zuerst eintritt"
        return "event", (f"{label} („{name}“)" if name else label)
    if is_default:
        return "default", (f"Standardfluss („{name}“)" if name else "Standardfluss")
    if name:
        return "condition", f"Wenn „{name}“"
    if condition:
        return "condition", f"Wenn {condition}"
    return "unconditional", "Ohne Bedingung"
