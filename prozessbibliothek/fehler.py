"""Domain exceptions that services raise, and the one place that turns them into responses.

Services never raise `Http404` or build responses: they raise one of these. Pages get them
translated by `FachfehlerMiddleware`, the API by `prozessbibliothek.api.exception_handler`.

- `NichtGefunden`: the object does not exist *for this user* (also: it exists, but the user may
  not see it) → 404. Never a 403 that would confirm that a hidden object exists.
- `KeineBerechtigung`: the user sees the object but may not do this with it → 403.
- `Konflikt`: the request clashes with the current state (same file again, someone else was
  faster) → 409. A `ValidationError`, so forms and views that show refusals handle it as one.
- Django's `ValidationError` stays what it is: input that breaks a rule → 400 with the message.

Refusals are written to the audit log where they are translated: every 403, and a 404 whose
raiser named the existing object it hides (`NichtGefunden(objekt=…)`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class Fachfehler(Exception):
    """Base of the domain exceptions with a German message for the user."""

    status = 400

    def __init__(self, meldung: str = "", *, code: str = "", objekt=None) -> None:
        super().__init__(meldung)
        self.meldung = meldung
        self.code = code
        # The existing object the user may not touch, for the audit log (never shown).
        self.objekt = objekt


class NichtGefunden(Fachfehler):
    status = 404


class KeineBerechtigung(Fachfehler):
    status = 403


class Konflikt(ValidationError):
    """Clashes with the current state; `code` names the clash (e.g. "duplikat")."""

    status = 409


class FachfehlerMiddleware:
    """Turns domain exceptions escaping a page view into the German error pages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from kommunen.audit import verweigerung

        from . import views

        if isinstance(exception, Fachfehler):
            verweigerung(request, exception)
        if isinstance(exception, NichtGefunden):
            return views.nicht_gefunden(request)
        if isinstance(exception, KeineBerechtigung):
            return views.verboten(request, meldung=exception.meldung)
        if isinstance(exception, ValidationError):
            return views.ungueltige_anfrage(
                request, meldungen=exception.messages, status=getattr(exception, "status", 400)
            )
        return None
