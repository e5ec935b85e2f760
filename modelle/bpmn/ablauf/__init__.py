"""The process as text ("Ablauf als Text"): the steps of a model in reading order, for people
who cannot see the diagram.

    ablauf(doc).as_text()   # plain text, one numbered line per step
    ablauf(doc).as_dict()   # the same as JSON-ready dicts (API, template)

Per pool (or process) the start events come first, then the steps along the sequence flows;
decisions and parallel splits list their branches, loops and merges point back to a step's
number, boundary events say what happens "wenn während „X“ …", message flows say who sends what
to whom, sub-processes are nested sections, and steps no start leads to are listed at the end.
See `walk` for how the order is chosen and bounded.
"""

from __future__ import annotations

from ..document import Document
from .graph import build
from .model import Ablauf, Branch, Reference, Section, Step
from .walk import MAX_DEPTH, MAX_STEPS, Walker

__all__ = ["MAX_DEPTH", "MAX_STEPS", "Ablauf", "Branch", "Reference", "Section", "Step", "ablauf"]


def ablauf(doc: Document, *, max_steps: int = MAX_STEPS) -> Ablauf:
    """The steps of `doc` in reading order, at most `max_steps` of them (then with a note)."""
    return Walker(build(doc), max_steps).run()
