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
        (b'<?xml version="1.0" encoding="UTF-8"?><a>\x01</a>', "encoding", "Zeichenkodierung"),
        (b'<?xml version="1.0" encoding="US-ASCII"?><a>\xe4</a>', "encoding", "Zeichenkodierung"),
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


def _named(name: bytes, declaration: bytes = b'<?xml version="1.0" encoding="UTF-8"?>\n') -> bytes:
    return (
        declaration + b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n'
        b'<process id="p"><task id="t" name="' + name + b'"/></process></definitions>'
    )


def test_a_file_that_says_utf8_but_holds_windows_1252_is_read_with_a_warning():
    # GIVEN a tool that declares UTF-8 and writes "klären", "Straße" and "€" in Windows-1252
    doc = parse(_named(b"Rechnung kl\xe4ren, Stra\xdfe, 5 \x80"))

    # THEN the names read as the tool meant them, and a warning says what happened
    assert doc.by_id["t"].get("name") == "Rechnung klären, Straße, 5 €"
    [warning] = doc.findings
    assert (warning.rule, warning.severity, warning.line) == ("encoding", "warning", 3)
    assert warning.message_de == (
        "Die Datei gibt UTF-8 als Zeichenkodierung an, enthält aber ab Zeile 3 Zeichen in einer "
        "anderen Kodierung; sie wurde als Windows-1252 gelesen. Bitte prüfen Sie Umlaute und "
        "Sonderzeichen im Modell."
    )


def test_valid_utf8_next_to_windows_1252_bytes_stays_as_it_is():
    doc = parse(_named("Größe ".encode() + b"kl\xe4ren", declaration=b""))
    assert doc.by_id["t"].get("name") == "Größe klären"
    assert [f.rule for f in doc.findings] == ["encoding"]


def test_a_correct_file_has_no_encoding_warning(antrag_bytes):
    assert parse(antrag_bytes).findings == ()
