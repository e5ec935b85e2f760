"""Load on the production shape: concurrent clients, a realistic mix, a bounded time.

Usage: python bench/load.py [--clients 50] [--sekunden 60] [--out var/trust/last.json]

Starts the production shape (bench/prodlocal.py, profile `trust`: gunicorn, Celery worker and
beat on PostgreSQL + Redis, production settings) on an empty database with the demo data, makes
one member Kommune per client (a Kommunen-Admin and a Redakteur with API tokens, a reader) and
lets every client run the mix below for `--sekunden`: each request type is drawn by its weight.
Page requests use a session logged in through the login form (before the clock starts), API
requests a token. Afterwards it waits until every upload of the run is processed by the worker.

Verdict: 0 errors (a status other than the expected one, or no answer in 60 s) and nothing lost
(every upload ends `ok`/`warnungen`, with a thumbnail). Figures: requests, requests per second,
p50/p95/max per request type. Prints one JSON object (also to `--out`); exit code 1 if the
verdict fails. Timings depend on the machine; they are figures, not a pass/fail.

The mix is the table `MIX`: a new page is one line. A line with `optional="/pfad"` is probed once
before the run; if the path answers 404 on this branch (e.g. the catalogue is not there yet) it
is left out and named under `nicht_vorhanden`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prodlocal import ROOT, ProdLocal
from stackhttp import anmelden, demo_dateien, eindeutig, grosse_datei, vorschau_pruefen

TIMEOUT = 60
SUCHWORTE = ["Antrag", "Gewerbe", "Hund", "Bau", "Park", "Rechnung", "Fund", "Steuer", "xyz"]
ORTE = ["Stutt", "Frei", "Ulm", "Böblingen", "Heidel", "Kreis", "08115"]


@dataclass
class Client:
    """One simulated person: a Kommune's reader (pages), Redakteur and admin (API tokens)."""

    basis: str
    konto: dict
    seite: requests.Session  # logged in as the reader
    rng: random.Random
    modelle: list[dict]  # what the network publishes: uuid, nummer, leistungsschluessel
    anonym: requests.Session = field(default_factory=requests.Session)
    api: requests.Session = field(default_factory=requests.Session)
    eigene: list[tuple[str, int]] = field(default_factory=list)  # own uploads: uuid, nummer
    einschreibung: str | None = None
    uploads: int = 0

    def get(self, pfad: str, **kw) -> requests.Response:
        return self.seite.get(self.basis + pfad, timeout=TIMEOUT, **kw)

    def get_anonym(self, pfad: str) -> requests.Response:
        return self.anonym.get(self.basis + pfad, timeout=TIMEOUT)

    def api_als(self, rolle: str, methode: str, pfad: str, **kw) -> requests.Response:
        kopf = {"Authorization": f"Token {self.konto[rolle]['token']}"}
        return self.api.request(methode, self.basis + pfad, headers=kopf, timeout=TIMEOUT, **kw)

    def modell(self) -> dict:
        return self.rng.choice(self.modelle)


# --- the mix: what people do, and how often -------------------------------------------------
def _hochladen(c: Client) -> requests.Response:
    """A new model through the API as the Redakteur: a demo file or a generated one."""
    c.uploads += 1
    kennung = f"last {c.konto['kommune']} {c.uploads} {time.time_ns()}"
    if c.rng.random() < 0.5:
        name, daten = c.rng.choice(demo_dateien())
        daten = eindeutig(daten, kennung)
    else:
        name, daten = "erzeugt.bpmn", grosse_datei(kennung, c.rng.choice([5, 40, 200]))
    antwort = c.api_als("redaktion", "POST", "/api/v1/modelle/", files={"datei": (name, daten)})
    if antwort.status_code == 201:
        c.eigene.append((antwort.json()["uuid"], 1))
    return antwort


def _version(c: Client, anhang: str = "") -> requests.Response:
    m = c.modell()
    return c.get(f"/modelle/{m['uuid']}/versionen/{m['nummer']}/{anhang}")


