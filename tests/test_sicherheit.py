"""Security basics a visitor's browser sees: CSP, framing, sniffing, error pages without traces."""

import pytest
from django.urls import path

pytestmark = pytest.mark.django_db


def test_csp_und_sicherheitskoepfe(client):
    antwort = client.get("/")
    csp = antwort["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert antwort["X-Frame-Options"] == "DENY"
    assert antwort["X-Content-Type-Options"] == "nosniff"


def test_404_ist_deutsch_ohne_technische_details(client):
    antwort = client.get("/gibt-es-nicht/")
    text = antwort.content.decode()
    assert antwort.status_code == 404
    assert "Seite nicht gefunden" in text
    assert "Traceback" not in text and "urlpatterns" not in text


def _kaputt(request):
    raise RuntimeError("geheimes Detail")


urlpatterns = [path("kaputt/", _kaputt)]


@pytest.mark.urls("tests.test_sicherheit")
def test_500_ohne_stacktrace(client):
    client.raise_request_exception = False
    antwort = client.get("/kaputt/")
    assert antwort.status_code == 500
    assert "geheimes Detail" not in antwort.content.decode()


def test_api_500_als_deutsches_json(rf):
    from prozessbibliothek.api import exception_handler

    antwort = exception_handler(RuntimeError("geheimes Detail"), {})
    assert antwort.status_code == 500
    assert "interner Fehler" in antwort.data["detail"]
    assert "geheimes" not in str(antwort.data)


def test_downloads_sind_anhaenge_ohne_sniffing():
    from prozessbibliothek.downloads import download

    antwort = download(
        b"a;b\n", content_type="text/csv; charset=utf-8", dateiname="Übersicht 2027.csv"
    )
    assert antwort["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%C3%9Cbersicht%202027.csv" in antwort["Content-Disposition"]
    assert antwort["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in antwort["Cache-Control"]
