from rest_framework import serializers

from .models import Einschreibung, Kohorte, Veranstaltung


class KohorteSerializer(serializers.ModelSerializer):
    status_anzeige = serializers.CharField()
    plaetze_frei = serializers.IntegerField()

    class Meta:
        model = Kohorte
        fields = ["uuid", "name", "jahr", "beschreibung", "beginn", "ende", "anmeldeschluss",
                  "max_kommunen", "plaetze_frei", "status", "status_anzeige"]  # fmt: skip


class VeranstaltungSerializer(serializers.ModelSerializer):
    kohorte = serializers.UUIDField(source="kohorte.uuid")
    aufzeichnung_url = serializers.SerializerMethodField()
    material = serializers.SerializerMethodField()

    class Meta:
        model = Veranstaltung
        fields = ["uuid", "kohorte", "typ", "titel", "beschreibung", "beginn", "ende", "format",
                  "ort_oder_link", "kapazitaet", "aufzeichnung_url", "material"]  # fmt: skip

    def _zugang(self, v) -> bool:
        zugang = self.context.get("zugang")
        return zugang is not None and zugang.erlaubt(v)

    def get_aufzeichnung_url(self, v) -> str | None:
        return v.aufzeichnung_url if self._zugang(v) else None

    def get_material(self, v) -> str | None:
        return v.material if self._zugang(v) else None


class EinschreibungSerializer(serializers.ModelSerializer):
    kohorte = serializers.UUIDField(source="kohorte.uuid")
    kommune = serializers.CharField(source="kommune.ags")
    kommune_name = serializers.CharField(source="kommune.name")
    status_anzeige = serializers.CharField(source="get_status_display")
    teilnehmende = serializers.SerializerMethodField()

    class Meta:
        model = Einschreibung
        fields = ["uuid", "kohorte", "kommune", "kommune_name", "status", "status_anzeige",
                  "angefragt_am", "nachricht", "teilnehmende"]  # fmt: skip

    def get_teilnehmende(self, e) -> list[str]:
        return [b.person.username for b in e.benennungen.gueltig().select_related("person")]


class EinschreibungInputSerializer(serializers.Serializer):
    kohorte = serializers.UUIDField(help_text="UUID der Kohorte")
    kommune = serializers.SlugField(
        required=False,
        help_text="Slug einer Kommune, die Sie verwalten (ohne Angabe: Ihre erste). "
        "Eine fremde Kommune ergibt 404.",
    )
    teilnehmende = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Benutzernamen von Mitgliedern"
    )
