"""GIVEN the MIWG models WHEN each is turned into text THEN every flow node is in it, every way out
of every gateway is a branch that leads to a numbered step, and no file breaks the walk."""

import json

import pytest

from modelle.bpmn import BpmnError, parse
from modelle.bpmn.ablauf import ablauf
from modelle.bpmn.ablauf.graph import FLOW_NODES
from modelle.bpmn.ns import BPMN, local

_CONTAINERS = {"process", "subProcess", "transaction", "adHocSubProcess"}
_P = f"{{{BPMN}}}"


def _expected(doc):
    """Ids of the flow nodes in processes, and the outgoing flows of each gateway."""
    nodes: set[str] = set()
    gateways: dict[str, list[tuple[str, str]]] = {}
    for el in doc.root.iter(f"{_P}*"):
        kind = local(el.tag)
        if kind in FLOW_NODES and local(el.getparent().tag) in _CONTAINERS and el.get("id"):
            nodes.add(el.get("id"))
            if kind.endswith("Gateway"):
                gateways.setdefault(el.get("id"), [])
    for flow_id, source, target in doc.sequence_flows:
        if source in gateways:
            gateways[source].append((flow_id, target))
    return nodes, gateways


def _check(doc) -> None:
    result = ablauf(doc)
    json.dumps(result.as_dict())
    assert result.as_text()
    # numbered 1, 2, 3 … in reading order
    assert [step.number for step in result.steps()] == list(range(1, result.step_count + 1))
    steps = {step.element_id: step for step in result.steps()}
    events = {branch.event_id for branch in result.branches() if branch.event_id}
    nodes, gateways = _expected(doc)

    assert nodes <= set(steps) | events
    for gateway, flows in gateways.items():
        if len(flows) < 2:
            continue
        step = steps[gateway]
        assert sorted(b.flow_id for b in step.branches) == sorted(f for f, _ in flows)
        targets = dict(flows)
        for branch in step.branches:
            first = branch.steps[0] if branch.steps else None
            reached = first.element_id if first else branch.next.element_id
            assert reached == targets[branch.flow_id] or (
                # a loop back through an unnamed merge names the step behind it
                doc.by_id[targets[branch.flow_id]].tag == f"{_P}exclusiveGateway"
            )
            if targets[branch.flow_id] in nodes:
                assert (first or branch.next).number is not None


@pytest.mark.corpus
def test_reference_models_show_every_node_and_every_branch(corpus_dir):
    paths = sorted((corpus_dir / "Reference").glob("*.bpmn"))
    assert len(paths) == 21
    for path in paths:
        _check(parse(path.read_bytes()))


@pytest.mark.corpus
def test_every_corpus_file_becomes_text(corpus_dir):
    checked = 0
    for path in sorted(corpus_dir.rglob("*.bpmn")):
        try:
            doc = parse(path.read_bytes())
        except BpmnError:
            continue
        _check(doc)
        checked += 1
    # every file parses since Windows-1252 bytes in "UTF-8" files are read as such
    assert checked == 831
