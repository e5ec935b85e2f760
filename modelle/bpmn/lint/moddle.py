"""Read a parsed BPMN document into the object tree bpmn-moddle would build from it.

bpmnlint's rules run on bpmn-moddle's tree, so "the same verdicts" means reading the XML the same
lenient way. What that means, in short (bpmn-moddle 10 / moddle-xml 12 in lax mode):

* An element the metamodel does not allow where it stands is dropped with its whole subtree.
  Foreign (extension) elements are kept only where the metamodel takes any element
  (`extensionElements`); nothing inside them is ever a BPMN element.
* An element whose `id` is not a QName-like id (`^([a-z][\\w-.]*:)?[a-z_][\\w-.]*$`, ASCII, case
  insensitive) or repeats an id seen before is dropped with its subtree.
* References (`sourceRef`, `<incoming>…</incoming>`, `bpmnElement`, …) resolve by id to any
  element that was kept, whatever its type; an unresolvable one is simply absent. The text of a
  reference element is taken as is (not trimmed).
* `xsi:type` on expression-like children must name a known type (`bpmn:tFormalExpression`,
  `tFormalExpression` with BPMN as default namespace, …); otherwise the child is dropped.
* A second child for a single-valued property replaces the first.

Known approximations (none occurs in the MIWG corpus): lxml merges CDATA into the surrounding text
and normalises newlines in attribute values, where the SAX parser of moddle-xml keeps them apart;
a `di:waypoint` is always taken for a point whatever its `xsi:type`; elements nobody can observe
(points, fonts, extension content, a label's bounds) are not built. Files bpmn-moddle refuses
altogether (it crashes on some malformed nestings) are still linted here.
"""

from __future__ import annotations

import re

from lxml import etree

from ..ns import BPMN, XSI
from .metamodel import ANCESTORS, PREFIX_OF_URI, TYPES, Prop, TypeInfo, type_for_tag

_VALID_ID = re.compile(r"(?:[a-z][\w.\-]*:)?[a-z_][\w.\-]*", re.IGNORECASE | re.ASCII)
_XSI_TYPE = f"{{{XSI}}}type"
_DEFINITIONS = f"{{{BPMN}}}definitions"

#: Attribute references the rules follow, and the types on which the attribute is a property
#: (elsewhere bpmn-moddle keeps the attribute as an unknown string, never resolved).
ATTR_REFS: dict[str, tuple[str, ...]] = {
    "default": ("Activity", "ExclusiveGateway", "InclusiveGateway", "ComplexGateway"),
    "sourceRef": ("SequenceFlow", "MessageFlow", "Association", "ConversationLink"),
    "targetRef": ("SequenceFlow", "MessageFlow", "Association", "ConversationLink"),
    "attachedToRef": ("BoundaryEvent",),
    "processRef": ("Participant",),
    "bpmnElement": ("bpmndi:BPMNPlane", "bpmndi:BPMNShape", "bpmndi:BPMNEdge"),
    "errorRef": ("ErrorEventDefinition",),
    "escalationRef": ("EscalationEventDefinition",),
    "messageRef": ("MessageEventDefinition", "SendTask", "ReceiveTask", "MessageFlow"),
    "signalRef": ("SignalEventDefinition",),
}
_REF_HOLDERS: dict[str, frozenset[str]] = {
    attr: frozenset(t for t, anc in ANCESTORS.items() if any(h in anc for h in holders))
    for attr, holders in ATTR_REFS.items()
}
#: Child-element references the rules follow.
_FOLLOWED_REFS = frozenset({"incoming", "outgoing"})

#: Types without an id whose content no rule can observe: they are not built at all.
_NEEDED = frozenset({"dc:Bounds"})
_SKIP = frozenset(
    name
    for name, info in TYPES.items()
    if not info.has_id
    and name not in _NEEDED
    and all(p.kind != "element" or p.type == "*" for p in info.props)
)
#: Types whose children hold no id and nothing a rule reads (a label's bounds): not descended.
_LEAF = frozenset({"bpmndi:BPMNLabel"})


# What to do with a child tag under a parent type, cached per (parent type, tag):
# None (dropped, irrelevant or a generic extension) or (prop, type name) for the child.
_Decision = tuple[Prop, str] | None
_decisions: dict[str, dict[str, _Decision]] = {}


class Node:
    """One element of the tree, like a moddle element: a type, an id, a parent and properties."""

    __slots__ = ("_refs", "el", "id", "live", "parent", "props", "type")

    def __init__(
        self, type_: str, el: etree._Element, parent: Node | None, ident: str | None
    ) -> None:
        self.type = type_
        self.el = el
        self.parent = parent
        self.id = ident
        self.props: dict[str, object] = {}
        self.live = True
        self._refs: dict[str, Node | None] | None = None

    def __repr__(self) -> str:
        return f"<{self.type} {self.id!r}>"

    def is_a(self, type_name: str) -> bool:
        return type_name in ANCESTORS[self.type]

    def many(self, name: str) -> list[Node]:
        return self.props.get(name) or []  # type: ignore[return-value]

    def one(self, name: str) -> Node | None:
        return self.props.get(name)  # type: ignore[return-value]

    @property
    def name(self) -> str | None:
        return self.el.get("name")

    @property
    def line(self) -> int | None:
        return self.el.sourceline

    def flag(self, name: str, default: bool = False) -> bool:
        """A boolean attribute as bpmn-moddle reads it: only the exact text "true" is true."""
        value = self.el.get(name)
        return default if value is None else value == "true"


