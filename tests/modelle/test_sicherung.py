"""Backup and restore (`.ci/backup`, `.ci/restore`): a restored register is whole.

PostgreSQL only (pg_dump/pg_restore); the scripts run as the operator runs them, as processes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from modelle.models import Modellversion

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
    pytest.skip(
        "Sicherung und Wiederherstellung brauchen PostgreSQL (DATABASE_URL=postgres://…)",
        allow_module_level=True,
    )

ROOT = Path(__file__).resolve().parents[2]


def _url(name: str) -> str:
    d = connection.settings_dict
    anmeldung = d["USER"] + (f":{d['PASSWORD']}" if d["PASSWORD"] else "")
    return f"postgresql://{anmeldung}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{name}"


def _skript(name: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    umgebung = {**os.environ, **env}
    return subprocess.run(
        [str(ROOT / ".ci" / name), *args], env=umgebung, capture_output=True, text=True
    )


def _pruefe_bestand(database_url: str, media_root: Path) -> subprocess.CompletedProcess:
    umgebung = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEDIA_ROOT", "REDIS_URL"}
    }
    umgebung.update(DATABASE_URL=database_url, MEDIA_ROOT=str(media_root), DEBUG="1", TESTING="0")
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "pruefe_bestand"],
        cwd=ROOT,
        env=umgebung,
        capture_output=True,
        text=True,
    )


@pytest.fixture
def frische_datenbank():
    name = f"{connection.settings_dict['NAME']}_wiederhergestellt"
    with psycopg.connect(_url("postgres"), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    yield name
    with psycopg.connect(_url("postgres"), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_wiederhergestellter_bestand_ist_vollstaendig(
    redakteur_a, kommune_a, modell_von, speicher, tmp_path, frische_datenbank
):
    # GIVEN a register with two processed models and their files
    eins = modell_von(redakteur_a, kommune_a, "Hundesteuer anmelden")
    zwei = modell_von(redakteur_a, kommune_a, "Gewerbe anmelden")
    quelle = _url(connection.settings_dict["NAME"])

    # WHEN it is backed up and restored into a new database and an empty folder
    sicherung = tmp_path / "sicherung"
    gesichert = _skript("backup", str(sicherung), DATABASE_URL=quelle, MEDIA_ROOT=str(speicher))
    assert gesichert.returncode == 0, gesichert.stderr
    ziel_medien = tmp_path / "wiederhergestellt"
    ziel = _url(frische_datenbank)
    zurueck = _skript("restore", str(sicherung), DATABASE_URL=ziel, MEDIA_ROOT=str(ziel_medien))
    assert zurueck.returncode == 0, zurueck.stderr

    # THEN the consistency check finds it whole: every file there, every checksum right
    bestand = _pruefe_bestand(ziel, ziel_medien)
    assert bestand.returncode == 0, bestand.stdout + bestand.stderr
    assert "Modellversionen: 2 (Dateien gelesen und Prüfsummen verglichen)" in bestand.stdout
    with psycopg.connect(ziel) as c:
        zeilen = c.execute(
            "SELECT uuid::text, sha256, verarbeitung FROM modelle_modellversion ORDER BY id"
        ).fetchall()
        assert zeilen == [
            (str(v.uuid), v.sha256, v.verarbeitung)
            for v in Modellversion.objects.filter(pk__in=[eins.pk, zwei.pk]).order_by("pk")
        ]
        # … and its history is still protected: the immutability trigger came back too.
        with pytest.raises(psycopg.errors.IntegrityConstraintViolation):
            c.execute("UPDATE modelle_modellversion SET sha256 = repeat('0', 64)")


def test_wiederherstellung_ueberschreibt_nichts(speicher, tmp_path, kommune_a):
    # GIVEN a backup
    sicherung = tmp_path / "sicherung"
    quelle = _url(connection.settings_dict["NAME"])
    assert (
        _skript("backup", str(sicherung), DATABASE_URL=quelle, MEDIA_ROOT=str(speicher)).returncode
        == 0
    )
    # WHEN it is restored into the database in use THEN the script refuses and changes nothing
    ergebnis = _skript(
        "restore", str(sicherung), DATABASE_URL=quelle, MEDIA_ROOT=str(tmp_path / "leer")
    )
    assert ergebnis.returncode == 1
    assert "Wiederherstellen nur in eine leere" in ergebnis.stderr
    # … and a damaged backup is refused before anything is touched
    (sicherung / "medien.tar.gz").write_bytes(b"kaputt")
    ergebnis = _skript("restore", str(sicherung), DATABASE_URL=_url("pb_nie_angelegt"))
    assert ergebnis.returncode == 1
    assert "unvollständig oder beschädigt" in ergebnis.stderr
