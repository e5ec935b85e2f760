"""Reads, scoped to the user. What a user may not see does not exist for them (404)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from .models import Einladung, Kommune, Mitgliedschaft, Rolle


def mitgliedschaften_von(user) -> QuerySet[Mitgliedschaft]:
    if not user.is_authenticated:
        return Mitgliedschaft.objects.none()
    return Mitgliedschaft.objects.filter(user=user, kommune__ist_mitglied=True).select_related(
        "kommune", "kommune__kreis"
    )


def eigene_mitgliedschaft(user, *, slug: str | None = None) -> Mitgliedschaft:
    """The membership the user is acting in: the one named by slug, else the first. 404 if none."""
    qs = mitgliedschaften_von(user)
    if slug:
        qs = qs.filter(kommune__slug=slug)
    mitgliedschaft = qs.order_by("kommune__name").first()
    if mitgliedschaft is None:
        raise Http404
    return mitgliedschaft


def mitglieder_der_kommune(user, kommune: Kommune) -> QuerySet[Mitgliedschaft]:
    if not Mitgliedschaft.objects.filter(user=user, kommune=kommune).exists():
        raise Http404
    return (
        Mitgliedschaft.objects.filter(kommune=kommune)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def mitgliedschaft_zum_verwalten(user, *, kommune: Kommune, pk: int) -> Mitgliedschaft:
    """A membership of the Kommune the user administers; anything else is a 404."""
    if not Mitgliedschaft.objects.filter(
        user=user, kommune=kommune, rolle=Rolle.VERWALTEN
    ).exists():
        raise Http404
    try:
        return Mitgliedschaft.objects.select_related("user").get(pk=pk, kommune=kommune)
    except Mitgliedschaft.DoesNotExist:
        raise Http404 from None


def einladungen_der_kommune(user, kommune: Kommune) -> QuerySet[Einladung]:
    if not Mitgliedschaft.objects.filter(
        user=user, kommune=kommune, rolle=Rolle.VERWALTEN
    ).exists():
        raise Http404
    return Einladung.objects.filter(kommune=kommune).select_related("eingeladen_von")


def einladung_zum_verwalten(user, *, kommune: Kommune, uuid) -> Einladung:
    try:
        return einladungen_der_kommune(user, kommune).get(uuid=uuid)
    except Einladung.DoesNotExist:
        raise Http404 from None


def kommunen_suchen(
    *, q: str = "", kreis: str = "", nur_mitglieder: bool = False
) -> QuerySet[Kommune]:
    """Search all Kommunen of the state by name, AGS or Kreis (name or key)."""
    qs = Kommune.objects.select_related("kreis")
    q = q.strip()
    if q:
        if q.isdigit():
            qs = qs.filter(ags__startswith=q)
        else:
            qs = qs.filter(Q(name__icontains=q) | Q(kreis__name__icontains=q))
    if kreis:
        qs = qs.filter(Q(kreis__schluessel=kreis) | Q(kreis__name__iexact=kreis))
    if nur_mitglieder:
        qs = qs.filter(ist_mitglied=True)
    return qs.order_by("name", "ags")


def kommune_nach_slug(slug: str) -> Kommune:
    try:
        return Kommune.objects.select_related("kreis").get(slug=slug)
    except Kommune.DoesNotExist:
        raise Http404 from None


def netzwerk_kennzahlen() -> dict:
    return Kommune.objects.aggregate(
        alle=Count("id"), mitglieder=Count("id", filter=Q(ist_mitglied=True))
    )
