"""Headers on every kind of answer: pages, API, error pages (400/403/404/500), under /api/ as JSON.

The permission matrix (test_rechtematrix.py) checks the same headers on every route it calls,
including the downloads and the thumbnail with their own Cache-Control.
"""

import pytest
from django.urls import include, path

from prozessbibliothek.middleware import KEIN_SPEICHERN

pytestmark = pytest.mark.django_db

VERBOTEN = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()")


def _geschuetzt(antwort, *, cache: str = KEIN_SPEICHERN) -> None:
    politik = antwort["Permissions-Policy"]
    for eintrag in VERBOTEN:
        assert eintrag in politik
    assert antwort["Cache-Control"] == cache
    assert antwort["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in antwort["Content-Security-Policy"]


def _kaputt(request):
    raise RuntimeError("geheimes Detail")


# The project's routes too: the error page links to them.
urlpatterns = [
    path("kaputt/", _kaputt),
    path("api/kaputt/", _kaputt),
    path("", include("prozessbibliothek.urls")),
]
handler500 = "prozessbibliothek.views.serverfehler"


def test_seite_ohne_anmeldung(client):
    antwort = client.get("/")
    assert antwort.status_code == 200
    _geschuetzt(antwort)


def test_seite_angemeldet(client_als, mitglied_a):
    antwort = client_als(mitglied_a).get("/meine-kommune/")
    assert antwort.status_code == 200
    _geschuetzt(antwort)


def test_api_antwort(client):
    antwort = client.get("/api/v1/kohorten/")
    assert antwort.status_code == 200
    assert antwort["Content-Type"] == "application/json"
    _geschuetzt(antwort)


def test_404_seite(client):
    antwort = client.get("/gibt-es-nicht/")
    assert antwort.status_code == 404
    assert "Seite nicht gefunden" in antwort.content.decode()
    _geschuetzt(antwort)


def test_api_404_fuer_pfad_ohne_uuid_ist_json(client):
    """A segment that is not a UUID never reaches a view: still the API's JSON, not HTML."""
    antwort = client.get("/api/v1/modelle/kein-uuid/versionen/")
    assert antwort.status_code == 404
    assert antwort.json() == {"detail": "Nicht gefunden."}
    _geschuetzt(antwort)


def test_403_seite(client_als, mitglied_a):
    """Reading members may not upload: the page says so with a 403."""
    antwort = client_als(mitglied_a).get("/modelle/hochladen/")
    assert antwort.status_code == 403
    _geschuetzt(antwort)


def test_400_seite_bei_fremdem_host(client):
    antwort = client.get("/", HTTP_HOST="angreifer.example")
    assert antwort.status_code == 400
    _geschuetzt(antwort)


def test_api_400_bei_fremdem_host_ist_json(client):
    antwort = client.get("/api/v1/kohorten/", HTTP_HOST="angreifer.example")
    assert antwort.status_code == 400
    assert antwort.json() == {"detail": ["Die Anfrage ist ungültig."]}
    _geschuetzt(antwort)


@pytest.mark.urls("tests.test_sicherheitskoepfe")
def test_500_seite(client):
    client.raise_request_exception = False
    antwort = client.get("/kaputt/")
    assert antwort.status_code == 500
    assert "geheimes Detail" not in antwort.content.decode()
    _geschuetzt(antwort)


@pytest.mark.urls("tests.test_sicherheitskoepfe")
def test_api_500_ist_json_ohne_details(client):
    client.raise_request_exception = False
    antwort = client.get("/api/kaputt/")
    assert antwort.status_code == 500
    assert "interner Fehler" in antwort.json()["detail"]
    assert "geheimes" not in antwort.content.decode()
    _geschuetzt(antwort)


def test_eigene_cache_angabe_bleibt(rf):
    """A view that names its own lifetime (the thumbnail, the calendar feed) keeps it."""
    from django.http import HttpResponse

    from prozessbibliothek.middleware import SicherheitskoepfeMiddleware

    def ansicht(request):
        antwort = HttpResponse(b"png")
        antwort["Cache-Control"] = "private, max-age=600"
        return antwort

    antwort = SicherheitskoepfeMiddleware(ansicht)(rf.get("/"))
    assert antwort["Cache-Control"] == "private, max-age=600"
    assert "camera=()" in antwort["Permissions-Policy"]
