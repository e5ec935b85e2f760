from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import AuditEintrag, Benutzer, Einladung, Kommune, Kreis, Mitgliedschaft


@admin.register(Benutzer)
class BenutzerAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Prozessbibliothek", {"fields": ("ist_koordination",)}))
    list_display = ("username", "email", "first_name", "last_name", "ist_koordination", "is_staff")
    list_filter = ("ist_koordination", "is_staff", "is_active")


@admin.register(Kreis)
class KreisAdmin(admin.ModelAdmin):
    list_display = ("schluessel", "name", "art", "regierungsbezirk")
    search_fields = ("name", "schluessel")


@admin.register(Kommune)
class KommuneAdmin(admin.ModelAdmin):
    list_display = ("ags", "name", "kreis", "ist_mitglied")
    list_filter = ("ist_mitglied", "kreis__regierungsbezirk")
    search_fields = ("name", "ags")
    readonly_fields = ("ags",)


class MitgliedschaftInline(admin.TabularInline):
    model = Mitgliedschaft
    extra = 0


@admin.register(Mitgliedschaft)
class MitgliedschaftAdmin(admin.ModelAdmin):
    list_display = ("user", "kommune", "rolle", "seit")
    list_filter = ("rolle",)
    search_fields = ("user__username", "kommune__name")
    autocomplete_fields = ("kommune",)


@admin.register(Einladung)
class EinladungAdmin(admin.ModelAdmin):
    list_display = ("email", "kommune", "rolle", "erstellt_am", "gueltig_bis", "angenommen_am")
    exclude = ("token_hash",)
    readonly_fields = ("angenommen_am", "angenommen_von")


@admin.register(AuditEintrag)
class AuditEintragAdmin(admin.ModelAdmin):
    list_display = ("zeitpunkt", "aktion", "kommune", "wer", "objekt_typ", "objekt_id")
    list_filter = ("aktion",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
