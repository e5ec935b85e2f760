"""GIVEN models of several Kommunen WHEN they are compared THEN two variants of the same service
are more alike than unrelated ones, the reason counts the shared steps exactly, and the signatures
for the database index are stable and find identical models."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from modelle.bpmn import aehnlichkeit, parse
from modelle.bpmn.aehnlichkeit import (
    MAX_STEPS,
    MAX_WORDS,
    VERSION,
    Fingerprint,
    bands,
    estimate,
    fingerprint,
    fold,
    jaccard,
    minhash,
    similarity,
    stem,
    step_name,
)
from modelle.bpmn.limits import FINGERPRINT_CHARS

DATA = Path(__file__).parent / "data" / "aehnlichkeit"
ROOT = Path(__file__).resolve().parents[3]
NS = 'xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"'


def _fp(name: str) -> Fingerprint:
    return fingerprint(parse((DATA / name).read_bytes()))


def _process(body: str) -> bytes:
    process = f'<process id="p">{body}</process>'
    return f'<definitions {NS} id="d" targetNamespace="t">{process}</definitions>'.encode()


def _tasks(*names: str) -> Fingerprint:
    body = "".join(f'<task id="t{i}" name="{name}"/>' for i, name in enumerate(names))
    return fingerprint(parse(_process(body)))


# --- normalising --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "forms",
    [
        ("Anträge", "Antrag", "Antrags", "Antraege"),
        ("Prüfung", "prüfen", "geprüft", "Prüfungen"),
        ("Gebühren", "Gebühr"),
        ("Hunde", "Hund", "Hundes"),
        ("Bescheide", "Bescheid", "Bescheides"),
        ("Ausweis", "Ausweise", "Ausweises"),
        ("Ergebnis", "Ergebnisse"),
        ("Steuermarke", "Steuermarken"),
        ("Termin", "Termine"),
        ("Regel", "Regeln"),
    ],
)
def test_inflected_forms_share_one_stem(forms):
    assert len({stem(fold(word)) for word in forms}) == 1


def test_folding_lowercases_and_spells_out_umlauts_and_sharp_s():
    assert fold("Straße Größe MÜLL Café") == "strasse groesse muell cafe"


def test_step_names_ignore_order_stop_words_punctuation_and_admin_words():
    assert step_name("Antrag prüfen") == step_name("Prüfung des Antrags!") == "antrag pruf"
    assert step_name("Vorgang bearbeiten: Antrag prüfen") == "antrag pruf"
    # a name of admin words only keeps them, rather than becoming nothing
    assert step_name("Vorgang bearbeiten") == "bearbeit vorgang"
    assert step_name("und / oder") == ""


# --- comparing ----------------------------------------------------------------------------------


def test_variants_of_one_service_are_closer_than_an_unrelated_process():
    a, b, other = _fp("hundesteuer_a.bpmn"), _fp("hundesteuer_b.bpmn"), _fp("sperrmuell.bpmn")

    variants = similarity(a, b).score
    assert variants > similarity(a, other).score
    assert variants > similarity(b, other).score
    assert similarity(a, b) == similarity(b, a)


def test_reason_counts_the_shared_steps_exactly():
    # Shared: "Antrag prüfen"/"Prüfung des Antrags", "Steuermarke(n) ausgeben",
    # "Bescheid(e) versenden", "Hund angemeldet" — not "Hundesteuer festsetzen" /
    # "Steuer für den Hund festsetzen".
    result = similarity(_fp("hundesteuer_a.bpmn"), _fp("hundesteuer_b.bpmn"))

    assert result.gleiche_schritte == 4
    assert result.reason_de == "4 gleiche Schritte, ähnliche Struktur"


def test_identical_files_score_one_with_every_step_shared():
    a = _fp("hundesteuer_a.bpmn")
    again = _fp("hundesteuer_a.bpmn")

    assert similarity(a, again).score == 1.0
    assert similarity(a, again).gleiche_schritte == 7
    assert similarity(a, again).reason_de == "7 gleiche Schritte, gleiche Struktur"


def test_without_shared_steps_the_reason_names_shared_words():
    a = _tasks("Hundesteuer erheben", "Steuermarke drucken", "Halter ermitteln")
    b = _tasks("Hundesteuer zurückzahlen", "Steuermarken einziehen")

    result = similarity(a, b)
    assert result.gleiche_schritte == 0
    assert result.reason_de == "ähnliche Begriffe: Hundesteuer, Steuermarken"


def test_one_shared_step_is_singular():
    result = similarity(_tasks("Antrag prüfen", "Gebühr buchen"), _tasks("Prüfung des Antrags"))
    assert result.reason_de.startswith("1 gleicher Schritt")


def test_fingerprint_survives_json():
    a = _fp("hundesteuer_a.bpmn")
    stored = json.loads(json.dumps(a.as_dict()))

    assert stored["version"] == VERSION
    assert Fingerprint.from_dict(stored) == a


def test_fingerprint_is_bounded():
    a = _tasks(*(f"Schritt Nummer{i} Wort{i}x" for i in range(3000)))

    assert len(a.steps) == MAX_STEPS
    assert len(a.words) == MAX_WORDS
    assert len(minhash(a)) == 64


def test_labels_past_the_character_budget_are_not_read():
    # GIVEN a first task whose name uses up the whole budget of label characters
    filler = ("Akte " * (FINGERPRINT_CHARS // 5 + 1))[:FINGERPRINT_CHARS]
    with_name = _tasks(filler, "Hundesteuer festsetzen")
    without_name = fingerprint(parse(_process(f'<task id="t0" name="{filler}"/><task id="t1"/>')))

    # THEN the second task's name is not read: the fingerprint is the one without it
    assert with_name == without_name
    assert with_name.words == {"akt"}


def test_each_distinct_word_and_label_is_normalised_once(monkeypatch):
    # GIVEN 1,000 tasks all named "Antrag prüfen und bescheiden"
    folded: list[str] = []
    fold_once = aehnlichkeit.fold

    def counting_fold(text: str) -> str:
        folded.append(text)
        return fold_once(text)

    monkeypatch.setattr(aehnlichkeit, "fold", counting_fold)

    # WHEN the fingerprint is taken
    fp = _tasks(*["Antrag prüfen und bescheiden"] * 1000)

    # THEN the label is folded once for its step name and each of its words once
    assert sorted(folded) == sorted(
        ["Antrag prüfen und bescheiden", "Antrag", "prüfen", "und", "bescheiden"]
    )
    assert fp.steps == {"antrag bescheid pruf"}
    assert fp.words == {"antrag", "bescheid", "pruf"}


# --- signatures ---------------------------------------------------------------------------------

_FIXED = Fingerprint(
    frozenset({"antrag pruf"}),
    frozenset({"antrag", "pruf"}),
    frozenset({"g:exclusiveGateway"}),
)


def test_minhash_of_a_fixed_input_is_fixed():
    assert minhash(_FIXED, k=4) == (
        5326939377429542876,
        -6362826032413357728,
        -8300349820615489217,
        -8333535902201622423,
    )


def test_minhash_follows_its_documented_definition():
    shingles = ["s:antrag pruf", "w:antrag", "w:pruf", "f:g:exclusiveGateway"]
    digests = [hashlib.shake_128(s.encode()).digest(8 * 4) for s in shingles]
    by_hand = tuple(
        min(int.from_bytes(d[8 * i : 8 * i + 8], "little", signed=True) for d in digests)
        for i in range(4)
    )
    assert minhash(_FIXED, k=4) == by_hand


def test_minhash_and_bands_are_the_same_in_another_process_with_another_hash_seed():
    code = (
        "from modelle.bpmn.aehnlichkeit import Fingerprint, minhash, bands\n"
        "fp = Fingerprint(frozenset({'antrag pruf'}), frozenset({'antrag', 'pruf'}),"
        " frozenset({'g:exclusiveGateway'}))\n"
        "print(list(minhash(fp)), bands(minhash(fp)))\n"
    )
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        outputs.add(done.stdout)
    assert outputs == {f"{list(minhash(_FIXED))} {bands(minhash(_FIXED))}\n"}


def test_minhash_estimates_the_jaccard_similarity():
    a, b = _fp("hundesteuer_a.bpmn"), _fp("hundesteuer_b.bpmn")
    exact = jaccard(a, b)

    assert 0.4 < exact < 0.7
    assert abs(estimate(minhash(a), minhash(b)) - exact) <= 0.1
    assert abs(estimate(minhash(a, k=512), minhash(b, k=512)) - exact) <= 0.05


def test_bands_of_identical_fingerprints_collide_and_fit_a_signed_bigint():
    a = bands(minhash(_fp("hundesteuer_a.bpmn")))
    again = bands(minhash(_fp("hundesteuer_a.bpmn")))
    other = bands(minhash(_fp("sperrmuell.bpmn")))

    assert a == again
    assert len(a) == 16
    assert all(-(2**63) <= value < 2**63 for value in a)
    assert not set(a) & set(other)


def test_bands_refuse_a_split_that_does_not_divide_the_signature():
    with pytest.raises(ValueError):
        bands(minhash(_FIXED), b=10)
