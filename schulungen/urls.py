from django.urls import path

from .views import kalender as k
from .views import koordination as ko

urlpatterns = [
    path("schulungen/", k.kalender, name="schulungen_kalender"),
    path("schulungen/kohorten/<uuid:uuid>/", k.kohorte_detail, name="schulungen_kohorte"),
    path("schulungen/kohorten/<uuid:uuid>/anmelden/", k.anmelden, name="schulungen_anmelden"),
    path(
        "schulungen/veranstaltungen/<uuid:uuid>/",
        k.veranstaltung_detail,
        name="schulungen_veranstaltung",
    ),
    path(
        "schulungen/veranstaltungen/<uuid:uuid>/termin.ics",
        k.veranstaltung_ics,
        name="schulungen_veranstaltung_ics",
    ),
    path(
        "schulungen/einschreibungen/<uuid:uuid>/teilnehmende/",
        k.teilnehmende,
        name="schulungen_teilnehmende",
    ),
    path(
        "schulungen/einschreibungen/<uuid:uuid>/zurueckziehen/",
        k.zurueckziehen,
        name="schulungen_zurueckziehen",
    ),
    path("schulungen/abo/", k.abo, name="schulungen_abo"),
    path("schulungen/abo/erzeugen/", k.abo_erzeugen, name="schulungen_abo_erzeugen"),
    path("schulungen/abo/<str:token>.ics", k.feed, name="schulungen_feed"),
    path("koordination/", ko.index, name="koordination"),
    path("koordination/kohorten/neu/", ko.kohorte_neu, name="koordination_kohorte_neu"),
    path("koordination/kohorten/<uuid:uuid>/", ko.kohorte_dashboard, name="koordination_kohorte"),
    path(
        "koordination/kohorten/<uuid:uuid>/bearbeiten/",
        ko.kohorte_bearbeiten,
        name="koordination_kohorte_bearbeiten",
    ),
    path(
        "koordination/kohorten/<uuid:uuid>/veranstaltungen/neu/",
        ko.veranstaltung_neu,
        name="koordination_veranstaltung_neu",
    ),
    path(
        "koordination/kohorten/<uuid:uuid>/einschreibungen.csv",
        ko.einschreibungen_csv,
        name="koordination_einschreibungen_csv",
    ),
    path(
        "koordination/kohorten/<uuid:uuid>/anwesenheit.csv",
        ko.anwesenheit_csv,
        name="koordination_anwesenheit_csv",
    ),
    path(
        "koordination/veranstaltungen/<uuid:uuid>/bearbeiten/",
        ko.veranstaltung_bearbeiten,
        name="koordination_veranstaltung_bearbeiten",
    ),
    path(
        "koordination/veranstaltungen/<uuid:uuid>/anwesenheit/",
        ko.anwesenheit,
        name="koordination_anwesenheit",
    ),
    path(
        "koordination/einschreibungen/<uuid:uuid>/entscheiden/",
        ko.entscheiden,
        name="koordination_entscheiden",
    ),
]
