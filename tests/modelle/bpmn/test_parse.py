"""GIVEN bytes a user uploads WHEN parsed THEN a shared Document or a clear German refusal."""

import pytest

from modelle.bpmn import BpmnError, Document, parse
from modelle.bpmn.parse import MAX_BYTES


def test_valid_model_becomes_a_document_with_its_elements(antrag_bytes):
    doc = parse(antrag_bytes)

    assert isinstance(doc, Document)
    assert doc.size == len(antrag_bytes)
    assert doc.by_id["Task_Pruefen"].get("name") == "Antrag prüfen"
    assert [el.get("id") for el in doc.semantic("lane")] == ["Lane_Sachbearbeitung", "Lane_Leitung"]


def test_document_knows_lane_of_each_flow_node_and_the_diagram_layout(antrag_bytes):
    doc = parse(antrag_bytes)

    assert doc.lane_of["Task_Pruefen"] == "Lane_Sachbearbeitung"
    assert doc.lane_of["End_1"] == "Lane_Leitung"
    assert doc.shapes["Task_Bescheid"] == (510.0, 310.0, 100.0, 80.0)
    assert doc.edges["Flow_3"] == ((460.0, 130.0), (560.0, 130.0), (560.0, 310.0))
    assert ("Flow_3", "Gateway_Vollstaendig", "Task_Bescheid") in doc.sequence_flows


def test_bytearray_and_memoryview_are_accepted(antrag_bytes):
    assert parse(bytearray(antrag_bytes)).by_id["End_1"] is not None
    assert parse(memoryview(antrag_bytes)).by_id["End_1"] is not None


def test_namespace_uri_with_space_is_tolerated_like_other_tools_do(antrag_bytes):
    # GIVEN a file whose tool wrote an extension namespace URI containing a space
    data = antrag_bytes.replace(
        b'xmlns:di="http://www.omg.org/spec/DD/20100524/DI"',
        b'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:x="http://x/Initial Import"',
    )
    # THEN it still parses (libxml2 only complains about the URI)
    assert parse(data).by_id["Task_Pruefen"] is not None


@pytest.mark.parametrize(
    ("data", "code", "words"),
    [
        (b"", "empty", "leer"),
        (b"   \n", "empty", "leer"),
        (b"<bpmn:definitions", "malformed_xml", "wohlgeformt"),
        (
            b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"><process></definitions>',
            "malformed_xml",
            "wohlgeformt",
        ),
        (b'<?xml version="1.0" encoding="UTF-8"?><a>\xe4</a>', "encoding", "Zeichenkodierung"),
        (b'<?xml version="1.0" encoding="KLINGON"?><a/>', "encoding", "Zeichenkodierung"),
        (b"<html><body>hallo</body></html>", "not_bpmn", "kein BPMN-2.0-Modell"),
        (
            b'<definitions xmlns="http://schema.omg.org/spec/BPMN/2.0"/>',
            "not_bpmn",
            "Namensraum",
        ),
        (b'<definitions id="x"/>', "not_bpmn", "Namensraum"),
    ],
)
def test_refusals_have_a_code_a_german_message_and_a_position(data, code, words):
    with pytest.raises(BpmnError) as info:
        parse(data)

    assert info.value.code == code
    assert words in info.value.message_de
    assert info.value.as_dict()["code"] == code


def test_syntax_error_reports_line_and_column():
    data = (
        b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">\n'
        b'  <process id="a">\n'
        b"</definitions>"
    )

    with pytest.raises(BpmnError) as info:
        parse(data)

    assert info.value.code == "malformed_xml"
    assert info.value.line == 3
    assert info.value.column is not None


def test_exactly_ten_mib_is_allowed_but_one_byte_more_is_not(antrag_bytes):
    # GIVEN a file padded with comments to exactly 10 MiB (many small nodes, like a real big model)
    closing = b"</bpmn:definitions>\n"
    body = antrag_bytes[: antrag_bytes.rindex(b"</bpmn:definitions>")]
    comments = "<!-- Auffüllung -->\n".encode() * ((MAX_BYTES - len(body) - len(closing)) // 23)
    at_limit = body + comments
    at_limit += b" " * (MAX_BYTES - len(at_limit) - len(closing)) + closing
    assert len(at_limit) == MAX_BYTES
    assert parse(at_limit).size == MAX_BYTES

    with pytest.raises(BpmnError) as info:
        parse(at_limit + b" ")
    assert info.value.code == "too_large"
    assert "10 MiB" in info.value.message_de


def test_non_bytes_input_is_refused_with_code():
    with pytest.raises(BpmnError) as info:
        parse("<definitions/>")  # type: ignore[arg-type]
    assert info.value.code == "invalid_input"
