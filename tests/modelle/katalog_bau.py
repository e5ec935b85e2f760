"""Models for the catalog's tests, made only through the services (upload, processing, review,
publication), so the catalog's derived columns are filled the way production fills them."""

from __future__ import annotations

import itertools

import pytest
from bpmn_bau import mit_befund, prozess
from django.test import TestCase

from modelle import eingang, services
from modelle.models import Modellversion, Prozessmodell
from modelle.services import freigabe

_nr = itertools.count(1)


def _eager(fn, *args, wer, **kwargs):
    """Run a service as `wer`, and what it enqueues on commit (tasks run eagerly in tests): a
    test's transaction never commits, so the on-commit work is pushed here."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return fn(*args, user=wer, **kwargs)


def datei(titel: str, schritte: tuple[str, ...] = ("Antrag prüfen",), *, befund=False):
    n = next(_nr)
    daten = mit_befund(titel) if befund else prozess(titel, schritte, variante=f"{titel}-{n}")
    if befund:
        daten = daten.replace(b"<bpmn:process", f"<!-- {n} -->\n<bpmn:process".encode(), 1)
    return eingang.datei_pruefen(f"modell-{n}.bpmn", daten)


def modell(redakteur, kommune, titel: str, schritte=("Antrag prüfen",), *, befund=False,
           **metadaten) -> Prozessmodell:  # fmt: skip
    """A new, processed model (version 1 as draft)."""
    version = _eager(
        services.modell_anlegen,
        wer=redakteur,
        kommune=kommune,
        datei=datei(titel, schritte, befund=befund),
        metadaten={"titel": titel, **metadaten},
    )
    return Prozessmodell.objects.get(pk=version.modell_id)


def neue_version(redakteur, m: Prozessmodell, schritte: tuple[str, ...]) -> Modellversion:
    """A new processed draft version with these steps."""
    return _eager(
        services.version_hochladen, wer=redakteur, modell=m, datei=datei(m.titel, schritte)
    )


def veroeffentlichen(redakteur, admin, m: Prozessmodell, nummer: int | None = None):
    """Review and publish (four eyes: the Redakteur sends, the admin publishes)."""
    version = (
        m.versionen.order_by("-nummer").first()
        if nummer is None
        else m.versionen.get(nummer=nummer)
    )
    _eager(freigabe.zur_pruefung_geben, wer=redakteur, version=version)
    _eager(freigabe.freigeben, wer=admin, version=version)
    return Prozessmodell.objects.get(pk=m.pk)


def veroeffentlicht(redakteur, admin, kommune, titel: str, schritte=("Antrag prüfen",),
                    **metadaten) -> Prozessmodell:  # fmt: skip
    return veroeffentlichen(redakteur, admin, modell(redakteur, kommune, titel, schritte,
                                                     **metadaten))  # fmt: skip


def nachnutzen(redakteur, kommune, original: Prozessmodell) -> Prozessmodell:
    """A copy in another Kommune of the original's published version, via the reuse service,
    renamed "… (nachgenutzt)" so tests can tell it from the original."""
    version = _eager(
        services.nachnutzen,
        wer=redakteur,
        version=original.veroeffentlichte_version,
        kommune=kommune,
    )
    kopie = Prozessmodell.objects.get(pk=version.modell_id)
    _eager(
        services.modell_aendern,
        wer=redakteur,
        modell=kopie,
        daten={"titel": f"{original.titel} (nachgenutzt)"},
    )
    return Prozessmodell.objects.get(pk=kopie.pk)


def archivieren(admin, m: Prozessmodell) -> None:
    _eager(freigabe.modell_archivieren, wer=admin, modell=m)


@pytest.fixture(autouse=True)
def eigener_cache(settings):
    """The catalog caches its counts. Each test gets its own empty in-process cache: with a
    shared Redis (the PostgreSQL run) parallel test processes would clear or fill it midway."""
    from django.core.cache import cache

    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "katalog-tests",
        }
    }
    cache.clear()