def _leistung(c: Client) -> requests.Response:
    schluessel = [m["leistungsschluessel"] for m in c.modelle if m["leistungsschluessel"]]
    return c.get(f"/leistungen/{c.rng.choice(schluessel or ['99000000000000'])}/")


def _eigenes_modell(c: Client) -> requests.Response:
    if not c.eigene:
        return c.get("/modelle/meine/")
    uuid, _n = c.rng.choice(c.eigene)
    return c.get(f"/modelle/{uuid}/")


def _einschreibung(c: Client) -> requests.Response:
    """Enrol the client's Kommune in the open cohort, or withdraw the enrolment it has."""
    if c.einschreibung is None:
        antwort = c.api_als(
            "admin", "POST", "/api/v1/einschreibungen/", json={"kohorte": c.konto["kohorte"]}
        )
        if antwort.status_code == 201:
            c.einschreibung = antwort.json()["uuid"]
        return antwort
    antwort = c.api_als(
        "admin", "POST", f"/api/v1/einschreibungen/{c.einschreibung}/zurueckziehen/"
    )
    if antwort.status_code == 200:
        c.einschreibung = None
    return antwort


@dataclass(frozen=True)
class Anfrage:
    name: str
    gewicht: int
    ausfuehren: Callable[[Client], requests.Response]
    erwartet: tuple[int, ...] = (200,)
    optional: str | None = None  # a path probed first: 404 → left out of this run


MIX: list[Anfrage] = [
    Anfrage("startseite", 10, lambda c: c.get_anonym("/")),
    Anfrage("startseite_angemeldet", 6, lambda c: c.get("/")),
    Anfrage("katalog", 8, lambda c: c.get("/modelle/"), optional="/modelle/"),
    Anfrage(
        "katalog_suche",
        8,
        lambda c: c.get("/modelle/", params={"q": c.rng.choice(SUCHWORTE)}),
        optional="/modelle/?q=Antrag",
    ),
    Anfrage("modellseite", 14, lambda c: c.get(f"/modelle/{c.modell()['uuid']}/")),
    Anfrage("versionsseite", 5, _version),
    Anfrage("vorschaubild", 10, lambda c: _version(c, "vorschau.png")),
    Anfrage("leistung", 3, _leistung),
    Anfrage("kommunen_suche", 5, lambda c: c.get_anonym(f"/kommunen/?q={c.rng.choice(ORTE)}")),
    Anfrage("schulungen", 4, lambda c: c.get_anonym("/schulungen/")),
    Anfrage("meine_modelle", 3, _eigenes_modell),
    Anfrage("api_modelle", 6, lambda c: c.api_als("redaktion", "GET", "/api/v1/modelle/")),
    Anfrage(
        "api_modell",
        5,
        lambda c: c.api_als("redaktion", "GET", f"/api/v1/modelle/{c.modell()['uuid']}/"),
    ),
    Anfrage(
        "api_kommunen",
        3,
        lambda c: c.api_als("admin", "GET", "/api/v1/kommunen/", params={"q": c.rng.choice(ORTE)}),
    ),
    Anfrage("upload", 3, _hochladen, erwartet=(201,)),
    Anfrage("einschreibung", 2, _einschreibung, erwartet=(200, 201)),
]


# --- running --------------------------------------------------------------------------------
@dataclass
class Messung:
    dauern: dict[str, list[float]] = field(default_factory=dict)
    fehler: dict[str, int] = field(default_factory=dict)
    beispiele: list[str] = field(default_factory=list)
    sperre: threading.Lock = field(default_factory=threading.Lock)

    def eintragen(self, name: str, sekunden: float, fehler: str | None) -> None:
        with self.sperre:
            self.dauern.setdefault(name, []).append(sekunden)
            if fehler:
                self.fehler[name] = self.fehler.get(name, 0) + 1
                if len(self.beispiele) < 20:
                    self.beispiele.append(f"{name}: {fehler}")


def _perzentil(werte: list[float], p: float) -> float:
    geordnet = sorted(werte)
    return geordnet[min(len(geordnet) - 1, max(0, round(p / 100 * (len(geordnet) - 1))))]


