from django import forms
from django.utils.translation import gettext_lazy as _

from .pruefung import MAX_BYTES


class PruefenForm(forms.Form):
    datei = forms.FileField(
        label=_("BPMN-Datei (.bpmn oder .xml, höchstens 10 MiB)"),
        error_messages={
            "required": _("Bitte wählen Sie eine Datei aus."),
            "empty": _("Die Datei ist leer."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".bpmn,.xml"}),
    )

    def clean_datei(self):
        datei = self.cleaned_data["datei"]
        if datei.size > MAX_BYTES:
            raise forms.ValidationError(_("Die Datei ist größer als 10 MiB."))
        return datei
