from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .models import Kommune, Mitgliedschaft


class KommuneSerializer(serializers.ModelSerializer):
    kreis = serializers.CharField(source="kreis.name")
    kreisschluessel = serializers.CharField(source="kreis.schluessel")
    regierungsbezirk = serializers.CharField(source="kreis.regierungsbezirk")

    class Meta:
        model = Kommune
        fields = [
            "ags",
            "name",
            "slug",
            "kreis",
            "kreisschluessel",
            "regierungsbezirk",
            "ist_mitglied",
            "mitglied_seit",
        ]


class MitgliedschaftSerializer(serializers.ModelSerializer):
    kommune = KommuneSerializer()
    rolle_anzeige = serializers.CharField(source="get_rolle_display")

    class Meta:
        model = Mitgliedschaft
        fields = ["kommune", "rolle", "rolle_anzeige", "seit"]


class EinladungInputSerializer(serializers.Serializer):
    email = serializers.EmailField(
        max_length=254,
        error_messages={
            "max_length": _("Eine E-Mail-Adresse hat höchstens {max_length} Zeichen."),
        },
    )
    rolle = serializers.ChoiceField(choices=["lesen", "bearbeiten", "verwalten"])


class EinladungOutputSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kommune = serializers.CharField(source="kommune.ags")
    email = serializers.EmailField()
    rolle = serializers.CharField()
    gueltig_bis = serializers.DateTimeField()
    zustand = serializers.CharField()
