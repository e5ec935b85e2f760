"""What the register's API shows of models and versions (output only; input lives in api.py)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Modellversion, Prozessmodell


class VersionKurzSerializer(serializers.ModelSerializer):
    erstellt_von = serializers.SerializerMethodField()
    verarbeitung_anzeige = serializers.CharField(source="get_verarbeitung_display")
    status_anzeige = serializers.CharField(source="get_status_display")
    fehler = serializers.IntegerField(source="fehler_anzahl", read_only=True)
    warnungen = serializers.IntegerField(source="warnungen_anzahl", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Modellversion
        fields = ["uuid", "nummer", "dateiname", "groesse", "sha256", "aenderungsnotiz",
                  "erstellt_von", "erstellt_am", "status", "status_anzeige", "verarbeitung",
                  "verarbeitung_anzeige", "fehler", "warnungen", "url"]  # fmt: skip

    def get_erstellt_von(self, v) -> str | None:
        return v.erstellt_von.anzeigename() if v.erstellt_von else None

    def get_url(self, v) -> str:
        return reverse("api_version", kwargs={"uuid": v.modell.uuid, "nummer": v.nummer})


class VersionSerializer(VersionKurzSerializer):
    """A version with everything the worker found; download links when processing is done."""

    downloads = serializers.SerializerMethodField()

    class Meta(VersionKurzSerializer.Meta):
        fields = [*VersionKurzSerializer.Meta.fields, "verarbeitung_grund", "verarbeitet_am",
                  "befunde", "kennzahlen", "diagramme", "hauptdiagramm", "ablauf",
                  "downloads"]  # fmt: skip

    def get_downloads(self, v) -> dict:
        args = {"uuid": v.modell.uuid, "nummer": v.nummer}
        links = {"bpmn": reverse("version_datei", kwargs=args)}
        if v.darstellbar:
            links["png"] = reverse("version_bild", kwargs=args)
            links["vorschau"] = reverse("version_vorschau", kwargs=args)
            links["svg"] = [
                reverse("version_svg", kwargs={**args, "diagramm": i})
                for i in range(len(v.diagramme))
            ]
        return links


class ModellSerializer(serializers.ModelSerializer):
    kommune = serializers.CharField(source="kommune.ags")
    kommune_name = serializers.CharField(source="kommune.name")
    kohorte = serializers.UUIDField(source="kohorte.uuid", allow_null=True, default=None)
    aktuelle_version = serializers.SerializerMethodField(
        help_text="Die Version, die Sie sehen: für die eigene Kommune die neueste, sonst die "
        "freigegebene."
    )
    nachnutzung_von = serializers.SerializerMethodField()
    stand = serializers.SerializerMethodField(
        help_text="Bei PATCH mitsenden: Hat jemand das Modell inzwischen geändert, gibt es 409."
    )

    class Meta:
        model = Prozessmodell
        fields = ["uuid", "titel", "beschreibung", "leistungsschluessel", "kategorie",
                  "schlagworte", "ansprechperson", "lizenz", "sichtbarkeit", "kommune",
                  "kommune_name", "kohorte", "aktuelle_version", "nachnutzungen",
                  "nachnutzung_von", "archiviert_am", "erstellt_am", "geaendert_am",
                  "stand"]  # fmt: skip

    def get_stand(self, m) -> str:
        return m.geaendert_am.isoformat()

    def get_aktuelle_version(self, m) -> dict | None:
        eigen = m.kommune_id in self.context.get("eigene_kommunen", ())
        version = m.neueste_version if eigen else m.veroeffentlichte_version
        if version is None:
            return None
        version.modell = m
        return VersionKurzSerializer(version).data

    def get_nachnutzung_von(self, m) -> dict | None:
        """Where a reused model came from, as `selectors.herkunft` (in the context) found it:
        while the origin is visible its model, title and licence; once it is hidden only the
        Kommune and the version number the copy recorded (model, title and licence are null)."""
        herkunft = self.context["herkunft"]
        if herkunft is None:
            return None
        original = herkunft["modell"]
        return {
            "modell": str(original.uuid) if original else None,
            "titel": original.titel if original else None,
            "version": herkunft["version"].nummer,
            "kommune": herkunft["kommune"],
            "lizenz": original.lizenz if original else None,
        }


class ModellMitVersionenSerializer(ModellSerializer):
    versionen = serializers.SerializerMethodField()

    class Meta(ModellSerializer.Meta):
        fields = [*ModellSerializer.Meta.fields, "versionen"]

    def get_versionen(self, m) -> list[dict]:
        return VersionKurzSerializer(self.context["versionen"], many=True).data


class AenderungSerializer(serializers.Serializer):
    art = serializers.ChoiceField(["neu", "entfernt", "geaendert"])
    typ = serializers.CharField()
    name = serializers.CharField()
    details = serializers.ListField(child=serializers.CharField())


class VergleichSerializer(serializers.Serializer):
    neu = serializers.IntegerField()
    entfernt = serializers.IntegerField()
    geaendert = serializers.IntegerField()
    verbindungen = serializers.IntegerField()
    verschoben = serializers.IntegerField()
    aenderungen = AenderungSerializer(many=True)


class KatalogVersionSerializer(serializers.Serializer):
    """The version of a catalog entry that the caller may see (others: the published one)."""

    uuid = serializers.UUIDField()
    nummer = serializers.IntegerField()
    status = serializers.ChoiceField(Modellversion.Status.choices)
    verarbeitung = serializers.ChoiceField(Modellversion.Verarbeitung.choices)
    befunde = serializers.BooleanField(
        allow_null=True, help_text="Hat diese Version Befunde? null: noch nicht geprüft."
    )
    url = serializers.CharField()


class KatalogModellSerializer(serializers.ModelSerializer):
    """A model in the catalog list: metadata and only the version the caller may see."""

    kommune = serializers.CharField(source="kommune.ags")
    kommune_name = serializers.CharField(source="kommune.name")
    kreis = serializers.CharField(source="kommune.kreis.schluessel")
    kohorte = serializers.UUIDField(source="kohorte.uuid", allow_null=True, default=None)
    version = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Prozessmodell
        fields = ["uuid", "titel", "beschreibung", "leistungsschluessel", "kategorie",
                  "schlagworte", "ansprechperson", "lizenz", "sichtbarkeit", "kommune",
                  "kommune_name", "kreis", "kohorte", "veroeffentlicht_am", "nachnutzungen",
                  "version", "url"]  # fmt: skip

    @extend_schema_field(KatalogVersionSerializer(allow_null=True))
    def get_version(self, m) -> dict | None:
        v = getattr(m, "sichtbare_version", None)
        if v is None:
            return None
        return {
            "uuid": v.uuid,
            "nummer": v.nummer,
            "status": v.status,
            "verarbeitung": v.verarbeitung,
            "befunde": m.sichtbare_befunde,
            "url": reverse("api_version", kwargs={"uuid": m.uuid, "nummer": v.nummer}),
        }

    def get_url(self, m) -> str:
        return reverse("api_modell", kwargs={"uuid": m.uuid})
