"""Error pages in German; never a stack trace.

Under /api/ the same errors come back as JSON with a German `detail`, like every other API
refusal (prozessbibliothek/api.py): a client that asks for /api/v1/modelle/kein-uuid/ gets the
answer it can parse, not an HTML page. These are the answers that no API view produced — an
unknown path, a path segment that is not a UUID, or a failure outside DRF.
"""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def _api(request) -> bool:
    return request.path.startswith("/api/")


def nicht_gefunden(request, exception=None):
    if _api(request):
        return JsonResponse({"detail": _("Nicht gefunden.")}, status=404)
    return render(request, "fehler/404.html", status=404)


def serverfehler(request):
    if _api(request):
        meldung = _("Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut.")
        return JsonResponse({"detail": meldung}, status=500)
    return render(request, "fehler/500.html", status=500)


def verboten(request, exception=None, *, meldung: str = ""):
    if _api(request):
        return JsonResponse(
            {"detail": meldung or _("Dazu fehlt Ihnen die Berechtigung.")}, status=403
        )
    return render(request, "fehler/403.html", {"meldung": meldung}, status=403)


def ungueltige_anfrage(request, exception=None, *, meldungen=(), status: int = 400):
    if _api(request):
        return JsonResponse(
            {"detail": list(meldungen) or [_("Die Anfrage ist ungültig.")]}, status=status
        )
    return render(request, "fehler/400.html", {"meldungen": meldungen}, status=status)
