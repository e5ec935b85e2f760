"""File downloads with safe headers: always an attachment, never sniffed, never cached publicly."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def download(inhalt: bytes, *, content_type: str, dateiname: str) -> HttpResponse:
    antwort = HttpResponse(inhalt, content_type=content_type)
    antwort["Content-Disposition"] = content_disposition_header(True, dateiname)
    antwort["X-Content-Type-Options"] = "nosniff"
    antwort["Cache-Control"] = "private, no-store"
    return antwort
