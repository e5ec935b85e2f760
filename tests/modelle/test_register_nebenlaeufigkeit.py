"""Version numbers under real concurrency: only meaningful on PostgreSQL (row locks)."""

from __future__ import annotations

import threading

import pytest
from bpmn_bau import prozess
from django.conf import settings
from django.db import connections

from modelle import eingang, services
from modelle.models import Modellversion, Prozessmodell
from prozessbibliothek.fehler import Konflikt

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
    pytest.skip(
        "Nebenläufigkeitstest braucht PostgreSQL (DATABASE_URL=postgres://…)",
        allow_module_level=True,
    )


def _gleichzeitig(aufgaben) -> list[BaseException]:
    start = threading.Barrier(len(aufgaben))
    fehler: list[BaseException] = []

    def lauf(aufgabe):
        try:
            start.wait()
            aufgabe()
        except BaseException as exc:
            fehler.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=lauf, args=(a,)) for a in aufgaben]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return fehler


def test_zwoelf_gleichzeitige_versionen_ohne_luecken(redakteur_a, kommune_a, speicher):
    # GIVEN a model WHEN twelve new versions are uploaded at the same moment
    erste = services.modell_anlegen(
        user=redakteur_a, kommune=kommune_a, datei=eingang.datei_pruefen("v.bpmn", prozess())
    )
    dateien = [
        eingang.datei_pruefen(f"v{i}.bpmn", prozess("Hundesteuer", (f"Schritt {i}",)))
        for i in range(12)
    ]
    fehler = _gleichzeitig([
        lambda d=d: services.version_hochladen(user=redakteur_a, modell=erste.modell, datei=d)
        for d in dateien
    ])  # fmt: skip
    # THEN all are stored with the numbers 2 … 13, each once
    assert fehler == []
    nummern = sorted(
        Modellversion.objects.filter(modell=erste.modell).values_list("nummer", flat=True)
    )
    assert nummern == list(range(1, 14))
    erste.modell.refresh_from_db()
    assert erste.modell.versionen_anzahl == 13


def test_dieselbe_datei_gleichzeitig_wird_einmal_gespeichert(redakteur_a, kommune_a, speicher):
    datei = eingang.datei_pruefen("h.bpmn", prozess("Hundesteuer"))
    fehler = _gleichzeitig([
        lambda: services.modell_anlegen(user=redakteur_a, kommune=kommune_a, datei=datei)
        for _ in range(6)
    ])  # fmt: skip
    assert len(fehler) == 5 and all(isinstance(f, Konflikt) for f in fehler)
    assert Modellversion.objects.count() == 1 and Prozessmodell.objects.count() == 1
    assert sum(1 for p in speicher.rglob("*") if p.is_file()) == 1
