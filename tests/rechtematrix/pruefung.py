"""Running one route of the matrix: every target × method × actor, each in its own savepoint.

A case fails when the status differs from the table, when the server answers 5xx, when a request
that may not write left the database changed, or when the answer contains a marker of an object
this actor must never see (welt.Welt.geheim), or when it lacks the headers every answer carries.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .erwartung import DATEN, MATRIX
from .routen import Route
from .welt import AKTEURE, Welt

METHODEN = ("GET", "POST", "PATCH", "DELETE")
APPS = ("kommunen", "modelle", "schulungen", "authtoken")
_SCHREIBEND = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# Answers that name their own lifetime (prozessbibliothek/middleware.py); every other answer,
# whoever asks, is private and never stored.
EIGENER_CACHE = {
    ("version_vorschau", 200): "private, max-age=600",
    ("schulungen_feed", 200): "private, max-age=900",
}
# Sessions, django-axes' login log, the audit log and the reset-mail throttle record that a
# request happened (also a refused one, on purpose); they are not data a request may change.
_NICHT_FACHLICH = ("django_session", "axes_", "kommunen_auditeintrag", "kommunen_drosselung")


@dataclass(frozen=True)
class Zelle:
    status: int | None  # None: skipped
    darf_schreiben: bool


def zellen(text: str) -> dict[str, Zelle]:
    """'302 404 302+ …' → actor → expectation."""
    teile = text.split()
    if len(teile) != len(AKTEURE):
        raise ValueError(f"{len(AKTEURE)} Spalten erwartet ({' '.join(AKTEURE)}): {text!r}")
    ergebnis = {}
    for akteur, teil in zip(AKTEURE, teile, strict=True):
        if teil == "-":
            ergebnis[akteur] = Zelle(None, False)
        else:
            ergebnis[akteur] = Zelle(int(teil.rstrip("+")), teil.endswith("+"))
    return ergebnis


def stand() -> str:
    """A hash of every row of the project's tables (and the users)."""
    h = hashlib.sha256()
    modelle = [m for a in APPS for m in apps.get_app_config(a).get_models()]
    modelle.append(get_user_model())
    for modell in sorted(set(modelle), key=lambda m: m._meta.label):
        h.update(modell._meta.label.encode())
        for zeile in modell._base_manager.order_by("pk").values_list():
            h.update(repr([bytes(x) if isinstance(x, memoryview) else x for x in zeile]).encode())
    return h.hexdigest()


def _schreibt(queries) -> bool:
    for q in queries:
        sql = q["sql"].lstrip().upper()
        if sql.startswith(_SCHREIBEND) and not any(t in q["sql"] for t in _NICHT_FACHLICH):
            return True
    return False


@dataclass
class Bericht:
    faelle: int = 0
    fehler: list[str] = field(default_factory=list)


def url(route: Route, ziel: dict) -> str:
    pfad = reverse(route.name, kwargs={p: ziel[p] for p in route.parameter})
    return f"{pfad}?{ziel['?']}" if "?" in ziel else pfad


def _client(w: Welt, akteur: str, sitzungen: dict[str, str]) -> Client:
    client = Client(raise_request_exception=False)
    if akteur in sitzungen:
        client.cookies[settings.SESSION_COOKIE_NAME] = sitzungen[akteur]
    return client


def _senden(client: Client, methode: str, adresse: str, route: Route, body: dict | None):
    if methode == "GET":
        return client.get(adresse)
    body = body or {}
    mit_datei = any(
        isinstance(v, SimpleUploadedFile)
        or (isinstance(v, list) and any(isinstance(x, SimpleUploadedFile) for x in v))
        for v in body.values()
    )
    if methode == "POST" and (mit_datei or not route.name.startswith("api_")):
        return client.post(adresse, body)
    if methode == "POST":
        return client.post(adresse, json.dumps(body), content_type="application/json")
    if mit_datei:
        # Multipart for PATCH: Django's client encodes only POST bodies that way.
        from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

        daten = encode_multipart(BOUNDARY, body)
        return client.generic(methode, adresse, daten, content_type=MULTIPART_CONTENT)
    return client.generic(methode, adresse, json.dumps(body), content_type="application/json")


