"""Verkehr und Ordnung: Sondernutzung, Bewohnerparkausweis (two Kommunen), Veranstaltung."""

from __future__ import annotations

from ..modell import Modell


def sondernutzung_stuttgart(v: int) -> Modell:
    """v1 on paper; v2 online with payment link, and the site coordination joins the check."""
    m = Modell("sondernutzung-stuttgart", "Sondernutzungserlaubnis für öffentliche Verkehrsflächen")
    m.pool("Pool_Antragsteller", "Antragsteller/in (z. B. Gastronomie, Baufirma)")
    m.pool(
        "Pool_Stuttgart",
        "Landeshauptstadt Stuttgart",
        process="Process_Sondernutzung",
        lanes=(
            ("Lane_Tiefbau", "Tiefbauamt, Sondernutzungen", 2),
            ("Lane_Verkehr", "Verkehrsbehörde", 1),
            ("Lane_Kasse", "Stadtkasse", 1),
        ),
    )
    tb, sv, ka, a = "Lane_Tiefbau", "Lane_Verkehr", "Lane_Kasse", "Pool_Antragsteller"
    if v == 1:
        m.n("start_msg", "Start_Antrag", "Antrag auf Sondernutzung eingegangen", tb, 0, 1)
    else:
        m.n("start_msg", "Start_Antrag", "Online-Antrag eingegangen", tb, 0, 1)
    m.n("xor", "Merge_Unterlagen", "", tb, 1, 1)
    m.n(
        "user",
        "Task_Pruefen",
        "Antrag und Lageplan prüfen",
        tb,
        2,
        1,
        doc="Lageplan mit Maßen, Dauer der Nutzung, bei Baustellen der Bauzeitenplan.",
    )
    m.n("xor", "Gw_Vollst", "Unterlagen vollständig?", tb, 3, 1)
    m.n("send", "Task_Nachfordern", "Unterlagen nachfordern", tb, 3, 0)
    m.n("catch_msg", "Catch_Unterlagen", "Unterlagen eingegangen", tb, 2, 0)
    m.chain("Start_Antrag", "Merge_Unterlagen", "Task_Pruefen", "Gw_Vollst")
    m.flow("Gw_Vollst", "Task_Nachfordern", "nein")
    m.chain("Task_Nachfordern", "Catch_Unterlagen", "Merge_Unterlagen")
    m.n("and", "Split_Pruefung", "", tb, 4, 1)
    m.n("user", "Task_Bewerten", "Gehwegbreite und Sicherheit bewerten", tb, 5, 1)
    m.n("user", "Task_Anordnung", "Verkehrsrechtliche Anordnung prüfen", sv, 5)
    m.n("and", "Join_Pruefung", "", tb, 6, 1)
    m.flow("Gw_Vollst", "Split_Pruefung", "ja")
    m.chain("Split_Pruefung", "Task_Bewerten", "Join_Pruefung")
    m.chain("Split_Pruefung", "Task_Anordnung", "Join_Pruefung")
    if v > 1:
        m.n("user", "Task_Baustellen", "Mit dem Baustellenkalender abgleichen", tb, 5, 0)
        m.chain("Split_Pruefung", "Task_Baustellen", "Join_Pruefung")
    m.n("xor", "Gw_Erlaubnis", "Erlaubnisfähig?", tb, 7, 1)
    m.n("user", "Task_Erlaubnis", "Erlaubnis mit Auflagen erstellen", tb, 8, 1)
    m.n("send", "Task_Ablehnung", "Ablehnung begründen und versenden", tb, 7, 0)
    m.n("end", "End_Abgelehnt", "Antrag abgelehnt", tb, 8, 0)
    if v == 1:
        m.n("user", "Task_Gebuehr", "Gebühr nach Satzung festsetzen", ka, 9)
        m.n("send", "Task_Versand", "Erlaubnis und Gebührenbescheid versenden", tb, 10, 1)
    else:
        m.n("service", "Task_Gebuehr", "Gebühr berechnen, Zahlungslink senden", ka, 9)
        m.n("send", "Task_Versand", "Erlaubnis digital zustellen", tb, 10, 1)
        m.message("Task_Gebuehr", a, "Zahlungslink")
    m.n("end", "End_Erteilt", "Erlaubnis erteilt", tb, 11, 1)
    m.chain("Join_Pruefung", "Gw_Erlaubnis")
    m.flow("Gw_Erlaubnis", "Task_Erlaubnis", "ja")
    m.flow("Gw_Erlaubnis", "Task_Ablehnung", "nein")
    m.flow("Task_Ablehnung", "End_Abgelehnt")
    m.chain("Task_Erlaubnis", "Task_Gebuehr", "Task_Versand", "End_Erteilt")
    m.data("Data_Erlaubnis", "Sondernutzungserlaubnis", ka, 10, reads=("Task_Versand",))
    m.message(a, "Start_Antrag", "Antrag")
    m.message("Task_Nachfordern", a, "Nachforderung")
    m.message(a, "Catch_Unterlagen", "Unterlagen")
    m.message("Task_Ablehnung", a, "Ablehnung")
    m.message("Task_Versand", a, "Erlaubnis")
    return m


