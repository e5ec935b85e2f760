"""Forms only parse input; the rules (dates in order, capacity ≥ 1 …) live in the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Kohorte, Veranstaltung

DATUM = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ZEIT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
ZEIT_FORMATE = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M"]


class ServiceFehlerMixin:
    def fehler_uebernehmen(self, exc: ValidationError) -> None:
        """Attach a service's ValidationError to the matching fields (or the form)."""
        if hasattr(exc, "error_dict"):
            for feld, fehler in exc.error_dict.items():
                self.add_error(feld if feld in self.fields else None, fehler)
        else:
            self.add_error(None, exc)


class KohorteForm(ServiceFehlerMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    jahr = forms.IntegerField(label=_("Jahr"), min_value=2000, max_value=2100)
    beschreibung = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea)
    beginn = forms.DateField(label=_("Beginn"), widget=DATUM)
    ende = forms.DateField(label=_("Ende"), widget=DATUM)
    anmeldeschluss = forms.DateField(label=_("Anmeldeschluss"), widget=DATUM)
    max_kommunen = forms.IntegerField(
        label=_("Plätze (Kommunen)"), help_text=_("Wie viele Kommunen aufgenommen werden.")
    )
    automatisch_bestaetigen = forms.BooleanField(
        label=_("Anmeldungen automatisch bestätigen, solange Plätze frei sind"),
        required=False,
        help_text=_("Ohne Haken entscheidet die Koordination über jede Anfrage."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Kohorte.Status.choices)

    @classmethod
    def aus(cls, kohorte: Kohorte) -> KohorteForm:
        from .services import KOHORTE_FELDER

        return cls(initial={k: getattr(kohorte, k) for k in KOHORTE_FELDER})


class VeranstaltungForm(ServiceFehlerMixin, forms.Form):
    typ = forms.ChoiceField(label=_("Art"), choices=Veranstaltung.Typ.choices)
    titel = forms.CharField(label=_("Titel"), max_length=200)
    beschreibung = forms.CharField(label=_("Beschreibung"), required=False, widget=forms.Textarea)
    beginn = forms.DateTimeField(
        label=_("Beginn (Ortszeit Berlin)"), widget=ZEIT, input_formats=ZEIT_FORMATE
    )
    ende = forms.DateTimeField(
        label=_("Ende (Ortszeit Berlin)"), widget=ZEIT, input_formats=ZEIT_FORMATE
    )
    format = forms.ChoiceField(label=_("Format"), choices=Veranstaltung.Format.choices)
    ort_oder_link = forms.CharField(
        label=_("Ort oder Link"),
        max_length=300,
        required=False,
        help_text=_("Adresse und Raum, oder der Link zum Online-Raum."),
    )
    kapazitaet = forms.IntegerField(
        label=_("Plätze (Personen)"), required=False, help_text=_("leer lassen für unbegrenzt")
    )
    aufzeichnung_url = forms.URLField(
        label=_("Link zur Aufzeichnung"),
        required=False,
        assume_scheme="https",
        help_text=_("Sehen nur Mitglieder eingeschriebener Kommunen."),
    )
    material = forms.CharField(
        label=_("Material"),
        required=False,
        widget=forms.Textarea,
        help_text=_("Hinweise und Links zu Folien und Unterlagen."),
    )

    @classmethod
    def aus(cls, veranstaltung: Veranstaltung) -> VeranstaltungForm:
        from .services import VERANSTALTUNG_FELDER

        return cls(initial={k: getattr(veranstaltung, k) for k in VERANSTALTUNG_FELDER})


class EntscheidungForm(forms.Form):
    aktion = forms.ChoiceField(
        choices=[
            ("bestaetigen", _("bestätigen")),
            ("warteliste", _("auf die Warteliste")),
            ("ablehnen", _("ablehnen")),
        ]
    )
    nachricht = forms.CharField(
        label=_("Nachricht an die Kommune"), required=False, max_length=2000
    )


class TeilnehmendeForm(forms.Form):
    personen = forms.ModelMultipleChoiceField(
        label=_("Teilnehmende"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, mitglieder, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        ids = [m.user_id for m in mitglieder]
        self.fields["personen"].queryset = get_user_model().objects.filter(pk__in=ids)
        self.fields["personen"].label_from_instance = lambda u: f"{u.anzeigename()} ({u.email})"
