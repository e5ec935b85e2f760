"""GIVEN a model WHEN it is turned into text THEN a screen-reader user can follow the process:
steps in reading order with their lane, decisions with their conditions, loops as references
to step numbers, exceptions, messages between pools, sub-processes, and what no start reaches."""

import json
import sys
from pathlib import Path

import pytest
from lxml import etree

from modelle.bpmn import parse
from modelle.bpmn.ablauf import MAX_DEPTH, ablauf
from modelle.bpmn.cli import main
from modelle.bpmn.document import Document
from modelle.bpmn.ns import BPMN

DATA = Path(__file__).parent / "data" / "ablauf"
NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def _text(name: str) -> str:
    return ablauf(parse((DATA / name).read_bytes())).as_text()


def _process(body: str) -> bytes:
    process = f'<process id="p">{body}</process>'
    return f'<definitions {NS} id="d" targetNamespace="t">{process}</definitions>'.encode()


def test_sequence_names_the_lane_of_every_step():
    assert _text("lanes.bpmn") == (
        "Stadt Musterhausen\n"
        "1. Bürgerbüro: Start: Antrag eingegangen\n"
        "2. Bürgerbüro: Antrag prüfen (Benutzeraufgabe)\n"
        "3. Bauamt: Stellungnahme schreiben (Aufgabe)\n"
        "4. Bauamt: Ende: Antrag bearbeitet\n"
    )


def test_decision_lists_name_condition_and_default_branch():
    assert _text("entscheidung.bpmn") == (
        "Sondernutzung genehmigen\n"
        "1. Start: Antrag eingegangen\n"
        "2. Antrag prüfen (Benutzeraufgabe)\n"
        "3. Entscheidung: Antrag genehmigungsfähig?\n"
        "   - Wenn „ja“:\n"
        "     4. Bescheid erstellen (Aufgabe)\n"
        "     5. Ende: Antrag genehmigt\n"
        "   - Wenn ${gebuehr > 1000}:\n"
        "     6. Amtsleitung beteiligen (Aufgabe)\n"
        "        Weiter bei Schritt 4 (Bescheid erstellen)\n"
        "   - Standardfluss:\n"
        "     7. Ende: Antrag abgelehnt\n"
    )


def test_decision_branches_carry_their_flow_and_kind():
    result = ablauf(parse((DATA / "entscheidung.bpmn").read_bytes()))
    decision = next(step for step in result.steps() if step.element_id == "Xor")
    assert [(b.flow_id, b.kind, b.condition) for b in decision.branches] == [
        ("F_Ja", "condition", "ja"),
        ("F_Gross", "condition", "${gebuehr > 1000}"),
        ("F_Sonst", "default", ""),
    ]


def test_parallel_branches_meet_at_the_join_which_follows_at_the_outer_level():
    assert _text("parallel.bpmn") == (
        "Bescheid versenden\n"
        "1. Start\n"
        "2. Gleichzeitig in 2 Zweigen\n"
        "   - Zweig 1:\n"
        "     3. Bescheid versenden (Sendeaufgabe)\n"
        "        Weiter bei Schritt 5 (Zusammenführung)\n"
        "   - Zweig 2:\n"
        "     4. Gebühr buchen (Serviceaufgabe)\n"
        "        Weiter bei Schritt 5 (Zusammenführung)\n"
        "5. Zusammenführung: weiter, wenn alle Zweige fertig sind\n"
        "6. Vorgang archivieren (Aufgabe)\n"
        "7. Ende: Vorgang abgeschlossen\n"
    )


def test_loop_back_points_to_the_step_instead_of_repeating_it():
    # The loop returns through an unnamed merge; the reference names the task behind it.
    assert _text("schleife.bpmn") == (
        "Antrag prüfen\n"
        "1. Start: Antrag eingegangen\n"
        "2. Zusammenführung: weiter, wenn ein Zweig fertig ist\n"
        "3. Antrag prüfen (Benutzeraufgabe)\n"
        "4. Entscheidung: Unterlagen vollständig?\n"
        "   - Wenn „nein“:\n"
        "     5. Unterlagen nachfordern (Sendeaufgabe)\n"
        "        Weiter bei Schritt 3 (Antrag prüfen)\n"
        "   - Wenn „ja“: weiter bei Schritt 6 (Antrag vollständig)\n"
        "6. Ende: Antrag vollständig\n"
    )


