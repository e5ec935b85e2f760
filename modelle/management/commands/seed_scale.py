"""Build a large, realistic register in bulk, for load tests and query plans (`bench/catalog.py`).

Member Kommunen spread over the state (large towns publish more), models of ~30 kinds of municipal
processes with varied titles, keywords and diagram labels, 1–3 versions each with status,
processing result, findings, key figures and search text; a mix of published models, published
models with a newer draft (whose extra words must never be found by other Kommunen), drafts only,
internal and archived ones; reuses that point to popular originals.

Synthetic on purpose where realism would only cost space: every version's `datei` points to one of
three stored BPMN files (its sha256 column is made unique per version, not the file's hash), and
the drawings and thumbnails of the versions that lists show are copies of those three files'
drawings (a 16-colour PNG of ~2 KB). Nothing here goes through the services: it writes rows in
bulk and then derives the catalog columns once with `katalog_aktualisieren`.
"""

from __future__ import annotations

import hashlib
import io
import random
import time
from datetime import date, timedelta
from xml.sax.saxutils import quoteattr

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from PIL import Image

from kommunen.models import Kommune
from schulungen.models import Kohorte

from ... import ablage
from ...bpmn import parse
from ...bpmn.aehnlichkeit import bands, fingerprint, minhash
from ...bpmn.analyse import analyse
from ...models import (
    Band,
    Darstellung,
    Fingerabdruck,
    Lizenz,
    Modellversion,
    Prozessmodell,
    Sichtbarkeit,
    Vorschau,
)
from ...services.suchindex import katalog_aktualisieren
from ._seed_vokabular import (
    ABTEILUNGEN,
    ALLGEMEINE_SCHRITTE,
    ENDEN,
    ENTSCHEIDUNGEN,
    ENTWURFSWORTE,
    PROZESSE,
    STARTS,
    ZUSAETZE,
)

S = Modellversion.Status
V = Modellversion.Verarbeitung
PORTION = 5000


def bpmn_linear(name: str, schritte: list[str]) -> bytes:
    """A small valid BPMN file: start → steps → end, with diagram interchange."""
    knoten = [("S", "startEvent", "Eingang", 36, 36)]
    knoten += [(f"T{i}", "task", s, 100, 80) for i, s in enumerate(schritte)]
    knoten.append(("E", "endEvent", "Erledigt", 36, 36))
    teile = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<bpmn:definitions '
        'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" '
        'xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" '
        'xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" '
        'xmlns:di="http://www.omg.org/spec/DD/20100524/DI" id="Defs" '
        'targetNamespace="http://example.org/seed">\n'
        f'<bpmn:process id="P" name={quoteattr(name)} isExecutable="false">\n'
    ]
    for i, (kid, art, label, _b, _h) in enumerate(knoten):
        rein = f"<bpmn:incoming>F{i - 1}</bpmn:incoming>" if i else ""
        raus = f"<bpmn:outgoing>F{i}</bpmn:outgoing>" if i < len(knoten) - 1 else ""
        teile.append(f"<bpmn:{art} id={quoteattr(kid)} name={quoteattr(label)}>{rein}{raus}"
                     f"</bpmn:{art}>\n")  # fmt: skip
    for i in range(len(knoten) - 1):
        teile.append(f'<bpmn:sequenceFlow id="F{i}" sourceRef="{knoten[i][0]}" '
                     f'targetRef="{knoten[i + 1][0]}"/>\n')  # fmt: skip
    teile.append('</bpmn:process>\n<bpmndi:BPMNDiagram id="D">'
                 '<bpmndi:BPMNPlane id="DP" bpmnElement="P">\n')  # fmt: skip
    x, raender = 100, []
    for kid, _art, _label, breite, hoehe in knoten:
        teile.append(f'<bpmndi:BPMNShape id="{kid}_di" bpmnElement="{kid}"><dc:Bounds x="{x}" '
                     f'y="{118 - hoehe / 2}" width="{breite}" height="{hoehe}"/>'
                     "</bpmndi:BPMNShape>\n")  # fmt: skip
        raender.append((x, x + breite))
        x += breite + 50
    for i in range(len(knoten) - 1):
        von, nach = raender[i][1], raender[i + 1][0]
        teile.append(f'<bpmndi:BPMNEdge id="F{i}_di" bpmnElement="F{i}"><di:waypoint x="{von}" '
                     f'y="118"/><di:waypoint x="{nach}" y="118"/></bpmndi:BPMNEdge>\n')  # fmt: skip
    teile.append("</bpmndi:BPMNPlane></bpmndi:BPMNDiagram>\n</bpmn:definitions>\n")
    return "".join(teile).encode()


