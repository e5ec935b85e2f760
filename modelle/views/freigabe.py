"""Review, publication and archiving from the model page: POST only, then back to the page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors
from ..services import freigabe


def _zurueck(version):
    return redirect("version_detail", uuid=version.modell.uuid, nummer=version.nummer)


def _ausfuehren(request, uuid, nummer, aktion, erfolg: str, **kwargs):
    version = selectors.version_fuer(request.user, uuid, nummer)
    try:
        aktion(user=request.user, version=version, **kwargs)
    except ValidationError as exc:
        for meldung in exc.messages:
            messages.error(request, meldung)
    else:
        messages.success(request, erfolg % {"n": version.nummer})
    return _zurueck(version)


@login_required
@require_POST
def zur_pruefung(request, uuid, nummer: int):
    return _ausfuehren(
        request, uuid, nummer, freigabe.zur_pruefung_geben,
        _("Version %(n)s liegt jetzt der Verwaltung Ihrer Kommune zur Prüfung vor."),
    )  # fmt: skip


@login_required
@require_POST
def freigeben(request, uuid, nummer: int):
    return _ausfuehren(
        request, uuid, nummer, freigabe.freigeben,
        _("Version %(n)s ist freigegeben und für das Netzwerk sichtbar."),
    )  # fmt: skip


@login_required
@require_POST
def zurueckgeben(request, uuid, nummer: int):
    return _ausfuehren(
        request, uuid, nummer, freigabe.zurueckgeben,
        _("Version %(n)s ist mit Ihrem Kommentar an die Redaktion zurückgegangen."),
        kommentar=request.POST.get("kommentar", "")[:2000],
    )  # fmt: skip


@login_required
def archivieren(request, uuid):
    """GET asks for confirmation and says what follows; POST archives."""
    modell = selectors.modell_fuer(request.user, uuid)
    if request.method != "POST":
        freigabe.nur_verwaltung(request.user, modell)
        return render(request, "modelle/archivieren.html", {"modell": modell})
    freigabe.modell_archivieren(user=request.user, modell=modell)
    messages.success(request, _("Das Modell ist archiviert: Andere Kommunen sehen es nicht mehr."))
    return redirect("modell_detail", uuid=modell.uuid)


@login_required
@require_POST
def wiederherstellen(request, uuid):
    modell = selectors.modell_fuer(request.user, uuid)
    freigabe.modell_wiederherstellen(user=request.user, modell=modell)
    messages.success(request, _("Das Modell ist wiederhergestellt."))
    return redirect("modell_detail", uuid=modell.uuid)