def test_boundary_timers_say_what_happens_when_the_deadline_passes():
    assert _text("frist.bpmn") == (
        "Stellungnahme einholen\n"
        "1. Start\n"
        "2. Stellungnahme anfordern (Sendeaufgabe)\n"
        "3. Eingang abwarten (Zwischenereignis, Timer: 2 Wochen)\n"
        "4. Stellungnahme empfangen (Empfangsaufgabe)\n"
        "   - Wenn während „Stellungnahme empfangen“ die Frist abläuft"
        " (Frist verstrichen, 4 Wochen, mit Abbruch):\n"
        "     5. Ohne Stellungnahme entscheiden (Aufgabe)\n"
        "     6. Ende: Ohne Stellungnahme entschieden\n"
        "   - Wenn während „Stellungnahme empfangen“ die Frist abläuft"
        " (jede Woche, 2-mal, ohne Abbruch):\n"
        "     7. Erinnerung senden (Sendeaufgabe)\n"
        "8. Ende: Stellungnahme liegt vor\n"
    )


def test_message_flows_name_sender_receiver_and_message():
    assert _text("nachrichten.bpmn") == (
        "Antragsteller/in\n"
        "1. Start\n"
        "2. Antrag stellen (Sendeaufgabe)\n"
        "   Sendet an Bürgerbüro: Antrag\n"
        "3. Bescheid erhalten (Zwischenereignis, Nachricht)\n"
        "   Empfängt von Bürgerbüro: Bescheid\n"
        "4. Ende\n"
        "\n"
        "Bürgerbüro\n"
        "5. Start: Antrag eingegangen (Nachricht)\n"
        "   Empfängt von Antragsteller/in: Antrag\n"
        "6. Bescheid erstellen (Aufgabe)\n"
        "   Sendet an Stadtkasse: Zahlungsanweisung\n"
        "7. Ende: Bescheid versandt (Nachricht)\n"
        "   Sendet an Antragsteller/in: Bescheid\n"
        "\n"
        "Stadtkasse\n"
        "Empfängt von Bürgerbüro: Zahlungsanweisung\n"
        "Keine Schritte modelliert.\n"
    )


def test_sub_process_is_a_nested_section():
    assert _text("teilprozess.bpmn") == (
        "Gewerbe anmelden\n"
        "1. Start: Anmeldung eingegangen\n"
        "2. Anmeldung prüfen (Teilprozess)\n"
        "   3. Start\n"
        "   4. Identität prüfen (Aufgabe)\n"
        "   5. Erlaubnispflicht feststellen (Geschäftsregelaufgabe)\n"
        "   6. Ende\n"
        "7. Gewerbe eintragen (Benutzeraufgabe, mehrfach nacheinander)\n"
        "8. Ende: Gewerbe angemeldet\n"
    )


def test_steps_no_start_leads_to_are_listed_at_the_end():
    assert _text("ohne_verbindung.bpmn") == (
        "Fundsache\n"
        "1. Start: Fundsache abgegeben\n"
        "2. Fundsache erfassen (Aufgabe)\n"
        "3. Ende: Fundsache erfasst\n"
        "Weitere Schritte ohne Verbindung zum Start:\n"
        "4. Aufgabe ohne Namen\n"
        "5. Fundsache versteigern (Aufgabe)\n"
    )


def test_as_dict_is_json_with_numbers_references_and_sections():
    result = ablauf(parse((DATA / "schleife.bpmn").read_bytes()))
    data = json.loads(json.dumps(result.as_dict()))

    assert data["step_count"] == 6
    assert data["truncated"] is False
    (section,) = data["sections"]
    assert section["kind"] == "process"
    assert section["title_de"] == "Antrag prüfen"
    assert [s["element_id"] for s in section["steps"]] == [
        "Start",
        "Merge",
        "Pruefen",
        "Xor",
        "Ende",
    ]
    nein = section["steps"][3]["branches"][0]
    assert nein["steps"][0]["next"] == {
        "element_id": "Pruefen",
        "number": 3,
        "title_de": "Antrag prüfen",
        "text_de": "weiter bei Schritt 3 (Antrag prüfen)",
    }


def test_link_events_continue_at_the_matching_catch_event():
    body = (
        '<startEvent id="s"/><task id="a" name="Antrag erfassen"/>'
        '<intermediateThrowEvent id="t" name="Zur Prüfung"><linkEventDefinition name="P"/>'
        "</intermediateThrowEvent>"
        '<intermediateCatchEvent id="c" name="Zur Prüfung"><linkEventDefinition name="P"/>'
        '</intermediateCatchEvent><task id="b" name="Antrag prüfen"/>'
        '<sequenceFlow id="f1" sourceRef="s" targetRef="a"/>'
        '<sequenceFlow id="f2" sourceRef="a" targetRef="t"/>'
        '<sequenceFlow id="f3" sourceRef="c" targetRef="b"/>'
    )
    assert ablauf(parse(_process(body))).as_text() == (
        "Ablauf\n"
        "1. Start\n"
        "2. Antrag erfassen (Aufgabe)\n"
        "3. Zur Prüfung (Zwischenereignis, auslösend, Link)\n"
        "4. Zur Prüfung (Zwischenereignis, Link)\n"
        "5. Antrag prüfen (Aufgabe)\n"
    )


