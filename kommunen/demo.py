"""Demo Kommunen and users for `make run` (never for production: known passwords)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth import get_user_model

from .models import Kommune, Mitgliedschaft, Rolle

DEMO_PASSWORT = "Demo-Passwort-2026"

# AGS of demo member Kommunen, with the year they joined.
MITGLIEDER = {
    "08115003": 2022,  # Böblingen
    "08115028": 2022,  # Leonberg
    "08111000": 2022,  # Stuttgart
    "08115021": 2023,  # Herrenberg
    "08115045": 2023,  # Sindelfingen
    "08116019": 2023,  # Esslingen am Neckar
    "08311000": 2024,  # Freiburg im Breisgau
    "08212000": 2024,  # Karlsruhe
    "08421000": 2024,  # Ulm
    "08125065": 2024,  # Neckarsulm
}

BENUTZER = [
    # username, Vorname, Nachname, AGS, Rolle
    ("admin.boeblingen", "Anna", "Berger", "08115003", Rolle.VERWALTEN),
    ("redaktion.boeblingen", "Rainer", "Schmid", "08115003", Rolle.BEARBEITEN),
    ("leser.boeblingen", "Lena", "Wagner", "08115003", Rolle.LESEN),
    ("admin.leonberg", "Lukas", "Maier", "08115028", Rolle.VERWALTEN),
    ("redaktion.leonberg", "Sophie", "Keller", "08115028", Rolle.BEARBEITEN),
    ("admin.stuttgart", "Sabine", "Fischer", "08111000", Rolle.VERWALTEN),
    ("admin.herrenberg", "Hanna", "Vogel", "08115021", Rolle.VERWALTEN),
    ("admin.freiburg", "Felix", "Huber", "08311000", Rolle.VERWALTEN),
]


def demo_erzeugen(log=print) -> None:
    """Idempotent: running it again changes nothing."""
    user_model = get_user_model()
    for ags, jahr in MITGLIEDER.items():
        Kommune.objects.filter(ags=ags, ist_mitglied=False).update(
            ist_mitglied=True, mitglied_seit=date(jahr, 3, 1)
        )
    koordination, neu = user_model.objects.get_or_create(
        username="koordination",
        defaults={
            "email": "koordination@akademie.example",
            "first_name": "Katrin",
            "last_name": "Koch",
            "ist_koordination": True,
            "is_staff": True,
            "is_superuser": True,
        },
    )
    if neu:
        koordination.set_password(DEMO_PASSWORT)
        koordination.save()
    for username, vorname, nachname, ags, rolle in BENUTZER:
        user, neu = user_model.objects.get_or_create(
            username=username,
            defaults={
                "email": f"{username}@kommune.example",
                "first_name": vorname,
                "last_name": nachname,
            },
        )
        if neu:
            user.set_password(DEMO_PASSWORT)
            user.save()
        Mitgliedschaft.objects.get_or_create(
            user=user, kommune=Kommune.objects.get(ags=ags), defaults={"rolle": rolle}
        )
    log(f"Demo-Benutzer angelegt (Passwort für alle: {DEMO_PASSWORT}):")
    log("  koordination          – Koordination (Akademie), auch Django-Admin")
    for username, _vorname, _nachname, ags, rolle in BENUTZER:
        log(f"  {username:21} – {Kommune.objects.get(ags=ags).name}, {rolle.label}")
