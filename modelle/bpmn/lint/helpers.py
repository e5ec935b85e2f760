"""What the lint rules share: the per-document context with its indexes, and small predicates.

The context is built once per document (one pass over the XML, see `moddle.read`) and every rule
asks it for the elements of the types it checks, so no rule walks the tree itself.
"""

from __future__ import annotations

import re
from functools import cached_property

from ..document import Document
from .metamodel import ANCESTORS
from .moddle import Model, Node, read

__all__ = [
    "Context",
    "Node",
    "event_definitions",
    "has_condition",
    "incoming",
    "is_default_flow",
    "js_parse_float",
    "js_trim",
    "outgoing",
]

# JavaScript's String.prototype.trim() whitespace (differs from Python's str.strip()).
_JS_WHITESPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_JS_FLOAT = re.compile(r"[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def js_trim(text: str | None) -> str:
    """`(text || '').trim()` as JavaScript does it."""
    return text.strip(_JS_WHITESPACE) if text else ""


_floats: dict[str, float] = {}


def js_parse_float(text: str) -> float:
    """JavaScript's parseFloat: the longest numeric prefix, NaN if there is none."""
    value = _floats.get(text)
    if value is None:
        if len(_floats) > 50_000:
            _floats.clear()
        value = _floats[text] = _js_parse_float(text)
    return value


def _js_parse_float(text: str) -> float:
    match = _JS_FLOAT.match(text.lstrip(_JS_WHITESPACE))
    if match is None:
        return float("nan")
    number = match.group()
    return float(number.replace("Infinity", "inf"))


# (type, type, …) -> every type that is an instance of one of them; filled on first use.
_INSTANCES: dict[tuple[str, ...], frozenset[str]] = {}


def _instances(type_names: tuple[str, ...]) -> frozenset[str]:
    found = _INSTANCES.get(type_names)
    if found is None:
        found = _INSTANCES[type_names] = frozenset(
            t for t, anc in ANCESTORS.items() if any(n in anc for n in type_names)
        )
    return found


class Context:
    """One document's moddle-like tree with the indexes the rules use."""

    def __init__(self, model: Model) -> None:
        self.model = model
        self.definitions = model.definitions
        by_type: dict[str, list[Node]] = {}
        for node in model.nodes:
            bucket = by_type.get(node.type)
            if bucket is None:
                by_type[node.type] = [node]
            else:
                bucket.append(node)
        self._by_type = by_type
        self._of: dict[tuple[str, ...], list[Node]] = {}
        # messages of rules that stopped at a bound (see `limits`); `lint` empties it per run
        self.limits: list[str] = []

    def limit(self, message_de: str) -> None:
        """A rule stopped at a work bound: `lint` reports the message as a "limit" finding."""
        self.limits.append(message_de)

    @classmethod
    def of_document(cls, doc: Document) -> Context:
        """The context of a document, built on first use and kept with the document."""
        ctx = doc._cache.get("lint.context")
        if ctx is None:
            ctx = doc._cache["lint.context"] = cls(read(doc.root))
        return ctx

    def of(self, *type_names: str) -> list[Node]:
        """All elements that are an instance of any of these types (grouped by concrete type)."""
        found = self._of.get(type_names)
        if found is None:
            found = []
            wanted = _instances(type_names)
            for concrete, nodes in self._by_type.items():
                if concrete in wanted:
                    found.extend(nodes)
            self._of[type_names] = found
        return found

    def ref(self, node: Node, attr: str) -> Node | None:
        """Follow an attribute reference (`sourceRef`, `default`, `bpmnElement`, …)."""
        return self.model.ref(node, attr)

    @cached_property
    def di(self) -> dict[Node, Node]:
        """Semantic element -> its diagram element (BPMNShape/BPMNEdge); the last one wins."""
        index: dict[Node, Node] = {}
        for diagram in self.definitions.many("diagrams"):
            plane = diagram.one("plane")
            if plane is None:
                continue
            for element in plane.many("planeElement"):
                target = self.ref(element, "bpmnElement")
                if target is not None:
                    index[target] = element
        return index


def incoming(node: Node) -> list[Node]:
    return node.many("incoming")


def outgoing(node: Node) -> list[Node]:
    return node.many("outgoing")


def has_condition(flow: Node) -> bool:
    return flow.one("conditionExpression") is not None


def is_default_flow(ctx: Context, node: Node, flow: Node) -> bool:
    return ctx.ref(node, "default") is flow


def event_definitions(node: Node) -> list[Node]:
    return node.many("eventDefinitions")
