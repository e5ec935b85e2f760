"""Login protection: lockouts per account and per address, the client's address behind a trusted
proxy, and the audit log of logins."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from kommunen.anmeldung import client_ip
from kommunen.models import AuditEintrag
from prozessbibliothek.env import env_netze

pytestmark = pytest.mark.django_db
TRUST_CHECK = "anmeldung"

PASSWORT = "Test-Passwort-2026!"
LOGIN = "/konto/login/"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def schnelle_passwoerter(settings):
    # Hashing is not what these tests are about; dozens of accounts with the real hasher are slow.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_FAILURE_LIMIT = 5
    settings.ANMELDUNG_FEHLVERSUCHE_PRO_IP = 30
    settings.TRUSTED_PROXIES = []


def konten(n: int) -> list:
    modell = get_user_model()
    return [
        modell.objects.create_user(
            username=f"konto{i:02d}", email=f"konto{i:02d}@example.org", password=PASSWORT
        )
        for i in range(n)
    ]


def anmelden(client, username: str, passwort: str, **meta):
    return client.post(LOGIN, {"username": username, "password": passwort}, **meta)


def ausgang(antwort) -> str:
    """What the person sees: logged in, wrong password, or locked out."""
    if antwort.status_code == 302:
        return "angemeldet"
    if antwort.status_code == 429:
        assert "Anmeldung vorübergehend gesperrt" in antwort.content.decode()
        return "gesperrt"
    assert antwort.status_code == 200
    assert "Benutzername oder Passwort ist falsch." in antwort.content.decode()
    return "falsch"


def test_passwort_spray_ueber_30_konten_wird_gestoppt(client):
    # GIVEN 30 accounts; WHEN one address tries 4 wrong passwords on each
    alle = konten(30)
    ausgaenge = [
        ausgang(anmelden(client, k.username, f"rate-{versuch}"))
        for versuch in range(4)
        for k in alle
    ]
    # THEN the 30th wrong password locks the address; every later attempt is refused unchecked
    assert ausgaenge == ["falsch"] * 29 + ["gesperrt"] * 91
    assert AuditEintrag.objects.filter(aktion="anmeldung.fehlgeschlagen").count() == 30
    # AND even a right password from that address is refused during the lockout,
    assert ausgang(anmelden(client, "konto07", PASSWORT)) == "gesperrt"
    # while the same account logs in from elsewhere.
    assert ausgang(anmelden(client, "konto07", PASSWORT, REMOTE_ADDR="192.0.2.50")) == "angemeldet"


def test_falscher_x_forwarded_for_hilft_dem_spray_nicht(client):
    # A client that is no trusted proxy cannot pose as many addresses with a header.
    alle = konten(31)
    ausgaenge = [
        ausgang(anmelden(client, k.username, "falsch", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}"))
        for i, k in enumerate(alle)
    ]
    assert ausgaenge == ["falsch"] * 29 + ["gesperrt"] * 2


def test_fuenf_fehlversuche_sperren_nur_dieses_konto_von_dieser_adresse(client, mitglied_a):
    kollegin = konten(1)[0]
    for _ in range(4):
        assert ausgang(anmelden(client, "mitglied_a", "falsch")) == "falsch"
    assert ausgang(anmelden(client, "mitglied_a", "falsch")) == "gesperrt"
    assert ausgang(anmelden(client, "mitglied_a", PASSWORT)) == "gesperrt"
    # A colleague in the same town hall (same address) is not locked out.
    assert ausgang(anmelden(client, kollegin.username, PASSWORT)) == "angemeldet"


def test_erfolgreiche_anmeldung_loescht_nicht_die_fehlversuche_der_adresse(client, settings):
    settings.ANMELDUNG_FEHLVERSUCHE_PRO_IP = 6
    *opfer, eigenes = konten(7)
    for k in opfer[:5]:
        assert ausgang(anmelden(client, k.username, "falsch")) == "falsch"
    # The sprayer logs into an account of her own in between ...
    assert ausgang(anmelden(client, eigenes.username, PASSWORT)) == "angemeldet"
    client.logout()
    # ... and the address's count goes on: the 6th wrong password locks the address.
    assert ausgang(anmelden(client, opfer[5].username, "falsch")) == "gesperrt"
    assert ausgang(anmelden(client, eigenes.username, PASSWORT)) == "gesperrt"


def test_hinter_dem_proxy_sperrt_client_x_nicht_client_y(client, settings, mitglied_a):
    settings.TRUSTED_PROXIES = [PROXY]
    x = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    y = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    for _ in range(5):
        anmelden(client, "mitglied_a", "falsch", **x)
    assert ausgang(anmelden(client, "mitglied_a", PASSWORT, **x)) == "gesperrt"
    assert ausgang(anmelden(client, "mitglied_a", PASSWORT, **y)) == "angemeldet"


def test_ohne_vertrauten_proxy_teilen_sich_alle_die_proxy_adresse(client, mitglied_a):
    # The failure the setting prevents: unconfigured, X's mistakes lock the account for Y too.
    x = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    y = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    for _ in range(5):
        anmelden(client, "mitglied_a", "falsch", **x)
    assert ausgang(anmelden(client, "mitglied_a", PASSWORT, **y)) == "gesperrt"


def test_sperrseite_deutsch_mit_dauer(client, settings, mitglied_a):
    settings.AXES_COOLOFF_TIME = __import__("datetime").timedelta(minutes=20)
    for _ in range(5):
        anmelden(client, "mitglied_a", "falsch")
    antwort = anmelden(client, "mitglied_a", "falsch")
    assert antwort.status_code == 429
    text = antwort.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche." in text
    assert "Bitte versuchen Sie es in 20 Minuten erneut" in text
    assert 'href="/konto/password_reset/"' in text


# --- the client's address --------------------------------------------------------------------


def anfrage(remote: str, weitergeleitet: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if weitergeleitet is not None:
        meta["HTTP_X_FORWARDED_FOR"] = weitergeleitet
    return RequestFactory().get("/", **meta)


@pytest.mark.parametrize(
    ("proxies", "remote", "weitergeleitet", "erwartet"),
    [
        # No proxy configured: the header is never read.
        ([], PROXY, "203.0.113.10", PROXY),
        # Through the proxy: the address it saw.
        ([PROXY], PROXY, "203.0.113.10", "203.0.113.10"),
        # What the client wrote itself (left of the proxy's entry) is ignored.
        ([PROXY], PROXY, "1.2.3.4, 203.0.113.10", "203.0.113.10"),
        # Two proxies of one network: the first address outside it.
        (["10.0.0.0/8"], "10.0.0.2", "1.2.3.4, 203.0.113.10, 10.0.0.3", "203.0.113.10"),
        # Not from the proxy: the header is the client's own claim.
        ([PROXY], "203.0.113.99", "1.2.3.4", "203.0.113.99"),
        # Ports and IPv6 as some proxies write them.
        ([PROXY], PROXY, "203.0.113.10:51234", "203.0.113.10"),
        (["::1"], "::1", "[2001:db8::7]:443", "2001:db8::7"),
        # A server on IPv6 sees the IPv4 proxy as ::ffff:10.0.0.2.
        ([PROXY], f"::ffff:{PROXY}", "203.0.113.10", "203.0.113.10"),
        # An unreadable header, or none: the proxy's own address.
        ([PROXY], PROXY, "kein-ip", PROXY),
        ([PROXY], PROXY, None, PROXY),
    ],
)
def test_client_ip(settings, proxies, remote, weitergeleitet, erwartet):
    settings.TRUSTED_PROXIES = proxies
    assert client_ip(anfrage(remote, weitergeleitet)) == erwartet


def test_trusted_proxies_aus_der_umgebung(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, 172.18.0.0/16")
    assert env_netze("TRUSTED_PROXIES") == ["10.0.0.5/32", "172.18.0.0/16"]
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5, proxy.intern")
    with pytest.raises(ImproperlyConfigured, match=r"proxy\.intern"):
        env_netze("TRUSTED_PROXIES")


# --- audit log of logins ---------------------------------------------------------------------


def aktionen() -> list[tuple[str, str, dict]]:
    return [
        (e.aktion, e.wer_benutzername, e.details)
        for e in AuditEintrag.objects.filter(aktion__startswith="anmeldung.").order_by("id")
    ]


def test_anmeldungen_im_audit_log(client, mitglied_a, settings):
    settings.AXES_FAILURE_LIMIT = 2
    ip = {"ip": "127.0.0.1"}
    anmelden(client, "mitglied_a", PASSWORT)
    client.logout()
    anmelden(client, "niemand", "falsch")
    anmelden(client, "mitglied_a", "falsch")
    anmelden(client, "mitglied_a", "falsch")  # the second: locks
    anmelden(client, "mitglied_a", "falsch")  # refused unchecked: not written again
    anmelden(client, "mitglied_a", PASSWORT)  # refused unchecked
    assert aktionen() == [
        ("anmeldung.erfolgreich", "mitglied_a", ip),
        ("anmeldung.fehlgeschlagen", "", {"benutzername": "niemand", **ip}),
        ("anmeldung.fehlgeschlagen", "", {"benutzername": "mitglied_a", **ip}),
        ("anmeldung.fehlgeschlagen", "", {"benutzername": "mitglied_a", **ip}),
        ("anmeldung.gesperrt", "", {"benutzername": "mitglied_a", **ip}),
    ]
    # A failure names the account it was aimed at, when there is one.
    fehler = AuditEintrag.objects.filter(aktion="anmeldung.fehlgeschlagen").order_by("id")
    assert [(e.objekt_typ, e.objekt_id) for e in fehler] == [
        ("", ""),
        ("kommunen.Benutzer", str(mitglied_a.pk)),
        ("kommunen.Benutzer", str(mitglied_a.pk)),
    ]


def test_audit_log_nennt_die_adresse_hinter_dem_proxy(client, settings, mitglied_a):
    settings.TRUSTED_PROXIES = [PROXY]
    anmelden(client, "mitglied_a", PASSWORT, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert aktionen() == [("anmeldung.erfolgreich", "mitglied_a", {"ip": "203.0.113.10"})]