def bewohnerparken_freiburg(v: int) -> Modell:
    """The resident's side modelled as a process of its own: apply and pay online, wait."""
    m = Modell("bewohnerparkausweis-freiburg", "Bewohnerparkausweis beantragen")
    m.pool("Pool_Bewohner", "Bewohner/in", process="Process_Bewohner", rows=2)
    m.pool(
        "Pool_Freiburg",
        "Stadt Freiburg im Breisgau, Amt für öffentliche Ordnung",
        process="Process_Bewohnerparken",
        lanes=(("Lane_Bewohnerparken", "Sachgebiet Bewohnerparken", 2),),
    )
    b, bp = "Pool_Bewohner", "Lane_Bewohnerparken"
    m.n("start", "Start_Bedarf", "Parkausweis benötigt", b, 0, 1)
    m.n("user", "Task_Antrag", "Online-Antrag mit Fahrzeugschein ausfüllen", b, 1, 1)
    m.n("send", "Task_Bezahlen", "Gebühr bezahlen und absenden", b, 2, 1)
    m.n("event_gw", "Gw_Antwort", "", b, 3, 1)
    m.n("catch_msg", "Catch_Ausweis", "Parkausweis erhalten", b, 6, 1)
    m.n("end", "End_Ausweis", "Ausweis hinter der Scheibe", b, 9, 1)
    m.n("catch_msg", "Catch_Ablehnung", "Ablehnung erhalten", b, 7, 0)
    m.n("end", "End_Abgelehnt", "Kein Parkausweis", b, 8, 0)
    m.chain(
        "Start_Bedarf", "Task_Antrag", "Task_Bezahlen", "Gw_Antwort", "Catch_Ausweis", "End_Ausweis"
    )
    m.chain("Gw_Antwort", "Catch_Ablehnung", "End_Abgelehnt")

    m.n("start_msg", "Start_Antrag", "Antrag mit Zahlung eingegangen", bp, 2, 0)
    m.n("service", "Task_Melderegister", "Hauptwohnsitz im Melderegister prüfen", bp, 3, 0)
    m.n(
        "rule",
        "Task_Anspruch",
        "Anspruch prüfen",
        bp,
        4,
        0,
        doc=(
            "Hauptwohnsitz im Bewohnerparkgebiet; Fahrzeug auf die Person zugelassen oder "
            "dauerhaft überlassen."
        ),
    )
    m.n("xor", "Gw_Anspruch", "Anspruch besteht?", bp, 5, 0)
    m.n("send", "Task_Ablehnen", "Ablehnen und Gebühr erstatten", bp, 7, 1)
    m.n("send", "Task_Ausstellen", "Parkausweis drucken und versenden", bp, 6, 0)
    m.n("end", "End_Erteilt", "Parkausweis erteilt", bp, 8, 0)
    m.n("end", "End_Abgelehnt_Amt", "Antrag abgelehnt", bp, 8, 1)
    m.chain("Start_Antrag", "Task_Melderegister", "Task_Anspruch", "Gw_Anspruch")
    m.flow("Gw_Anspruch", "Task_Ausstellen", "ja")
    m.flow("Gw_Anspruch", "Task_Ablehnen", "nein")
    m.flow("Task_Ausstellen", "End_Erteilt")
    m.flow("Task_Ablehnen", "End_Abgelehnt_Amt")
    m.message("Task_Bezahlen", "Start_Antrag", "Antrag")
    m.message("Task_Ablehnen", "Catch_Ablehnung", "Ablehnung")
    m.message("Task_Ausstellen", "Catch_Ausweis", "Parkausweis")
    return m


