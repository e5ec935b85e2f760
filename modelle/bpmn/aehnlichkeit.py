"""Similar processes: which models of other Kommunen describe the same service?

Compared are the labels and the structure of the diagrams:

- `fingerprint(doc)` reduces a model to three bounded sets: its **steps** (normalised names of
  tasks, sub-processes and events), its **words** (stems of every label a reader sees: steps,
  gateways, lanes, data) and its **structure** (which kinds of element follow which, gateway
  kinds, how many lanes, pools and steps).
- `minhash(fp)` and `bands(signature)` make a small signature for finding candidates in a
  database index (locality-sensitive hashing): models whose shingle sets overlap by about half
  or more share at least one band value with high probability (see `bands`).
- `similarity(a, b)` then compares two fingerprints exactly, for ranking the candidates, with a
  short German reason ("7 gleiche Schritte").

Normalising a label: lower case; ä→ae, ö→oe, ü→ue, ß→ss, other accents dropped; punctuation
removed; German stop words dropped, and very common administrative words ("Vorgang",
"bearbeiten", "Sachbearbeitung" …) too unless nothing else is left; each word cut to its stem by
`stem`. A step name is the sorted set of its stems, so "Antrag prüfen" and "Prüfung des Antrags"
are the same step.

Everything is deterministic across processes and machines: hashes are SHAKE-128 and BLAKE2b of
UTF-8 text, never Python's randomised `hash`. Bump `VERSION` whenever the output changes, so
stored fingerprints and band values can be recomputed.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .document import Document
from .limits import FINGERPRINT_CHARS
from .metrics import EVENT_DEFINITIONS, EVENTS, GATEWAYS, SUB_PROCESSES, TASKS
from .ns import BPMN

VERSION = 2  # 2: labels read up to limits.FINGERPRINT_CHARS
# Bounds per fingerprint (a bottom-k sample by stable hash beyond them, so two large models are
# still compared on the same kind of sample).
MAX_STEPS = 300
MAX_WORDS = 400
MAX_STRUCTURE = 200
MAX_WORD_LENGTH = 40
# Weights of the score: shared steps say most, shared words more than a similar shape.
_W_STEPS, _W_WORDS, _W_STRUCTURE = 0.45, 0.35, 0.20

_P = f"{{{BPMN}}}"
_STEP_KINDS = frozenset(TASKS + SUB_PROCESSES + EVENTS)
_LABEL_KINDS = (
    _STEP_KINDS
    | frozenset(GATEWAYS)
    | {
        "lane",
        "dataObjectReference",
        "dataStoreReference",
    }
)
_FLOW_NODES = frozenset(TASKS + EVENTS + GATEWAYS + SUB_PROCESSES)
_DEFINITIONS = {f"{_P}{kind}EventDefinition": kind for kind in EVENT_DEFINITIONS}

# --- normalising words --------------------------------------------------------------------------

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_TOKEN = re.compile(r"[a-z0-9]+")
_WORD = re.compile(r"\w+")
# Written as text so the lists read like the words they are.
_STOP_WORDS_TEXT = """
    der die das den dem des ein eine einer eines einem einen und oder sowie bzw zu zum zur von
    vom mit fuer im in ins an am auf bei beim aus nach ueber unter vor durch gegen ohne um als
    ob wenn dann da dass ist sind wird werden wurde wurden sein hat haben kann koennen muss
    muessen soll sollen nicht kein keine keinen ja nein sich es er sie wir ihr ich du man alle
    alles jede jeder jedes ggf evtl ca etc usw bitte neu neue neuen
"""
_ADMIN_WORDS_TEXT = """
    vorgang vorgaenge vorgangs bearbeiten bearbeitung bearbeitet durchfuehren durchfuehrung
    durchgefuehrt erfolgen erfolgt erledigen erledigung erledigt sachbearbeitung sachbearbeiter
    sachbearbeiterin verwaltung gemeinde stadt kommune amt prozess prozesse schritt aufgabe task
    start ende ok
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
ADMIN_WORDS = frozenset(_ADMIN_WORDS_TEXT.split())
_SUFFIXES = ("ungen", "heiten", "keiten", "ung", "heit", "keit", "ern", "en", "er", "es", "e")
_KEEP_S = ("is", "us", "ss", "as", "os")


def fold(text: str) -> str:
    """Lower case, umlauts as ae/oe/ue, ß as ss, other accents dropped."""
    text = text.casefold().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def stem(word: str) -> str:
    """A light German stemmer for a folded word: enough to make "Anträge", "Antrags" and
    "Antrag" or "Prüfung", "prüfen" and "geprüft" the same, no more.

    1. ae/oe/ue → a/o/u, so an umlaut plural ("Anträge") meets its singular;
    2. a participle ge…t loses both ("geprüft" → "pruf");
    3. one ending goes, longest first — -ungen -heiten -keiten -ung -heit -keit -ern -en -er -es
       -e — if at least three letters remain; else -n after l or r ("Regeln"), or a final -s
       (not after i, u, s, a, o: "Antrags" but not "Ausweis");
    4. -nisse/-nissen become -nis.
    It is consistent rather than correct: both sides of a comparison are stemmed the same way.
    """
    s = word.replace("ae", "a").replace("oe", "o").replace("ue", "u")
    if s.endswith("nissen"):
        return s[:-3]
    if s.endswith("nisse"):
        return s[:-2]
    if s.startswith("ge") and s.endswith("t") and len(s) >= 7:
        s = s[2:-1]
    for suffix in _SUFFIXES:
        if s.endswith(suffix) and len(s) - len(suffix) >= 3:
            return s[: -len(suffix)]
    if s.endswith(("ln", "rn")) and len(s) >= 5:
        return s[:-1]
    if s.endswith("s") and not s.endswith(_KEEP_S) and len(s) >= 4:
        return s[:-1]
    return s


