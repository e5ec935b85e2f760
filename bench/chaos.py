"""Worker chaos on the production shape: nothing uploaded is lost or processed twice.

Usage: python bench/chaos.py [--anzahl 50] [--runden 10] [--out var/trust/chaos.json]

Starts the production shape (bench/prodlocal.py, profile `trust`: gunicorn, Celery worker and
beat on PostgreSQL + Redis, production settings) on an empty database, then

1. uploads `--anzahl` models through the HTTP API as a Redakteur with a token, and while the
   worker processes them SIGKILLs it `--runden` times, alternately one pool process (as the
   kernel's OOM killer does) and the main process (as a crashed or killed container — its pool
   processes notice and end, the service is restarted). Killed pool processes are replaced by
   the main process, their message is rejected back to the queue (`reject_on_worker_lost`); the
   messages a killed main process held return after the visibility timeout, shortened here to
   20 s by `CELERY_VISIBILITY_TIMEOUT` (660 s in production); the beat sweep for versions left
   `wartend` runs every 10 s instead of 5 min. A kill waits until the previous one let at least
   one version finish, and spares a version already hit once, so no version reaches the three
   attempts that end in `fehler` — that limit is phase 2;
2. uploads one more model and kills every pool process whenever that model is being processed —
   the stand-in for a file that makes the worker exceed its memory limit each time (the kernel's
   OOM killer sends the same SIGKILL; `WORKER_SPEICHERGRENZE_MB` turns a plain allocation into
   a MemoryError instead, which is an explained `fehler` at the first attempt). After three
   attempts the version must end as `fehler` with its reason.

Then it checks every version in the database: processed exactly once (a final state, saved once
— its `verarbeitet_am` never changes after it was first seen final —, one drawing per diagram,
one thumbnail, attempts counted), none lost, no orphan file in storage, `pruefe_bestand` clean,
and one thumbnail fetched over HTTP actually shows a drawing. Prints one JSON object (also to
`--out`); exit code 1 if anything was lost, duplicated or wrong.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prodlocal import ROOT, ProdLocal
from stackhttp import (
    anmelden,
    bpmn_dateien,
    grosse_datei,
    hochladen,
    vorschau_pruefen,
)

UMGEBUNG = {
    "CELERY_VISIBILITY_TIMEOUT": "20",
    "HAENGENDE_VERSIONEN_TAKT_SEKUNDEN": "10",
    # Longer than the queue of this run takes to drain: only a really lost message is sent again.
    "HAENGENDE_VERSIONEN_NACH_SEKUNDEN": "90",
}
ZEITLIMIT = 600


def _django(stack: ProdLocal) -> None:
    """This process reads the stack's database with its settings (as an operator would)."""
    os.environ.update(stack.umgebung())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


class Beobachter:
    """Polls the versions of one Kommune; remembers when each was first seen final."""

    def __init__(self, kommune_ags: str) -> None:
        from modelle.models import Modellversion

        self.qs = Modellversion.objects.filter(kommune__ags=kommune_ags)
        self.fertig_seit: dict[int, object] = {}

    def stand(self) -> list[dict]:
        from modelle.models import Modellversion

        zeilen = list(
            self.qs.values("pk", "verarbeitung", "verarbeitung_versuche", "verarbeitet_am")
        )
        for z in zeilen:
            if z["verarbeitung"] in Modellversion.FERTIG:
                self.fertig_seit.setdefault(z["pk"], z["verarbeitet_am"])
        return zeilen


class Chaos:
    def __init__(self, stack: ProdLocal, rng: random.Random) -> None:
        self.stack = stack
        self.rng = rng
        self.kills = {"pool": 0, "haupt": 0}
        self.neustarts = 0

    def pool_prozess_toeten(self, alle: bool = False) -> int:
        kinder = self.stack.worker_kinder()
        opfer = kinder if alle else [self.rng.choice(kinder)] if kinder else []
        for pid in opfer:
            os.kill(pid, signal.SIGKILL)
        self.kills["pool"] += len(opfer)
        # The main process forks replacements; wait for a full pool before going on.
        self.stack.worker_bereit()
        return len(opfer)

    def hauptprozess_toeten(self) -> None:
        haupt = self.stack.pid("worker")
        if haupt is None:
            return
        os.kill(haupt, signal.SIGKILL)
        self.kills["haupt"] += 1
        # Its pool processes end on their own once they notice; what is left is ended with the
        # service, as a container runtime does; then the service is started again.
        self.stack.dienst_beenden("worker", warten=5)
        self.stack.worker_starten()
        self.stack.worker_bereit()
        self.neustarts += 1


