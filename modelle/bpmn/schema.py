"""Validation against the OMG BPMN 2.0 XSDs shipped by the installed SpiffWorkflow package.

The schema is compiled once per process, lazily, and never touches the network: the XSDs import each
other by relative `schemaLocation`, and a resolver answers those from the package directory and
refuses anything else.
"""

from __future__ import annotations

import importlib.util
import re
import threading
from pathlib import Path

from lxml import etree

from .document import Document
from .errors import Finding
from .ns import BPMN, BPMNDI, DC, DI, XSI

MAX_FINDINGS = 50
_XSD_FILES = ("BPMN20.xsd", "Semantic.xsd", "BPMNDI.xsd", "DC.xsd", "DI.xsd")
_PREFIXES = {BPMN: "bpmn", BPMNDI: "bpmndi", DC: "dc", DI: "di", XSI: "xsi"}

_lock = threading.Lock()
_schema: etree.XMLSchema | None = None


class SchemaUnavailable(RuntimeError):
    """The BPMN XSDs could not be found (SpiffWorkflow missing or broken); a deployment error."""


def _schema_dir() -> Path:
    spec = importlib.util.find_spec("SpiffWorkflow")
    if spec is None or not spec.submodule_search_locations:
        raise SchemaUnavailable("SpiffWorkflow (BPMN-XSDs) ist nicht installiert.")
    directory = Path(next(iter(spec.submodule_search_locations))) / "bpmn" / "parser" / "schema"
    if not (directory / "BPMN20.xsd").is_file():
        raise SchemaUnavailable(f"BPMN20.xsd fehlt in {directory}.")
    return directory


