from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .audit import AKTIONEN
from .models import Kommune, Rolle

EMAIL_FEHLER = {
    "invalid": _("Bitte geben Sie eine gültige E-Mail-Adresse ein."),
    "max_length": _(
        "Eine E-Mail-Adresse hat höchstens %(limit_value)d Zeichen; diese hat %(show_value)d."
    ),
}


def email_feld(label) -> forms.EmailField:
    # 254: the longest address a mail server accepts (RFC 5321) and the column's length.
    return forms.EmailField(label=label, max_length=254, error_messages=EMAIL_FEHLER)


class EinladungForm(forms.Form):
    email = email_feld(_("E-Mail-Adresse"))
    rolle = forms.ChoiceField(label=_("Rolle"), choices=Rolle.choices, initial=Rolle.LESEN)


class RolleForm(forms.Form):
    rolle = forms.ChoiceField(label=_("Rolle"), choices=Rolle.choices)


class RegistrierungForm(forms.Form):
    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    username = forms.CharField(
        label=_("Benutzername"),
        max_length=150,
        help_text=_("Buchstaben, Ziffern und @ . + - _"),
    )
    password1 = forms.CharField(
        label=_("Passwort"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"]
        user_model = get_user_model()
        user_model.username_validator(username)
        if user_model.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("Dieser Benutzername ist bereits vergeben."))
        return username

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Die Passwörter stimmen nicht überein."))
        elif p1:
            user = get_user_model()(
                username=data.get("username", ""),
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(p1, user)
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class EinladungBestaetigenForm(forms.Form):
    """Asked when an invitation went to another address than the logged-in account's."""

    bestaetigt = forms.BooleanField(
        error_messages={
            "required": _(
                "Bitte bestätigen Sie, dass Sie die Einladung mit Ihrem Konto annehmen, oder "
                "melden Sie sich mit dem Konto an, für das die Einladung gedacht ist."
            )
        },
    )

    def __init__(self, *args, einladung, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestaetigt"].label = _(
            "Ja, ich nehme die Einladung an %(einladung)s mit meinem Konto %(konto)s an."
        ) % {"einladung": einladung.email, "konto": user.get_username()}


class KommuneAufnehmenForm(forms.Form):
    # One check, one message: length, digits and "08" are not reported twice.
    ags = forms.CharField(
        label=_("Amtlicher Gemeindeschlüssel (AGS)"),
        help_text=_(
            "8 Ziffern, z. B. 08115003 für Böblingen. Den AGS finden Sie mit der Suche oben."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    admin_email = email_feld(_("E-Mail der ersten Kommunen-Admin-Person"))

    def clean_ags(self):
        ags = self.cleaned_data["ags"].replace(" ", "")
        if not (len(ags) == 8 and ags.isdigit()):
            raise ValidationError(
                _("Der AGS hat genau 8 Ziffern (Sie haben „%(ags)s“ eingegeben).")
                % {"ags": ags[:20]}
            )
        if not ags.startswith("08"):
            raise ValidationError(_("Der AGS einer Kommune in Baden-Württemberg beginnt mit 08."))
        try:
            self.kommune = Kommune.objects.get(ags=ags)
        except Kommune.DoesNotExist:
            raise ValidationError(
                _("Zu diesem AGS gibt es keine Kommune in Baden-Württemberg.")
            ) from None
        return ags


class AnmeldeForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Benutzername oder Passwort ist falsch. Bitte achten Sie auf Groß- und "
            "Kleinschreibung. Nach mehreren Fehlversuchen wird die Anmeldung vorübergehend "
            "gesperrt."
        ),
    }


class AuditFilterForm(forms.Form):
    """Filters of the coordination's audit page; every field may stay empty."""

    kommune = forms.ChoiceField(label=_("Kommune"), required=False)
    aktion = forms.ChoiceField(label=_("Aktion"), required=False)
    von = forms.DateField(
        label=_("von (Tag)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    bis = forms.DateField(
        label=_("bis (Tag)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, kommunen, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kommune"].choices = [
            ("", _("Alle Kommunen")),
            *((ags, f"{name} ({ags})") for ags, name in kommunen),
        ]
        aktionen = sorted(AKTIONEN.items(), key=lambda paar: str(paar[1]))
        self.fields["aktion"].choices = [("", _("Alle Aktionen")), *aktionen]

    def clean(self):
        daten = super().clean()
        von, bis = daten.get("von"), daten.get("bis")
        if von and bis and bis < von:
            self.add_error("bis", _("Das Ende des Zeitraums liegt vor seinem Beginn."))
        return daten
