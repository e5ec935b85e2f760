"""The e-mail path through a real Celery worker: broker (Redis) → worker process → SMTP stand-in.

Runs only in CI's worker stage (`CELERY_WORKER_TEST=1`), where `.ci/run` starts a worker whose
EMAIL_BACKEND writes files into EMAIL_FILE_PATH and whose database is this run's test database.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from django.conf import settings

from kommunen.models import Rolle
from schulungen import services
from schulungen.models import Einschreibung

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _warte_auf_mail(verzeichnis: Path, text: str, sekunden: float = 60) -> str:
    ende = time.monotonic() + sekunden
    while time.monotonic() < ende:
        for datei in verzeichnis.glob("*.log"):
            inhalt = datei.read_text(encoding="utf-8", errors="replace")
            if text in inhalt:
                return inhalt
        time.sleep(0.5)
    pytest.fail(f"Keine E-Mail mit {text!r} vom Worker in {verzeichnis} nach {sekunden} s")


def test_bestaetigung_kommt_vom_worker(make_kohorte, make_mitglied, kommune_a):
    assert not settings.CELERY_TASK_ALWAYS_EAGER, "dieser Test braucht den echten Worker"
    admin = make_mitglied(kommune_a, Rolle.VERWALTEN, email="anna@boeblingen.example")
    kohorte = make_kohorte(name="Kohorte Worker-Test", max_kommunen=1)

    einschreibung = services.einschreibung_anfragen(user=admin, kommune=kommune_a, kohorte=kohorte)

    assert einschreibung.status == Einschreibung.Status.BESTAETIGT
    mail = _warte_auf_mail(Path(os.environ["EMAIL_FILE_PATH"]), "Kohorte Worker-Test")
    assert "anna@boeblingen.example" in mail
    assert "ist bestätigt" in mail
