"""Bring a folder or ZIP archive of BPMN models into one Kommune's library (operators' tool)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kommunen.models import Kommune, Rolle

from ... import eingang, services


class Command(BaseCommand):
    help = (
        "Importiert alle .bpmn-Dateien eines Ordners (rekursiv) oder ZIP-Archivs als neue Modelle "
        "einer Kommune. Jede Datei wird einzeln geprüft; fehlerhafte werden gemeldet, die übrigen "
        "importiert. Exit-Code 1, wenn eine Datei abgelehnt wurde."
    )

    def add_arguments(self, parser):
        parser.add_argument("quelle", help="Ordner oder ZIP-Archiv")
        parser.add_argument("--kommune", required=True, help="AGS der Kommune (8 Ziffern)")
        parser.add_argument(
            "--benutzer",
            help="Benutzername, in dessen Namen importiert wird (muss Redaktion der Kommune "
            "sein); ohne Angabe als Systemimport",
        )
        parser.add_argument(
            "--sichtbarkeit", default="netzwerk", choices=["intern", "netzwerk", "oeffentlich"]
        )

    def handle(self, *args, quelle, kommune, benutzer, sichtbarkeit, **options):
        ziel = Kommune.objects.filter(ags=kommune).first()
        if ziel is None:
            raise CommandError(f"Keine Kommune mit AGS {kommune}.")
        if not ziel.ist_mitglied:
            raise CommandError(f"{ziel.name} ist kein Mitglied des Netzwerks.")
        user = None
        if benutzer:
            user = get_user_model().objects.filter(username=benutzer).first()
            if (
                user is None
                or not Kommune.objects.mit_rolle(user, mindestens=Rolle.BEARBEITEN)
                .filter(pk=ziel.pk)
                .exists()
            ):
                raise CommandError(
                    f"{benutzer} ist nicht Redaktion oder Verwaltung von {ziel.name}."
                )
        pfad = Path(quelle)
        if pfad.is_dir():
            dateien = [
                (str(p.relative_to(pfad)), p.open("rb"), p.stat().st_size)
                for p in sorted(pfad.rglob("*"))
                if p.is_file() and p.suffix.lower() in (*eingang.ENDUNGEN, ".zip")
            ]
        elif pfad.is_file():
            dateien = [(pfad.name, pfad.open("rb"), pfad.stat().st_size)]
        else:
            raise CommandError(f"{quelle} gibt es nicht.")
        try:
            gut, abgelehnt, uebergangen = eingang.hochgeladene_pruefen(dateien)
        finally:
            for _name, f, _groesse in dateien:
                f.close()
        angelegt = 0
        for datei in gut:
            try:
                version = services.modell_anlegen(
                    user=user,
                    kommune=ziel,
                    datei=datei,
                    metadaten={"sichtbarkeit": sichtbarkeit},
                    system=user is None,
                )
            except ValidationError as exc:
                abgelehnt.append(eingang.Abgelehnt(datei.name, " ".join(exc.messages), code="x"))
                continue
            angelegt += 1
            self.stdout.write(f"  + {datei.name} → {version.modell.titel} ({version.modell.uuid})")
        for a in abgelehnt:
            self.stderr.write(f"  ! {a.dateiname}: {a.meldung}")
        for name in uebergangen:
            self.stdout.write(f"  – übergangen (keine BPMN-Datei): {name}")
        self.stdout.write(f"{angelegt} Modelle importiert, {len(abgelehnt)} abgelehnt.")
        if abgelehnt:
            raise SystemExit(1)
