"""Reads, scoped to the user. What a user may not see does not exist for them (`NichtGefunden`).

Who belongs to a Kommune is decided by the one membership rule in `kommunen/models.py`.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone

from prozessbibliothek.fehler import NichtGefunden

from . import permissions
from .models import AuditEintrag, Einladung, Kommune, Mitgliedschaft, Rolle
from .suche import suchform


def mitgliedschaften_von(user) -> QuerySet[Mitgliedschaft]:
    """The user's memberships (in Kommunen that are network members), by Kommune name."""
    return (
        Mitgliedschaft.objects.von(user)
        .select_related("kommune", "kommune__kreis")
        .order_by("kommune__name")
    )


def eigene_mitgliedschaft(user, *, slug: str | None = None) -> Mitgliedschaft:
    """The membership the user is acting in: the one named by slug, else the first."""
    qs = mitgliedschaften_von(user)
    if slug:
        qs = qs.filter(kommune__slug=slug)
    mitgliedschaft = qs.first()
    if mitgliedschaft is None:
        raise NichtGefunden
    return mitgliedschaft


def verwaltete_kommunen(user) -> QuerySet[Kommune]:
    """The Kommunen the user administers (role verwalten)."""
    return Kommune.objects.mit_rolle(user, mindestens=Rolle.VERWALTEN).order_by("name")


def verwaltete_kommune(user, slug: str | None = None) -> Kommune:
    """The Kommune the admin acts for: the one named by slug among hers, else her first.

    The Kommune always comes from the user's own memberships; a slug naming another is a 404.
    """
    qs = verwaltete_kommunen(user)
    if slug:
        qs = qs.filter(slug=slug)
    kommune = qs.first()
    if kommune is None:
        raise NichtGefunden
    return kommune


def mitglieder_der_kommune(user, kommune: Kommune) -> QuerySet[Mitgliedschaft]:
    """The members of a Kommune, for its own members only."""
    if not permissions.kann_mitglieder_sehen(user, kommune):
        raise NichtGefunden(objekt=kommune)
    return (
        Mitgliedschaft.objects.gueltig()
        .filter(kommune=kommune)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def mitgliedschaft_zum_verwalten(user, *, kommune: Kommune, pk: int) -> Mitgliedschaft:
    """A membership of the Kommune the user administers; anything else is a 404."""
    try:
        return Mitgliedschaft.objects.select_related("user", "kommune").get(
            pk=pk, kommune__in=verwaltete_kommunen(user).filter(pk=kommune.pk)
        )
    except Mitgliedschaft.DoesNotExist:
        raise NichtGefunden from None


def einladungen_der_kommune(user, kommune: Kommune) -> QuerySet[Einladung]:
    if not permissions.kann_mitglieder_verwalten(user, kommune):
        raise NichtGefunden(objekt=kommune)
    return Einladung.objects.filter(kommune=kommune).select_related("eingeladen_von")


def einladung_zum_verwalten(user, *, kommune: Kommune, uuid) -> Einladung:
    try:
        return einladungen_der_kommune(user, kommune).get(uuid=uuid)
    except Einladung.DoesNotExist:
        raise NichtGefunden from None


def kommunen_suchen(
    *, q: str = "", kreis: str = "", nur_mitglieder: bool = False
) -> QuerySet[Kommune]:
    """Search all Kommunen of the state by name, AGS or Kreis.

    Digits search the AGS from its start ("08 115" too). Words are matched tolerant of umlauts
    and their spellings ("Boeblingen", "boblingen"), each word must occur ("Landkreis Böblingen");
    Kommunen whose own name starts with the search come first.
    """
    qs = Kommune.objects.select_related("kreis")
    q = q.strip()
    ziffern = q.replace(" ", "")
    if ziffern.isdigit():
        qs = qs.filter(ags__startswith=ziffern)
    elif q:
        gesucht = suchform(q)
        for wort in gesucht.split():
            qs = qs.filter(suchtext__contains=wort)
        qs = qs.annotate(
            rang=Case(
                When(suchtext__startswith=gesucht, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    if kreis:
        qs = qs.filter(Q(kreis__schluessel=kreis) | Q(kreis__name__iexact=kreis))
    if nur_mitglieder:
        qs = qs.filter(ist_mitglied=True)
    if ziffern.isdigit() or not q:
        return qs.order_by("name", "ags")
    return qs.order_by("rang", "name", "ags")


def kommune_nach_slug(slug: str) -> Kommune:
    try:
        return Kommune.objects.select_related("kreis").get(slug=slug)
    except Kommune.DoesNotExist:
        raise NichtGefunden from None


def admins_der_kommune(kommune: Kommune) -> QuerySet[Mitgliedschaft]:
    """Who administers the Kommune now (the one membership rule, role verwalten)."""
    return Mitgliedschaft.objects.gueltig().filter(kommune=kommune, rolle=Rolle.VERWALTEN)


def netzwerk_kennzahlen() -> dict:
    return Kommune.objects.aggregate(
        alle=Count("id"), mitglieder=Count("id", filter=Q(ist_mitglied=True))
    )


def _tagesbeginn(tag: date) -> datetime:
    return datetime.combine(tag, time.min, tzinfo=timezone.get_current_timezone())


def audit_eintraege(
    user,
    *,
    kommune: str = "",
    aktion: str = "",
    von: date | None = None,
    bis: date | None = None,
) -> QuerySet[AuditEintrag]:
    """The audit log for the coordination, newest first.

    `kommune` is an AGS: entries keep it when the Kommune itself is gone. `von` and `bis` are
    calendar days in Berlin, both included.
    """
    if not permissions.ist_koordination(user):
        raise NichtGefunden
    qs = AuditEintrag.objects.all()
    if kommune:
        qs = qs.filter(kommune_ags=kommune)
    if aktion:
        qs = qs.filter(aktion=aktion)
    if von:
        qs = qs.filter(zeitpunkt__gte=_tagesbeginn(von))
    if bis:
        qs = qs.filter(zeitpunkt__lt=_tagesbeginn(bis + timedelta(days=1)))
    return qs.order_by("-zeitpunkt", "-id")


def kommunen_im_audit() -> list[tuple[str, str]]:
    """(AGS, name) of the Kommunen to filter the audit log by: members, any other Kommune that
    appears in it, and those that appear in it but no longer exist (by their stored name)."""
    im_log = AuditEintrag.objects.exclude(kommune_ags="")
    vorhanden = {
        k.ags: k.name
        for k in Kommune.objects.filter(
            Q(ist_mitglied=True) | Q(ags__in=im_log.values("kommune_ags"))
        ).only("ags", "name")
    }
    weg = dict(
        im_log.filter(kommune__isnull=True)
        .exclude(kommune_ags__in=list(vorhanden))
        .values_list("kommune_ags", "kommune_name")
        .distinct()
    )
    return sorted({**weg, **vorhanden}.items(), key=lambda paar: (paar[1], paar[0]))
