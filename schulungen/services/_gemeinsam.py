"""Shared by the service modules: permission gate, cohort lock, task queue, Berlin dates."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from kommunen import permissions
from prozessbibliothek.fehler import NichtGefunden

from ..models import Einschreibung, Kohorte, Teilnahme

ES = Einschreibung.Status
TS = Teilnahme.Status
BERLIN = ZoneInfo("Europe/Berlin")


def nur_koordination(user) -> None:
    # Coordination pages do not exist for anyone else: 404, not 403.
    if not permissions.ist_koordination(user):
        raise NichtGefunden


def gesperrt(kohorte: Kohorte) -> Kohorte:
    """The cohort's row, locked until the transaction ends (see the lock order in __init__)."""
    return Kohorte.objects.select_for_update().get(pk=kohorte.pk)


def einreihen(task_name: str, *args) -> None:
    """Enqueue a task once the transaction commits. Only ids go in (JSON)."""
    # Imported when called: tasks import the services, not the other way round.
    from .. import tasks

    getattr(tasks, task_name).delay_on_commit(*args)


def datum(dt: datetime) -> str:
    return f"{timezone.localtime(dt, BERLIN):%d.%m.%Y}"
