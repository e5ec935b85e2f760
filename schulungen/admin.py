"""Django admin for the Schulungen: read-only.

Every change here has consequences the services take care of (capacity checked under the cohort
lock, the waitlist moving up, e-mails, attendance only after the start, the audit log). They are
made on the coordination pages (/koordination/), which call those services.
"""

from django.contrib import admin

from kommunen.admin import NurLesenAdmin, NurLesenInline

from .models import Benennung, Einschreibung, KalenderAbo, Kohorte, Teilnahme, Veranstaltung


class VeranstaltungInline(NurLesenInline):
    model = Veranstaltung
    fields = ["typ", "titel", "beginn", "ende", "format", "kapazitaet"]


@admin.register(Kohorte)
class KohorteAdmin(NurLesenAdmin):
    list_display = ["name", "jahr", "status", "beginn", "ende", "anmeldeschluss", "max_kommunen"]
    list_filter = ["status", "jahr"]
    inlines = [VeranstaltungInline]


@admin.register(Veranstaltung)
class VeranstaltungAdmin(NurLesenAdmin):
    list_display = ["titel", "kohorte", "typ", "beginn", "format", "kapazitaet"]
    list_filter = ["typ", "format", "kohorte"]
    search_fields = ["titel"]


class BenennungInline(NurLesenInline):
    model = Benennung
    fields = ["person", "benannt_am"]


@admin.register(Einschreibung)
class EinschreibungAdmin(NurLesenAdmin):
    list_display = ["kommune", "kohorte", "status", "angefragt_am"]
    list_filter = ["status", "kohorte"]
    inlines = [BenennungInline]


@admin.register(Teilnahme)
class TeilnahmeAdmin(NurLesenAdmin):
    list_display = ["person", "veranstaltung", "status"]
    list_filter = ["status"]


@admin.register(KalenderAbo)
class KalenderAboAdmin(NurLesenAdmin):
    list_display = ["person", "erneuert_am"]
    exclude = ["token"]
