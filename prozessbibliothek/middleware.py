"""Request-wide limits, applied before anything reads the body."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class AnfragegroesseMiddleware:
    """Refuse a request body above `MAX_ANFRAGE_BYTES` by its Content-Length, before a byte of it
    is read or an upload is spooled to disk. A body without a length is never read by Django."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            laenge = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            laenge = -1
        grenze = settings.MAX_ANFRAGE_BYTES
        if laenge > grenze or laenge < 0:
            meldung = (
                _(
                    "Die Anfrage ist zu groß: höchstens %(mib)s MiB auf einmal. Laden Sie große "
                    "Mengen in mehreren Schritten oder als ZIP-Archiv hoch."
                )
                % {"mib": grenze // 1024 // 1024}
                if laenge > 0
                else _("Die Anfrage hat eine ungültige Längenangabe.")
            )
            status = 413 if laenge > 0 else 400
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": meldung}, status=status)
            return render(request, "fehler/400.html", {"meldungen": [meldung]}, status=status)
        return self.get_response(request)
