"""E-mails about enrolments and events. Each takes an id, loads, and does nothing if the row is
gone; the Celery tasks in tasks.py call these (and nothing here imports the tasks)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kommunen.models import Mitgliedschaft
from kommunen.selectors import admins_der_kommune

from .models import Einschreibung, Teilnahme

BERLIN = ZoneInfo("Europe/Berlin")


def ortszeit(dt) -> str:
    """'Dienstag, 01.04.2025, 10:00 Uhr' in Berlin time, whatever the server's zone."""
    lokal = timezone.localtime(dt, BERLIN)
    tage = [_("Montag"), _("Dienstag"), _("Mittwoch"), _("Donnerstag"), _("Freitag"),
            _("Samstag"), _("Sonntag")]  # fmt: skip
    return f"{tage[lokal.weekday()]}, {lokal:%d.%m.%Y, %H:%M} Uhr"


def _termine(kohorte) -> str:
    zeilen = [
        f"- {ortszeit(v.beginn)}: {v.titel} ({v.get_format_display()})"
        for v in kohorte.veranstaltungen.filter(ende__gt=timezone.now())
    ]
    return "\n".join(zeilen) or _("(noch keine Termine)")


def _empfaenger(einschreibung: Einschreibung) -> list[str]:
    """The contact person while still a member of the Kommune, else its admins."""
    ap = einschreibung.ansprechperson
    if (
        ap
        and ap.email
        and Mitgliedschaft.objects.von(ap).filter(kommune_id=einschreibung.kommune_id).exists()
    ):
        return [ap.email]
    return list(
        admins_der_kommune(einschreibung.kommune)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


TEXTE = {
    "angefragt": (
        gettext_lazy("Anmeldung eingegangen: %(kohorte)s"),
        gettext_lazy(
            "die Anmeldung von %(kommune)s für %(kohorte)s ist eingegangen. Die Koordination "
            "entscheidet in Kürze; Sie erhalten dann eine Nachricht."
        ),
    ),
    "bestaetigt": (
        gettext_lazy("Anmeldung bestätigt: %(kohorte)s"),
        gettext_lazy("die Teilnahme von %(kommune)s an %(kohorte)s ist bestätigt."),
    ),
    "nachgerueckt": (
        gettext_lazy("Platz frei geworden – Anmeldung bestätigt: %(kohorte)s"),
        gettext_lazy(
            "ein Platz ist frei geworden: %(kommune)s ist von der Warteliste nachgerückt, die "
            "Teilnahme an %(kohorte)s ist jetzt bestätigt."
        ),
    ),
    "warteliste": (
        gettext_lazy("Warteliste: %(kohorte)s"),
        gettext_lazy(
            "alle Plätze in %(kohorte)s sind vergeben; %(kommune)s steht auf der Warteliste "
            "(Platz %(position)s). Wird ein Platz frei, rücken Sie automatisch nach und erhalten "
            "eine E-Mail."
        ),
    ),
    "abgelehnt": (
        gettext_lazy("Anmeldung nicht möglich: %(kohorte)s"),
        gettext_lazy(
            "die Anmeldung von %(kommune)s für %(kohorte)s konnte leider nicht angenommen werden."
        ),
    ),
}


def einschreibung_mitteilen(*, einschreibung_id: int, anlass: str) -> None:
    einschreibung = (
        Einschreibung.objects.select_related("kohorte", "kommune", "ansprechperson")
        .filter(pk=einschreibung_id)
        .first()
    )
    if einschreibung is None or anlass not in TEXTE:
        return
    kohorte = einschreibung.kohorte
    position = (
        kohorte.einschreibungen.filter(
            status=Einschreibung.Status.WARTELISTE, angefragt_am__lte=einschreibung.angefragt_am
        ).count()
        or 1
    )
    werte = {"kohorte": kohorte.name, "kommune": einschreibung.kommune.name, "position": position}
    betreff, satz = TEXTE[anlass]
    teile = [_("Guten Tag,"), satz % werte]
    if einschreibung.nachricht:
        teile.append(_("Nachricht der Koordination:") + "\n" + einschreibung.nachricht)
    if anlass in ("bestaetigt", "nachgerueckt"):
        teile.append(_("Die Termine (Ortszeit Berlin):") + "\n" + _termine(kohorte))
    link = settings.SITE_URL + reverse("schulungen_kohorte", args=[kohorte.uuid])
    teile.append(_("Details: %(link)s") % {"link": link})
    empfaenger = _empfaenger(einschreibung)
    if empfaenger:
        send_mail(betreff % werte, "\n\n".join(teile), None, empfaenger)


def teilnahme_nachgerueckt(*, teilnahme_id: int) -> None:
    t = Teilnahme.objects.select_related("veranstaltung", "person").filter(pk=teilnahme_id).first()
    if t is None or t.status != Teilnahme.Status.ANGEMELDET or not t.person.email:
        return
    v = t.veranstaltung
    send_mail(
        _("Platz frei geworden: %(titel)s") % {"titel": v.titel},
        _(
            "Guten Tag,\n\nein Platz ist frei geworden: Sie sind von der Warteliste nachgerückt "
            "und für „%(titel)s“ am %(zeit)s (Ortszeit Berlin) angemeldet.\n\n%(link)s"
        )
        % {
            "titel": v.titel,
            "zeit": ortszeit(v.beginn),
            "link": settings.SITE_URL + reverse("schulungen_veranstaltung", args=[v.uuid]),
        },
        None,
        [t.person.email],
    )


def erinnerung_senden(*, teilnahme_id: int) -> None:
    t = Teilnahme.objects.select_related("veranstaltung", "person").filter(pk=teilnahme_id).first()
    if t is None or not t.person.email:
        return
    v = t.veranstaltung
    send_mail(
        _("Erinnerung: morgen %(titel)s") % {"titel": v.titel},
        _(
            "Guten Tag,\n\nmorgen findet „%(titel)s“ statt:\n%(zeit)s bis %(ende)s (Ortszeit "
            "Berlin)\n%(format)s: %(ort)s\n\n%(link)s"
        )
        % {
            "titel": v.titel,
            "zeit": ortszeit(v.beginn),
            "ende": f"{timezone.localtime(v.ende, BERLIN):%H:%M} Uhr",
            "format": v.get_format_display(),
            "ort": v.ort_oder_link or "–",
            "link": settings.SITE_URL + reverse("schulungen_veranstaltung", args=[v.uuid]),
        },
        None,
        [t.person.email],
    )
