"""Bürgerservice: Wohnsitzanmeldung, Personalausweis, Fundsachen, Grabnutzungsrecht."""

from __future__ import annotations

from ..modell import Modell


def wohnsitzanmeldung_freiburg(v: int) -> Modell:
    m = Modell("wohnsitzanmeldung-freiburg", "Wohnsitz anmelden")
    m.pool("Pool_Einwohner", "Einwohner/in")
    m.pool(
        "Pool_Freiburg",
        "Stadt Freiburg im Breisgau, Bürgeramt",
        process="Process_Wohnsitz",
        lanes=(("Lane_Front", "Front-Office", 2), ("Lane_Back", "Back-Office Meldewesen", 1)),
    )
    m.pool("Pool_Stellen", "Bundeszentralamt für Steuern, Beitragsservice, Wegzugsgemeinde")
    fo, bo, e = "Lane_Front", "Lane_Back", "Pool_Einwohner"
    m.n("start_msg", "Start_Termin", "Termin gebucht", fo, 0, 1)
    m.n(
        "manual",
        "Task_Vorsprache",
        "Ausweis, Meldeschein und Bestätigung prüfen",
        fo,
        1,
        1,
        doc="Die Wohnungsgeberbestätigung (§ 19 BMG) ist Pflicht; ohne sie keine Anmeldung.",
    )
    m.n("xor", "Gw_Bestaetigung", "Bestätigung liegt vor?", fo, 2, 1)
    m.n("send", "Task_Hinweis", "Neuen Termin anbieten", fo, 2, 0)
    m.n("end", "End_Vertagt", "Anmeldung vertagt", fo, 3, 0)
    m.n("user", "Task_Erfassen", "Meldedaten im Register erfassen", fo, 3, 1)
    m.n("and", "Split", "", fo, 4, 1)
    m.n("user", "Task_Ausweis", "Anschrift im Ausweis ändern", fo, 5, 1)
    m.n("send", "Task_Bestaetigen", "Meldebestätigung aushändigen", fo, 6, 1)
    m.n("service", "Task_Rueckmeldung", "Rückmeldung an die Wegzugsgemeinde", bo, 5)
    m.n("service", "Task_Uebermitteln", "Daten an BZSt und Beitragsservice übermitteln", bo, 6)
    m.n("and", "Join", "", fo, 7, 1)
    m.n("end", "End_Angemeldet", "Person angemeldet", fo, 8, 1)
    m.chain("Start_Termin", "Task_Vorsprache", "Gw_Bestaetigung")
    m.flow("Gw_Bestaetigung", "Task_Hinweis", "nein")
    m.flow("Task_Hinweis", "End_Vertagt")
    m.flow("Gw_Bestaetigung", "Task_Erfassen", "ja")
    m.chain("Task_Erfassen", "Split", "Task_Ausweis", "Task_Bestaetigen", "Join", "End_Angemeldet")
    m.chain("Split", "Task_Rueckmeldung", "Task_Uebermitteln", "Join")
    m.data("Data_Bestaetigung", "Wohnungsgeberbestätigung", fo, 1, 0, reads=("Task_Vorsprache",))
    m.note(
        "Note_Frist",
        "Anmeldung binnen zwei Wochen nach dem Einzug (§ 17 BMG)",
        bo,
        1,
        0,
        target="Task_Vorsprache",
        w=200,
    )
    m.message(e, "Start_Termin", "Terminbuchung")
    m.message("Task_Hinweis", e, "Terminangebot")
    m.message("Task_Bestaetigen", e, "Meldebestätigung")
    m.message("Task_Uebermitteln", "Pool_Stellen", "Meldedaten")
    return m


