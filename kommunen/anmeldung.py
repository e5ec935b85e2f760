"""Login and account protection: the client's address, lockouts, rate-limited password resets,
and the audit log of logins and password changes.

Lockouts (django-axes with `Anmeldesperre` as its handler, settings in
prozessbibliothek/settings.py) count wrong passwords within the cool-off window twice:
- per account and address: `AXES_FAILURE_LIMIT` (5) locks that account for that address only, so
  someone typing wrong passwords for a colleague's account does not lock the colleague out
  elsewhere;
- per address across all accounts: `ANMELDUNG_FEHLVERSUCHE_PRO_IP` (30) locks the address, so
  spraying a few passwords over many accounts is stopped. It is higher than the first because the
  staff of one town hall usually share one address.
Axes compares every count with its one limit, so the handler scales each count to that limit.
A successful login clears only that account's count for that address: logging into an own
account must not wipe the address's count of failures on others.
"""

from __future__ import annotations

import ipaddress
import logging
from datetime import timedelta

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_lockout_parameters
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models import Sum
from django.http import HttpResponseRedirect
from django.shortcuts import render

from . import drossel
from .audit import audit

logger = logging.getLogger(__name__)


# --- the client's address --------------------------------------------------------------------


def _adresse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from a forwarding header, with or without port ("1.2.3.4:80", "[::1]:80")."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:
        text = text.split(":", 1)[0]
    try:
        adresse = ipaddress.ip_address(text)
    except ValueError:
        return None
    # A server listening on IPv6 sees IPv4 clients as ::ffff:a.b.c.d.
    return getattr(adresse, "ipv4_mapped", None) or adresse


