from django.urls import path

from . import views

urlpatterns = [
    path("modelle/", views.katalog, name="katalog"),
    path("koordination/ergebnisse/", views.ergebnisse, name="koordination_ergebnisse"),
    path("koordination/ergebnisse.csv", views.ergebnisse_csv, name="koordination_ergebnisse_csv"),
    path("modelle/pruefen/", views.pruefen, name="modell_pruefen"),
    path("modelle/pruefen/uebernehmen/", views.uebernehmen, name="modell_pruefen_uebernehmen"),
    path("modelle/hochladen/", views.hochladen, name="modelle_hochladen"),
    path("modelle/meine/", views.meine_modelle, name="meine_modelle"),
    path("modelle/status/", views.verarbeitung_status, name="verarbeitung_status"),
    path("modelle/<uuid:uuid>/", views.modell_detail, name="modell_detail"),
    path("modelle/<uuid:uuid>/bearbeiten/", views.modell_bearbeiten, name="modell_bearbeiten"),
    path("modelle/<uuid:uuid>/versionen/neu/", views.version_neu, name="version_neu"),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/", views.version_detail, name="version_detail"
    ),
    path("modelle/<uuid:uuid>/vergleich/", views.modell_vergleich, name="modell_vergleich"),
    path("vergleich/", views.vergleich, name="vergleich"),
    path("leistungen/<str:schluessel>/", views.leistung, name="leistung"),
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
        "modelle/<uuid:uuid>/versionen/<int:nummer>/nachnutzen/",
        views.nachnutzen,
        name="version_nachnutzen",
    ),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/kommentare/",
        views.kommentar_schreiben,
        name="kommentar_schreiben",
    ),
    path(
        "kommentare/<uuid:uuid>/bearbeiten/",
        views.kommentar_bearbeiten,
        name="kommentar_bearbeiten",
    ),
    path("kommentare/<uuid:uuid>/loeschen/", views.kommentar_loeschen, name="kommentar_loeschen"),
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