def _phase_uploads(stack, chaos, beobachter, token, dateien, runden, frist) -> dict:
    basis = stack.url("")
    with ThreadPoolExecutor(4) as pool:
        antworten = [pool.submit(hochladen, basis, token, name, daten) for name, daten in dateien]
        letzte_runde = time.monotonic()
        fertig_bei_letzter_runde = -1
        runde = 0
        while time.monotonic() < frist:
            zeilen = beobachter.stand()
            fertig = len(beobachter.fertig_seit)
            hochgeladen = all(a.done() for a in antworten)
            if hochgeladen and fertig == len(zeilen) and zeilen:
                break
            laufend = [z for z in zeilen if z["verarbeitung"] == "laeuft"]
            if (
                runde < runden
                and laufend
                and all(z["verarbeitung_versuche"] < 2 for z in laufend)
                and fertig > fertig_bei_letzter_runde
                and time.monotonic() - letzte_runde > 0.5
            ):
                if runde % 2 == 0:
                    chaos.pool_prozess_toeten()
                else:
                    chaos.hauptprozess_toeten()
                runde += 1
                letzte_runde = time.monotonic()
                fertig_bei_letzter_runde = fertig
            time.sleep(0.02)
        status = [a.result().status_code for a in antworten]
    return {
        "runden": runde,
        "hochgeladen": status.count(201),
        "upload_fehler": len(status) - status.count(201),
    }


def _phase_giftdatei(stack, chaos, token, frist) -> dict:
    from modelle.models import Modellversion

    # Any valid file will do (the kills make it poison); a large one runs long enough (~1 s)
    # to be caught while it runs.
    daten = grosse_datei(f"gift {time.time_ns()}")
    antwort = hochladen(stack.url(""), token, "gift.bpmn", daten, titel="Giftdatei")
    if antwort.status_code != 201:
        return {"ok": False, "upload": antwort.status_code}
    version = Modellversion.objects.get(modell__uuid=antwort.json()["uuid"])
    kills = 0
    while time.monotonic() < frist:
        v = Modellversion.objects.get(pk=version.pk)
        if v.verarbeitung in Modellversion.FERTIG:
            break
        # Once per attempt: kill while it runs, then wait for the next claim.
        if v.verarbeitung == "laeuft" and v.verarbeitung_versuche == kills + 1:
            chaos.pool_prozess_toeten(alle=True)
            kills += 1
        time.sleep(0.01)
    v = Modellversion.objects.get(pk=version.pk)
    ok = (v.verarbeitung, v.verarbeitung_versuche, kills) == ("fehler", 3, 3)
    return {
        "ok": ok and "3-mal abgebrochen" in v.verarbeitung_grund,
        "kills": kills,
        "verarbeitung": v.verarbeitung,
        "versuche": v.verarbeitung_versuche,
        "grund": v.verarbeitung_grund,
    }


def _pruefen(stack, beobachter, ausser: set[int]) -> dict:
    from modelle.bestand import bestand_pruefen
    from modelle.models import Modellversion, Prozessmodell

    versionen = list(
        beobachter.qs.exclude(pk__in=ausser)
        .select_related("modell")
        .prefetch_related("darstellungen")
    )
    ok_zustaende = {"ok", "warnungen"}
    verloren = [v.pk for v in versionen if v.verarbeitung not in Modellversion.FERTIG]
    falsch = [
        v.pk for v in versionen if v.pk not in verloren and v.verarbeitung not in ok_zustaende
    ]
    doppelt = [
        v.pk
        for v in versionen
        if v.pk in beobachter.fertig_seit and v.verarbeitet_am != beobachter.fertig_seit[v.pk]
    ]
    zeichnungen_falsch = [v.pk for v in versionen if len(v.darstellungen.all()) != len(v.diagramme)]
    ohne_vorschau = [
        v.pk for v in versionen if v.verarbeitung in ok_zustaende and not hasattr(v, "vorschau")
    ]
    modelle = Prozessmodell.objects.filter(versionen__in=versionen).distinct().count()
    versuche: dict[str, int] = {}
    for v in versionen:
        versuche[str(v.verarbeitung_versuche)] = versuche.get(str(v.verarbeitung_versuche), 0) + 1
    bestand = bestand_pruefen(mindestalter=timedelta(0))
    verwaist = [p.objekt for p in bestand.probleme if p.art == "verwaist"]
    kommando = stack.manage("pruefe_bestand", check=False)
    return {
        "versionen": len(versionen),
        "modelle": modelle,
        "verloren": len(verloren),
        "doppelt": len(doppelt) + len(zeichnungen_falsch) + (len(versionen) - modelle),
        "nicht_ok": len(falsch),
        "ohne_vorschau": len(ohne_vorschau),
        "versuche": dict(sorted(versuche.items())),
        "ohne_versuch": sum(1 for v in versionen if v.verarbeitung_versuche < 1),
        "verwaiste_dateien": len(verwaist),
        "pruefe_bestand_exit": kommando.returncode,
        "beispiele": {
            "verloren": verloren[:5],
            "doppelt": doppelt[:5],
            "nicht_ok": falsch[:5],
            "zeichnungen": zeichnungen_falsch[:5],
        },
    }


