"""GIVEN the demo catalogue and its BPMN files WHEN `make run` loads them THEN a newcomer sees a
living library: valid, drawn models; versions that really changed; variants of one service from
several Kommunen; findings only on the models meant to show them."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from lxml import etree

from modelle.bpmn import diff, lint, metrics, parse, validate_schema
from modelle.bpmn.metrics import EVENTS, GATEWAYS, TASKS
from modelle.bpmn.ns import BPMNDI
from modelle.bpmn.render import svg
from modelle.demo_daten.erzeugen.prozesse import MODELLE
from modelle.demo_daten.erzeugen.xml import to_xml
from modelle.demo_daten.katalog import KATALOG
from modelle.models import Kategorie, Lizenz, Sichtbarkeit

BASIS = Path(__file__).resolve().parents[2] / "modelle" / "demo_daten"
SVG_NS = {"s": "http://www.w3.org/2000/svg"}
FLOW_NODES = frozenset(TASKS + EVENTS + GATEWAYS)

DEMO_KOMMUNEN = {
    "08115003",  # Böblingen
    "08115028",  # Leonberg
    "08111000",  # Stuttgart
    "08115021",  # Herrenberg
    "08115045",  # Sindelfingen
    "08116019",  # Esslingen am Neckar
    "08311000",  # Freiburg im Breisgau
    "08212000",  # Karlsruhe
    "08421000",  # Ulm
    "08125065",  # Neckarsulm
}
# The confirmed Kommunen of the finished rounds in schulungen/demo.py.
KOHORTEN = {
    2022: {"08115003", "08115028", "08111000"},
    2023: {"08115021", "08115045", "08116019"},
}
# Exactly these findings, on exactly these files; every other file has none.
MAENGEL = {
    "modelle/fundsachen-neckarsulm/v1.bpmn": {
        ("label-required", "Gw_Eigentuemer"),
        ("no-implicit-end", "Task_Herausgabe"),
    },
    "modelle/grabnutzungsrecht-boeblingen/v1.bpmn": {
        ("label-required", "Merge_Grabart"),
        ("no-gateway-join-fork", "Merge_Grabart"),
    },
    "modelle/veranstaltungsgenehmigung-sindelfingen/v1.bpmn": {
        ("no-implicit-split", "Task_Pruefen"),
        ("fake-join", "Task_Bescheid"),
    },
}
# What the comparison of a version with the one before shows for tasks, events and gateways.
AENDERUNGEN = {
    ("gewerbeanmeldung-boeblingen", 2): {
        "added": {"End_Eingestellt", "Gw_Warten", "Task_Einstellen", "Task_Import", "Timer_Frist"},
        "removed": {"Task_Aufnehmen", "Task_Gebuehr"},
        "renamed": {"Start_Anzeige", "Task_Buchen", "Task_Erfassen"},
    },
    ("gewerbeanmeldung-boeblingen", 3): {
        "added": set(),
        "removed": set(),
        "renamed": {"Task_Bescheinigung", "Task_Weiterleiten"},
    },
    ("hundesteuer-leonberg", 2): {
        "added": {"Gw_SEPA", "Merge_Bezahlt", "Task_Import", "Task_Lastschrift"},
        "removed": {"Task_Annehmen"},
        "renamed": {"Catch_Zahlung", "Start_Anmeldung", "Task_Marke"},
    },
    ("e-rechnung-karlsruhe", 2): {
        "added": {"End_Ungueltig", "Gw_Valide", "Task_Ablehnen", "Task_Validieren"},
        "removed": {"Task_Scannen"},
        "renamed": {"Start_Rechnung", "Task_Anordnen", "Task_Buchen", "Task_Zuordnen"},
    },
    ("bauantrag-herrenberg", 2): {
        "added": {
            "Catch_Baubeginn",
            "End_Gemeldet",
            "End_Zurueckgenommen",
            "Gw_Warten",
            "Task_Melden",
            "Task_Ruecknahme",
            "Task_Ueberwachung",
            "Timer_Entscheidung",
            "Timer_Nachreichung",
        },
        "removed": set(),
        "renamed": {"End_Freigegeben", "Task_Erfassen"},
    },
    ("grabnutzungsrecht-boeblingen", 2): {
        "added": {"Join", "Split"},
        "removed": {"End_Hinweis", "Task_Grabmal"},
        "renamed": {"Task_Urkunde"},
    },
    ("sondernutzung-stuttgart", 2): {
        "added": {"Task_Baustellen"},
        "removed": set(),
        "renamed": {"Start_Antrag", "Task_Gebuehr", "Task_Versand"},
    },
}
# The same service (Leistungsschlüssel) modelled by several Kommunen.
VARIANTEN = {
    "99050012104000": {
        "gewerbeanmeldung-boeblingen",
        "gewerbeanmeldung-stuttgart",
        "gewerbeanmeldung-ulm",
    },
    "99102013104000": {"hundesteuer-leonberg", "hundesteuer-sindelfingen", "hundesteuer-esslingen"},
    "99012070006001": {"bauantrag-herrenberg", "bauantrag-karlsruhe"},
    "99108001001000": {"bewohnerparkausweis-freiburg", "bewohnerparkausweis-leonberg"},
}
# Only inside the Sindelfingen diagram, nowhere in the catalogue: the search must read models.
NUR_IM_DIAGRAMM = "Steuermarke"

PFLICHT = {
    "slug",
    "kommune_ags",
    "titel",
    "beschreibung",
    "leistungsschluessel",
    "kategorie",
    "schlagworte",
    "ansprechperson",
    "lizenz",
    "sichtbarkeit",
    "kohorte_jahr",
    "versionen",
}
OPTIONAL = {"maengel", "abgeleitet_von"}

DATEIEN = [v["datei"] for e in KATALOG for v in e["versionen"]]


def eintrag(slug: str) -> dict:
    return next(e for e in KATALOG if e["slug"] == slug)


def lesen(datei: str):
    return parse((BASIS / datei).read_bytes())


def test_catalogue_entries_have_the_fields_of_the_model_form_with_allowed_values():
    assert len({e["slug"] for e in KATALOG}) == len(KATALOG) == 20
    for e in KATALOG:
        assert PFLICHT <= set(e) <= PFLICHT | OPTIONAL, e["slug"]
        assert e["kommune_ags"] in DEMO_KOMMUNEN
        assert e["kategorie"] in Kategorie.values
        assert e["lizenz"] in Lizenz.values
        assert e["sichtbarkeit"] in Sichtbarkeit.values
        assert e["titel"] and len(e["titel"]) <= 200
        assert 2 <= e["beschreibung"].count(". ") + 1 <= 4, e["slug"]
        assert e["schlagworte"] and all(isinstance(w, str) and w for w in e["schlagworte"])
        assert "example.org" in e["ansprechperson"] and len(e["ansprechperson"]) <= 200
        for v in e["versionen"]:
            assert set(v) == {"datei", "notiz"} and v["notiz"]


def test_mostly_network_visibility_some_public_two_internal_mostly_cc_by():
    sichtbar = defaultdict(int)
    lizenzen = defaultdict(int)
    for e in KATALOG:
        sichtbar[e["sichtbarkeit"]] += 1
        lizenzen[e["lizenz"]] += 1
    assert dict(sichtbar) == {"netzwerk": 13, "oeffentlich": 5, "intern": 2}
    assert lizenzen["cc-by-4.0"] == 16


def test_leistungsschluessel_are_14_digits_and_only_the_internal_process_has_none():
    ohne = [e["slug"] for e in KATALOG if e["leistungsschluessel"] == ""]
    assert ohne == ["e-rechnung-karlsruhe"]
    for e in KATALOG:
        if e["leistungsschluessel"]:
            assert re.fullmatch(r"\d{14}", e["leistungsschluessel"]), e["slug"]


def test_variants_of_one_service_share_the_leistungsschluessel_across_kommunen():
    gruppen = defaultdict(set)
    for e in KATALOG:
        if e["leistungsschluessel"]:
            gruppen[e["leistungsschluessel"]].add(e["slug"])
    mehrfach = {k: slugs for k, slugs in gruppen.items() if len(slugs) > 1}
    assert mehrfach == VARIANTEN
    for slugs in VARIANTEN.values():
        kommunen = [eintrag(s)["kommune_ags"] for s in slugs]
        assert len(set(kommunen)) == len(kommunen)


def test_cohort_years_belong_to_kommunen_of_that_round():
    for e in KATALOG:
        jahr = e["kohorte_jahr"]
        assert jahr in (2022, 2023, None)
        if jahr is not None:
            assert e["kommune_ags"] in KOHORTEN[jahr], e["slug"]


def test_a_taken_over_model_points_to_an_existing_version_of_another_kommune():
    abgeleitet = [e for e in KATALOG if "abgeleitet_von" in e]
    assert [e["slug"] for e in abgeleitet] == ["hundesteuer-esslingen"]
    quelle = eintrag(abgeleitet[0]["abgeleitet_von"]["slug"])
    assert quelle["kommune_ags"] != abgeleitet[0]["kommune_ags"]
    assert 1 <= abgeleitet[0]["abgeleitet_von"]["version"] <= len(quelle["versionen"])


def test_every_file_on_disk_is_in_the_catalogue_and_every_catalogue_file_exists():
    auf_platte = {p.relative_to(BASIS).as_posix() for p in (BASIS / "modelle").rglob("*.bpmn")}
    assert auf_platte == set(DATEIEN)
    assert len(DATEIEN) == 27


@pytest.mark.parametrize("datei", DATEIEN)
def test_file_parses_is_schema_valid_and_lints_as_intended(datei):
    doc = lesen(datei)
    assert validate_schema(doc) == []
    befunde = {(f.rule, f.element_id) for f in lint(doc)}
    assert befunde == MAENGEL.get(datei, set())


def test_maengel_flag_marks_exactly_the_models_with_findings():
    markiert = {e["slug"] for e in KATALOG if e.get("maengel")}
    assert markiert == {d.split("/")[1] for d in MAENGEL}
    # a flawed model may be fixed later: its newest version is then clean
    assert lint(lesen("modelle/grabnutzungsrecht-boeblingen/v2.bpmn")) == []


@pytest.mark.parametrize("datei", DATEIEN)
def test_every_diagram_element_is_drawn(datei):
    raw = (BASIS / datei).read_bytes()
    root = etree.fromstring(raw)
    shapes = {s.get("bpmnElement") for s in root.iter(f"{{{BPMNDI}}}BPMNShape")}
    edges = {e.get("bpmnElement") for e in root.iter(f"{{{BPMNDI}}}BPMNEdge")}
    bild = etree.fromstring(svg(parse(raw)))

    def drawn(kind: str) -> set[str]:
        path = f"//s:g[contains(@class,'bpmn-{kind} ')]/@data-element-id"
        return set(bild.xpath(path, namespaces=SVG_NS))

    assert drawn("shape") == shapes
    assert drawn("edge") == edges
    assert len(shapes) >= 12 and len(edges) >= 10


def test_sizes_range_from_small_to_big():
    knoten = {d: metrics(lesen(d)).as_dict()["flow_nodes"] for d in DATEIEN}
    assert min(knoten.values()) == knoten["modelle/veranstaltungsgenehmigung-sindelfingen/v1.bpmn"]
    assert knoten["modelle/veranstaltungsgenehmigung-sindelfingen/v1.bpmn"] == 8
    assert max(knoten.values()) == knoten["modelle/bauantrag-herrenberg/v2.bpmn"] == 42


def test_six_processes_have_versions_and_each_version_changes_what_the_note_says():
    mit_versionen = {e["slug"]: len(e["versionen"]) for e in KATALOG if len(e["versionen"]) > 1}
    assert mit_versionen == {
        "gewerbeanmeldung-boeblingen": 3,
        "hundesteuer-leonberg": 2,
        "e-rechnung-karlsruhe": 2,
        "bauantrag-herrenberg": 2,
        "grabnutzungsrecht-boeblingen": 2,
        "sondernutzung-stuttgart": 2,
    }
    for (slug, nummer), erwartet in AENDERUNGEN.items():
        versionen = eintrag(slug)["versionen"]
        alt, neu = lesen(versionen[nummer - 2]["datei"]), lesen(versionen[nummer - 1]["datei"])
        # matched by id alone: an element that stays keeps its id
        ergebnis = diff(alt, neu, fallback=False).as_dict()
        gesehen = {
            "added": {x["id"] for x in ergebnis["added"] if x["type"] in FLOW_NODES},
            "removed": {x["id"] for x in ergebnis["removed"] if x["type"] in FLOW_NODES},
            "renamed": {
                x["id"]
                for x in ergebnis["changed"]
                if x["type"] in FLOW_NODES and "name" in x["changes"]
            },
        }
        assert gesehen == erwartet, (slug, nummer)


def test_the_distinctive_hundesteuer_word_is_only_inside_one_diagram():
    wort = NUR_IM_DIAGRAMM.lower()
    for e in KATALOG:
        texte = [e["titel"], e["beschreibung"], e["ansprechperson"], *e["schlagworte"]]
        texte += [v["notiz"] for v in e["versionen"]]
        assert not any(wort in t.lower() for t in texte), e["slug"]
    treffer = [d for d in DATEIEN if wort in (BASIS / d).read_text(encoding="utf-8").lower()]
    assert treffer == ["modelle/hundesteuer-sindelfingen/v1.bpmn"]
    beschriftungen = metrics(lesen(treffer[0])).as_dict()["labels"]
    assert [b for b in beschriftungen if wort in b.lower()] == [
        "Bescheid und Steuermarke versenden",
        "Steuermarke sichtbar am Halsband tragen; Verlust sofort melden.",
    ]


def test_committed_files_are_what_the_generator_writes():
    for e in KATALOG:
        bauen, anzahl = MODELLE[e["slug"]]
        assert anzahl == len(e["versionen"])
        for nummer, v in enumerate(e["versionen"], start=1):
            assert v["datei"] == f"modelle/{e['slug']}/v{nummer}.bpmn"
            assert to_xml(bauen(nummer).layout()) == (BASIS / v["datei"]).read_bytes()