def test_a_flow_to_a_missing_element_is_said_so():
    body = (
        '<startEvent id="s"/><exclusiveGateway id="g"/><endEvent id="e"/>'
        '<sequenceFlow id="f1" sourceRef="s" targetRef="g"/>'
        '<sequenceFlow id="f2" name="ja" sourceRef="g" targetRef="e"/>'
        '<sequenceFlow id="f3" name="nein" sourceRef="g" targetRef="gibt_es_nicht"/>'
    )
    assert ablauf(parse(_process(body))).as_text() == (
        "Ablauf\n"
        "1. Start\n"
        "2. Entscheidung\n"
        "   - Wenn „ja“:\n"
        "     3. Ende\n"
        "   - Wenn „nein“: weiter bei einem Element, das im Modell fehlt\n"
    )


# --- bounds -------------------------------------------------------------------------------------


def _chain(n: int) -> bytes:
    tasks = "".join(f'<task id="t{i}" name="Schritt {i}"/>' for i in range(n))
    flows = "".join(
        f'<sequenceFlow id="f{i}" sourceRef="t{i}" targetRef="t{i + 1}"/>' for i in range(n - 1)
    )
    start = '<startEvent id="s"/><sequenceFlow id="fs" sourceRef="s" targetRef="t0"/>'
    return _process(start + tasks + flows)


def test_long_process_is_cut_with_a_german_note():
    result = ablauf(parse(_chain(3000)), max_steps=100)

    assert result.step_count == 100
    assert result.truncated is True
    assert result.note_de == (
        "Der Ablauf ist sehr umfangreich; gezeigt werden die ersten 100 Schritte."
    )
    last = list(result.steps())[-1]
    assert last.next is not None and last.next.text_de == (
        "weiter bei „Schritt 99“ (nicht aufgeführt)"
    )
    assert result.as_text().startswith(result.note_de + "\n\nAblauf\n1. Start\n")


def _nested_decisions(depth: int) -> bytes:
    """`depth` decisions, each one's "ja" leading to the next: nesting as deep as it gets."""
    parts = ['<startEvent id="s"/><sequenceFlow id="fs" sourceRef="s" targetRef="g0"/>']
    for i in range(depth):
        parts.append(f'<exclusiveGateway id="g{i}" name="Frage {i}?"/><endEvent id="e{i}"/>')
        parts.append(f'<sequenceFlow id="n{i}" name="nein" sourceRef="g{i}" targetRef="e{i}"/>')
        target = f"g{i + 1}" if i + 1 < depth else "last"
        parts.append(f'<sequenceFlow id="j{i}" name="ja" sourceRef="g{i}" targetRef="{target}"/>')
    parts.append('<endEvent id="last" name="Fertig"/>')
    return _process("".join(parts))


def _nesting(steps, level=0) -> int:
    """How deep the most deeply nested step is (0: at the top of its section)."""
    deepest = level if steps else 0
    for step in steps:
        for branch in step.branches:
            deepest = max(deepest, _nesting(branch.steps, level + 1))
    return deepest


def test_deep_nesting_is_bounded_and_nothing_is_lost():
    depth = 600  # more decisions than Python's default recursion limit allows frames for
    assert depth > sys.getrecursionlimit() // 2
    result = ablauf(parse(_nested_decisions(depth)), max_steps=10_000)

    (section,) = result.sections
    assert _nesting(section.steps) == MAX_DEPTH
    shown = {step.element_id for step in result.steps()}
    assert shown == {"s", "last"} | {f"g{i}" for i in range(depth)} | {
        f"e{i}" for i in range(depth)
    }
    # Below the bound, a branch points to its first step, which follows in the same list.
    numbers = {step.element_id: step.number for step in result.steps()}
    for branch in result.branches():
        if not branch.steps:
            assert branch.next is not None
            assert branch.next.number == numbers[branch.next.element_id]
    result.as_text()
    json.dumps(result.as_dict())


