"""Celery tasks: take ids (JSON), call the services and mail functions, nothing else.

Running one twice does no harm: mails about a row that is gone are skipped, reminders are
claimed once per place.
"""

from __future__ import annotations

from celery import shared_task

from . import mitteilungen, services


@shared_task(ignore_result=True)
def einschreibung_mitteilen(einschreibung_id: int, anlass: str) -> None:
    mitteilungen.einschreibung_mitteilen(einschreibung_id=einschreibung_id, anlass=anlass)


@shared_task(ignore_result=True)
def teilnahme_nachgerueckt(teilnahme_id: int) -> None:
    mitteilungen.teilnahme_nachgerueckt(teilnahme_id=teilnahme_id)


@shared_task(ignore_result=True)
def erinnerungen_senden() -> int:
    """Daily: remind everyone with a place in an event that starts tomorrow (Berlin date)."""
    return services.erinnerungen_senden()
