"""Search keys for place names: "Böblingen", "Boeblingen" and "boblingen" find the same Kommune.

The same folding is applied to the stored text and to what the user types, so it only has to be
consistent, not linguistically right: umlauts lose their dots, the spellings "ae/oe/ue" collapse
to the bare vowel, ß becomes ss, punctuation becomes a space.
"""

from __future__ import annotations

import re
import unicodedata

_TRENNER = re.compile(r"[\s\-–,.;:()/]+")


def suchform(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.casefold())
    t = "".join(c for c in t if not unicodedata.combining(c))
    for digraph, vokal in (("ae", "a"), ("oe", "o"), ("ue", "u")):
        t = t.replace(digraph, vokal)
    return _TRENNER.sub(" ", t).strip()


def suchtext_fuer(name: str, kreis_art: str, kreis_name: str) -> str:
    """What a Kommune is found by: its name, then its Kreis ("Landkreis Böblingen")."""
    return suchform(f"{name} {kreis_art} {kreis_name}")
