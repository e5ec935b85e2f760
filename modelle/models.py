"""The register: process models (Prozessmodell) and their immutable versions (Modellversion).

A version's uploaded bytes, hash and number never change once created. The ORM guards this
(`Modellversion.save`), and below it a database trigger (migration 0002) refuses any UPDATE of those
columns, so not even raw SQL can rewrite history. The file itself lies in storage under a key made
from its SHA-256 (`ablage.py`), so the same bytes are stored once.

Who may see or edit what is decided once, in the querysets below (`sichtbar_fuer`,
`bearbeitbar_fuer`); every page, API view, download and thumbnail goes through them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, Q, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kommunen.models import Kommune, Rolle
from kommunen.permissions import liest_im_netzwerk

from . import unveraenderlich

leistungsschluessel_validator = RegexValidator(
    r"^\d{14}$",
    _("Der Leistungsschlüssel (LeiKa) besteht aus genau 14 Ziffern, z. B. 99108001000000."),
)


class Sichtbarkeit(models.TextChoices):
    INTERN = "intern", _("intern (nur die eigene Kommune)")
    NETZWERK = "netzwerk", _("Netzwerk (alle Mitgliedskommunen)")
    OEFFENTLICH = "oeffentlich", _("öffentlich (auch ohne Anmeldung)")


class Lizenz(models.TextChoices):
    CC_BY_4 = "cc-by-4.0", _("CC BY 4.0 (Namensnennung)")
    DL_DE_BY_2 = "dl-de-by-2.0", _("Datenlizenz Deutschland – Namensnennung 2.0")
    CC0 = "cc0-1.0", _("CC0 1.0 (gemeinfrei)")
    ALLE_RECHTE = "alle-rechte", _("alle Rechte vorbehalten")


class Kategorie(models.TextChoices):
    BUERGERSERVICE = "buergerservice", _("Bürgerservice und Meldewesen")
    ORDNUNG = "ordnung", _("Öffentliche Sicherheit und Ordnung")
    GEWERBE = "gewerbe", _("Wirtschaft und Gewerbe")
    BAUEN = "bauen", _("Planen, Bauen und Wohnen")
    UMWELT = "umwelt", _("Umwelt, Grün und Friedhöfe")
    VERKEHR = "verkehr", _("Verkehr und Straßen")
    FINANZEN = "finanzen", _("Finanzen, Steuern und Abgaben")
    SOZIALES = "soziales", _("Soziales, Jugend und Familie")
    BILDUNG = "bildung", _("Bildung, Kinderbetreuung und Kultur")
    PERSONAL = "personal", _("Personal und Organisation")
    INTERN = "intern", _("Interne Verwaltung und Digitalisierung")
    SONSTIGES = "sonstiges", _("Sonstiges")


class ProzessmodellQuerySet(models.QuerySet):
    def sichtbar_fuer(self, user) -> ProzessmodellQuerySet:
        """The models this user may open — the one rule, used by every page, API view, download
        and thumbnail:
        - the own Kommune's models, all of them (drafts, archived);
        - of other Kommunen, models with a published version that are not archived: for
          members of the network (and the coordination) when `netzwerk` or `oeffentlich`, for
          everyone else when `oeffentlich`. `intern` never leaves the Kommune."""
        freigabe = Q(veroeffentlichte_version__isnull=False, archiviert_am__isnull=True)
        if liest_im_netzwerk(user):
            fremd = freigabe & Q(sichtbarkeit__in=[Sichtbarkeit.NETZWERK, Sichtbarkeit.OEFFENTLICH])
        else:
            fremd = freigabe & Q(sichtbarkeit=Sichtbarkeit.OEFFENTLICH)
        return self.filter(Q(kommune__in=Kommune.objects.mit_rolle(user)) | fremd)

    def mit_sichtbarer_version(self, user) -> ProzessmodellQuerySet:
        """Annotate what lists show of each model for this user, following the rule above: the
        own Kommune sees the newest version, everyone else the published one.
        - `sichtbare_version_id`: that version (`Modellversion.objects.sichtbar_fuer` agrees);
        - `sichtbare_befunde`: whether it has findings (None while unprocessed or failed)."""
        eigen = Q(kommune__in=Kommune.objects.mit_rolle(user))
        return self.annotate(
            sichtbare_version_id=Case(
                When(eigen, then=F("neueste_version")), default=F("veroeffentlichte_version")
            ),
            sichtbare_befunde=Case(
                When(eigen, then=F("befunde_neueste")),
                default=F("befunde_veroeffentlicht"),
                output_field=models.BooleanField(null=True),
            ),
        )

    def bearbeitbar_fuer(self, user) -> ProzessmodellQuerySet:
        """The models this user may change (metadata, new versions): Redaktion and Verwaltung."""
        return self.filter(kommune__in=Kommune.objects.mit_rolle(user, mindestens=Rolle.BEARBEITEN))


class Prozessmodell(models.Model):
    """One process of one Kommune, with its versions."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="prozessmodelle")
    titel = models.CharField(_("Titel"), max_length=200)
    beschreibung = models.TextField(_("Beschreibung"), max_length=5000, blank=True)
    leistungsschluessel = models.CharField(
        _("Leistungsschlüssel"),
        max_length=14,
        blank=True,
        db_index=True,
        validators=[leistungsschluessel_validator],
        help_text=_("14 Ziffern aus dem Leistungskatalog (LeiKa), falls bekannt."),
    )
    kategorie = models.CharField(
        _("Kategorie"), max_length=20, choices=Kategorie.choices, default=Kategorie.SONSTIGES
    )
    schlagworte = models.JSONField(_("Schlagworte"), default=list, blank=True)
    ansprechperson = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    lizenz = models.CharField(
        _("Lizenz"), max_length=20, choices=Lizenz.choices, default=Lizenz.CC_BY_4
    )
    sichtbarkeit = models.CharField(
        _("Sichtbarkeit"),
        max_length=12,
        choices=Sichtbarkeit.choices,
        default=Sichtbarkeit.NETZWERK,
    )
    kohorte = models.ForeignKey(
        "schulungen.Kohorte",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prozessmodelle",
        verbose_name=_("Kohorte"),
        help_text=_("Die Runde des Programms, in der das Modell entstanden ist."),
    )
    abgeleitet_von = models.ForeignKey(
        "Modellversion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nachnutzungen",
    )
    # How often other Kommunen took this model over: the reuse service adds 1 (nachnutzung.py);
    # only the catalog's full refresh recounts it (suchindex.py, `alle=True`).
    nachnutzungen = models.PositiveIntegerField(default=0, editable=False, db_index=True)
    # Counts the versions ever created; the next number is this + 1 (under a row lock).
    versionen_anzahl = models.PositiveIntegerField(default=0, editable=False)
    neueste_version = models.ForeignKey(
        "Modellversion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The latest published version: what other Kommunen see. Kept by the publication service.
    veroeffentlichte_version = models.ForeignKey(
        "Modellversion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    archiviert_am = models.DateTimeField(null=True, blank=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    erstellt_am = models.DateTimeField(default=timezone.now, db_index=True)
    geaendert_am = models.DateTimeField(default=timezone.now)

    # --- Catalog: derived columns, kept by modelle/services/suchindex.py (never edited) ---
    # Metadata + labels of the published version: what everybody may find.
    suchdokument = SearchVectorField(null=True, editable=False)
    # Metadata + labels of the newest version, for the own Kommune; NULL while it is the
    # published one. Never matched for other Kommunen: a draft's words must not find a model.
    suchdokument_eigen = SearchVectorField(null=True, editable=False)
    # Title, keywords and Leistungsschlüssel, folded (lower case, ä→ae, ß→ss): typo-tolerant
    # trigram matching on PostgreSQL, the plain fallback on SQLite.
    suchkopf = models.TextField(blank=True, editable=False)
    veroeffentlicht_am = models.DateTimeField(null=True, blank=True, editable=False)
    # Whether the published / newest version has findings (None: not processed, or failed).
    befunde_veroeffentlicht = models.BooleanField(null=True, editable=False)
    befunde_neueste = models.BooleanField(null=True, editable=False)

    objects = ProzessmodellQuerySet.as_manager()

    class Meta:
        verbose_name = _("Prozessmodell")
        verbose_name_plural = _("Prozessmodelle")
        ordering = ["-geaendert_am"]
        indexes = [
            models.Index(fields=["kommune", "-geaendert_am"]),
            # The catalog's orders "neueste" and "meistgenutzt" walk these and stop at a page.
            models.Index(
                Coalesce("veroeffentlicht_am", "erstellt_am").desc(),
                F("id").desc(),
                name="modell_katalog_neueste",
            ),
            models.Index(F("nachnutzungen").desc(), F("id").desc(), name="modell_katalog_genutzt"),
            # Everything the visibility rule and the facet counts read: PostgreSQL counts the
            # facets of the whole catalog with an index-only scan instead of reading the wide
            # rows (search documents). SQLite ignores `include`.
            models.Index(
                fields=["kategorie"],
                include=[
                    "lizenz",
                    "kohorte",
                    "kommune",
                    "sichtbarkeit",
                    "archiviert_am",
                    "veroeffentlichte_version",
                    "befunde_neueste",
                    "befunde_veroeffentlicht",
                ],
                name="modell_katalog_facetten",
            ),
        ]

    def __str__(self) -> str:
        return self.titel


class ModellversionQuerySet(models.QuerySet):
    def sichtbar_fuer(self, user, *, modell: Prozessmodell | None = None) -> ModellversionQuerySet:
        """Every version for the own Kommune; for others only the published one of a model
        they may see (drafts, versions in review and superseded ones stay with the Kommune).

        With `modell` only that model's versions: the model's own visibility is checked for that
        one row, so no list of every visible model is built (fast at 100,000 models)."""
        eigen = Q(kommune__in=Kommune.objects.mit_rolle(user))
        if modell is not None:
            if not Prozessmodell.objects.sichtbar_fuer(user).filter(pk=modell.pk).exists():
                return self.none()
            return self.filter(eigen | Q(status=Modellversion.Status.FREIGEGEBEN), modell=modell)
        return self.filter(
            eigen
            | Q(
                status=Modellversion.Status.FREIGEGEBEN,
                modell__in=Prozessmodell.objects.sichtbar_fuer(user),
            )
        )


class Modellversion(models.Model):
    """One uploaded file of a model. Bytes, hash, size and number are fixed at creation."""

    class Status(models.TextChoices):
        ENTWURF = "entwurf", _("Entwurf")
        IN_PRUEFUNG = "in_pruefung", _("in Prüfung")
        FREIGEGEBEN = "freigegeben", _("freigegeben")
        ARCHIVIERT = "archiviert", _("abgelöst")

    class Verarbeitung(models.TextChoices):
        WARTEND = "wartend", _("wartet auf Verarbeitung")
        LAEUFT = "laeuft", _("wird verarbeitet")
        OK = "ok", _("geprüft, ohne Befunde")
        WARNUNGEN = "warnungen", _("geprüft, mit Befunden")
        UNGUELTIG = "ungueltig", _("verstößt gegen das BPMN-Schema")
        FEHLER = "fehler", _("Verarbeitung fehlgeschlagen")

    FERTIG = (Verarbeitung.OK, Verarbeitung.WARNUNGEN, Verarbeitung.UNGUELTIG, Verarbeitung.FEHLER)
    # The columns the database trigger protects: the ORM guard checks the same list.
    UNVERAENDERLICH = unveraenderlich.SPALTEN

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    modell = models.ForeignKey(Prozessmodell, on_delete=models.PROTECT, related_name="versionen")
    # Denormalised from the model: every tenant-owned row carries its Kommune.
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    nummer = models.PositiveIntegerField(_("Version"))
    datei = models.CharField(max_length=120, editable=False)  # storage key, see ablage.py
    sha256 = models.CharField(max_length=64, editable=False, db_index=True)
    groesse = models.PositiveIntegerField(_("Größe (Bytes)"), editable=False)
    dateiname = models.CharField(_("Dateiname"), max_length=255, blank=True)
    aenderungsnotiz = models.TextField(_("Änderungsnotiz"), max_length=2000, blank=True)
    erstellt_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    erstellt_am = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        _("Status"), max_length=12, choices=Status.choices, default=Status.ENTWURF, db_index=True
    )
    zur_pruefung_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    zur_pruefung_am = models.DateTimeField(null=True, blank=True)
    freigegeben_von = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    freigegeben_am = models.DateTimeField(null=True, blank=True)
    # The admin's comment when she sent the version back to its authors.
    rueckmeldung = models.TextField(blank=True)

    verarbeitung = models.CharField(
        _("Verarbeitung"),
        max_length=10,
        choices=Verarbeitung.choices,
        default=Verarbeitung.WARTEND,
        db_index=True,
    )
    verarbeitung_versuche = models.PositiveSmallIntegerField(default=0)
    verarbeitung_grund = models.TextField(blank=True)  # why it ended as fehler
    verarbeitung_beginn = models.DateTimeField(null=True, blank=True)
    verarbeitet_am = models.DateTimeField(null=True, blank=True)
    befunde = models.JSONField(default=list, blank=True)
    # Counted from `befunde` by the worker, so lists and facets never load the JSON.
    fehler_anzahl = models.PositiveIntegerField(default=0)
    warnungen_anzahl = models.PositiveIntegerField(default=0)
    kennzahlen = models.JSONField(default=dict, blank=True)
    diagramme = models.JSONField(default=list, blank=True)  # [{"name", "elemente", "hinweis"}]
    hauptdiagramm = models.PositiveSmallIntegerField(default=0)
    ablauf = models.JSONField(default=dict, blank=True)  # the process as text, see bpmn.ablauf
    # element id -> {"name", "typ", "doku"} for the viewer (bpmn.elemente.element_info)
    elemente = models.JSONField(default=dict, blank=True)
    suchtext = models.TextField(blank=True)

    objects = ModellversionQuerySet.as_manager()

    class Meta:
        verbose_name = _("Modellversion")
        verbose_name_plural = _("Modellversionen")
        ordering = ["modell", "-nummer"]
        constraints = [
            models.UniqueConstraint(fields=["modell", "nummer"], name="modellversion_nummer"),
            # The same bytes twice in one Kommune's library are a duplicate (also across models).
            models.UniqueConstraint(fields=["kommune", "sha256"], name="modellversion_einmalig"),
        ]
        indexes = [models.Index(fields=["verarbeitung", "erstellt_am"])]

    def __str__(self) -> str:
        return f"{self.modell} – Version {self.nummer}"

    def save(self, *args, **kwargs):
        felder = kwargs.get("update_fields")
        if self.pk is not None:
            if not felder:
                # A whole-row save would rewrite the protected columns with what is in memory.
                raise RuntimeError("Modellversion: nur gezielte Updates (update_fields).")
            geschuetzt = {f.removesuffix("_id") for f in self.UNVERAENDERLICH}
            if verboten := {f.removesuffix("_id") for f in felder} & geschuetzt:
                raise RuntimeError(f"Modellversion: {sorted(verboten)} sind unveränderlich.")
        super().save(*args, **kwargs)

    @property
    def darstellbar(self) -> bool:
        """Processing ended with drawings and a thumbnail (not refused or failed)."""
        return self.verarbeitung in (
            self.Verarbeitung.OK,
            self.Verarbeitung.WARNUNGEN,
            self.Verarbeitung.UNGUELTIG,
        ) and bool(self.diagramme)

    @property
    def ist_fertig(self) -> bool:
        return self.verarbeitung in self.FERTIG


class Darstellung(models.Model):
    """The SVG of one diagram of a version, drawn by the worker (derived, not uploaded)."""

    version = models.ForeignKey(
        Modellversion, on_delete=models.CASCADE, related_name="darstellungen"
    )
    nummer = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    svg = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "nummer"], name="darstellung_einmalig")
        ]
        ordering = ["version", "nummer"]

    def __str__(self) -> str:
        return f"{self.version} – {self.name}"