def _klein(png: bytes) -> bytes:
    """The thumbnail as a 16-colour PNG: the same picture at about a third of the bytes."""
    ausgabe = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").quantize(16).save(ausgabe, "PNG", optimize=True)
    return ausgabe.getvalue()


class Vorlage:
    """One of the shared stored files with its drawing and thumbnail."""

    def __init__(self, name: str, schritte: list[str]):
        daten = bpmn_linear(name, schritte)
        self.datei, _sha, _neu = ablage.speichern(daten)
        self.groesse = len(daten)
        ergebnis = analyse(daten)
        self.svg = ergebnis.drawings[0].svg.decode()
        self.elemente = ergebnis.drawings[0].elements
        self.png = _klein(ergebnis.thumbnail())
        bild = Image.open(io.BytesIO(self.png))
        self.breite, self.hoehe = bild.size
        kennzahlen = ergebnis.metrics.as_dict()
        kennzahlen.pop("labels", None)
        self.kennzahlen = kennzahlen


class Command(BaseCommand):
    help = (
        "Baut ein großes, realistisches Register in Massen (für Lasttests, PostgreSQL): "
        "Mitgliedskommunen, Modelle, Versionen, Nachnutzungen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--modelle", type=int, default=100_000)
        parser.add_argument("--mitglieder", type=int, default=400, help="Mitgliedskommunen")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--zusaetzlich",
            action="store_true",
            help="auch wenn es schon Modelle gibt (sonst wird abgebrochen)",
        )

    def handle(self, *args, modelle, mitglieder, seed, zusaetzlich, **options):
        if modelle < 1 or mitglieder < 1:
            raise CommandError("--modelle und --mitglieder müssen positiv sein.")
        if Prozessmodell.objects.exists() and not zusaetzlich:
            raise CommandError("Es gibt schon Modelle. Mit --zusaetzlich trotzdem ergänzen.")
        if Kommune.objects.count() < mitglieder:
            raise CommandError("Zu wenige Kommunen: erst `migrate` (lädt die Stammdaten).")
        self.rng = random.Random(seed)  # noqa: S311 - reproducible test data, no secrets
        self.abdruecke: dict[int, tuple[dict, list[int]]] = {}
        self.jetzt = timezone.now()
        beginn = time.monotonic()
        self.kommunen = self._mitglieder(mitglieder)
        self.kohorten = self._kohorten()
        self.vorlagen = [
            Vorlage("Kurzer Ablauf", ["Antrag prüfen", "Bescheid versenden"]),
            Vorlage("Standardablauf", ALLGEMEINE_SCHRITTE[:6]),
            Vorlage("Langer Ablauf", ALLGEMEINE_SCHRITTE[:12]),
        ]
        self.originale: list[tuple[int, int, int]] = []  # (version id, kind, Kommune id)
        erstellt = 0
        while erstellt < modelle:
            n = min(PORTION, modelle - erstellt)
            with transaction.atomic():
                self._portion(erstellt, n)
            erstellt += n
            self.stdout.write(f"{erstellt} Modelle ({time.monotonic() - beginn:.0f} s)")
        # Statistics first: without them the planner guesses badly for the correlated
        # subqueries of the derivation (hours instead of minutes).
        self._analysieren()
        self.stdout.write("Katalogspalten ableiten …")
        katalog_aktualisieren(alle=True)
        self._analysieren(voll=True)
        self.stdout.write(
            self.style.SUCCESS(
                f"{modelle} Modelle in {len(self.kommunen)} Mitgliedskommunen angelegt "
                f"({time.monotonic() - beginn:.0f} s)."
            )
        )

    def _analysieren(self, *, voll: bool = False) -> None:
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            # The Kommunen too: 400 became members, and the place filters join them.
            for tabelle in ("modelle_prozessmodell", "modelle_modellversion",
                            "modelle_darstellung", "modelle_vorschau", "kommunen_kommune",
                            "kommunen_kreis", "kommunen_mitgliedschaft"):  # fmt: skip
                # VACUUM also sets the visibility map, so index-only scans work at once; FULL
                # gives back the space of the rows the bulk load rewrote (the derivation
                # updates every model), as a register that grew over years would have it.
                if voll and tabelle == "modelle_prozessmodell":
                    cursor.execute(f"VACUUM FULL {tabelle}")
                cursor.execute(f"VACUUM ANALYZE {tabelle}")

    # --- reference data ---------------------------------------------------------------------

    def _mitglieder(self, anzahl: int) -> list[tuple[Kommune, float]]:
        """Members spread over the state; the Stadtkreise always, the rest drawn at random.
        Each gets a weight (how many models it has): a few large, many small."""
        alle = list(Kommune.objects.select_related("kreis").order_by("ags"))
        staedte = [k for k in alle if k.kreis.art == "Stadtkreis"]
        rest = [k for k in alle if k.kreis.art != "Stadtkreis"]
        gewaehlt = staedte + self.rng.sample(rest, max(0, anzahl - len(staedte)))
        Kommune.objects.filter(pk__in=[k.pk for k in gewaehlt], ist_mitglied=False).update(
            ist_mitglied=True, mitglied_seit=date(2022, 1, 1)
        )
        # Stadtkreise weigh 10, the others 1 to 6 (large Kreisstädte down to villages).
        return [
            (k, 10.0 if k in staedte else min(6.0, self.rng.paretovariate(1.2))) for k in gewaehlt
        ]

    def _kohorten(self) -> list[Kohorte]:
        kohorten = list(Kohorte.objects.order_by("jahr")[:6])
        for jahr in range(2022, 2026):
            if len(kohorten) >= 4:
                break
            kohorten.append(
                Kohorte.objects.create(
                    name=f"Kohorte {jahr}",
                    jahr=jahr,
                    beginn=date(jahr, 2, 1),
                    ende=date(jahr, 11, 30),
                    anmeldeschluss=date(jahr, 1, 15),
                    max_kommunen=40,
                )
            )
        return kohorten

    # --- one portion of models --------------------------------------------------------------

    def _portion(self, start: int, anzahl: int) -> None:
        rng = self.rng
        kommunen, gewichte = zip(*self.kommunen, strict=True)
        plaene = []
        neue = []
        for _i in range(anzahl):
            kommune = rng.choices(kommunen, gewichte)[0]
            art = rng.randrange(len(PROZESSE))
            original = None
            if self.originale and rng.random() < 0.08:
                # Popular originals are reused again and again (Zipf-like: low indices); the
                # copy is the same kind of process in another Kommune.
                original = self.originale[int(len(self.originale) * rng.random() ** 3)]
                if original[2] == kommune.pk:
                    original = None
                else:
                    art = original[1]
            kategorie, leika, titel, worte, schritte = PROZESSE[art]
            name = rng.choice(titel) + rng.choice(ZUSAETZE)
            erstellt = self.jetzt - timedelta(days=rng.uniform(1, 4 * 365))
            plan = self._versionsplan(rng)
            abteilung = rng.choice(ABTEILUNGEN)
            neue.append(
                Prozessmodell(
                    kommune=kommune,
                    titel=name,
                    beschreibung=(
                        f"Ablauf „{name}“ in {kommune.name}: {abteilung}, "
                        f"{', '.join(rng.sample(schritte, min(3, len(schritte))))}. "
                        f"Modelliert {'in der Kohorte' if rng.random() < 0.4 else 'im Projekt'} "
                        f"{erstellt.year}."
                    ),
                    leistungsschluessel=leika,
                    kategorie=kategorie,
                    schlagworte=[*rng.sample(worte, rng.randint(1, len(worte))), abteilung],
                    ansprechperson=f"{abteilung} {kommune.name}",
                    lizenz=rng.choices(list(Lizenz.values), [55, 25, 10, 10])[0],
                    sichtbarkeit=rng.choices(list(Sichtbarkeit.values), [8, 55, 37])[0],
                    kohorte=rng.choice(self.kohorten) if rng.random() < 0.4 else None,
                    abgeleitet_von_id=original[0] if original else None,
                    versionen_anzahl=len(plan),
                    archiviert_am=erstellt + timedelta(days=300) if rng.random() < 0.02 else None,
                    erstellt_am=erstellt,
                    geaendert_am=erstellt,
                )
            )
            plaene.append((art, schritte, plan, erstellt))
        Prozessmodell.objects.bulk_create(neue, batch_size=1000)
        arten = {m.pk: p[0] for m, p in zip(neue, plaene, strict=True)}
        versionen = []
        for m, (_art, schritte, plan, erstellt) in zip(neue, plaene, strict=True):
            for nummer, (status, verarbeitung) in enumerate(plan, start=1):
                versionen.append(self._version(m, nummer, status, verarbeitung, schritte,
                                               erstellt + timedelta(days=40 * nummer)))  # fmt: skip
        Modellversion.objects.bulk_create(versionen, batch_size=1000)
        ids = [m.pk for m in neue]
        qs = Prozessmodell.objects.filter(pk__in=ids)
        letzte = Modellversion.objects.filter(modell=OuterRef("pk")).order_by("-nummer")
        qs.update(
            neueste_version=Subquery(letzte.values("pk")[:1]),
            veroeffentlichte_version=Subquery(letzte.filter(status=S.FREIGEGEBEN).values("pk")[:1]),
        )
        gezeigt = {}
        art_von = {}
        for m in qs.values("pk", "kommune_id", "neueste_version", "veroeffentlichte_version"):
            for v in (m["neueste_version"], m["veroeffentlichte_version"]):
                if v:
                    gezeigt[v] = self.vorlagen[m["pk"] % 3]
                    art_von[v] = arten[m["pk"]]
            if m["veroeffentlichte_version"]:
                self.originale.append(
                    (m["veroeffentlichte_version"], arten[m["pk"]], m["kommune_id"])
                )
        fertig = set(
            Modellversion.objects.filter(pk__in=gezeigt, verarbeitung__in=[V.OK, V.WARNUNGEN,
                                                                           V.UNGUELTIG])
            .values_list("pk", flat=True)
        )  # fmt: skip
        Darstellung.objects.bulk_create(
            [Darstellung(version_id=v, nummer=0, name="Diagramm", svg=vl.svg)
             for v, vl in gezeigt.items() if v in fertig], batch_size=1000,
        )  # fmt: skip
        Vorschau.objects.bulk_create(
            [Vorschau(version_id=v, png=vl.png, breite=vl.breite, hoehe=vl.hoehe)
             for v, vl in gezeigt.items() if v in fertig], batch_size=1000,
        )  # fmt: skip
        # Similar processes: every model of one kind shares its kind's fingerprint and bands, the
        # worst case for the candidate lookup (thousands per kind, capped by the service).
        Fingerabdruck.objects.bulk_create(
            [Fingerabdruck(version_id=v, daten=self._abdruck(art_von[v])[0]) for v in fertig],
            batch_size=1000,
        )
        Band.objects.bulk_create(
            [Band(version_id=v, nummer=i, wert=w)
             for v in fertig for i, w in enumerate(self._abdruck(art_von[v])[1])],
            batch_size=5000,
        )  # fmt: skip

    def _abdruck(self, art: int) -> tuple[dict, list[int]]:
        if art not in self.abdruecke:
            _kategorie, _leika, titel, _worte, schritte = PROZESSE[art]
            doc = parse(bpmn_linear(titel[0], schritte))
            fp = fingerprint(doc)
            self.abdruecke[art] = (fp.as_dict(), bands(minhash(fp)))
        return self.abdruecke[art]

    def _versionsplan(self, rng) -> list[tuple[str, str]]:
        """Status and processing result of each version, oldest first."""
        fertig = rng.choices([V.OK, V.WARNUNGEN, V.UNGUELTIG], [55, 40, 5])[0]
        art = rng.random()
        if art < 0.55:  # published, the newest version
            alt = [(S.ARCHIVIERT, V.OK)] * rng.choice([0, 0, 1, 2])
            return [*alt, (S.FREIGEGEBEN, fertig)]
        if art < 0.72:  # published, with a newer draft or one in review
            neu = rng.choice([S.ENTWURF, S.ENTWURF, S.IN_PRUEFUNG])
            nv = rng.choices([V.OK, V.WARNUNGEN, V.WARTEND, V.FEHLER], [50, 40, 7, 3])[0]
            return [(S.FREIGEGEBEN, fertig), (neu, nv)]
        # drafts only
        nv = rng.choices([V.OK, V.WARNUNGEN, V.UNGUELTIG, V.WARTEND], [45, 40, 10, 5])[0]
        return [(rng.choice([S.ENTWURF, S.IN_PRUEFUNG]), nv)]

    def _version(self, m, nummer, status, verarbeitung, schritte, erstellt) -> Modellversion:
        rng = self.rng
        vorlage = self.vorlagen[m.pk % 3]
        labels = [m.titel, rng.choice(STARTS)]
        labels += rng.sample(schritte, rng.randint(2, len(schritte)))
        labels += rng.sample(ALLGEMEINE_SCHRITTE, rng.randint(2, 6))
        labels += [*rng.sample(ENTSCHEIDUNGEN, rng.randint(0, 2)), rng.choice(ENDEN)]
        if status in (S.ENTWURF, S.IN_PRUEFUNG) and nummer > 1:
            labels.append(f"{rng.choice(ENTWURFSWORTE)} prüfen")
        fertig = verarbeitung in (V.OK, V.WARNUNGEN, V.UNGUELTIG)
        befunde = []
        if verarbeitung in (V.WARNUNGEN, V.UNGUELTIG):
            schwere = "error" if verarbeitung == V.UNGUELTIG else "warning"
            befunde = [
                {"rule": rng.choice(["label-required", "no-disconnected", "fake-join"]),
                 "severity": schwere, "element_id": f"T{k}", "line": None, "name": "",
                 "message_de": "Element ohne Beschriftung."}
                for k in range(rng.randint(1, 3))
            ]  # fmt: skip
        return Modellversion(
            modell=m,
            kommune_id=m.kommune_id,
            nummer=nummer,
            datei=vorlage.datei,
            # Unique per version (the constraint is per Kommune); not the file's hash.
            sha256=hashlib.sha256(f"seed:{m.pk}:{nummer}".encode()).hexdigest(),
            groesse=vorlage.groesse,
            dateiname=f"{m.titel[:60]}-v{nummer}.bpmn",
            erstellt_am=erstellt,
            status=status,
            freigegeben_am=erstellt + timedelta(days=7) if status in (S.FREIGEGEBEN,
                                                                       S.ARCHIVIERT) else None,
            verarbeitung=verarbeitung,
            verarbeitet_am=erstellt if fertig else None,
            befunde=befunde,
            kennzahlen=vorlage.kennzahlen if fertig else {},
            diagramme=[{"name": "Diagramm", "elemente": vorlage.elemente}] if fertig else [],
            suchtext=" ".join(labels) if fertig else "",
        )  # fmt: skip
