"""Gewerbeanmeldung (three Kommunen) and Gaststättenerlaubnis."""

from __future__ import annotations

from ..modell import Modell

BUERGER = "Pool_Gewerbetreibende"


def gewerbeanmeldung_boeblingen(v: int) -> Modell:
    """v1 paper at the counter; v2 online via service-bw with online payment and a deadline;
    v3 data transmitted electronically (XGewerbeanzeige) instead of paper copies."""
    m = Modell("gewerbeanmeldung-boeblingen", "Gewerbeanmeldung")
    m.pool(BUERGER, "Gewerbetreibende/r")
    bb_rows = 2 if v == 1 else 3
    m.pool(
        "Pool_Boeblingen",
        "Stadt Böblingen",
        process="Process_Gewerbeanmeldung",
        lanes=(
            ("Lane_Buergerbuero", "Bürgerbüro", bb_rows),
            ("Lane_Kasse", "Stadtkasse", 1),
            ("Lane_Gewerbe", "Gewerbeamt", 2),
        ),
    )
    m.pool("Pool_Stellen", "Finanzamt, IHK, Handwerkskammer, Statistisches Landesamt")
    bb, gw, ka = "Lane_Buergerbuero", "Lane_Gewerbe", "Lane_Kasse"
    r = bb_rows - 1  # the main row of the Bürgerbüro
    if v == 1:
        m.n("start_msg", "Start_Anzeige", "Gewerbeanzeige eingegangen", bb, 0, r)
        m.n("user", "Task_Aufnehmen", "Anzeige annehmen und Ausweis prüfen", bb, 1, r)
        m.data("Data_Anzeige", "Gewerbeanzeige (GewA 1)", bb, 1, r - 1, writes=("Task_Aufnehmen",))
        m.chain("Start_Anzeige", "Task_Aufnehmen", "Merge_Unterlagen")
    else:
        m.n("start_msg", "Start_Anzeige", "Gewerbeanzeige online eingegangen", bb, 0, r)
        m.n("service", "Task_Import", "Antragsdaten aus service-bw übernehmen", bb, 1, r)
        m.data("Data_Anzeige", "Online-Antrag (service-bw)", bb, 1, r - 1, reads=("Task_Import",))
        m.chain("Start_Anzeige", "Task_Import", "Merge_Unterlagen")
    m.n("xor", "Merge_Unterlagen", "", bb, 2, r)
    m.n(
        "user",
        "Task_Pruefen",
        "Angaben und Nachweise prüfen",
        bb,
        3,
        r,
        doc=(
            "Personalien, Anschrift der Betriebsstätte und Tätigkeit (WZ-Schlüssel) prüfen; "
            "bei juristischen Personen Auszug aus dem Handelsregister, bei ausländischen "
            "Staatsangehörigen den Aufenthaltstitel."
        ),
    )
    m.n("xor", "Gw_Vollstaendig", "Unterlagen vollständig?", bb, 4, r)
    m.n("send", "Task_Nachfordern", "Fehlende Unterlagen nachfordern", bb, 4, r - 1)
    m.chain("Merge_Unterlagen", "Task_Pruefen", "Gw_Vollstaendig")
    m.flow("Gw_Vollstaendig", "Task_Nachfordern", "nein")
    if v == 1:
        m.n("catch_msg", "Catch_Unterlagen", "Unterlagen nachgereicht", bb, 3, r - 1)
        m.flow("Task_Nachfordern", "Catch_Unterlagen")
        m.flow("Catch_Unterlagen", "Merge_Unterlagen")
    else:
        m.n("event_gw", "Gw_Warten", "", bb, 3, r - 1)
        m.n("catch_msg", "Catch_Unterlagen", "Unterlagen nachgereicht", bb, 2, r - 1)
        m.n("catch_timer", "Timer_Frist", "Frist 4 Wochen abgelaufen", bb, 3, 0, frist="P28D")
        m.n("send", "Task_Einstellen", "Verfahren einstellen und mitteilen", bb, 5, 0)
        m.n("end", "End_Eingestellt", "Anzeige nicht bearbeitet", bb, 6, 0)
        m.chain("Task_Nachfordern", "Gw_Warten", "Catch_Unterlagen", "Merge_Unterlagen")
        m.flow("Gw_Warten", "Timer_Frist")
        m.chain("Timer_Frist", "Task_Einstellen", "End_Eingestellt")
        m.message("Task_Einstellen", BUERGER, "Mitteilung")
        m.note(
            "Note_Frist",
            "Frist 4 Wochen ab Nachforderung, danach gilt die Anzeige als nicht gestellt.",
            bb,
            1,
            0,
            target="Timer_Frist",
            w=210,
        )
    m.message(BUERGER, "Start_Anzeige", "Gewerbeanzeige")
    m.message("Task_Nachfordern", BUERGER, "Nachforderung")
    m.message(BUERGER, "Catch_Unterlagen", "Unterlagen")

    if v == 1:
        m.n("manual", "Task_Gebuehr", "Gebühr bar oder mit Karte kassieren", bb, 5, r)
        m.flow("Gw_Vollstaendig", "Task_Gebuehr", "ja")
        m.note("Note_Gebuehr", "Gebühr 26 € nach Gebührensatzung", bb, 5, 0, target="Task_Gebuehr")
        m.flow("Task_Gebuehr", "Task_Erlaubnis")
    else:
        m.flow("Gw_Vollstaendig", "Task_Erlaubnis", "ja", route="hvh")
    m.n(
        "rule",
        "Task_Erlaubnis",
        "Erlaubnispflicht prüfen",
        gw,
        6,
        0,
        doc=(
            "Erlaubnispflichtig sind u. a. Bewachung, Makler und Bauträger (§ 34a–34c GewO), "
            "Gaststätten mit Alkoholausschank und zulassungspflichtige Handwerke "
            "(Eintragung in die Handwerksrolle)."
        ),
    )
    m.n("xor", "Gw_Erlaubnis", "Erlaubnispflichtig?", gw, 7, 0)
    m.n("user", "Task_Nachweis", "Erlaubnis oder Handwerksrolle prüfen", gw, 8, 1)
    m.n("xor", "Merge_Erlaubnis", "", gw, 9, 0)
    m.flow("Task_Erlaubnis", "Gw_Erlaubnis")
    m.flow("Gw_Erlaubnis", "Task_Nachweis", "ja")
    m.flow("Gw_Erlaubnis", "Merge_Erlaubnis", "nein")
    m.flow("Task_Nachweis", "Merge_Erlaubnis")
    # the same step in every version; from v2 on only a check, the data came in online
    erfassen = (
        "Anzeige im Fachverfahren erfassen" if v == 1 else "Datensatz im Fachverfahren freigeben"
    )
    m.n("user", "Task_Erfassen", erfassen, gw, 10, 0)
    m.chain("Merge_Erlaubnis", "Task_Erfassen", "Split")
    m.n("and", "Split", "", gw, 11, 0)
    if v < 3:
        m.n("send", "Task_Weiterleiten", "Durchschriften an die Stellen senden", gw, 12, 0)
    else:
        m.n(
            "service",
            "Task_Weiterleiten",
            "Daten elektronisch an die Stellen übermitteln",
            gw,
            12,
            0,
        )
    if v == 1:
        m.n("user", "Task_Buchen", "Einnahme buchen", ka, 12, 0)
    else:
        m.n("service", "Task_Buchen", "Online-Zahlung (ePayBL) verbuchen", ka, 12, 0)
    m.n("and", "Join", "", gw, 13, 0)
    if v < 3:
        m.n("send", "Task_Bescheinigung", "Bescheinigung nach § 15 GewO per Post senden", gw, 14, 0)
    else:
        m.n(
            "send",
            "Task_Bescheinigung",
            "Bescheinigung nach § 15 GewO ins Postfach senden",
            gw,
            14,
            0,
        )
    m.n("end", "End_Angemeldet", "Gewerbe angemeldet", gw, 15, 0)
    m.flow("Split", "Task_Weiterleiten")
    m.flow("Split", "Task_Buchen")
    m.flow("Task_Weiterleiten", "Join")
    m.flow("Task_Buchen", "Join")
    m.chain("Join", "Task_Bescheinigung", "End_Angemeldet")
    m.data("Data_Bescheinigung", "Empfangsbescheinigung", gw, 14, 1, writes=("Task_Bescheinigung",))
    m.message("Task_Weiterleiten", "Pool_Stellen", "Gewerbedaten")
    m.message("Task_Bescheinigung", BUERGER, "Bescheinigung")
    return m


