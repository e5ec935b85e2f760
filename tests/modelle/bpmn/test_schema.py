"""GIVEN a parsed model WHEN checked against the OMG BPMN 2.0 XSDs THEN schema errors are findings
with German text, line and element id; the schema itself is compiled once, from local files."""

import threading

from modelle.bpmn import Finding, parse, validate_schema
from modelle.bpmn.schema import get_schema, message_de


def test_valid_model_has_no_schema_findings(antrag_bytes):
    assert validate_schema(parse(antrag_bytes)) == []


def test_missing_required_attribute_is_reported_in_german_with_line_and_element(antrag_bytes):
    # GIVEN a sequence flow without its required targetRef
    data = antrag_bytes.replace(
        b'<bpmn:sequenceFlow id="Flow_11" sourceRef="Join_1" targetRef="End_1"/>',
        b'<bpmn:sequenceFlow id="Flow_11" sourceRef="Join_1"/>',
    )
    line = data[: data.index(b'id="Flow_11"')].count(b"\n") + 1

    findings = validate_schema(parse(data))

    assert findings == [
        Finding(
            rule="xsd",
            severity="error",
            element_id="Flow_11",
            message_de="Am Element „bpmn:sequenceFlow“ fehlt das Pflichtattribut „targetRef“.",
            line=line,
        )
    ]


def test_unexpected_element_names_the_element_and_what_was_expected(antrag_bytes):
    data = antrag_bytes.replace(
        b'<bpmn:task id="Task_Archiv" name="Vorgang archivieren">',
        b'<bpmn:task id="Task_Archiv" name="Vorgang archivieren"><bpmn:gibtEsNicht/>',
    )
    [finding] = validate_schema(parse(data))
    assert finding.element_id == "Task_Archiv"
    assert finding.message_de.startswith("Das Element „bpmn:gibtEsNicht“ ist an dieser Stelle")
    assert "erwartet:" in finding.message_de


def test_invalid_id_value_is_explained():
    message = message_de(
        "Element '{http://www.omg.org/spec/BPMN/20100524/MODEL}task', attribute 'id': "
        "'1abc' is not a valid value of the atomic type 'xs:ID'."
    )
    assert message.startswith("Die ID „1abc“ an „bpmn:task“ ist ungültig")


def test_unknown_message_keeps_detail_under_a_german_prefix():
    message = message_de("Element '{urn:x}foo': Something new happened.")
    assert message == "Verstoß gegen das BPMN-2.0-Schema: Element 'foo': Something new happened."


def test_findings_are_capped_and_the_rest_is_counted(antrag_bytes):
    # GIVEN 80 invalid attributes
    bad = b"".join(b'<bpmn:task id="T%d" unerlaubt="x"/>' % i for i in range(80))
    data = antrag_bytes.replace(b"<bpmn:startEvent ", bad + b"<bpmn:startEvent ")

    findings = validate_schema(parse(data))

    assert len(findings) == 50
    assert findings[0].element_id == "T0"
    assert (
        findings[0].message_de
        == "Das Attribut „unerlaubt“ ist am Element „bpmn:task“ nicht erlaubt."
    )
    assert findings[-1].message_de.startswith("… und 31 weitere Verstöße")


def test_schema_is_compiled_once_and_safe_to_share_between_threads(antrag_bytes):
    assert get_schema() is get_schema()
    good = parse(antrag_bytes)
    bad = parse(
        antrag_bytes.replace(b'sourceRef="Join_1" targetRef="End_1"', b'sourceRef="Join_1"')
    )
    results: list[tuple[int, int]] = []

    def work():
        for _ in range(30):
            results.append((len(validate_schema(good)), len(validate_schema(bad))))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(results) == {(0, 1)}
