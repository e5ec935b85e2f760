"""The audit log: append-only down to the database, names kept at write time, refusals and admin
writes recorded, every action named in German."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory

from kommunen.audit import AKTIONEN, audit, verweigerung
from kommunen.models import AuditEintrag, Kommune, Kreis
from prozessbibliothek.fehler import FachfehlerMiddleware, KeineBerechtigung, NichtGefunden

pytestmark = pytest.mark.django_db
TRUST_CHECK = "audit"

WURZEL = Path(__file__).resolve().parents[2]


def verweigert(fn):
    """fn() is refused by the database (in a savepoint, so the test goes on)."""
    with (
        pytest.raises(IntegrityError, match="AuditEintrag ist unveraenderlich"),
        transaction.atomic(),
    ):
        fn()


# --- append-only below the ORM ---------------------------------------------------------------


def test_eintraege_lassen_sich_weder_aendern_noch_loeschen(admin_a, kommune_a, mitglied_a):
    eintrag = audit(wer=admin_a, kommune=kommune_a, aktion="kommune.aufgenommen", objekt=kommune_a)
    alle = AuditEintrag.objects.filter(pk=eintrag.pk)
    verweigert(lambda: alle.update(aktion="etwas.anderes"))
    verweigert(lambda: alle.update(details={"nachtraeglich": True}))
    verweigert(lambda: alle.update(wer_benutzername="jemand"))
    # A reference may only become empty (its account deleted), never point elsewhere.
    verweigert(lambda: alle.update(wer=mitglied_a))
    verweigert(lambda: alle.delete())
    tabelle = AuditEintrag._meta.db_table
    with connection.cursor() as cursor:
        verweigert(lambda: cursor.execute(f"DELETE FROM {tabelle}"))  # noqa: S608
        verweigert(lambda: cursor.execute(f"UPDATE {tabelle} SET aktion = 'x'"))  # noqa: S608
    eintrag.refresh_from_db()
    assert (eintrag.aktion, eintrag.wer_id, eintrag.details) == (
        "kommune.aufgenommen",
        admin_a.pk,
        {},
    )
    with pytest.raises(RuntimeError):
        eintrag.save()
    with pytest.raises(RuntimeError):
        eintrag.delete()


def test_geloeschtes_konto_und_geloeschte_kommune_bleiben_mit_namen(make_user, stammdaten):
    person = make_user("weg", first_name="Wera", last_name="Weggang")
    kommune = Kommune.objects.get(ags="08115001")  # Aidlingen: nothing else refers to it
    audit(wer=person, kommune=kommune, aktion="einladung.erstellt", objekt=kommune)
    person.delete()
    kommune.delete()
    eintrag = AuditEintrag.objects.get(aktion="einladung.erstellt")
    assert (eintrag.wer_id, eintrag.kommune_id) == (None, None)
    assert (eintrag.wer_benutzername, eintrag.wer_name) == ("weg", "Wera Weggang")
    assert (eintrag.kommune_name, eintrag.kommune_ags) == ("Aidlingen", "08115001")


@pytest.mark.django_db(transaction=True)
def test_flush_leert_das_log_und_der_schutz_bleibt(make_user, stammdaten):
    # Test runs flush after every transactional test: it must empty the log on SQLite
    # (row deletes) and PostgreSQL (TRUNCATE), and the guard must be back afterwards.
    audit(wer=make_user(), aktion="kalender_abo.erneuert")
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEintrag.objects.count() == 0
    neu = audit(wer=None, aktion="anmeldung.fehlgeschlagen")
    verweigert(lambda: AuditEintrag.objects.filter(pk=neu.pk).delete())


# --- refusals --------------------------------------------------------------------------------


def test_403_einer_seite_wird_protokolliert(client_als, mitglied_a):
    antwort = client_als(mitglied_a).get("/modelle/hochladen/")
    assert antwort.status_code == 403
    eintrag = AuditEintrag.objects.get(aktion="zugriff.verweigert")
    assert eintrag.wer_benutzername == "mitglied_a"
    assert eintrag.details["pfad"] == "/modelle/hochladen/"
    assert eintrag.details["methode"] == "GET"
    assert eintrag.details["status"] == 403
    assert eintrag.details["meldung"].startswith("Modelle in die Bibliothek bringen dürfen")


def test_403_der_api_wird_protokolliert(client_als, mitglied_a):
    datei = SimpleUploadedFile("prozess.bpmn", b"<definitions/>")
    antwort = client_als(mitglied_a).post("/api/v1/modelle/", {"datei": datei})
    assert antwort.status_code == 403
    eintrag = AuditEintrag.objects.get(aktion="zugriff.verweigert")
    assert (eintrag.wer_benutzername, eintrag.details["pfad"]) == ("mitglied_a", "/api/v1/modelle/")


def test_404_fuer_ein_vorhandenes_objekt_wird_protokolliert(mitglied_b, kommune_a):
    request = RequestFactory().post("/irgendwo/")
    request.user = mitglied_b
    mw = FachfehlerMiddleware(lambda r: None)
    assert mw.process_exception(request, NichtGefunden(objekt=kommune_a)).status_code == 404
    # A 404 that names nothing (no such object, or a selector hiding it) is not recorded.
    assert mw.process_exception(request, NichtGefunden()).status_code == 404
    eintrag = AuditEintrag.objects.get()
    assert (eintrag.aktion, eintrag.kommune, eintrag.kommune_name) == (
        "zugriff.verweigert",
        kommune_a,
        "Böblingen, Stadt",
    )
    assert (eintrag.objekt_typ, eintrag.details["status"]) == ("kommunen.Kommune", 404)


def test_dienst_nennt_das_objekt_das_er_verweigert(client_als, mitglied_b, kommune_a):
    from kommunen import services

    with pytest.raises(NichtGefunden) as fehler:
        services.einladung_erstellen(
            user=mitglied_b, kommune=kommune_a, email="x@example.org", rolle="lesen"
        )
    request = RequestFactory().get("/")
    request.user = mitglied_b
    verweigerung(request, fehler.value)
    assert AuditEintrag.objects.get().kommune_ags == kommune_a.ags


def test_verweigerung_ohne_anmeldung_wird_nicht_geschrieben(kommune_a):
    # Anonymous requests could fill the log without limit and name no one.
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/x/")
    request.user = AnonymousUser()
    assert verweigerung(request, KeineBerechtigung("nein")) is None
    assert verweigerung(request, NichtGefunden(objekt=kommune_a)) is None
    assert not AuditEintrag.objects.exists()


# --- admin site ------------------------------------------------------------------------------


@pytest.fixture
def chefin(make_user):
    return make_user("chefin", is_staff=True, is_superuser=True)


def test_aenderung_im_admin_bereich_steht_im_audit_log(client_als, chefin, stammdaten):
    kreis = Kreis.objects.get(schluessel="08115")
    antwort = client_als(chefin).post(
        f"/admin/kommunen/kreis/{kreis.pk}/change/",
        {
            "schluessel": "08115",
            "name": "Böblingen (neu)",
            "art": kreis.art,
            "regierungsbezirk": kreis.regierungsbezirk,
        },
    )
    assert antwort.status_code == 302
    eintrag = AuditEintrag.objects.get(aktion="admin.geaendert")
    assert (eintrag.wer_benutzername, eintrag.objekt_typ, eintrag.objekt_id) == (
        "chefin",
        "kommunen.Kreis",
        str(kreis.pk),
    )
    assert eintrag.details["aenderung"] == [{"changed": {"fields": ["Name"]}}]


def test_sammelloeschung_im_admin_bereich_je_objekt_im_audit_log(
    client_als, chefin, make_user, kommune_a
):
    a, b = make_user("alt_a"), make_user("alt_b")
    audit(wer=a, kommune=kommune_a, aktion="kalender_abo.erneuert")
    antwort = client_als(chefin).post(
        "/admin/kommunen/benutzer/",
        {"action": "delete_selected", "_selected_action": [a.pk, b.pk], "post": "yes"},
    )
    assert antwort.status_code == 302
    geloescht = AuditEintrag.objects.filter(aktion="admin.geloescht").order_by("objekt_id")
    assert [(e.wer_benutzername, e.objekt_id, e.details["objekt"]) for e in geloescht] == [
        ("chefin", str(a.pk), "alt_a"),
        ("chefin", str(b.pk), "alt_b"),
    ]
    frueher = AuditEintrag.objects.get(aktion="kalender_abo.erneuert")
    assert (frueher.wer_id, frueher.wer_benutzername) == (None, "alt_a")


# --- German names ----------------------------------------------------------------------------

# Actions written with a computed name: einschreibung.{aktion} for these decisions.
BERECHNET = {"einschreibung.bestaetigen", "einschreibung.warteliste", "einschreibung.ablehnen"}
# The functions that write an action named by a string argument.
SCHREIBER = {"audit", "_protokoll", "_protokollieren", "_schreiben"}
AKTION = re.compile(r"^[a-z_]+\.[a-z_]+$")


def _geschriebene_aktionen(baum: ast.AST) -> set[str]:
    gefunden = set()
    for knoten in ast.walk(baum):
        if not isinstance(knoten, ast.Call):
            continue
        name = getattr(knoten.func, "id", None) or getattr(knoten.func, "attr", None)
        if name not in SCHREIBER:
            continue
        argumente = [*knoten.args, *(k.value for k in knoten.keywords if k.arg == "aktion")]
        for arg in argumente:
            for teil in ast.walk(arg):
                if isinstance(teil, ast.Constant) and AKTION.match(str(teil.value)):
                    gefunden.add(teil.value)
    return gefunden


def test_jede_geschriebene_aktion_hat_einen_deutschen_namen():
    geschrieben = set(BERECHNET)
    for app in ("kommunen", "modelle", "schulungen", "prozessbibliothek"):
        for pfad in (WURZEL / app).rglob("*.py"):
            geschrieben |= _geschriebene_aktionen(ast.parse(pfad.read_text(encoding="utf-8")))
    # The services write these (a sample that proves the search finds them).
    assert {"modellversion.freigegeben", "einladung.erstellt", "anmeldung.gesperrt"} <= geschrieben
    assert sorted(geschrieben - set(AKTIONEN)) == []


def test_verweigerungen_eines_kontos_sind_je_stunde_begrenzt(client_als, mitglied_a, mitglied_b):
    # GIVEN a member repeats a refused request 70 times within the hour
    c = client_als(mitglied_a)
    for _ in range(70):
        assert c.get("/modelle/hochladen/").status_code == 403

    # THEN the log holds 60 refusals and one that says the rest went unrecorded
    eintraege = AuditEintrag.objects.filter(aktion="zugriff.verweigert", wer=mitglied_a)
    assert eintraege.count() == 61
    assert eintraege.filter(details__gedrosselt=True).count() == 1
    # … and another account's refusals are still recorded
    assert client_als(mitglied_b).get("/modelle/hochladen/").status_code == 403
    assert AuditEintrag.objects.filter(aktion="zugriff.verweigert", wer=mitglied_b).count() == 1