def personalausweis_herrenberg(v: int) -> Modell:
    m = Modell("personalausweis-herrenberg", "Personalausweis beantragen")
    m.pool("Pool_Antragsteller", "Antragsteller/in")
    m.pool(
        "Pool_Herrenberg",
        "Stadt Herrenberg",
        process="Process_Personalausweis",
        lanes=(("Lane_Buergeramt", "Bürgeramt", 3),),
    )
    m.pool("Pool_Bundesdruckerei", "Bundesdruckerei")
    ba, a, bd = "Lane_Buergeramt", "Pool_Antragsteller", "Pool_Bundesdruckerei"
    m.n("start_msg", "Start_Vorsprache", "Vorsprache mit Termin", ba, 0, 1)
    m.n("user", "Task_Identitaet", "Identität und alten Ausweis prüfen", ba, 1, 1)
    m.n(
        "user",
        "Task_Erfassen",
        "Lichtbild und Fingerabdrücke erfassen",
        ba,
        2,
        1,
        doc="Lichtbild biometrietauglich; zwei Fingerabdrücke sind seit August 2021 Pflicht.",
    )
    m.n("manual", "Task_Gebuehr", "Gebühr kassieren", ba, 3, 1)
    m.n("send", "Task_Bestellen", "Antrag an die Bundesdruckerei übermitteln", ba, 4, 1)
    m.n("catch_msg", "Catch_Lieferung", "Ausweis geliefert", ba, 5, 1)
    m.n("send", "Task_Benachrichtigen", "Abholbereitschaft mitteilen", ba, 6, 1)
    m.n("event_gw", "Gw_Abholung", "", ba, 7, 1)
    m.n("catch_msg", "Catch_Abholung", "Antragsteller/in kommt zur Abholung", ba, 8, 1)
    m.n("manual", "Task_Aushaendigen", "Ausweis aushändigen und PIN erklären", ba, 9, 1)
    m.n("end", "End_Ausgehaendigt", "Ausweis ausgehändigt", ba, 10, 1)
    m.n("catch_timer", "Timer_Abholung", "Drei Monate nicht abgeholt", ba, 8, 2, frist="P3M")
    m.n("send", "Task_Vernichten", "Ausweis ungültig melden und vernichten", ba, 9, 2)
    m.n("end", "End_Vernichtet", "Ausweis vernichtet", ba, 10, 2)
    m.chain(
        "Start_Vorsprache",
        "Task_Identitaet",
        "Task_Erfassen",
        "Task_Gebuehr",
        "Task_Bestellen",
        "Catch_Lieferung",
        "Task_Benachrichtigen",
        "Gw_Abholung",
        "Catch_Abholung",
        "Task_Aushaendigen",
        "End_Ausgehaendigt",
    )
    m.chain("Gw_Abholung", "Timer_Abholung", "Task_Vernichten", "End_Vernichtet")
    m.note(
        "Note_Gebuehr",
        "Gebühr 37 € (unter 24 Jahren 22,80 €)",
        ba,
        3,
        0,
        target="Task_Gebuehr",
        w=170,
    )
    m.message(a, "Start_Vorsprache", "Termin")
    m.message("Task_Bestellen", bd, "Antragsdaten")
    m.message(bd, "Catch_Lieferung", "Ausweis")
    m.message("Task_Benachrichtigen", a, "Benachrichtigung")
    m.message(a, "Catch_Abholung")
    m.message("Task_Vernichten", bd, "Sperrmeldung")
    return m


def fundsachen_neckarsulm(v: int) -> Modell:
    """Deliberately flawed (as first drafts are): the gateway after the recording has no
    name, and handing the item to its owner ends without an end event."""
    m = Modell("fundsachen-neckarsulm", "Fundsachen annehmen und herausgeben")
    m.pool("Pool_Finder", "Finder/in")
    m.pool(
        "Pool_Neckarsulm",
        "Stadt Neckarsulm",
        process="Process_Fundbuero",
        lanes=(("Lane_Fundbuero", "Fundbüro im Bürgerbüro", 3),),
    )
    fb, f = "Lane_Fundbuero", "Pool_Finder"
    m.n("start_msg", "Start_Fund", "Fundsache abgegeben", fb, 0, 1)
    m.n("user", "Task_Erfassen", "Fundsache erfassen und verwahren", fb, 1, 1)
    m.n("xor", "Gw_Eigentuemer", "", fb, 2, 1)
    m.n("send", "Task_Benachrichtigen", "Eigentümer/in benachrichtigen", fb, 3, 0)
    m.n("manual", "Task_Herausgabe", "An Eigentümer/in herausgeben", fb, 4, 0)
    m.n("catch_timer", "Timer_Frist", "Sechs Monate verwahrt", fb, 3, 1, frist="P6M")
    m.n("xor", "Gw_Finder", "Finder/in will die Sache?", fb, 4, 1)
    m.n("manual", "Task_Finder", "An Finder/in übergeben", fb, 5, 1)
    m.n("end", "End_Finder", "Eigentum an Finder/in", fb, 6, 1)
    m.n("user", "Task_Verwerten", "Versteigern oder verwerten", fb, 5, 2)
    m.n("end", "End_Verwertet", "Fundsache verwertet", fb, 6, 2)
    m.chain("Start_Fund", "Task_Erfassen", "Gw_Eigentuemer")
    m.flow("Gw_Eigentuemer", "Task_Benachrichtigen", "Eigentümer bekannt")
    m.flow("Gw_Eigentuemer", "Timer_Frist", "unbekannt")
    m.flow("Task_Benachrichtigen", "Task_Herausgabe")
    m.flow("Timer_Frist", "Gw_Finder")
    m.flow("Gw_Finder", "Task_Finder", "ja")
    m.flow("Gw_Finder", "Task_Verwerten", "nein")
    m.flow("Task_Finder", "End_Finder")
    m.flow("Task_Verwerten", "End_Verwertet")
    m.message(f, "Start_Fund", "Fundsache")
    m.message("Task_Finder", f, "Übergabe")
    return m


