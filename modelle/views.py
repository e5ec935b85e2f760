from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .bpmn import BpmnError
from .diagramm import diagramm_kontext
from .forms import PruefenForm
from .pruefung import modell_pruefen


@login_required
def pruefen(request):
    """Upload a BPMN file and see findings, key figures and the diagrams; nothing is stored."""
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
                context.update(
                    diagramm_kontext(
                        zeichnungen=ergebnis.zeichnungen,
                        befunde=ergebnis.befunde,
                        elemente=ergebnis.elemente,
                        praefix="pruefung",
                    )
                )
        else:
            status = 400
    return render(request, "modelle/pruefen.html", context, status=status)
