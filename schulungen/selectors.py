"""Reads about cohorts and events, scoped to the user: what they may not see is `NichtGefunden`.

Who belongs to a Kommune comes from the one membership rule (`kommunen/models.py`); who takes
part in a cohort from `Benennung.objects.gueltig()`, which is built on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from kommunen import permissions
from kommunen.models import Kommune, Mitgliedschaft
from kommunen.selectors import verwaltete_kommune, verwaltete_kommunen
from prozessbibliothek.fehler import NichtGefunden

from .models import Benennung, Einschreibung, KalenderAbo, Kohorte, Teilnahme, Veranstaltung

ES = Einschreibung.Status

__all__ = ["verwaltete_kommune", "verwaltete_kommunen"]  # re-exported for the views


# --- public calendar -----------------------------------------------------------------------


def _kohorten_basis(user) -> QuerySet[Kohorte]:
    """Cohorts in the calendar; drafts only for the coordination."""
    if permissions.ist_koordination(user):
        return Kohorte.objects.all()
    return Kohorte.objects.exclude(status=Kohorte.Status.ENTWURF)


def kohorten_sichtbar(user) -> QuerySet[Kohorte]:
    """Cohorts in the calendar, annotated with the number of confirmed Kommunen
    (`n_bestaetigt`) so "ausgebucht" needs no query per cohort."""
    return (
        _kohorten_basis(user)
        .annotate(
            n_bestaetigt=Count("einschreibungen", filter=Q(einschreibungen__status=ES.BESTAETIGT))
        )
        .order_by("-jahr", "-beginn")
    )


def kohorte_fuer(user, uuid) -> Kohorte:
    try:
        return kohorten_sichtbar(user).get(uuid=uuid)
    except (Kohorte.DoesNotExist, ValueError):
        raise NichtGefunden from None


def veranstaltungen_sichtbar(
    user, *, kohorte: Kohorte | None = None, typ: str = "", nur_meine: bool = False
) -> QuerySet[Veranstaltung]:
    qs = Veranstaltung.objects.filter(kohorte__in=_kohorten_basis(user)).select_related("kohorte")
    if kohorte is not None:
        qs = qs.filter(kohorte=kohorte)
    if typ:
        qs = qs.filter(typ=typ)
    if nur_meine:
        qs = qs.filter(pk__in=teilnahmen_von(user).values("veranstaltung_id"))
    return qs.order_by("beginn")


def veranstaltung_fuer(user, uuid) -> Veranstaltung:
    try:
        return veranstaltungen_sichtbar(user).get(uuid=uuid)
    except (Veranstaltung.DoesNotExist, ValueError):
        raise NichtGefunden from None


# --- who takes part ------------------------------------------------------------------------


def teilnahmen_gueltig() -> QuerySet[Teilnahme]:
    """Places of people still named for the event's cohort by a Kommune they belong to.

    A place outlives neither the membership nor the naming: such rows are hidden everywhere
    (pages, feed, CSV, reminders) even before a service has cleared them.
    """
    return Teilnahme.objects.filter(
        Exists(
            Benennung.objects.gueltig().filter(
                person=OuterRef("person"), einschreibung__kohorte=OuterRef("veranstaltung__kohorte")
            )
        )
    )


def belegte_teilnahmen(veranstaltung: Veranstaltung) -> QuerySet[Teilnahme]:
    """The places that count against the event's capacity: valid rows holding a seat.

    The one way seats are counted (services, pages, dashboard): a hidden place (account
    deactivated, Kommune left the network) takes no seat, so the waitlist can move up.
    """
    return teilnahmen_gueltig().filter(veranstaltung=veranstaltung, status__in=Teilnahme.BELEGT)


def belegte_plaetze(veranstaltung: Veranstaltung) -> int:
    """The number of seats taken in the event (see `belegte_teilnahmen`)."""
    return belegte_teilnahmen(veranstaltung).count()


def teilnahmen_von(user) -> QuerySet[Teilnahme]:
    if not (user and user.is_authenticated):
        return Teilnahme.objects.none()
    return teilnahmen_gueltig().filter(person=user)


def meine_teilnahmen(user) -> dict[int, Teilnahme]:
    return {t.veranstaltung_id: t for t in teilnahmen_von(user)}


def benennungen_der_kohorte(kohorte: Kohorte) -> QuerySet[Benennung]:
    """The named participants of confirmed Kommunen (for lists and exports)."""
    return (
        Benennung.objects.gueltig()
        .filter(einschreibung__kohorte=kohorte, einschreibung__status=ES.BESTAETIGT)
        .select_related("person", "einschreibung__kommune")
    )


# --- recordings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Aufzeichnungszugang:
    """Who may see an event's recording and material: the one predicate for page, API, single
    .ics and personal feed. The coordination sees all; a member of a Kommune with a confirmed
    place in the cohort sees that cohort's (also someone who joined the Kommune later)."""

    alle: bool
    kohorten: frozenset[int]

    def erlaubt(self, veranstaltung: Veranstaltung) -> bool:
        return self.alle or veranstaltung.kohorte_id in self.kohorten


def aufzeichnungszugang(user) -> Aufzeichnungszugang:
    if permissions.ist_koordination(user):
        return Aufzeichnungszugang(alle=True, kohorten=frozenset())
    kohorten = Einschreibung.objects.filter(
        status=ES.BESTAETIGT, kommune__in=Kommune.objects.mit_rolle(user)
    ).values_list("kohorte_id", flat=True)
    return Aufzeichnungszugang(alle=False, kohorten=frozenset(kohorten))


# --- calendar feed -------------------------------------------------------------------------


def abo_von(user) -> KalenderAbo | None:
    return KalenderAbo.objects.filter(person=user).first() if user.is_authenticated else None


