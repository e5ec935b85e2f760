"""The register's steps in the audit log, each with the Kommune by name: upload, new version,
review, publication, reuse, comments, archiving, and a refused change."""

from __future__ import annotations

import pytest
from bpmn_bau import prozess

from kommunen.models import AuditEintrag
from modelle import services
from modelle.models import Modellversion
from modelle.services import diskussion, freigabe

pytestmark = pytest.mark.django_db


@pytest.fixture
def redakteur_b(make_mitglied, kommune_b):
    return make_mitglied(kommune_b, "bearbeiten", username="redakteur_b")


def protokoll() -> list[tuple[str, str, str]]:
    return list(
        AuditEintrag.objects.order_by("id")
        .exclude(aktion="anmeldung.erfolgreich")
        .values_list("aktion", "wer_benutzername", "kommune_name")
    )


def test_der_weg_eines_modells_steht_im_audit_log(
    redakteur_a, admin_a, kommune_a, redakteur_b, kommune_b, mitglied_b, modell_von, datei,
    verarbeitet,
):  # fmt: skip
    version = modell_von(redakteur_a, kommune_a, "Hundesteuer anmelden", lizenz="cc-by-4.0")
    zwei = verarbeitet(
        services.version_hochladen,
        user=redakteur_a,
        modell=version.modell,
        datei=datei("v2.bpmn", prozess("Hundesteuer anmelden", variante="zwei")),
    )
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=zwei)
    verarbeitet(freigabe.freigeben, user=admin_a, version=zwei)
    zwei = Modellversion.objects.get(pk=zwei.pk)
    verarbeitet(services.nachnutzen, user=redakteur_b, version=zwei, kommune=kommune_b)
    kommentar = verarbeitet(
        diskussion.kommentar_schreiben, user=mitglied_b, version=zwei, text="Gut"
    )
    diskussion.kommentar_aendern(user=mitglied_b, kommentar=kommentar, text="Sehr gut")
    diskussion.kommentar_loeschen(user=mitglied_b, kommentar=kommentar)
    freigabe.modell_archivieren(user=admin_a, modell=version.modell)

    a, b = "Böblingen, Stadt", "Leonberg, Stadt"
    assert protokoll() == [
        ("prozessmodell.angelegt", "redakteur_a", a),
        ("modellversion.hochgeladen", "redakteur_a", a),
        ("modellversion.hochgeladen", "redakteur_a", a),
        ("modellversion.zur_pruefung", "redakteur_a", a),
        ("modellversion.freigegeben", "admin_a", a),
        ("prozessmodell.nachgenutzt", "redakteur_b", b),
        ("prozessmodell.nachgenutzt_von", "redakteur_b", a),
        ("modellversion.hochgeladen", "redakteur_b", b),
        ("kommentar.geschrieben", "mitglied_b", a),
        ("kommentar.geaendert", "mitglied_b", a),
        ("kommentar.geloescht", "mitglied_b", a),
        ("prozessmodell.archiviert", "admin_a", a),
    ]


def test_verweigerte_aenderung_nennt_modell_und_kommune(
    redakteur_a, kommune_a, mitglied_a, modell_von, client_als
):
    version = modell_von(redakteur_a, kommune_a)
    antwort = client_als(mitglied_a).get(f"/modelle/{version.modell.uuid}/bearbeiten/")
    assert antwort.status_code == 403
    eintrag = AuditEintrag.objects.get(aktion="zugriff.verweigert")
    assert (eintrag.wer_benutzername, eintrag.kommune_ags, eintrag.objekt_id) == (
        "mitglied_a",
        kommune_a.ags,
        str(version.modell.pk),
    )
