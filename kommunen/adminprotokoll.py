"""Writes on the Django admin site go to our audit log too, not only to Django's LogEntry.

Every ModelAdmin logs its writes through `log_addition`, `log_change` and `log_deletions` (also the
bulk "delete selected" action, whose LogEntry rows are bulk-created without post_save). Our admin
site mixes `AuditAdminMixin` into every ModelAdmin registered with it — ours and those of
installed packages (users, groups, API tokens, axes' lockout records) — so no admin class can
forget it. `AdminConfig` makes this site the default `admin.site` (INSTALLED_APPS).
"""

from __future__ import annotations

import json

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


def _nachricht(message) -> object:
    """The change message as JSON data (Django builds a list of dicts, or a plain string)."""
    if isinstance(message, str):
        return message[:2000]
    return json.loads(json.dumps(message, default=str))


class AuditAdminMixin:
    def _protokollieren(self, request, obj, aktion: str, message="") -> None:
        # Imported here: this module is loaded with INSTALLED_APPS, before any model.
        from .audit import audit, kommune_von

        details = {"objekt": str(obj)[:200], "modell": obj._meta.label}
        if message:
            details["aenderung"] = _nachricht(message)
        audit(
            wer=request.user, aktion=aktion, kommune=kommune_von(obj), objekt=obj, details=details
        )

    def log_addition(self, request, obj, message):
        self._protokollieren(request, obj, "admin.angelegt", message)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._protokollieren(request, obj, "admin.geaendert", message)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        # Called before the objects are deleted: they and their Kommune can still be named.
        for obj in queryset:
            self._protokollieren(request, obj, "admin.geloescht")
        return super().log_deletions(request, queryset)


class AuditAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        basis = admin_class or admin.ModelAdmin
        if not issubclass(basis, AuditAdminMixin):
            basis = type(basis.__name__, (AuditAdminMixin, basis), {"__module__": basis.__module__})
        return super().register(model_or_iterable, basis, **options)


class AdminConfig(DjangoAdminConfig):
    default_site = "kommunen.adminprotokoll.AuditAdminSite"
