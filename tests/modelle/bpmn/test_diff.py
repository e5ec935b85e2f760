"""GIVEN two versions of a model WHEN compared THEN the user sees what was added, removed,
renamed or moved — also when the modelling tool renewed every id on export."""

import json
import re
from itertools import pairwise

from modelle.bpmn import diff, parse
from modelle.bpmn.diff import ElementSummary, FieldChange
from modelle.bpmn.limits import DIFF_ROUNDS


def _renew_ids(data: bytes) -> bytes:
    """Rename every id and every reference to it consistently, as a re-exporting tool would."""
    ids = set(re.findall(rb'\sid="([^"]+)"', data))
    for ident in sorted(ids, key=len, reverse=True):
        new = b"neu_" + bytes(reversed(ident))
        data = re.sub(
            rb'(["> ])' + re.escape(ident) + rb'(["<])', rb"\g<1>" + new + rb"\g<2>", data
        )
    return data


def test_identical_versions_show_no_difference(antrag_bytes):
    result = diff(parse(antrag_bytes), parse(antrag_bytes))
    assert result.summary.added == result.summary.removed == 0
    assert result.changed == result.moved == ()


def test_renamed_task_shows_name_old_to_new(antrag_bytes):
    new = antrag_bytes.replace(
        b'name="Antrag pr\xc3\xbcfen"', 'name="Antrag vollständig prüfen"'.encode()
    )

    result = diff(parse(antrag_bytes), parse(new))

    [change] = result.changed
    assert change.id == "Task_Pruefen"
    assert change.changes == {"name": FieldChange("Antrag prüfen", "Antrag vollständig prüfen")}
    assert result.summary.added == result.summary.removed == 0


def test_moved_shape_shows_as_moved_with_old_and_new_bounds(antrag_bytes):
    new = antrag_bytes.replace(
        b'<dc:Bounds x="510" y="310" width="100" height="80"/>',
        b'<dc:Bounds x="540" y="330" width="100" height="80"/>',
    )

    result = diff(parse(antrag_bytes), parse(new))

    [moved] = result.moved
    assert moved.id == "Task_Bescheid"
    assert moved.old.as_dict() == {"x": 510.0, "y": 310.0, "width": 100.0, "height": 80.0}
    assert moved.new.bounds[0] == 540.0
    assert result.changed == ()


def test_added_and_removed_elements_are_listed(antrag_bytes):
    new = antrag_bytes.replace(
        b'<bpmn:textAnnotation id="Note_1">',
        b'<bpmn:manualTask id="Task_Neu" name="Akte drucken"/><bpmn:textAnnotation id="Note_1">',
    ).replace(b'<bpmn:association id="Assoc_1" sourceRef="Task_Pruefen" targetRef="Note_1"/>', b"")

    result = diff(parse(antrag_bytes), parse(new))

    assert result.added == (ElementSummary("Task_Neu", "manualTask", "Akte drucken"),)
    assert result.removed == (ElementSummary("Assoc_1", "association", ""),)


def test_retargeted_flow_shows_the_changed_reference(antrag_bytes):
    new = antrag_bytes.replace(
        b'sourceRef="Task_Nachfordern" targetRef="Merge_1"',
        b'sourceRef="Task_Nachfordern" targetRef="End_1"',
    )
    result = diff(parse(antrag_bytes), parse(new))
    changes = {c.id: c.changes for c in result.changed}
    assert changes["Flow_5"]["targetRef"] == FieldChange("Merge_1", "End_1")
    assert "incoming" in changes["End_1"]


def test_renewed_ids_still_match_everything(antrag_bytes):
    renewed = _renew_ids(antrag_bytes)
    assert b'id="Task_Pruefen"' not in renewed

    result = diff(parse(antrag_bytes), parse(renewed))
    by_id_only = diff(parse(antrag_bytes), parse(renewed), fallback=False)

    assert by_id_only.summary.removed == 32  # what an id-only diff would claim
    assert result.summary.added == result.summary.removed == 0
    assert result.summary.matched_by_fallback == 32
    assert result.changed == ()  # same model, only new ids
    assert result.moved == ()


