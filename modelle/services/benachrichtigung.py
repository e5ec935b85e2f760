"""E-mails about a model's review and publication; sent by the worker (tasks take ids)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kommunen.models import Mitgliedschaft, Rolle

from ..models import Modellversion

TEXTE = {
    "zur_pruefung": (
        gettext_lazy("Zur Freigabe: %(titel)s, Version %(n)s"),
        gettext_lazy(
            "%(wer)s bittet Sie, Version %(n)s des Modells „%(titel)s“ von %(kommune)s zu "
            "prüfen und freizugeben. Erst nach Ihrer Freigabe sehen die anderen Kommunen des "
            "Netzwerks diese Version."
        ),
    ),
    "freigegeben": (
        gettext_lazy("Freigegeben: %(titel)s, Version %(n)s"),
        gettext_lazy(
            "%(wer)s hat Version %(n)s des Modells „%(titel)s“ freigegeben. Sie ist jetzt für "
            "das Netzwerk sichtbar."
        ),
    ),
    "zurueckgegeben": (
        gettext_lazy("Zurückgegeben: %(titel)s, Version %(n)s"),
        gettext_lazy(
            "%(wer)s hat Version %(n)s des Modells „%(titel)s“ an die Redaktion zurückgegeben."
        ),
    ),
}


def _empfaenger(version: Modellversion, anlass: str) -> list[str]:
    if anlass == "zur_pruefung":
        admins = Mitgliedschaft.objects.gueltig().filter(
            kommune=version.kommune, rolle=Rolle.VERWALTEN
        )
        if version.zur_pruefung_von_id:
            admins = admins.exclude(user_id=version.zur_pruefung_von_id)
        return sorted(set(admins.values_list("user__email", flat=True)) - {""})
    personen = {version.erstellt_von, version.zur_pruefung_von} - {None}
    entscheider = version.freigegeben_von if anlass == "freigegeben" else None
    return sorted({p.email for p in personen if p.email and p != entscheider})


def freigabe_mitteilen(*, version_id: int, anlass: str) -> int:
    """Mail the people a review step concerns; returns how many were written to."""
    version = (
        Modellversion.objects.select_related(
            "modell", "kommune", "erstellt_von", "zur_pruefung_von", "freigegeben_von"
        )
        .filter(pk=version_id)
        .first()
    )
    if version is None or anlass not in TEXTE:
        return 0
    wer = {
        "zur_pruefung": version.zur_pruefung_von,
        "freigegeben": version.freigegeben_von,
    }.get(anlass)
    werte = {
        "titel": version.modell.titel,
        "n": version.nummer,
        "kommune": version.kommune.name,
        "wer": wer.anzeigename() if wer else _("Die Verwaltung Ihrer Kommune"),
    }
    betreff, satz = TEXTE[anlass]
    teile = [_("Guten Tag,"), str(satz) % werte]
    if anlass == "zurueckgegeben" and version.rueckmeldung:
        teile.append(_("Kommentar:") + "\n" + version.rueckmeldung)
    link = settings.SITE_URL + reverse(
        "version_detail", kwargs={"uuid": version.modell.uuid, "nummer": version.nummer}
    )
    teile.append(_("Zum Modell: %(link)s") % {"link": link})
    empfaenger = _empfaenger(version, anlass)
    if empfaenger:
        send_mail(str(betreff) % werte, "\n\n".join(teile), None, empfaenger)
    return len(empfaenger)


def kommentar_mitteilen(*, kommentar_id: int) -> int:
    """Tell the model's Redaktion and Verwaltung about a new comment (not its author)."""
    from ..models import Kommentar

    k = (
        Kommentar.objects.select_related("modell", "version", "autor", "kommune")
        .filter(pk=kommentar_id, geloescht_am__isnull=True)
        .first()
    )
    if k is None:
        return 0
    empfaenger = set(
        Mitgliedschaft.objects.gueltig()
        .filter(kommune=k.kommune, rolle__in=Rolle.ab(Rolle.BEARBEITEN))
        .exclude(user_id=k.autor_id)
        .values_list("user__email", flat=True)
    ) - {""}
    if not empfaenger:
        return 0
    link = settings.SITE_URL + reverse(
        "version_detail", kwargs={"uuid": k.modell.uuid, "nummer": k.version.nummer}
    )
    werte = {"titel": k.modell.titel, "wer": k.autor.anzeigename() if k.autor else "?"}
    send_mail(
        _("Neuer Kommentar: %(titel)s") % werte,
        "\n\n".join(
            [
                _("Guten Tag,"),
                _("%(wer)s hat das Modell „%(titel)s“ kommentiert:") % werte,
                k.text,
                _("Zum Modell: %(link)s") % {"link": link + "#kommentare"},
            ]
        ),
        None,
        sorted(empfaenger),
    )
    return len(empfaenger)


def nachnutzer_benachrichtigen(*, version_id: int) -> int:
    """The origin published a newer version: tell the Redaktion of every copy (one mail per
    copy's Kommune), so they can compare and take over what they like."""
    from ..models import Prozessmodell

    neu = Modellversion.objects.select_related("modell", "kommune").filter(pk=version_id).first()
    if neu is None or neu.status != Modellversion.Status.FREIGEGEBEN:
        return 0
    kopien = (
        Prozessmodell.objects.filter(abgeleitet_von__modell=neu.modell)
        .exclude(kommune=neu.kommune)
        .select_related("kommune", "abgeleitet_von")
    )
    gesendet = 0
    for kopie in kopien:
        if kopie.abgeleitet_von.nummer >= neu.nummer:
            continue
        empfaenger = sorted(
            set(
                Mitgliedschaft.objects.gueltig()
                .filter(kommune=kopie.kommune, rolle__in=Rolle.ab(Rolle.BEARBEITEN))
                .values_list("user__email", flat=True)
            )
            - {""}
        )
        if not empfaenger:
            continue
        link = settings.SITE_URL + reverse("modell_detail", kwargs={"uuid": kopie.uuid})
        werte = {
            "titel": neu.modell.titel,
            "kommune": neu.kommune.name,
            "n": neu.nummer,
            "alt": kopie.abgeleitet_von.nummer,
            "kopie": kopie.titel,
        }
        send_mail(
            _("Neue Version des Originals: %(titel)s") % werte,
            "\n\n".join(
                [
                    _("Guten Tag,"),
                    _(
                        "%(kommune)s hat Version %(n)s von „%(titel)s“ freigegeben. Ihr Modell "
                        "„%(kopie)s“ beruht auf Version %(alt)s. Auf der Seite Ihres Modells "
                        "können Sie die beiden vergleichen."
                    )
                    % werte,
                    _("Zu Ihrem Modell: %(link)s") % {"link": link},
                ]
            ),
            None,
            empfaenger,
        )
        gesendet += 1
    return gesendet