def gewerbeanmeldung_stuttgart(v: int) -> Modell:
    """Variant: the applicant's side modelled too; reliability check at the federal register."""
    m = Modell("gewerbeanmeldung-stuttgart", "Gewerbeanmeldung (Gewerbeanzeige)")
    m.pool("Pool_Antragsteller", "Antragsteller/in", process="Process_Antragsteller", rows=2)
    m.pool(
        "Pool_Stuttgart",
        "Landeshauptstadt Stuttgart, Amt für öffentliche Ordnung",
        process="Process_Gewerbeanzeige",
        lanes=(
            ("Lane_Service", "Servicecenter Gewerbe", 2),
            ("Lane_Gewerberecht", "Sachbearbeitung Gewerberecht", 2),
        ),
    )
    m.pool("Pool_BfJ", "Bundesamt für Justiz (Gewerbezentralregister)")
    a, sc, gr = "Pool_Antragsteller", "Lane_Service", "Lane_Gewerberecht"
    m.n("start", "Start_Gruendung", "Gewerbe soll beginnen", a, 0, 1)
    m.n("user", "Task_Ausfuellen", "Gewerbeanzeige online ausfüllen", a, 1, 1)
    m.n("user", "Task_Bezahlen", "Gebühr online bezahlen", a, 2, 1)
    m.n("send", "Task_Absenden", "Anzeige absenden", a, 3, 1)
    m.n("catch_msg", "Catch_Bescheinigung", "Bescheinigung erhalten", a, 14, 1)
    m.n("end", "End_Gewerbe", "Gewerbe angemeldet", a, 15, 1)
    m.chain("Start_Gruendung", "Task_Ausfuellen", "Task_Bezahlen", "Task_Absenden")
    m.chain("Task_Absenden", "Catch_Bescheinigung", "End_Gewerbe")

    m.n("start_msg", "Start_Eingang", "Online-Anzeige eingegangen", sc, 3, 1)
    m.n("xor", "Merge_Plausi", "", sc, 4, 1)
    m.n(
        "user",
        "Task_Plausi",
        "Angaben auf Plausibilität prüfen",
        sc,
        5,
        1,
        doc="Abgleich mit dem Melderegister; bei Personengesellschaften alle Gesellschafter.",
    )
    m.n("xor", "Gw_Plausi", "Angaben plausibel?", sc, 6, 1)
    m.n("user", "Task_Klaeren", "Rückfrage telefonisch klären", sc, 6, 0)
    m.chain("Start_Eingang", "Merge_Plausi", "Task_Plausi", "Gw_Plausi")
    m.flow("Gw_Plausi", "Task_Klaeren", "nein")
    m.flow("Task_Klaeren", "Merge_Plausi")
    m.n(
        "user",
        "Task_WZ",
        "Tätigkeit dem WZ-Schlüssel zuordnen",
        gr,
        7,
        0,
        doc="Klassifikation der Wirtschaftszweige (WZ 2008) des Statistischen Bundesamts.",
    )
    m.flow("Gw_Plausi", "Task_WZ", "ja")
    m.n("xor", "Gw_Zuverl", "Zuverlässigkeit zu prüfen?", gr, 8, 0)
    m.n(
        "send",
        "Task_GZR",
        "Auskunft beim Register anfordern",
        gr,
        9,
        1,
        doc="Auskunft aus dem Gewerbezentralregister (§ 150a GewO).",
    )
    m.n("catch_msg", "Catch_GZR", "Auskunft eingegangen", gr, 10, 1)
    m.n("xor", "Merge_Zuverl", "", gr, 11, 0)
    m.flow("Task_WZ", "Gw_Zuverl")
    m.flow("Gw_Zuverl", "Task_GZR", "ja, erlaubnispflichtig")
    m.flow("Gw_Zuverl", "Merge_Zuverl", "nein")
    m.chain("Task_GZR", "Catch_GZR", "Merge_Zuverl")
    m.n("user", "Task_Eintragen", "Gewerbe im Register eintragen", gr, 12, 0)
    m.n("and", "Split_Ausgang", "", gr, 13, 0)
    m.n("send", "Task_Bescheinigung", "Bescheinigung nach § 15 GewO versenden", gr, 14, 0)
    m.n("service", "Task_Melden", "Daten an Finanzamt, IHK und HWK übermitteln", gr, 14, 1)
    m.n("and", "Join_Ausgang", "", gr, 15, 0)
    m.n("end", "End_Bearbeitet", "Anzeige bearbeitet", gr, 16, 0)
    m.chain("Merge_Zuverl", "Task_Eintragen", "Split_Ausgang", "Task_Bescheinigung", "Join_Ausgang")
    m.chain("Split_Ausgang", "Task_Melden", "Join_Ausgang", "End_Bearbeitet")
    m.message("Task_Absenden", "Start_Eingang", "Gewerbeanzeige")
    m.message("Task_Bescheinigung", "Catch_Bescheinigung", "Bescheinigung")
    m.message("Task_GZR", "Pool_BfJ", "Anfrage")
    m.message("Pool_BfJ", "Catch_GZR", "Auskunft")
    m.note(
        "Note_Gebuehr",
        "Gebühr wird vor dem Absenden online bezahlt (ePayBL).",
        a,
        2,
        0,
        target="Task_Bezahlen",
        w=180,
    )
    return m


