"""The service view: every visible variant of one Leistungsschlüssel with its key figures."""

from __future__ import annotations

import pytest
from django.test import Client

from modelle.services import freigabe

pytestmark = pytest.mark.django_db
SCHLUESSEL = "99102013104000"


def test_varianten_mit_kennzahlen_ohne_fremde_entwuerfe(redakteur_a, admin_a, kommune_a,
                                                        kommune_b, admin_b, mitglied_b,
                                                        modell_von, verarbeitet):  # fmt: skip
    frei = modell_von(redakteur_a, kommune_a, "Hundesteuer Böblingen",
                      leistungsschluessel=SCHLUESSEL)  # fmt: skip
    verarbeitet(freigabe.zur_pruefung_geben, user=redakteur_a, version=frei)
    verarbeitet(freigabe.freigeben, user=admin_a, version=frei)
    modell_von(redakteur_a, kommune_a, "Hundesteuer Entwurf", leistungsschluessel=SCHLUESSEL)
    eigen = modell_von(admin_b, kommune_b, "Hundesteuer Leonberg", leistungsschluessel=SCHLUESSEL)
    client = Client()
    client.force_login(mitglied_b)
    text = client.get(f"/leistungen/{SCHLUESSEL}/").content.decode()
    assert "2 Varianten von" in text
    assert "Hundesteuer Entwurf" not in text  # A's draft
    assert f'href="/modelle/{eigen.modell.uuid}/versionen/1/">Hundesteuer Leonberg</a>' in text
    # key figures read from the stored JSON: one task, no lanes, no loop
    zeile = text[text.index("Hundesteuer Böblingen</a>") :]
    assert "<td>1</td><td>0</td><td>0</td>" in zeile
    assert client.get("/leistungen/123/").status_code == 404
