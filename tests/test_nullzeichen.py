"""A NUL character in a request is a clear 400, never a 500 (PostgreSQL cannot store or compare
it; the CI runs this on PostgreSQL too)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "adresse",
    [
        "/kommunen/?q=B%00blingen",
        "/kommunen/?kreis=%00",
        "/schulungen/abo/a%00b.ics",
        "/leistungen/9910800100%000/",
    ],
)
def test_seite_mit_nullzeichen_ist_400(client, adresse):
    antwort = client.get(adresse)
    assert antwort.status_code == 400
    assert "unzulässiges Steuerzeichen" in antwort.content.decode()


@pytest.mark.parametrize(
    "adresse",
    ["/api/v1/kommunen/?q=a%00b", "/api/v1/kommunen/a%00b/", "/api/v1/veranstaltungen/?typ=%00"],
)
def test_api_mit_nullzeichen_ist_json_400(client, adresse):
    antwort = client.get(adresse)
    assert antwort.status_code == 400
    assert antwort.json() == {"detail": "Die Anfrage enthält ein unzulässiges Steuerzeichen."}


def test_formularwert_mit_nullzeichen_ist_400_und_aendert_nichts(client_als, admin_a, kommune_a):
    """The Kommune of an enrolment comes from a form value that the view looks up directly."""
    from schulungen.models import Einschreibung

    antwort = client_als(admin_a).post(
        "/schulungen/kohorten/00000000-0000-4000-8000-000000000000/anmelden/",
        {"kommune": "boe\x00blingen"},
    )
    assert antwort.status_code == 400
    assert Einschreibung.objects.count() == 0


def test_api_upload_mit_nullzeichen_im_feld_ist_400(client_als, admin_a):
    antwort = client_als(admin_a).post(
        "/api/v1/modelle/", {"titel": "a\x00b", "kommune": "0811\x00003"}
    )
    assert antwort.status_code == 400
