"""Hundesteuer (three Kommunen) and the internal E-Rechnung process."""

from __future__ import annotations

from ..modell import Modell, versatz

HALTER = "Pool_Halter"


def hundesteuer_leonberg(v: int) -> Modell:
    """v1 paper form at the counter; v2 online form, tag by post and SEPA direct debit."""
    m = Modell("hundesteuer-leonberg", "Hundesteuer: Anmeldung eines Hundes")
    m.pool(HALTER, "Hundehalter/in")
    m.pool(
        "Pool_Leonberg",
        "Stadt Leonberg",
        process="Process_Hundesteuer",
        lanes=(
            ("Lane_Buergerbuero", "Bürgerbüro", 1),
            ("Lane_Steueramt", "Steuer- und Abgabenamt", 2),
            ("Lane_Kasse", "Stadtkasse", 2 if v == 1 else 3),
        ),
    )
    bb, st, ka = "Lane_Buergerbuero", "Lane_Steueramt", "Lane_Kasse"
    if v == 1:
        m.n("start_msg", "Start_Anmeldung", "Anmeldeformular eingegangen", bb, 0)
        m.n("user", "Task_Annehmen", "Anmeldung annehmen und prüfen", bb, 1)
        m.n("manual", "Task_Marke", "Hundemarke aushändigen", bb, 2)
        m.data("Data_Anmeldung", "Anmeldeformular", st, 1, 0, reads=("Task_Annehmen",))
        m.chain("Start_Anmeldung", "Task_Annehmen", "Task_Marke")
    else:
        m.n("start_msg", "Start_Anmeldung", "Online-Anmeldung eingegangen", bb, 0)
        m.n("service", "Task_Import", "Antrag ins Steuerverfahren übernehmen", bb, 1)
        m.n("send", "Task_Marke", "Hundemarke per Post versenden", bb, 2)
        m.data("Data_Anmeldung", "Online-Antrag", st, 1, 0, reads=("Task_Import",))
        m.chain("Start_Anmeldung", "Task_Import", "Task_Marke")
    m.message(HALTER, "Start_Anmeldung", "Anmeldung")
    m.message("Task_Marke", HALTER, "Hundemarke")
    m.n(
        "user",
        "Task_Pruefen",
        "Haltungsbeginn und Zahl der Hunde prüfen",
        st,
        3,
        0,
        doc="Steuerpflicht beginnt mit dem Monat nach der Aufnahme des Hundes (ab drei Monaten).",
    )
    m.n("xor", "Gw_Ermaessigung", "Ermäßigung beantragt?", st, 4, 0)
    m.n("user", "Task_Nachweis", "Nachweis für die Ermäßigung prüfen", st, 5, 1)
    m.n("xor", "Merge_Ermaessigung", "", st, 6, 0)
    m.n(
        "rule",
        "Task_Festsetzen",
        "Steuer festsetzen",
        st,
        7,
        0,
        doc="Steuersätze nach der Hundesteuersatzung: Ersthund, jeder weitere Hund, Kampfhund.",
    )
    m.n("send", "Task_Bescheid", "Steuerbescheid versenden", st, 8, 0)
    m.data("Data_Bescheid", "Hundesteuerbescheid", st, 8, 1, reads=("Task_Bescheid",))
    m.flow("Task_Marke", "Task_Pruefen")
    m.flow("Task_Pruefen", "Gw_Ermaessigung")
    m.flow("Gw_Ermaessigung", "Task_Nachweis", "ja")
    m.flow("Gw_Ermaessigung", "Merge_Ermaessigung", "nein")
    m.chain("Task_Nachweis", "Merge_Ermaessigung", "Task_Festsetzen", "Task_Bescheid")
    m.message("Task_Bescheid", HALTER, "Bescheid")

    m.n("user", "Task_Soll", "Sollstellung buchen", ka, 9, 0)
    m.flow("Task_Bescheid", "Task_Soll")
    zr = 0 if v == 1 else 1  # the row of the "wait for payment" branch
    if v == 1:
        m.n("event_gw", "Gw_Zahlung", "", ka, 10, 0)
        m.flow("Task_Soll", "Gw_Zahlung")
        m.n("catch_msg", "Catch_Zahlung", "Zahlung eingegangen", ka, 11, 0)
        m.n("end", "End_Bezahlt", "Steuer bezahlt", ka, 13, 0)
        m.flow("Catch_Zahlung", "End_Bezahlt")
    else:
        m.n("xor", "Gw_SEPA", "SEPA-Mandat erteilt?", ka, 10, 0)
        m.n("service", "Task_Lastschrift", "Betrag per Lastschrift einziehen", ka, 11, 0)
        m.n("event_gw", "Gw_Zahlung", "", ka, 11, 1)
        m.n("catch_msg", "Catch_Zahlung", "Überweisung eingegangen", ka, 12, 1)
        m.n("xor", "Merge_Bezahlt", "", ka, 14, 0)
        m.n("end", "End_Bezahlt", "Steuer bezahlt", ka, 15, 0)
        m.flow("Task_Soll", "Gw_SEPA")
        m.flow("Gw_SEPA", "Task_Lastschrift", "ja")
        m.flow("Gw_SEPA", "Gw_Zahlung", "nein")
        m.chain("Task_Lastschrift", "Merge_Bezahlt", "End_Bezahlt")
        m.flow("Catch_Zahlung", "Merge_Bezahlt")
        m.note(
            "Note_SEPA",
            "SEPA-Mandat kann im Online-Antrag erteilt werden.",
            ka,
            10,
            2,
            target="Gw_SEPA",
            w=130,
        )
    m.n(
        "catch_timer",
        "Timer_Faellig",
        "Eine Woche nach Fälligkeit",
        ka,
        11 + v - 1,
        zr + 1,
        frist="P7D",
    )
    m.n("send", "Task_Mahnen", "Mahnung versenden", ka, 12 + v - 1, zr + 1)
    m.n("end", "End_Mahnung", "Mahnverfahren eingeleitet", ka, 13 + v - 1, zr + 1)
    m.flow("Gw_Zahlung", "Catch_Zahlung")
    m.flow("Gw_Zahlung", "Timer_Faellig")
    m.chain("Timer_Faellig", "Task_Mahnen", "End_Mahnung")
    m.message(HALTER, "Catch_Zahlung", "Zahlung")
    m.message("Task_Mahnen", HALTER, "Mahnung")
    return m


