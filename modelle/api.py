"""REST endpoints of the register. Thin: read input, call one service or selector, answer.

Refusals come back as JSON with a German `detail` (prozessbibliothek/api.py): 400 for a bad file
or field, 403 for a visible model the caller may not change, 404 for anything the caller may not
see, 409 for the same file again or a change that someone else made first.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from kommunen.models import Kommune
from prozessbibliothek.api import FEHLER
from prozessbibliothek.fehler import KeineBerechtigung, NichtGefunden
from schulungen.models import Kohorte

from . import eingang, selectors, services, suche
from .models import Kategorie, Lizenz, Prozessmodell, Sichtbarkeit
from .serializers import (
    KatalogModellSerializer,
    ModellMitVersionenSerializer,
    VergleichSerializer,
    VersionSerializer,
)
from .vergleich import vergleichen


class MetadatenInput(serializers.Serializer):
    titel = serializers.CharField(max_length=200, required=False)
    beschreibung = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    leistungsschluessel = serializers.CharField(max_length=20, required=False, allow_blank=True)
    kategorie = serializers.ChoiceField(Kategorie.choices, required=False)
    schlagworte = serializers.ListField(
        child=serializers.CharField(max_length=50), max_length=20, required=False
    )
    ansprechperson = serializers.CharField(max_length=200, required=False, allow_blank=True)
    lizenz = serializers.ChoiceField(Lizenz.choices, required=False)
    sichtbarkeit = serializers.ChoiceField(Sichtbarkeit.choices, required=False)
    kohorte = serializers.UUIDField(required=False, allow_null=True, help_text="UUID der Kohorte")

    def metadaten(self) -> dict:
        daten = dict(self.validated_data)
        if "kohorte" in daten:
            wert = daten["kohorte"]
            daten["kohorte"] = Kohorte.objects.filter(uuid=wert).first() if wert else None
            if wert and daten["kohorte"] is None:
                raise serializers.ValidationError({"kohorte": [_("Diese Kohorte gibt es nicht.")]})
        return daten


class ModellAnlegenInput(MetadatenInput):
    datei = serializers.FileField(help_text="BPMN-2.0-Datei, höchstens 10 MiB")
    aenderungsnotiz = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    kommune = serializers.CharField(
        max_length=8,
        required=False,
        help_text="AGS einer Kommune, in der Sie Redaktion oder Verwaltung sind (nur nötig, "
        "wenn Sie mehreren angehören).",
    )


class VersionInput(serializers.Serializer):
    datei = serializers.FileField(help_text="BPMN-2.0-Datei, höchstens 10 MiB")
    aenderungsnotiz = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ModellAendernInput(MetadatenInput):
    stand = serializers.CharField(
        max_length=64, required=False, help_text="`stand` aus der letzten Antwort"
    )


def _datei(hochgeladen) -> eingang.Datei:
    try:
        return eingang.hochgeladene_datei(hochgeladen)
    except eingang.Abgelehnt as exc:
        raise serializers.ValidationError(
            {"datei": [f"„{exc.dateiname}“: {exc.meldung}"], "code": exc.code}
        ) from None


def _kommune_fuer(user, ags: str | None) -> Kommune:
    """The caller's own Kommune with editing rights: the named one, or the only one."""
    kommunen = selectors.kommunen_zum_hochladen(user)
    if ags:
        kommune = kommunen.filter(ags=ags).first()
        if kommune is None:
            raise NichtGefunden(_("Sie sind in keiner Kommune mit diesem AGS Redaktion."))
        return kommune
    eigene = list(kommunen[:2])
    if not eigene:
        raise KeineBerechtigung(
            _("Modelle hochladen dürfen nur Redaktion und Verwaltung einer Mitgliedskommune.")
        )
    if len(eigene) > 1:
        raise serializers.ValidationError(
            {"kommune": [_("Sie gehören mehreren Kommunen an: Bitte den AGS angeben.")]}
        )
    return eigene[0]


