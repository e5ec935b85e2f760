"""CSV exports for the coordination that Excel opens with umlauts intact (UTF-8 BOM, ';').

Who appears follows the one membership rule: a person removed from the Kommune (or whose account
or Kommune left) is neither a named participant nor a row of the attendance list.
"""

from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from django.utils import timezone

from .models import Benennung, Einschreibung, Kohorte
from .selectors import benennungen_der_kohorte, teilnahmen_gueltig

BERLIN = ZoneInfo("Europe/Berlin")


def _csv(zeilen: list[list]) -> bytes:
    puffer = io.StringIO()
    writer = csv.writer(puffer, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    for zeile in zeilen:
        # A leading = + - @ would run as a formula in Excel: defuse it.
        writer.writerow(
            ["'" + w if isinstance(w, str) and w[:1] in ("=", "+", "-", "@") else w for w in zeile]
        )
    return puffer.getvalue().encode("utf-8-sig")


def _zeit(dt) -> str:
    return f"{timezone.localtime(dt, BERLIN):%d.%m.%Y %H:%M}" if dt else ""


def einschreibungen_csv(kohorte: Kohorte) -> bytes:
    zeilen = [["Kommune", "AGS", "Status", "angefragt am", "entschieden am", "Ansprechperson",
               "E-Mail", "Teilnehmende"]]  # fmt: skip
    benannt: dict[int, list[str]] = {}
    for b in (
        Benennung.objects.gueltig()
        .filter(einschreibung__kohorte=kohorte)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    ):
        benannt.setdefault(b.einschreibung_id, []).append(b.person.anzeigename())
    qs = (
        Einschreibung.objects.filter(kohorte=kohorte)
        .select_related("kommune", "ansprechperson")
        .order_by("angefragt_am", "id")
    )
    for e in qs:
        ap = e.ansprechperson
        zeilen.append([
            e.kommune.name,
            e.kommune.ags,
            e.get_status_display(),
            _zeit(e.angefragt_am),
            _zeit(e.entschieden_am),
            ap.anzeigename() if ap else "",
            ap.email if ap else "",
            ", ".join(benannt.get(e.pk, [])),
        ])  # fmt: skip
    return _csv(zeilen)


def anwesenheit_csv(kohorte: Kohorte) -> bytes:
    zeilen = [["Veranstaltung", "Art", "Beginn", "Person", "E-Mail", "Kommune", "Status"]]
    kommunen = {b.person_id: b.einschreibung.kommune.name for b in benennungen_der_kohorte(kohorte)}
    qs = (
        teilnahmen_gueltig()
        .filter(veranstaltung__kohorte=kohorte)
        .select_related("veranstaltung", "person")
        .order_by("veranstaltung__beginn", "person__last_name", "person__first_name")
    )
    for t in qs:
        v = t.veranstaltung
        zeilen.append([
            v.titel,
            v.get_typ_display(),
            _zeit(v.beginn),
            t.person.anzeigename(),
            t.person.email,
            kommunen.get(t.person_id, ""),
            t.get_status_display(),
        ])  # fmt: skip
    return _csv(zeilen)