def test_renewed_ids_plus_rename_shows_just_the_rename(antrag_bytes):
    renewed = _renew_ids(antrag_bytes).replace(
        "Gebühr buchen".encode(), "Verwaltungsgebühr buchen".encode()
    )
    result = diff(parse(antrag_bytes), parse(renewed))
    assert result.summary.added == result.summary.removed == 0
    [change] = result.changed
    assert change.old_id == "Task_Gebuehr"
    assert change.changes["name"] == FieldChange("Gebühr buchen", "Verwaltungsgebühr buchen")


def test_result_is_json_serialisable_with_the_stored_keys(antrag_bytes):
    new = antrag_bytes.replace(b'name="Antrag erledigt"', b'name="Fertig"').replace(
        b'<dc:Bounds x="510" y="310" width="100" height="80"/>',
        b'<dc:Bounds x="540" y="330" width="100" height="80"/>',
    )
    stored = diff(parse(antrag_bytes), parse(_renew_ids(new))).as_dict()
    assert json.loads(json.dumps(stored)) == stored
    assert list(stored) == ["summary", "added", "removed", "changed", "moved"]
    assert stored["summary"]["changed"] == 1
    [changed] = stored["changed"]
    assert changed["changes"] == {"name": {"old": "Antrag erledigt", "new": "Fertig"}}
    [moved] = stored["moved"]
    assert moved["old"] == {"x": 510.0, "y": 310.0, "width": 100.0, "height": 80.0}
    assert set(moved) == {"id", "old_id", "type", "name", "old", "new"}


def test_roundtrip_files_match_far_better_than_by_id_alone(corpus_dir):
    """The MIWG roundtrip files are the reference models re-exported by other tools."""
    from modelle.bpmn import BpmnError

    references = {p.stem: p for p in (corpus_dir / "Reference").glob("*.bpmn")}
    totals = {"fallback": 0, "id_only": 0}
    pairs = 0
    for path in sorted(corpus_dir.rglob("*-roundtrip.bpmn")):
        reference = references.get(path.name.removesuffix("-roundtrip.bpmn"))
        if reference is None:
            continue
        try:
            old, new = parse(reference.read_bytes()), parse(path.read_bytes())
        except BpmnError:
            continue
        pairs += 1
        for key, fallback in (("fallback", True), ("id_only", False)):
            summary = diff(old, new, fallback=fallback).summary
            totals[key] += summary.added + summary.removed
    print(
        f"\n{pairs} Paare: hinzugefügt+entfernt id-only={totals['id_only']} "
        f"mit Rückfall-Zuordnung={totals['fallback']}"
    )
    assert pairs > 300
    assert totals["fallback"] < 0.5 * totals["id_only"]


def _look_alike_chain(length: int, prefix: str) -> bytes:
    """A start event and `length` tasks all named "Prüfen" in a row, ids starting with `prefix`."""
    nodes = f'<startEvent id="{prefix}s" name="Start"/>' + "".join(
        f'<task id="{prefix}t{i}" name="Prüfen"/>' for i in range(length)
    )
    ends = [f"{prefix}s", *(f"{prefix}t{i}" for i in range(length))]
    flows = "".join(
        f'<sequenceFlow id="{prefix}f{i}" sourceRef="{a}" targetRef="{b}"/>'
        for i, (a, b) in enumerate(pairwise(ends))
    )
    return (
        '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" '
        f'targetNamespace="t"><process id="p">{nodes}{flows}</process></definitions>'
    ).encode()


def test_renewed_ids_of_look_alike_elements_are_matched_link_by_link():
    # GIVEN a chain of ten tasks of the same name whose tool renewed every id
    result = diff(parse(_look_alike_chain(10, "a")), parse(_look_alike_chain(10, "b")))

    # THEN each is matched through its neighbours, one link per round
    assert result.complete is True
    assert result.summary.added == result.summary.removed == 0


def test_matching_renewed_ids_stops_after_a_bounded_number_of_rounds():
    # GIVEN a chain of 3,000 look-alike tasks (one round per link would cost minutes)
    result = diff(parse(_look_alike_chain(3_000, "a")), parse(_look_alike_chain(3_000, "b")))

    # THEN matching stops after DIFF_ROUNDS rounds and says so; the rest is added and removed
    assert result.complete is False
    assert result.summary.matched_by_fallback == 4 * DIFF_ROUNDS - 1
    assert result.summary.added == result.summary.removed == 6_001 + 1 - 4 * DIFF_ROUNDS
