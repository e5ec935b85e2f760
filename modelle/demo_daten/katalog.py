"""Catalogue of the demo process models: metadata and versions, one dict per Prozessmodell.

Pure data (no Django import), read by the demo loader. Keys of an entry:

- ``slug``: the folder under ``modelle/`` (unique).
- ``kommune_ags``: one of the demo member Kommunen.
- ``titel``, ``beschreibung``, ``leistungsschluessel`` (14 digits, or "" for an internal
  process without a Verwaltungsleistung), ``kategorie``, ``schlagworte``, ``ansprechperson``,
  ``lizenz``, ``sichtbarkeit``: as in the Prozessmodell form.
- ``kohorte_jahr``: the programme round the model came out of (2022, 2023) or None.
- ``versionen``: ``[{"datei": path relative to this package, "notiz": change note}]`` in
  order; version n of the model is the n-th file.
- ``maengel``: True for the models that are meant to show lint findings (a first draft as it
  really happens); every other model is clean.
- ``abgeleitet_von`` (optional): ``{"slug": ..., "version": n}`` – the model was taken over
  ("nachgenutzt") from that version of another Kommune's model and adapted.

Leistungsschlüssel: 99050012104000 (Gewerbe anmelden), 99102013104000 (Hundesteuer
Anmeldung), 99115005104000 (Wohnsitz anmelden) and 99108001001000 (Bewohnerparkausweis) are
LeiKa keys as the federal Leistungsverzeichnis (verwaltung.bund.de) and PVOG use them;
99008001012000 (Personalausweis) and 99012070006001 (Baugenehmigung) come from public links to
that directory and were not checked against the LeiKa catalogue itself. Keys marked
"illustrative" below are made up in the LeiKa format.

The BPMN files are written by ``python -m modelle.demo_daten.erzeugen``.
"""

from __future__ import annotations

GEWERBE_ANMELDEN = "99050012104000"
HUNDESTEUER_ANMELDUNG = "99102013104000"
BAUGENEHMIGUNG = "99012070006001"
BEWOHNERPARKAUSWEIS = "99108001001000"

BOEBLINGEN = "08115003"
LEONBERG = "08115028"
STUTTGART = "08111000"
HERRENBERG = "08115021"
SINDELFINGEN = "08115045"
ESSLINGEN = "08116019"
FREIBURG = "08311000"
KARLSRUHE = "08212000"
ULM = "08421000"
NECKARSULM = "08125065"


def _v(slug: str, *notizen: str) -> list[dict]:
    return [
        {"datei": f"modelle/{slug}/v{n}.bpmn", "notiz": notiz}
        for n, notiz in enumerate(notizen, start=1)
    ]


