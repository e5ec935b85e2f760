"""Benchmark of the register's pipeline: upload request → processed version, with a real worker.

Usage: python bench/pipeline.py CORPUS_DIR [--folder 100] [--concurrency 2] [--out FILE]

Needs PostgreSQL and Redis as CI has them (127.0.0.1:5432 trust, 127.0.0.1:6379). The script
creates a fresh database `pb_bench`, migrates it, starts a Celery worker process on Redis db 12 and
then measures:

- `latency`: each MIWG reference model (`miwg/Reference/*.bpmn`), one after the other, POSTed to
  `/api/v1/modelle/` (Django's request handling in this process: multipart parsing, checks,
  storing, enqueueing) until the worker has saved the result (the database shows a final state);
  p50/p95/max per file.
- `folder`: a folder of `--folder` distinct corpus files through `manage.py importiere_modelle`
  (the operator's way in, the same services), from the command's start until the worker has
  finished every version: wall time and files per second.

Output: one JSON object on stdout (and in --out). Never part of the tests' pass/fail.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = "pb_bench"
os.environ.update(
    DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DB}",
    REDIS_URL="redis://127.0.0.1:6379/12",
    DEBUG="1",
    DJANGO_SETTINGS_MODULE="prozessbibliothek.settings",
    CELERY_EAGER="0",
)


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))]


def _frische_datenbank() -> None:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
        c.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        c.execute(f"CREATE DATABASE {DB}")
    subprocess.run(["redis-cli", "-n", "12", "flushdb"], check=True, capture_output=True)


def _worker(concurrency: int, medien: str) -> subprocess.Popen:
    env = {**os.environ, "MEDIA_ROOT": medien}
    return subprocess.Popen(
        [str(ROOT / ".venv/bin/celery"), "-A", "prozessbibliothek", "worker",
         f"--concurrency={concurrency}", "--loglevel=WARNING", "--without-gossip",
         "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _warte_bis_fertig(ids: list[int], grenze: float = 600) -> float:
    from modelle.models import Modellversion

    ende = time.monotonic() + grenze
    while time.monotonic() < ende:
        offen = Modellversion.objects.filter(pk__in=ids).exclude(
            verarbeitung__in=Modellversion.FERTIG
        )
        if not offen.exists():
            return time.perf_counter()
        time.sleep(0.005)
    raise SystemExit(f"Worker wurde in {grenze} s nicht fertig")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--folder", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    miwg = args.corpus / "miwg" if (args.corpus / "miwg").is_dir() else args.corpus

    _frische_datenbank()
    medien = tempfile.mkdtemp(prefix="pb-bench-media-")
    os.environ["MEDIA_ROOT"] = medien
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    from kommunen.models import Benutzer, Kommune, Mitgliedschaft, Rolle
    from modelle.models import Modellversion

    kommunen = list(Kommune.objects.filter(ags__in=["08115003", "08115028"]).order_by("ags"))
    Kommune.objects.filter(pk__in=[k.pk for k in kommunen]).update(ist_mitglied=True)
    user = Benutzer.objects.create_user("bench", "bench@example.org", "x")
    for k in kommunen:
        Mitgliedschaft.objects.create(user=user, kommune=k, rolle=Rolle.BEARBEITEN)

    worker = _worker(args.concurrency, medien)
    try:
        time.sleep(4)  # worker start-up, not measured
        client = Client()
        client.force_login(user)
        latenzen = []
        for pfad in sorted((miwg / "Reference").glob("*.bpmn")):
            start = time.perf_counter()
            with pfad.open("rb") as f:
                antwort = client.post("/api/v1/modelle/", {"datei": f, "kommune": kommunen[0].ags})
            if antwort.status_code != 201:
                continue  # e.g. a duplicate within the reference set
            nummer = antwort.json()["versionen"][0]["uuid"]
            vid = Modellversion.objects.get(uuid=nummer).pk
            latenzen.append((_warte_bis_fertig([vid]) - start) * 1000)

        ordner = Path(tempfile.mkdtemp(prefix="pb-bench-folder-"))
        gesehen: set[bytes] = set()
        for pfad in sorted(miwg.rglob("*-export.bpmn")):
            if len(gesehen) >= args.folder:
                break
            daten = pfad.read_bytes()
            if daten in gesehen or b"<!DOCTYPE" in daten[:2000]:
                continue
            gesehen.add(daten)
            (ordner / f"{len(gesehen):03d}.bpmn").write_bytes(daten)
        vorher = set(Modellversion.objects.values_list("pk", flat=True))
        start = time.perf_counter()
        # Some corpus files are refused (the command then exits 1); they are not counted.
        with open(os.devnull, "w") as leer, contextlib.suppress(SystemExit):
            call_command("importiere_modelle", str(ordner), kommune=kommunen[1].ags, stdout=leer)
        neu = list(Modellversion.objects.exclude(pk__in=vorher).values_list("pk", flat=True))
        ende = _warte_bis_fertig(neu)
        shutil.rmtree(ordner)
        ordner_sekunden = ende - start
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        shutil.rmtree(medien, ignore_errors=True)

    zustaende = dict(
        Modellversion.objects.values_list("verarbeitung").annotate(n=django.db.models.Count("id"))
    )
    ergebnis = {
        "benchmark": "pipeline",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "worker_concurrency": args.concurrency,
        "latency": {
            "files": len(latenzen),
            "p50_ms": round(_percentile(latenzen, 50), 1),
            "p95_ms": round(_percentile(latenzen, 95), 1),
            "max_ms": round(max(latenzen), 1),
        },
        "folder": {
            "files": len(neu),
            "seconds": round(ordner_sekunden, 2),
            "files_per_second": round(len(neu) / ordner_sekunden, 1),
        },
        "final_states": zustaende,
    }
    text = json.dumps(ergebnis, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")


if __name__ == "__main__":
    main()