def abo_nach_token(token: str) -> KalenderAbo:
    abo = (
        KalenderAbo.objects.select_related("person").filter(token=token).first() if token else None
    )
    if abo is None or not abo.person.is_active:
        raise NichtGefunden
    return abo


def feed_veranstaltungen(person) -> QuerySet[Veranstaltung]:
    """The person's own dates: every event they hold a place or a waitlist spot in."""
    return (
        Veranstaltung.objects.filter(pk__in=teilnahmen_von(person).values("veranstaltung_id"))
        .exclude(kohorte__status=Kohorte.Status.ENTWURF)
        .select_related("kohorte")
        .order_by("beginn")
    )


# --- Kommunen-Admin ------------------------------------------------------------------------


def einschreibungen_sichtbar(user) -> QuerySet[Einschreibung]:
    """Enrolments of the user's own Kommunen (any role); the coordination sees all."""
    qs = Einschreibung.objects.select_related("kohorte", "kommune", "ansprechperson")
    if permissions.ist_koordination(user):
        return qs
    return qs.filter(kommune__in=Kommune.objects.mit_rolle(user))


def eigene_einschreibungen(user) -> QuerySet[Einschreibung]:
    """Enrolments of the user's own Kommunen only (also for the coordination)."""
    return Einschreibung.objects.select_related("kohorte", "kommune", "ansprechperson").filter(
        kommune__in=Kommune.objects.mit_rolle(user)
    )


def einschreibung_zum_verwalten(user, uuid) -> Einschreibung:
    """An enrolment of a Kommune the user administers; anything else is a 404."""
    try:
        return (
            Einschreibung.objects.select_related("kohorte", "kommune")
            .filter(kommune__in=verwaltete_kommunen(user))
            .get(uuid=uuid)
        )
    except (Einschreibung.DoesNotExist, ValueError):
        raise NichtGefunden from None


def eigene_einschreibung(user, kohorte: Kohorte, kommune: Kommune) -> Einschreibung | None:
    if not permissions.ist_mitglied_von(user, kommune):
        raise NichtGefunden
    return Einschreibung.objects.filter(kohorte=kohorte, kommune=kommune).first()


def mitglieder_zur_auswahl(user, kommune: Kommune) -> QuerySet[Mitgliedschaft]:
    """The members the admin may name as participants."""
    if not permissions.kann_einschreiben(user, kommune):
        raise NichtGefunden
    return (
        Mitgliedschaft.objects.gueltig()
        .filter(kommune=kommune)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


# --- coordination --------------------------------------------------------------------------


def _koordination(user) -> None:
    if not permissions.ist_koordination(user):
        raise NichtGefunden


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
        raise NichtGefunden from None


def veranstaltung_zum_koordinieren(user, uuid) -> Veranstaltung:
    _koordination(user)
    try:
        return Veranstaltung.objects.select_related("kohorte").get(uuid=uuid)
    except (Veranstaltung.DoesNotExist, ValueError):
        raise NichtGefunden from None


def einschreibung_zum_koordinieren(user, uuid) -> Einschreibung:
    _koordination(user)
    try:
        return Einschreibung.objects.select_related("kohorte", "kommune").get(uuid=uuid)
    except (Einschreibung.DoesNotExist, ValueError):
        raise NichtGefunden from None


def einschreibungen_der_kohorte(user, kohorte: Kohorte) -> list[Einschreibung]:
    """The cohort's enrolments, each with `teilnehmende_gueltig` (named people who are still
    members of the Kommune)."""
    _koordination(user)
    einschreibungen = list(
        kohorte.einschreibungen.select_related("kommune", "ansprechperson").order_by(
            "angefragt_am", "id"
        )
    )
    benannt: dict[int, list] = {}
    for b in (
        Benennung.objects.gueltig()
        .filter(einschreibung__kohorte=kohorte)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    ):
        benannt.setdefault(b.einschreibung_id, []).append(b.person)
    for e in einschreibungen:
        e.teilnehmende_gueltig = benannt.get(e.pk, [])
    return einschreibungen


def kohorte_kennzahlen(user, kohorte: Kohorte) -> dict:
    """Dashboard: places, participants and attendance rate per past event."""
    _koordination(user)
    einschreibungen = kohorte.einschreibungen
    zahlen = einschreibungen.aggregate(
        bestaetigt=Count("id", filter=Q(status=ES.BESTAETIGT)),
        angefragt=Count("id", filter=Q(status=ES.ANGEFRAGT)),
        warteliste=Count("id", filter=Q(status=ES.WARTELISTE)),
    )
    zahlen["teilnehmende"] = benennungen_der_kohorte(kohorte).values("person").distinct().count()
    # Only valid places count, as in `belegte_plaetze` (hidden rows take no seat).
    gueltig = Q(teilnahmen__in=teilnahmen_gueltig().values("pk"))
    veranstaltungen = kohorte.veranstaltungen.annotate(
        n_angemeldet=Count(
            "teilnahmen", filter=gueltig & Q(teilnahmen__status__in=Teilnahme.BELEGT)
        ),
        n_warteliste=Count(
            "teilnahmen", filter=gueltig & Q(teilnahmen__status=Teilnahme.Status.WARTELISTE)
        ),
        n_anwesend=Count(
            "teilnahmen", filter=gueltig & Q(teilnahmen__status=Teilnahme.Status.ANWESEND)
        ),
        n_abwesend=Count(
            "teilnahmen", filter=gueltig & Q(teilnahmen__status=Teilnahme.Status.ABWESEND)
        ),
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
    return (
        teilnahmen_gueltig()
        .filter(veranstaltung=veranstaltung)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
