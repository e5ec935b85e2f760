"""Settings come from the environment; production refuses unsafe defaults."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from prozessbibliothek.env import env_bool, env_int

ROOT = Path(__file__).resolve().parent.parent
_GESETZT = {"DEBUG", "SECRET_KEY", "CELERY_EAGER", "DATABASE_URL", "REDIS_URL", "ALLOWED_HOSTS"}


_AUSGABE = (
    "from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
)


def _settings_laden(**env) -> subprocess.CompletedProcess:
    umgebung = {k: v for k, v in os.environ.items() if k not in _GESETZT}
    umgebung.update(TESTING="0", DJANGO_SETTINGS_MODULE="prozessbibliothek.settings", **env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            _AUSGABE,
        ],
        cwd=ROOT,
        env=umgebung,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_ohne_debug_kein_start_ohne_echten_secret_key():
    ergebnis = _settings_laden()
    assert ergebnis.returncode != 0
    assert "SECRET_KEY must be set" in ergebnis.stderr


def test_eingebetteter_standard_braucht_keine_variable():
    ergebnis = _settings_laden(DEBUG="1", DATABASE_URL="", REDIS_URL="")
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert ergebnis.stdout.split() == ["django.db.backends.sqlite3", "True"]


def test_database_und_redis_url_schalten_um():
    ergebnis = _settings_laden(
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="portal.example",
        DATABASE_URL="postgres://u@db.example:5432/pb",
        REDIS_URL="redis://cache.example:6379/0",
    )
    assert ergebnis.returncode == 0, ergebnis.stderr
    assert ergebnis.stdout.split() == ["django.db.backends.postgresql", "False"]


@pytest.mark.parametrize("wert", ["vielleicht", "2", "ja bitte"])
def test_env_bool_lehnt_unsinn_ab(monkeypatch, wert):
    monkeypatch.setenv("X_FLAG", wert)
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_FLAG")


def test_env_int_lehnt_unsinn_ab(monkeypatch):
    monkeypatch.setenv("X_ZAHL", "zehn")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_ZAHL", 1)


def test_chaos_einstellungen_fuer_worker_und_sweep():
    ausgabe = (
        "from django.conf import settings as s; "
        "o = s.CELERY_BROKER_TRANSPORT_OPTIONS; "
        "print(o['visibility_timeout'], o['unacked_restore_interval'], "
        "s.CELERY_BEAT_SCHEDULE['modelle-haengende-versionen']['schedule'].total_seconds(), "
        "s.HAENGENDE_VERSIONEN_NACH_SEKUNDEN)"
    )
    umgebung = {
        k: v
        for k, v in os.environ.items()
        if k not in _GESETZT and not k.startswith(("CELERY_", "HAENGENDE_"))
    }
    umgebung.update(TESTING="0", DEBUG="1", DJANGO_SETTINGS_MODULE="prozessbibliothek.settings")

    def laden(**env) -> list[str]:
        ergebnis = subprocess.run(
            [sys.executable, "-c", ausgabe],
            cwd=ROOT,
            env={**umgebung, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert ergebnis.returncode == 0, ergebnis.stderr
        return ergebnis.stdout.split()

    # Production: messages of a killed worker wait 660 s, the sweep runs every 5 minutes.
    assert laden() == ["660", "66", "300.0", "120"]
    assert laden(
        CELERY_VISIBILITY_TIMEOUT="20",
        HAENGENDE_VERSIONEN_TAKT_SEKUNDEN="10",
        HAENGENDE_VERSIONEN_NACH_SEKUNDEN="90",
    ) == ["20", "2", "10.0", "90"]