def client_ip(request) -> str:
    """The address of the client behind this request.

    REMOTE_ADDR, unless the request came from one of `TRUSTED_PROXIES`: then X-Forwarded-For is
    read from the right (each proxy appends the address it was called from) and the first address
    that is not itself a trusted proxy is the client. Everything left of it may have been written
    by the client and is ignored. A header that cannot be read gives the proxy's address.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    netze = [ipaddress.ip_network(n) for n in settings.TRUSTED_PROXIES]
    absender = _adresse(remote)
    if not netze or absender is None or not any(absender in n for n in netze):
        return remote
    kette = [t for t in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if t.strip()]
    for eintrag in reversed(kette):
        adresse = _adresse(eintrag)
        if adresse is None:
            return remote
        if not any(adresse in n for n in netze):
            return str(adresse)
    return remote


# --- lockouts --------------------------------------------------------------------------------


def _felder(gruppe) -> tuple[str, ...]:
    return (gruppe,) if isinstance(gruppe, str) else tuple(gruppe)


class Anmeldesperre(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for the per-address count."""

    def _grenze(self, gruppe) -> int:
        if _felder(gruppe) == ("ip_address",):
            return settings.ANMELDUNG_FEHLVERSUCHE_PRO_IP
        return settings.AXES_FAILURE_LIMIT

    def get_failures(self, request, credentials=None) -> int:
        # Each count in units of AXES_FAILURE_LIMIT, which axes compares it with: a count reaches
        # that limit exactly when it reaches its own.
        grenze = settings.AXES_FAILURE_LIMIT
        gruppen = get_lockout_parameters(request, credentials)
        werte = [0]
        for gruppe, versuche in zip(
            gruppen, self.get_user_attempts(request, credentials), strict=True
        ):
            n = versuche.aggregate(n=Sum("failures_since_start"))["n"] or 0
            werte.append(n * grenze // self._grenze(gruppe))
        return max(werte)

    def is_allowed(self, request, credentials=None) -> bool:
        erlaubt = super().is_allowed(request, credentials)
        # Marks an attempt refused without looking at the password (see the audit below).
        request.anmeldung_abgewiesen = not erlaubt
        return erlaubt

    def reset_user_attempts(self, request, credentials=None) -> int:
        gruppen = get_lockout_parameters(request, credentials)
        anzahl = 0
        for gruppe, versuche in zip(
            gruppen, self.filter_user_attempts(request, credentials), strict=True
        ):
            if "username" in _felder(gruppe):
                anzahl += versuche.delete()[0]
        return anzahl


def gesperrt_antwort(request, original_response=None, credentials=None):
    """The German lockout page (429), saying how long the lock lasts."""
    minuten = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(request, "registration/gesperrt.html", {"minuten": minuten}, status=429)


# --- audit of logins -------------------------------------------------------------------------


def _abgewiesen(request) -> bool:
    # A refused attempt during a lockout is not written again: the lockout was, once.
    return bool(getattr(request, "anmeldung_abgewiesen", False))


def _konto(benutzername: str):
    if not benutzername:
        return None
    return get_user_model().objects.filter(username=benutzername).first()


def _schreiben(request, aktion: str, benutzername: str) -> None:
    audit(
        wer=None,
        aktion=aktion,
        objekt=_konto(benutzername),
        details={"benutzername": benutzername, "ip": client_ip(request)},
    )


def _angemeldet(sender, request, user, **kwargs) -> None:
    ip = client_ip(request) if request is not None else ""
    audit(wer=user, aktion="anmeldung.erfolgreich", objekt=user, details={"ip": ip})


# The failure that reaches a limit is written first, then the lockout. Axes announces the lockout
# from its own receiver of the same failure signal, before or after ours: whichever of the two
# receivers runs second writes the lockout.


def _fehlgeschlagen(sender, credentials, request=None, **kwargs) -> None:
    if request is None or _abgewiesen(request):
        return
    benutzername = str(credentials.get("username") or "")[:150]
    _schreiben(request, "anmeldung.fehlgeschlagen", benutzername)
    request.anmeldung_fehlschlag_geschrieben = True
    sperre = getattr(request, "anmeldung_sperre", None)
    if sperre is not None:
        _schreiben(request, "anmeldung.gesperrt", sperre)


def _gesperrt(sender, request=None, username=None, **kwargs) -> None:
    if request is None or _abgewiesen(request):
        return
    benutzername = str(username or "")[:150]
    if getattr(request, "anmeldung_fehlschlag_geschrieben", False):
        _schreiben(request, "anmeldung.gesperrt", benutzername)
    else:
        request.anmeldung_sperre = benutzername


def signale_verbinden() -> None:
    user_logged_in.connect(_angemeldet, dispatch_uid="kommunen_anmeldung_ok")
    user_login_failed.connect(_fehlgeschlagen, dispatch_uid="kommunen_anmeldung_fehler")
    user_locked_out.connect(_gesperrt, dispatch_uid="kommunen_anmeldung_gesperrt")


# --- password reset and change ---------------------------------------------------------------

STUNDE = timedelta(hours=1)


def passwort_reset_zulassen(*, email: str, ip: str) -> bool:
    """May a reset mail go to this address, asked from this client? Counts the request."""
    if not drossel.zulassen(
        art="passwort_reset_ip", wert=ip, grenze=settings.PASSWORT_RESET_PRO_IP, fenster=STUNDE
    ):
        return False
    return drossel.zulassen(
        art="passwort_reset_email",
        wert=email.strip().lower(),
        grenze=settings.PASSWORT_RESET_PRO_ADRESSE,
        fenster=STUNDE,
    )


class PasswortZuruecksetzenView(auth_views.PasswordResetView):
    """Django's reset form with a rate limit per address and per client.

    Past a limit no mail goes out, and the answer is the same page as always: whether an address
    has an account, or was asked for too often, is not told.
    """

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        ip = client_ip(self.request)
        if not passwort_reset_zulassen(email=email, ip=ip):
            logger.warning("Passwort-Zurücksetzen gedrosselt (Adresse oder Client über Grenze)")
            return HttpResponseRedirect(self.get_success_url())
        antwort = super().form_valid(form)
        for konto in form.get_users(email):
            audit(
                wer=self.request.user,
                aktion="konto.passwort_reset_angefordert",
                objekt=konto,
                details={"ip": ip},
            )
        return antwort


class PasswortNeuView(auth_views.PasswordResetConfirmView):
    def form_valid(self, form):
        antwort = super().form_valid(form)
        audit(
            wer=form.user,
            aktion="konto.passwort_zurueckgesetzt",
            objekt=form.user,
            details={"ip": client_ip(self.request)},
        )
        return antwort


class PasswortAendernView(auth_views.PasswordChangeView):
    def form_valid(self, form):
        antwort = super().form_valid(form)
        audit(
            wer=self.request.user,
            aktion="konto.passwort_geaendert",
            objekt=self.request.user,
            details={"ip": client_ip(self.request)},
        )
        return antwort
