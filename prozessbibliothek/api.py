"""API-wide behaviour: errors always come back as JSON with a German `detail`."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .fehler import KeineBerechtigung, NichtGefunden

logger = logging.getLogger(__name__)

# The shape of every refusal, for the schema: `detail` (a German sentence or a list of them) and
# sometimes a `code` naming the clash (409 "duplikat"); a 400 for bad fields carries the field
# names instead, each with its list of German messages.
FEHLER = inline_serializer(
    "Fehler",
    {
        "detail": serializers.JSONField(required=False),
        "code": serializers.JSONField(required=False),
    },
)


def exception_handler(exc, context):
    if isinstance(exc, NichtGefunden):
        return Response(
            {"detail": exc.meldung or _("Nicht gefunden.")}, status=status.HTTP_404_NOT_FOUND
        )
    if isinstance(exc, KeineBerechtigung):
        return Response(
            {"detail": exc.meldung or _("Dazu fehlt Ihnen die Berechtigung.")},
            status=status.HTTP_403_FORBIDDEN,
        )
    if isinstance(exc, DjangoValidationError):
        code = getattr(exc, "status", status.HTTP_400_BAD_REQUEST)
        if hasattr(exc, "error_dict"):
            # Field errors keyed by field, as DRF's own validation answers them.
            return Response(exc.message_dict, status=code)
        antwort = {"detail": exc.messages}
        if getattr(exc, "code", None):
            antwort["code"] = exc.code
        return Response(antwort, status=code)
    response = drf_exception_handler(exc, context)
    if response is None:
        # Never a stack trace to the client; the log keeps it.
        logger.exception("Unerwarteter Fehler in der API", exc_info=exc)
        return Response(
            {
                "detail": _(
                    "Ein interner Fehler ist aufgetreten. Bitte versuchen Sie es später erneut."
                )
            },
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return response
