"""REST endpoints for Kommunen and the current user's memberships. Thin, like the views."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from prozessbibliothek.api import FEHLER

from . import selectors, services
from .models import Kommune
from .serializers import (
    EinladungInputSerializer,
    EinladungOutputSerializer,
    KommuneSerializer,
    MitgliedschaftSerializer,
)


@extend_schema(
    parameters=[
        OpenApiParameter("q", str, description="Name oder AGS-Anfang"),
        OpenApiParameter("kreis", str, description="Kreisschlüssel oder Kreisname"),
        OpenApiParameter("mitglieder", bool, description="nur Mitgliedskommunen"),
    ],
    responses={200: KommuneSerializer(many=True), 404: FEHLER},
)
class KommuneListApi(generics.ListAPIView):
    """Every Kommune of Baden-Württemberg, searchable by name, AGS and Kreis.

    The name search tolerates umlauts and their spellings ("Boeblingen", "boblingen").
    """

    serializer_class = KommuneSerializer
    permission_classes = [permissions.AllowAny]

    def get_queryset(self):
        p = self.request.query_params
        return selectors.kommunen_suchen(
            q=p.get("q", ""),
            kreis=p.get("kreis", ""),
            nur_mitglieder=p.get("mitglieder") in {"1", "true"},
        )


@extend_schema_view(get=extend_schema(responses={200: KommuneSerializer, 404: FEHLER}))
class KommuneDetailApi(generics.RetrieveAPIView):
    serializer_class = KommuneSerializer
    permission_classes = [permissions.AllowAny]
    lookup_field = "ags"
    queryset = Kommune.objects.select_related("kreis")


@extend_schema_view(
    get=extend_schema(responses={200: MitgliedschaftSerializer(many=True), 403: FEHLER})
)
class MeineMitgliedschaftenApi(generics.ListAPIView):
    """The Kommunen the current user belongs to, with the role."""

    serializer_class = MitgliedschaftSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        return selectors.mitgliedschaften_von(self.request.user)


class EinladungCreateApi(APIView):
    """Invite a colleague into the Kommune the caller administers.

    The Kommune is taken from the caller's membership; a `kommune` in the body is ignored.
    """

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        request=EinladungInputSerializer,
        responses={201: EinladungOutputSerializer, 400: FEHLER, 403: FEHLER, 404: FEHLER,
                   409: FEHLER},
    )  # fmt: skip
    def post(self, request):
        eingabe = EinladungInputSerializer(data=request.data)
        eingabe.is_valid(raise_exception=True)
        einladung, _token = services.einladung_erstellen(
            user=request.user,
            kommune=selectors.verwaltete_kommune(request.user),
            **eingabe.validated_data,
        )
        return Response(EinladungOutputSerializer(einladung).data, status=status.HTTP_201_CREATED)
