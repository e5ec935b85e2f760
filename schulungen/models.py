"""Cohorts of the programme, their events, the Kommunen enrolled and who attends.

Times are stored in UTC (USE_TZ) and shown and exported in Europe/Berlin.

Enrolment flow (see services.einschreibung_anfragen):
an admin requests a place for her Kommune → with `automatisch_bestaetigen` (the default) it is
*bestaetigt* while places are free, else *warteliste*; without it the request stays *angefragt*
until the coordination decides (confirm → bestaetigt if a place is free, else warteliste).
The waitlist is ordered by `angefragt_am` (arrival). Whenever a place frees up (withdrawal,
decline, more capacity) the first on the waitlist moves up by itself and is told by e-mail.
Events work the same way per person (Teilnahme, `kapazitaet` per event).

Words: the admin *names* (Benennung) members of her Kommune for a cohort; the people named are
the cohort's *Teilnehmende*; a named person of a confirmed Kommune holds a *Teilnahme* (place,
waitlist spot, attendance) per event. A Kommune *zieht zurück* (withdraws) its enrolment.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kommunen.models import Kommune, Mitgliedschaft


class Kohorte(models.Model):
    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf (nicht sichtbar)")
        OFFEN = "offen", _("offen für Anmeldungen")
        LAUFEND = "laufend", _("laufend")
        ABGESCHLOSSEN = "abgeschlossen", _("abgeschlossen")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("Name"), max_length=120)
    jahr = models.PositiveSmallIntegerField(
        _("Jahr"), help_text=_("Jahr, in dem die Runde beginnt")
    )
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    beginn = models.DateField(_("Beginn"))
    ende = models.DateField(_("Ende"))
    anmeldeschluss = models.DateField(_("Anmeldeschluss"))
    max_kommunen = models.PositiveIntegerField(_("Plätze (Kommunen)"))
    automatisch_bestaetigen = models.BooleanField(
        _("Anmeldungen automatisch bestätigen"),
        default=True,
        help_text=_(
            "Solange Plätze frei sind, wird eine Anmeldung sofort bestätigt, danach kommt sie auf "
            "die Warteliste. Ohne Haken entscheidet die Koordination über jede Anfrage."
        ),
    )
    status = models.CharField(
        _("Status"), max_length=15, choices=Status.choices, default=Status.ENTWURF, db_index=True
    )
    erstellt_am = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Kohorte")
        verbose_name_plural = _("Kohorten")
        ordering = ["-jahr", "-beginn"]

    def __str__(self) -> str:
        return self.name

    def anmeldung_offen(self, heute=None) -> bool:
        heute = heute or timezone.localdate()
        return self.status == self.Status.OFFEN and heute <= self.anmeldeschluss

    def plaetze_frei(self) -> int:
        """Free places; uses the annotation `n_bestaetigt` when a selector provided it."""
        bestaetigt = getattr(self, "n_bestaetigt", None)
        if bestaetigt is None:
            bestaetigt = self.einschreibungen.filter(status=Einschreibung.Status.BESTAETIGT).count()
        return max(self.max_kommunen - bestaetigt, 0)

    @property
    def ist_ausgebucht(self) -> bool:
        return self.plaetze_frei() == 0

    def status_anzeige(self) -> str:
        """The status as a Kommune needs to read it: "open" only while a place can be had."""
        if self.status == self.Status.OFFEN:
            if not self.anmeldung_offen():
                return str(_("Anmeldeschluss vorbei"))
            if self.ist_ausgebucht:
                return str(_("ausgebucht – Anmeldung auf die Warteliste"))
        return self.get_status_display()


class Veranstaltung(models.Model):
    class Typ(models.TextChoices):
        AUFTAKT = "auftakt", _("Auftakt")
        SCHULUNG = "schulung", _("Schulung")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        NETZWERKTREFFEN = "netzwerktreffen", _("Netzwerktreffen")

    class Format(models.TextChoices):
        ONLINE = "online", _("online")
        PRAESENZ = "praesenz", _("vor Ort (Präsenz)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kohorte = models.ForeignKey(Kohorte, on_delete=models.CASCADE, related_name="veranstaltungen")
    typ = models.CharField(_("Art"), max_length=20, choices=Typ.choices, db_index=True)
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), blank=True)
    beginn = models.DateTimeField(_("Beginn"), db_index=True)
    ende = models.DateTimeField(_("Ende"))
    format = models.CharField(_("Format"), max_length=10, choices=Format.choices)
    ort_oder_link = models.CharField(_("Ort oder Link"), max_length=300, blank=True)
    kapazitaet = models.PositiveIntegerField(
        _("Plätze (Personen)"), null=True, blank=True, help_text=_("leer = unbegrenzt")
    )
    aufzeichnung_url = models.URLField(_("Link zur Aufzeichnung"), blank=True)
    material = models.TextField(
        _("Material"), blank=True, help_text=_("Hinweise und Links zu Folien und Unterlagen")
    )

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        ordering = ["beginn"]

    def __str__(self) -> str:
        return self.titel

    @property
    def ist_vorbei(self) -> bool:
        return self.ende <= timezone.now()


class Einschreibung(models.Model):
    class Status(models.TextChoices):
        ANGEFRAGT = "angefragt", _("angefragt")
        BESTAETIGT = "bestaetigt", _("bestätigt")
        WARTELISTE = "warteliste", _("Warteliste")
        ABGELEHNT = "abgelehnt", _("abgelehnt")
        ZURUECKGEZOGEN = "zurueckgezogen", _("zurückgezogen")

    AKTIV = (Status.ANGEFRAGT, Status.BESTAETIGT, Status.WARTELISTE)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kohorte = models.ForeignKey(Kohorte, on_delete=models.CASCADE, related_name="einschreibungen")
    kommune = models.ForeignKey(
        Kommune, on_delete=models.PROTECT, related_name="einschreibungen", db_index=True
    )
    status = models.CharField(_("Status"), max_length=15, choices=Status.choices, db_index=True)
    ansprechperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Ansprechperson"),
    )
    # Arrival order for the waitlist; renewed when a withdrawn Kommune asks again.
    angefragt_am = models.DateTimeField(default=timezone.now, db_index=True)
    entschieden_am = models.DateTimeField(null=True, blank=True)
    nachricht = models.TextField(_("Nachricht der Koordination"), blank=True)
    teilnehmende = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Benennung",
        related_name="schulungs_einschreibungen",
        blank=True,
    )

    class Meta:
        verbose_name = _("Einschreibung")
        verbose_name_plural = _("Einschreibungen")
        ordering = ["angefragt_am", "id"]
        constraints = [
            # One row per Kommune and cohort: a second request is refused, not duplicated.
            models.UniqueConstraint(fields=["kohorte", "kommune"], name="einschreibung_einmalig"),
        ]
        indexes = [models.Index(fields=["kohorte", "status", "angefragt_am"])]

    def __str__(self) -> str:
        return f"{self.kommune} – {self.kohorte} ({self.get_status_display()})"

    @property
    def ist_aktiv(self) -> bool:
        return self.status in self.AKTIV


class BenennungQuerySet(models.QuerySet):
    def gueltig(self) -> BenennungQuerySet:
        """Namings that still count: the person is a member of the naming Kommune under the one
        membership rule (active account, Kommune in the network)."""
        return self.filter(
            Exists(
                Mitgliedschaft.objects.gueltig().filter(
                    user=OuterRef("person"), kommune=OuterRef("einschreibung__kommune")
                )
            )
        )


class Benennung(models.Model):
    """The Kommunen-Admin names a member of her Kommune as a participant of the cohort."""

    einschreibung = models.ForeignKey(
        Einschreibung, on_delete=models.CASCADE, related_name="benennungen"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    benannt_am = models.DateTimeField(default=timezone.now)

    objects = BenennungQuerySet.as_manager()

    class Meta:
        verbose_name = _("Benennung")
        verbose_name_plural = _("Benennungen")
        constraints = [
            models.UniqueConstraint(fields=["einschreibung", "person"], name="benennung_einmalig")
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.einschreibung}"


class Teilnahme(models.Model):
    class Status(models.TextChoices):
        ANGEMELDET = "angemeldet", _("angemeldet")
        WARTELISTE = "warteliste", _("Warteliste")
        ANWESEND = "anwesend", _("anwesend")
        ABWESEND = "abwesend", _("abwesend")

    BELEGT = (Status.ANGEMELDET, Status.ANWESEND, Status.ABWESEND)

    veranstaltung = models.ForeignKey(
        Veranstaltung, on_delete=models.CASCADE, related_name="teilnahmen"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schulungs_teilnahmen"
    )
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices)
    erstellt_am = models.DateTimeField(default=timezone.now)
    erinnert_am = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Teilnahme")
        verbose_name_plural = _("Teilnahmen")
        ordering = ["erstellt_am", "id"]
        constraints = [
            models.UniqueConstraint(fields=["veranstaltung", "person"], name="teilnahme_einmalig")
        ]
        indexes = [models.Index(fields=["veranstaltung", "status"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.veranstaltung} ({self.get_status_display()})"


class KalenderAbo(models.Model):
    """The secret behind a person's subscription feed; renewing it kills the old URL."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kalender_abo"
    )
    # Shown again on the page (like other calendar services do), so it is stored as is.
    token = models.CharField(max_length=64, unique=True)
    erneuert_am = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Kalender-Abo")
        verbose_name_plural = _("Kalender-Abos")

    def __str__(self) -> str:
        return f"Kalender-Abo {self.person}"
