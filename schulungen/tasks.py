"""E-mails about enrolments and events. Tasks take ids, load, and do nothing if the row is gone."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

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


def _empfaenger(einschreibung) -> list[str]:
    from kommunen.models import Mitgliedschaft, Rolle

    if einschreibung.ansprechperson and einschreibung.ansprechperson.email:
        return [einschreibung.ansprechperson.email]
    return list(
        Mitgliedschaft.objects.filter(kommune=einschreibung.kommune, rolle=Rolle.VERWALTEN)
        .values_list("user__email", flat=True)
        .exclude(user__email="")
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


@shared_task(ignore_result=True)
def einschreibung_mitteilen(einschreibung_id: int, anlass: str) -> None:
    from .models import Einschreibung

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


@shared_task(ignore_result=True)
def teilnahme_nachgerueckt(teilnahme_id: int) -> None:
    from .models import Teilnahme

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


@shared_task(ignore_result=True)
def erinnerungen_senden() -> int:
    """Daily: remind everyone with a place in an event that starts tomorrow (Berlin date)."""
    from . import services
    from .models import Teilnahme

    morgen = timezone.localdate(timezone=BERLIN) + timedelta(days=1)
    offen = Teilnahme.objects.filter(
        status=Teilnahme.Status.ANGEMELDET,
        erinnert_am=None,
        veranstaltung__beginn__date=morgen,
    ).values_list("pk", flat=True)
    gesendet = 0
    for pk in list(offen):
        if services.erinnerung_beanspruchen(pk):
            erinnerung_senden(pk)
            gesendet += 1
    return gesendet


def erinnerung_senden(teilnahme_id: int) -> None:
    from .models import Teilnahme

    t = Teilnahme.objects.select_related("veranstaltung", "person").get(pk=teilnahme_id)
    v = t.veranstaltung
    if not t.person.email:
        return
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
