from django.urls import path

from . import views

urlpatterns = [
    path("", views.start, name="start"),
    path("kommunen/", views.kommunen_liste, name="kommunen_liste"),
    path("kommunen/<slug:slug>/", views.kommune_detail, name="kommune_detail"),
    path("meine-kommune/", views.meine_kommune, name="meine_kommune"),
    path("meine-kommune/<slug:slug>/einladen/", views.einladen, name="einladen"),
    path(
        "meine-kommune/<slug:slug>/einladungen/<uuid:uuid>/zurueckziehen/",
        views.einladung_zurueckziehen,
        name="einladung_zurueckziehen",
    ),
    path(
        "meine-kommune/<slug:slug>/mitglieder/<int:pk>/rolle/",
        views.rolle_aendern,
        name="rolle_aendern",
    ),
    path(
        "meine-kommune/<slug:slug>/mitglieder/<int:pk>/entfernen/",
        views.mitglied_entfernen,
        name="mitglied_entfernen",
    ),
    path("einladung/<str:token>/", views.einladung_annehmen, name="einladung_annehmen"),
    path("koordination/kommunen/", views.koordination_kommunen, name="koordination_kommunen"),
    path("koordination/audit/", views.koordination_audit, name="koordination_audit"),
]
