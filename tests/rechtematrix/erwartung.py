"""The permission matrix: for every route, target and method, what each actor gets.

One entry per route name: `"route": {"target": {"METHOD": "cells"}}`. The six cells are the
actors, in this order (see welt.py):

    anonym   leser_a   redaktion_a   admin_a   admin_b   koordination

`admin_b` is the Kommunen-Admin of the other Kommune B (the strongest outsider). A cell is the
expected status code; `+` after it means this actor's request is allowed to change the database
(every other request must leave it exactly as it was); `-` skips that actor. Targets are named
in `welt.py` (`-` = the route takes no parameters). Methods not listed for a route are sent as
well, by every actor (PATCH only to the API; a page treats it like DELETE): they must not answer
5xx, change anything or show anything hidden.

A new route needs a line here, or the matrix test fails and names it, e.g. a public catalog:

    "katalog": {"-": {"GET": "200 200 200 200 200 200"}},

Bodies for writes come from DATEN: what that actor would send for herself, so a refusal can only
come from the rule.
"""

from __future__ import annotations

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile

from kommunen.models import Mitgliedschaft
from modelle.services.register import stand_von
from tests.modelle.bpmn_bau import prozess

# fmt: off
MATRIX: dict[str, dict[str, dict[str, str]]] = {
    # --- accounts (Django's views with our templates) (anon leser redak adminA adminB koord)
    "login":                   {"-": {"GET": "200 200 200 200 200 200",
                                      "POST": "200 200 200 200 200 200"}},
    "logout":                  {"-": {"GET": "405 405 405 405 405 405",
                                      "POST": "302 302 302 302 302 302"}},
    "password_change":         {"-": {"GET": "302 200 200 200 200 200",
                                      "POST": "302 302+ 302+ 302+ 302+ 302+"}},
    "password_change_done":    {"-": {"GET": "302 200 200 200 200 200"}},
    "password_reset":          {"-": {"GET": "200 200 200 200 200 200",
                                      "POST": "302 302 302 302 302 302"}},
    "password_reset_done":     {"-": {"GET": "200 200 200 200 200 200"}},
    "password_reset_confirm":  {"reset_kaputt": {"GET": "200 200 200 200 200 200"}},
    "password_reset_complete": {"-": {"GET": "200 200 200 200 200 200"}},

    # --- API (anon leser redak adminA adminB koord)
    "api_schema":   {"-": {"GET": "200 200 200 200 200 200"}},
    "api_docs":     {"-": {"GET": "200 200 200 200 200 200"}},
    "api_kommunen": {"-": {"GET": "200 200 200 200 200 200"}},
    "api_kommune":  {"kommune_a": {"GET": "200 200 200 200 200 200"},
                     "kommune_kaputt": {"GET": "404 404 404 404 404 404"}},
    "api_mitgliedschaften": {"-": {"GET": "403 200 200 200 200 200"}},
    "api_einladungen": {"-": {"GET": "403 405 405 405 405 405",
                              "POST": "403 404 404 201+ 201+ 404"}},
    "api_kohorten":        {"-": {"GET": "200 200 200 200 200 200"}},
    "api_veranstaltungen": {"-": {"GET": "200 200 200 200 200 200"},
                            "kohorte": {"GET": "200 200 200 200 200 200"},
                            "kohorte_entwurf": {"GET": "404 404 404 404 404 200"},
                            "kohorte_kaputt": {"GET": "400 400 400 400 400 400"}},
    "api_meine_einschreibungen": {"-": {"GET": "403 200 200 200 200 200"}},
    "api_einschreibungen": {"kohorte_frei": {"POST": "403 404 404 201+ 201+ 404"}},
    "api_einschreibung": {"einschreibung_a": {"GET": "403 404 404 200 404 404"},
                          "einschreibung_b": {"GET": "403 404 404 404 200 404"}},
    "api_einschreibung_zurueckziehen": {
        "einschreibung_a": {"POST": "403 404 404 200+ 404 404"},
        "einschreibung_b": {"POST": "403 404 404 404 200+ 404"}},
    "api_modelle": {"-": {"GET": "200 200 200 200 200 200",
                          "POST": "403 403 201+ 201+ 201+ 403"}},
    "api_modell": {
        "entwurf":     {"GET": "404 200 200 200 404 404", "PATCH": "403 403 200+ 200+ 404 404"},
        "pruefung":    {"GET": "404 200 200 200 404 404", "PATCH": "403 403 200+ 200+ 404 404"},
        "netzwerk":    {"GET": "404 200 200 200 200 200", "PATCH": "403 403 200+ 200+ 403 403"},
        "oeffentlich": {"GET": "200 200 200 200 200 200", "PATCH": "403 403 200+ 200+ 403 403"},
        "intern":      {"GET": "404 200 200 200 404 404", "PATCH": "403 403 200+ 200+ 404 404"},
        "archiv":      {"GET": "404 200 200 200 404 404", "PATCH": "403 403 200+ 200+ 404 404"},
        "fremd":       {"GET": "404 404 404 404 200 404", "PATCH": "403 404 404 404 200+ 404"},
        "kaputt":      {"GET": "404 404 404 404 404 404", "PATCH": "403 404 404 404 404 404"}},
    "api_versionen": {
        "entwurf":  {"POST": "403 403 201+ 201+ 404 404"},
        "netzwerk": {"POST": "403 403 201+ 201+ 403 403"},
        "fremd":    {"POST": "403 404 404 404 201+ 404"},
        "kaputt":   {"POST": "403 404 404 404 404 404"}},
    "api_version": {
        "entwurf":     {"GET": "404 200 200 200 404 404"},
        "netzwerk":    {"GET": "404 200 200 200 200 200"},
        "netzwerk_v2": {"GET": "404 200 200 200 404 404"},
        "oeffentlich": {"GET": "200 200 200 200 200 200"},
        "intern":      {"GET": "404 200 200 200 404 404"},
        "fremd":       {"GET": "404 404 404 404 200 404"}},
    "api_vergleich": {"vergleich_netzwerk": {"GET": "404 200 200 200 404 404"},
                      "vergleich_oeffentlich": {"GET": "200 200 200 200 200 200"}},

    # --- the register (anon leser redak adminA adminB koord)
    "katalog":           {"-": {"GET": "200 200 200 200 200 200"}},
    "modell_pruefen":    {"-": {"GET": "302 200 200 200 200 200",
                                "POST": "302 200 200 200 200 200"}},
    # nothing waits under that hash: back to the check page (302); no Kommune with Redaktion: 404
    "modell_pruefen_uebernehmen": {"-": {"GET": "302 405 405 405 405 405",
                                         "POST": "302 404 302 302 302 404"}},
    "modelle_hochladen": {"-": {"GET": "302 403 200 200 200 403",
                                "POST": "302 403 200+ 200+ 200+ 403"}},
    "meine_modelle":     {"-": {"GET": "302 200 200 200 200 200"}},
    "verarbeitung_status": {"status_alle": {"GET": "200 200 200 200 200 200"}},
    "modell_detail": {
        "entwurf":     {"GET": "404 200 200 200 404 404"},
        "pruefung":    {"GET": "404 200 200 200 404 404"},
        "netzwerk":    {"GET": "404 200 200 200 200 200"},
        "oeffentlich": {"GET": "200 200 200 200 200 200"},
        "intern":      {"GET": "404 200 200 200 404 404"},
        "archiv":      {"GET": "404 200 200 200 404 404"},
        "fremd":       {"GET": "404 404 404 404 200 404"}},
    "modell_bearbeiten": {
        "entwurf":  {"GET": "302 403 200 200 404 404", "POST": "302 403 302+ 302+ 404 404"},
        "netzwerk": {"GET": "302 403 200 200 403 403", "POST": "302 403 302+ 302+ 403 403"}},
    "version_neu": {
        "entwurf":  {"GET": "302 403 200 200 404 404", "POST": "302 403 302+ 302+ 404 404"},
        "netzwerk": {"GET": "302 403 200 200 403 403", "POST": "302 403 302+ 302+ 403 403"}},
    "version_detail": {
        "entwurf":     {"GET": "404 200 200 200 404 404"},
        "netzwerk":    {"GET": "404 200 200 200 200 200"},
        "netzwerk_v2": {"GET": "404 200 200 200 404 404"},
        "oeffentlich": {"GET": "200 200 200 200 200 200"},
        "intern":      {"GET": "404 200 200 200 404 404"},
        "fremd":       {"GET": "404 404 404 404 200 404"}},
    "modell_vergleich": {"vergleich_netzwerk": {"GET": "404 200 200 200 404 404"},
                         "netzwerk": {"GET": "404 200 200 200 200 200"}},
    "vergleich": {"vergleich_uuid": {"GET": "404 200 200 200 200 200"},
                  "vergleich_geheim": {"GET": "404 200 200 200 404 404"}},
    "leistung": {"leistung": {"GET": "200 200 200 200 200 200"},
                 "leistung_kaputt": {"GET": "404 404 404 404 404 404"}},
    "modell_archivieren": {
        "netzwerk": {"GET": "302 403 403 200 403 403", "POST": "302 403 403 302+ 403 403"},
        "entwurf":  {"GET": "302 403 403 200 404 404", "POST": "302 403 403 302+ 404 404"}},
    "modell_wiederherstellen": {"archiv": {"POST": "302 403 403 302+ 404 404"}},
    "version_zur_pruefung": {
        "entwurf":     {"POST": "302 403 302+ 302+ 404 404"},
        "netzwerk_v2": {"POST": "302 403 302+ 302+ 404 404"}},
    "version_freigeben":    {"pruefung": {"POST": "302 403 403 302+ 404 404"}},
    "version_zurueckgeben": {"pruefung": {"POST": "302 403 403 302+ 404 404"}},
    "version_nachnutzen": {
        "netzwerk":    {"POST": "302 404 302 302 302+ 404"},
        "oeffentlich": {"POST": "302 404 302 302 302+ 404"},
        "entwurf":     {"POST": "302 404 403 403 404 404"}},
    "kommentar_schreiben": {
        "netzwerk": {"POST": "302 302+ 302+ 302+ 302+ 302+"},
        "entwurf":  {"POST": "302 302+ 302+ 302+ 404 404"}},
    "kommentar_bearbeiten": {
        "kommentar_leser_a": {"GET":  "302 200 403 403 403 403",
                              "POST": "302 302+ 403 403 403 403"},
        "kommentar_entwurf": {"GET":  "302 403 200 403 404 404",
                              "POST": "302 403 302+ 403 404 404"}},
    "kommentar_loeschen": {
        "kommentar_leser_a": {"GET":  "302 200 403 403 403 403",
                              "POST": "302 302+ 403 403 403 403"},
        "kommentar_admin_b": {"GET":  "302 403 403 403 200 403",
                              "POST": "302 403 403 403 302+ 403"},
        "kommentar_entwurf": {"GET":  "302 403 200 403 404 404",
                              "POST": "302 403 302+ 403 404 404"}},
    "version_datei": {
        "entwurf":     {"GET": "404 200 200 200 404 404"},
        "netzwerk":    {"GET": "404 200 200 200 200 200"},
        "netzwerk_v2": {"GET": "404 200 200 200 404 404"},
        "oeffentlich": {"GET": "200 200 200 200 200 200"},
        "intern":      {"GET": "404 200 200 200 404 404"}},
    "version_svg": {
        "entwurf":     {"GET": "404 200 200 200 404 404"},
        "netzwerk":    {"GET": "404 200 200 200 200 200"},
        "oeffentlich": {"GET": "200 200 200 200 200 200"},
        "fremd":       {"GET": "404 404 404 404 200 404"}},
    "version_vorschau": {
        "entwurf":     {"GET": "404 200 200 200 404 404"},
        "netzwerk":    {"GET": "404 200 200 200 200 200"},
        "oeffentlich": {"GET": "200 200 200 200 200 200"},
        "fremd":       {"GET": "404 404 404 404 200 404"}},
    "version_bild": {
        "entwurf":     {"GET": "404 200 200 200 404 404"},
        "oeffentlich": {"GET": "200 200 200 200 200 200"}},

    # --- coordination's results (anon leser redak adminA adminB koord)
    "koordination_ergebnisse":     {"-": {"GET": "404 404 404 404 404 200"}},
    "koordination_audit":          {"-": {"GET": "302 404 404 404 404 200"}},
    "koordination_ergebnisse_csv": {"-": {"GET": "404 404 404 404 404 200"}},

    # --- Schulungen (anon leser redak adminA adminB koord)
    "schulungen_kalender": {"-": {"GET": "200 200 200 200 200 200"}},
    "schulungen_kohorte": {"kohorte":         {"GET": "200 200 200 200 200 200"},
                           "kohorte_entwurf": {"GET": "404 404 404 404 404 200"}},
    "schulungen_anmelden": {"kohorte_frei":    {"POST": "302 404 404 302+ 302+ 404"},
                            "kohorte_entwurf": {"POST": "302 404 404 404 404 404"}},
    "schulungen_veranstaltung": {"veranstaltung":         {"GET": "200 200 200 200 200 200"},
                                 "veranstaltung_entwurf": {"GET": "404 404 404 404 404 200"}},
    "schulungen_veranstaltung_ics": {"veranstaltung":         {"GET": "200 200 200 200 200 200"},
                                     "veranstaltung_entwurf": {"GET": "404 404 404 404 404 200"}},
    "schulungen_teilnehmende": {"einschreibung_a": {"POST": "302 404 404 302+ 404 404"},
                                "einschreibung_b": {"POST": "302 404 404 404 302+ 404"}},
    "schulungen_zurueckziehen": {
        "einschreibung_a": {"GET": "302 404 404 200 404 404", "POST": "302 404 404 302+ 404 404"},
        "einschreibung_b": {"GET": "302 404 404 404 200 404", "POST": "302 404 404 404 302+ 404"}},
    "schulungen_abo":          {"-": {"GET": "302 200 200 200 200 200"}},
    "schulungen_abo_erzeugen": {"-": {"GET": "302 200 302 302 302 302",
                                      "POST": "302 302+ 302+ 302+ 302+ 302+"}},
    "schulungen_feed": {"abo_leser_a": {"GET": "200 200 200 200 200 200"},
                        "abo_kaputt":  {"GET": "404 404 404 404 404 404"}},

    # --- the coordination's pages (anon leser redak adminA adminB koord)
    "koordination":             {"-": {"GET": "302 404 404 404 404 200"}},
    "koordination_kohorte_neu": {"-": {"GET": "302 404 404 404 404 200",
                                       "POST": "302 404 404 404 404 302+"}},
    "koordination_kohorte":     {"kohorte": {"GET": "302 404 404 404 404 200"}},
    "koordination_kohorte_bearbeiten": {"kohorte": {"GET": "302 404 404 404 404 200",
                                                    "POST": "302 404 404 404 404 302+"}},
    "koordination_veranstaltung_neu":  {"kohorte": {"GET": "302 404 404 404 404 200",
                                                    "POST": "302 404 404 404 404 302+"}},
    "koordination_einschreibungen_csv": {"kohorte": {"GET": "302 404 404 404 404 200"}},
    "koordination_anwesenheit_csv":     {"kohorte": {"GET": "302 404 404 404 404 200"}},
    "koordination_veranstaltung_bearbeiten": {
        "veranstaltung": {"GET": "302 404 404 404 404 200", "POST": "302 404 404 404 404 302+"}},
    "koordination_anwesenheit": {
        # Before the event has begun nobody can be marked: the coordination gets a 400.
        "veranstaltung": {"GET": "302 404 404 404 404 200", "POST": "302 404 404 404 404 400"}},
    "koordination_entscheiden": {"einschreibung_a": {"POST": "302 404 404 404 404 302+"}},
    "koordination_kommunen": {"-": {"GET": "302 404 404 404 404 200",
                                    "POST": "302 404 404 404 404 302+"}},

    # --- Kommunen and their people (anon leser redak adminA adminB koord)
    "start":          {"-": {"GET": "200 200 200 200 200 200"}},
    "kommunen_liste": {"-": {"GET": "200 200 200 200 200 200"}},
    "kommune_detail": {"kommune_a": {"GET": "200 200 200 200 200 200"},
                       "kommune_kaputt": {"GET": "404 404 404 404 404 404"}},
    "meine_kommune":  {"-": {"GET": "302 200 200 200 200 200"}},
    "einladen": {"kommune_a": {"POST": "302 404 404 302+ 404 404"},
                 "kommune_b": {"POST": "302 404 404 404 302+ 404"}},
    "einladung_zurueckziehen": {"einladung_a": {"POST": "302 404 404 302+ 404 404"}},
    "rolle_aendern": {"mitglied_a":         {"POST": "302 404 404 302+ 404 404"},
                      "mitglied_b_ueber_a": {"POST": "302 404 404 404 404 404"}},
    "mitglied_entfernen": {
        "mitglied_a":         {"GET":  "302 404 404 200 404 404",
                               "POST": "302 404 404 302+ 404 404"},
        "mitglied_b_ueber_a": {"GET":  "302 404 404 404 404 404",
                               "POST": "302 404 404 404 404 404"}},
    # The link is the credential: whoever holds it may join (a member keeps the higher role).
    # Every actor's address differs from the invited one: without the explicit confirmation
    # (trust-c) the role is not handed over, the page asks again (400).
    "einladung_annehmen": {"einladung_token":  {"GET": "200 200 200 200 200 200",
                                                "POST": "400 400 400 400 400 400"},
                           "einladung_kaputt": {"GET": "410 410 410 410 410 410",
                                                "POST": "410 410 410 410 410 410"}},
}
# fmt: on


