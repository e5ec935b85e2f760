"""Accounts for the load and chaos runs on prod-local: run with the stack's settings
(`ProdLocal.python("bench/stackdaten.py", "--kommunen", "50")`), prints one JSON object.

Per Kommune (member Kommunen that the demo data does not use, so nothing collides with it): a
Kommunen-Admin and a Redakteur with API tokens and a reader, all with one generated password; and
one open cohort with room for everyone, confirmed automatically, to enrol in and withdraw from.
Idempotent for the accounts; the password and tokens are new on every run.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prozessbibliothek.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from kommunen.demo import MITGLIEDER  # noqa: E402
from kommunen.models import Kommune, Mitgliedschaft, Rolle  # noqa: E402
from schulungen.models import Kohorte  # noqa: E402

KOHORTE = "Lasttest-Kohorte"


def _konto(username: str, kommune: Kommune, rolle: str, passwort_hash: str):
    user, _neu = get_user_model().objects.update_or_create(
        username=username,
        defaults={
            "email": f"{username}@last.example",
            "first_name": "Last",
            "last_name": username,
            "password": passwort_hash,
        },
    )
    Mitgliedschaft.objects.get_or_create(user=user, kommune=kommune, defaults={"rolle": rolle})
    return user


def _token(user) -> str:
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


@transaction.atomic
def anlegen(anzahl: int, praefix: str) -> dict:
    passwort = secrets.token_urlsafe(18)
    # One hash for all: hashing is slow on purpose, and hundreds of accounts need no
    # separate salt in a throw-away test stack.
    passwort_hash = make_password(passwort)
    kommunen = list(
        Kommune.objects.exclude(ags__in=MITGLIEDER).order_by("ags")[:anzahl]
    )  # outside the demo Kommunen, so the demo library stays as it is
    heute = timezone.localdate()
    kohorte, _neu = Kohorte.objects.update_or_create(
        name=KOHORTE,
        defaults={
            "jahr": heute.year,
            "beginn": heute + timedelta(days=400),
            "ende": heute + timedelta(days=600),
            "anmeldeschluss": heute + timedelta(days=365),
            "max_kommunen": 10_000,
            "status": Kohorte.Status.OFFEN,
            "automatisch_bestaetigen": True,
        },
    )
    konten = []
    for i, kommune in enumerate(kommunen):
        if not kommune.ist_mitglied:
            kommune.ist_mitglied = True
            kommune.mitglied_seit = heute
            kommune.save(update_fields=["ist_mitglied", "mitglied_seit"])
        admin = _konto(f"{praefix}.admin.{i}", kommune, Rolle.VERWALTEN, passwort_hash)
        redaktion = _konto(f"{praefix}.redaktion.{i}", kommune, Rolle.BEARBEITEN, passwort_hash)
        leser = _konto(f"{praefix}.leser.{i}", kommune, Rolle.LESEN, passwort_hash)
        konten.append(
            {
                "kommune": kommune.ags,
                "kommune_slug": kommune.slug,
                "admin": {"name": admin.username, "token": _token(admin)},
                "redaktion": {"name": redaktion.username, "token": _token(redaktion)},
                "leser": {"name": leser.username},
            }
        )
    return {"passwort": passwort, "kohorte": str(kohorte.uuid), "konten": konten}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kommunen", type=int, default=50)
    parser.add_argument("--praefix", default="last")
    args = parser.parse_args()
    print(json.dumps(anlegen(args.kommunen, args.praefix)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