class Model:
    """The tree of one document plus the id index the references resolve against."""

    __slots__ = ("by_id", "definitions", "nodes")

    def __init__(self, definitions: Node, nodes: list[Node], by_id: dict[str, Node]) -> None:
        self.definitions = definitions
        self.nodes = nodes  # every element of the tree, document order, definitions first
        self.by_id = by_id

    def ref(self, node: Node, attr: str) -> Node | None:
        """The element an attribute reference of `node` points to, or None."""
        refs = node._refs
        if refs is None:
            refs = node._refs = {}
        elif attr in refs:
            return refs[attr]
        target = None
        if node.type in _REF_HOLDERS[attr]:
            value = node.el.get(attr)
            if value is not None:
                target = self.by_id.get(value)
        refs[attr] = target
        return target


def _decide(info: TypeInfo, tag: str) -> _Decision:
    uri, _, local = tag[1:].partition("}") if tag[:1] == "{" else ("", "", tag)
    prop = info.props_by_name.get((uri, local))  # type: ignore[union-attr]
    if prop is not None:
        if prop.kind == "element":
            # (a waypoint is taken for a point even if its xsi:type names something else)
            if prop.type == "*" or prop.type in _SKIP:
                return None
            return prop, prop.type  # type: ignore[return-value]
        return (prop, "") if prop.kind == "ref" and prop.name in _FOLLOWED_REFS else None
    type_name = type_for_tag(uri, local)
    if type_name is None:
        # a foreign element: kept only as a generic extension, which no rule looks into
        return None
    ancestors = ANCESTORS[type_name]
    for prop in info.props:
        if prop.kind == "element" and prop.type in ancestors:
            return (prop, type_name) if type_name not in _SKIP else None
    return None


def _xsi_type(el: etree._Element, value: str) -> str | None:
    prefix, sep, local = value.partition(":")
    if not sep:
        prefix, local = "", value
        uri = el.nsmap.get(None)
        package = PREFIX_OF_URI.get(uri) if uri else None
    else:
        uri = el.nsmap.get(prefix)
        package = PREFIX_OF_URI.get(uri) if uri else prefix
    if package == "bpmn":
        name = local[1:] if local.startswith("t") else local
    elif package in ("bpmndi", "dc", "di"):
        name = f"{package}:{local}"
    else:
        return None
    return name if name in TYPES else None


def _ref_text(el: etree._Element) -> str | None:
    # moddle-xml collects the text events of the element, skipping whitespace-only ones
    text = el.text
    if len(el):
        text = "".join(p for p in (text, *(c.tail for c in el)) if p and p.strip())
    return text if text and text.strip() else None


def read(root: etree._Element) -> Model:
    """Build the moddle-like tree of a `bpmn:definitions` element."""
    by_id: dict[str, Node] = {}
    nodes: list[Node] = []
    pending: list[tuple[Node, str, str | None]] = []
    replaced: list[Node] = []

    root_id = root.get("id")
    definitions = Node("Definitions", root, None, root_id)
    nodes.append(definitions)
    if root.tag != _DEFINITIONS or (root_id and not _VALID_ID.fullmatch(root_id)):
        # bpmn-moddle keeps an empty definitions element and ignores everything inside
        return Model(definitions, nodes, by_id)
    if root_id:
        by_id[root_id] = definitions

    valid_id = _VALID_ID.fullmatch
    xsi_attr = _XSI_TYPE
    skip = _SKIP
    leaf = _LEAF
    types = TYPES

    def walk(parent: Node, parent_el: etree._Element, info: TypeInfo) -> None:
        table = _decisions.get(info.name)
        if table is None:
            table = _decisions[info.name] = {}
        props = parent.props
        for child in parent_el:
            tag = child.tag
            try:
                decision = table[tag]
            except KeyError:
                if tag.__class__ is not str:
                    table[tag] = None  # comment or processing instruction
                    continue
                decision = table[tag] = _decide(info, tag)
            if decision is None:
                continue
            prop, type_name = decision
            if not type_name:  # a followed reference: <incoming>id</incoming>
                pending.append((parent, prop.name, _ref_text(child)))
                continue
            if prop.xsi:
                xsi = child.get(xsi_attr)
                if xsi is not None:
                    type_name = _xsi_type(child, xsi)
                    if type_name is None:
                        continue
            if type_name in skip:
                continue
            child_info = types[type_name]
            ident = child.get("id") if child_info.has_id else None
            if ident and (ident in by_id or not valid_id(ident)):
                continue
            node = Node(type_name, child, parent, ident)
            if ident:
                by_id[ident] = node
            name = prop.name
            if prop.many:
                bucket = props.get(name)
                if bucket is None:
                    props[name] = [node]
                else:
                    bucket.append(node)  # type: ignore[attr-defined]
            else:
                old = props.get(name)
                if old is not None:
                    replaced.append(old)  # type: ignore[arg-type]
                props[name] = node
            nodes.append(node)
            if child_info.props and type_name not in leaf and len(child):
                walk(node, child, child_info)

    walk(definitions, root, TYPES["Definitions"])

    for node, name, ident in pending:
        target = by_id.get(ident) if ident is not None else None
        if target is not None:
            bucket = node.props.get(name)
            if bucket is None:
                node.props[name] = [target]
            else:
                bucket.append(target)  # type: ignore[attr-defined]

    if replaced:
        for node in replaced:
            node.live = False
        for node in nodes:
            if node.parent is not None and not node.parent.live:
                node.live = False
        nodes = [n for n in nodes if n.live]
    return Model(definitions, nodes, by_id)
