"""Reads about cohorts and events, scoped to the user: what they may not see is a 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kommunen import permissions
from kommunen.models import Kommune, Mitgliedschaft, Rolle

from .models import Einschreibung, KalenderAbo, Kohorte, Teilnahme, Veranstaltung

ES = Einschreibung.Status


# --- public calendar -----------------------------------------------------------------------


def kohorten_sichtbar(user) -> QuerySet[Kohorte]:
    """Cohorts in the calendar; drafts only for the coordination."""
    qs = Kohorte.objects.all()
    if not permissions.ist_koordination(user):
        qs = qs.exclude(status=Kohorte.Status.ENTWURF)
    return qs.order_by("-jahr", "-beginn")


def kohorte_fuer(user, uuid) -> Kohorte:
    try:
        return kohorten_sichtbar(user).get(uuid=uuid)
    except (Kohorte.DoesNotExist, ValueError):
        raise Http404 from None


def veranstaltungen_sichtbar(
    user, *, kohorte: Kohorte | None = None, typ: str = "", nur_meine: bool = False
) -> QuerySet[Veranstaltung]:
    qs = Veranstaltung.objects.filter(
        kohorte__in=kohorten_sichtbar(user).values("pk")
    ).select_related("kohorte")
    if kohorte is not None:
        qs = qs.filter(kohorte=kohorte)
    if typ:
        qs = qs.filter(typ=typ)
    if nur_meine:
        if not user.is_authenticated:
            return qs.none()
        qs = qs.filter(teilnahmen__person=user)
    return qs.order_by("beginn")


def veranstaltung_fuer(user, uuid) -> Veranstaltung:
    try:
        return veranstaltungen_sichtbar(user).get(uuid=uuid)
    except (Veranstaltung.DoesNotExist, ValueError):
        raise Http404 from None


def kohorten_mit_zugang(user) -> set[int]:
    """Ids of cohorts in which one of the user's Kommunen holds a confirmed place."""
    if not user.is_authenticated:
        return set()
    return set(
        Einschreibung.objects.filter(
            status=ES.BESTAETIGT,
            kommune__mitgliedschaften__user=user,
        ).values_list("kohorte_id", flat=True)
    )


def darf_aufzeichnung_sehen(
    user, veranstaltung: Veranstaltung, zugang: set[int] | None = None
) -> bool:
    """Recording and material: for members of Kommunen enrolled in the cohort (also late ones)."""
    if permissions.ist_koordination(user):
        return True
    if zugang is None:
        zugang = kohorten_mit_zugang(user)
    return veranstaltung.kohorte_id in zugang


def meine_teilnahmen(user) -> dict[int, Teilnahme]:
    if not user.is_authenticated:
        return {}
    return {t.veranstaltung_id: t for t in Teilnahme.objects.filter(person=user)}


def abo_von(user) -> KalenderAbo | None:
    return KalenderAbo.objects.filter(person=user).first() if user.is_authenticated else None


def abo_nach_token(token: str) -> KalenderAbo:
    abo = (
        KalenderAbo.objects.select_related("person").filter(token=token).first() if token else None
    )
    if abo is None or not abo.person.is_active:
        raise Http404
    return abo


def feed_veranstaltungen(user) -> QuerySet[Veranstaltung]:
    """The person's own dates: every event they hold a place or a waitlist spot in."""
    return (
        Veranstaltung.objects.filter(teilnahmen__person=user)
        .exclude(kohorte__status=Kohorte.Status.ENTWURF)
        .select_related("kohorte")
        .order_by("beginn")
    )


# --- Kommunen-Admin ------------------------------------------------------------------------


def verwaltete_kommunen(user) -> QuerySet[Kommune]:
    """Kommunen the user may enrol (role verwalten)."""
    if not user.is_authenticated:
        return Kommune.objects.none()
    return Kommune.objects.filter(
        ist_mitglied=True, mitgliedschaften__user=user, mitgliedschaften__rolle=Rolle.VERWALTEN
    ).order_by("name")


def verwaltete_kommune(user, slug: str | None = None) -> Kommune:
    """The Kommune the admin acts for: the one named by slug among hers, else her first. 404."""
    qs = verwaltete_kommunen(user)
    if slug:
        qs = qs.filter(slug=slug)
    kommune = qs.first()
    if kommune is None:
        raise Http404
    return kommune


def einschreibungen_sichtbar(user) -> QuerySet[Einschreibung]:
    """Enrolments of the user's own Kommunen (any role); the coordination sees all."""
    qs = Einschreibung.objects.select_related("kohorte", "kommune", "ansprechperson")
    if permissions.ist_koordination(user):
        return qs
    if not user.is_authenticated:
        return qs.none()
    return qs.filter(kommune__mitgliedschaften__user=user)


