"""The hostile files of the issue, through the register's real path: upload page → worker.

The toolkit's bounds are asserted in tests/modelle/bpmn/test_grenzen.py; here the same files go
through the upload and the processing service and end as a stored, bounded result with a finding —
never a crash and never a huge row. (Speed and memory are measured in bench/grenzen.py.)
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from modelle.bpmn.limits import SVG_BYTES
from modelle.models import Darstellung, Modellversion

sys.path.insert(0, str(Path(__file__).parent / "bpmn"))
from hostile import annotation_line_breaks, long_task_name

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("bau", "hinweis"),
    [(annotation_line_breaks, "Zeilen"), (long_task_name, "Zeichen")],
)
def test_feindliche_datei_wird_begrenzt_gespeichert(client_als, redakteur_a, kommune_a,
                                                    verarbeitet, bau, hinweis):  # fmt: skip
    daten = bau()
    assert len(daten) > 9_000_000
    antwort = verarbeitet(
        client_als(redakteur_a).post,
        "/modelle/hochladen/",
        {"dateien": [SimpleUploadedFile("feind.bpmn", daten)], "kommune": kommune_a.pk,
         "sichtbarkeit": "intern", "lizenz": "cc-by-4.0", "kategorie": "sonstiges"},
    )  # fmt: skip
    assert antwort.status_code == 200
    version = Modellversion.objects.get()
    assert version.verarbeitung == "warnungen"
    grenzen = [b for b in version.befunde if b["rule"] == "limit"]
    assert grenzen and any(hinweis in b["message_de"] for b in grenzen)
    svg = Darstellung.objects.get(version=version).svg
    assert len(svg.encode()) <= SVG_BYTES
    assert len(version.suchtext) <= 100_000
    assert version.vorschau.png[:4] == b"\x89PNG"
    # the model page shows it without choking on the size
    seite = client_als(redakteur_a).get(f"/modelle/{version.modell.uuid}/")
    assert seite.status_code == 200 and len(seite.content) < 3 * 1024 * 1024
