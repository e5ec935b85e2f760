"""The pipeline through a real Celery worker on Redis and PostgreSQL, including a killed worker.

Runs only in CI's worker stage (`CELERY_WORKER_TEST=1`): `.ci/run` starts the worker on this run's
test database and exports its process id as CELERY_WORKER_PID.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from bpmn_bau import prozess
from django.conf import settings

from modelle import eingang, services
from modelle.models import Darstellung, Modellversion

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]
V = Modellversion.Verarbeitung


@pytest.fixture
def speicher(settings):
    """Overrides the temporary storage of tests/modelle: the worker process reads the files from
    the MEDIA_ROOT it was started with, the default one."""
    return Path(settings.MEDIA_ROOT)


def _warte(version_id: int, zustaende, sekunden: float = 60, takt: float = 0.05) -> Modellversion:
    ende = time.monotonic() + sekunden
    while time.monotonic() < ende:
        version = Modellversion.objects.get(pk=version_id)
        if version.verarbeitung in zustaende:
            return version
        time.sleep(takt)
    pytest.fail(f"Version {version_id} erreichte {zustaende} nicht in {sekunden} s")


def _kinder(pid: int) -> list[int]:
    kinder = []
    for eintrag in Path("/proc").iterdir():
        if eintrag.name.isdigit():
            try:
                stat = (eintrag / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                kinder.append(int(eintrag.name))
    return kinder


def test_upload_wird_vom_worker_verarbeitet(redakteur_a, kommune_a):
    assert not settings.CELERY_TASK_ALWAYS_EAGER, "dieser Test braucht den echten Worker"
    version = services.modell_anlegen(
        user=redakteur_a, kommune=kommune_a, datei=eingang.datei_pruefen("w.bpmn", prozess("W"))
    )
    fertig = _warte(version.pk, Modellversion.FERTIG)
    assert (fertig.verarbeitung, fertig.verarbeitung_versuche) == (V.OK, 1)
    assert Darstellung.objects.filter(version=version).count() == 1


def test_sigkill_mitten_in_der_verarbeitung_verliert_nichts(redakteur_a, kommune_a):
    # GIVEN a large model that takes the worker a moment to analyse
    haupt = int(os.environ["CELERY_WORKER_PID"])
    # 5,000 steps: over a second of work, under the 50,000-element cap of `parse`.
    gross = prozess("Groß", tuple(f"Schritt {i}" for i in range(5000)))
    version = services.modell_anlegen(
        user=redakteur_a, kommune=kommune_a, datei=eingang.datei_pruefen("gross.bpmn", gross)
    )
    # WHEN the worker's pool processes are killed (SIGKILL) while it runs
    _warte(version.pk, {V.LAEUFT}, takt=0.01)
    kinder = _kinder(haupt)
    assert kinder, "keine Pool-Prozesse des Workers gefunden"
    for pid in kinder:
        os.kill(pid, signal.SIGKILL)
    # THEN the message comes back, the version is processed on the second attempt, once
    fertig = _warte(version.pk, Modellversion.FERTIG, sekunden=120)
    # (warnungen: the toolkit's size bounds note what a model this large leaves undrawn)
    assert fertig.verarbeitung == V.WARNUNGEN, fertig.verarbeitung_grund
    assert {b["rule"] for b in fertig.befunde} == {"limit"}
    assert fertig.verarbeitung_versuche == 2
    assert Darstellung.objects.filter(version=version).count() == 1
    assert fertig.kennzahlen["counts"]["tasks"]["total"] == 5000
