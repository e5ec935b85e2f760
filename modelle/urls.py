from django.urls import path

from . import views

urlpatterns = [
    path("modelle/", views.katalog, name="katalog"),
    path("modelle/pruefen/", views.pruefen, name="modell_pruefen"),
    path("modelle/hochladen/", views.hochladen, name="modelle_hochladen"),
    path("modelle/meine/", views.meine_modelle, name="meine_modelle"),
    path("modelle/status/", views.verarbeitung_status, name="verarbeitung_status"),
    path("modelle/<uuid:uuid>/", views.modell_detail, name="modell_detail"),
    path("modelle/<uuid:uuid>/bearbeiten/", views.modell_bearbeiten, name="modell_bearbeiten"),
    path("modelle/<uuid:uuid>/versionen/neu/", views.version_neu, name="version_neu"),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/", views.version_detail, name="version_detail"
    ),
    path("modelle/<uuid:uuid>/archivieren/", views.archivieren, name="modell_archivieren"),
    path(
        "modelle/<uuid:uuid>/wiederherstellen/",
        views.wiederherstellen,
        name="modell_wiederherstellen",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/zur-pruefung/",
        views.zur_pruefung,
        name="version_zur_pruefung",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/freigeben/",
        views.freigeben,
        name="version_freigeben",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/zurueckgeben/",
        views.zurueckgeben,
        name="version_zurueckgeben",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/datei.bpmn",
        views.datei_herunterladen,
        name="version_datei",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/diagramm-<int:diagramm>.svg",
        views.svg_herunterladen,
        name="version_svg",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/vorschau.png",
        views.vorschau,
        name="version_vorschau",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/bild.png",
        views.bild_herunterladen,
        name="version_bild",
    ),
]
