"""The coordination's audit page: only for the coordination, filtered by Kommune, action and
period, paginated, German names."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kommunen.audit import audit
from kommunen.models import AuditEintrag

pytestmark = pytest.mark.django_db
TRUST_CHECK = "audit_seite"

SEITE = "/koordination/audit/"
BERLIN = ZoneInfo("Europe/Berlin")


def zeilen(antwort) -> list[str]:
    """The actions shown, in order (each row's header cell)."""
    text = antwort.content.decode()
    return re.findall(r'<th scope="row">([^<]+)</th>', text)


def am(tag: str, uhrzeit: str = "12:00", **felder) -> AuditEintrag:
    zeit = datetime.fromisoformat(f"{tag}T{uhrzeit}").replace(tzinfo=BERLIN)
    return AuditEintrag.objects.create(zeitpunkt=zeit, **felder)


def test_nur_fuer_die_koordination(client, client_als, admin_a):
    assert client.get(SEITE).status_code == 302  # to the login
    assert client_als(admin_a).get(SEITE).status_code == 404


def test_deutsche_namen_und_personen(client_als, koordinator, admin_a, kommune_a):
    audit(wer=admin_a, kommune=kommune_a, aktion="einladung.erstellt", details={"rolle": "lesen"})
    antwort = client_als(koordinator).get(SEITE)
    text = antwort.content.decode()
    assert antwort.status_code == 200
    # force_login of the coordination is itself a login: newest first.
    assert zeilen(antwort) == ["Anmeldung", "Einladung verschickt"]
    assert "Vorname Nachname" in text and "(admin_a)" in text
    assert "Böblingen, Stadt (08115003)" in text
    assert "rolle: lesen" in text


def test_filter_nach_kommune_aktion_und_zeitraum(
    client_als, koordinator, kommune_a, kommune_b, admin_a
):
    a = {"kommune": kommune_a, "kommune_name": kommune_a.name, "kommune_ags": kommune_a.ags}
    b = {"kommune": kommune_b, "kommune_name": kommune_b.name, "kommune_ags": kommune_b.ags}
    am("2026-03-01", aktion="modellversion.hochgeladen", **a)
    am("2026-03-02", "00:30", aktion="modellversion.freigegeben", **a)
    am("2026-03-03", "23:59", aktion="modellversion.hochgeladen", **a)
    am("2026-03-04", aktion="modellversion.hochgeladen", **a)
    am("2026-03-02", aktion="modellversion.hochgeladen", **b)
    c = client_als(koordinator)
    nur_a = c.get(SEITE, {"kommune": kommune_a.ags})
    assert zeilen(nur_a) == [
        "Version hochgeladen",
        "Version hochgeladen",
        "Version freigegeben",
        "Version hochgeladen",
    ]
    hochgeladen_a_maerz_2_bis_3 = c.get(
        SEITE,
        {
            "kommune": kommune_a.ags,
            "aktion": "modellversion.hochgeladen",
            "von": "2026-03-02",
            "bis": "2026-03-03",
        },
    )
    # Both days included, by Berlin's calendar.
    assert zeilen(hochgeladen_a_maerz_2_bis_3) == ["Version hochgeladen"]
    assert "1 Eintrag" in hochgeladen_a_maerz_2_bis_3.content.decode()
    am_2_maerz = c.get(SEITE, {"von": "2026-03-02", "bis": "2026-03-02"})
    assert zeilen(am_2_maerz) == ["Version hochgeladen", "Version freigegeben"]


def test_eintraege_einer_geloeschten_kommune_bleiben_filterbar(client_als, koordinator, stammdaten):
    from kommunen.models import Kommune

    kommune = Kommune.objects.get(ags="08115001")
    audit(wer=None, kommune=kommune, aktion="kommune.aufgenommen")
    kommune.delete()
    antwort = client_als(koordinator).get(SEITE, {"kommune": "08115001"})
    assert antwort.status_code == 200
    assert zeilen(antwort) == ["Kommune aufgenommen"]
    assert '<option value="08115001" selected>Aidlingen (08115001)</option>' in (
        antwort.content.decode()
    )


def test_unbekannte_kommune_deutsche_meldung(client_als, koordinator, stammdaten):
    antwort = client_als(koordinator).get(SEITE, {"kommune": "08999999"})
    assert antwort.status_code == 400
    assert "08999999 ist keine gültige Auswahl." in antwort.content.decode()


def test_zeitraum_falsch_herum_deutsche_meldung(client_als, koordinator):
    antwort = client_als(koordinator).get(SEITE, {"von": "2026-03-05", "bis": "2026-03-01"})
    assert antwort.status_code == 400
    assert "Das Ende des Zeitraums liegt vor seinem Beginn." in antwort.content.decode()


def test_ungueltiges_datum_deutsche_meldung(client_als, koordinator):
    antwort = client_als(koordinator).get(SEITE, {"von": "gestern"})
    assert antwort.status_code == 400
    assert "Bitte ein gültiges Datum eingeben." in antwort.content.decode()


def test_seiten_zu_je_50(client_als, koordinator):
    AuditEintrag.objects.bulk_create(
        AuditEintrag(aktion="kalender_abo.erneuert", details={"n": n}) for n in range(120)
    )
    c = client_als(koordinator)
    erste = c.get(SEITE, {"aktion": "kalender_abo.erneuert"})
    dritte = c.get(SEITE, {"aktion": "kalender_abo.erneuert", "seite": 3})
    assert len(zeilen(erste)) == 50
    assert len(zeilen(dritte)) == 20
    assert "Seite 1 von 3" in erste.content.decode()
    assert "aktion=kalender_abo.erneuert&amp;seite=2" in erste.content.decode()


def test_geloeschtes_konto_wird_benannt(client_als, koordinator, make_user, kommune_a):
    person = make_user("ehemals", first_name="Eva", last_name="Ehemals")
    audit(wer=person, kommune=kommune_a, aktion="kalender_abo.erneuert")
    person.delete()
    text = client_als(koordinator).get(SEITE, {"aktion": "kalender_abo.erneuert"}).content
    assert 'Eva Ehemals (ehemals) <span class="help">(Konto gelöscht)</span>' in text.decode()
