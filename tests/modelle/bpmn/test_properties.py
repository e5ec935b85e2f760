"""GIVEN a valid model mutated at random (byte flips, truncation, deleted or duplicated elements and
attributes) WHEN the whole toolkit runs THEN it either works or raises BpmnError — nothing else."""

import copy
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from modelle.bpmn import BpmnError, diff, metrics, parse, validate_schema

try:
    from modelle.bpmn.lint import lint
except ImportError:  # lint rules are optional until their package exists
    lint = None

VALID = (Path(__file__).parent / "data" / "antrag.bpmn").read_bytes()
REFERENCE = parse(VALID)
ELEMENT_COUNT = sum(1 for _ in etree.fromstring(VALID).iter(etree.Element))


def _run_toolkit(data: bytes) -> None:
    try:
        doc = parse(data)
    except BpmnError as exc:
        assert exc.code and exc.message_de
        return
    for finding in validate_schema(doc):
        assert finding.rule == "xsd" and finding.message_de
    if lint is not None:
        list(lint(doc))
    metrics(doc)
    diff(REFERENCE, doc)
    diff(doc, REFERENCE)


settings_ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@settings_
@given(st.lists(st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), max_size=8))
def test_byte_flips(flips):
    data = bytearray(VALID)
    for position, value in flips:
        data[position] = value
    _run_toolkit(bytes(data))


@settings_
@given(st.integers(0, len(VALID)))
def test_truncation(length):
    _run_toolkit(VALID[:length])


@settings_
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                ["delete_element", "duplicate_element", "delete_attribute", "empty_attribute"]
            ),
            st.integers(0, ELEMENT_COUNT - 1),
            st.integers(0, 10),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_element_and_attribute_mutations(ops):
    data = VALID
    for op, index, attr_index in ops:
        data = _mutate(data, op, index, attr_index)
    _run_toolkit(data)


def _mutate(data: bytes, op: str, index: int, attr_index: int) -> bytes:
    root = etree.fromstring(data)
    elements = list(root.iter(etree.Element))
    target = elements[index % len(elements)]
    if op == "delete_element" and target is not root:
        target.getparent().remove(target)
    elif op == "duplicate_element" and target is not root:
        target.addnext(copy.deepcopy(target))
    elif op in ("delete_attribute", "empty_attribute") and target.attrib:
        keys = list(target.attrib)
        key = keys[attr_index % len(keys)]
        if op == "delete_attribute":
            del target.attrib[key]
        else:
            target.set(key, "")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
