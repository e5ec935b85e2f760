"""Password reset mails are rate-limited per address and per client, without telling anything;
resets and changes of passwords are in the audit log."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from kommunen.models import AuditEintrag, Drosselung

pytestmark = pytest.mark.django_db
TRUST_CHECK = "passwort_reset"

RESET = "/konto/password_reset/"
FERTIG = "/konto/password_reset/done/"


@pytest.fixture(autouse=True)
def grenzen(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.PASSWORT_RESET_PRO_ADRESSE = 3
    settings.PASSWORT_RESET_PRO_IP = 10
    settings.TRUSTED_PROXIES = []


def anfordern(client, email: str, **meta):
    return client.post(RESET, {"email": email}, **meta)


def test_siebzehn_anfragen_in_folge_schicken_drei_mails(client, mitglied_a):
    antworten = [anfordern(client, mitglied_a.email) for _ in range(17)]
    assert len(mail.outbox) == 3
    assert {mail.to[0] for mail in mail.outbox} == {mitglied_a.email}
    # Every answer is the same: no hint that the limit was reached.
    assert {(a.status_code, a["Location"]) for a in antworten} == {(302, FERTIG)}


def test_grenze_gilt_fuer_die_adresse_gleich_geschrieben(client, mitglied_a):
    for schreibweise in [
        "mitglied_a@example.org",
        "Mitglied_A@Example.org",
        " MITGLIED_A@EXAMPLE.ORG",
    ]:
        anfordern(client, schreibweise)
        anfordern(client, schreibweise)
    assert len(mail.outbox) == 3


def test_unbekannte_adresse_bekommt_dieselbe_antwort(client, mitglied_a):
    bekannt = anfordern(client, mitglied_a.email)
    unbekannt = anfordern(client, "niemand@example.org")
    assert (unbekannt.status_code, unbekannt["Location"]) == (
        bekannt.status_code,
        bekannt["Location"],
    )
    assert [m.to for m in mail.outbox] == [[mitglied_a.email]]


def test_grenze_je_client_ueber_viele_adressen(client, make_user):
    personen = [make_user(f"person_ip{i}") for i in range(12)]
    for p in personen:
        anfordern(client, p.email)
    assert len(mail.outbox) == 10
    # Another client is not affected.
    anfordern(client, personen[11].email, REMOTE_ADDR="192.0.2.7")
    assert len(mail.outbox) == 11
    assert mail.outbox[-1].to == [personen[11].email]


def test_nach_einer_stunde_wieder_moeglich(client, mitglied_a):
    for _ in range(4):
        anfordern(client, mitglied_a.email)
    assert len(mail.outbox) == 3
    Drosselung.objects.update(ablauf=timezone.now() - timezone.timedelta(seconds=1))
    anfordern(client, mitglied_a.email)
    assert len(mail.outbox) == 4
    # Expired counts are removed, the table does not grow with time.
    assert Drosselung.objects.count() == 2


def test_flut_laesst_die_zaehltabelle_nicht_wachsen(client, mitglied_a):
    for _ in range(50):
        anfordern(client, mitglied_a.email)
    # 10 counts for the client, 3 for the address: nothing is stored past a limit.
    assert Drosselung.objects.count() == 10 + 3
    assert not Drosselung.objects.filter(schluessel__contains="mitglied").exists()


def test_anforderung_und_neues_passwort_im_audit_log(client, mitglied_a):
    anfordern(client, mitglied_a.email)
    anfordern(client, "niemand@example.org")
    link = re.search(r"/konto/reset/\S+/\S+/", mail.outbox[0].body).group(0)
    formular = client.get(link, follow=True)
    neu = "ganz-neues-Passwort-77"
    client.post(formular.redirect_chain[-1][0], {"new_password1": neu, "new_password2": neu})
    assert get_user_model().objects.get(pk=mitglied_a.pk).check_password(neu)
    eintraege = AuditEintrag.objects.filter(aktion__startswith="konto.").order_by("id")
    assert [(e.aktion, e.objekt_id, e.wer_benutzername) for e in eintraege] == [
        ("konto.passwort_reset_angefordert", str(mitglied_a.pk), ""),
        ("konto.passwort_zurueckgesetzt", str(mitglied_a.pk), "mitglied_a"),
    ]


def test_passwort_aendern_im_audit_log(client_als, mitglied_a):
    neu = "ganz-neues-Passwort-77"
    antwort = client_als(mitglied_a).post(
        "/konto/password_change/",
        {"old_password": "Test-Passwort-2026!", "new_password1": neu, "new_password2": neu},
    )
    assert antwort.status_code == 302
    eintrag = AuditEintrag.objects.get(aktion="konto.passwort_geaendert")
    assert (eintrag.wer_benutzername, eintrag.objekt_id) == ("mitglied_a", str(mitglied_a.pk))
