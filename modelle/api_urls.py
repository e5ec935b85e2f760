from django.urls import path

from . import api

urlpatterns = [
    path("modelle/", api.ModellListApi.as_view(), name="api_modelle"),
    path("modelle/<uuid:uuid>/", api.ModellDetailApi.as_view(), name="api_modell"),
    path("modelle/<uuid:uuid>/versionen/", api.VersionListApi.as_view(), name="api_versionen"),
    path("modelle/<uuid:uuid>/vergleich/", api.VergleichApi.as_view(), name="api_vergleich"),
    path(
        "modelle/<uuid:uuid>/versionen/<int:nummer>/",
        api.VersionDetailApi.as_view(),
        name="api_version",
    ),
]
