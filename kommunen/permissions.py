"""One function per question "may this user …?". Views and services ask here, nowhere else.

Every answer about a Kommune goes through the one membership rule in `kommunen/models.py`
(`Mitgliedschaft.objects.von`): an active user in a Kommune that is a network member.
"""

from __future__ import annotations

from .models import Kommune, Mitgliedschaft, Rolle

# Rising order of the roles (the order of `Rolle`): a higher rank may do what a lower one may.
RANG = {rolle: rang for rang, rolle in enumerate(Rolle.values, start=1)}


def ist_koordination(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.ist_koordination)


def liest_im_netzwerk(user) -> bool:
    """Members of any member Kommune and the coordination read (and comment on) what the network
    publishes."""
    return ist_koordination(user) or Mitgliedschaft.objects.von(user).exists()


def rolle_in(user, kommune: Kommune) -> str | None:
    """The user's role in this Kommune, or None (also when the Kommune left the network)."""
    return (
        Mitgliedschaft.objects.von(user)
        .filter(kommune=kommune)
        .values_list("rolle", flat=True)
        .first()
    )


def _hat_mindestens(user, kommune: Kommune, rolle: str) -> bool:
    return Mitgliedschaft.objects.von(user, mindestens=rolle).filter(kommune=kommune).exists()


def ist_mitglied_von(user, kommune: Kommune) -> bool:
    return _hat_mindestens(user, kommune, Rolle.LESEN)


def kann_mitglieder_sehen(user, kommune: Kommune) -> bool:
    return ist_mitglied_von(user, kommune)


def kann_mitglieder_verwalten(user, kommune: Kommune) -> bool:
    return _hat_mindestens(user, kommune, Rolle.VERWALTEN)


def kann_modelle_bearbeiten(user, kommune: Kommune) -> bool:
    return _hat_mindestens(user, kommune, Rolle.BEARBEITEN)


def kann_einschreiben(user, kommune: Kommune) -> bool:
    """Enrol the Kommune in a cohort and name its participants: the Kommunen-Admin."""
    return _hat_mindestens(user, kommune, Rolle.VERWALTEN)


def kann_mitgliedschaft_vergeben(user) -> bool:
    """Make a Kommune a member of the network and name its first admin."""
    return ist_koordination(user)


# --- process models: the rules themselves live in the querysets of modelle.models ----------


def kann_lesen(user, modell) -> bool:
    return type(modell).objects.sichtbar_fuer(user).filter(pk=modell.pk).exists()


def kann_bearbeiten(user, modell) -> bool:
    """Upload versions, change metadata, send for review: Redaktion and Verwaltung."""
    return kann_modelle_bearbeiten(user, modell.kommune)


def kann_freigeben(user, version) -> bool:
    """Publish: the Kommune's Verwaltung, and never the person who uploaded that version.

    Only "she uploaded it herself" blocks one of the Verwaltung: a version without a recorded
    uploader (an operator import, an account deleted since) may be published by any of them."""
    return kann_mitglieder_verwalten(user, version.kommune) and version.erstellt_von_id != user.pk
