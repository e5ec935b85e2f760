"""Celery tasks of the register. They take ids and call a service; nothing else happens here."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from prozessbibliothek.auftraege import VORUEBERGEHEND

from .services import aehnlichkeit, benachrichtigung
from .services.verarbeitung import haengende_versionen_einreihen, version_verarbeiten


@shared_task(
    name="modelle.tasks.verarbeite_version",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=VORUEBERGEHEND,
    retry_backoff=5,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=settings.VERARBEITUNG_SOFT_TIME_LIMIT,
    time_limit=settings.VERARBEITUNG_HARD_TIME_LIMIT,
)
def verarbeite_version(version_id: int) -> str | None:
    return version_verarbeiten(version_id=version_id)


@shared_task(name="modelle.tasks.haengende_versionen_einreihen")
def haengende_einreihen() -> int:
    return haengende_versionen_einreihen()


@shared_task(name="modelle.tasks.freigabe_mitteilen", autoretry_for=VORUEBERGEHEND, max_retries=5,
             retry_backoff=10)  # fmt: skip
def freigabe_mitteilen(version_id: int, anlass: str) -> int:
    return benachrichtigung.freigabe_mitteilen(version_id=version_id, anlass=anlass)


@shared_task(name="modelle.tasks.kommentar_mitteilen", autoretry_for=VORUEBERGEHEND, max_retries=5,
             retry_backoff=10)  # fmt: skip
def kommentar_mitteilen(kommentar_id: int) -> int:
    return benachrichtigung.kommentar_mitteilen(kommentar_id=kommentar_id)


@shared_task(name="modelle.tasks.nachnutzer_benachrichtigen", autoretry_for=VORUEBERGEHEND,
             max_retries=5, retry_backoff=10)  # fmt: skip
def nachnutzer_benachrichtigen(version_id: int) -> int:
    return benachrichtigung.nachnutzer_benachrichtigen(version_id=version_id)


@shared_task(name="modelle.tasks.aehnliche_berechnen", autoretry_for=VORUEBERGEHEND, max_retries=5,
             retry_backoff=10, soft_time_limit=settings.VERARBEITUNG_SOFT_TIME_LIMIT,
             time_limit=settings.VERARBEITUNG_HARD_TIME_LIMIT)  # fmt: skip
def aehnliche_berechnen(modell_id: int) -> int:
    return aehnlichkeit.aehnliche_berechnen(modell_id=modell_id)
