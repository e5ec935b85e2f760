"""Baugenehmigungsverfahren (two Kommunen) and Baumfällgenehmigung."""

from __future__ import annotations

from ..modell import Modell, versatz

BAUHERR = "Pool_Bauherr"
ANGRENZER = "Pool_Angrenzer"


def bauantrag_herrenberg(v: int) -> Modell:
    """The big one: reception, completeness loop, neighbours, hearing of the departments,
    decision, fees, service of the decision and release of construction. v2 watches the
    deadlines: resubmission deadline, two-month decision deadline, start of construction."""
    m = Modell("bauantrag-herrenberg", "Baugenehmigungsverfahren (Bauantrag)")
    m.pool(BAUHERR, "Bauherr/in (Entwurfsverfasser/in)")
    m.pool(
        "Pool_Herrenberg",
        "Stadt Herrenberg",
        process="Process_Bauantrag",
        lanes=(
            ("Lane_Posteingang", "Bürgerbüro (Posteingang)", 1),
            ("Lane_Baurecht", "Baurechtsamt", 4),
            ("Lane_Fachaemter", "Fachämter (Tiefbau, Feuerwehr)", 1),
            ("Lane_Kasse", "Stadtkasse", 1),
        ),
    )
    m.pool(ANGRENZER, "Angrenzer (Eigentümer der Nachbargrundstücke)")
    pe, br, fa, ka = "Lane_Posteingang", "Lane_Baurecht", "Lane_Fachaemter", "Lane_Kasse"
    T, U, M, L = 0, 1, 2, 3  # rows of the Baurechtsamt: deadlines, loops, main path, lower

    m.n("start_msg", "Start_Eingang", "Bauantrag eingegangen", pe, 0)
    if v == 1:
        m.n("user", "Task_Erfassen", "Eingang erfassen und Akte anlegen", pe, 1)
    else:
        m.n("service", "Task_Erfassen", "Digitale Akte automatisch anlegen", pe, 1)
    m.n("and", "Split_Eingang", "", pe, 2)
    m.n(
        "send",
        "Task_Angrenzer",
        "Angrenzer benachrichtigen",
        pe,
        3,
        doc=(
            "§ 55 Abs. 1 LBO: Benachrichtigung der Eigentümer angrenzender Grundstücke innerhalb "
            "von fünf Arbeitstagen; Einwendungen sind innerhalb von vier Wochen möglich."
        ),
    )
    m.n(
        "catch_timer",
        "Timer_Einwendung",
        "Einwendungsfrist abgelaufen",
        pe,
        4 if v == 1 else 5,
        frist="P28D",
        label="top",
    )
    m.n("user", "Task_Einwendungen", "Einwendungen zur Akte nehmen", pe, 12)
    m.chain("Start_Eingang", "Task_Erfassen", "Split_Eingang", "Task_Angrenzer")
    m.chain("Task_Angrenzer", "Timer_Einwendung", "Task_Einwendungen", "Join_Alle")
    m.flow("Split_Eingang", "Merge_Vollst")
    m.message(BAUHERR, "Start_Eingang", "Bauantrag")
    m.message("Task_Angrenzer", ANGRENZER, "Benachrichtigung")
    # passes left of the join below the task
    m.message(ANGRENZER, "Task_Einwendungen", "Einwendungen", dx=-40)

    # completeness, with the request for missing documents
    m.n("xor", "Merge_Vollst", "", br, 4, M)
    m.n(
        "user",
        "Task_Vollst",
        "Vollständigkeit der Bauvorlagen prüfen",
        br,
        5,
        M,
        doc="Bauvorlagen nach der Verfahrensverordnung zur LBO (LBOVVO).",
    )
    m.n("xor", "Gw_Vollst", "Vollständig?", br, 6, M)
    m.n("send", "Task_Nachfordern", "Fehlende Bauvorlagen nachfordern", br, 6, U)
    m.chain("Merge_Vollst", "Task_Vollst", "Gw_Vollst")
    m.flow("Gw_Vollst", "Task_Nachfordern", "nein")
    m.message("Task_Nachfordern", BAUHERR, "Nachforderung")
    if v == 1:
        m.n("catch_msg", "Catch_Vorlagen", "Bauvorlagen nachgereicht", br, 5, U)
        m.chain("Task_Nachfordern", "Catch_Vorlagen", "Merge_Vollst")
    else:
        m.n("event_gw", "Gw_Warten", "", br, 5, U)
        m.n("catch_msg", "Catch_Vorlagen", "Bauvorlagen nachgereicht", br, 4, U)
        m.n(
            "catch_timer",
            "Timer_Nachreichung",
            "Frist zur Nachreichung abgelaufen",
            br,
            5,
            T,
            frist="P1M",
        )
        m.n("send", "Task_Ruecknahme", "Mitteilen: Antrag gilt als zurückgenommen", br, 7, T)
        m.n("end", "End_Zurueckgenommen", "Antrag zurückgenommen", br, 8, T)
        m.chain("Task_Nachfordern", "Gw_Warten", "Catch_Vorlagen", "Merge_Vollst")
        m.flow("Gw_Warten", "Timer_Nachreichung")
        m.chain("Timer_Nachreichung", "Task_Ruecknahme", "End_Zurueckgenommen")
        m.message("Task_Ruecknahme", BAUHERR, "Mitteilung")
    m.message(BAUHERR, "Catch_Vorlagen", "Bauvorlagen")
    m.data("Data_Bauvorlagen", "Bauvorlagen", br, 5, L, reads=("Task_Vollst",))
    m.note(
        "Note_Vollst",
        "Vollständigkeit binnen 10 Arbeitstagen bestätigen (§ 54 Abs. 1 LBO)",
        br,
        6,
        L,
        target="Task_Vollst",
        w=180,
    )

    # hearing: planning department, the technical departments, the building law check
    m.n("and", "Split_Anhoerung", "", br, 7, M)
    m.n("user", "Task_Einvernehmen", "Stellungnahme der Stadtplanung einholen", br, 8, U)
    m.n(
        "user",
        "Task_Pruefung",
        "Bauplanungs- und Bauordnungsrecht prüfen",
        br,
        8,
        M,
        doc="Planungsrecht (§§ 30–35 BauGB), LBO und LBOAVO, Abstandsflächen, Stellplätze.",
    )
    m.n("user", "Task_Stellungnahme", "Stellungnahme abgeben", fa, 8)
    m.n("xor", "Gw_Befreiung", "Befreiung nötig?", br, 9, M)
    m.n("user", "Task_Befreiung", "Abweichung oder Befreiung prüfen", br, 10, L)
    m.n("xor", "Merge_Befreiung", "", br, 11, M)
    m.n("and", "Join_Anhoerung", "", br, 12, M)
    m.n("and", "Join_Alle", "", br, 13, M)
    m.flow("Gw_Vollst", "Split_Anhoerung", "ja")
    m.flow("Split_Anhoerung", "Task_Einvernehmen")
    m.flow("Split_Anhoerung", "Task_Pruefung")
    m.flow("Split_Anhoerung", "Task_Stellungnahme")
    m.flow("Task_Pruefung", "Gw_Befreiung")
    m.flow("Gw_Befreiung", "Task_Befreiung", "ja")
    m.flow("Gw_Befreiung", "Merge_Befreiung", "nein")
    m.flow("Task_Befreiung", "Merge_Befreiung")
    m.flow("Merge_Befreiung", "Join_Anhoerung")
    m.flow("Task_Einvernehmen", "Join_Anhoerung")
    m.flow("Task_Stellungnahme", "Join_Anhoerung")
    m.flow("Join_Anhoerung", "Join_Alle")

    # decision
    m.n("user", "Task_Entscheiden", "Über den Bauantrag entscheiden", br, 14, M)
    m.n("xor", "Gw_Genehmigung", "Genehmigungsfähig?", br, 15, M)
    m.n("user", "Task_Genehmigung", "Baugenehmigung ausfertigen", br, 16, M)
    m.n("send", "Task_Ablehnung", "Ablehnung begründen und zustellen", br, 16, U)
    m.n("end", "End_Abgelehnt", "Bauantrag abgelehnt", br, 17, U)
    m.chain("Join_Alle", "Task_Entscheiden", "Gw_Genehmigung")
    m.flow("Gw_Genehmigung", "Task_Genehmigung", "ja")
    m.flow("Gw_Genehmigung", "Task_Ablehnung", "nein")
    m.flow("Task_Ablehnung", "End_Abgelehnt")
    m.message("Task_Ablehnung", BAUHERR, "Ablehnung")
    m.data("Data_Genehmigung", "Baugenehmigung", br, 16, L, writes=("Task_Genehmigung",))
    m.note(
        "Note_Frist",
        "Entscheidung binnen zwei Monaten nach Vollständigkeit (§ 54 Abs. 5 LBO)",
        br,
        14,
        T,
        target="Task_Entscheiden",
        w=170,
    )
    if v > 1:
        m.boundary(
            "boundary_timer",
            "Timer_Entscheidung",
            "Zwei Monate ohne Entscheidung",
            "Task_Entscheiden",
            frist="P2M",
            pos=0.85,
            interrupting=False,
        )
        m.n(
            "send",
            "Task_Melden",
            "Fristüberschreitung der Amtsleitung melden",
            br,
            14 + versatz(0.85),
            L,
        )
        m.n("end", "End_Gemeldet", "Amtsleitung informiert", br, 15 + versatz(0.85), L)
        m.chain("Timer_Entscheidung", "Task_Melden", "End_Gemeldet")

    # fees, service of the decision, release of construction
    m.n("user", "Task_Gebuehr", "Gebühr festsetzen und zum Soll stellen", ka, 17)
    m.n("and", "Split_Zustellung", "", br, 18, M)
    m.n("send", "Task_Zustellen", "Baugenehmigung zustellen", br, 19, U)
    m.n("send", "Task_Einwender", "Entscheidung den Einwendern zustellen", br, 19, M)
    m.n("and", "Join_Zustellung", "", br, 20, M)
    m.n("catch_msg", "Catch_Nachweise", "Bautechnische Nachweise eingereicht", br, 21, M)
    m.n("send", "Task_Baufreigabe", "Baufreigabeschein erteilen", br, 22, M)
    m.chain("Task_Genehmigung", "Task_Gebuehr", "Split_Zustellung")
    m.chain("Split_Zustellung", "Task_Zustellen", "Join_Zustellung")
    m.chain("Split_Zustellung", "Task_Einwender", "Join_Zustellung")
    m.chain("Join_Zustellung", "Catch_Nachweise", "Task_Baufreigabe")
    m.message("Task_Zustellen", BAUHERR, "Baugenehmigung")
    m.message("Task_Einwender", ANGRENZER, "Entscheidung")
    m.message(BAUHERR, "Catch_Nachweise", "Nachweise")
    m.message("Task_Baufreigabe", BAUHERR, "Baufreigabe")
    if v == 1:
        m.n("end", "End_Freigegeben", "Bau freigegeben", br, 23, M)
        m.flow("Task_Baufreigabe", "End_Freigegeben")
    else:
        m.n("catch_msg", "Catch_Baubeginn", "Baubeginn angezeigt", br, 23, M)
        m.n("user", "Task_Ueberwachung", "Bauüberwachung einplanen", br, 24, M)
        m.n("end", "End_Freigegeben", "Bau freigegeben und überwacht", br, 25, M)
        m.chain("Task_Baufreigabe", "Catch_Baubeginn", "Task_Ueberwachung", "End_Freigegeben")
        m.message(BAUHERR, "Catch_Baubeginn", "Baubeginnanzeige")
    return m