class _LocalXsdResolver(etree.Resolver):
    """Serves the five known XSD files from the package directory; refuses every other URL."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self.directory = directory

    def resolve(self, url, pubid, context):
        name = (url or "").replace("\\", "/").rsplit("/", 1)[-1]
        if name in _XSD_FILES:
            data = (self.directory / name).read_bytes()
            return self.resolve_string(data, context, base_url=str(self.directory / name))
        raise SchemaUnavailable(f"Nicht erlaubter Schema-Verweis: {url}")


def _load() -> etree.XMLSchema:
    directory = _schema_dir()
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_LocalXsdResolver(directory))
    main = directory / "BPMN20.xsd"
    root = etree.fromstring(main.read_bytes(), parser, base_url=str(main))
    return etree.XMLSchema(root.getroottree())


def get_schema() -> etree.XMLSchema:
    """The compiled BPMN 2.0 schema (compiled on first use, then shared within the process)."""
    global _schema
    if _schema is None:
        with _lock:
            if _schema is None:
                _schema = _load()
    return _schema


def _pretty(clark: str) -> str:
    """'{…/MODEL}task' -> 'bpmn:task'; unknown namespaces keep only the local name."""
    if not clark.startswith("{"):
        return clark
    namespace, _, name = clark[1:].partition("}")
    prefix = _PREFIXES.get(namespace)
    return f"{prefix}:{name}" if prefix else name


_CLARK = re.compile(r"\{[^{}]*\}[\w.\-]+")


def _prettify(text: str) -> str:
    return _CLARK.sub(lambda m: _pretty(m.group(0)), text)


def _expected(raw: str) -> str:
    names = [_pretty(part.strip()) for part in raw.split(",") if part.strip()]
    shown = ", ".join(names[:6])
    return shown + (f" und {len(names) - 6} weitere" if len(names) > 6 else "")


_EL = r"Element '(?P<el>[^']+)'"
_ATTR = r", attribute '(?P<attr>[^']+)'"
_TRANSLATIONS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            _EL + r": Missing child element\(s\)\. Expected is (?:one of )?\( (?P<exp>.*) \)"
        ),
        "Am Element „{el}“ fehlt ein vorgeschriebenes Kindelement (erwartet: {exp}).",
    ),
    (
        re.compile(
            _EL + r": This element is not expected\. Expected is (?:one of )?\( (?P<exp>.*) \)"
        ),
        "Das Element „{el}“ ist an dieser Stelle nicht erlaubt (erwartet: {exp}).",
    ),
    (
        re.compile(_EL + r": This element is not expected"),
        "Das Element „{el}“ ist an dieser Stelle nicht erlaubt.",
    ),
    (
        re.compile(_EL + r": The attribute '(?P<attr>[^']+)' is required but missing"),
        "Am Element „{el}“ fehlt das Pflichtattribut „{attr}“.",
    ),
    (
        re.compile(_EL + _ATTR + r": The attribute '[^']+' is not allowed"),
        "Das Attribut „{attr}“ ist am Element „{el}“ nicht erlaubt.",
    ),
    (
        re.compile(
            _EL + _ATTR + r": '(?P<val>.*)' is not a valid value of the atomic type "
            r"'xs:ID'"
        ),
        "Die ID „{val}“ an „{el}“ ist ungültig (eine ID muss mit einem Buchstaben oder „_“ "
        "beginnen und darf in der Datei nur einmal vorkommen).",
    ),
    (
        re.compile(
            _EL + _ATTR + r": '(?P<val>.*)' is not a valid value of the atomic type "
            r"'(?P<type>[^']+)'"
        ),
        "Der Wert „{val}“ des Attributs „{attr}“ an „{el}“ ist kein gültiger Wert vom Typ {type}.",
    ),
    (
        re.compile(
            _EL + r": '(?P<val>.*)' is not a valid value of the atomic type '(?P<type>[^']+)'"
        ),
        "Der Inhalt „{val}“ von „{el}“ ist kein gültiger Wert vom Typ {type}.",
    ),
    (
        re.compile(
            _EL + _ATTR + r": The QName value '(?P<val>[^']+)' has no corresponding "
            r"namespace declaration in scope"
        ),
        "Der Wert „{val}“ des Attributs „{attr}“ an „{el}“ verwendet ein nicht deklariertes "
        "Namensraum-Präfix.",
    ),
    (
        re.compile(
            _EL + r": No matching global element declaration available, but demanded by "
            r"the strict wildcard"
        ),
        "Das Erweiterungselement „{el}“ ist hier nur mit bekanntem Schema erlaubt.",
    ),
    (
        re.compile(_EL + r": Character content other than whitespace is not allowed"),
        "Das Element „{el}“ darf keinen Text enthalten.",
    ),
    (
        re.compile(
            _EL + _ATTR + r": \[facet 'enumeration'\] The value '(?P<val>[^']*)' is not an "
            r"element of the set \{(?P<exp>.*)\}"
        ),
        "Der Wert „{val}“ des Attributs „{attr}“ an „{el}“ ist nicht erlaubt (erlaubt: {exp}).",
    ),
]


def message_de(message: str) -> str:
    """German text for one libxml2 schema message; unknown messages keep their English detail."""
    for pattern, template in _TRANSLATIONS:
        match = pattern.match(message)
        if match:
            parts = {key: (value or "") for key, value in match.groupdict().items()}
            for key in ("el", "attr"):
                if key in parts:
                    parts[key] = _pretty(parts[key])
            if "exp" in parts:
                parts["exp"] = _expected(parts["exp"].replace("'", ""))
            if "val" in parts and len(parts["val"]) > 80:
                parts["val"] = parts["val"][:77] + "…"
            return template.format(**parts)
    return f"Verstoß gegen das BPMN-2.0-Schema: {_prettify(message.rstrip('.'))}."


def _element_id(doc: Document, path: str | None, line: int | None) -> str | None:
    """Id of the offending element, or of its nearest ancestor that has one."""
    node = None
    if path:
        namespaces = {k: v for k, v in doc.root.nsmap.items() if k}
        try:
            hits = doc.tree.xpath(path, namespaces=namespaces)
        except etree.XPathError:
            hits = []
        if hits and isinstance(hits[0], etree._Element):
            node = hits[0]
    if node is None and line:
        node = next((el for el in doc.root.iter(etree.Element) if el.sourceline == line), None)
    while node is not None:
        ident = node.get("id")
        if ident:
            return ident
        node = node.getparent()
    return None


def validate_schema(doc: Document, *, max_findings: int = MAX_FINDINGS) -> list[Finding]:
    """Check `doc` against the BPMN 2.0 XSDs; at most `max_findings` findings (rule "xsd").

    When there are more errors, the last finding says how many were left out.
    """
    schema = get_schema()
    # XMLSchema keeps its error log on the object: validate and read the log under one lock.
    with _lock:
        valid = schema.validate(doc.tree)
        errors = (
            []
            if valid
            else [(e.message, e.line, getattr(e, "path", None)) for e in schema.error_log]
        )
    findings: list[Finding] = []
    shown = errors if len(errors) <= max_findings else errors[: max_findings - 1]
    for message, line, path in shown:
        findings.append(
            Finding(
                rule="xsd",
                severity="error",
                element_id=_element_id(doc, path, line),
                message_de=message_de(message),
                line=line or None,
            )
        )
    if len(errors) > len(shown):
        findings.append(
            Finding(
                rule="xsd",
                severity="error",
                element_id=None,
                message_de=f"… und {len(errors) - len(shown)} weitere Verstöße gegen das "
                "BPMN-2.0-Schema (nicht einzeln aufgeführt).",
                line=None,
            )
        )
    return findings


validate = validate_schema
