from django import forms
from django.utils.translation import gettext_lazy as _

from .eingang import MAX_DATEIEN
from .models import Kategorie, Lizenz, Sichtbarkeit
from .services.metadaten import MAX_SCHLAGWORTE


class PruefenForm(forms.Form):
    datei = forms.FileField(
        label=_("BPMN-Datei (.bpmn oder .xml, höchstens 10 MiB)"),
        error_messages={
            "required": _("Bitte wählen Sie eine Datei aus."),
            "empty": _("Die Datei ist leer."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".bpmn,.xml"}),
    )


class MehrereDateienInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MehrereDateienField(forms.Field):
    """Any number of uploaded files, each checked later on its own (one bad file never fails
    the others); this field only insists on at least one and at most `MAX_DATEIEN`."""

    widget = MehrereDateienInput

    def to_python(self, data):
        if not data:
            return []
        return list(data) if isinstance(data, list | tuple) else [data]

    def validate(self, value):
        if not value:
            raise forms.ValidationError(_("Bitte wählen Sie mindestens eine Datei aus."))
        if len(value) > MAX_DATEIEN:
            raise forms.ValidationError(
                _("Höchstens %(n)s Dateien auf einmal; größere Mengen bitte als ZIP-Archiv.")
                % {"n": MAX_DATEIEN}
            )


def _kohorte_feld():
    return forms.ModelChoiceField(
        label=_("Kohorte"),
        queryset=None,
        required=False,
        empty_label=_("– keine –"),
        help_text=_("Die Runde des Programms, in der das Modell entstanden ist."),
    )


class HochladenForm(forms.Form):
    dateien = MehrereDateienField(
        label=_("BPMN-Dateien oder ZIP-Archiv"),
        help_text=_(
            "Eine oder mehrere .bpmn-Dateien (je höchstens 10 MiB) oder ein ZIP-Archiv, wie es "
            "Modellierungswerkzeuge exportieren. Jede Datei wird ein eigenes Modell."
        ),
        widget=MehrereDateienInput(attrs={"accept": ".bpmn,.xml,.bpmn2,.zip"}),
    )
    kommune = forms.ModelChoiceField(label=_("für Kommune"), queryset=None, empty_label=None)
    sichtbarkeit = forms.ChoiceField(
        label=_("Sichtbarkeit"), choices=Sichtbarkeit.choices, initial=Sichtbarkeit.NETZWERK
    )
    lizenz = forms.ChoiceField(label=_("Lizenz"), choices=Lizenz.choices, initial=Lizenz.CC_BY_4)
    kategorie = forms.ChoiceField(
        label=_("Kategorie"), choices=Kategorie.choices, initial=Kategorie.SONSTIGES
    )
    kohorte = _kohorte_feld()

    def __init__(self, *args, kommunen, kohorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommune"].queryset = kommunen
        self.fields["kohorte"].queryset = kohorten
        eigene = list(kommunen[:2])
        if len(eigene) == 1:
            self.fields["kommune"].widget = forms.HiddenInput()
            self.fields["kommune"].initial = eigene[0]

    def metadaten(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in ("sichtbarkeit", "lizenz", "kategorie", "kohorte")}


class VersionForm(forms.Form):
    datei = forms.FileField(
        label=_("Neue Fassung (.bpmn, höchstens 10 MiB)"),
        error_messages={"required": _("Bitte wählen Sie eine Datei aus.")},
        widget=forms.ClearableFileInput(attrs={"accept": ".bpmn,.xml,.bpmn2"}),
        allow_empty_file=True,  # the service says "leer" with the file's name
    )
    aenderungsnotiz = forms.CharField(
        label=_("Was hat sich geändert?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MetadatenForm(forms.Form):
    titel = forms.CharField(label=_("Titel"), max_length=200)
    beschreibung = forms.CharField(
        label=_("Beschreibung"), max_length=5000, required=False, widget=forms.Textarea
    )
    leistungsschluessel = forms.CharField(
        label=_("Leistungsschlüssel (LeiKa, 14 Ziffern)"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    kategorie = forms.ChoiceField(label=_("Kategorie"), choices=Kategorie.choices)
    schlagworte = forms.CharField(
        label=_("Schlagworte"),
        required=False,
        max_length=1200,
        help_text=_("Durch Kommas getrennt, höchstens %(n)s.") % {"n": MAX_SCHLAGWORTE},
    )
    ansprechperson = forms.CharField(label=_("Ansprechperson"), max_length=200, required=False)
    lizenz = forms.ChoiceField(label=_("Lizenz"), choices=Lizenz.choices)
    sichtbarkeit = forms.ChoiceField(label=_("Sichtbarkeit"), choices=Sichtbarkeit.choices)
    kohorte = _kohorte_feld()
    stand = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, kohorten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kohorte"].queryset = kohorten

    def daten(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "stand"}