def bauantrag_karlsruhe(v: int) -> Modell:
    """Variant: simplified procedure (§ 52 LBO) with a service point and the planning office."""
    m = Modell("bauantrag-karlsruhe", "Bauantrag im vereinfachten Verfahren")
    m.pool(BAUHERR, "Bauherrschaft")
    m.pool(
        "Pool_Karlsruhe",
        "Stadt Karlsruhe, Bauordnungsamt",
        process="Process_Bauantrag_KA",
        lanes=(
            ("Lane_Service", "Servicestelle Bauen", 1),
            ("Lane_Planung", "Stadtplanungsamt", 1),
            ("Lane_Sachbearbeitung", "Sachbearbeitung Bauordnung", 2),
        ),
    )
    m.pool(ANGRENZER, "Angrenzende Eigentümer/innen")
    sv, sp, sb = "Lane_Service", "Lane_Planung", "Lane_Sachbearbeitung"
    m.n("start_msg", "Start_Portal", "Bauantrag über das Bauportal eingegangen", sv, 0)
    m.n("user", "Task_Registrieren", "Antrag registrieren, Aktenzeichen vergeben", sv, 1)
    m.n("xor", "Merge_Vollst", "", sb, 2, 1)
    m.n("user", "Task_Vollst", "Bauvorlagen auf Vollständigkeit prüfen", sb, 3, 1)
    m.n("xor", "Gw_Vollst", "Bauvorlagen vollständig?", sb, 4, 1)
    m.n("send", "Task_Nachfordern", "Bauvorlagen nachfordern", sb, 4, 0)
    m.n("catch_msg", "Catch_Vorlagen", "Vorlagen eingegangen", sb, 3, 0)
    m.flow("Start_Portal", "Task_Registrieren")
    m.flow("Task_Registrieren", "Merge_Vollst", route="vh")
    m.chain("Merge_Vollst", "Task_Vollst", "Gw_Vollst")
    m.flow("Gw_Vollst", "Task_Nachfordern", "nein")
    m.chain("Task_Nachfordern", "Catch_Vorlagen", "Merge_Vollst")
    m.n("and", "Split_Beteiligung", "", sb, 5, 1)
    m.n("user", "Task_Planung", "Planungsrechtliche Stellungnahme abgeben", sp, 6)
    m.n("send", "Task_Angrenzer", "Angrenzer beteiligen", sb, 6, 1)
    m.n("catch_timer", "Timer_Einwendung", "Vier Wochen abgewartet", sb, 7, 1, frist="P28D")
    m.n("and", "Join_Beteiligung", "", sb, 8, 1)
    m.flow("Gw_Vollst", "Split_Beteiligung", "ja")
    m.flow("Split_Beteiligung", "Task_Planung")
    m.chain("Split_Beteiligung", "Task_Angrenzer", "Timer_Einwendung", "Join_Beteiligung")
    m.flow("Task_Planung", "Join_Beteiligung")
    m.n(
        "user",
        "Task_Pruefen",
        "Antrag prüfen und Einwendungen würdigen",
        sb,
        9,
        1,
        doc=(
            "Im vereinfachten Verfahren nur Planungsrecht, Abstandsflächen und örtliche "
            "Bauvorschriften."
        ),
    )
    m.n("xor", "Gw_Entscheidung", "Genehmigungsfähig?", sb, 10, 1)
    m.n("user", "Task_Genehmigen", "Baugenehmigung erteilen", sb, 11, 1)
    m.n("user", "Task_Ablehnen", "Bauantrag ablehnen", sb, 11, 0)
    m.n("xor", "Merge_Entscheidung", "", sb, 12, 1)
    m.n("send", "Task_Zustellen", "Bescheid mit Gebühren zustellen", sb, 13, 1)
    m.n("send", "Task_Angrenzer_Zustellen", "Einwendern die Entscheidung zustellen", sb, 14, 1)
    m.n("end", "End_Beschieden", "Bauantrag beschieden", sb, 15, 1)
    m.chain("Join_Beteiligung", "Task_Pruefen", "Gw_Entscheidung")
    m.flow("Gw_Entscheidung", "Task_Genehmigen", "ja")
    m.flow("Gw_Entscheidung", "Task_Ablehnen", "nein")
    m.chain("Task_Genehmigen", "Merge_Entscheidung")
    m.flow("Task_Ablehnen", "Merge_Entscheidung")
    m.chain("Merge_Entscheidung", "Task_Zustellen", "Task_Angrenzer_Zustellen", "End_Beschieden")
    m.message(BAUHERR, "Start_Portal", "Bauantrag")
    m.message("Task_Nachfordern", BAUHERR, "Nachforderung")
    m.message(BAUHERR, "Catch_Vorlagen", "Vorlagen")
    m.message("Task_Angrenzer", ANGRENZER, "Benachrichtigung")
    m.message(ANGRENZER, "Task_Pruefen", "Einwendungen")
    m.message("Task_Zustellen", BAUHERR, "Bescheid")
    m.message("Task_Angrenzer_Zustellen", ANGRENZER, "Entscheidung")
    return m