KATALOG_PARAMETER = [
    OpenApiParameter("q", str, description="Suchtext: Titel, Beschreibung, Leistungsschlüssel, "
                     "Schlagworte und Beschriftungen im Diagramm (Volltext, fehlertolerant)."),
    OpenApiParameter("regierungsbezirk", str, description="Name, z. B. „Stuttgart“."),
    OpenApiParameter("kreis", str, pattern=r"^\d{5}$", description="Kreisschlüssel, z. B. 08115."),
    OpenApiParameter("kommune", str, pattern=r"^\d{8}$",
                     description="Amtlicher Gemeindeschlüssel (AGS) der Kommune."),
    OpenApiParameter("kategorie", str, enum=sorted(Kategorie.values)),
    OpenApiParameter("lizenz", str, enum=sorted(Lizenz.values)),
    OpenApiParameter("kohorte", OpenApiTypes.UUID, description="UUID der Kohorte."),
    OpenApiParameter("befunde", bool, description="Nur Modelle, deren sichtbare Version "
                     "Befunde hat (true) oder keine hat (false)."),
    OpenApiParameter("sortierung", str, enum=sorted(suche.SORTIERUNGEN),
                     description="Ohne Angabe: relevanz mit q, sonst neueste. Bei mehr als "
                     f"{suche.RANG_GRENZE} Treffern gilt statt relevanz neueste."),
]  # fmt: skip