def _teile(kopf: str) -> set[str]:
    return {t.strip() for t in kopf.split(",")}


def _text(antwort) -> str:
    if getattr(antwort, "streaming", False):
        return ""
    return antwort.content.decode("utf-8", errors="replace")


def fall(w: Welt, sitzungen, route: Route, ziel_name: str, methode: str, akteur: str,
         erwartet: Zelle | None, bericht: Bericht) -> None:  # fmt: skip
    """One request in a savepoint that is rolled back; failures go into the report.
    `erwartet` None: a method the table does not list (only the invariants are checked)."""
    ziel = w.ziele.get(ziel_name, {}) if ziel_name != "-" else {}
    adresse = url(route, ziel)
    erzeuger = DATEN.get(route.name, {}).get(methode)
    body = erzeuger(w, akteur, ziel_name) if erzeuger and methode != "GET" else None
    wer = f"{route.name} [{ziel_name}] {methode} als {akteur}"
    bericht.faelle += 1
    with transaction.atomic():
        with CaptureQueriesContext(connection) as abfragen:
            antwort = _senden(_client(w, akteur, sitzungen), methode, adresse, route, body)
        nachher = stand() if _schreibt(abfragen.captured_queries) else None
        transaction.set_rollback(True)
    status = antwort.status_code
    if status >= 500:
        bericht.fehler.append(f"{wer}: {status} (Serverfehler) {adresse}")
        return
    if erwartet is not None and status != erwartet.status:
        ort = f" → {antwort.get('Location')}" if 300 <= status < 400 else ""
        bericht.fehler.append(f"{wer}: {status}{ort}, erwartet {erwartet.status}")
    darf = erwartet is not None and erwartet.darf_schreiben and status == erwartet.status
    if nachher is not None and not darf and nachher != stand():
        bericht.fehler.append(f"{wer}: hat die Datenbank geändert ({status})")
    cache = antwort.get("Cache-Control", "")
    eigener = EIGENER_CACHE.get((route.name, status))
    # Django's own account views say more (`never_cache`): still private and never stored.
    cache_ok = cache == eigener if eigener else {"private", "no-store"} <= _teile(cache)
    if not cache_ok or "camera=()" not in antwort.get("Permissions-Policy", ""):
        bericht.fehler.append(
            f"{wer}: Kopfzeilen Cache-Control={antwort.get('Cache-Control')!r}, "
            f"Permissions-Policy={antwort.get('Permissions-Policy', '')[:20]!r}…"
        )
    text = _text(antwort)
    for marke in w.verborgen_vor(akteur, route.name):
        if marke in text:
            bericht.fehler.append(f"{wer}: Antwort ({status}) enthält „{marke}“")


def route_pruefen(w: Welt, sitzungen: dict[str, str], route: Route) -> Bericht:
    bericht = Bericht()
    eintrag = MATRIX[route.name]
    for ziel_name, methoden in eintrag.items():
        if ziel_name != "-" and ziel_name not in w.ziele:
            bericht.fehler.append(f"{route.name}: Ziel „{ziel_name}“ gibt es in welt.py nicht")
            continue
        for methode, text in methoden.items():
            for akteur, zelle in zellen(text).items():
                if zelle.status is not None:
                    fall(w, sitzungen, route, ziel_name, methode, akteur, zelle, bericht)
    # Methods the table does not list, on the route's first target: only the invariants.
    # A page view tells methods apart only as GET / POST / anything else, so PATCH would repeat
    # DELETE there; the API dispatches on each method and gets all of them.
    erstes_ziel, methoden = next(iter(eintrag.items()))
    ungelistet = METHODEN if route.name.startswith("api") else ("GET", "POST", "DELETE")
    for methode in ungelistet:
        if methode not in methoden:
            for akteur in AKTEURE:
                fall(w, sitzungen, route, erstes_ziel, methode, akteur, None, bericht)
    return bericht