def hundesteuer_sindelfingen(v: int) -> Modell:
    """Variant with the Ordnungsamt for dogs of listed breeds. Its tax tag is only named inside
    the diagram (tasks and an annotation) – the search finds the model by that word."""
    m = Modell("hundesteuer-sindelfingen", "Anmeldung zur Hundesteuer")
    m.pool(HALTER, "Hundehalterin/Hundehalter")
    m.pool(
        "Pool_Sindelfingen",
        "Stadt Sindelfingen",
        process="Process_Hundesteuer_Sifi",
        lanes=(
            ("Lane_Buergeramt", "Bürgeramt", 1),
            ("Lane_Steuer", "Steuerabteilung", 1),
            ("Lane_Ordnung", "Ordnungsamt", 1),
        ),
    )
    ba, sa, oa = "Lane_Buergeramt", "Lane_Steuer", "Lane_Ordnung"
    m.n("start_msg", "Start_Anmeldung", "Hund angemeldet", ba, 0)
    m.n("user", "Task_Erfassen", "Anmeldung erfassen", ba, 1)
    m.n("user", "Task_Rasse", "Rasse und Haltungsbeginn prüfen", sa, 2)
    m.n("xor", "Gw_Liste", "Gelistete Rasse?", sa, 3)
    m.n("send", "Task_Anfordern", "Wesenstest und Sachkunde anfordern", oa, 4)
    m.n("catch_msg", "Catch_Nachweise", "Nachweise eingegangen", oa, 5)
    m.n("user", "Task_Erlaubnis", "Über die Erlaubnis zur Haltung entscheiden", oa, 6)
    m.n("xor", "Merge_Liste", "", sa, 7)
    m.n(
        "rule",
        "Task_Satz",
        "Steuersatz bestimmen",
        sa,
        8,
        doc="Erhöhter Satz für gefährliche Hunde nach der Hundesteuersatzung.",
    )
    m.n("user", "Task_Bescheid", "Steuerbescheid erstellen", sa, 9)
    m.n("send", "Task_Versand", "Bescheid und Steuermarke versenden", sa, 10)
    m.n("end", "End_Veranlagt", "Hund veranlagt", sa, 11)
    m.chain("Start_Anmeldung", "Task_Erfassen", "Task_Rasse", "Gw_Liste")
    m.flow("Gw_Liste", "Task_Anfordern", "ja")
    m.flow("Gw_Liste", "Merge_Liste", "nein")
    m.chain("Task_Anfordern", "Catch_Nachweise", "Task_Erlaubnis", "Merge_Liste")
    m.chain("Merge_Liste", "Task_Satz", "Task_Bescheid", "Task_Versand", "End_Veranlagt")
    m.data("Data_Bescheid", "Steuerbescheid", oa, 9, writes=("Task_Bescheid",))
    m.note(
        "Note_Marke",
        "Steuermarke sichtbar am Halsband tragen; Verlust sofort melden.",
        oa,
        10,
        0,
        target="Task_Versand",
        w=200,
    )
    m.message(HALTER, "Start_Anmeldung", "Anmeldung")
    m.message("Task_Anfordern", HALTER, "Anforderung")
    m.message(HALTER, "Catch_Nachweise", "Nachweise")
    m.message("Task_Versand", HALTER, "Bescheid")
    return m


