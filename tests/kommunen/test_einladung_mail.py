"""A mail server that fails after the invitation was saved gives a German notice, not a 500."""

from __future__ import annotations

import smtplib

import pytest
from django.conf import settings
from django.core import mail
from django.core.mail.backends import locmem
from django.urls import reverse

from kommunen.models import Einladung

# Real commits: the mail goes out when the service's transaction commits, before the page
# is answered (a test transaction would run it only afterwards).
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def smtp_kaputt(monkeypatch):
    """The mail server refuses every message (what SMTP errors and timeouts look like)."""

    def senden(self, messages):
        raise smtplib.SMTPServerDisconnected("Verbindung verloren")

    monkeypatch.setattr(locmem.EmailBackend, "send_messages", senden)


def test_email_timeout_hat_eine_grenze():
    assert settings.EMAIL_TIMEOUT == 10


def test_mail_fehler_nach_gespeicherter_einladung_gibt_hinweis_statt_500(
    client_als, admin_a, kommune_a, smtp_kaputt
):
    # WHEN the admin invites a colleague and the mail server fails
    antwort = client_als(admin_a).post(
        reverse("einladen", args=[kommune_a.slug]),
        {"email": "kollegin@boeblingen.example", "rolle": "bearbeiten"},
        follow=True,
    )

    # THEN the page answers, the invitation is kept, and she is told to invite again
    assert antwort.status_code == 200
    assert [str(m) for m in antwort.context["messages"]] == [
        "Die Einladung an kollegin@boeblingen.example ist gespeichert, aber die E-Mail konnte "
        "nicht verschickt werden. Bitte laden Sie kollegin@boeblingen.example später noch "
        "einmal ein; der neue Link ersetzt den alten."
    ]
    assert Einladung.objects.filter(email="kollegin@boeblingen.example").count() == 1


def test_mail_geht_raus_meldung_verschickt(client_als, admin_a, kommune_a):
    antwort = client_als(admin_a).post(
        reverse("einladen", args=[kommune_a.slug]),
        {"email": "kollegin@boeblingen.example", "rolle": "bearbeiten"},
        follow=True,
    )
    assert [str(m) for m in antwort.context["messages"]] == [
        "Die Einladung an kollegin@boeblingen.example wurde verschickt."
    ]
    assert [m.to for m in mail.outbox] == [["kollegin@boeblingen.example"]]
