"""Bildung: Kita-Platzvergabe."""

from __future__ import annotations

from ..modell import Modell


def kita_ulm(v: int) -> Modell:
    """Central allocation of childcare places once a year, with conditions on the flows."""
    m = Modell("kita-platzvergabe-ulm", "Vergabe von Kita-Plätzen")
    m.pool("Pool_Eltern", "Eltern")
    m.pool(
        "Pool_Ulm",
        "Stadt Ulm",
        process="Process_Kita",
        lanes=(
            ("Lane_Vormerkung", "Zentrale Vormerkung Kindertagesbetreuung", 3),
            ("Lane_Kita", "Kita-Leitung", 1),
        ),
    )
    zv, kl, e = "Lane_Vormerkung", "Lane_Kita", "Pool_Eltern"
    m.n("start_msg", "Start_Vormerkung", "Vormerkung im Portal", zv, 0, 1)
    m.n("user", "Task_Pruefen", "Vormerkung prüfen (Alter, Wohnsitz)", zv, 1, 1)
    m.n("xor", "Gw_Gueltig", "Vormerkung gültig?", zv, 2, 1)
    m.n("send", "Task_Ablehnen", "Vormerkung ablehnen", zv, 2, 0)
    m.n("end", "End_Ungueltig", "Vormerkung abgelehnt", zv, 3, 0)
    m.n(
        "catch_timer",
        "Timer_Stichtag",
        "Stichtag der Vergaberunde",
        zv,
        3,
        1,
        frist="R/2024-03-01T00:00:00/P1Y",
    )
    m.n(
        "rule",
        "Task_Vergabe",
        "Plätze nach Kriterien verteilen",
        zv,
        4,
        1,
        doc=(
            "Kriterien nach den Vergaberichtlinien: Geschwisterkind in der Einrichtung, "
            "Berufstätigkeit oder Ausbildung der Eltern, besondere Härte, Alter des Kindes."
        ),
    )
    m.n("xor", "Gw_Platz", "Platz frei?", zv, 5, 1)
    m.n("service", "Task_Warteliste", "Im Portal auf die Warteliste setzen", zv, 5, 2)
    m.n("end", "End_Warteliste", "Kind auf der Warteliste", zv, 6, 2)
    m.n("send", "Task_Angebot", "Platzangebot senden", zv, 6, 1)
    m.n("event_gw", "Gw_Antwort", "", zv, 7, 1)
    m.n("catch_msg", "Catch_Zusage", "Zusage der Eltern", zv, 8, 1)
    m.n("catch_timer", "Timer_Antwort", "Zwei Wochen ohne Antwort", zv, 8, 2, frist="P14D")
    m.n("user", "Task_Nachruecken", "Platz an das nächste Kind vergeben", zv, 9, 2)
    m.n("end", "End_Verfallen", "Angebot verfallen", zv, 10, 2)
    m.n("manual", "Task_Vertrag", "Betreuungsvertrag schließen", kl, 9)
    m.n("user", "Task_Eingewoehnung", "Eingewöhnung planen", kl, 10)
    m.n("end", "End_Belegt", "Platz belegt", kl, 11)
    m.chain("Start_Vormerkung", "Task_Pruefen", "Gw_Gueltig")
    m.flow("Gw_Gueltig", "Task_Ablehnen", "nein", default=True)
    m.flow("Gw_Gueltig", "Timer_Stichtag", "ja", condition="${vormerkung.gueltig}")
    m.flow("Task_Ablehnen", "End_Ungueltig")
    m.chain("Timer_Stichtag", "Task_Vergabe", "Gw_Platz")
    m.flow("Gw_Platz", "Task_Angebot", "ja", condition="${platz != null}")
    m.flow("Gw_Platz", "Task_Warteliste", "nein", default=True)
    m.flow("Task_Warteliste", "End_Warteliste")
    m.chain(
        "Task_Angebot",
        "Gw_Antwort",
        "Catch_Zusage",
        "Task_Vertrag",
        "Task_Eingewoehnung",
        "End_Belegt",
    )
    m.chain("Gw_Antwort", "Timer_Antwort", "Task_Nachruecken", "End_Verfallen")
    m.data("Data_Liste", "Vormerkliste", zv, 4, 0, reads=("Task_Vergabe",))
    m.message(e, "Start_Vormerkung", "Vormerkung")
    m.message("Task_Ablehnen", e, "Ablehnung")
    m.message("Task_Angebot", e, "Angebot")
    m.message(e, "Catch_Zusage", "Zusage")
    return m


MODELLE = {
    "kita-platzvergabe-ulm": (kita_ulm, 1),
}