class Vorschau(models.Model):
    """The PNG thumbnail of a version's main diagram (kept apart so lists never load it)."""

    version = models.OneToOneField(Modellversion, on_delete=models.CASCADE, related_name="vorschau")
    png = models.BinaryField()
    breite = models.PositiveSmallIntegerField()
    hoehe = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"Vorschau {self.version}"


class KommentarQuerySet(models.QuerySet):
    def sichtbar_fuer(self, user, *, modell: Prozessmodell | None = None) -> KommentarQuerySet:
        """Comments on a model the user may see: all of them for the own Kommune; for others
        only those on versions that were published (a draft's discussion stays at home).
        With `modell`, as for versions: one model, its visibility checked for that row only."""
        veroeffentlicht = [Modellversion.Status.FREIGEGEBEN, Modellversion.Status.ARCHIVIERT]
        teil = Q(kommune__in=Kommune.objects.mit_rolle(user)) | Q(
            version__status__in=veroeffentlicht
        )
        if modell is not None:
            if not Prozessmodell.objects.sichtbar_fuer(user).filter(pk=modell.pk).exists():
                return self.none()
            return self.filter(teil, modell=modell)
        return self.filter(teil, modell__in=Prozessmodell.objects.sichtbar_fuer(user))


class Kommentar(models.Model):
    """A plain-text remark on a model, written on one version, optionally on one element."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    modell = models.ForeignKey(Prozessmodell, on_delete=models.CASCADE, related_name="kommentare")
    # The model's Kommune: the tenant the discussion is about.
    kommune = models.ForeignKey(Kommune, on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(Modellversion, on_delete=models.CASCADE, related_name="kommentare")
    element_id = models.CharField(max_length=200, blank=True)
    autor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(max_length=5000)
    erstellt_am = models.DateTimeField(default=timezone.now)
    geaendert_am = models.DateTimeField(null=True, blank=True)
    geloescht_am = models.DateTimeField(null=True, blank=True)

    objects = KommentarQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kommentar")
        verbose_name_plural = _("Kommentare")
        ordering = ["erstellt_am", "pk"]
        indexes = [models.Index(fields=["modell", "erstellt_am"])]

    def __str__(self) -> str:
        return f"{self.modell}: {self.text[:40]}"


class Fingerabdruck(models.Model):
    """What a version's similarity is computed from (bpmn.aehnlichkeit), kept apart so no list
    loads it; its LSH bands are rows of `Band`, indexed for the candidate lookup."""

    version = models.OneToOneField(
        Modellversion, on_delete=models.CASCADE, primary_key=True, related_name="fingerabdruck"
    )
    daten = models.JSONField()

    def __str__(self) -> str:
        return f"Fingerabdruck {self.version_id}"


class Band(models.Model):
    version = models.ForeignKey(Modellversion, on_delete=models.CASCADE, related_name="baender")
    nummer = models.PositiveSmallIntegerField()
    wert = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["nummer", "wert"])]
        constraints = [models.UniqueConstraint(fields=["version", "nummer"], name="band_einmalig")]

    def __str__(self) -> str:
        return f"Band {self.nummer} von {self.version_id}"


class Aehnlichkeit(models.Model):
    """A precomputed "similar process" of a model (computed by the worker, never at request
    time). Visibility is applied when the list is read."""

    modell = models.ForeignKey(Prozessmodell, on_delete=models.CASCADE, related_name="aehnliche")
    anderes = models.ForeignKey(Prozessmodell, on_delete=models.CASCADE, related_name="+")
    wert = models.FloatField()
    gleiche_schritte = models.PositiveIntegerField(default=0)
    grund = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["modell", "anderes"], name="aehnlichkeit_einmalig")
        ]
        indexes = [models.Index(fields=["modell", "-wert"])]

    def __str__(self) -> str:
        return f"{self.modell_id} ~ {self.anderes_id} ({self.wert:.2f})"