def _usable(token: str) -> bool:
    return len(token) > 1 and not token.isdigit() and token not in STOP_WORDS


def _tokens(label: str) -> list[str]:
    tokens = [t for t in _TOKEN.findall(fold(label)) if _usable(t)]
    useful = [t for t in tokens if t not in ADMIN_WORDS]
    return useful or tokens


def step_name(label: str) -> str:
    """The normalised name of a step: its sorted, distinct stems ("" if nothing is left)."""
    return " ".join(sorted({stem(t) for t in _tokens(label)}))


# --- fingerprint --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fingerprint:
    """What `similarity` compares. `terms` maps a word stem to the word as written (for reasons).

    Store it with `as_dict()` (JSON) and load it with `Fingerprint.from_dict`.
    """

    steps: frozenset[str]
    words: frozenset[str]
    structure: frozenset[str]
    terms: tuple[tuple[str, str], ...] = ()

    @property
    def shingles(self) -> frozenset[str]:
        """Everything in one set, prefixed by kind, for `minhash`."""
        return frozenset(
            [f"s:{s}" for s in self.steps]
            + [f"w:{w}" for w in self.words]
            + [f"f:{f}" for f in self.structure]
        )

    def as_dict(self) -> dict:
        return {
            "version": VERSION,
            "steps": sorted(self.steps),
            "words": sorted(self.words),
            "structure": sorted(self.structure),
            "terms": dict(self.terms),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Fingerprint:
        return cls(
            frozenset(data.get("steps", ())),
            frozenset(data.get("words", ())),
            frozenset(data.get("structure", ())),
            tuple(sorted(data.get("terms", {}).items())),
        )


def _stable(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _bounded(items: Iterable[str], limit: int) -> frozenset[str]:
    unique = set(items)
    if len(unique) <= limit:
        return frozenset(unique)
    return frozenset(sorted(unique, key=_stable)[:limit])


def _bucket(n: int, bounds: tuple[int, ...]) -> str:
    for bound in bounds:
        if n <= bound:
            return f"<={bound}"
    return f">{bounds[-1]}"


def _category(el, kind: str) -> str:
    """What a reader sees of a node's kind, independent of how precisely a tool typed it."""
    if kind in GATEWAYS:
        return kind
    if kind in SUB_PROCESSES:
        return "subProcess"
    if kind in TASKS:
        return "callActivity" if kind == "callActivity" else "task"
    definitions = sorted({_DEFINITIONS[c.tag] for c in el if c.tag in _DEFINITIONS})
    base = "intermediateEvent" if kind.startswith("intermediate") else kind
    return f"{base}:{'+'.join(definitions) or 'none'}"


def _word_stems(word: str) -> tuple[str, ...]:
    """The stems a word of a label adds to the words of a fingerprint."""
    return tuple(
        stem(token)
        for token in _TOKEN.findall(fold(word))
        if _usable(token) and token not in ADMIN_WORDS
    )


def fingerprint(doc: Document) -> Fingerprint:
    """The steps, words and structure of `doc`, each bounded (see MAX_STEPS …); labels are read
    only until `limits.FINGERPRINT_CHARS` characters are used up, so a file of huge or countless
    labels costs no more than one of that much text."""
    steps: list[str] = []
    words: list[str] = []
    structure: list[str] = []
    terms: dict[str, str] = {}
    category: dict[str, str] = {}
    lanes = pools = 0
    budget = FINGERPRINT_CHARS
    # Models repeat their words and labels: each is normalised once per call.
    step_names: dict[str, str] = {}
    word_stems: dict[str, tuple[str, ...]] = {}
    for el in doc.root.iter(f"{_P}*"):
        kind = el.tag[len(_P) :]
        if kind == "lane":
            lanes += 1
        elif kind == "participant":
            pools += 1
        if kind in _FLOW_NODES:
            cat = _category(el, kind)
            ident = el.get("id")
            if ident:
                category[ident] = cat
            if kind in GATEWAYS:
                structure.append(f"g:{kind}")
            if kind == "boundaryEvent":
                structure.append(f"b:{cat}")
        if kind not in _LABEL_KINDS:
            continue
        if budget <= 0:
            continue
        raw = (el.get("name") or "")[:budget]
        budget -= len(raw)
        label = " ".join(raw.split())
        if not label:
            continue
        if kind in _STEP_KINDS:
            name = step_names.get(label)
            if name is None:
                name = step_names[label] = step_name(label)
            if name:
                steps.append(name)
        for word in _WORD.findall(label):
            keys = word_stems.get(word)
            if keys is None:
                keys = word_stems[word] = _word_stems(word)
            for key in keys:
                words.append(key)
                if key not in terms and len(word) <= MAX_WORD_LENGTH:
                    terms[key] = word
    for _flow_id, source, target in doc.sequence_flows:
        if source in category and target in category:
            structure.append(f"e:{category[source]}>{category[target]}")
    structure += [
        f"lanes:{_bucket(lanes, (0, 1, 3, 6))}",
        f"pools:{_bucket(pools, (0, 1, 2, 4))}",
        f"steps:{_bucket(len(set(steps)), (5, 10, 20, 40))}",
    ]
    kept_words = _bounded(words, MAX_WORDS)
    return Fingerprint(
        _bounded(steps, MAX_STEPS),
        kept_words,
        _bounded(structure, MAX_STRUCTURE),
        tuple(sorted((k, v) for k, v in terms.items() if k in kept_words)),
    )


# --- candidates: MinHash and LSH bands ----------------------------------------------------------

_BAND_PERSON = b"pb-lsh-band-v1"


def minhash(fp: Fingerprint, k: int = 64) -> tuple[int, ...]:
    """MinHash signature of the fingerprint's shingles: k signed 64-bit integers.

    Hash function i of a shingle is bytes 8i … 8i+7 of SHAKE-128(UTF-8 of the shingle), read as
    a little-endian signed integer; the signature holds the minimum of each over all shingles.
    The share of equal positions in two signatures estimates the Jaccard similarity of the two
    shingle sets (`estimate`). An empty fingerprint gives k times the largest value.
    """
    if not 1 <= k <= 1024:
        raise ValueError("k must be between 1 and 1024")
    layout = struct.Struct(f"<{k}q")
    rows = [
        layout.unpack(hashlib.shake_128(shingle.encode()).digest(8 * k))
        for shingle in sorted(fp.shingles)
    ]
    if not rows:
        return (2**63 - 1,) * k
    return tuple(min(column) for column in zip(*rows, strict=True))


def estimate(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Jaccard similarity estimated from two signatures of the same length."""
    if len(a) != len(b) or not a:
        raise ValueError("signatures of different length")
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def bands(signature: tuple[int, ...], b: int = 16) -> list[int]:
    """LSH band values: the signature cut into `b` bands of k/b rows, each hashed (BLAKE2b, 8
    bytes, with its band number) to a signed 64-bit integer for an indexed database column.

    Two models are candidates when any band value at the same position is equal. With k=64 and
    b=16 (4 rows) the chance is 1 - (1 - J⁴)¹⁶ for shingle sets with Jaccard J: 0.12 at 0.3,
    0.64 at 0.5, 0.98 at 0.7.
    """
    k = len(signature)
    if b < 1 or k % b:
        raise ValueError("the number of bands must divide the signature length")
    rows = k // b
    layout = struct.Struct(f"<H{rows}q")
    values = []
    for band in range(b):
        packed = layout.pack(band, *signature[band * rows : (band + 1) * rows])
        digest = hashlib.blake2b(packed, digest_size=8, person=_BAND_PERSON).digest()
        values.append(int.from_bytes(digest, "little", signed=True))
    return values


# --- exact comparison ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Similarity:
    """score 0…1, the number of steps both models have, and why, in German."""

    score: float
    gleiche_schritte: int
    reason_de: str


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Exact Jaccard similarity of the shingle sets (what `estimate` approximates)."""
    return _jaccard(a.shingles, b.shingles)


def similarity(a: Fingerprint, b: Fingerprint) -> Similarity:
    """How alike two models are, for ranking candidates: shared steps weigh most, then shared
    words, then the shape of the diagram. Identical fingerprints score exactly 1.0."""
    shared_steps = len(a.steps & b.steps)
    structure = _jaccard(a.structure, b.structure)
    if a == b:
        score = 1.0
    else:
        score = (
            _W_STEPS * _jaccard(a.steps, b.steps)
            + _W_WORDS * _jaccard(a.words, b.words)
            + _W_STRUCTURE * structure
        )
    return Similarity(round(score, 4), shared_steps, _reason(a, b, shared_steps, structure))


def _reason(a: Fingerprint, b: Fingerprint, shared_steps: int, structure: float) -> str:
    shape = ""
    if structure == 1.0:
        shape = "gleiche Struktur"
    elif structure >= 0.6:
        shape = "ähnliche Struktur"
    if shared_steps:
        count = "1 gleicher Schritt" if shared_steps == 1 else f"{shared_steps} gleiche Schritte"
        return f"{count}, {shape}" if shape else count
    shared_words = a.words & b.words
    if shared_words:
        written = dict(a.terms) | dict(b.terms)
        # The longest stems are the most telling ("hundesteu" says more than "hund").
        best = sorted(shared_words, key=lambda w: (-len(w), w))[:3]
        return "ähnliche Begriffe: " + ", ".join(written.get(w, w) for w in best)
    return shape.capitalize() if shape else "kaum Gemeinsamkeiten"