def _client_laufen(c: Client, mix: list[Anfrage], ende: float, messung: Messung) -> None:
    gewichte = [a.gewicht for a in mix]
    while time.monotonic() < ende:
        anfrage = c.rng.choices(mix, gewichte)[0]
        beginn = time.perf_counter()
        try:
            antwort = anfrage.ausfuehren(c)
            fehler = None
            if antwort.status_code not in anfrage.erwartet:
                fehler = f"{antwort.request.method} {antwort.url} → {antwort.status_code}"
        except requests.RequestException as exc:
            fehler = f"{type(exc).__name__}: {exc}"
        messung.eintragen(anfrage.name, time.perf_counter() - beginn, fehler)


def _veroeffentlichte(basis: str, token: str) -> list[dict]:
    modelle, url = [], f"{basis}/api/v1/modelle/"
    while url:
        seite = requests.get(url, headers={"Authorization": f"Token {token}"}, timeout=TIMEOUT)
        seite.raise_for_status()
        daten = seite.json()
        for m in daten["results"]:
            if m.get("version"):
                modelle.append(
                    {
                        "uuid": m["uuid"],
                        "nummer": m["version"]["nummer"],
                        "leistungsschluessel": m.get("leistungsschluessel") or "",
                    }
                )
        url = daten.get("next")
    return modelle


def _mix_fuer(basis: str, probe: requests.Session) -> tuple[list[Anfrage], list[str]]:
    mix, fehlt = [], []
    for anfrage in MIX:
        if (
            anfrage.optional
            and probe.get(basis + anfrage.optional, timeout=TIMEOUT).status_code == 404
        ):
            fehlt.append(anfrage.name)
        else:
            mix.append(anfrage)
    return mix, fehlt


def _uploads_abwarten(kommunen: list[str], frist: float) -> dict:
    from modelle.models import Modellversion

    versionen = Modellversion.objects.filter(kommune__ags__in=kommunen)
    beginn = time.monotonic()
    while time.monotonic() < frist:
        if not versionen.exclude(verarbeitung__in=Modellversion.FERTIG).exists():
            break
        time.sleep(0.5)
    gesamt = versionen.count()
    fertig = versionen.filter(verarbeitung__in=["ok", "warnungen"], vorschau__isnull=False)
    return {
        "hochgeladen": gesamt,
        "verarbeitet": fertig.count(),
        "verloren": gesamt - fertig.count(),
        "nachlauf_s": round(time.monotonic() - beginn, 1),
    }


def _vorschau_eines_uploads(basis: str, daten: dict) -> dict:
    """The tallest thumbnail among the run's uploads, fetched as its Redakteur's page does."""
    from modelle.models import Modellversion

    konten = {k["kommune"]: k for k in daten["konten"]}
    version = (
        Modellversion.objects.filter(kommune__ags__in=konten, vorschau__isnull=False)
        .select_related("modell__kommune")
        .order_by("-vorschau__hoehe")
        .first()
    )
    if version is None:
        return {"gezeichnet": False}
    redaktion = konten[version.modell.kommune.ags]["redaktion"]["name"]
    session = anmelden(basis, redaktion, daten["passwort"])
    return vorschau_pruefen(session, basis, str(version.modell.uuid), version.nummer)


def _einzeln(c: Client, mix: list[Anfrage], wiederholungen: int = 5) -> dict[str, float]:
    """Each request type alone, one after the other: the server's own time, without queueing
    (the difference to the figures under load is waiting for a free worker)."""
    ergebnis = {}
    for anfrage in mix:
        if anfrage.name in {"upload", "einschreibung"}:
            continue  # writes: measured under load only, so the run's counts stay exact
        dauern = []
        for _ in range(wiederholungen):
            beginn = time.perf_counter()
            anfrage.ausfuehren(c)
            dauern.append(time.perf_counter() - beginn)
        ergebnis[anfrage.name] = round(_perzentil(dauern, 50) * 1000, 1)
    return ergebnis


