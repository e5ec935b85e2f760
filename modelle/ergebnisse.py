"""What the programme produced: per cohort and enrolled Kommune, the models brought in and
published. Read by the coordination (counts only — never the content of a draft)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from schulungen.models import Einschreibung, Kohorte

from .models import Modellversion, Prozessmodell


@dataclass
class Zeile:
    kommune: object
    eingebracht: int = 0
    in_pruefung: int = 0
    freigegeben: int = 0


@dataclass
class KohortenErgebnis:
    kohorte: Kohorte
    zeilen: list[Zeile] = field(default_factory=list)

    @property
    def eingebracht(self) -> int:
        return sum(z.eingebracht for z in self.zeilen)

    @property
    def freigegeben(self) -> int:
        return sum(z.freigegeben for z in self.zeilen)


def programm_ergebnisse(*, kohorte: Kohorte | None = None) -> list[KohortenErgebnis]:
    """Every cohort (or one) with a row per confirmed Kommune; three queries in all."""
    kohorten = Kohorte.objects.exclude(status=Kohorte.Status.ENTWURF).order_by("-jahr", "name")
    if kohorte is not None:
        kohorten = kohorten.filter(pk=kohorte.pk)
    ergebnisse = {k.pk: KohortenErgebnis(k) for k in kohorten}
    einschreibungen = (
        Einschreibung.objects.filter(
            kohorte_id__in=ergebnisse, status=Einschreibung.Status.BESTAETIGT
        )
        .select_related("kommune")
        .order_by("kommune__name")
    )
    zeilen: dict[tuple[int, int], Zeile] = {}
    for e in einschreibungen:
        zeile = Zeile(e.kommune)
        zeilen[(e.kohorte_id, e.kommune_id)] = zeile
        ergebnisse[e.kohorte_id].zeilen.append(zeile)
    zaehlung = (
        Prozessmodell.objects.filter(kohorte_id__in=ergebnisse)
        .values("kohorte_id", "kommune_id")
        .annotate(
            eingebracht=Count("id"),
            freigegeben=Count("id", filter=Q(veroeffentlichte_version__isnull=False)),
            in_pruefung=Count(
                "id", filter=Q(neueste_version__status=Modellversion.Status.IN_PRUEFUNG)
            ),
        )
    )
    for z in zaehlung:
        zeile = zeilen.get((z["kohorte_id"], z["kommune_id"]))
        if zeile is not None:  # models of Kommunen no longer confirmed are not the cohort's
            zeile.eingebracht = z["eingebracht"]
            zeile.freigegeben = z["freigegeben"]
            zeile.in_pruefung = z["in_pruefung"]
    return list(ergebnisse.values())


def als_csv_zeilen(ergebnisse: list[KohortenErgebnis]) -> list[list]:
    kopf = [_("Kohorte"), _("Jahr"), _("Kommune"), _("AGS"), _("eingebracht"), _("in Prüfung"),
            _("freigegeben")]  # fmt: skip
    return [kopf] + [
        [e.kohorte.name, e.kohorte.jahr, z.kommune.name, z.kommune.ags, z.eingebracht,
         z.in_pruefung, z.freigegeben]
        for e in ergebnisse
        for z in e.zeilen
    ]  # fmt: skip
