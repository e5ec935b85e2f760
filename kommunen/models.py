"""Tenants (Kommunen), their people and roles, invitations and the audit log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ags_validator = RegexValidator(
    r"^08\d{6}$",
    _(
        "Der Amtliche Gemeindeschlüssel besteht aus 8 Ziffern und beginnt in "
        "Baden-Württemberg mit 08."
    ),
)


class Rolle(models.TextChoices):
    # In rising order: each role may do everything the ones before it may.
    LESEN = "lesen", _("Lesen")
    BEARBEITEN = "bearbeiten", _("Bearbeiten (Redaktion)")
    VERWALTEN = "verwalten", _("Verwalten (Kommunen-Admin)")

    @classmethod
    def ab(cls, rolle: str) -> list[str]:
        """This role and every higher one."""
        werte = list(cls.values)
        return werte[werte.index(rolle) :]


class MitgliedschaftQuerySet(models.QuerySet):
    """The one rule for "is a member": an active user in a Kommune that is a network member."""

    def gueltig(self) -> MitgliedschaftQuerySet:
        return self.filter(user__is_active=True, kommune__ist_mitglied=True)

    def von(self, user, *, mindestens: str = Rolle.LESEN) -> MitgliedschaftQuerySet:
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.gueltig().filter(user=user, rolle__in=Rolle.ab(mindestens))


class KommuneQuerySet(models.QuerySet):
    def mit_rolle(self, user, *, mindestens: str = Rolle.LESEN) -> KommuneQuerySet:
        """The Kommunen in which the user holds at least this role."""
        return self.filter(
            pk__in=Mitgliedschaft.objects.von(user, mindestens=mindestens).values("kommune_id")
        )


class Benutzer(AbstractUser):
    """A person; belongs to Kommunen through Mitgliedschaft."""

    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    ist_koordination = models.BooleanField(
        _("Koordination"),
        default=False,
        help_text=_("Mitarbeitende der Akademie, die Kohorten und Mitgliedschaften verwalten."),
    )

    class Meta:
        verbose_name = _("Benutzer")
        verbose_name_plural = _("Benutzer")

    def anzeigename(self) -> str:
        return self.get_full_name() or self.username


class Kreis(models.Model):
    schluessel = models.CharField(_("Kreisschlüssel"), max_length=5, unique=True)
    name = models.CharField(_("Name"), max_length=100)
    art = models.CharField(_("Art"), max_length=20)  # Stadtkreis / Landkreis
    regierungsbezirk = models.CharField(_("Regierungsbezirk"), max_length=40)

    class Meta:
        verbose_name = _("Kreis")
        verbose_name_plural = _("Kreise")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.art})"


class Kommune(models.Model):
    ags = models.CharField(
        _("Amtlicher Gemeindeschlüssel"), max_length=8, unique=True, validators=[ags_validator]
    )
    name = models.CharField(_("Name"), max_length=120, db_index=True)
    kreis = models.ForeignKey(Kreis, on_delete=models.PROTECT, related_name="kommunen")
    ist_mitglied = models.BooleanField(_("Mitglied im Netzwerk"), default=False, db_index=True)
    mitglied_seit = models.DateField(_("Mitglied seit"), null=True, blank=True)
    slug = models.SlugField(max_length=140, unique=True)
    # Derived from name and Kreis (kommunen/suche.py), so "Boeblingen" finds Böblingen.
    suchtext = models.CharField(max_length=300, blank=True, editable=False)

    objects = KommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # A derived column, kept in step with the name it is derived from.
        from .suche import suchtext_fuer

        self.suchtext = suchtext_fuer(self.name, self.kreis.art, self.kreis.name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "suchtext"}
        super().save(*args, **kwargs)


class Mitgliedschaft(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mitgliedschaften"
    )
    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="mitgliedschaften")
    rolle = models.CharField(_("Rolle"), max_length=12, choices=Rolle.choices, default=Rolle.LESEN)
    seit = models.DateTimeField(_("seit"), default=timezone.now)

    objects = MitgliedschaftQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["user", "kommune"], name="mitgliedschaft_einmalig")
        ]
        ordering = ["kommune__name", "user__last_name", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} – {self.kommune} ({self.get_rolle_display()})"


class Einladung(models.Model):
    """A one-time link that makes whoever opens it a member of the Kommune."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kommune = models.ForeignKey(Kommune, on_delete=models.CASCADE, related_name="einladungen")
    email = models.EmailField(_("E-Mail-Adresse"))
    rolle = models.CharField(_("Rolle"), max_length=12, choices=Rolle.choices, default=Rolle.LESEN)
    # Only the hash is stored: a leaked database does not leak usable links.
    token_hash = models.CharField(max_length=64, unique=True)
    eingeladen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    erstellt_am = models.DateTimeField(default=timezone.now)
    gueltig_bis = models.DateTimeField()
    angenommen_am = models.DateTimeField(null=True, blank=True)
    angenommen_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    zurueckgezogen_am = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-erstellt_am"]

    def __str__(self) -> str:
        return f"{self.email} → {self.kommune}"

    @property
    def ist_offen(self) -> bool:
        return (
            self.angenommen_am is None
            and self.zurueckgezogen_am is None
            and self.gueltig_bis > timezone.now()
        )

    @property
    def zustand(self) -> str:
        if self.angenommen_am:
            return str(_("angenommen"))
        if self.zurueckgezogen_am:
            return str(_("zurückgezogen"))
        if self.gueltig_bis <= timezone.now():
            return str(_("abgelaufen"))
        return str(_("offen"))


