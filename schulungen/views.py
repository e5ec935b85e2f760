from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from kommunen import permissions


def kalender(request):
    return render(request, "schulungen/kalender.html")


@login_required
def koordination(request):
    if not permissions.ist_koordination(request.user):
        raise Http404
    return render(request, "schulungen/koordination.html")
