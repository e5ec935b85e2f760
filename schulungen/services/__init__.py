"""Every write about cohorts, events, enrolments and attendance.

Services check permission themselves, run in a transaction and write the audit log. They raise
`NichtGefunden` for what the user may not see and `ValidationError` with a German message for a
refused request (prozessbibliothek/fehler.py); one place turns them into responses. `user` is
always the person acting (the logged-in account); `person` is someone in a domain role (named
participant, holder of a place, owner of a calendar feed).

Capacity: every write that can change who holds a place locks the cohort's row
(`select_for_update`) first and then counts, so two requests at the same moment cannot both take
the last place. Locking always the Kohorte (never an event first) keeps the lock order fixed.
A membership removal (kommunen) holds Mitgliedschaft rows and then locks Kohorten here; nothing
in this package locks Mitgliedschaft rows, so that order cannot be reversed.

Tasks import these services; services enqueue tasks only through `_gemeinsam.einreihen`, which
imports the tasks module when it runs (one direction at import time).
"""

from .einschreibungen import (
    ENTSCHEIDUNGEN,
    einschreibung_anfragen,
    einschreibung_entscheiden,
    einschreibung_zurueckziehen,
)
from .kohorten import (
    KOHORTE_FELDER,
    VERANSTALTUNG_FELDER,
    kohorte_aendern,
    kohorte_erstellen,
    veranstaltung_aendern,
    veranstaltung_erstellen,
)
from .teilnahmen import (
    anwesenheit_erfassen,
    benennungen_beenden,
    erinnerungen_senden,
    kalender_abo_erneuern,
    teilnehmende_festlegen,
)

__all__ = [
    "ENTSCHEIDUNGEN",
    "KOHORTE_FELDER",
    "VERANSTALTUNG_FELDER",
    "anwesenheit_erfassen",
    "benennungen_beenden",
    "einschreibung_anfragen",
    "einschreibung_entscheiden",
    "einschreibung_zurueckziehen",
    "erinnerungen_senden",
    "kalender_abo_erneuern",
    "kohorte_aendern",
    "kohorte_erstellen",
    "teilnehmende_festlegen",
    "veranstaltung_aendern",
    "veranstaltung_erstellen",
]
