from django.contrib import admin

from .models import Einschreibung, KalenderAbo, Kohorte, Teilnahme, Teilnehmende, Veranstaltung


class VeranstaltungInline(admin.TabularInline):
    model = Veranstaltung
    extra = 0
    fields = ["typ", "titel", "beginn", "ende", "format", "kapazitaet"]


@admin.register(Kohorte)
class KohorteAdmin(admin.ModelAdmin):
    list_display = ["name", "jahr", "status", "beginn", "ende", "anmeldeschluss", "max_kommunen"]
    list_filter = ["status", "jahr"]
    inlines = [VeranstaltungInline]


@admin.register(Veranstaltung)
class VeranstaltungAdmin(admin.ModelAdmin):
    list_display = ["titel", "kohorte", "typ", "beginn", "format", "kapazitaet"]
    list_filter = ["typ", "format", "kohorte"]
    search_fields = ["titel"]


class TeilnehmendeInline(admin.TabularInline):
    model = Teilnehmende
    extra = 0
    raw_id_fields = ["person"]


@admin.register(Einschreibung)
class EinschreibungAdmin(admin.ModelAdmin):
    # Capacity rules live in the services: change status on the coordination pages, not here.
    list_display = ["kommune", "kohorte", "status", "angefragt_am"]
    list_filter = ["status", "kohorte"]
    readonly_fields = ["status", "angefragt_am", "entschieden_am"]
    raw_id_fields = ["kommune", "ansprechperson"]
    inlines = [TeilnehmendeInline]


@admin.register(Teilnahme)
class TeilnahmeAdmin(admin.ModelAdmin):
    list_display = ["person", "veranstaltung", "status"]
    list_filter = ["status"]
    raw_id_fields = ["person", "veranstaltung"]


@admin.register(KalenderAbo)
class KalenderAboAdmin(admin.ModelAdmin):
    list_display = ["person", "erneuert_am"]
    exclude = ["token"]