def einschreibung_zum_verwalten(user, uuid) -> Einschreibung:
    """An enrolment of a Kommune the user administers; anything else is a 404."""
    try:
        return (
            Einschreibung.objects.select_related("kohorte", "kommune")
            .filter(kommune__in=verwaltete_kommunen(user))
            .get(uuid=uuid)
        )
    except (Einschreibung.DoesNotExist, ValueError):
        raise Http404 from None


def eigene_einschreibung(user, kohorte: Kohorte, kommune: Kommune) -> Einschreibung | None:
    if not Mitgliedschaft.objects.filter(user=user, kommune=kommune).exists():
        raise Http404
    return Einschreibung.objects.filter(kohorte=kohorte, kommune=kommune).first()


def mitglieder_zur_auswahl(user, kommune: Kommune):
    if not permissions.kann_einschreiben(user, kommune):
        raise Http404
    return (
        Mitgliedschaft.objects.filter(kommune=kommune)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


# --- coordination --------------------------------------------------------------------------


def _koordination(user) -> None:
    if not permissions.ist_koordination(user):
        raise Http404


def kohorten_uebersicht(user) -> QuerySet[Kohorte]:
    _koordination(user)
    return Kohorte.objects.annotate(
        n_bestaetigt=Count("einschreibungen", filter=Q(einschreibungen__status=ES.BESTAETIGT)),
        n_offen=Count("einschreibungen", filter=Q(einschreibungen__status=ES.ANGEFRAGT)),
        n_warteliste=Count("einschreibungen", filter=Q(einschreibungen__status=ES.WARTELISTE)),
    ).order_by("-jahr", "-beginn")


def kohorte_zum_koordinieren(user, uuid) -> Kohorte:
    _koordination(user)
    try:
        return Kohorte.objects.get(uuid=uuid)
    except (Kohorte.DoesNotExist, ValueError):
        raise Http404 from None


def veranstaltung_zum_koordinieren(user, uuid) -> Veranstaltung:
    _koordination(user)
    try:
        return Veranstaltung.objects.select_related("kohorte").get(uuid=uuid)
    except (Veranstaltung.DoesNotExist, ValueError):
        raise Http404 from None


def einschreibung_zum_koordinieren(user, uuid) -> Einschreibung:
    _koordination(user)
    try:
        return Einschreibung.objects.select_related("kohorte", "kommune").get(uuid=uuid)
    except (Einschreibung.DoesNotExist, ValueError):
        raise Http404 from None


def einschreibungen_der_kohorte(user, kohorte: Kohorte) -> QuerySet[Einschreibung]:
    _koordination(user)
    return (
        kohorte.einschreibungen.select_related("kommune", "ansprechperson")
        .prefetch_related("teilnehmende")
        .order_by("angefragt_am", "id")
    )


def kohorte_kennzahlen(user, kohorte: Kohorte) -> dict:
    """Dashboard: places, participants and attendance rate per past event."""
    _koordination(user)
    einschreibungen = kohorte.einschreibungen
    zahlen = einschreibungen.aggregate(
        bestaetigt=Count("id", filter=Q(status=ES.BESTAETIGT)),
        angefragt=Count("id", filter=Q(status=ES.ANGEFRAGT)),
        warteliste=Count("id", filter=Q(status=ES.WARTELISTE)),
    )
    zahlen["teilnehmende"] = (
        Einschreibung.teilnehmende.through.objects.filter(
            einschreibung__kohorte=kohorte, einschreibung__status=ES.BESTAETIGT
        )
        .values("person")
        .distinct()
        .count()
    )
    veranstaltungen = kohorte.veranstaltungen.annotate(
        n_angemeldet=Count("teilnahmen", filter=Q(teilnahmen__status__in=Teilnahme.BELEGT)),
        n_warteliste=Count("teilnahmen", filter=Q(teilnahmen__status=Teilnahme.Status.WARTELISTE)),
        n_anwesend=Count("teilnahmen", filter=Q(teilnahmen__status=Teilnahme.Status.ANWESEND)),
        n_abwesend=Count("teilnahmen", filter=Q(teilnahmen__status=Teilnahme.Status.ABWESEND)),
    ).order_by("beginn")
    zeilen = []
    for v in veranstaltungen:
        erfasst = v.n_anwesend + v.n_abwesend
        quote = round(100 * v.n_anwesend / erfasst) if erfasst else None
        zeilen.append({"veranstaltung": v, "quote": quote, "erfasst": erfasst})
    zahlen["veranstaltungen"] = zeilen
    zahlen["frei"] = max(kohorte.max_kommunen - zahlen["bestaetigt"], 0)
    return zahlen


def teilnahmen_der_veranstaltung(user, veranstaltung: Veranstaltung) -> QuerySet[Teilnahme]:
    _koordination(user)
    return veranstaltung.teilnahmen.select_related("person").order_by(
        "person__last_name", "person__first_name"
    )
