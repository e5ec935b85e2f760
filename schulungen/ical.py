"""iCalendar (RFC 5545) for single events and the personal feed.

Times are written as local Europe/Berlin times with a TZID and the matching VTIMEZONE, so a
calendar shows 10:00 on both sides of the daylight-saving change.
"""

from __future__ import annotations

from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Teilnahme, Veranstaltung

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Prozessbibliothek Baden-Württemberg//Schulungen//DE"


def _event(v: Veranstaltung, *, mit_aufzeichnung: bool, teilnahme: Teilnahme | None) -> Event:
    e = Event()
    e.add("uid", f"veranstaltung-{v.uuid}@prozessbibliothek")
    e.add("dtstamp", timezone.now())
    e.add("dtstart", timezone.localtime(v.beginn, BERLIN))
    e.add("dtend", timezone.localtime(v.ende, BERLIN))
    e.add("summary", f"{v.titel} ({v.get_typ_display()}, {v.kohorte.name})")
    link = settings.SITE_URL + reverse("schulungen_veranstaltung", args=[v.uuid])
    e.add("url", link)
    if v.ort_oder_link:
        e.add("location", v.ort_oder_link)
    teile = [v.beschreibung] if v.beschreibung else []
    teile.append(f"Format: {v.get_format_display()}")
    if mit_aufzeichnung and v.aufzeichnung_url:
        teile.append(f"Aufzeichnung: {v.aufzeichnung_url}")
    if mit_aufzeichnung and v.material:
        teile.append(f"Material: {v.material}")
    teile.append(link)
    e.add("description", "\n\n".join(teile))
    e.add("categories", [v.get_typ_display()])
    wartet = teilnahme is not None and teilnahme.status == Teilnahme.Status.WARTELISTE
    e.add("status", "TENTATIVE" if wartet else "CONFIRMED")
    return e


def kalender(
    veranstaltungen: Iterable[Veranstaltung],
    *,
    name: str,
    zugang: set[int] | None = None,
    teilnahmen: dict[int, Teilnahme] | None = None,
    alle_aufzeichnungen: bool = False,
) -> bytes:
    """A VCALENDAR with one VEVENT per event and the VTIMEZONE for Europe/Berlin."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    zugang = zugang or set()
    teilnahmen = teilnahmen or {}
    for v in veranstaltungen:
        cal.add_component(
            _event(
                v,
                mit_aufzeichnung=alle_aufzeichnungen or v.kohorte_id in zugang,
                teilnahme=teilnahmen.get(v.pk),
            )
        )
    cal.add_missing_timezones()
    return cal.to_ical()
