"""`manage.py importiere_modelle DIR|ZIP --kommune AGS`: the operators' way in, same checks."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess, zip_aus
from django.core.management import call_command
from django.core.management.base import CommandError

from modelle.models import Prozessmodell

pytestmark = pytest.mark.django_db


def test_ordner_importieren(tmp_path, kommune_a, capsys, verarbeitet):
    (tmp_path / "Unterordner").mkdir()
    (tmp_path / "a.bpmn").write_bytes(prozess("Hundesteuer"))
    (tmp_path / "Unterordner" / "b.bpmn").write_bytes(prozess("Bauantrag"))
    (tmp_path / "kaputt.bpmn").write_bytes(b"<nicht")
    (tmp_path / "notiz.txt").write_text("kein Modell")
    with pytest.raises(SystemExit) as ende:
        verarbeitet(call_command, "importiere_modelle", str(tmp_path), kommune=kommune_a.ags)
    assert ende.value.code == 1  # one file refused
    ausgabe = capsys.readouterr()
    assert "2 Modelle importiert, 1 abgelehnt." in ausgabe.out
    assert "kaputt.bpmn: Die Datei ist kein wohlgeformtes XML." in ausgabe.err
    modelle = Prozessmodell.objects.filter(kommune=kommune_a).order_by("titel")
    assert [m.titel for m in modelle] == ["Bauantrag", "Hundesteuer"]
    assert {m.neueste_version.verarbeitung for m in modelle} == {"ok"}
    assert {m.neueste_version.erstellt_von for m in modelle} == {None}  # a system import


def test_zip_im_namen_einer_redakteurin(tmp_path, kommune_a, redakteur_a, mitglied_a, capsys):
    archiv = tmp_path / "export.zip"
    archiv.write_bytes(zip_aus({f"p{i}.bpmn": prozess(f"Prozess {i}") for i in range(3)}))
    call_command("importiere_modelle", str(archiv), kommune=kommune_a.ags,
                 benutzer=redakteur_a.username, sichtbarkeit="oeffentlich")  # fmt: skip
    assert "3 Modelle importiert, 0 abgelehnt." in capsys.readouterr().out
    assert set(Prozessmodell.objects.values_list("sichtbarkeit", flat=True)) == {"oeffentlich"}
    with pytest.raises(CommandError, match="ist nicht Redaktion oder Verwaltung von Böblingen"):
        call_command("importiere_modelle", str(archiv), kommune=kommune_a.ags,
                     benutzer=mitglied_a.username)  # fmt: skip


def test_unbekannte_kommune_und_quelle(tmp_path, kommune_a, stammdaten):
    with pytest.raises(CommandError, match="Keine Kommune mit AGS 08999999"):
        call_command("importiere_modelle", str(tmp_path), kommune="08999999")
    with pytest.raises(CommandError, match="kein Mitglied"):
        call_command("importiere_modelle", str(tmp_path), kommune="08111000")
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("importiere_modelle", str(tmp_path / "fehlt"), kommune=kommune_a.ags)
