"""What the chaos and load runs do over HTTP against prod-local, the way a user's client does it:
log in through the form, upload through the API with a token, fetch a thumbnail and look at it."""

from __future__ import annotations

import functools
import io
import re
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


@functools.cache
def demo_dateien() -> tuple[tuple[str, bytes], ...]:
    """The repository's demo models: real, varied processes."""
    pfade = sorted((ROOT / "modelle" / "demo_daten" / "modelle").glob("*/*.bpmn"))
    return tuple((f"{p.parent.name}-{p.name}", p.read_bytes()) for p in pfade)


def eindeutig(daten: bytes, kennung: str) -> bytes:
    """The same model with a comment after the XML declaration: other bytes, so a second run
    (or a second client) is never refused as a duplicate."""
    ende = daten.index(b"?>") + 2 if daten.startswith(b"<?xml") else 0
    return daten[:ende] + f"\n<!-- {kennung} -->".encode() + daten[ende:]


def bpmn_dateien(anzahl: int, *, kennung: str) -> list[tuple[str, bytes]]:
    """`anzahl` distinct valid models: the demo files first, then generated ones of 20 to 2,500
    steps. `kennung` makes the bytes unique to one run."""
    dateien = [(name, eindeutig(d, f"{kennung} {i}")) for i, (name, d) in enumerate(demo_dateien())]
    groessen = (20, 300, 1200, 2500, 80, 600)
    i = 0
    while len(dateien) < anzahl:
        schritte = groessen[i % len(groessen)]
        dateien.append((f"erzeugt-{i}.bpmn", grosse_datei(f"{kennung} {i}", schritte)))
        i += 1
    return dateien[:anzahl]


def grosse_datei(kennung: str, schritte: int = 2500) -> bytes:
    """A generated valid model, start → `schritte` tasks → end (2,500: about a second of
    processing). Built with the tests' own BPMN builder."""
    sys.path.insert(0, str(ROOT / "tests" / "modelle"))
    from bpmn_bau import prozess

    schritte_namen = tuple(f"Schritt {j} prüfen" for j in range(schritte))
    return prozess(f"Prozess mit {schritte} Schritten", schritte_namen, variante=kennung)


def anmelden(basis: str, benutzer: str, passwort: str) -> requests.Session:
    """A browser-like session, logged in through the login form (CSRF token and all)."""
    session = requests.Session()
    seite = session.get(f"{basis}/konto/login/", timeout=30)
    seite.raise_for_status()
    token = _CSRF.search(seite.content)
    if token is None:
        raise RuntimeError("Anmeldeseite ohne CSRF-Token")
    antwort = session.post(
        f"{basis}/konto/login/",
        data={"username": benutzer, "password": passwort, "csrfmiddlewaretoken": token.group(1)},
        headers={"Referer": f"{basis}/konto/login/"},
        allow_redirects=False,
        timeout=30,
    )
    if antwort.status_code != 302:
        raise RuntimeError(f"Anmeldung als {benutzer} scheiterte ({antwort.status_code})")
    return session


def hochladen(
    basis: str, token: str, name: str, daten: bytes, *, titel: str | None = None, session=None
) -> requests.Response:
    """POST a new model to the API as a Redakteur with a token (the real path for tools)."""
    felder = {"titel": titel} if titel else {}
    return (session or requests).post(
        f"{basis}/api/v1/modelle/",
        headers={"Authorization": f"Token {token}"},
        files={"datei": (name, daten, "application/xml")},
        data=felder,
        timeout=60,
    )


def vorschau_pruefen(session: requests.Session, basis: str, modell: str, nummer: int) -> dict:
    """Fetch a version's thumbnail as its page does and check that something is drawn on it:
    a PNG of sensible size with dark pixels (lines and labels), not a blank white picture."""
    from PIL import Image

    antwort = session.get(f"{basis}/modelle/{modell}/versionen/{nummer}/vorschau.png", timeout=30)
    ergebnis = {"status": antwort.status_code, "typ": antwort.headers.get("Content-Type", "")}
    if antwort.status_code != 200 or not antwort.content.startswith(b"\x89PNG"):
        return {**ergebnis, "gezeichnet": False}
    bild = Image.open(io.BytesIO(antwort.content)).convert("L")
    pixel = bild.width * bild.height
    dunkel = sum(bild.histogram()[:160])  # lines and text are dark grey to black
    return {
        **ergebnis,
        "breite": bild.width,
        "hoehe": bild.height,
        "anteil_dunkel": round(dunkel / pixel, 4),
        "gezeichnet": bild.width >= 100 and dunkel > 0.002 * pixel,
    }