KATALOG: list[dict] = [
    {
        "slug": "gewerbeanmeldung-boeblingen",
        "kommune_ags": BOEBLINGEN,
        "titel": "Gewerbeanmeldung",
        "beschreibung": (
            "Anzeige eines neuen Gewerbes nach § 14 GewO, vom Eingang bis zur Bescheinigung. "
            "Das Bürgerbüro prüft die Unterlagen, das Gewerbeamt die Erlaubnispflicht; die "
            "Daten gehen an Finanzamt, IHK und Handwerkskammer. Seit Version 2 kommt die "
            "Anzeige online über service-bw."
        ),
        "leistungsschluessel": GEWERBE_ANMELDEN,
        "kategorie": "gewerbe",
        "schlagworte": ["Gewerbeanzeige", "GewA 1", "Gewerbeamt", "service-bw", "Online-Antrag"],
        "ansprechperson": (
            "Amt für Ordnung und Gewerbe, Frau Keller, gewerbe@boeblingen.example.org"
        ),
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "oeffentlich",
        "kohorte_jahr": 2022,
        "versionen": _v(
            "gewerbeanmeldung-boeblingen",
            "Erstfassung aus der Kohorte 2022: Formular am Schalter, Gebühr bar oder mit Karte.",
            "Online-Anzeige über service-bw: Daten werden übernommen statt abgetippt, die "
            "Gebühr ist vorab online bezahlt, Nachforderungen haben eine Frist von vier Wochen.",
            "Daten gehen elektronisch an die Stellen statt als Durchschrift per Post; die "
            "Bescheinigung kommt ins Postfach.",
        ),
    },
    {
        "slug": "gewerbeanmeldung-stuttgart",
        "kommune_ags": STUTTGART,
        "titel": "Gewerbeanmeldung (Gewerbeanzeige)",
        "beschreibung": (
            "Ablauf der Gewerbeanzeige im Amt für öffentliche Ordnung, mit der Seite der "
            "Antragstellenden. Das Servicecenter prüft die Angaben auf Plausibilität, bei "
            "erlaubnispflichtigen Gewerben holen wir eine Auskunft aus dem "
            "Gewerbezentralregister ein."
        ),
        "leistungsschluessel": GEWERBE_ANMELDEN,
        "kategorie": "gewerbe",
        "schlagworte": ["Gewerbeanzeige", "Gewerbezentralregister", "WZ-Schlüssel"],
        "ansprechperson": (
            "Amt für öffentliche Ordnung, Herr Schäfer, gewerbe@stuttgart.example.org"
        ),
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2022,
        "versionen": _v("gewerbeanmeldung-stuttgart", "Erstfassung aus der Kohorte 2022."),
    },
    {
        "slug": "gewerbeanmeldung-ulm",
        "kommune_ags": ULM,
        "titel": "Gewerbe anmelden",
        "beschreibung": (
            "Kurzer Ablauf am Schalter der Bürgerdienste: Anzeige prüfen, Gebühr kassieren, "
            "Kopie aushändigen. Die Abteilung Gewerbe erfasst die Anzeige und legt bei "
            "erlaubnispflichtigen Gewerben eine Akte an."
        ),
        "leistungsschluessel": GEWERBE_ANMELDEN,
        "kategorie": "gewerbe",
        "schlagworte": ["Gewerbeanzeige", "Bürgerdienste", "Schalter"],
        "ansprechperson": "Bürgerdienste, Frau Yilmaz, buergerdienste@ulm.example.org",
        "lizenz": "dl-de-by-2.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": None,
        "versionen": _v("gewerbeanmeldung-ulm", "Ist-Ablauf am Schalter."),
    },
    {
        "slug": "gaststaettenerlaubnis-leonberg",
        "kommune_ags": LEONBERG,
        # illustrative Leistungsschlüssel
        "leistungsschluessel": "99050006012000",
        "titel": "Gaststättenerlaubnis",
        "beschreibung": (
            "Erlaubnis für eine Gaststätte mit Alkoholausschank nach § 2 GastG. Nach der "
            "Vollständigkeitsprüfung hören wir Polizei und Landratsamt an und prüfen "
            "gleichzeitig Zuverlässigkeit und baurechtliche Zulässigkeit der Räume."
        ),
        "kategorie": "gewerbe",
        "schlagworte": ["Gaststätte", "GastG", "Konzession", "Anhörung"],
        "ansprechperson": "Ordnungsamt, Herr Brandt, gaststaetten@leonberg.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2022,
        "versionen": _v("gaststaettenerlaubnis-leonberg", "Erstfassung aus der Kohorte 2022."),
    },
    {
        "slug": "hundesteuer-leonberg",
        "kommune_ags": LEONBERG,
        "titel": "Hundesteuer: Anmeldung eines Hundes",
        "beschreibung": (
            "Anmeldung eines Hundes zur Hundesteuer bis zur Zahlung. Das Steueramt prüft "
            "Haltungsbeginn und Ermäßigungen und setzt die Steuer fest; die Stadtkasse "
            "überwacht den Zahlungseingang und mahnt. Version 2 bringt Online-Anmeldung und "
            "SEPA-Lastschrift."
        ),
        "leistungsschluessel": HUNDESTEUER_ANMELDUNG,
        "kategorie": "finanzen",
        "schlagworte": ["Hundesteuer", "Hundemarke", "SEPA-Lastschrift", "Mahnung"],
        "ansprechperson": "Steuer- und Abgabenamt, Frau Roth, steueramt@leonberg.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "oeffentlich",
        "kohorte_jahr": 2022,
        "versionen": _v(
            "hundesteuer-leonberg",
            "Erstfassung: Formular am Schalter, Hundemarke sofort, Zahlung per Überweisung.",
            "Online-Anmeldung, Hundemarke per Post, Einzug per SEPA-Lastschrift, wenn ein "
            "Mandat erteilt ist.",
        ),
    },
    {
        "slug": "hundesteuer-sindelfingen",
        "kommune_ags": SINDELFINGEN,
        # The word "Steuermarke" appears only inside this diagram (a task and an annotation),
        # nowhere in the catalogue: searching for it shows that the search reads the models.
        "titel": "Anmeldung zur Hundesteuer",
        "beschreibung": (
            "Steuerliche Anmeldung eines Hundes in der Steuerabteilung. Bei Hunden gelisteter "
            "Rassen fordert das Ordnungsamt Wesenstest und Sachkunde an, bevor der erhöhte "
            "Steuersatz festgesetzt wird."
        ),
        "leistungsschluessel": HUNDESTEUER_ANMELDUNG,
        "kategorie": "finanzen",
        "schlagworte": ["Hundesteuer", "Kampfhund", "Wesenstest", "Ordnungsamt"],
        "ansprechperson": "Steuerabteilung, Herr Nguyen, steuern@sindelfingen.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2023,
        "versionen": _v("hundesteuer-sindelfingen", "Erstfassung aus der Kohorte 2023."),
    },
    {
        "slug": "hundesteuer-esslingen",
        "kommune_ags": ESSLINGEN,
        "titel": "Hundesteuer anmelden",
        "beschreibung": (
            "Schlanker Ablauf: Anmeldung und Hundemarke am Schalter, die Abteilung Steuern "
            "setzt den Satz für Erst- oder weiteren Hund an. Übernommen aus dem Modell der "
            "Stadt Leonberg und auf unsere Organisation gekürzt."
        ),
        "leistungsschluessel": HUNDESTEUER_ANMELDUNG,
        "kategorie": "finanzen",
        "schlagworte": ["Hundesteuer", "Zweithund", "Nachnutzung"],
        "ansprechperson": "Steuern und Abgaben, Frau Weber, abgaben@esslingen.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2023,
        "abgeleitet_von": {"slug": "hundesteuer-leonberg", "version": 1},
        "versionen": _v(
            "hundesteuer-esslingen", "Aus Leonberg nachgenutzt und an Esslingen angepasst."
        ),
    },
    {
        "slug": "e-rechnung-karlsruhe",
        "kommune_ags": KARLSRUHE,
        "titel": "Rechnungseingang (E-Rechnung)",
        "beschreibung": (
            "Interner Ablauf vom Eingang einer Rechnung bis zur Zahlung. Die zentrale "
            "Rechnungseingangsstelle leitet an das Fachamt weiter, das sachlich und "
            "rechnerisch prüft; eine Erinnerung sichert das Skonto. Version 2 nimmt "
            "XRechnungen über die Plattform an."
        ),
        "leistungsschluessel": "",  # internal process, no Verwaltungsleistung
        "kategorie": "finanzen",
        "schlagworte": ["XRechnung", "Leitweg-ID", "Skonto", "Rechnungsprüfung"],
        "ansprechperson": "Stadtkämmerei, Herr Albrecht, rechnungseingang@karlsruhe.example.org",
        "lizenz": "alle-rechte",
        "sichtbarkeit": "intern",
        "kohorte_jahr": None,
        "versionen": _v(
            "e-rechnung-karlsruhe",
            "Ist-Ablauf: Papier und PDF werden gescannt und abgetippt.",
            "XRechnung über die Plattform: automatische Prüfung und Zuordnung über die "
            "Leitweg-ID, das Scannen entfällt; Anordnung und Archiv digital.",
        ),
    },
    {
        "slug": "bauantrag-herrenberg",
        "kommune_ags": HERRENBERG,
        "titel": "Baugenehmigungsverfahren (Bauantrag)",
        "beschreibung": (
            "Das vollständige Genehmigungsverfahren nach LBO: Eingang, Benachrichtigung der "
            "Angrenzer, Vollständigkeitsprüfung mit Nachforderung, Anhörung der Fachämter, "
            "Entscheidung, Gebühr, Zustellung und Baufreigabe. Version 2 überwacht die "
            "gesetzlichen Fristen."
        ),
        "leistungsschluessel": BAUGENEHMIGUNG,
        "kategorie": "bauen",
        "schlagworte": ["Bauantrag", "LBO", "Angrenzer", "Baufreigabe", "Fristen"],
        "ansprechperson": "Baurechtsamt, Frau Hoffmann, baurecht@herrenberg.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2023,
        "versionen": _v(
            "bauantrag-herrenberg",
            "Erstfassung aus der Kohorte 2023.",
            "Fristen überwacht: Nachreichung mit Rücknahme, Meldung nach zwei Monaten ohne "
            "Entscheidung; digitale Akte; Baubeginn und Bauüberwachung ergänzt.",
        ),
    },
    {
        "slug": "bauantrag-karlsruhe",
        "kommune_ags": KARLSRUHE,
        "titel": "Bauantrag im vereinfachten Verfahren",
        "beschreibung": (
            "Vereinfachtes Baugenehmigungsverfahren nach § 52 LBO für Anträge aus dem "
            "Bauportal. Stadtplanungsamt und Angrenzer werden parallel beteiligt; geprüft "
            "werden nur Planungsrecht, Abstandsflächen und örtliche Bauvorschriften."
        ),
        "leistungsschluessel": BAUGENEHMIGUNG,
        "kategorie": "bauen",
        "schlagworte": ["Bauantrag", "vereinfachtes Verfahren", "Bauportal"],
        "ansprechperson": "Bauordnungsamt, Herr Lang, bauordnung@karlsruhe.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": None,
        "versionen": _v("bauantrag-karlsruhe", "Erstfassung."),
    },
    {
        "slug": "baumfaellgenehmigung-esslingen",
        "kommune_ags": ESSLINGEN,
        # illustrative Leistungsschlüssel
        "leistungsschluessel": "99104017012000",
        "titel": "Genehmigung zum Fällen eines Baums",
        "beschreibung": (
            "Antrag auf Fällung eines Baums nach der Baumschutzsatzung. Ist der Baum "
            "geschützt, prüft die Baumkontrolle vor Ort auch den Artenschutz; eine "
            "Genehmigung enthält immer eine Ersatzpflanzung."
        ),
        "kategorie": "umwelt",
        "schlagworte": ["Baumschutzsatzung", "Baumfällung", "Ersatzpflanzung", "Artenschutz"],
        "ansprechperson": "Grünflächenamt, Frau Maier, gruenflaechen@esslingen.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2023,
        "versionen": _v("baumfaellgenehmigung-esslingen", "Erstfassung aus der Kohorte 2023."),
    },
    {
        "slug": "wohnsitzanmeldung-freiburg",
        "kommune_ags": FREIBURG,
        "titel": "Wohnsitz anmelden",
        "beschreibung": (
            "Anmeldung einer Wohnung im Bürgeramt mit Termin. Ohne Bestätigung des "
            "Wohnungsgebers bieten wir einen neuen Termin an; nach der Erfassung übermittelt "
            "das Back-Office die Daten an die beteiligten Stellen."
        ),
        "leistungsschluessel": "99115005104000",
        "kategorie": "buergerservice",
        "schlagworte": ["Meldewesen", "Ummeldung", "Wohnungsgeberbestätigung", "BMG"],
        "ansprechperson": "Bürgeramt, Frau Schmid, buergeramt@freiburg.example.org",
        "lizenz": "cc0-1.0",
        "sichtbarkeit": "oeffentlich",
        "kohorte_jahr": None,
        "versionen": _v("wohnsitzanmeldung-freiburg", "Ist-Ablauf mit Terminvergabe."),
    },
    {
        "slug": "personalausweis-herrenberg",
        "kommune_ags": HERRENBERG,
        "titel": "Personalausweis beantragen",
        "beschreibung": (
            "Antrag und Ausgabe des Personalausweises im Bürgeramt, einschließlich der "
            "Bestellung bei der Bundesdruckerei. Nicht abgeholte Ausweise werden nach drei "
            "Monaten ungültig gemeldet."
        ),
        "leistungsschluessel": "99008001012000",
        "kategorie": "buergerservice",
        "schlagworte": ["Personalausweis", "Bundesdruckerei", "Fingerabdruck", "Abholung"],
        "ansprechperson": "Bürgeramt, Herr Kaya, buergeramt@herrenberg.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2023,
        "versionen": _v("personalausweis-herrenberg", "Erstfassung aus der Kohorte 2023."),
    },
    {
        "slug": "fundsachen-neckarsulm",
        "kommune_ags": NECKARSULM,
        # illustrative Leistungsschlüssel
        "leistungsschluessel": "99122010104000",
        "titel": "Fundsachen annehmen und herausgeben",
        "beschreibung": (
            "Erster Entwurf aus dem Fundbüro: Annahme, Verwahrung und Herausgabe an "
            "Eigentümer oder Finder nach sechs Monaten. Noch nicht abgestimmt; die "
            "Modellprüfung zeigt, was wir nachbessern müssen."
        ),
        "kategorie": "buergerservice",
        "schlagworte": ["Fundbüro", "Fundsache", "Entwurf"],
        "ansprechperson": "Bürgerbüro, Frau Wagner, fundbuero@neckarsulm.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "intern",
        "kohorte_jahr": None,
        "maengel": True,
        "versionen": _v("fundsachen-neckarsulm", "Erster Entwurf."),
    },
    {
        "slug": "grabnutzungsrecht-boeblingen",
        "kommune_ags": BOEBLINGEN,
        # illustrative Leistungsschlüssel
        "leistungsschluessel": "99083005012000",
        "titel": "Grabnutzungsrecht vergeben",
        "beschreibung": (
            "Vergabe eines Wahl- oder Reihengrabs durch die Friedhofsverwaltung, mit "
            "Graburkunde und Gebühr. Version 1 hatte noch Modellierungsfehler, die in "
            "Version 2 behoben sind."
        ),
        "kategorie": "umwelt",
        "schlagworte": ["Friedhof", "Wahlgrab", "Reihengrab", "Graburkunde"],
        "ansprechperson": "Friedhofsverwaltung, Herr Vogel, friedhof@boeblingen.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2022,
        "maengel": True,
        "versionen": _v(
            "grabnutzungsrecht-boeblingen",
            "Erstfassung aus der Kohorte 2022.",
            "Befunde der Modellprüfung behoben: das Gateway führt nur noch zusammen, danach "
            "laufen Urkunde und Gebühr parallel. Die Urkunde wird digital zugestellt.",
        ),
    },
    {
        "slug": "sondernutzung-stuttgart",
        "kommune_ags": STUTTGART,
        # illustrative Leistungsschlüssel
        "leistungsschluessel": "99108027012000",
        "titel": "Sondernutzungserlaubnis für öffentliche Verkehrsflächen",
        "beschreibung": (
            "Erlaubnis für die Nutzung von Gehweg oder Straße über den Gemeingebrauch hinaus, "
            "etwa für Außengastronomie, Gerüste oder Container. Tiefbauamt und "
            "Verkehrsbehörde prüfen parallel; die Gebühr richtet sich nach der Satzung."
        ),
        "kategorie": "verkehr",
        "schlagworte": ["Sondernutzung", "Außengastronomie", "Gehweg", "Baustelle"],
        "ansprechperson": "Tiefbauamt, Frau Berger, sondernutzung@stuttgart.example.org",
        "lizenz": "dl-de-by-2.0",
        "sichtbarkeit": "oeffentlich",
        "kohorte_jahr": 2022,
        "versionen": _v(
            "sondernutzung-stuttgart",
            "Erstfassung aus der Kohorte 2022.",
            "Online-Antrag; Zahlungslink statt Gebührenbescheid; Abgleich mit dem "
            "Baustellenkalender ergänzt; Erlaubnis wird digital zugestellt.",
        ),
    },
    {
        "slug": "bewohnerparkausweis-freiburg",
        "kommune_ags": FREIBURG,
        "titel": "Bewohnerparkausweis beantragen",
        "beschreibung": (
            "Online-Antrag auf einen Bewohnerparkausweis mit Zahlung beim Absenden. Wir "
            "prüfen den Hauptwohnsitz im Melderegister und den Anspruch im Parkgebiet und "
            "schicken den Ausweis per Post."
        ),
        "leistungsschluessel": BEWOHNERPARKAUSWEIS,
        "kategorie": "verkehr",
        "schlagworte": ["Bewohnerparken", "Parkausweis", "Online-Antrag"],
        "ansprechperson": (
            "Amt für öffentliche Ordnung, Herr Fischer, bewohnerparken@freiburg.example.org"
        ),
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "oeffentlich",
        "kohorte_jahr": None,
        "versionen": _v("bewohnerparkausweis-freiburg", "Erstfassung."),
    },
    {
        "slug": "bewohnerparkausweis-leonberg",
        "kommune_ags": LEONBERG,
        "titel": "Bewohnerparkausweis",
        "beschreibung": (
            "Ausstellung des Bewohnerparkausweises direkt am Schalter des Bürgerbüros. Der "
            "Gemeindliche Vollzugsdienst erhält die aktuelle Liste der Ausweise."
        ),
        "leistungsschluessel": BEWOHNERPARKAUSWEIS,
        "kategorie": "verkehr",
        "schlagworte": ["Bewohnerparken", "Parkausweis", "Vollzugsdienst"],
        "ansprechperson": "Bürgerbüro, Frau Lorenz, buergerbuero@leonberg.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2022,
        "versionen": _v("bewohnerparkausweis-leonberg", "Erstfassung aus der Kohorte 2022."),
    },
    {
        "slug": "veranstaltungsgenehmigung-sindelfingen",
        "kommune_ags": SINDELFINGEN,
        # illustrative Leistungsschlüssel
        "leistungsschluessel": "99089012012000",
        "titel": "Genehmigung einer Veranstaltung",
        "beschreibung": (
            "Genehmigung von Festen und Märkten im öffentlichen Raum. Das Ordnungsamt prüft "
            "das Sicherheitskonzept, Feuerwehr und Verkehrsbehörde geben ihre Auflagen dazu."
        ),
        "kategorie": "ordnung",
        "schlagworte": ["Veranstaltung", "Sicherheitskonzept", "Straßensperrung"],
        "ansprechperson": "Ordnungsamt, Herr Becker, veranstaltungen@sindelfingen.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": 2023,
        "maengel": True,
        "versionen": _v("veranstaltungsgenehmigung-sindelfingen", "Erstfassung."),
    },
    {
        "slug": "kita-platzvergabe-ulm",
        "kommune_ags": ULM,
        # illustrative Leistungsschlüssel
        "leistungsschluessel": "99061002104000",
        "titel": "Vergabe von Kita-Plätzen",
        "beschreibung": (
            "Zentrale Vergabe der Betreuungsplätze einmal im Jahr nach den Vergaberichtlinien. "
            "Eltern merken ihr Kind im Portal vor, erhalten ein Angebot und haben zwei "
            "Wochen Zeit zuzusagen; sonst rückt das nächste Kind nach."
        ),
        "kategorie": "bildung",
        "schlagworte": ["Kita", "Kindertagesbetreuung", "Vormerkung", "Warteliste"],
        "ansprechperson": "Abteilung Kindertagesbetreuung, Frau Köhler, kita@ulm.example.org",
        "lizenz": "cc-by-4.0",
        "sichtbarkeit": "netzwerk",
        "kohorte_jahr": None,
        "versionen": _v("kita-platzvergabe-ulm", "Erstfassung."),
    },
]
