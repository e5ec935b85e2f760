"""Nachnutzung from the model page: take a published model into one's own Kommune."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from prozessbibliothek.fehler import NichtGefunden

from .. import selectors, services


@login_required
@require_POST
def nachnutzen(request, uuid, nummer: int):
    version = selectors.version_fuer(request.user, uuid, nummer)
    # The target Kommune comes from the user's own memberships; a foreign id is a 404.
    kommune = (
        selectors.kommunen_zum_hochladen(request.user)
        .filter(pk=request.POST.get("kommune") or 0)
        .first()
    )
    if kommune is None:
        raise NichtGefunden()
    try:
        kopie = services.nachnutzen(user=request.user, version=version, kommune=kommune)
    except ValidationError as exc:
        for meldung in exc.messages:
            messages.error(request, meldung)
        return redirect("version_detail", uuid=uuid, nummer=nummer)
    messages.success(
        request,
        _(
            "„%(titel)s“ ist jetzt ein Entwurf von %(kommune)s. Passen Sie ihn an Ihre Abläufe "
            "an und geben Sie ihn dann zur Prüfung."
        )
        % {"titel": kopie.modell.titel, "kommune": kommune.name},
    )
    return redirect("modell_detail", uuid=kopie.modell.uuid)