# --- request bodies: what each actor would send for herself ------------------------------------

_zaehler = itertools.count(1)


def _bpmn(name: str = "rechtematrix.bpmn") -> SimpleUploadedFile:
    """A fresh, valid BPMN file (new bytes every time: never a duplicate)."""
    n = next(_zaehler)
    return SimpleUploadedFile(
        name, prozess(f"Upload {n}", variante=f"rm-{n}"), content_type="application/xml"
    )


def _eigene_kommune(w, akteur):
    user = w.users[akteur]
    m = Mitgliedschaft.objects.filter(user=user).select_related("kommune").first() if user else None
    return m.kommune if m else None


def _metadaten(w, akteur, ziel):
    modell = w.objekte[ziel].modell
    modell.refresh_from_db()
    return {
        "titel": "Geänderter Titel",
        "kategorie": modell.kategorie,
        "lizenz": modell.lizenz,
        "sichtbarkeit": modell.sichtbarkeit,
        "stand": stand_von(modell),
    }


def _kohorte(w, akteur, ziel):
    k = w.objekte["kohorte"]
    return {
        "name": "Geänderte Kohorte",
        "jahr": k.jahr,
        "beginn": k.beginn.isoformat(),
        "ende": k.ende.isoformat(),
        "anmeldeschluss": k.anmeldeschluss.isoformat(),
        "max_kommunen": 7,
        "automatisch_bestaetigen": "on",
        "status": "offen",
    }