def hundesteuer_esslingen(v: int) -> Modell:
    """Small variant (taken over from Leonberg and cut down): all at the counter."""
    m = Modell("hundesteuer-esslingen", "Hundesteuer anmelden")
    m.pool(HALTER, "Halter/in des Hundes")
    m.pool(
        "Pool_Esslingen",
        "Stadt Esslingen am Neckar",
        process="Process_Hundesteuer_Es",
        lanes=(
            ("Lane_Buergerbuero", "Bürgerbüro", 1),
            ("Lane_Steuer", "Steuern und Abgaben", 2),
        ),
    )
    bb, st = "Lane_Buergerbuero", "Lane_Steuer"
    m.n("start_msg", "Start_Anmeldung", "Hund am Schalter angemeldet", bb, 0)
    m.n("user", "Task_Erfassen", "Anmeldung erfassen", bb, 1)
    m.n("manual", "Task_Marke", "Hundemarke aushändigen", bb, 2)
    m.n("xor", "Gw_Zweithund", "Weiterer Hund im Haushalt?", st, 3)
    m.n("rule", "Task_Regelsatz", "Regelsatz ansetzen", st, 4)
    m.n("rule", "Task_Zweitsatz", "Satz für weiteren Hund ansetzen", st, 4, 1)
    m.n("xor", "Merge_Satz", "", st, 5)
    m.n("send", "Task_Bescheid", "Bescheid erstellen und versenden", st, 6)
    m.n("end", "End_Veranlagt", "Steuer festgesetzt", st, 7)
    m.chain("Start_Anmeldung", "Task_Erfassen", "Task_Marke", "Gw_Zweithund")
    m.flow("Gw_Zweithund", "Task_Regelsatz", "nein")
    m.flow("Gw_Zweithund", "Task_Zweitsatz", "ja")
    m.chain("Task_Regelsatz", "Merge_Satz")
    m.flow("Task_Zweitsatz", "Merge_Satz")
    m.chain("Merge_Satz", "Task_Bescheid", "End_Veranlagt")
    m.message(HALTER, "Start_Anmeldung")
    m.message("Task_Marke", HALTER, "Hundemarke")
    m.message("Task_Bescheid", HALTER, "Bescheid")
    return m


