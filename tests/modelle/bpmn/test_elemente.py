"""element_info: what the details panel of the diagram viewer says about an element."""

from pathlib import Path

from modelle.bpmn import elemente, parse
from modelle.bpmn.begriffe import OTHER_TYPE_DE, TYPE_DE, type_de
from modelle.bpmn.elemente import element_info
from modelle.bpmn.limits import ELEMENT_DOC_CHARS, ELEMENT_NAME_CHARS

VIEWER_MODELL = Path(__file__).parent.parent / "data" / "gebuehr_zwei_diagramme.bpmn"

KOPF = (
    b'<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'
    b' xmlns:x="https://example.org/ext" id="D" targetNamespace="https://example.org/t">'
)


def _info(koerper: str) -> dict:
    return element_info(parse(KOPF + koerper.encode() + b"</definitions>"))


def test_name_typ_und_dokumentation_aus_dem_modell():
    info = element_info(parse(VIEWER_MODELL.read_bytes()))
    assert info["Task_Pruefen"] == {
        "name": "Antrag prüfen",
        "typ": "Benutzeraufgabe",
        "doku": "Die Sachbearbeitung prüft, ob der Antrag vollständig ist "
        "und die Kommune zuständig ist.",
    }
    assert info["Gateway_Vollstaendig"] == {"name": "", "typ": "Exklusives Gateway", "doku": ""}
    # elements of the second diagram (inside the collapsed sub-process) are there too
    assert info["Task_Tarif"]["typ"] == "Serviceaufgabe"
    assert info["Flow_Ja"] == {"name": "ja", "typ": "Sequenzfluss", "doku": ""}


def test_ereignisse_nennen_ihren_ausloeser_wie_der_prozesstext():
    info = _info(
        '<process id="P">'
        '<startEvent id="S"><messageEventDefinition id="m"/></startEvent>'
        '<intermediateCatchEvent id="T"><timerEventDefinition id="t"/></intermediateCatchEvent>'
        '<intermediateThrowEvent id="W"/>'
        '<boundaryEvent id="B" attachedToRef="A"><errorEventDefinition/>'
        "<signalEventDefinition/></boundaryEvent>"
        '<task id="A"/>'
        '<subProcess id="E" triggeredByEvent="true"/>'
        '<endEvent id="X"><terminateEventDefinition/></endEvent>'
        "</process>"
    )
    assert {k: v["typ"] for k, v in info.items()} == {
        "P": "Prozess",
        "S": "Startereignis (Nachricht)",
        "T": "Zwischenereignis (Timer)",
        "W": "Zwischenereignis (auslösend)",
        "B": "Angeheftetes Ereignis (mehrfach)",
        "A": "Aufgabe",
        "E": "Ereignis-Teilprozess",
        "X": "Endereignis (Terminierung)",
    }


def test_textanmerkung_und_gruppe_haben_ihren_angezeigten_text_als_namen():
    info = _info(
        '<category id="C"><categoryValue id="CV" value="Fachverfahren"/></category>'
        '<process id="P"><textAnnotation id="N"><text>Frist: 14 Tage</text></textAnnotation>'
        '<group id="G" categoryValueRef="CV"/></process>'
    )
    assert info["N"] == {"name": "Frist: 14 Tage", "typ": "Anmerkung", "doku": ""}
    assert info["G"] == {"name": "Fachverfahren", "typ": "Gruppe", "doku": ""}


def test_dokumentation_wird_klartext_ohne_steuerzeichen():
    info = _info(
        '<process id="P"><task id="A" name=" Bescheid &#13;&#10;  erstellen ">'
        "<documentation>Erste   Zeile\x09\r\n\r\n\r\n\r\nZweite &lt;b&gt;Zeile&lt;/b&gt;"
        "</documentation><documentation>Noch ein Absatz</documentation></task></process>"
    )
    assert info["A"]["name"] == "Bescheid\nerstellen"
    assert info["A"]["doku"] == "Erste Zeile\n\nZweite <b>Zeile</b>\n\nNoch ein Absatz"


def test_erweiterungen_und_unbekannte_elemente_fehlen():
    info = _info(
        '<process id="P"><extensionElements><x:task id="Fremd"/></extensionElements>'
        '<task id="A"><ioSpecification id="IO"/></task><laneSet id="LS"/></process>'
    )
    assert set(info) == {"P", "A"}


def test_doppelte_id_erstes_element_gilt():
    info = _info(
        '<process id="P"><task id="A" name="erstes"/><task id="A" name="zweites"/></process>'
    )
    assert info["A"]["name"] == "erstes"


def test_grenzen_fuer_anzahl_und_textlaenge(monkeypatch):
    monkeypatch.setattr(elemente, "ELEMENT_INFO_ELEMENTS", 3)
    monkeypatch.setattr(elemente, "ELEMENT_DOC_TOTAL_CHARS", 25)
    lang = "x" * (ELEMENT_NAME_CHARS + 50)
    aufgaben = "".join(
        f'<task id="A{i}" name="{lang}"><documentation>{"d" * 20}</documentation></task>'
        for i in range(6)
    )
    info = _info(f'<process id="P">{aufgaben}</process>')
    assert list(info) == ["P", "A0", "A1"]
    assert info["A0"]["name"] == "x" * (ELEMENT_NAME_CHARS - 1) + "…"
    assert info["A0"]["doku"] == "d" * 20
    # the budget for all documentation (25) leaves five characters for the second task
    assert info["A1"]["doku"] == "dddd…"


def test_einzelne_dokumentation_ist_begrenzt():
    info = _info(
        f'<process id="P"><task id="A"><documentation>{"a" * 10_000}</documentation></task>'
        "</process>"
    )
    assert len(info["A"]["doku"]) == ELEMENT_DOC_CHARS
    assert info["A"]["doku"].endswith("…")


class _CountingPattern:
    """A compiled pattern that counts the calls of its `sub`."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def sub(self, *args):
        self.calls += 1
        return self.pattern.sub(*args)


def test_nur_der_anfang_eines_langen_textes_wird_bereinigt(monkeypatch):
    # GIVEN an annotation "a", a hundred thousand line breaks, "b"
    blanks = _CountingPattern(elemente._BLANK_RE)
    monkeypatch.setattr(elemente, "_BLANK_RE", blanks)
    text = "a" + "\n" * 100_000 + "b"

    # WHEN the details panel describes it
    info = _info(
        f'<process id="P"><textAnnotation id="N"><text>{text}</text></textAnnotation></process>'
    )

    # THEN only the first few name-lengths of lines are tidied, and the cut is marked
    assert blanks.calls <= 4 * ELEMENT_NAME_CHARS + 1
    assert info["N"]["name"] == "a…"


def test_details_nennen_jeden_typ_mit_dem_wort_des_prozesstexts():
    # GIVEN one element of every type that has a German word
    arten = sorted((TYPE_DE | OTHER_TYPE_DE).keys() - {"process", "intermediateThrowEvent"})
    info = _info(
        '<process id="P">' + "".join(f'<{art} id="{art}_1"/>' for art in arten) + "</process>"
    )

    # THEN the details panel calls each what the process text and the comparison call it
    assert {art: info[f"{art}_1"]["typ"] for art in arten} == {art: type_de(art) for art in arten}
