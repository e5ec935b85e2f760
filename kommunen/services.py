"""Every write about Kommunen, memberships and invitations.

Services check permission themselves (callers may forget), run in a transaction and write the
audit log. They raise `NichtGefunden` for objects the user may not see, `Konflikt` when the request
clashes with the current state and `ValidationError` with a German message for refused input
(prozessbibliothek/fehler.py; one place turns them into responses).

`user` is always the person acting (the logged-in account).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from prozessbibliothek.fehler import Konflikt, NichtGefunden

from . import permissions
from .audit import audit
from .models import Einladung, Kommune, Mitgliedschaft, Rolle
from .selectors import admins_der_kommune

logger = logging.getLogger(__name__)

# RFC 5321: a forward path holds at most 256 octets including the angle brackets.
EMAIL_MAX = 254


def email_pruefen(email: str) -> str:
    """The address, trimmed and lower-cased; a German refusal if it cannot be one."""
    email = (email or "").strip().lower()
    if len(email) > EMAIL_MAX:
        raise ValidationError(
            _("Eine E-Mail-Adresse hat höchstens %(max)s Zeichen; diese hat %(n)s.")
            % {"max": EMAIL_MAX, "n": len(email)},
            code="email_zu_lang",
        )
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Bitte geben Sie eine gültige E-Mail-Adresse ein."), code="email"
        ) from None
    return email


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _einladung_mail(einladung: Einladung, token: str) -> None:
    link = settings.SITE_URL + reverse("einladung_annehmen", args=[token])
    tage = settings.EINLADUNG_GUELTIG_TAGE
    send_mail(
        subject=_("Einladung in die Prozessbibliothek: %(kommune)s")
        % {"kommune": einladung.kommune.name},
        message=_(
            "Guten Tag,\n\n"
            "Sie wurden eingeladen, in der Prozessbibliothek Baden-Württemberg für "
            "%(kommune)s mitzuarbeiten (Rolle: %(rolle)s).\n\n"
            "Mit diesem Link nehmen Sie die Einladung an (einmal verwendbar, %(tage)s Tage "
            "gültig):\n%(link)s\n\n"
            "Falls Sie diese Einladung nicht erwartet haben, können Sie diese E-Mail ignorieren."
        )
        % {
            "kommune": einladung.kommune.name,
            "rolle": einladung.get_rolle_display(),
            "tage": tage,
            "link": link,
        },
        from_email=None,
        recipient_list=[einladung.email],
    )


def einladung_erstellen(*, user, kommune: Kommune, email: str, rolle: str) -> tuple[Einladung, str]:
    """Invite a colleague by e-mail. Returns the invitation and the one-time token."""
    if not permissions.kann_mitglieder_verwalten(user, kommune):
        raise NichtGefunden(objekt=kommune)
    email = email_pruefen(email)
    if rolle not in Rolle.values:
        raise ValidationError(_("Diese Rolle gibt es nicht."))
    if Mitgliedschaft.objects.gueltig().filter(kommune=kommune, user__email__iexact=email).exists():
        raise Konflikt(
            _("Diese Person ist bereits Mitglied von %(kommune)s.") % {"kommune": kommune.name},
            code="bereits_mitglied",
        )
    with transaction.atomic():
        return _einladung_anlegen(user=user, kommune=kommune, email=email, rolle=rolle)


def _einladung_anlegen(*, user, kommune: Kommune, email: str, rolle: str) -> tuple[Einladung, str]:
    """Create the invitation (inside the caller's transaction) and mail the link on commit.

    A new invitation replaces an open one for the same address.
    """
    token = secrets.token_urlsafe(32)
    Einladung.objects.filter(
        kommune=kommune, email=email, angenommen_am=None, zurueckgezogen_am=None
    ).update(zurueckgezogen_am=timezone.now())
    einladung = Einladung.objects.create(
        kommune=kommune,
        email=email,
        rolle=rolle,
        token_hash=_token_hash(token),
        eingeladen_von=user,
        gueltig_bis=timezone.now() + timedelta(days=settings.EINLADUNG_GUELTIG_TAGE),
    )
    audit(
        wer=user,
        kommune=kommune,
        aktion="einladung.erstellt",
        objekt=einladung,
        details={"email": email, "rolle": rolle},
    )
    # Sent in-process: the token must not go into a task argument. The view reads
    # `mail_fehlgeschlagen` once the transaction committed.
    einladung.mail_fehlgeschlagen = False
    transaction.on_commit(lambda: _einladung_mail_versuchen(einladung, token), robust=True)
    return einladung, token


def _einladung_mail_versuchen(einladung: Einladung, token: str) -> None:
    """Send the invitation; a failing mail server must not turn the saved invitation into a
    500. The admin is told and invites again (a new invitation replaces the open one)."""
    try:
        _einladung_mail(einladung, token)
    except Exception:
        logger.warning(
            "Einladungs-E-Mail für Einladung %s nicht verschickt", einladung.pk, exc_info=True
        )
        einladung.mail_fehlgeschlagen = True


def einladung_hinweis(einladung: Einladung) -> tuple[bool, str]:
    """What the page tells the admin after an invitation: (sent?, German text)."""
    werte = {"email": einladung.email}
    if getattr(einladung, "mail_fehlgeschlagen", False):
        return False, _(
            "Die Einladung an %(email)s ist gespeichert, aber die E-Mail konnte nicht "
            "verschickt werden. Bitte laden Sie %(email)s später noch einmal ein; der neue "
            "Link ersetzt den alten."
        ) % werte
    return True, _("Die Einladung an %(email)s wurde verschickt.") % werte


def einladung_finden(token: str) -> Einladung:
    """The invitation behind a link, with a clear German error when it cannot be used."""
    einladung = (
        Einladung.objects.select_related("kommune").filter(token_hash=_token_hash(token)).first()
    )
    if einladung is None:
        raise ValidationError(_("Dieser Einladungslink ist ungültig."))
    if einladung.angenommen_am is not None:
        raise ValidationError(
            _("Diese Einladung wurde bereits angenommen. Ein Einladungslink gilt nur einmal.")
        )
    if einladung.zurueckgezogen_am is not None:
        raise ValidationError(_("Diese Einladung wurde zurückgezogen."))
    if einladung.gueltig_bis <= timezone.now():
        raise ValidationError(
            _("Diese Einladung ist abgelaufen. Bitten Sie Ihre Kommune um eine neue Einladung.")
        )
    return einladung


def andere_adresse(einladung: Einladung, user) -> bool:
    """Was the invitation sent to an address other than the account's own?"""
    return (user.email or "").strip().lower() != einladung.email.strip().lower()


def einladung_annehmen(
    *, token: str, user, andere_adresse_bestaetigt: bool = False
) -> Mitgliedschaft:
    """Accept an invitation once: the first claim wins, every later use is refused.

    An invitation sent to another address than the account's is a role meant for someone else
    unless the person says otherwise: it is accepted only with `andere_adresse_bestaetigt`, after
    the page showed both addresses (a forwarded link is never taken over silently).
    """
    einladung = einladung_finden(token)
    abweichend = andere_adresse(einladung, user)
    if abweichend and not andere_adresse_bestaetigt:
        raise Konflikt(
            _(
                "Diese Einladung ging an %(einladung)s, Ihr Konto hat die Adresse %(konto)s. "
                "Bitte bestätigen Sie, dass Sie die Einladung mit diesem Konto annehmen."
            )
            % {"einladung": einladung.email, "konto": user.email or "–"},
            code="andere_adresse",
        )
    with transaction.atomic():
        # Conditional UPDATE claims the invitation atomically, even with two clicks at once.
        geclaimt = Einladung.objects.filter(
            pk=einladung.pk, angenommen_am=None, zurueckgezogen_am=None
        ).update(angenommen_am=timezone.now(), angenommen_von=user)
        if not geclaimt:
            raise ValidationError(
                _("Diese Einladung wurde bereits angenommen. Ein Einladungslink gilt nur einmal.")
            )
        mitgliedschaft, neu = Mitgliedschaft.objects.get_or_create(
            user=user, kommune=einladung.kommune, defaults={"rolle": einladung.rolle}
        )
        if not neu and permissions.RANG[einladung.rolle] > permissions.RANG[mitgliedschaft.rolle]:
            mitgliedschaft.rolle = einladung.rolle
            mitgliedschaft.save(update_fields=["rolle"])
        details = {"rolle": mitgliedschaft.rolle, "eingeladen": einladung.email}
        if abweichend:
            details["konto_email"] = user.email
        audit(
            wer=user,
            kommune=einladung.kommune,
            aktion="einladung.angenommen",
            objekt=mitgliedschaft,
            details=details,
        )
    return mitgliedschaft


def benutzer_registrieren_und_einladung_annehmen(
    *, token: str, username: str, first_name: str, last_name: str, password: str
) -> Mitgliedschaft:
    """A newcomer creates an account from an invitation (e-mail from the invitation)."""
    einladung = einladung_finden(token)
    user_model = get_user_model()
    with transaction.atomic():
        if user_model.objects.filter(email__iexact=einladung.email).exists():
            raise ValidationError(
                _(
                    "Zu %(email)s gibt es schon ein Konto. Bitte melden Sie sich an und öffnen Sie "
                    "den Link erneut."
                )
                % {"email": einladung.email}
            )
        user = user_model.objects.create_user(
            username=username,
            email=einladung.email,
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
        return einladung_annehmen(token=token, user=user)


def einladung_zurueckziehen(*, user, einladung: Einladung) -> None:
    if not permissions.kann_mitglieder_verwalten(user, einladung.kommune):
        raise NichtGefunden(objekt=einladung)
    if not einladung.ist_offen:
        raise ValidationError(_("Diese Einladung ist nicht mehr offen."))
    with transaction.atomic():
        einladung.zurueckgezogen_am = timezone.now()
        einladung.save(update_fields=["zurueckgezogen_am"])
        audit(
            wer=user,
            kommune=einladung.kommune,
            aktion="einladung.zurueckgezogen",
            objekt=einladung,
            details={"email": einladung.email},
        )


def _letzter_admin(mitgliedschaft: Mitgliedschaft) -> bool:
    """Is this the Kommune's only admin? Locks the admin memberships until the transaction ends.

    Every admin row is locked, this one included, in pk order: two admins removing each other
    at once queue up instead of deadlocking. `of=("self",)` keeps the lock on Mitgliedschaft
    rows; the validity join must not lock the account and Kommune rows, which the lock order in
    `schulungen/services` does not allow for (and which would block the admins' logins).
    A deactivated account administers nothing, so it does not count as the other admin.
    """
    if mitgliedschaft.rolle != Rolle.VERWALTEN:
        return False
    admins = (
        admins_der_kommune(mitgliedschaft.kommune)
        .select_for_update(of=("self",))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return not any(pk != mitgliedschaft.pk for pk in admins)


def mitgliedschaft_rolle_aendern(
    *, user, mitgliedschaft: Mitgliedschaft, rolle: str
) -> Mitgliedschaft:
    if not permissions.kann_mitglieder_verwalten(user, mitgliedschaft.kommune):
        raise NichtGefunden(objekt=mitgliedschaft)
    if rolle not in Rolle.values:
        raise ValidationError(_("Diese Rolle gibt es nicht."))
    with transaction.atomic():
        if rolle != Rolle.VERWALTEN and _letzter_admin(mitgliedschaft):
            raise ValidationError(
                _("Die Kommune braucht mindestens eine Person mit der Rolle „Verwalten“.")
            )
        alt = mitgliedschaft.rolle
        mitgliedschaft.rolle = rolle
        mitgliedschaft.save(update_fields=["rolle"])
        audit(
            wer=user,
            kommune=mitgliedschaft.kommune,
            aktion="mitgliedschaft.rolle_geaendert",
            objekt=mitgliedschaft,
            details={"user": mitgliedschaft.user.username, "alt": alt, "neu": rolle},
        )
    return mitgliedschaft


def mitgliedschaft_entfernen(*, user, mitgliedschaft: Mitgliedschaft) -> None:
    """Remove a member. What rested on the membership ends with it: the person is no longer a
    named participant of the Kommune's cohorts and loses its coming training dates."""
    # Imported here: trainings build on Kommunen, not the other way round; only this
    # consequence reaches across.
    from schulungen.services import benennungen_beenden

    if not permissions.kann_mitglieder_verwalten(user, mitgliedschaft.kommune):
        raise NichtGefunden(objekt=mitgliedschaft)
    with transaction.atomic():
        if _letzter_admin(mitgliedschaft):
            raise ValidationError(
                _("Die letzte Person mit der Rolle „Verwalten“ kann nicht entfernt werden.")
            )
        audit(
            wer=user,
            kommune=mitgliedschaft.kommune,
            aktion="mitgliedschaft.entfernt",
            objekt=mitgliedschaft,
            details={"user": mitgliedschaft.user.username},
        )
        person, kommune = mitgliedschaft.user, mitgliedschaft.kommune
        mitgliedschaft.delete()
        benennungen_beenden(user=user, kommune=kommune, person=person)


def konto_folgen_beenden(*, user, person, grund: str) -> int:
    """An account was deactivated (Django admin): like a membership removal, its namings in
    every Kommune end and its seats in coming events go to the waitlist.

    Runs in the caller's transaction; `grund` (e.g. "konto.deaktiviert") goes into the audit
    log. Returns the number of namings ended.
    """
    # Imported here for the same reason as in `mitgliedschaft_entfernen`.
    from schulungen.services import benennungen_beenden

    kommunen = Kommune.objects.filter(
        pk__in=Mitgliedschaft.objects.filter(user=person).values("kommune_id")
    ).order_by("pk")
    return sum(
        benennungen_beenden(user=user, kommune=kommune, person=person, grund=grund)
        for kommune in kommunen
    )


def kommune_aufnehmen(*, user, kommune: Kommune, admin_email: str) -> tuple[Einladung, str]:
    """Coordination makes a Kommune a member and invites its first admin.

    A Kommune that is a member already and has an active admin is refused (`Konflikt`): further
    people are invited by that admin. One that lost its last admin gets a new invitation.
    """
    if not permissions.kann_mitgliedschaft_vergeben(user):
        raise NichtGefunden(objekt=kommune)
    email = email_pruefen(admin_email)
    with transaction.atomic():
        kommune = Kommune.objects.select_for_update().get(pk=kommune.pk)
        if kommune.ist_mitglied:
            if admins_der_kommune(kommune).exists():
                raise Konflikt(
                    _(
                        "%(kommune)s ist bereits Mitglied und hat eine Kommunen-Admin-Person. "
                        "Weitere Personen lädt diese unter „Meine Kommune“ ein."
                    )
                    % {"kommune": kommune.name},
                    code="bereits_mitglied",
                )
        else:
            kommune.ist_mitglied = True
            kommune.mitglied_seit = timezone.localdate()
            kommune.save(update_fields=["ist_mitglied", "mitglied_seit"])
            audit(wer=user, kommune=kommune, aktion="kommune.aufgenommen", objekt=kommune)
        return _einladung_anlegen(user=user, kommune=kommune, email=email, rolle=Rolle.VERWALTEN)
