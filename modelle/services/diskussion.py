"""Comments on models: plain text, on one version and optionally one of its elements.

Anyone who may read the model and belongs to the network may comment; only the author changes or
deletes her comment (a deleted comment leaves a note, so replies keep their context). The model's
Kommune (its Redaktion and Verwaltung) is told by e-mail through Celery.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kommunen.audit import audit
from kommunen.permissions import liest_im_netzwerk
from prozessbibliothek.auftraege import einreihen_nach_commit
from prozessbibliothek.fehler import KeineBerechtigung, NichtGefunden

from ..models import Kommentar, Modellversion

V = Modellversion.Verarbeitung
MAX_TEXT = 5000
MAIL = "modelle.tasks.kommentar_mitteilen"


def _text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Bitte schreiben Sie einen Kommentar.")})
    if len(text) > MAX_TEXT:
        raise ValidationError({"text": _("Höchstens %(n)s Zeichen.") % {"n": MAX_TEXT}})
    return text


def _element_pruefen(version: Modellversion, element_id: str) -> str:
    """The element must be one the page offers: those the worker stored in `version.elemente`."""
    element_id = (element_id or "").strip()
    if not element_id:
        return ""
    if version.verarbeitung in (V.WARTEND, V.LAEUFT):
        raise ValidationError(
            {
                "element_id": _(
                    "Version %(n)s wird noch geprüft. Zu einzelnen Elementen können Sie "
                    "kommentieren, sobald die Prüfung fertig ist."
                )
                % {"n": version.nummer}
            }
        )
    if element_id not in (version.elemente or {}):
        raise ValidationError(
            {
                "element_id": _("Dieses Element gibt es in Version %(n)s nicht.")
                % {"n": version.nummer}
            }
        )
    return element_id


def kommentar_schreiben(
    *, user, version: Modellversion, text: str, element_id: str = ""
) -> Kommentar:
    """`version` was found through a selector scoped to `von` (so she may see it)."""
    if not liest_im_netzwerk(user):
        raise KeineBerechtigung(_("Kommentieren können Mitglieder des Netzwerks."))
    text = _text(text)
    element_id = _element_pruefen(version, element_id)
    with transaction.atomic():
        kommentar = Kommentar.objects.create(
            modell=version.modell,
            kommune_id=version.kommune_id,
            version=version,
            element_id=element_id,
            autor=user,
            text=text,
        )
        audit(
            wer=user,
            kommune=version.modell.kommune,
            aktion="kommentar.geschrieben",
            objekt=version.modell,
            details={"version": version.nummer, "kommentar": str(kommentar.uuid)},
        )
        einreihen_nach_commit(MAIL, kommentar.pk)
    return kommentar


def nur_eigener(user, kommentar: Kommentar) -> None:
    """Refuse unless `user` wrote this comment; a deleted comment is gone for everyone."""
    if kommentar.geloescht_am:
        raise NichtGefunden()
    if kommentar.autor_id != getattr(user, "pk", None):
        raise KeineBerechtigung(_("Ändern und löschen können Sie nur Ihre eigenen Kommentare."))


def _gesperrt(kommentar: Kommentar) -> Kommentar:
    """The comment's current row, locked: an edit and a delete (two tabs) cannot interleave."""
    # Only the comment's row: its model and Kommune are read, not locked.
    return (
        Kommentar.objects.select_for_update(of=("self",))
        .select_related("modell", "kommune")
        .get(pk=kommentar.pk)
    )


def kommentar_aendern(*, user, kommentar: Kommentar, text: str) -> Kommentar:
    """The author changes her comment's text; the change is in the model's history."""
    text = _text(text)
    with transaction.atomic():
        kommentar = _gesperrt(kommentar)
        nur_eigener(user, kommentar)
        kommentar.text = text
        kommentar.geaendert_am = timezone.now()
        kommentar.save(update_fields=["text", "geaendert_am"])
        audit(
            wer=user,
            kommune=kommentar.kommune,
            aktion="kommentar.geaendert",
            objekt=kommentar.modell,
        )
    return kommentar


def kommentar_loeschen(*, user, kommentar: Kommentar) -> None:
    """The author deletes her comment; a note stays in its place."""
    with transaction.atomic():
        kommentar = _gesperrt(kommentar)
        nur_eigener(user, kommentar)
        kommentar.text = ""
        kommentar.geloescht_am = timezone.now()
        kommentar.save(update_fields=["text", "geloescht_am"])
        audit(
            wer=user,
            kommune=kommentar.kommune,
            aktion="kommentar.geloescht",
            objekt=kommentar.modell,
            details={"kommentar": str(kommentar.uuid)},
        )
