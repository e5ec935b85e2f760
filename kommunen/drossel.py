"""A small rate limit: at most N events per key within a time window.

Counted in the database (`Drosselung`), not the cache: every process sees the same counts without
Redis, and a test's transaction takes its counts with it. Only a hash of the key is stored. Once a
key reached its limit, nothing more is stored for it, so a flood does not grow the table; expired
rows are removed on the way.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .models import Drosselung


def _schluessel(art: str, wert: str) -> str:
    return hashlib.sha256(f"{art}\x00{wert}".encode()).hexdigest()


def zulassen(*, art: str, wert: str, grenze: int, fenster: timedelta) -> bool:
    """Count one event of `art` for `wert`; False (and nothing counted) once `grenze` events
    were counted within `fenster`."""
    schluessel = _schluessel(art, wert)
    jetzt = timezone.now()
    with transaction.atomic():
        Drosselung.objects.filter(ablauf__lte=jetzt).delete()
        if Drosselung.objects.filter(schluessel=schluessel).count() >= grenze:
            return False
        Drosselung.objects.create(schluessel=schluessel, ablauf=jetzt + fenster)
    return True