class AuditEintrag(models.Model):
    """Append-only record of who changed what; written through `kommunen.audit.audit` only.

    Who acted and for which Kommune is also stored by name at write time: deleting the account or
    the Kommune empties the reference (SET_NULL), never the record. A database trigger
    (`kommunen/auditschutz.py`) refuses every other UPDATE and every DELETE of a row.
    """

    wer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    wer_benutzername = models.CharField(_("Benutzername"), max_length=150, blank=True)
    wer_name = models.CharField(_("Name"), max_length=300, blank=True)
    kommune = models.ForeignKey(
        Kommune, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit"
    )
    kommune_name = models.CharField(_("Kommune"), max_length=120, blank=True)
    kommune_ags = models.CharField(_("AGS"), max_length=8, blank=True, db_index=True)
    aktion = models.CharField(max_length=60, db_index=True)
    objekt_typ = models.CharField(max_length=60, blank=True)
    objekt_id = models.CharField(max_length=64, blank=True)
    details = models.JSONField(default=dict, blank=True)
    zeitpunkt = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("Audit-Eintrag")
        verbose_name_plural = _("Audit-Log")
        ordering = ["-zeitpunkt", "-id"]

    def __str__(self) -> str:
        return f"{self.zeitpunkt:%Y-%m-%d %H:%M} {self.aktion}"

    def save(self, *args, **kwargs):
        # Append-only: an existing entry is never rewritten (the trigger is the last guard).
        if self.pk is not None:
            raise RuntimeError("AuditEintrag ist unveränderlich.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("AuditEintrag ist unveränderlich.")

    def aktion_name(self) -> str:
        from .audit import aktion_name

        return aktion_name(self.aktion)


class Drosselung(models.Model):
    """One counted event of a rate limit (e.g. a password-reset mail to one address).

    Only a hash of what is counted is kept (an address, an IP); rows expire after their window.
    Kept in the database rather than the cache: every process sees the same counts, and a test's
    transaction takes its counts with it.
    """

    schluessel = models.CharField(max_length=64, db_index=True)
    ablauf = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("Drosselung")
        verbose_name_plural = _("Drosselungen")

    def __str__(self) -> str:
        return f"{self.schluessel[:12]}… bis {self.ablauf:%Y-%m-%d %H:%M}"
