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


def test_zeitgrenzen_der_verarbeitung_kommen_aus_der_umgebung():
    ausgabe = (
        "import django; django.setup(); "
        "from django.conf import settings as s; "
        "from modelle import tasks as t; "
        "print(t.verarbeite_version.soft_time_limit, t.verarbeite_version.time_limit, "
        "t.aehnliche_berechnen.soft_time_limit, t.aehnliche_berechnen.time_limit, "
        "s.CELERY_VISIBILITY_TIMEOUT)"
    )
    umgebung = {
        k: v
        for k, v in os.environ.items()
        if k not in _GESETZT and not k.startswith(("CELERY_", "VERARBEITUNG_"))
    }
    umgebung.update(TESTING="0", DEBUG="1", DJANGO_SETTINGS_MODULE="prozessbibliothek.settings")

    def laden(**env) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", ausgabe], cwd=ROOT, env={**umgebung, **env},
                              capture_output=True, text=True, timeout=60)  # fmt: skip

    # Without a variable: 60 / 90 s for both heavy tasks, the broker waits 2 × 300 + 60 s
    assert laden().stdout.split() == ["60", "90", "60", "90", "660"]
    # An operator who raises them for large models gets them — and a broker that waits longer
    assert laden(
        VERARBEITUNG_SOFT_TIME_LIMIT="500", VERARBEITUNG_HARD_TIME_LIMIT="600"
    ).stdout.split() == ["500", "600", "500", "600", "1260"]
    # A soft limit at or above the hard one would never fire: refused at start
    falsch = laden(VERARBEITUNG_SOFT_TIME_LIMIT="90", VERARBEITUNG_HARD_TIME_LIMIT="90")
    assert falsch.returncode != 0
    assert "VERARBEITUNG_SOFT_TIME_LIMIT must be positive and below" in falsch.stderr
