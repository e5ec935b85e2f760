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
