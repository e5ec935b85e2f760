"""API-wide behaviour: errors always come back as JSON with a German `detail`."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .fehler import Fachfehler, KeineBerechtigung, NichtGefunden

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
    if isinstance(exc, (Fachfehler, PermissionDenied)) and context.get("request") is not None:
        from kommunen.audit import verweigerung

        verweigerung(context["request"], exc)
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


# OpenAPI links: which answer feeds which next request (a client's natural paths through the
# API). Documentation for clients, and the graph that stateful fuzzing (schemathesis) walks.
# operationId → status → {link name: (target operationId, parameters, request body)}
_LINKS = {
    "v1_modelle_create": {
        "201": {
            "Modell": ("v1_modelle_retrieve", {"uuid": "$response.body#/uuid"}, None),
            "ModellAendern": ("v1_modelle_partial_update", {"uuid": "$response.body#/uuid"}, None),
            "NeueVersion": ("v1_modelle_versionen_create", {"uuid": "$response.body#/uuid"}, None),
            "ErsteVersion": (
                "v1_modelle_versionen_retrieve",
                {"uuid": "$response.body#/uuid", "nummer": "$response.body#/versionen/0/nummer"},
                None,
            ),
        }
    },
    "v1_modelle_list": {
        "200": {
            "Modell": ("v1_modelle_retrieve", {"uuid": "$response.body#/results/0/uuid"}, None),
        }
    },
    "v1_modelle_retrieve": {
        "200": {
            "ModellAendern": ("v1_modelle_partial_update", {"uuid": "$request.path.uuid"}, None),
            "NeueVersion": ("v1_modelle_versionen_create", {"uuid": "$request.path.uuid"}, None),
            "Vergleich": ("v1_modelle_vergleich_retrieve", {"uuid": "$request.path.uuid"}, None),
        }
    },
    "v1_modelle_versionen_create": {
        "201": {
            "Version": (
                "v1_modelle_versionen_retrieve",
                {"uuid": "$request.path.uuid", "nummer": "$response.body#/nummer"},
                None,
            ),
            "Vergleich": (
                "v1_modelle_vergleich_retrieve",
                {"uuid": "$request.path.uuid", "b": "$response.body#/nummer"},
                None,
            ),
        }
    },
    "v1_kommunen_list": {
        "200": {
            "Kommune": ("v1_kommunen_retrieve", {"ags": "$response.body#/results/0/ags"}, None),
        }
    },
    "v1_kohorten_list": {
        "200": {
            "Veranstaltungen": (
                "v1_veranstaltungen_list",
                {"kohorte": "$response.body#/results/0/uuid"},
                None,
            ),
            "Anmelden": (
                "v1_einschreibungen_create",
                {},
                {"kohorte": "$response.body#/results/0/uuid"},
            ),
        }
    },
    "v1_einschreibungen_create": {
        "201": {
            "Einschreibung": (
                "v1_einschreibungen_retrieve",
                {"uuid": "$response.body#/uuid"},
                None,
            ),
            "Zurueckziehen": (
                "v1_einschreibungen_zurueckziehen_create",
                {"uuid": "$response.body#/uuid"},
                None,
            ),
        }
    },
    "v1_ich_einschreibungen_list": {
        "200": {
            "Einschreibung": (
                "v1_einschreibungen_retrieve",
                {"uuid": "$response.body#/0/uuid"},
                None,
            ),
        }
    },
}


def links_ergaenzen(result, generator, request, public):
    """drf-spectacular postprocessing hook: add `_LINKS` to the generated schema."""
    for pfad in result.get("paths", {}).values():
        for operation in pfad.values():
            for code, links in _LINKS.get(operation.get("operationId"), {}).items():
                antwort = operation.get("responses", {}).get(code)
                if antwort is None:
                    continue
                for name, (ziel, parameter, body) in links.items():
                    link = {"operationId": ziel, "parameters": parameter}
                    if body is not None:
                        link["requestBody"] = body
                    antwort.setdefault("links", {})[name] = link
    return result


# Refusals that any operation can give before its view runs: a NUL character in the path or a
# parameter, a foreign Host (400, prozessbibliothek/middleware.py), and a token that is not valid
# (403, DRF's authentication).
_UEBERALL = {
    "400": "Ungültige Anfrage, z. B. ein Steuerzeichen in Pfad oder Parametern.",
    "403": "Der Token ist ungültig, oder die Anmeldung fehlt.",
}


def fehler_ergaenzen(result, generator, request, public):
    """drf-spectacular postprocessing hook: document `_UEBERALL` on every operation."""
    fehler = {"application/json": {"schema": {"$ref": "#/components/schemas/Fehler"}}}
    for pfad in result.get("paths", {}).values():
        for operation in pfad.values():
            for code, beschreibung in _UEBERALL.items():
                operation.get("responses", {}).setdefault(
                    code, {"description": beschreibung, "content": fehler}
                )
    return result