def bewohnerparken_leonberg(v: int) -> Modell:
    """Variant: issued at the counter; the enforcement service gets the list."""
    m = Modell("bewohnerparkausweis-leonberg", "Bewohnerparkausweis")
    m.pool("Pool_Bewohner", "Bewohner/in")
    m.pool(
        "Pool_Leonberg",
        "Stadt Leonberg",
        process="Process_Bewohnerpark_Leo",
        lanes=(
            ("Lane_Buergerbuero", "Bürgerbüro", 2),
            ("Lane_Vollzug", "Gemeindlicher Vollzugsdienst", 1),
        ),
    )
    bb, vd, b = "Lane_Buergerbuero", "Lane_Vollzug", "Pool_Bewohner"
    m.n("start_msg", "Start_Schalter", "Antrag am Schalter", bb, 0, 1)
    m.n("user", "Task_Pruefen", "Meldeadresse und Fahrzeugschein prüfen", bb, 1, 1)
    m.n("xor", "Gw_Gebiet", "Wohnung im Parkgebiet?", bb, 2, 1)
    m.n("send", "Task_Ablehnen", "Ablehnung erklären", bb, 3, 0)
    m.n("end", "End_Abgelehnt", "Kein Anspruch", bb, 5, 0)
    m.n("manual", "Task_Kassieren", "Gebühr kassieren", bb, 3, 1)
    m.n("send", "Task_Ausstellen", "Parkausweis ausstellen", bb, 4, 1)
    m.n("service", "Task_Liste", "Liste der Ausweise aktualisieren", vd, 5)
    m.n("end", "End_Erteilt", "Ausweis erteilt", vd, 6)
    m.chain("Start_Schalter", "Task_Pruefen", "Gw_Gebiet")
    m.flow("Gw_Gebiet", "Task_Ablehnen", "nein")
    m.flow("Task_Ablehnen", "End_Abgelehnt")
    m.flow("Gw_Gebiet", "Task_Kassieren", "ja")
    m.chain("Task_Kassieren", "Task_Ausstellen", "Task_Liste", "End_Erteilt")
    m.message(b, "Start_Schalter")
    m.message("Task_Ablehnen", b, "Auskunft")
    m.message("Task_Ausstellen", b, "Parkausweis")
    return m


def veranstaltung_sindelfingen(v: int) -> Modell:
    """Deliberately flawed: the check forks without a gateway and the approval joins without
    one – the lint findings show what to improve."""
    m = Modell("veranstaltungsgenehmigung-sindelfingen", "Genehmigung einer Veranstaltung")
    m.pool("Pool_Veranstalter", "Veranstalter/in")
    m.pool(
        "Pool_Sindelfingen",
        "Stadt Sindelfingen",
        process="Process_Veranstaltung",
        lanes=(
            ("Lane_Ordnung", "Ordnungsamt", 1),
            ("Lane_Feuerwehr", "Feuerwehr", 1),
            ("Lane_Verkehr", "Verkehrsbehörde", 1),
        ),
    )
    oa, fw, sv, vs = "Lane_Ordnung", "Lane_Feuerwehr", "Lane_Verkehr", "Pool_Veranstalter"
    m.n("start_msg", "Start_Anzeige", "Veranstaltung angezeigt", oa, 0)
    m.n(
        "user",
        "Task_Pruefen",
        "Veranstaltung und Sicherheitskonzept prüfen",
        oa,
        1,
        doc="Ab 5.000 Besuchern ist ein Sicherheitskonzept mit Sanitätsdienst nötig.",
    )
    m.n("user", "Task_Brandschutz", "Brandschutz und Rettungswege prüfen", fw, 2)
    m.n("user", "Task_Sperrung", "Straßensperrung anordnen", sv, 2)
    m.n("user", "Task_Bescheid", "Genehmigung mit Auflagen erstellen", oa, 3)
    m.n("user", "Task_Gebuehr", "Gebühr festsetzen", oa, 4)
    m.n("send", "Task_Versenden", "Bescheid versenden", oa, 5)
    m.n("end", "End_Genehmigt", "Veranstaltung genehmigt", oa, 6)
    m.chain("Start_Anzeige", "Task_Pruefen")
    m.flow("Task_Pruefen", "Task_Brandschutz", via=-10)
    m.flow("Task_Pruefen", "Task_Sperrung", via=10)
    m.flow("Task_Brandschutz", "Task_Bescheid", via=-10)
    m.flow("Task_Sperrung", "Task_Bescheid", via=10)
    m.chain("Task_Bescheid", "Task_Gebuehr", "Task_Versenden", "End_Genehmigt")
    m.message(vs, "Start_Anzeige", "Anzeige")
    m.message("Task_Versenden", vs, "Bescheid")
    return m


MODELLE = {
    "sondernutzung-stuttgart": (sondernutzung_stuttgart, 2),
    "bewohnerparkausweis-freiburg": (bewohnerparken_freiburg, 1),
    "bewohnerparkausweis-leonberg": (bewohnerparken_leonberg, 1),
    "veranstaltungsgenehmigung-sindelfingen": (veranstaltung_sindelfingen, 1),
}