class _BekannteAnzahl(Paginator):
    def __init__(self, object_list, per_page, *, anzahl: int, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.__dict__["count"] = anzahl  # the cached_property, filled in advance


class KatalogSeiten(PageNumberPagination):
    """Page numbers as in every list; the total comes from the catalog's (cached) counts
    instead of counting every matching row again."""

    anzahl: int | None = None

    def paginate_queryset(self, queryset, request, view=None):
        if self.anzahl is not None:
            anzahl = self.anzahl
            self.django_paginator_class = lambda ql, ps: _BekannteAnzahl(ql, ps, anzahl=anzahl)
        return super().paginate_queryset(queryset, request, view)


class ModellListApi(generics.ListAPIView):
    """GET: the catalog — the models you may see, searchable and filterable, with only the
    version you may see of each. POST puts a new model into the register."""

    serializer_class = KatalogModellSerializer
    parser_classes = [MultiPartParser, FormParser]
    pagination_class = KatalogSeiten

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method == "POST" else super().get_permissions()

    def get_queryset(self):
        # Only for schema tools: GET builds its queryset from the search parameters.
        return Prozessmodell.objects.none()

    @extend_schema(
        parameters=KATALOG_PARAMETER,
        # 404: a page number beyond the last page (DRF: "Ungültige Seite.")
        responses={200: KatalogModellSerializer(many=True), 400: FEHLER, 404: FEHLER},
    )
    def get(self, request, *args, **kwargs):
        anfrage, fehler = suche.Suchanfrage.aus_parametern(request.query_params)
        if fehler:
            raise serializers.ValidationError({k: [v] for k, v in fehler.items()})
        qs = suche.gefiltert(request.user, anfrage)
        anzahl = self.paginator.anzahl = suche.facetten(request.user, anfrage, qs)[0]
        seite = self.paginate_queryset(
            suche.fuer_api(suche.sortiert(request.user, anfrage, qs, anzahl))
        )
        modelle = suche.versionen_anhaengen(list(seite))
        return self.get_paginated_response(self.get_serializer(modelle, many=True).data)

    @extend_schema(
        request={"multipart/form-data": ModellAnlegenInput},
        responses={
            201: ModellMitVersionenSerializer,
            400: FEHLER,
            403: FEHLER,
            404: FEHLER,
            409: FEHLER,
        },
    )
    def post(self, request):
        eingabe = ModellAnlegenInput(data=request.data)
        eingabe.is_valid(raise_exception=True)
        kommune = _kommune_fuer(request.user, eingabe.validated_data.get("kommune"))
        metadaten = eingabe.metadaten()
        for feld in ("datei", "kommune", "aenderungsnotiz"):
            metadaten.pop(feld, None)
        version = services.modell_anlegen(
            user=request.user,
            kommune=kommune,
            datei=_datei(eingabe.validated_data["datei"]),
            metadaten=metadaten,
            aenderungsnotiz=eingabe.validated_data.get("aenderungsnotiz", ""),
        )
        return _modell_antwort(request, version.modell.uuid, status.HTTP_201_CREATED)


def _kontext(user) -> dict:
    return {"eigene_kommunen": set(selectors.eigene_kommunen(user).values_list("pk", flat=True))}


def _modell_antwort(request, uuid, code=status.HTTP_200_OK) -> Response:
    modell = selectors.modell_fuer(request.user, uuid)
    versionen = list(selectors.versionen_des_modells(request.user, modell))
    for v in versionen:
        v.modell = modell
    kontext = {
        "versionen": versionen,
        "herkunft": selectors.herkunft(request.user, modell),
        **_kontext(request.user),
    }
    daten = ModellMitVersionenSerializer(modell, context=kontext).data
    return Response(daten, status=code)


class ModellDetailApi(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses={200: ModellMitVersionenSerializer, 404: FEHLER})
    def get(self, request, uuid):
        return _modell_antwort(request, uuid)

    @extend_schema(
        request=ModellAendernInput,
        responses={200: ModellMitVersionenSerializer, 400: FEHLER, 403: FEHLER, 404: FEHLER,
                   409: FEHLER},
    )  # fmt: skip
    def patch(self, request, uuid):
        if not request.user.is_authenticated:
            raise NichtGefunden()
        modell = selectors.modell_zum_bearbeiten(request.user, uuid)
        eingabe = ModellAendernInput(data=request.data, partial=True)
        eingabe.is_valid(raise_exception=True)
        daten = eingabe.metadaten()
        stand = daten.pop("stand", None)
        services.modell_aendern(user=request.user, modell=modell, daten=daten, stand=stand)
        return _modell_antwort(request, uuid)


class VersionListApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": VersionInput},
        responses={201: VersionSerializer, 400: FEHLER, 403: FEHLER, 404: FEHLER, 409: FEHLER},
    )
    def post(self, request, uuid):
        if not request.user.is_authenticated:
            raise NichtGefunden()
        modell = selectors.modell_zum_bearbeiten(request.user, uuid)
        eingabe = VersionInput(data=request.data)
        eingabe.is_valid(raise_exception=True)
        version = services.version_hochladen(
            user=request.user,
            modell=modell,
            datei=_datei(eingabe.validated_data["datei"]),
            aenderungsnotiz=eingabe.validated_data.get("aenderungsnotiz", ""),
        )
        version = selectors.version_fuer(request.user, uuid, version.nummer)
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)


class VersionDetailApi(APIView):
    @extend_schema(responses={200: VersionSerializer, 404: FEHLER})
    def get(self, request, uuid, nummer: int):
        version = selectors.version_fuer(request.user, uuid, nummer)
        return Response(VersionSerializer(version).data)


class VergleichApi(APIView):
    """Compare two versions of one model (?a=1&b=3): what was added, removed and changed."""

    @extend_schema(
        parameters=[
            OpenApiParameter("a", int, description="Nummer der älteren Version"),
            OpenApiParameter("b", int, description="Nummer der neueren Version"),
        ],
        responses={200: VergleichSerializer, 404: FEHLER},
    )
    def get(self, request, uuid):
        alt = selectors.version_fuer(request.user, uuid, _zahl(request.query_params.get("a")))
        neu = selectors.version_fuer(request.user, uuid, _zahl(request.query_params.get("b")))
        return Response(VergleichSerializer(vergleichen(alt, neu)).data)


def _zahl(wert) -> int:
    try:
        return int(wert)
    except (TypeError, ValueError):
        raise NichtGefunden() from None
