"""Benchmark of the catalog at scale: server time per page type under concurrent clients.

Usage:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pb_katalog \\
        .venv/bin/python bench/catalog.py [--clients 4] [--requests 60] [--workers 2] [--out F]

Needs a database filled by `manage.py seed_scale --modelle 100000` (see README). The script
- makes (or reuses) a reader of the Kommune with the most models and a session for her — no
  password, no login request; the catalog is read as her and as an anonymous visitor;
- starts gunicorn with production settings (DEBUG off, a generated SECRET_KEY,
  ALLOWED_HOSTS=127.0.0.1, no Redis: local-memory cache) on 127.0.0.1 only;
- sends, from `--clients` threads at once, `--requests` requests per page type and user: the
  catalog without query, with a query, with filters/facets and other orders, the start page, a
  model page, the API list, and `/leistungen/<schluessel>/` if that page exists;
- reads the SERVER time of each request from gunicorn's access log (`%(D)s`, microseconds from
  request to response) and reports p50/p95/max per page type; client round trips are reported too.

The request loops are bounded (count and a time limit) and only go to 127.0.0.1.
Output: one JSON object on stdout (and in --out). Never part of the tests' pass/fail.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ABFRAGEN = ["Hundesteuer", "hundesteuern", "Hundsteuer", "Gewerbeanmeldung", "Bauantrag",
            "Steuermarke", "Baumfällgenehmigung", "Wohnsitz anmelden", "Kita-Platzvergabe",
            "E-Rechnung", "99102013104000", "Sondernutzung Gehweg", "Fundsachen",
            "Personalausweis beantragen", "Bewohnerparkausweis"]  # fmt: skip


# Sessions are signed with the SECRET_KEY: this process and gunicorn must share it.
SECRET_KEY = secrets.token_urlsafe(64)


def _django(database_url: str):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prozessbibliothek.settings")
    os.environ.update(DATABASE_URL=database_url, DEBUG="1", SECRET_KEY=SECRET_KEY)
    import django

    django.setup()


def vorbereiten(database_url: str) -> dict:
    """Bench user, session, and the URLs to request (from the seeded data)."""
    _django(database_url)
    from django.conf import settings
    from django.contrib.auth import (
        BACKEND_SESSION_KEY,
        HASH_SESSION_KEY,
        SESSION_KEY,
        get_user_model,
    )
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count
    from django.urls import Resolver404, resolve

    from kommunen.models import Kommune, Mitgliedschaft, Rolle
    from modelle.models import Prozessmodell

    kommune = (
        Kommune.objects.filter(ist_mitglied=True)
        .annotate(n=Count("prozessmodelle"))
        .order_by("-n")
        .first()
    )
    if kommune is None or not Prozessmodell.objects.exists():
        raise SystemExit("Keine Modelle: erst `manage.py seed_scale --modelle 100000`.")
    user, _ = get_user_model().objects.get_or_create(
        username="bench_leserin",
        defaults={"email": "bench_leserin@example.org", "first_name": "Bench"},
    )
    Mitgliedschaft.objects.get_or_create(
        user=user, kommune=kommune, defaults={"rolle": Rolle.LESEN}
    )
    sitzung = SessionStore()
    sitzung[SESSION_KEY] = str(user.pk)
    sitzung[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    sitzung[HASH_SESSION_KEY] = user.get_session_auth_hash()
    sitzung.create()

    fremd = (
        Prozessmodell.objects.sichtbar_fuer(user)
        .exclude(kommune=kommune)
        .filter(veroeffentlichte_version__isnull=False)
        .order_by("-nachnutzungen")
        .values_list("uuid", flat=True)[:20]
    )
    oeffentlich = (
        Prozessmodell.objects.filter(sichtbarkeit="oeffentlich", archiviert_am__isnull=True)
        .exclude(veroeffentlichte_version=None)
        .values_list("uuid", flat=True)[:20]
    )
    kreise = list(
        Kommune.objects.filter(ist_mitglied=True)
        .values_list("kreis__schluessel", flat=True)
        .distinct()[:12]
    )
    seiten = {
        "katalog_ohne_suche": ["/modelle/", "/modelle/?sortierung=meistgenutzt"],
        "katalog_suche": [f"/modelle/?q={urllib.parse.quote(q)}" for q in ABFRAGEN],
        "katalog_filter": [
            *[f"/modelle/?kreis={k}&kategorie=finanzen" for k in kreise],
            "/modelle/?regierungsbezirk=Karlsruhe&befunde=ja",
            "/modelle/?q=Antrag&lizenz=cc0-1.0&sortierung=neueste",
            "/modelle/?q=Gewerbe&regierungsbezirk=Stuttgart",
            f"/modelle/?kommune={kommune.ags}&seite=3",
        ],
        "start": ["/"],
        "modell_mitglied": [f"/modelle/{u}/" for u in fremd],
        "modell_anonym": [f"/modelle/{u}/" for u in oeffentlich],
        "api_liste": [f"/api/v1/modelle/?q={urllib.parse.quote(q)}" for q in ABFRAGEN[:6]]
        + ["/api/v1/modelle/", "/api/v1/modelle/?kreis=08111&sortierung=meistgenutzt"],
    }
    schluessel = "99102013104000"
    try:
        resolve(f"/leistungen/{schluessel}/")
        seiten["leistung"] = [f"/leistungen/{schluessel}/", "/leistungen/99050012104000/"]
    except Resolver404:
        seiten["leistung"] = []  # the lead's service page is not in this branch
    return {
        "cookie": f"{settings.SESSION_COOKIE_NAME}={sitzung.session_key}",
        "kommune": kommune.name,
        "modelle_der_kommune": kommune.n,
        "modelle": Prozessmodell.objects.count(),
        "seiten": seiten,
    }


def gunicorn_starten(database_url: str, port: int, workers: int, log: Path):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        # Production serves hashed static files from a manifest: collect them first.
        "STATIC_ROOT": str(log.parent / "static"),
    }
    env.pop("REDIS_URL", None)
    env.pop("TESTING", None)
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    prozess = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "prozessbibliothek.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--access-logfile", str(log),
         "--access-logformat", '%({x-bench}i)s %(s)s %(D)s "%(r)s"'],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    for _ in range(100):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/", headers={"X-Forwarded-Proto": "https"})
            antwort = c.getresponse()
            antwort.read()
        except OSError:
            time.sleep(0.2)
            continue
        if antwort.status == 200:
            return prozess
        break
    prozess.kill()
    raise SystemExit("gunicorn startet nicht: " + prozess.stderr.read().decode()[-2000:])


def last(port: int, auftraege: list[tuple[str, str, str]], clients: int, frist: float):
    """Send the requests from `clients` threads; return round trips and status per type."""
    rundreisen: dict[str, list[float]] = defaultdict(list)
    fehler: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    naechster = iter(enumerate(auftraege))
    ende = time.monotonic() + frist

    def arbeiter():
        verbindung = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < ende:
            with lock:
                eintrag = next(naechster, None)
            if eintrag is None:
                break
            _i, (art, pfad, cookie) = eintrag
            kopf = {"X-Forwarded-Proto": "https", "X-Bench": art}
            if cookie:
                kopf["Cookie"] = cookie
            t0 = time.perf_counter()
            verbindung.request("GET", pfad, headers=kopf)
            antwort = verbindung.getresponse()
            antwort.read()
            dauer = (time.perf_counter() - t0) * 1000
            with lock:
                rundreisen[art].append(dauer)
                if antwort.status != 200:
                    fehler[f"{art} {antwort.status} {pfad}"] += 1
        verbindung.close()

    threads = [threading.Thread(target=arbeiter) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return rundreisen, fehler


def _quantile(werte: list[float]) -> dict:
    werte = sorted(werte)
    if not werte:
        return {}

    def q(p: float) -> float:
        return round(werte[min(len(werte) - 1, int(p * len(werte)))], 1)

    return {"n": len(werte), "p50_ms": q(0.5), "p95_ms": q(0.95), "max_ms": round(werte[-1], 1),
            "mittel_ms": round(statistics.fmean(werte), 1)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--requests", type=int, default=60, help="je Seitentyp und Benutzer")
    parser.add_argument("--frist", type=float, default=600, help="Sekunden, höchstens")
    parser.add_argument("--out")
    args = parser.parse_args()
    if not args.database_url or not args.database_url.startswith("postgres"):
        raise SystemExit("DATABASE_URL=postgres://… (die mit seed_scale gefüllte Datenbank)")
    daten = vorbereiten(args.database_url)
    auftraege = []
    for art, pfade in daten["seiten"].items():
        for wer, cookie in (("mitglied", daten["cookie"]), ("anonym", "")):
            if art == "modell_anonym" and wer == "mitglied":
                continue
            if art == "modell_mitglied" and wer == "anonym":
                continue
            for i in range(args.requests if pfade else 0):
                auftraege.append((f"{art}:{wer}", pfade[i % len(pfade)], cookie))
    # Interleave the types, as real traffic would.
    auftraege.sort(key=lambda a: hash((a[1], a[0])) % 9973)
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "zugriff.log"
        server = gunicorn_starten(args.database_url, args.port, args.workers, log)
        try:
            # Warm-up: each distinct URL once (templates, connections, plans), not measured.
            aufwaermen = sorted({(f"warm:{a.split(':')[1]}", p, c) for a, p, c in auftraege})
            last(args.port, aufwaermen, args.clients, args.frist)
            last_vorher = os.getloadavg()[0]
            beginn = time.monotonic()
            rundreisen, fehler = last(args.port, auftraege, args.clients, args.frist)
            dauer = time.monotonic() - beginn
        finally:
            server.terminate()
            server.wait(timeout=30)
        serverzeit: dict[str, list[float]] = defaultdict(list)
        je_url: dict[str, list[float]] = defaultdict(list)
        for zeile in log.read_text().splitlines():
            art, _status, mikro, _methode, pfad, *_ = zeile.split(" ")
            if art != "-" and not art.startswith("warm:"):
                serverzeit[art].append(int(mikro) / 1000)
            if art.startswith(("katalog", "api")):
                je_url[f"{art.split(':')[1]} {pfad}"].append(int(mikro) / 1000)
    ergebnis = {
        "benchmark": "catalog",
        "modelle": daten["modelle"],
        "leserin_in": f"{daten['kommune']} ({daten['modelle_der_kommune']} eigene Modelle)",
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "anfragen_pro_sekunde": round(sum(len(v) for v in rundreisen.values()) / dauer, 1),
        "serverzeit": {a: _quantile(v) for a, v in sorted(serverzeit.items())},
        "rundreise": {a: _quantile(v) for a, v in sorted(rundreisen.items())},
        "nicht_200": dict(fehler),
        # Where the catalog's time goes: its URLs with the highest median server time.
        "langsamste_urls": {
            u: round(statistics.median(v), 1)
            for u, v in sorted(je_url.items(), key=lambda x: -statistics.median(x[1]))[:10]
        },
        "uebersprungen": [a for a, p in daten["seiten"].items() if not p],
        "maschine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            # Other work on the machine shows here: the figures are only comparable at low load.
            "last_1min_vorher_nachher": [round(last_vorher, 2), round(os.getloadavg()[0], 2)],
        },
    }
    text = json.dumps(ergebnis, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        Path(args.out).write_text(text + "\n")


if __name__ == "__main__":
    main()
