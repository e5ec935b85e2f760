"""Django admin: a window onto the data, not a back door past the services.

Memberships, invitations and network membership change only through the services (permission
check, audit log, invitations by e-mail), so the admin shows them read-only.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from . import services
from .models import AuditEintrag, Benutzer, Einladung, Kommune, Kreis, Mitgliedschaft


class NurLesenAdmin(admin.ModelAdmin):
    """Shown, never changed here: the service that owns the change writes the audit log."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NurLesenInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Benutzer)
class BenutzerAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Prozessbibliothek", {"fields": ("ist_koordination",)}))
    list_display = ("username", "email", "first_name", "last_name", "ist_koordination", "is_staff")
    list_filter = ("ist_koordination", "is_staff", "is_active")

    # An inactive account takes part in nothing: its seats in coming training events go to
    # the waitlist (the admin's change view runs in a transaction). Deleting a member here is
    # refused anyway (its memberships are read-only in this admin).
    def save_model(self, request, obj, form, change):
        war_aktiv = change and Benutzer.objects.filter(pk=obj.pk, is_active=True).exists()
        super().save_model(request, obj, form, change)
        if war_aktiv and not obj.is_active:
            services.konto_folgen_beenden(user=request.user, person=obj, grund="konto.deaktiviert")


@admin.register(Kreis)
class KreisAdmin(admin.ModelAdmin):
    list_display = ("schluessel", "name", "art", "regierungsbezirk")
    search_fields = ("name", "schluessel")


class MitgliedschaftInline(NurLesenInline):
    model = Mitgliedschaft
    fields = ("user", "rolle", "seit")


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ("ags", "name", "kreis", "ist_mitglied")
    list_filter = ("ist_mitglied", "kreis__regierungsbezirk")
    search_fields = ("name", "ags")
    # Membership in the network: "Kommune aufnehmen" on the coordination pages.
    readonly_fields = ("ags", "ist_mitglied", "mitglied_seit")
    inlines = [MitgliedschaftInline]


@admin.register(Mitgliedschaft)
class MitgliedschaftAdmin(NurLesenAdmin):
    list_display = ("user", "kommune", "rolle", "seit")
    list_filter = ("rolle",)
    search_fields = ("user__username", "kommune__name")


@admin.register(Einladung)
class EinladungAdmin(NurLesenAdmin):
    list_display = ("email", "kommune", "rolle", "erstellt_am", "gueltig_bis", "angenommen_am")
    exclude = ("token_hash",)


@admin.register(AuditEintrag)
class AuditEintragAdmin(NurLesenAdmin):
    # The names stored in the row: they stay when the account or the Kommune is deleted.
    list_display = (
        "zeitpunkt",
        "aktion",
        "kommune_name",
        "wer_benutzername",
        "objekt_typ",
        "objekt_id",
    )
    list_filter = ("aktion",)
    search_fields = ("wer_benutzername", "kommune_name", "kommune_ags")
