"""Comments on the model page: write (POST), change and delete one's own (form pages)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import selectors
from ..services import diskussion


class KommentarForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Kommentar"),
        max_length=diskussion.MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Nur Text; Formatierungen und Links werden nicht umgesetzt."),
    )
    element_id = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


def _ziel(user, kommentar) -> str:
    """The comment on its version's page, or on the model page once this user may no longer
    open that version (superseded versions are not shown to other Kommunen)."""
    anker = f"#kommentar-{kommentar.uuid}"
    if selectors.version_sichtbar(user, kommentar.version):
        nummer = kommentar.version.nummer
        return (
            reverse("version_detail", kwargs={"uuid": kommentar.modell.uuid, "nummer": nummer})
            + anker
        )
    return reverse("modell_detail", kwargs={"uuid": kommentar.modell.uuid}) + anker


@login_required
@require_POST
def kommentar_schreiben(request, uuid, nummer: int):
    version = selectors.version_fuer(request.user, uuid, nummer)
    form = KommentarForm(request.POST)
    if form.is_valid():
        try:
            kommentar = diskussion.kommentar_schreiben(
                user=request.user, version=version, **form.cleaned_data
            )
        except ValidationError as exc:
            for meldung in exc.messages:
                messages.error(request, meldung)
        else:
            messages.success(request, _("Ihr Kommentar ist gespeichert."))
            return redirect(_ziel(request.user, kommentar))
    else:
        for fehler in form.errors.values():
            for meldung in fehler:
                messages.error(request, meldung)
    return redirect(
        reverse("version_detail", kwargs={"uuid": uuid, "nummer": nummer}) + "#kommentare"
    )


@login_required
def kommentar_bearbeiten(request, uuid):
    kommentar = selectors.kommentar_fuer(request.user, uuid)
    form = KommentarForm(request.POST or None, initial={"text": kommentar.text})
    if request.method == "POST" and form.is_valid():
        try:
            diskussion.kommentar_aendern(
                user=request.user, kommentar=kommentar, text=form.cleaned_data["text"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Ihr Kommentar ist geändert."))
            return redirect(_ziel(request.user, kommentar))
    else:
        diskussion.nur_eigener(request.user, kommentar)
    return render(
        request,
        "modelle/kommentar_bearbeiten.html",
        {"kommentar": kommentar, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def kommentar_loeschen(request, uuid):
    """GET asks (and says what follows), POST deletes."""
    kommentar = selectors.kommentar_fuer(request.user, uuid)
    if request.method != "POST":
        diskussion.nur_eigener(request.user, kommentar)
        return render(request, "modelle/kommentar_loeschen.html", {"kommentar": kommentar})
    diskussion.kommentar_loeschen(user=request.user, kommentar=kommentar)
    messages.success(request, _("Ihr Kommentar ist gelöscht."))
    return redirect(_ziel(request.user, kommentar))
