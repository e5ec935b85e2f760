"""Demo cohorts for `make run`: a living calendar for a newcomer (never for production).

The programme's rounds are named by the year they start. The two finished rounds 2022/23 and
2023/24 keep their real dates and have recordings. The running and the open round are placed
relative to *today*, so that whenever the demo is loaded there is a round in progress (with dates
this month, past ones with recordings for late joiners) and a round open for enrolment (with a
full list and a waitlist) – fixed dates like "2024/25 open" would already be history.

Written directly through the ORM (not the services) so loading the demo sends no e-mails;
idempotent: a cohort that exists already is left alone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from kommunen.models import Kommune

from .models import Benennung, Einschreibung, Kohorte, Teilnahme, Veranstaltung

BERLIN = ZoneInfo("Europe/Berlin")
ONLINE = "https://konferenz.akademie.example/prozessmanagement"
STUTTGART = "Akademie, Hohenheimer Straße 12, 70184 Stuttgart, Raum 2.14"

# (days after the cohort's start, hour, minutes, duration h, typ, format, title, capacity)
PROGRAMM = [
    (0, 9, 30, 6, "auftakt", "praesenz", "Auftakt: Prozessmanagement in der Kommune", None),
    (14, 10, 0, 2.5, "schulung", "online", "Grundlagen Prozessmanagement", None),
    (35, 10, 0, 2.5, "schulung", "online", "BPMN 2.0 lesen und modellieren", None),
    (56, 9, 0, 6, "workshop", "praesenz", "Workshop Prozesslandkarte", 24),
    (84, 14, 0, 2, "training", "online", "Training: Modellieren im Werkzeug", 20),
    (112, 10, 0, 2, "netzwerktreffen", "online", "Netzwerktreffen: Nachnutzung von Modellen", None),
    (147, 9, 0, 6, "workshop", "praesenz", "Workshop Prozesse optimieren und messen", 24),
    (182, 13, 0, 4, "netzwerktreffen", "praesenz", "Abschlusstreffen und Ergebnisse", None),
]


def _runde(jahr: int) -> str:
    return f"Kohorte {jahr}/{str(jahr + 1)[-2:]}"


def _kommune(ags: str) -> Kommune:
    return Kommune.objects.get(ags=ags)


def _nutzer(username: str):
    return get_user_model().objects.filter(username=username).first()


def _kohorte(jahr: int, start: date, status: str, max_kommunen: int, log) -> Kohorte | None:
    name = _runde(jahr)
    if Kohorte.objects.filter(name=name).exists():
        return None
    kohorte = Kohorte.objects.create(
        name=name,
        jahr=jahr,
        beschreibung=(
            "Ein Jahr Prozessmanagement im Netzwerk: Schulungen, Workshops und Trainings, "
            "dazu Netzwerktreffen mit den anderen Kommunen. Jede Kommune bringt zwei bis vier "
            "Mitarbeitende mit."
        ),
        beginn=start,
        ende=start + timedelta(days=200),
        anmeldeschluss=start - timedelta(days=21),
        max_kommunen=max_kommunen,
        status=status,
    )
    jetzt = timezone.now()
    for tage, h, m, dauer, typ, fmt, titel, kap in PROGRAMM:
        tag = start + timedelta(days=tage)
        while tag.weekday() >= 5:  # events on working days
            tag += timedelta(days=1)
        beginn = datetime.combine(tag, time(h, m), tzinfo=BERLIN)
        ende = beginn + timedelta(hours=dauer)
        vorbei = ende < jetzt
        slug = titel.lower().split(":")[0].replace(" ", "-")
        Veranstaltung.objects.create(
            kohorte=kohorte,
            typ=typ,
            titel=titel,
            beschreibung="Mit Übungen an echten Verfahren aus den Kommunen.",
            beginn=beginn,
            ende=ende,
            format=fmt,
            ort_oder_link=ONLINE if fmt == "online" else STUTTGART,
            kapazitaet=kap,
            aufzeichnung_url=(
                f"https://video.akademie.example/{jahr}/{slug}"
                if vorbei and fmt == "online"
                else ""
            ),
            material=(
                f"Folien: https://material.akademie.example/{jahr}/{slug}.pdf" if vorbei else ""
            ),
        )
    log(f"  {name}: {kohorte.get_status_display()}, {len(PROGRAMM)} Termine")
    return kohorte


def _einschreiben(kohorte: Kohorte, ags: str, status: str, personen: list[str], nr: int) -> None:
    kommune = _kommune(ags)
    admins = [p for p in personen if p.startswith("admin.")]
    e = Einschreibung.objects.create(
        kohorte=kohorte,
        kommune=kommune,
        status=status,
        ansprechperson=_nutzer(admins[0]) if admins else None,
        # Arrival order: a few hours apart, before the registration deadline.
        angefragt_am=datetime.combine(
            kohorte.anmeldeschluss - timedelta(days=30), time(9), tzinfo=BERLIN
        )
        + timedelta(hours=5 * nr),
        entschieden_am=timezone.now() if status == "bestaetigt" else None,
    )
    if status != "bestaetigt":
        return
    jetzt = timezone.now()
    for i, username in enumerate(personen):
        person = _nutzer(username)
        if person is None:
            continue
        Benennung.objects.create(einschreibung=e, person=person)
        for j, v in enumerate(kohorte.veranstaltungen.all()):
            if v.ende > jetzt:
                stand = "angemeldet"
            else:
                # Mostly present; now and then someone misses a date and catches up later.
                stand = "abwesend" if (i + j) % 5 == 3 else "anwesend"
            Teilnahme.objects.create(veranstaltung=v, person=person, status=stand)


@transaction.atomic
def demo_erzeugen(log=print) -> None:
    """Idempotent: cohorts that exist already are not touched."""
    heute = timezone.localdate()
    log("Demo-Schulungen:")
    runden = []
    k = _kohorte(2022, date(2022, 10, 10), "abgeschlossen", 8, log)
    if k:
        runden.append((k, [
            ("08115003", "bestaetigt", ["admin.boeblingen", "redaktion.boeblingen"]),
            ("08115028", "bestaetigt", ["admin.leonberg", "redaktion.leonberg"]),
            ("08111000", "bestaetigt", ["admin.stuttgart"]),
        ]))  # fmt: skip
    k = _kohorte(2023, date(2023, 10, 9), "abgeschlossen", 8, log)
    if k:
        runden.append((k, [
            ("08115021", "bestaetigt", ["admin.herrenberg"]),
            ("08115045", "bestaetigt", []),
            ("08116019", "bestaetigt", []),
        ]))  # fmt: skip
    # The running round started about two months ago: this month has dates, the past ones
    # have recordings (Böblingen's reader joins late and catches up with them).
    laufend_start = heute - timedelta(days=60)
    k = _kohorte(laufend_start.year, laufend_start, "laufend", 6, log)
    if k:
        runden.append((k, [
            ("08311000", "bestaetigt", ["admin.freiburg"]),
            ("08212000", "bestaetigt", []),
            ("08421000", "bestaetigt", []),
            ("08115003", "bestaetigt", ["leser.boeblingen", "admin.boeblingen"]),
        ]))  # fmt: skip
    # The next round opens for enrolment: full, with a waitlist in arrival order.
    offen_start = date(heute.year + 1, 4, 12) if heute.month >= 3 else date(heute.year, 10, 12)
    while offen_start.weekday() >= 5:
        offen_start += timedelta(days=1)
    k = _kohorte(offen_start.year, offen_start, "offen", 4, log)
    if k:
        runden.append((k, [
            ("08115028", "bestaetigt", ["admin.leonberg"]),
            ("08111000", "bestaetigt", ["admin.stuttgart"]),
            ("08115021", "bestaetigt", ["admin.herrenberg"]),
            ("08115045", "bestaetigt", []),
            ("08116019", "warteliste", []),
            ("08125065", "warteliste", []),
        ]))  # fmt: skip
    for kohorte, einschreibungen in runden:
        for nr, (ags, status, personen) in enumerate(einschreibungen):
            _einschreiben(kohorte, ags, status, personen, nr)
    if not runden:
        log("  (schon vorhanden)")