def baumfaellung_esslingen(v: int) -> Modell:
    """Permit to fell a tree protected by the local tree protection statute."""
    m = Modell("baumfaellgenehmigung-esslingen", "Genehmigung zum Fällen eines Baums")
    m.pool("Pool_Antragsteller", "Grundstückseigentümer/in")
    m.pool(
        "Pool_Esslingen",
        "Stadt Esslingen am Neckar, Grünflächenamt",
        process="Process_Baumfaellung",
        lanes=(("Lane_Verwaltung", "Verwaltung", 2), ("Lane_Baumkontrolle", "Baumkontrolle", 1)),
    )
    vw, bk, a = "Lane_Verwaltung", "Lane_Baumkontrolle", "Pool_Antragsteller"
    m.n("start_msg", "Start_Antrag", "Antrag auf Fällung eingegangen", vw, 0, 1)
    m.n("user", "Task_Pruefen", "Antrag und Lageplan prüfen", vw, 1, 1)
    m.n(
        "xor",
        "Gw_Geschuetzt",
        "Baum geschützt?",
        vw,
        2,
        1,
        doc="Geschützt nach Baumschutzsatzung: Stammumfang ab 80 cm in 1 m Höhe.",
    )
    m.n("send", "Task_Frei", "Mitteilen: keine Genehmigung nötig", vw, 3, 0)
    m.n("end", "End_Frei", "Fällung genehmigungsfrei", vw, 4, 0)
    m.n("user", "Task_Ortstermin", "Ortstermin mit Baumgutachten", bk, 3)
    m.n("user", "Task_Artenschutz", "Artenschutz prüfen (Nester, Höhlen)", bk, 4)
    m.n("xor", "Gw_Zulaessig", "Fällung zulässig?", vw, 5, 1)
    m.n("user", "Task_Ersatz", "Ersatzpflanzung festlegen", vw, 6, 1)
    m.n("user", "Task_Gebuehr", "Gebühr festsetzen", vw, 7, 1)
    m.n("send", "Task_Genehmigen", "Genehmigung mit Auflagen erteilen", vw, 8, 1)
    m.n("end", "End_Genehmigt", "Fällung genehmigt", vw, 9, 1)
    m.n("send", "Task_Ablehnen", "Ablehnung begründen", vw, 6, 0)
    m.n("end", "End_Abgelehnt", "Antrag abgelehnt", vw, 7, 0)
    m.chain("Start_Antrag", "Task_Pruefen", "Gw_Geschuetzt")
    m.flow("Gw_Geschuetzt", "Task_Frei", "nein")
    m.flow("Task_Frei", "End_Frei")
    m.flow("Gw_Geschuetzt", "Task_Ortstermin", "ja")
    m.chain("Task_Ortstermin", "Task_Artenschutz", "Gw_Zulaessig")
    m.flow("Gw_Zulaessig", "Task_Ersatz", "ja")
    m.flow("Gw_Zulaessig", "Task_Ablehnen", "nein")
    m.chain("Task_Ersatz", "Task_Gebuehr", "Task_Genehmigen", "End_Genehmigt")
    m.flow("Task_Ablehnen", "End_Abgelehnt")
    m.data("Data_Antrag", "Antrag mit Lageplan", vw, 1, 0, reads=("Task_Pruefen",))
    m.note(
        "Note_Zeitraum",
        "Fällen nur vom 1. Oktober bis 28. Februar (§ 39 BNatSchG)",
        bk,
        7,
        0,
        target="Task_Genehmigen",
        w=190,
    )
    m.message(a, "Start_Antrag", "Antrag")
    m.message("Task_Frei", a, "Mitteilung")
    m.message("Task_Ablehnen", a, "Ablehnung")
    m.message("Task_Genehmigen", a, "Genehmigung")
    return m


MODELLE = {
    "bauantrag-herrenberg": (bauantrag_herrenberg, 2),
    "bauantrag-karlsruhe": (bauantrag_karlsruhe, 1),
    "baumfaellgenehmigung-esslingen": (baumfaellung_esslingen, 1),
}