def _veranstaltung(w, akteur, ziel):
    k = w.objekte["kohorte"]
    return {
        "typ": "workshop",
        "titel": "Neuer Workshop",
        "beginn": f"{k.beginn.isoformat()}T09:00",
        "ende": f"{k.beginn.isoformat()}T12:00",
        "format": "online",
        "ort_oder_link": "https://konferenz.example/raum",
    }


def _kommune_pk(w, akteur, ziel):
    kommune = _eigene_kommune(w, akteur)
    return {"kommune": kommune.pk if kommune else ""}


def _kommune_slug(w, akteur, ziel):
    kommune = _eigene_kommune(w, akteur)
    return {"kommune": kommune.slug if kommune else ""}


NEUES_PASSWORT = "Ganz-Neues-Passwort-2027!"

# route → method → fn(welt, actor, target) → body. JSON for the API unless a file is in it.
DATEN = {
    "login": {"POST": lambda w, a, z: {"username": a, "password": "falsch"}},
    "password_change": {
        "POST": lambda w, a, z: {
            "old_password": "Rechte-Matrix-2026!",
            "new_password1": NEUES_PASSWORT,
            "new_password2": NEUES_PASSWORT,
        }
    },
    "password_reset": {"POST": lambda w, a, z: {"email": "leser_a@example.org"}},
    "api_einladungen": {"POST": lambda w, a, z: {"email": "neu@example.org", "rolle": "lesen"}},
    "api_einschreibungen": {"POST": lambda w, a, z: {"kohorte": str(w.ziele[z]["uuid"])}},
    "api_modelle": {"POST": lambda w, a, z: {"datei": _bpmn(), "titel": "Neu über die API"}},
    "api_modell": {"PATCH": lambda w, a, z: {"titel": "Neuer Titel über die API"}},
    "api_versionen": {"POST": lambda w, a, z: {"datei": _bpmn()}},
    "modell_pruefen": {"POST": lambda w, a, z: {"datei": _bpmn()}},
    "modell_pruefen_uebernehmen": {
        "POST": lambda w, a, z: {"sha": "0" * 64, **_kommune_pk(w, a, z)}
    },
    "modelle_hochladen": {
        "POST": lambda w, a, z: {
            "dateien": [_bpmn()],
            "sichtbarkeit": "netzwerk",
            "lizenz": "cc-by-4.0",
            "kategorie": "sonstiges",
            **_kommune_pk(w, a, z),
        }
    },
    "modell_bearbeiten": {"POST": _metadaten},
    "version_neu": {"POST": lambda w, a, z: {"datei": _bpmn(), "aenderungsnotiz": "neu"}},
    "version_zurueckgeben": {"POST": lambda w, a, z: {"kommentar": "Bitte noch ergänzen."}},
    "version_nachnutzen": {"POST": _kommune_pk},
    "kommentar_schreiben": {"POST": lambda w, a, z: {"text": "Ein neuer Kommentar"}},
    "kommentar_bearbeiten": {"POST": lambda w, a, z: {"text": "Geänderter Kommentar"}},
    "schulungen_anmelden": {"POST": _kommune_slug},
    "schulungen_teilnehmende": {"POST": lambda w, a, z: {"personen": []}},
    "schulungen_zurueckziehen": {"POST": lambda w, a, z: {"bestaetigt": "ja"}},
    "schulungen_abo_erzeugen": {"POST": lambda w, a, z: {"bestaetigt": "ja"}},
    "koordination_kohorte_neu": {"POST": _kohorte},
    "koordination_kohorte_bearbeiten": {"POST": _kohorte},
    "koordination_veranstaltung_neu": {"POST": _veranstaltung},
    "koordination_veranstaltung_bearbeiten": {"POST": _veranstaltung},
    "koordination_anwesenheit": {"POST": lambda w, a, z: {"anwesend": []}},
    "koordination_entscheiden": {
        "POST": lambda w, a, z: {"aktion": "ablehnen", "bestaetigt": "ja", "nachricht": "Leider"}
    },
    "koordination_kommunen": {
        "POST": lambda w, a, z: {"ags": "08115045", "admin_email": "neue-admin@example.org"}
    },
    "einladen": {"POST": lambda w, a, z: {"email": "kollegin@example.org", "rolle": "lesen"}},
    "rolle_aendern": {"POST": lambda w, a, z: {"rolle": "bearbeiten"}},
    "mitglied_entfernen": {"POST": lambda w, a, z: {"bestaetigt": "ja"}},
    "einladung_annehmen": {"POST": lambda w, a, z: {}},
}
