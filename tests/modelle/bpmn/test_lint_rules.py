"""The lint rules on small hand-written models.

`data/lint/bpmnlint-expected.json` holds bpmnlint 11.15.0's verdicts on the files in `data/lint/`
(element ids per rule), produced with the benchmark's baseline script:

    cd tests/modelle/bpmn/data/lint && ls *.bpmn | python3 -c \
      "import sys,json; print(json.dumps([l.strip() for l in sys.stdin]))" \
      | node ../../../../../bench/baseline/lint.mjs --results
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from modelle.bpmn import parse, validate_schema
from modelle.bpmn.lint import RULE_ERROR, Rule, all_rules, lint

DATA = Path(__file__).parent / "data" / "lint"
EXPECTED = json.loads((DATA / "bpmnlint-expected.json").read_text("utf-8"))

RECOMMENDED = {
    "ad-hoc-sub-process": "error",
    "conditional-flows": "error",
    "end-event-required": "error",
    "event-based-gateway": "error",
    "event-sub-process-typed-start-event": "error",
    "fake-join": "warning",
    "global": "warning",
    "label-required": "error",
    "link-event": "error",
    "no-bpmndi": "error",
    "no-complex-gateway": "error",
    "no-disconnected": "error",
    "no-duplicate-sequence-flows": "error",
    "no-gateway-join-fork": "error",
    "no-implicit-split": "error",
    "no-implicit-end": "error",
    "no-implicit-start": "error",
    "no-inclusive-gateway": "warning",
    "no-overlapping-elements": "warning",
    "single-blank-start-event": "error",
    "single-event-definition": "error",
    "start-event-required": "error",
    "sub-process-blank-start-event": "error",
    "superfluous-gateway": "warning",
    "superfluous-label": "warning",
    "superfluous-termination": "warning",
}


def _by_rule(name: str) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {}
    for finding in lint(parse((DATA / name).read_bytes())):
        found.setdefault(finding.rule, set()).add(finding.element_id)
    return {rule: sorted(ids) for rule, ids in found.items()}


def test_registry_holds_bpmnlints_recommended_rules_with_their_severities() -> None:
    assert {r.id: r.severity for r in all_rules()} == RECOMMENDED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_same_verdicts_as_bpmnlint(name: str) -> None:
    # GIVEN a small model and bpmnlint's verdicts on it; WHEN we lint it
    # THEN every rule reports exactly the elements bpmnlint reports
    assert _by_rule(name) == EXPECTED[name]


def test_clean_model_has_no_findings() -> None:
    assert lint(parse((DATA / "sauber.bpmn").read_bytes())) == []


def test_findings_carry_german_message_severity_and_line() -> None:
    findings = lint(parse((DATA / "gateways.bpmn").read_bytes()))
    complex_gateway = next(f for f in findings if f.rule == "no-complex-gateway")
    assert complex_gateway.element_id == "Komplex"
    assert complex_gateway.severity == "error"
    assert complex_gateway.line == 5
    assert "Komplexe Gateways" in complex_gateway.message_de
    inclusive = next(f for f in findings if f.rule == "no-inclusive-gateway")
    assert inclusive.severity == "warning"
    assert [f.line for f in findings] == sorted(f.line for f in findings)


def test_duplicate_flows_report_the_copy_and_both_ends() -> None:
    found = _by_rule("fluesse.bpmn")
    # F2 repeats F1 (Start -> A); F8 repeats F7 (B -> Ende) and F10 repeats F5 (… -> Ende)
    assert {"F2", "F8", "F10", "Start", "A", "Ende"} <= set(found["no-duplicate-sequence-flows"])
    assert "F1" not in found["no-duplicate-sequence-flows"]


def test_default_and_conditional_flows() -> None:
    found = _by_rule("fluesse.bpmn")
    # B forks conditionally: F6 has a condition, F7 is the default, F8 has neither
    assert "F8" in found["conditional-flows"]
    assert "F6" not in found["conditional-flows"]
    assert "F7" not in found["conditional-flows"]
    # only the label of the plain flow F1 is superfluous (not the default F7, not the fork F9/F10)
    assert found["superfluous-label"] == ["F1"]


def test_events_in_ad_hoc_and_event_sub_processes() -> None:
    found = _by_rule("ereignisse.bpmn")
    assert found["ad-hoc-sub-process"] == ["AdEnde", "AdStart"]
    assert found["event-sub-process-typed-start-event"] == ["EStart"]
    assert found["sub-process-blank-start-event"] == ["TeilStart"]
    assert found["superfluous-termination"] == ["TeilEnde"]
    assert found["single-event-definition"] == ["Doppelt"]
    # the compensation activity and the linked compensation boundary event are no loose ends
    assert "Ausgleich" not in found["no-disconnected"]
    assert "Kompensation" not in found["no-implicit-end"]


def test_file_is_read_as_bpmn_moddle_reads_it() -> None:
    found = _by_rule("lesart.bpmn")
    every_id = {i for ids in found.values() for i in ids}
    # dropped: an invalid id, a repeated id, BPMN elements inside extensionElements,
    # an element in a foreign namespace; kept: <Task> with a capital T
    assert not every_id & {"1Ungueltig", "NichtHier", "AuchNicht", "Fremd"}
    assert "Gross" in found["no-disconnected"]
    # "<outgoing> F1 </outgoing>" does not resolve, so Start has one outgoing flow only
    assert "Start" not in found.get("no-implicit-split", [])
    # an unknown xsi:type drops the condition (F3), tFormalExpression keeps it (F4)
    assert found["conditional-flows"] == ["F3"]


def test_diagram_geometry() -> None:
    found = _by_rule("diagramm.bpmn")
    overlapping = set(found["no-overlapping-elements"])
    # the boundary event may overlap its host but not its neighbour; NaN bounds never fit
    assert {"Rand", "Daneben", "Aufgabe", "Kaputt"} <= overlapping
    assert "Start" not in overlapping
    # the sequence flow without an edge has no diagram element; data objects are never drawn
    assert found["no-bpmndi"] == ["F3"]


def test_a_diagram_without_plane_gives_bpmnlints_verdict_without_a_crash() -> None:
    # bpmnlint's no-bpmndi crashes on a diagram without plane (no findings); ours reports nothing
    # either, and the schema names the missing plane
    data = (
        (DATA / "gateways.bpmn")
        .read_bytes()
        .replace(b"</definitions>", b'<bpmndi:BPMNDiagram id="Leer"/></definitions>')
    )
    doc = parse(data)
    rules = {f.rule for f in lint(doc)}
    assert "no-bpmndi" not in rules
    assert "no-complex-gateway" in rules
    assert any("BPMNPlane" in f.message_de for f in validate_schema(doc))


def _crashing(ctx):
    raise KeyError("bug")
    yield  # a generator, like every rule


def test_a_crashing_rule_is_a_rule_error_finding_and_the_others_still_report() -> None:
    doc = parse((DATA / "gateways.bpmn").read_bytes())
    rules = (Rule("kaputt", "warning", _crashing), *all_rules())

    findings = lint(doc, rules=rules, strict=False)

    errors = [f for f in findings if f.rule == RULE_ERROR]
    assert [(f.severity, f.element_id, f.message_de) for f in errors] == [
        (
            "error",
            None,
            "Die Prüfregel „kaputt“ ist bei diesem Modell mit einem internen Fehler (KeyError) "
            "abgebrochen; ihr Ergebnis fehlt.",
        )
    ]
    assert "no-complex-gateway" in {f.rule for f in findings}


def test_a_crashing_rule_raises_in_strict_mode_as_in_these_tests() -> None:
    doc = parse((DATA / "gateways.bpmn").read_bytes())
    with pytest.raises(KeyError):
        lint(doc, rules=(Rule("kaputt", "warning", _crashing),), strict=True)
    with pytest.raises(KeyError):  # conftest switches strict mode on for the toolkit's tests
        lint(doc, rules=(Rule("kaputt", "warning", _crashing),))
