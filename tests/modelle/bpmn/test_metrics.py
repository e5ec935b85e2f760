"""GIVEN a model WHEN its key figures are computed THEN counts, hand-overs, complexity, longest path
and labels are what a reader of the diagram would count."""

import json

from modelle.bpmn import metrics, parse

NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def _process(body: str) -> bytes:
    process = f'<process id="p">{body}</process>'
    return f'<definitions {NS} id="d" targetNamespace="t">{process}</definitions>'.encode()


def _flows(*pairs: tuple[str, str]) -> str:
    return "".join(
        f'<sequenceFlow id="f{i}" sourceRef="{a}" targetRef="{b}"/>'
        for i, (a, b) in enumerate(pairs)
    )


def test_counts_by_kind(antrag_bytes):
    m = metrics(parse(antrag_bytes))

    assert m.counts["tasks"] == {
        "total": 5,
        "sendTask": 1,
        "serviceTask": 1,
        "task": 2,
        "userTask": 1,
    }
    assert m.counts["events"] == {"total": 2, "endEvent": 1, "startEvent": 1}
    assert m.counts["gateways"] == {"total": 4, "exclusiveGateway": 2, "parallelGateway": 2}
    assert m.counts["flows"] == {"total": 13, "association": 1, "sequenceFlow": 12}
    assert m.counts["data"] == {"total": 2, "dataObject": 1, "dataObjectReference": 1}
    assert m.event_definitions == {"message": 1}
    assert (m.pools, m.lanes, m.processes, m.diagrams) == (1, 2, 1, 1)


def test_handover_is_a_flow_into_another_lane(antrag_bytes):
    # Only "ja" (Sachbearbeitung -> Amtsleitung) crosses lanes
    assert metrics(parse(antrag_bytes)).handovers == 1


def test_cfc_xor_fan_out_plus_and_split(antrag_bytes):
    # XOR with 2 outgoing -> 2, AND split -> 1; joins add nothing
    assert metrics(parse(antrag_bytes)).cfc == 3


def test_cfc_or_split_counts_two_to_the_n_minus_one():
    body = (
        '<startEvent id="s"/><inclusiveGateway id="g"/><task id="a"/><task id="b"/><task id="c"/>'
    )
    m = metrics(parse(_process(body + _flows(("s", "g"), ("g", "a"), ("g", "b"), ("g", "c")))))
    assert m.cfc == 7


def test_loops_are_counted(antrag_bytes):
    # antrag.bpmn has one "nachfordern" loop
    assert metrics(parse(antrag_bytes)).loops == 1


def test_longest_path_counts_a_loop_once(antrag_bytes):
    # start, {merge, prüfen, gateway, nachfordern}, bescheid, split, one task, join, end
    assert metrics(parse(antrag_bytes)).longest_path == 10


def test_longest_path_handles_a_pure_cycle_and_a_self_loop():
    body = '<task id="a"/><task id="b"/><task id="c"/><task id="d"/>'
    m = metrics(parse(_process(body + _flows(("a", "b"), ("b", "c"), ("c", "a"), ("d", "d")))))
    assert (m.longest_path, m.loops) == (3, 2)


def test_longest_path_in_a_long_chain_does_not_hit_recursion_limits():
    n = 3000
    body = "".join(f'<task id="t{i}"/>' for i in range(n))
    m = metrics(parse(_process(body + _flows(*((f"t{i}", f"t{i + 1}") for i in range(n - 1))))))
    assert m.longest_path == n


def test_labels_collect_names_and_annotation_text_once(antrag_bytes):
    labels = metrics(parse(antrag_bytes)).labels
    assert "Antrag prüfen" in labels
    assert "Frist: 14 Tage" in labels
    assert len(labels) == len(set(labels))


def test_result_is_json_serialisable_with_the_stored_keys(antrag_bytes):
    stored = metrics(parse(antrag_bytes)).as_dict()
    assert json.loads(json.dumps(stored)) == stored
    assert list(stored) == [
        "counts", "event_sub_processes", "event_definitions", "flow_nodes", "processes", "pools",
        "lanes", "text_annotations", "diagrams", "handovers", "cfc", "longest_path", "loops",
        "labels",
    ]  # fmt: skip
    assert stored["counts"]["tasks"]["total"] == 5
    assert "Antrag prüfen" in stored["labels"]


def test_empty_definitions_give_zeros():
    m = metrics(parse(f'<definitions {NS} id="d" targetNamespace="t"/>'.encode()))
    assert m.counts["tasks"] == {"total": 0}
    assert (m.cfc, m.longest_path, m.handovers, m.labels) == (0, 0, 0, ())
