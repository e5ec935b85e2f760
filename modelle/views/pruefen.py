from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.safestring import mark_safe

from ..bpmn import BpmnError
from ..forms import PruefenForm
from ..pruefung import modell_pruefen


@login_required
def pruefen(request):
    """Upload a BPMN file and see findings, key figures and the diagram; nothing is stored."""
    form = PruefenForm(request.POST, request.FILES) if request.method == "POST" else PruefenForm()
    context = {"form": form}
    status = 200
    if request.method == "POST":
        if form.is_valid():
            datei = form.cleaned_data["datei"]
            try:
                ergebnis = modell_pruefen(datei.read())
            except BpmnError as exc:
                context["ablehnung"] = exc
                status = 400
            else:
                context["ergebnis"] = ergebnis
                context["dateiname"] = datei.name
                # Built as an element tree by the renderer; labels are text nodes, never markup.
                context["diagramm"] = mark_safe(ergebnis.svg)
        else:
            status = 400
    return render(request, "modelle/pruefen.html", context, status=status)
