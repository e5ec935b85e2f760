"""Hardened parsing of untrusted BPMN bytes.

Every upload passes through here before anything else looks at it. The parser never loads anything
from outside the given bytes: no DTD, no external entity, no network, no XInclude, no gzip
decompression (`etree.fromstring` on bytes never decompresses; `etree.parse(path)` would). A DOCTYPE
is refused outright because a BPMN file has no use for one, and every refusal carries its own stable
error code so callers (upload form, API, worker) can tell the user exactly what is wrong.

Error codes: ``invalid_input``, ``empty``, ``too_large``, ``compressed``, ``encoding``,
``malformed_xml``, ``too_deep``, ``doctype``, ``external_dtd``, ``external_entity``,
``entity_expansion``, ``xinclude``, ``not_bpmn``, ``too_many_elements``, ``id_too_long``.
"""

from __future__ import annotations

import re

from lxml import etree

from .document import Document
from .errors import BpmnError, Finding
from .limits import MAX_BYTES, MAX_ELEMENTS, MAX_ID_CHARS, number_de
from .ns import BPMN
from .recode import as_utf8

__all__ = ["MAX_BYTES", "parse"]

_XINCLUDE_NAMESPACES = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")
_DEFINITIONS = f"{{{BPMN}}}definitions"
# Magic numbers of compressed files a user might upload by mistake (gzip, zip, bzip2, xz, zstd).
_COMPRESSED_MAGIC = (b"\x1f\x8b", b"PK\x03\x04", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd")
_DOCTYPE_RE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_EXTERNAL_ENTITY_RE = re.compile(rb"<!ENTITY\s+(?:%\s+)?\S+\s+(?:SYSTEM|PUBLIC)\b")
_EXTERNAL_ENTITY_MESSAGE = "Die Datei verweist auf externe Entitäten; das ist nicht erlaubt."
_EXTERNAL_DTD_MESSAGE = (
    "Die Datei verweist auf eine externe DTD; DOCTYPE-Deklarationen sind nicht erlaubt."
)

_ENCODING_ERRORS = {
    "ERR_INVALID_ENCODING",
    "ERR_UNSUPPORTED_ENCODING",
    "ERR_UNKNOWN_ENCODING",
    "ERR_INVALID_CHAR",
}
_EXTERNAL_ENTITY_ERRORS = {
    "ERR_ENTITY_IS_EXTERNAL",
    "ERR_EXT_ENTITY_STANDALONE",
    "ERR_UNPARSED_ENTITY",
    "ERR_ENTITY_IS_PARAMETER",
}
_EXPANSION_ERRORS = {"ERR_ENTITY_LOOP", "ERR_ENTITY_AMPLIFICATION"}
# libxml2 error types (prefixes) → what a user can do with it, in German.
_SYNTAX_DE = (
    ("ERR_DOCUMENT_EMPTY", "Am Anfang steht kein XML-Element – ist es wirklich eine BPMN-Datei?"),
    ("ERR_DOCUMENT_START", "Am Anfang steht kein XML-Element – ist es wirklich eine BPMN-Datei?"),
    ("ERR_DOCUMENT_END", "Nach dem Ende des Dokuments folgt weiterer Inhalt."),
    ("ERR_TAG_NAME_MISMATCH", "Ein Element wird unter einem anderen Namen geschlossen, als es "
     "geöffnet wurde."),
    ("ERR_TAG_NOT_FINISHED", "Die Datei endet mitten in einem Element – ist sie unvollständig?"),
    ("ERR_GT_REQUIRED", "Ein Element ist nicht richtig abgeschlossen (es fehlt „>“)."),
    ("ERR_LTSLASH_REQUIRED", "Ein schließendes Element ist fehlerhaft."),
    ("ERR_ATTRIBUTE_REDEFINED", "Ein Attribut steht doppelt in einem Element."),
    ("ERR_ATTRIBUTE", "Ein Attribut ist fehlerhaft geschrieben (Anführungszeichen?)."),
    ("ERR_LT_IN_ATTRIBUTE", "Ein Attributwert enthält ein „<“."),
    ("ERR_UNDECLARED_ENTITY", "Ein unbekanntes Zeichenkürzel (&…;) wird verwendet."),
    ("ERR_NAME_REQUIRED", "Ein Element- oder Attributname fehlt oder ist ungültig."),
    ("ERR_PREMATURE_END", "Die Datei endet vorzeitig – ist sie unvollständig?"),
    ("NS_ERR_UNDEFINED_NAMESPACE", "Ein Namensraum-Präfix wird verwendet, aber nicht deklariert."),
)  # fmt: skip


class _Refused(Exception):
    def __init__(self, url: str | None) -> None:
        super().__init__(url)
        self.url = url


class _RefuseAll(etree.Resolver):
    """Refuses every outside resource. libxml2 asks for an external DTD subset and for external
    parameter entities even with load_dtd=False, so this is a real line of defence."""

    def resolve(self, url, pubid, context):
        raise _Refused(url)


def _parser(*, recover: bool = False) -> etree.XMLParser:
    # A fresh parser per call: XMLParser objects are not thread-safe and keep an error log.
    parser = etree.XMLParser(
        recover=recover,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_pis=True,
        collect_ids=False,
    )
    parser.resolvers.add(_RefuseAll())
    return parser


def _only_namespace_uri_warnings(parser: etree.XMLParser) -> bool:
    entries = list(parser.error_log)
    return bool(entries) and all(e.type_name.startswith("WAR_NS_URI") for e in entries)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _has_doctype(data: bytes) -> bool:
    """Cheap pre-check; also catches UTF-16 input by looking at the decoded prolog."""
    if _DOCTYPE_RE.search(data[:65536]):
        return True
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        prolog = data[:131072].decode("utf-16", errors="ignore")
        return "<!doctype" in prolog.lower()
    return False


def _from_syntax_error(
    exc: etree.XMLSyntaxError, parser: etree.XMLParser, data: bytes
) -> BpmnError:
    line, column = exc.position if exc.position else (None, None)
    entries = list(parser.error_log) or list(exc.error_log)
    kinds = {entry.type_name for entry in entries}
    text = " ".join(entry.message for entry in entries).lower()

    def err(code: str, message: str) -> BpmnError:
        return BpmnError(code, message, line=line, column=column)

    if kinds & _EXPANSION_ERRORS or "amplification" in text or "entity reference loop" in text:
        return err(
            "entity_expansion",
            "Die Datei enthält sich vervielfachende Entitäten (z. B. „Billion Laughs“) "
            "und wird abgelehnt.",
        )
    if kinds & _EXTERNAL_ENTITY_ERRORS or "external entity" in text:
        return err("external_entity", _EXTERNAL_ENTITY_MESSAGE)
    if "excessive depth" in text:
        return err(
            "too_deep",
            "Die Datei ist zu tief verschachtelt (mehr als 256 Ebenen) und wird abgelehnt.",
        )
    if "resource limit" in text or "too long" in text:
        return err("too_large", "Die Datei enthält einen zu großen Textabschnitt oder Namen.")
    if kinds & _ENCODING_ERRORS or "encoding" in text:
        return err(
            "encoding",
            "Die Datei enthält ungültige Zeichen oder eine nicht unterstützte Zeichenkodierung "
            "(erwartet wird UTF-8).",
        )
    if _has_doctype(data):
        return err("doctype", "Eine DOCTYPE-Deklaration ist in BPMN-Dateien nicht erlaubt.")
    # The library's English text never reaches the user; the first error says what went wrong.
    first = entries[0].type_name if entries else ""
    detail = next(
        (german for prefix, german in _SYNTAX_DE if first.startswith(prefix)),
        "Der XML-Aufbau ist fehlerhaft.",
    )
    return err("malformed_xml", f"Die Datei ist kein wohlgeformtes XML. {detail}")


def _doctype_line(data: bytes) -> int | None:
    match = _DOCTYPE_RE.search(data)
    return _line_of(data, match.start()) if match else None


def _refused(data: bytes) -> BpmnError:
    """libxml2 asked the resolver for an outside resource: an external entity or DTD."""
    if _EXTERNAL_ENTITY_RE.search(data):
        return BpmnError("external_entity", _EXTERNAL_ENTITY_MESSAGE, line=_doctype_line(data))
    return BpmnError("external_dtd", _EXTERNAL_DTD_MESSAGE, line=_doctype_line(data))


def _check_doctype(tree: etree._ElementTree, data: bytes) -> None:
    docinfo = tree.docinfo
    dtd = docinfo.internalDTD
    if not docinfo.doctype and dtd is None and not docinfo.system_url and not docinfo.public_id:
        return
    line = _doctype_line(data)

    def err(code: str, message: str) -> BpmnError:
        return BpmnError(code, message, line=line, column=None)

    if docinfo.system_url or docinfo.public_id:
        raise err("external_dtd", _EXTERNAL_DTD_MESSAGE)
    entities = list(dtd.iterentities()) if dtd is not None else []
    if any(ent.system_url for ent in entities):
        raise err("external_entity", _EXTERNAL_ENTITY_MESSAGE)
    if any("&" in (ent.orig or ent.content or "") for ent in entities):
        raise err(
            "entity_expansion",
            "Die Datei enthält sich vervielfachende Entitäten (z. B. „Billion Laughs“) "
            "und wird abgelehnt.",
        )
    raise err("doctype", "Eine DOCTYPE-Deklaration ist in BPMN-Dateien nicht erlaubt.")


def parse(data: bytes) -> Document:
    """Parse untrusted bytes into a Document, or raise BpmnError with a German message.

    The check order matters for the message a user sees: size and container format first (no
    parsing), then XML well-formedness, then DOCTYPE/entities, XInclude, and finally the root.
    A file that declares UTF-8 but holds Windows-1252 bytes is read as such (see `recode`), with
    a warning in `Document.findings`; every other refusal stands.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if not isinstance(data, bytes):
        raise BpmnError("invalid_input", "Es wurden keine Dateidaten übergeben.")
    if len(data) > MAX_BYTES:
        raise BpmnError(
            "too_large",
            "Die Datei ist größer als die erlaubten 10 MiB.",
        )
    if not data or data.isspace():
        raise BpmnError("empty", "Die Datei ist leer.")
    if data.startswith(_COMPRESSED_MAGIC):
        raise BpmnError(
            "compressed",
            "Die Datei ist komprimiert (z. B. gzip oder zip). Bitte die entpackte .bpmn-Datei "
            "hochladen.",
        )

    try:
        return _parse(data)
    except BpmnError as exc:
        repaired = as_utf8(data) if exc.code == "encoding" else None
        if repaired is None:
            raise
    text, first_bad = repaired
    doc = _parse(text)
    line = _line_of(data, first_bad)
    warning = Finding(
        "encoding",
        "warning",
        None,
        f"Die Datei gibt UTF-8 als Zeichenkodierung an, enthält aber ab Zeile {line} Zeichen in "
        "einer anderen Kodierung; sie wurde als Windows-1252 gelesen. Bitte prüfen Sie Umlaute "
        "und Sonderzeichen im Modell.",
        line,
    )
    return Document(tree=doc.tree, size=len(data), findings=(warning,))


def _parse(data: bytes) -> Document:
    parser = _parser()
    try:
        root = etree.fromstring(data, parser)
    except _Refused:
        raise _refused(data) from None
    except etree.XMLSyntaxError as exc:
        if not _only_namespace_uri_warnings(parser):
            raise _from_syntax_error(exc, parser, data) from None
        # Some tools write namespace URIs with spaces in them; libxml2 flags that as an error
        # although the document is otherwise well-formed. Everything else stays strict.
        root = etree.fromstring(data, _parser(recover=True))
    if root is None:
        raise BpmnError("empty", "Die Datei ist leer.")
    tree = root.getroottree()
    _check_doctype(tree, data)

    for include in root.iter(*(f"{{{ns}}}include" for ns in _XINCLUDE_NAMESPACES)):
        raise BpmnError(
            "xinclude",
            "Die Datei enthält XInclude-Anweisungen; das Einbinden anderer Dateien ist nicht "
            "erlaubt.",
            line=include.sourceline,
        )

    if root.tag != _DEFINITIONS:
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        namespace = etree.QName(root).namespace if isinstance(root.tag, str) else None
        if name == "definitions":
            message = (
                f"Die Datei verwendet nicht den Namensraum von BPMN 2.0 ({namespace or 'keiner'}); "
                "erwartet wird bpmn:definitions aus http://www.omg.org/spec/BPMN/20100524/MODEL."
            )
        else:
            message = (
                f"Die Datei ist kein BPMN-2.0-Modell: Das Wurzelelement ist „{name}“, "
                "erwartet wird „definitions“."
            )
        raise BpmnError("not_bpmn", message, line=root.sourceline)
    _check_size(root)
    return Document(tree=tree, size=len(data))


def _check_size(root: etree._Element) -> None:
    """Refuse a file with more elements or longer ids than any later step is built for."""
    count = 0
    for el in root.iter(etree.Element):
        count += 1
        ident = el.get("id")
        if ident is not None and len(ident) > MAX_ID_CHARS:
            raise BpmnError(
                "id_too_long",
                f"Die Datei enthält eine ID mit {number_de(len(ident))} Zeichen; erlaubt sind "
                f"höchstens {number_de(MAX_ID_CHARS)}.",
                line=el.sourceline,
            )
    if count > MAX_ELEMENTS:
        raise BpmnError(
            "too_many_elements",
            f"Die Datei enthält {number_de(count)} XML-Elemente; verarbeitet werden Modelle mit "
            f"höchstens {number_de(MAX_ELEMENTS)}.",
        )
