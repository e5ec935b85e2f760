"""Shared fixtures: the three-actor pattern (members of A and B, admin of A, coordination)."""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from kommunen.models import Kommune, Kreis, Mitgliedschaft, Rolle
from kommunen.stammdaten import stammdaten_laden

PASSWORT = "Test-Passwort-2026!"
_zaehler = itertools.count(1)


@pytest.fixture
def make_user(db):
    def make(username: str | None = None, *, koordination: bool = False, **extra):
        n = next(_zaehler)
        username = username or f"person{n}"
        user = get_user_model().objects.create_user(
            username=username,
            email=extra.pop("email", f"{username}@example.org"),
            password=PASSWORT,
            first_name=extra.pop("first_name", "Vorname"),
            last_name=extra.pop("last_name", f"Nachname{n}"),
            ist_koordination=koordination,
            **extra,
        )
        return user

    return make


@pytest.fixture
def make_mitglied(make_user):
    def make(kommune: Kommune, rolle: str = Rolle.LESEN, **kwargs):
        user = make_user(**kwargs)
        Mitgliedschaft.objects.create(user=user, kommune=kommune, rolle=rolle)
        return user

    return make


@pytest.fixture
def stammdaten(db):
    """All Kreise and Kommunen. The data migration loads them, but a transactional test before
    this one may have flushed the tables: load them again then."""
    if Kommune.objects.count() < 1104:
        stammdaten_laden(Kreis, Kommune)


@pytest.fixture
def kommune_a(stammdaten) -> Kommune:
    """Böblingen, a member Kommune."""
    k = Kommune.objects.get(ags="08115003")
    k.ist_mitglied = True
    k.save()
    return k


@pytest.fixture
def kommune_b(stammdaten) -> Kommune:
    """Leonberg, another member Kommune."""
    k = Kommune.objects.get(ags="08115028")
    k.ist_mitglied = True
    k.save()
    return k


@pytest.fixture
def admin_a(make_mitglied, kommune_a):
    return make_mitglied(kommune_a, Rolle.VERWALTEN, username="admin_a")


@pytest.fixture
def mitglied_a(make_mitglied, kommune_a):
    return make_mitglied(kommune_a, Rolle.LESEN, username="mitglied_a")


@pytest.fixture
def redakteur_a(make_mitglied, kommune_a):
    return make_mitglied(kommune_a, Rolle.BEARBEITEN, username="redakteur_a")


@pytest.fixture
def admin_b(make_mitglied, kommune_b):
    return make_mitglied(kommune_b, Rolle.VERWALTEN, username="admin_b")


@pytest.fixture
def mitglied_b(make_mitglied, kommune_b):
    return make_mitglied(kommune_b, Rolle.LESEN, username="mitglied_b")


@pytest.fixture
def koordinator(make_user):
    return make_user("koordinatorin", koordination=True)


@pytest.fixture
def client_als(client):
    """client_als(user) → the test client logged in as that user."""

    def als(user):
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return als


def pytest_collection_modifyitems(config, items):
    import os

    if os.environ.get("CELERY_WORKER_TEST") == "1":
        return
    skip = pytest.mark.skip(reason="braucht einen laufenden Celery-Worker (CELERY_WORKER_TEST=1)")
    for item in items:
        if "celery_worker" in item.keywords:
            item.add_marker(skip)


_BEGINN = time.time()


def pytest_terminal_summary(terminalreporter):
    """The one-line JSON summaries the trust checks wrote in this run (var/trust/*.json), also
    from xdist workers, whose own output is not shown."""
    ordner = Path(__file__).resolve().parent.parent / "var" / "trust"
    zeilen = [
        p.read_text().strip()
        for p in sorted(ordner.glob("*.json"))
        if p.stat().st_mtime >= _BEGINN and p.stem in ("rechtematrix", "fuzz")
    ]
    if zeilen:
        terminalreporter.write_sep("-", "trust")
        for zeile in zeilen:
            terminalreporter.write_line(zeile)
