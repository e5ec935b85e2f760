"""Every bound of the toolkit in one place: what one file may cost, step by step.

A file is at most `MAX_BYTES`; within that, a hostile file can still ask for minutes of work and
gigabytes of output (ten million line breaks in one annotation are ten million drawn lines). Each
step therefore has a bound of its own. Past a bound the result says so — a finding with rule
`LIMIT_RULE` and a German message, a shortened label, a placeholder drawing — and never raises.
Only `parse` refuses (with a `BpmnError`): a file beyond `MAX_BYTES` or `MAX_ELEMENTS`, or with an
id longer than `MAX_ID_CHARS`, is not analysed at all.

The figures leave room far above the largest real models seen (the MIWG corpus: at most 7,945
XML elements per file, 206 shapes and edges and 110 KB of SVG per diagram, names of 87
characters), so no bound cuts anything there (tests/modelle/bpmn/test_corpus_pipeline.py);
`bench/grenzen.py` measures what the bounds cost on hostile files.
"""

from __future__ import annotations

# --- parse: refusal (BpmnError) -----------------------------------------------------------------
MAX_BYTES = 10 * 1024 * 1024  # file size
MAX_ELEMENTS = 50_000  # XML elements of the whole file (the MIWG corpus: at most 7,945)
MAX_ID_CHARS = 256  # one id; ids are repeated in every drawing, finding and comment

# --- findings -----------------------------------------------------------------------------------
LIMIT_RULE = "limit"  # rule of every finding that says a bound cut something
MAX_FINDINGS = 500  # findings kept per file (the last one says how many more there were)
MAX_XSD_FINDINGS = 50  # schema violations listed one by one
MESSAGE_CHARS = 300  # characters of one finding's message
LIMIT_FINDINGS_PER_KIND = 10  # "label shortened" and the like, per diagram, before a summary
OVERLAP_COMPARISONS = 2_000_000  # pairs of shapes lint compares for overlaps

# --- drawing (SVG) ------------------------------------------------------------------------------
LABEL_CHARS = 1_000  # characters of one label considered for drawing
LABEL_LINES = 40  # lines drawn per label
DIAGRAM_ELEMENTS = 5_000  # shapes and edges drawn per diagram
DRAWN_ELEMENTS = 10_000  # shapes and edges drawn per file, all diagrams together
DIAGRAM_TEXT_CHARS = 200_000  # label characters drawn per diagram
DIAGRAM_TEXT_LINES = 20_000  # label lines drawn per diagram
EDGE_WAYPOINTS = 100  # waypoints drawn per edge (the last one always)
DIAGRAMS = 20  # diagrams drawn per file
NAME_CHARS = 200  # a diagram's name, as listed and as the drawing's title
SVG_BYTES = 8 * 1024 * 1024  # one diagram's SVG; a larger one is replaced by a placeholder

# --- thumbnail (PNG) ----------------------------------------------------------------------------
OUTLINE_CHARS = 20_000  # characters turned into glyph outlines; the rest become grey bars

# --- diff ---------------------------------------------------------------------------------------
DIFF_ROUNDS = 30  # rounds of matching elements whose ids were renewed (the MIWG corpus: at most 8)

# --- metrics and search -------------------------------------------------------------------------
METRICS_LABELS = 2_000  # distinct labels kept in the metrics
METRICS_LABEL_CHARS = 500  # characters kept per label
SEARCH_TEXT_CHARS = 100_000  # characters of the search text

# --- details panel (element_info) ---------------------------------------------------------------
# What the page embeds as JSON about the elements a diagram can show: at most about
# ELEMENT_INFO_ELEMENTS * ELEMENT_NAME_CHARS + ELEMENT_DOC_TOTAL_CHARS characters of text.
ELEMENT_INFO_ELEMENTS = 5_000  # elements described, in document order
ELEMENT_NAME_CHARS = 300  # characters of one element's name
ELEMENT_DOC_CHARS = 4_000  # characters of one element's documentation
ELEMENT_DOC_TOTAL_CHARS = 200_000  # characters of documentation, all elements together

# --- similarity (fingerprint) -------------------------------------------------------------------
# Label characters read for a fingerprint, in document order; the rest of the labels is not
# read (the MIWG corpus: at most 2,321 per file). The fingerprint's sets are bounded samples
# anyway, so a model past this is compared on its first labels.
FINGERPRINT_CHARS = 100_000


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: max(limit - 1, 0)] + "…"


def number_de(value: int) -> str:
    """An integer the German way: 10.000."""
    return f"{value:,}".replace(",", ".")
