"""GIVEN files on disk WHEN the command line is used THEN findings, metrics and diffs come out as
text or JSON, and the exit code says whether a file has errors."""

import json
import subprocess
import sys
from pathlib import Path

from modelle.bpmn.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[3]


def _write(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_check_valid_file_exits_zero(tmp_path, antrag_bytes, capsys):
    path = _write(tmp_path, "antrag.bpmn", antrag_bytes)
    code = main(["check", path, "--json"])
    [result] = json.loads(capsys.readouterr().out)
    assert result["ok"] is True
    assert result["error"] is None
    assert all(f["severity"] != "error" for f in result["findings"])
    assert code == 0


def test_check_reports_refused_and_invalid_files_and_exits_one(tmp_path, antrag_bytes, capsys):
    good = _write(tmp_path, "gut.bpmn", antrag_bytes)
    refused = _write(tmp_path, "kaputt.bpmn", b"<bpmn:definitions")
    invalid = _write(
        tmp_path,
        "ungueltig.bpmn",
        antrag_bytes.replace(b'sourceRef="Join_1" targetRef="End_1"', b'sourceRef="Join_1"'),
    )

    code = main(["check", good, refused, invalid])

    out = capsys.readouterr().out
    assert code == 1
    assert f"{refused}:1:18: abgelehnt [malformed_xml] Die Datei ist kein wohlgeformtes XML" in out
    assert "error [xsd] (Flow_11) Am Element „bpmn:sequenceFlow“ fehlt das Pflichtattribut" in out


def test_check_runs_the_lint_rules(tmp_path, capsys):
    data = (Path(__file__).parent / "data" / "render" / "hostile_labels.bpmn").read_bytes()
    code = main(["check", _write(tmp_path, "x.bpmn", data)])
    out = capsys.readouterr().out
    assert code == 1
    assert "error [end-event-required] (Proc) " in out


def test_check_missing_file_is_an_error(tmp_path, capsys):
    code = main(["check", str(tmp_path / "gibt-es-nicht.bpmn")])
    assert code == 1
    assert "[unreadable] Die Datei kann nicht gelesen werden" in capsys.readouterr().out


def test_metrics_prints_json(tmp_path, antrag_bytes, capsys):
    code = main(["metrics", _write(tmp_path, "a.bpmn", antrag_bytes)])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    assert data["counts"]["tasks"]["total"] == 5
    assert data["handovers"] == 1


def test_diff_text_and_json(tmp_path, antrag_bytes, capsys):
    old = _write(tmp_path, "v1.bpmn", antrag_bytes)
    new = _write(
        tmp_path, "v2.bpmn", antrag_bytes.replace(b'name="Antrag erledigt"', b'name="Fertig"')
    )

    assert main(["diff", old, new]) == 0
    text = capsys.readouterr().out
    assert "0 hinzugefügt, 0 entfernt, 1 geändert" in text
    assert "name: 'Antrag erledigt' → 'Fertig'" in text

    assert main(["diff", old, new, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["changed"] == 1


def test_renderer_commands_are_registered_when_available():
    try:
        from modelle.bpmn.render import cli as render_cli  # noqa: F401
    except ImportError:
        expected = {"check", "metrics", "diff"}
    else:
        expected = {"check", "metrics", "diff", "render", "gallery"}
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert expected <= set(sub.choices)


def test_module_entry_point_runs(tmp_path, antrag_bytes):
    path = _write(tmp_path, "a.bpmn", antrag_bytes)
    done = subprocess.run(
        [sys.executable, "-m", "modelle.bpmn", "check", path, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["ok"] is True