def ausfuehren(clients: int, sekunden: float, seed: int) -> dict:
    stack = ProdLocal("trust", neu=True, demo=True)
    with stack:
        basis = stack.url("").rstrip("/")
        os.environ.update(stack.umgebung())
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        daten = json.loads(
            stack.python(str(ROOT / "bench" / "stackdaten.py"), "--kommunen", str(clients)).stdout
        )
        modelle = _veroeffentlichte(basis, daten["konten"][0]["redaktion"]["token"])
        anmeldung_beginn = time.monotonic()
        with ThreadPoolExecutor(clients) as pool:
            sessions = list(
                pool.map(
                    lambda k: anmelden(basis, k["leser"]["name"], daten["passwort"]),
                    daten["konten"],
                )
            )
        anmeldung_s = time.monotonic() - anmeldung_beginn
        rng = random.Random(seed)
        liste = [
            Client(basis, {**k, "kohorte": daten["kohorte"]}, s, random.Random(rng.random()),
                   modelle)
            for k, s in zip(daten["konten"], sessions, strict=True)
        ]  # fmt: skip
        mix, nicht_vorhanden = _mix_fuer(basis, sessions[0])
        einzeln = _einzeln(liste[0], mix)
        last_vorher = os.getloadavg()[0]
        messung = Messung()
        beginn = time.monotonic()
        ende = beginn + sekunden
        with ThreadPoolExecutor(clients) as pool:
            for c in liste:
                pool.submit(_client_laufen, c, mix, ende, messung)
        dauer = time.monotonic() - beginn
        last_nachher = os.getloadavg()[0]
        uploads = _uploads_abwarten([k["kommune"] for k in daten["konten"]], time.monotonic() + 300)
        vorschau = _vorschau_eines_uploads(basis, daten)
        bestand = stack.manage("pruefe_bestand", check=False).returncode
    anzahl = sum(len(v) for v in messung.dauern.values())
    fehler = sum(messung.fehler.values())
    je_typ = {
        name: {
            "anzahl": len(werte),
            "fehler": messung.fehler.get(name, 0),
            "p50_ms": round(_perzentil(werte, 50) * 1000, 1),
            "p95_ms": round(_perzentil(werte, 95) * 1000, 1),
            "max_ms": round(max(werte) * 1000, 1),
            "einzeln_p50_ms": einzeln.get(name),
        }
        for name, werte in sorted(messung.dauern.items())
    }
    verletzt = [
        meldung
        for gilt, meldung in [
            (fehler == 0, f"{fehler} fehlerhafte Antworten, z. B. {messung.beispiele[:3]}"),
            (uploads["verloren"] == 0, f"{uploads['verloren']} Uploads nicht verarbeitet"),
            (vorschau["gezeichnet"], f"Vorschaubild ohne Zeichnung: {vorschau}"),
            (bestand == 0, "pruefe_bestand meldet Probleme"),
        ]
        if not gilt
    ]
    return {
        "name": "last",
        "ok": not verletzt,
        "probleme": verletzt,
        "clients": clients,
        "sekunden": round(dauer, 1),
        "anfragen": anzahl,
        "fehler": fehler,
        "anfragen_pro_s": round(anzahl / dauer, 1),
        "je_typ": je_typ,
        "uploads": uploads,
        "vorschau": vorschau,
        "pruefe_bestand_exit": bestand,
        "anmeldung_s": round(anmeldung_s, 1),
        "nicht_vorhanden": nicht_vorhanden,
        "fehlerbeispiele": messung.beispiele,
        # Other work on the machine shows in every figure: the load average says how much.
        "maschine": {
            "cpus": os.cpu_count(),
            "loadavg_1min": [round(last_vorher, 1), round(last_nachher, 1)],
            "gunicorn_workers": int(stack.umgebung().get("GUNICORN_WORKERS", 3)),
            "celery_prozesse": stack.worker_prozesse,
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--sekunden", type=float, default=60)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--out", default=str(ROOT / "var" / "trust" / "last.json"))
    args = parser.parse_args()
    ergebnis = ausfuehren(args.clients, args.sekunden, args.seed)
    text = json.dumps(ergebnis, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n")
    return 0 if ergebnis["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