def gewerbeanmeldung_ulm(v: int) -> Modell:
    """Variant: short counter process, the Gewerbe office only records and forwards."""
    m = Modell("gewerbeanmeldung-ulm", "Gewerbe anmelden")
    m.pool("Pool_Kunde", "Kundin/Kunde")
    m.pool(
        "Pool_Ulm",
        "Stadt Ulm",
        process="Process_Gewerbe_Ulm",
        lanes=(
            ("Lane_Buergerdienste", "Bürgerdienste", 1),
            ("Lane_Gewerbe", "Abteilung Gewerbe", 2),
        ),
    )
    bd, ag = "Lane_Buergerdienste", "Lane_Gewerbe"
    m.n("start_msg", "Start_Schalter", "Kundin/Kunde am Schalter", bd, 0)
    m.n("user", "Task_Pruefen", "Anzeige mit Ausweis abgleichen", bd, 1)
    m.n("manual", "Task_Kassieren", "Gebühr kassieren", bd, 2)
    m.n("send", "Task_Quittung", "Kopie der Anzeige aushändigen", bd, 3)
    m.n("user", "Task_Erfassen", "Anzeige erfassen", ag, 4)
    m.n("xor", "Gw_Erlaubnis", "Erlaubnis nötig?", ag, 5)
    m.n("user", "Task_Akte", "Erlaubnisakte anlegen", ag, 6, 1)
    m.n("xor", "Merge_Erlaubnis", "", ag, 7)
    m.n("service", "Task_Weiterleiten", "Daten an Finanzamt und Kammern übermitteln", ag, 8)
    m.n("end", "End_Erledigt", "Anzeige erledigt", ag, 9)
    m.chain("Start_Schalter", "Task_Pruefen", "Task_Kassieren", "Task_Quittung", "Task_Erfassen")
    m.chain("Task_Erfassen", "Gw_Erlaubnis")
    m.flow("Gw_Erlaubnis", "Task_Akte", "ja")
    m.flow("Gw_Erlaubnis", "Merge_Erlaubnis", "nein")
    m.chain("Task_Akte", "Merge_Erlaubnis", "Task_Weiterleiten", "End_Erledigt")
    m.message("Pool_Kunde", "Start_Schalter")
    m.message("Task_Quittung", "Pool_Kunde", "Kopie")
    return m


