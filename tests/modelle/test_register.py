"""Putting models into the register: numbers, duplicates, rights, immutability, no leftovers."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction

from kommunen.models import AuditEintrag
from modelle import ablage, selectors, services
from modelle.models import Modellversion, Prozessmodell
from prozessbibliothek.fehler import KeineBerechtigung, Konflikt, NichtGefunden

pytestmark = pytest.mark.django_db


def _dateien(verzeichnis) -> list[str]:
    return sorted(p.name for p in verzeichnis.rglob("*") if p.is_file())


def test_neues_modell_mit_version_1_und_datei_unter_hash(redakteur_a, kommune_a, datei, speicher):
    # GIVEN a Redakteur of Böblingen WHEN she uploads a file
    version = services.modell_anlegen(
        user=redakteur_a, kommune=kommune_a, datei=datei("hund.bpmn", prozess("Hundesteuer"))
    )
    # THEN the model carries the title from the file, version 1 is stored under its hash
    modell = version.modell
    assert (modell.titel, modell.kommune, modell.versionen_anzahl) == ("Hundesteuer", kommune_a, 1)
    assert (version.nummer, version.dateiname, version.kommune) == (1, "hund.bpmn", kommune_a)
    sha = ablage.sha256(prozess("Hundesteuer"))
    assert version.sha256 == sha and version.datei == f"modelle/{sha[:2]}/{sha}.bpmn"
    assert _dateien(speicher) == [f"{sha}.bpmn"]
    assert ablage.lesen(version.datei) == prozess("Hundesteuer")
    assert modell.neueste_version == version
    assert list(
        AuditEintrag.objects.filter(kommune=kommune_a).values_list("aktion", flat=True)
    ) == ["modellversion.hochgeladen", "prozessmodell.angelegt"]


def test_versionen_zaehlen_lueckenlos_hoch(redakteur_a, kommune_a, datei, modell_von):
    v1 = modell_von(redakteur_a, kommune_a, "Bauantrag")
    v2 = services.version_hochladen(
        user=redakteur_a, modell=v1.modell, datei=datei("b.bpmn", prozess("Bauantrag", ("A", "B")))
    )
    v3 = services.version_hochladen(
        user=redakteur_a,
        modell=v1.modell,
        datei=datei("c.bpmn", prozess("Bauantrag", ("A", "B", "C"))),
        aenderungsnotiz="  Prüfschritt C ergänzt ",
    )
    assert [v1.nummer, v2.nummer, v3.nummer] == [1, 2, 3]
    assert v3.aenderungsnotiz == "Prüfschritt C ergänzt"
    v1.modell.refresh_from_db()
    assert (v1.modell.versionen_anzahl, v1.modell.neueste_version) == (3, v3)


def test_gleiche_datei_wird_als_duplikat_abgelehnt(redakteur_a, kommune_a, datei, speicher):
    v1 = services.modell_anlegen(user=redakteur_a, kommune=kommune_a, datei=datei())
    for versuch in (
        lambda: services.version_hochladen(user=redakteur_a, modell=v1.modell, datei=datei()),
        lambda: services.modell_anlegen(user=redakteur_a, kommune=kommune_a, datei=datei()),
    ):
        with pytest.raises(Konflikt) as fehler:
            versuch()
        assert fehler.value.messages == [
            "Diese Datei liegt bereits als Version 1 von „Hundesteuer anmelden“ in der Bibliothek."
        ]
    assert Modellversion.objects.count() == 1 and Prozessmodell.objects.count() == 1
    assert len(_dateien(speicher)) == 1


def test_dieselbe_datei_darf_in_einer_anderen_kommune_liegen(
    redakteur_a, kommune_a, kommune_b, make_mitglied, datei, speicher
):
    redakteur_b = make_mitglied(kommune_b, "bearbeiten")
    services.modell_anlegen(user=redakteur_a, kommune=kommune_a, datei=datei())
    services.modell_anlegen(user=redakteur_b, kommune=kommune_b, datei=datei())
    # one file on disk for both: content-addressed
    assert Modellversion.objects.count() == 2 and len(_dateien(speicher)) == 1


@pytest.mark.parametrize("rolle", ["lesen"])
def test_leserecht_darf_nicht_hochladen(make_mitglied, kommune_a, datei, rolle, speicher):
    leser = make_mitglied(kommune_a, rolle)
    with pytest.raises(KeineBerechtigung):
        services.modell_anlegen(user=leser, kommune=kommune_a, datei=datei())
    assert not Prozessmodell.objects.exists() and _dateien(speicher) == []


def test_fremde_kommune_gibt_es_fuer_den_redakteur_nicht(
    redakteur_a, kommune_b, admin_b, modell_von, datei, speicher
):
    with pytest.raises(KeineBerechtigung):
        services.modell_anlegen(user=redakteur_a, kommune=kommune_b, datei=datei())
    fremd = modell_von(admin_b, kommune_b, "Leonberger Modell")
    with pytest.raises(NichtGefunden):
        selectors.modell_fuer(redakteur_a, fremd.modell.uuid)
    with pytest.raises(NichtGefunden):
        selectors.modell_zum_bearbeiten(redakteur_a, fremd.modell.uuid)
    with pytest.raises(KeineBerechtigung):
        # even when a caller skips the selector, the service itself refuses
        services.version_hochladen(
            user=redakteur_a, modell=fremd.modell, datei=datei("x.bpmn", prozess("x"))
        )


def test_ausgetretene_kommune_verliert_den_zugriff(redakteur_a, kommune_a, modell_von):
    version = modell_von(redakteur_a, kommune_a)
    kommune_a.ist_mitglied = False
    kommune_a.save()
    with pytest.raises(NichtGefunden):
        selectors.modell_fuer(redakteur_a, version.modell.uuid)


def test_bytes_hash_und_nummer_sind_unveraenderlich(redakteur_a, kommune_a, kommune_b, modell_von):
    version = modell_von(redakteur_a, kommune_a)
    # through the ORM
    version.nummer = 7
    with pytest.raises(RuntimeError):
        version.save()
    with pytest.raises(RuntimeError):
        version.save(update_fields=["sha256"])
    # and below it, with plain SQL
    for spalte, wert in [("sha256", "0" * 64), ("nummer", 9), ("datei", "anders"),
                         ("groesse", 1), ("modell_id", version.modell_id)]:  # fmt: skip
        if spalte == "modell_id":
            wert = modell_von(redakteur_a, kommune_a, "Anderes").modell_id
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
            c.execute(f"UPDATE modelle_modellversion SET {spalte} = %s WHERE id = %s",  # noqa: S608
                      [wert, version.pk])  # fmt: skip
    frisch = Modellversion.objects.get(pk=version.pk)
    assert (frisch.sha256, frisch.nummer, frisch.datei, frisch.groesse) == (
        version.sha256, 1, version.datei, version.groesse)  # fmt: skip
    # nor does a version move to another Kommune (the tenant column)
    with pytest.raises(RuntimeError):
        version.save(update_fields=["kommune"])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
        c.execute(
            "UPDATE modelle_modellversion SET kommune_id = %s WHERE id = %s",
            [kommune_b.pk, version.pk],
        )
    assert Modellversion.objects.get(pk=version.pk).kommune_id == kommune_a.pk
    # other columns (processing state) may change
    Modellversion.objects.filter(pk=version.pk).update(verarbeitung_grund="x")


def test_scheitert_die_transaktion_bleibt_keine_datei(
    redakteur_a, kommune_a, datei, speicher, monkeypatch
):
    def kaputt(**_kwargs):
        raise RuntimeError("Datenbank weg")

    monkeypatch.setattr("modelle.services.register.audit", kaputt)
    with pytest.raises(RuntimeError):
        services.modell_anlegen(user=redakteur_a, kommune=kommune_a, datei=datei())
    assert not Prozessmodell.objects.exists() and not Modellversion.objects.exists()
    assert _dateien(speicher) == []


def test_metadaten_werden_geprueft(redakteur_a, kommune_a, datei):
    with pytest.raises(ValidationError) as fehler:
        services.modell_anlegen(
            user=redakteur_a,
            kommune=kommune_a,
            datei=datei(),
            metadaten={"leistungsschluessel": "1234", "lizenz": "gpl", "titel": "x" * 201},
        )
    assert fehler.value.message_dict == {
        "leistungsschluessel": [
            "Der Leistungsschlüssel (LeiKa) besteht aus genau 14 Ziffern, z. B. 99108001000000."
        ],
        "lizenz": ["Bitte wählen Sie einen der angebotenen Werte."],
        "titel": ["Höchstens 200 Zeichen."],
    }
    assert not Prozessmodell.objects.exists()


def test_metadaten_aendern_und_gleichzeitige_aenderung(redakteur_a, admin_a, kommune_a, modell_von):
    modell = Prozessmodell.objects.get(pk=modell_von(redakteur_a, kommune_a).modell_id)
    stand = services.register.stand_von(modell)
    services.modell_aendern(
        user=admin_a,
        modell=modell,
        daten={
            "schlagworte": "Hund, Steuer; hund, Marke",
            "leistungsschluessel": "9902 6005 0010 00",
        },
        stand=stand,
    )
    modell.refresh_from_db()
    assert modell.schlagworte == ["Hund", "Steuer", "Marke"]
    assert modell.leistungsschluessel == "99026005001000"
    # the Redakteur's form was built before the admin's change: refused, nothing lost silently
    with pytest.raises(Konflikt):
        services.modell_aendern(
            user=redakteur_a, modell=modell, daten={"titel": "Mein Titel"}, stand=stand
        )
    modell.refresh_from_db()
    assert modell.titel == "Hundesteuer anmelden"
    eintrag = AuditEintrag.objects.filter(aktion="prozessmodell.geaendert").get()
    assert eintrag.details["schlagworte"] == {"alt": [], "neu": ["Hund", "Steuer", "Marke"]}


def test_kohorte_nur_wenn_die_kommune_teilnahm(redakteur_a, kommune_a, datei):
    from schulungen.models import Einschreibung, Kohorte

    kohorte = Kohorte.objects.create(
        name="2024/25", jahr=2024, beginn="2024-09-01", ende="2025-07-31",
        anmeldeschluss="2024-08-01", max_kommunen=10,
    )  # fmt: skip
    with pytest.raises(ValidationError) as fehler:
        services.modell_anlegen(
            user=redakteur_a, kommune=kommune_a, datei=datei(), metadaten={"kohorte": kohorte}
        )
    assert fehler.value.message_dict == {
        "kohorte": ["Böblingen, Stadt hat an dieser Kohorte nicht teilgenommen."]
    }
    Einschreibung.objects.create(kohorte=kohorte, kommune=kommune_a, status="bestaetigt")
    version = services.modell_anlegen(
        user=redakteur_a, kommune=kommune_a, datei=datei(), metadaten={"kohorte": kohorte}
    )
    assert version.modell.kohorte == kohorte


def test_stapel_prueft_recht_und_gemeinsame_angaben_einmal(
    redakteur_a, kommune_a, datei, monkeypatch
):
    from django.test.utils import CaptureQueriesContext

    from kommunen import permissions
    from schulungen.models import Einschreibung, Kohorte

    kohorte = Kohorte.objects.create(
        name="2024/25", jahr=2024, beginn="2024-09-01", ende="2025-07-31",
        anmeldeschluss="2024-08-01", max_kommunen=10,
    )  # fmt: skip
    Einschreibung.objects.create(kohorte=kohorte, kommune=kommune_a, status="bestaetigt")
    gefragt = []
    echt = permissions.kann_modelle_bearbeiten

    def mitschreiben(user, kommune):
        gefragt.append((user, kommune))
        return echt(user, kommune)

    monkeypatch.setattr(permissions, "kann_modelle_bearbeiten", mitschreiben)
    dateien = [datei(f"p{i}.bpmn", prozess(f"Prozess {i}", variante=str(i))) for i in range(3)]
    # WHEN a Redakteur uploads three files with a shared Kohorte
    with CaptureQueriesContext(connection) as abfragen:
        ergebnisse = services.modelle_aus_dateien_anlegen(
            user=redakteur_a, kommune=kommune_a, dateien=dateien, metadaten={"kohorte": kohorte}
        )
    # THEN three models exist, each with its own title and the Kohorte …
    assert [(e.version.modell.titel, e.version.modell.kohorte, e.fehler) for e in ergebnisse] == [
        (f"Prozess {i}", kohorte, "") for i in range(3)
    ]
    # … and the right (the one rule of kommunen.permissions) and the Kohorte were checked once
    assert gefragt == [(redakteur_a, kommune_a)]
    kohorte_geprueft = [q for q in abfragen if "schulungen_einschreibung" in q["sql"]]
    assert len(kohorte_geprueft) == 1


def test_gleiche_bytes_im_rennen_heissen_gerade_schon_hochgeladen(
    redakteur_a, kommune_a, datei, speicher, monkeypatch
):
    # GIVEN a first upload; the second one's check before the lock saw nothing (as when the
    # other upload had not committed yet)
    from modelle.services import register

    services.modell_anlegen(user=redakteur_a, kommune=kommune_a, datei=datei())
    monkeypatch.setattr(register, "_duplikat", lambda kommune, sha: None)
    # THEN the check under the lock refuses it, with its own message, and nothing is left
    with pytest.raises(Konflikt) as fehler:
        services.modell_anlegen(user=redakteur_a, kommune=kommune_a, datei=datei())
    assert fehler.value.messages == ["Diese Datei wurde gerade schon hochgeladen."]
    assert Modellversion.objects.count() == 1
    assert len(_dateien(speicher)) == 1