def test_deeply_nested_sub_processes_get_sections_of_their_own():
    inner = '<task id="innen" name="Ganz innen"/>'
    for i in range(40):
        inner = f'<subProcess id="sp{i}" name="Ebene {i}">{inner}</subProcess>'
    result = ablauf(parse(_process(inner)))

    shown = {step.element_id for step in result.steps()}
    assert shown == {"innen"} | {f"sp{i}" for i in range(40)}
    assert result.sections[1].title_de.startswith("Ebene ")
    assert "(Inhalt von Schritt " in result.sections[1].title_de


@pytest.mark.parametrize("n", [2000])
def test_many_loops_stay_finite(n):
    # Every task loops back to the first one through its own decision.
    parts = ['<startEvent id="s"/><sequenceFlow id="fs" sourceRef="s" targetRef="t0"/>']
    for i in range(n):
        parts.append(f'<task id="t{i}"/><exclusiveGateway id="g{i}"/>')
        parts.append(f'<sequenceFlow id="a{i}" sourceRef="t{i}" targetRef="g{i}"/>')
        parts.append(f'<sequenceFlow id="b{i}" sourceRef="g{i}" targetRef="t0"/>')
        nxt = f"t{i + 1}" if i + 1 < n else "e"
        parts.append(f'<sequenceFlow id="c{i}" sourceRef="g{i}" targetRef="{nxt}"/>')
    parts.append('<endEvent id="e"/>')
    result = ablauf(parse(_process("".join(parts))), max_steps=10_000)

    assert result.step_count == 2 * n + 2
    assert result.truncated is False


# --- command line -------------------------------------------------------------------------------


def test_cli_prints_the_text_and_the_json(capsys):
    path = str(DATA / "parallel.bpmn")

    assert main(["ablauf", path]) == 0
    assert capsys.readouterr().out == _text("parallel.bpmn")
    assert main(["ablauf", path, "--json", "--max-steps", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["step_count"], data["truncated"]) == (3, True)


def test_cli_explains_a_refused_file(tmp_path, capsys):
    path = tmp_path / "kaputt.bpmn"
    path.write_bytes(b"<definitions")

    assert main(["ablauf", str(path)]) == 1
    assert "abgelehnt [malformed_xml]" in capsys.readouterr().err


class _CountingElement(etree.ElementBase):
    """An element that counts how often a process is walked (`iter`)."""

    process_walks = 0

    def iter(self, *tags, **kwargs):
        if self.tag == f"{{{BPMN}}}process":
            type(self).process_walks += 1
        return super().iter(*tags, **kwargs)


def _counting_document(data: bytes) -> Document:
    parser = etree.XMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(element=_CountingElement))
    return Document(etree.fromstring(data, parser).getroottree(), len(data))


def _shared_process(pools: int) -> bytes:
    participants = "".join(
        f'<participant id="A{i}" name="Amt {i}" processRef="pa"/>' for i in range(pools)
    )
    return (
        f'<definitions {NS} id="d" targetNamespace="t"><collaboration id="c">{participants}'
        '<participant id="B" name="Bürger/in" processRef="pb"/>'
        '<messageFlow id="m1" sourceRef="a" targetRef="c" name="Bescheid"/>'
        '<messageFlow id="m2" sourceRef="c" targetRef="A1" name="Widerspruch"/>'
        '</collaboration><process id="pa"><task id="a" name="Bescheid senden"/></process>'
        '<process id="pb"><task id="c" name="Bescheid lesen"/></process></definitions>'
    ).encode()


def test_many_pools_naming_one_process_walk_it_once_and_the_first_pool_keeps_it():
    # GIVEN 200 pools that all name the same process, and one pool with a process of its own
    doc = _counting_document(_shared_process(200))
    _CountingElement.process_walks = 0

    # WHEN the model is turned into text
    text = ablauf(doc).as_text()

    # THEN each process is walked for its pool once (not once per pool naming it) …
    assert _CountingElement.process_walks == 2
    # … and the text is as before: the first pool keeps the shared process's steps
    assert text.startswith(
        "Amt 0\n1. Bescheid senden (Aufgabe)\n   Sendet an Bürger/in: Bescheid\n\n"
        "Amt 1\nEmpfängt von Bürger/in: Widerspruch\nKeine Schritte modelliert.\n\n"
        "Amt 2\nKeine Schritte modelliert.\n\n"
    )
    assert text.endswith(
        "Bürger/in\n2. Bescheid lesen (Aufgabe)\n   Empfängt von Amt 0: Bescheid\n"
        "   Sendet an Amt 1: Widerspruch\n"
    )
