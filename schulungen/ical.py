"""iCalendar (RFC 5545) for single events and the personal feed.

Times are written as local Europe/Berlin times with a TZID and the matching VTIMEZONE, so a
calendar shows 10:00 on both sides of the daylight-saving change.

The VTIMEZONE is the short rule form that Google Calendar and Outlook write (summer time from the
last Sunday of March, 02:00, to the last Sunday of October, 03:00; EU rule since 1996). The form
icalendar generates from the zoneinfo database lists every change as RDATEs, which some readers
(vobject) misapply to dates after the list.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from .models import Teilnahme, Veranstaltung
from .selectors import Aufzeichnungszugang

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Prozessbibliothek Baden-Württemberg//Schulungen//DE"


def _vtimezone_berlin() -> Timezone:
    tz = Timezone()
    tz.add("tzid", "Europe/Berlin")
    for art, name, von, nach, beginn, monat in (
        (TimezoneDaylight, "CEST", 1, 2, datetime(1970, 3, 29, 2), 3),
        (TimezoneStandard, "CET", 2, 1, datetime(1970, 10, 25, 3), 10),
    ):
        teil = art()
        teil.add("tzname", name)
        teil.add("tzoffsetfrom", timedelta(hours=von))
        teil.add("tzoffsetto", timedelta(hours=nach))
        teil.add("dtstart", beginn)
        teil.add("rrule", {"freq": "yearly", "bymonth": monat, "byday": "-1SU"})
        tz.add_component(teil)
    return tz


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
    zugang: Aufzeichnungszugang,
    teilnahmen: dict[int, Teilnahme] | None = None,
) -> bytes:
    """A VCALENDAR with the VTIMEZONE for Europe/Berlin and one VEVENT per event; recording
    and material only where `zugang` allows them."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    cal.add_component(_vtimezone_berlin())
    teilnahmen = teilnahmen or {}
    for v in veranstaltungen:
        cal.add_component(
            _event(v, mit_aufzeichnung=zugang.erlaubt(v), teilnahme=teilnahmen.get(v.pk))
        )
    return cal.to_ical()
