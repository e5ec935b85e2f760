"""REST endpoints for cohorts, events and the caller's enrolments. Thin, like the views."""

from __future__ import annotations

import uuid

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from prozessbibliothek.api import FEHLER

from . import selectors, services
from .serializers import (
    EinschreibungInputSerializer,
    EinschreibungSerializer,
    KohorteSerializer,
    VeranstaltungSerializer,
)


@extend_schema_view(get=extend_schema(responses={200: KohorteSerializer(many=True), 404: FEHLER}))
class KohorteListApi(generics.ListAPIView):
    """All cohorts that are not drafts (public)."""

    serializer_class = KohorteSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        return selectors.kohorten_sichtbar(self.request.user)


@extend_schema(
    parameters=[
        OpenApiParameter("kohorte", OpenApiTypes.UUID, description="UUID der Kohorte"),
        OpenApiParameter(
            "typ", str, description="auftakt, schulung, workshop, training, netzwerktreffen"
        ),
    ],
    responses={200: VeranstaltungSerializer(many=True), 400: FEHLER, 404: FEHLER},
)
class VeranstaltungListApi(generics.ListAPIView):
    """Events (public). Recording and material only for members of enrolled Kommunen."""

    serializer_class = VeranstaltungSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        p = self.request.query_params
        kohorte = None
        if p.get("kohorte"):
            try:
                kohorte_uuid = uuid.UUID(p["kohorte"])
            except ValueError:
                raise ApiValidationError(
                    {"kohorte": [_("Geben Sie die Kohorte als UUID an.")]}
                ) from None
            kohorte = selectors.kohorte_fuer(self.request.user, kohorte_uuid)
        return selectors.veranstaltungen_sichtbar(
            self.request.user, kohorte=kohorte, typ=p.get("typ", "")
        )

    def get_serializer_context(self):
        ctx = super().get_serializer_context()
        ctx["zugang"] = selectors.aufzeichnungszugang(self.request.user)
        return ctx


@extend_schema_view(
    get=extend_schema(responses={200: EinschreibungSerializer(many=True), 403: FEHLER})
)
class MeineEinschreibungenApi(generics.ListAPIView):
    """Enrolments of the Kommunen the caller belongs to."""

    serializer_class = EinschreibungSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        return selectors.eigene_einschreibungen(self.request.user).order_by("-angefragt_am")


@extend_schema_view(
    get=extend_schema(responses={200: EinschreibungSerializer, 403: FEHLER, 404: FEHLER})
)
class EinschreibungDetailApi(generics.RetrieveAPIView):
    """One enrolment of a Kommune the caller administers; any other is 404."""

    serializer_class = EinschreibungSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_object(self):
        return selectors.einschreibung_zum_verwalten(self.request.user, self.kwargs["uuid"])


class EinschreibungCreateApi(APIView):
    """Request a place in a cohort for a Kommune the caller administers.

    The Kommune comes from the caller's membership: a `kommune` that is not hers is a 404.
    """

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=EinschreibungInputSerializer,
        responses={201: EinschreibungSerializer, 400: FEHLER, 403: FEHLER, 404: FEHLER,
                   409: FEHLER},
    )  # fmt: skip
    def post(self, request):
        eingabe = EinschreibungInputSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        daten = eingabe.validated_data
        kommune = selectors.verwaltete_kommune(request.user, daten.get("kommune"))
        kohorte = selectors.kohorte_fuer(request.user, daten["kohorte"])
        namen = set(daten.get("teilnehmende") or [])
        personen = [
            m.user
            for m in selectors.mitglieder_zur_auswahl(request.user, kommune).filter(
                user__username__in=namen
            )
        ]
        if len(personen) != len(namen):
            raise ApiValidationError(
                {"teilnehmende": [_("Teilnehmen können nur Mitglieder Ihrer Kommune.")]}
            )
        einschreibung = services.einschreibung_anfragen(
            user=request.user, kommune=kommune, kohorte=kohorte, teilnehmende=personen
        )
        return Response(EinschreibungSerializer(einschreibung).data, status=status.HTTP_201_CREATED)


class EinschreibungZurueckziehenApi(APIView):
    """Withdraw an enrolment of a Kommune the caller administers; the waitlist moves up."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: EinschreibungSerializer, 400: FEHLER, 403: FEHLER, 404: FEHLER,
                   409: FEHLER},
    )  # fmt: skip
    def post(self, request, uuid):
        einschreibung = selectors.einschreibung_zum_verwalten(request.user, uuid)
        einschreibung = services.einschreibung_zurueckziehen(
            user=request.user, einschreibung=einschreibung
        )
        return Response(EinschreibungSerializer(einschreibung).data)