def grabnutzungsrecht_boeblingen(v: int) -> Modell:
    """v1 has the flaws of a first model (one gateway joins and forks, with no name); v2 fixes
    them with a parallel split and issues the certificate digitally."""
    m = Modell("grabnutzungsrecht-boeblingen", "Grabnutzungsrecht vergeben")
    m.pool("Pool_Angehoerige", "Angehörige/r")
    m.pool(
        "Pool_Boeblingen",
        "Stadt Böblingen",
        process="Process_Grabnutzung",
        lanes=(
            ("Lane_Friedhof", "Friedhofsverwaltung", 2),
            ("Lane_Kasse", "Stadtkasse", 1),
        ),
    )
    fv, ka, an = "Lane_Friedhof", "Lane_Kasse", "Pool_Angehoerige"
    m.n("start_msg", "Start_Antrag", "Antrag auf ein Grab", fv, 0, 1)
    m.n("user", "Task_Beraten", "Grabart und Lage beraten", fv, 1, 1)
    m.n("xor", "Gw_Grabart", "Grabart?", fv, 2, 1)
    m.n(
        "user",
        "Task_Wahlgrab",
        "Wahlgrab vergeben",
        fv,
        3,
        0,
        doc="Nutzungsrecht 25 Jahre, verlängerbar; Lage frei wählbar nach Friedhofsplan.",
    )
    m.n("user", "Task_Reihengrab", "Reihengrab zuweisen", fv, 3, 1)
    m.n("xor", "Merge_Grabart", "", fv, 4, 1)
    m.chain("Start_Antrag", "Task_Beraten", "Gw_Grabart")
    m.flow("Gw_Grabart", "Task_Wahlgrab", "Wahlgrab")
    m.flow("Gw_Grabart", "Task_Reihengrab", "Reihengrab")
    m.flow("Task_Wahlgrab", "Merge_Grabart")
    m.flow("Task_Reihengrab", "Merge_Grabart")
    if v == 1:
        m.n("user", "Task_Urkunde", "Graburkunde ausstellen", fv, 5, 1)
        m.n("send", "Task_Grabmal", "Auf Genehmigung des Grabmals hinweisen", fv, 5, 0)
        m.flow("Merge_Grabart", "Task_Urkunde")
        m.flow("Merge_Grabart", "Task_Grabmal")
        m.n("end", "End_Hinweis", "Hinweis gegeben", fv, 6, 0)
        m.flow("Task_Grabmal", "End_Hinweis")
        m.n("user", "Task_Gebuehr", "Gebühr für das Nutzungsrecht buchen", ka, 6)
        m.n("end", "End_Vergeben", "Nutzungsrecht vergeben", ka, 7)
        m.chain("Task_Urkunde", "Task_Gebuehr", "End_Vergeben")
        m.data("Data_Urkunde", "Graburkunde", ka, 5, writes=("Task_Urkunde",))
        m.message("Task_Grabmal", an, "Hinweis")
    else:
        m.n("and", "Split", "", fv, 5, 1)
        m.n(
            "send",
            "Task_Urkunde",
            "Graburkunde digital zustellen",
            fv,
            6,
            1,
            doc="Die Urkunde enthält den Hinweis, dass ein Grabmal genehmigt werden muss.",
        )
        m.n("user", "Task_Gebuehr", "Gebühr für das Nutzungsrecht buchen", ka, 6)
        m.n("and", "Join", "", fv, 7, 1)
        m.n("end", "End_Vergeben", "Nutzungsrecht vergeben", fv, 8, 1)
        m.chain("Merge_Grabart", "Split", "Task_Urkunde", "Join", "End_Vergeben")
        m.chain("Split", "Task_Gebuehr", "Join")
        m.message("Task_Urkunde", an, "Graburkunde")
    m.message(an, "Start_Antrag", "Antrag")
    return m


MODELLE = {
    "wohnsitzanmeldung-freiburg": (wohnsitzanmeldung_freiburg, 1),
    "personalausweis-herrenberg": (personalausweis_herrenberg, 1),
    "fundsachen-neckarsulm": (fundsachen_neckarsulm, 1),
    "grabnutzungsrecht-boeblingen": (grabnutzungsrecht_boeblingen, 2),
}
