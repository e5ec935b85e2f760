"""Fixtures for the register: files on a temporary storage, models made through the services."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess

from modelle import eingang, services


@pytest.fixture(autouse=True)
def speicher(settings, tmp_path):
    """Every test gets its own empty file storage."""
    # FileSystemStorage follows MEDIA_ROOT changes (setting_changed signal).
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def datei():
    """datei(name, bytes) → a checked upload."""

    def make(name: str = "hundesteuer.bpmn", daten: bytes | None = None) -> eingang.Datei:
        return eingang.datei_pruefen(name, daten if daten is not None else prozess())

    return make


@pytest.fixture
def verarbeitet(django_capture_on_commit_callbacks):
    """verarbeitet(fn, …) → fn(…), then what it enqueued on commit (tasks run eagerly here).

    A test runs inside a transaction that never commits, so on-commit work needs this push."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run


@pytest.fixture
def modell_von(datei, verarbeitet):
    """modell_von(user, kommune, titel=…) → processed version 1 of a new model (via the service)."""

    def make(user, kommune, titel: str = "Hundesteuer anmelden", **metadaten):
        return verarbeitet(
            services.modell_anlegen,
            user=user,
            kommune=kommune,
            datei=datei(f"{titel}.bpmn", prozess(titel, variante=titel)),
            metadaten={"titel": titel, **metadaten},
        )

    return make
