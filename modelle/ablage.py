"""Where uploaded BPMN files lie: in the default storage, under a key made from their SHA-256.

The key never contains anything the user sent (no file name, no path), so nothing a user names
can reach another place in the storage. The same bytes get the same key and are stored once; a
stored file is never overwritten, so what a version points to stays what was uploaded.
"""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

PREFIX = "modelle"
# A stored file is read back for processing; more than this is not one of ours.
MAX_LESEN = 10 * 1024 * 1024 + 1


def sha256(daten: bytes) -> str:
    return hashlib.sha256(daten).hexdigest()


def schluessel(sha: str) -> str:
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        raise ValueError("kein SHA-256")
    return f"{PREFIX}/{sha[:2]}/{sha}.bpmn"


def speichern(daten: bytes) -> tuple[str, str, bool]:
    """Store the bytes; returns (key, sha256, newly written). Writes nothing if already there."""
    sha = sha256(daten)
    key = schluessel(sha)
    if default_storage.exists(key):
        return key, sha, False
    gespeichert = default_storage.save(key, ContentFile(daten))
    if gespeichert != key:
        # Two uploads of the same bytes at once: the storage renamed the second; keep the first
        # (same bytes), and this upload did not write it.
        default_storage.delete(gespeichert)
        return key, sha, False
    return key, sha, True


def lesen(key: str) -> bytes:
    with default_storage.open(key, "rb") as f:
        return f.read(MAX_LESEN)


def entfernen(key: str) -> None:
    """Delete a file nobody references (called only when its creating transaction failed)."""
    default_storage.delete(key)


def vorhanden(key: str) -> bool:
    return default_storage.exists(key)
