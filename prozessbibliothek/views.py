"""Error pages in German; never a stack trace."""

from django.shortcuts import render


def nicht_gefunden(request, exception=None):
    return render(request, "fehler/404.html", status=404)


def serverfehler(request):
    return render(request, "fehler/500.html", status=500)


def verboten(request, exception=None, *, meldung: str = ""):
    return render(request, "fehler/403.html", {"meldung": meldung}, status=403)


def ungueltige_anfrage(request, exception=None, *, meldungen=(), status: int = 400):
    return render(request, "fehler/400.html", {"meldungen": meldungen}, status=status)