def ausfuehren(anzahl: int, runden: int, seed: int) -> dict:
    beginn = time.monotonic()
    frist = beginn + ZEITLIMIT
    stack = ProdLocal("trust", neu=True, demo=False, umgebung=UMGEBUNG)
    with stack:
        _django(stack)
        konten = json.loads(
            stack.python(str(ROOT / "bench" / "stackdaten.py"), "--kommunen", "1",
                         "--praefix", "chaos").stdout
        )  # fmt: skip
        konto = konten["konten"][0]
        token = konto["redaktion"]["token"]
        beobachter = Beobachter(konto["kommune"])
        chaos = Chaos(stack, random.Random(seed))
        dateien = bpmn_dateien(anzahl, kennung=f"chaos {time.time_ns()}")
        uploads = _phase_uploads(stack, chaos, beobachter, token, dateien, runden, frist)
        kills_phase1 = dict(chaos.kills)
        gift = _phase_giftdatei(stack, chaos, token, frist)
        from modelle.models import Modellversion

        gift_pk = set(
            Modellversion.objects.filter(modell__titel="Giftdatei").values_list("pk", flat=True)
        )
        pruefung = _pruefen(stack, beobachter, ausser=gift_pk)
        session = anmelden(stack.url(""), konto["redaktion"]["name"], konten["passwort"])
        # The tallest thumbnail: a real process picture, not a one-line strip.
        beispiel = (
            beobachter.qs.exclude(pk__in=gift_pk)
            .filter(verarbeitung__in=["ok", "warnungen"])
            .select_related("modell")
            .order_by("-vorschau__hoehe")
            .first()
        )
        vorschau = (
            vorschau_pruefen(session, stack.url(""), str(beispiel.modell.uuid), beispiel.nummer)
            if beispiel
            else {"gezeichnet": False}
        )
    verletzt = [
        meldung
        for gilt, meldung in [
            (uploads["upload_fehler"] == 0, f"{uploads['upload_fehler']} Uploads abgelehnt"),
            (pruefung["versionen"] == anzahl, f"{pruefung['versionen']} von {anzahl} Versionen"),
            (pruefung["verloren"] == 0, f"{pruefung['verloren']} Versionen nicht fertig"),
            (pruefung["doppelt"] == 0, f"{pruefung['doppelt']} doppelt verarbeitet"),
            (pruefung["nicht_ok"] == 0, f"{pruefung['nicht_ok']} nicht ok/warnungen"),
            (pruefung["ohne_vorschau"] == 0, f"{pruefung['ohne_vorschau']} ohne Vorschaubild"),
            (pruefung["ohne_versuch"] == 0, f"{pruefung['ohne_versuch']} ohne gezählten Versuch"),
            (
                pruefung["verwaiste_dateien"] == 0,
                f"{pruefung['verwaiste_dateien']} verwaiste Dateien",
            ),
            (pruefung["pruefe_bestand_exit"] == 0, "pruefe_bestand meldet Probleme"),
            (gift["ok"], f"Giftdatei endete nicht nach 3 Versuchen als fehler: {gift}"),
            (vorschau["gezeichnet"], f"Vorschaubild ohne Zeichnung: {vorschau}"),
        ]
        if not gilt
    ]
    return {
        "name": "chaos",
        "ok": not verletzt,
        "probleme": verletzt,
        "runden": uploads["runden"],
        "kills": kills_phase1,
        "neustarts": chaos.neustarts,
        "hochgeladen": uploads["hochgeladen"],
        "upload_fehler": uploads["upload_fehler"],
        **pruefung,
        "giftdatei": gift,
        "vorschau": vorschau,
        "umgebung": UMGEBUNG,
        "dauer_s": round(time.monotonic() - beginn, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--anzahl", type=int, default=50)
    parser.add_argument("--runden", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--out", default=str(ROOT / "var" / "trust" / "chaos.json"))
    args = parser.parse_args()
    ergebnis = ausfuehren(args.anzahl, args.runden, args.seed)
    text = json.dumps(ergebnis, ensure_ascii=False, indent=2, default=str)
    print(text)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text + "\n")
    return 0 if ergebnis["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
