"""Similar processes at scale: the worker's list computation on a large register.

Usage: DATABASE_URL=postgres://…/pb_scale .venv/bin/python bench/aehnlichkeit_skala.py [--anzahl 30]

Needs a database filled by `manage.py seed_scale --modelle 100000` (every model of one kind shares
its kind's fingerprint and bands: thousands of candidates per model, the worst case for the band
lookup, capped by the service). Times `aehnliche_berechnen` for randomly chosen published models
(band lookup, exact ranking of the candidates, storing the top list, putting the model into its
candidates' lists) and reading a model page's list as a member. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prozessbibliothek.settings")
os.environ.setdefault("DEBUG", "1")


def _p(werte: list[float], q: float) -> float:
    geordnet = sorted(werte)
    return round(geordnet[min(len(geordnet) - 1, round(q / 100 * (len(geordnet) - 1)))], 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--anzahl", type=int, default=30)
    args = parser.parse_args()
    import django

    django.setup()
    from kommunen.models import Mitgliedschaft
    from modelle import selectors
    from modelle.models import Band, Prozessmodell
    from modelle.services.aehnlichkeit import aehnliche_berechnen

    ids = list(
        Prozessmodell.objects.filter(veroeffentlichte_version__isnull=False)
        .order_by("?")
        .values_list("pk", flat=True)[: args.anzahl]
    )
    rechnen, lesen, laengen = [], [], []
    leser = Mitgliedschaft.objects.select_related("user").first().user
    for pk in ids:
        start = time.perf_counter()
        laengen.append(aehnliche_berechnen(modell_id=pk))
        rechnen.append((time.perf_counter() - start) * 1000)
        modell = Prozessmodell.objects.get(pk=pk)
        start = time.perf_counter()
        selectors.aehnliche_modelle(leser, modell)
        lesen.append((time.perf_counter() - start) * 1000)
    print(json.dumps({
        "benchmark": "aehnlichkeit_skala",
        "modelle": Prozessmodell.objects.count(),
        "baender": Band.objects.count(),
        "gemessen": len(ids),
        "berechnen_ms": {"p50": _p(rechnen, 50), "p95": _p(rechnen, 95),
                         "mittel": round(statistics.mean(rechnen), 1)},
        "liste_lesen_ms": {"p50": _p(lesen, 50), "p95": _p(lesen, 95)},
        "listenlaenge_mittel": round(statistics.mean(laengen), 1),
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main()
