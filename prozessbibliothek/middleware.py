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


# Browser features the portal never uses; a page (or an injected script) cannot switch them on.
# `fullscreen` stays allowed for our own pages (a diagram may be shown full screen).
PERMISSIONS_POLICY = ", ".join(
    [
        *(
            f"{feature}=()"
            for feature in (
                "accelerometer", "ambient-light-sensor", "autoplay", "battery", "bluetooth",
                "camera", "display-capture", "encrypted-media", "geolocation", "gyroscope", "hid",
                "idle-detection", "local-fonts", "magnetometer", "microphone", "midi", "payment",
                "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial",
                "usb", "web-share", "xr-spatial-tracking",
            )
        ),
        "fullscreen=(self)",
    ]
)  # fmt: skip

KEIN_SPEICHERN = "private, no-store"


class SicherheitskoepfeMiddleware:
    """Headers every answer carries, on top of what SecurityMiddleware and django-csp set.

    - `Permissions-Policy` denies the browser features we do not use.
    - `Cache-Control: private, no-store` on every answer that does not name its own lifetime.
      That covers logged-in pages and every API answer, and deliberately also anonymous pages:
      the same URL shows a Kommune its drafts and a visitor only what is public, forms carry
      CSRF tokens, and login state changes between two requests — a copy kept by a browser or a
      proxy is never worth that risk here. Answers that set their own header keep it: the
      thumbnail (`private, max-age=600`), the calendar feed, downloads (`private, no-store`)
      and the static files that WhiteNoise serves.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        antwort = self.get_response(request)
        antwort.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        antwort.headers.setdefault("Cache-Control", KEIN_SPEICHERN)
        return antwort


class NullzeichenMiddleware:
    """Refuse a NUL character (U+0000) in the path, the query string or a form field with a
    400, before a view passes it on.

    No legitimate input contains one, and PostgreSQL cannot store or even compare it: a lookup
    with such a value (`?q=a%00b`, a slug from a form) would end as a 500. Form and serializer
    fields refuse it already; this covers the values views read directly. Files are not looked
    at (their bytes are the parser's business); JSON bodies go through the serializers.
    Reading `request.POST` here is what CsrfViewMiddleware does anyway; it comes after the
    size check, and DRF takes the parsed form from there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or _hat_nullzeichen(request.GET)
            or (request.method == "POST" and _hat_nullzeichen(request.POST))
        ):
            meldung = _("Die Anfrage enthält ein unzulässiges Steuerzeichen.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": meldung}, status=400)
            return render(request, "fehler/400.html", {"meldungen": [meldung]}, status=400)
        return self.get_response(request)


def _hat_nullzeichen(daten) -> bool:
    return any("\x00" in schluessel or any("\x00" in wert for wert in daten.getlist(schluessel))
               for schluessel in daten)  # fmt: skip
