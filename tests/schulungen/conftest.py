"""Factories for cohorts and events; the people come from tests/conftest.py."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from schulungen.models import Kohorte, Veranstaltung


@pytest.fixture
def make_kohorte(db):
    def make(**felder) -> Kohorte:
        heute = timezone.localdate()
        werte = {
            "name": "Kohorte 2027",
            "jahr": heute.year + 1,
            "beginn": heute + timedelta(days=30),
            "ende": heute + timedelta(days=300),
            "anmeldeschluss": heute + timedelta(days=20),
            "max_kommunen": 5,
            "status": Kohorte.Status.OFFEN,
            "automatisch_bestaetigen": True,
        }
        werte.update(felder)
        return Kohorte.objects.create(**werte)

    return make


@pytest.fixture
def kohorte(make_kohorte) -> Kohorte:
    return make_kohorte()


@pytest.fixture
def make_veranstaltung(db):
    def make(kohorte: Kohorte, **felder) -> Veranstaltung:
        beginn = felder.pop("beginn", timezone.now() + timedelta(days=40))
        werte = {
            "typ": Veranstaltung.Typ.SCHULUNG,
            "titel": "Grundlagen BPMN",
            "beginn": beginn,
            "ende": felder.pop("ende", beginn + timedelta(hours=3)),
            "format": Veranstaltung.Format.ONLINE,
            "ort_oder_link": "https://konferenz.example/raum",
        }
        werte.update(felder)
        return Veranstaltung.objects.create(kohorte=kohorte, **werte)

    return make


@pytest.fixture
def kommunen_mit_admin(stammdaten, make_mitglied):
    """n further member Kommunen, each with its own admin: [(kommune, admin), …]."""
    from kommunen.models import Kommune, Rolle

    def make(n: int):
        paare = []
        for kommune in Kommune.objects.exclude(ags__in=["08115003", "08115028"]).order_by("ags")[
            :n
        ]:
            kommune.ist_mitglied = True
            kommune.save(update_fields=["ist_mitglied"])
            paare.append((kommune, make_mitglied(kommune, Rolle.VERWALTEN)))
        return paare

    return make


@pytest.fixture
def hat_begonnen():
    """Time passes: the event started an hour ago (its places were given while it was coming)."""

    def verschieben(veranstaltung: Veranstaltung) -> Veranstaltung:
        jetzt = timezone.now()
        Veranstaltung.objects.filter(pk=veranstaltung.pk).update(
            beginn=jetzt - timedelta(hours=1), ende=jetzt + timedelta(hours=1)
        )
        veranstaltung.refresh_from_db()
        return veranstaltung

    return verschieben
