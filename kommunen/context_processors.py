from . import permissions


def navigation(request):
    user = getattr(request, "user", None)
    return {"ist_koordination": permissions.ist_koordination(user) if user else False}