def gaststaettenerlaubnis_leonberg(v: int) -> Modell:
    """Licence for serving alcohol: hearing of police, building and food control in parallel."""
    m = Modell("gaststaettenerlaubnis-leonberg", "Gaststättenerlaubnis")
    m.pool("Pool_Gastwirt", "Antragsteller/in (Gastwirt/in)")
    m.pool(
        "Pool_Leonberg",
        "Stadt Leonberg",
        process="Process_Gaststaette",
        lanes=(
            ("Lane_Gewerbe", "Ordnungsamt, Gewerbe und Gaststätten", 3),
            ("Lane_Baurecht", "Baurechtsamt", 1),
            ("Lane_Kasse", "Stadtkasse", 1),
        ),
    )
    m.pool("Pool_Stellen", "Polizeirevier Leonberg, Lebensmittelüberwachung (Landratsamt)")
    og, br, ka, gw = "Lane_Gewerbe", "Lane_Baurecht", "Lane_Kasse", "Pool_Gastwirt"
    m.n("start_msg", "Start_Antrag", "Antrag auf Erlaubnis eingegangen", og, 0, 1)
    m.n("xor", "Merge_Unterlagen", "", og, 1, 1)
    m.n(
        "user",
        "Task_Vollstaendig",
        "Unterlagen auf Vollständigkeit prüfen",
        og,
        2,
        1,
        doc=(
            "Nötig: Führungszeugnis, Auskunft aus dem Gewerbezentralregister, "
            "Unbedenklichkeitsbescheinigungen von Finanzamt und Gemeinde, Unterrichtungsnachweis "
            "der IHK (§ 4 Abs. 1 Nr. 4 GastG), Grundriss der Räume, Pacht- oder Mietvertrag."
        ),
    )
    m.n("xor", "Gw_Vollstaendig", "Vollständig?", og, 3, 1)
    m.n("send", "Task_Nachfordern", "Unterlagen nachfordern", og, 3, 0)
    m.n("catch_msg", "Catch_Unterlagen", "Unterlagen eingegangen", og, 2, 0)
    m.chain("Start_Antrag", "Merge_Unterlagen", "Task_Vollstaendig", "Gw_Vollstaendig")
    m.flow("Gw_Vollstaendig", "Task_Nachfordern", "nein")
    m.chain("Task_Nachfordern", "Catch_Unterlagen", "Merge_Unterlagen")
    m.n("and", "Split_Anhoerung", "", og, 4, 1)
    m.flow("Gw_Vollstaendig", "Split_Anhoerung", "ja")
    m.n("send", "Task_Anhoerung", "Polizei und Landratsamt anhören", og, 5, 2)
    m.n("catch_msg", "Catch_Stellungnahmen", "Stellungnahmen liegen vor", og, 6, 2)
    m.n("user", "Task_Zuverl", "Persönliche Zuverlässigkeit prüfen", og, 5.5, 1)
    m.n("user", "Task_Baurecht", "Baurechtliche Zulässigkeit der Räume prüfen", br, 5.5)
    m.n("and", "Join_Anhoerung", "", og, 7, 1)
    m.flow("Split_Anhoerung", "Task_Anhoerung")
    m.flow("Split_Anhoerung", "Task_Zuverl")
    m.flow("Split_Anhoerung", "Task_Baurecht")
    m.chain("Task_Anhoerung", "Catch_Stellungnahmen", "Join_Anhoerung")
    m.flow("Task_Zuverl", "Join_Anhoerung")
    m.flow("Task_Baurecht", "Join_Anhoerung")
    m.n("xor", "Gw_Versagung", "Versagungsgründe nach § 4 GastG?", og, 8, 1)
    m.n("user", "Task_Erlaubnis", "Erlaubnis mit Auflagen erteilen", og, 9, 1)
    m.n("user", "Task_Versagen", "Anhören und Erlaubnis versagen", og, 9, 0)
    m.n("xor", "Merge_Bescheid", "", og, 10, 1)
    m.n("user", "Task_Gebuehr", "Gebühr festsetzen und buchen", ka, 11)
    m.n("send", "Task_Zustellen", "Bescheid zustellen", og, 12, 1)
    m.n("end", "End_Entschieden", "Über den Antrag entschieden", og, 13, 1)
    m.chain("Join_Anhoerung", "Gw_Versagung")
    m.flow("Gw_Versagung", "Task_Erlaubnis", "nein")
    m.flow("Gw_Versagung", "Task_Versagen", "ja")
    m.chain("Task_Erlaubnis", "Merge_Bescheid")
    m.flow("Task_Versagen", "Merge_Bescheid")
    m.chain("Merge_Bescheid", "Task_Gebuehr", "Task_Zustellen", "End_Entschieden")
    m.data("Data_Antrag", "Antrag mit Anlagen", og, 1, 2, reads=("Task_Vollstaendig",))
    m.data("Data_Bescheid", "Erlaubnisurkunde", og, 12, 2, reads=("Task_Zustellen",))
    m.message(gw, "Start_Antrag", "Antrag")
    m.message("Task_Nachfordern", gw, "Nachforderung")
    m.message(gw, "Catch_Unterlagen", "Unterlagen")
    m.message("Task_Zustellen", gw, "Bescheid")
    m.message("Task_Anhoerung", "Pool_Stellen", "Anhörung")
    m.message("Pool_Stellen", "Catch_Stellungnahmen", "Stellungnahmen")
    return m


MODELLE = {
    "gewerbeanmeldung-boeblingen": (gewerbeanmeldung_boeblingen, 3),
    "gewerbeanmeldung-stuttgart": (gewerbeanmeldung_stuttgart, 1),
    "gewerbeanmeldung-ulm": (gewerbeanmeldung_ulm, 1),
    "gaststaettenerlaubnis-leonberg": (gaststaettenerlaubnis_leonberg, 1),
}