def e_rechnung_karlsruhe(v: int) -> Modell:
    """Internal: invoices in. v1 paper and PDF scanned; v2 XRechnung from the platform,
    validated and routed automatically by the Leitweg-ID."""
    m = Modell("e-rechnung-karlsruhe", "Rechnungseingang (E-Rechnung)")
    m.pool("Pool_Lieferant", "Lieferant/Auftragnehmer")
    m.pool(
        "Pool_Karlsruhe",
        "Stadt Karlsruhe",
        process="Process_Rechnungseingang",
        lanes=(
            ("Lane_Eingang", "Zentrale Rechnungseingangsstelle", 2),
            ("Lane_Fachamt", "Fachamt (sachliche Prüfung)", 2),
            ("Lane_Kasse", "Stadtkämmerei, Kasse", 1),
        ),
    )
    re, fa, ka = "Lane_Eingang", "Lane_Fachamt", "Lane_Kasse"
    if v == 1:
        m.n("start_msg", "Start_Rechnung", "Rechnung eingegangen", re, 0, 1)
        m.n("user", "Task_Scannen", "Rechnung scannen und Kopfdaten erfassen", re, 1, 1)
        m.n("user", "Task_Zuordnen", "Fachamt zuordnen", re, 2, 1)
        m.chain("Start_Rechnung", "Task_Scannen", "Task_Zuordnen")
        m.note(
            "Note_Medienbruch",
            "Papier und PDF per E-Mail: Daten werden von Hand abgetippt.",
            re,
            1,
            0,
            target="Task_Scannen",
            w=190,
        )
    else:
        m.n("start_msg", "Start_Rechnung", "XRechnung über die Plattform eingegangen", re, 0, 1)
        m.n("service", "Task_Validieren", "XRechnung automatisch validieren", re, 1, 1)
        m.n("xor", "Gw_Valide", "Formal gültig?", re, 2, 1)
        m.n("send", "Task_Ablehnen", "Mit Prüfbericht zurückweisen", re, 2, 0)
        m.n("end", "End_Ungueltig", "Rechnung formal ungültig", re, 3, 0)
        m.n(
            "service",
            "Task_Zuordnen",
            "Fachamt über die Leitweg-ID zuordnen",
            re,
            3,
            1,
            doc="Leitweg-ID nach dem Standard der KoSIT; die Rechnung landet im Postkorb des Amts.",
        )
        m.chain("Start_Rechnung", "Task_Validieren", "Gw_Valide")
        m.flow("Gw_Valide", "Task_Ablehnen", "nein")
        m.flow("Task_Ablehnen", "End_Ungueltig")
        m.flow("Gw_Valide", "Task_Zuordnen", "ja")
        m.message("Task_Ablehnen", "Pool_Lieferant", "Prüfbericht")
    m.message("Pool_Lieferant", "Start_Rechnung", "Rechnung")
    c = 0 if v == 1 else 1  # v2 needs one column more in front
    m.n(
        "user",
        "Task_Sachlich",
        "Sachlich und rechnerisch prüfen",
        fa,
        3 + c,
        0,
        doc="Abgleich mit Bestellung und Lieferschein; Bestätigung im Vier-Augen-Prinzip.",
    )
    m.boundary(
        "boundary_timer",
        "Timer_Skonto",
        "Skontofrist endet in 3 Tagen",
        "Task_Sachlich",
        frist="P3D",
        pos=0.85,
        interrupting=False,
    )
    # straight below the boundary event, which sits at 85 % of the task's width
    m.n("send", "Task_Erinnern", "Prüfer/in erinnern", fa, 3 + c + versatz(0.85), 1)
    m.n("end", "End_Erinnert", "Erinnerung versandt", fa, 4 + c + versatz(0.85), 1)
    m.flow("Timer_Skonto", "Task_Erinnern")
    m.flow("Task_Erinnern", "End_Erinnert")
    m.n("xor", "Gw_Korrekt", "Rechnung korrekt?", fa, 5 + c, 0)
    m.n("send", "Task_Beanstanden", "Rechnung beanstanden", fa, 6 + c, 1)
    m.n("end", "End_Beanstandet", "Rechnung zurückgewiesen", fa, 7 + c, 1)
    m.flow("Task_Zuordnen", "Task_Sachlich")
    m.flow("Task_Sachlich", "Gw_Korrekt")
    m.flow("Gw_Korrekt", "Task_Beanstanden", "nein")
    m.flow("Task_Beanstanden", "End_Beanstandet")
    m.message("Task_Beanstanden", "Pool_Lieferant", "Beanstandung")
    if v == 1:
        m.n("user", "Task_Anordnen", "Auszahlung anordnen (unterschreiben)", fa, 7 + c, 0)
    else:
        m.n("user", "Task_Anordnen", "Auszahlung digital anordnen", fa, 7 + c, 0)
    m.flow("Gw_Korrekt", "Task_Anordnen", "ja")
    m.n("user", "Task_Zahlen", "Zahlung ausführen", ka, 8 + c)
    if v == 1:
        m.n("user", "Task_Buchen", "Buchen und Beleg ablegen", ka, 9 + c)
    else:
        m.n("service", "Task_Buchen", "Buchen und revisionssicher archivieren", ka, 9 + c)
    m.n("end", "End_Bezahlt", "Rechnung bezahlt", ka, 10 + c)
    m.chain("Task_Anordnen", "Task_Zahlen", "Task_Buchen", "End_Bezahlt")
    m.data(
        "Data_Rechnung",
        "Rechnung (Papier oder PDF)" if v == 1 else "XRechnung",
        fa,
        2 + c,
        0,
        reads=("Task_Sachlich",),
    )
    return m


MODELLE = {
    "hundesteuer-leonberg": (hundesteuer_leonberg, 2),
    "hundesteuer-sindelfingen": (hundesteuer_sindelfingen, 1),
    "hundesteuer-esslingen": (hundesteuer_esslingen, 1),
    "e-rechnung-karlsruhe": (e_rechnung_karlsruhe, 2),
}
