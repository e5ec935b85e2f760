"""What a page shows about one element of a model: its name, German type label and documentation.

Read from the model (not from the drawing), so the details panel of the diagram viewer says what
the file says, also for text that the drawing shortens or leaves out.
"""

from __future__ import annotations

import re

from lxml import etree

from .begriffe import (
    EVENT_SUB_PROCESS_DE,
    MULTIPLE_TRIGGERS_DE,
    OTHER_TYPE_DE,
    THROWING_DE,
    TRIGGER_DE,
    TYPE_DE,
)
from .document import Document
from .limits import (
    ELEMENT_DOC_CHARS,
    ELEMENT_DOC_TOTAL_CHARS,
    ELEMENT_INFO_ELEMENTS,
    ELEMENT_NAME_CHARS,
)
from .ns import BPMN, local

# Every element type with a German word (`begriffe`) is described; others (extensions, event
# definitions …) are left out.
_TYPES = TYPE_DE | OTHER_TYPE_DE
_DEFINITION = "EventDefinition"

_DOCUMENTATION = f"{{{BPMN}}}documentation"
_TEXT = f"{{{BPMN}}}text"
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_RE = re.compile(r"[ \t]+")
_LINES_RE = re.compile(r"\n{3,}")


# Raw characters looked at per `limit` characters of cleaned text: cleaning only shrinks a text
# (control characters, runs of blanks and blank lines go), and real texts do not shrink to a
# quarter, so a text of ten million line breaks costs what one of a few `limit`s does.
_WINDOW = 4


def _clean(text: str | None, limit: int) -> str:
    """Plain text: no control characters, tidy white space, at most `limit` characters (an
    ellipsis marks a cut). Only `_WINDOW * limit` characters of `text` are looked at."""
    if not text:
        return ""
    start = len(text) - len(text.lstrip())  # leading white space is stripped anyway
    window = _WINDOW * limit
    cut = len(text) - start > window
    text = text[start : start + window].replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    text = _LINES_RE.sub("\n\n", "\n".join(_BLANK_RE.sub(" ", z).strip() for z in text.split("\n")))
    text = text.strip()
    if cut or len(text) > limit:
        return text[: limit - 1].rstrip() + "…"
    return text


def _typ(el: etree._Element, kind: str) -> str:
    """The type word, with the triggers of an event as the process text names them."""
    if kind == "subProcess" and el.get("triggeredByEvent") == "true":
        return EVENT_SUB_PROCESS_DE
    label = _TYPES[kind]
    if not kind.endswith("Event"):
        return label
    triggers = [
        TRIGGER_DE[trigger]
        for c in el
        if (name := local(c.tag)).endswith(_DEFINITION)
        and (trigger := name[: -len(_DEFINITION)]) in TRIGGER_DE
    ]
    details = [THROWING_DE] if kind == "intermediateThrowEvent" else []
    if len(triggers) > 1:
        details.append(MULTIPLE_TRIGGERS_DE)
    else:
        details += triggers
    return f"{label} ({', '.join(details)})" if details else label


def _name(doc: Document, el: etree._Element, kind: str) -> str:
    if kind == "textAnnotation":
        text = el.find(_TEXT)
        return _clean(text.text if text is not None else "", ELEMENT_NAME_CHARS)
    if kind == "group" and not el.get("name"):
        # A group shows the value of the category value it references.
        value = doc.by_id.get((el.get("categoryValueRef") or "").rpartition(":")[2])
        return _clean(value.get("value") if value is not None else "", ELEMENT_NAME_CHARS)
    return _clean(el.get("name"), ELEMENT_NAME_CHARS)


def _doku(el: etree._Element, limit: int) -> str:
    parts = [
        "".join(d.itertext()) for d in el.iterchildren(_DOCUMENTATION) if d.text or len(d)
    ]  # itertext: some tools put the text in child elements (HTML fragments)
    return _clean("\n\n".join(parts), limit)


def element_info(doc: Document) -> dict[str, dict[str, str]]:
    """For every BPMN element with an id that a diagram can show: {"name", "typ", "doku"}.

    `typ` is the German label of the element type ("Benutzeraufgabe", "Exklusives Gateway",
    "Startereignis (Nachricht)"); `name` is the label text (for a text annotation its text, for
    a group its category value); `doku` is the `bpmn:documentation` as plain text. Element types
    without a German label (extensions, event definitions, …) are left out.

    Bounded (`limits`): at most ELEMENT_INFO_ELEMENTS elements in document order (first id
    wins), names cut at ELEMENT_NAME_CHARS and documentation at ELEMENT_DOC_CHARS characters
    (marked with "…"), and once ELEMENT_DOC_TOTAL_CHARS characters of documentation are used up,
    further elements get an empty `doku`.
    Pure: no Django, the document is not changed.
    """
    result: dict[str, dict[str, str]] = {}
    budget = ELEMENT_DOC_TOTAL_CHARS
    for el in doc.root.iter(f"{{{BPMN}}}*"):
        kind = local(el.tag)
        ident = el.get("id")
        if kind not in _TYPES or not ident or ident in result:
            continue
        if len(result) >= ELEMENT_INFO_ELEMENTS:
            break
        doku = _doku(el, min(ELEMENT_DOC_CHARS, budget)) if budget > 0 else ""
        budget -= len(doku)
        result[ident] = {"name": _name(doc, el, kind), "typ": _typ(el, kind), "doku": doku}
    return result
