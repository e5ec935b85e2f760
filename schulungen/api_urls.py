from django.urls import path

from . import api

urlpatterns = [
    path("kohorten/", api.KohorteListApi.as_view(), name="api_kohorten"),
    path("veranstaltungen/", api.VeranstaltungListApi.as_view(), name="api_veranstaltungen"),
    path(
        "ich/einschreibungen/",
        api.MeineEinschreibungenApi.as_view(),
        name="api_meine_einschreibungen",
    ),
    path("einschreibungen/", api.EinschreibungCreateApi.as_view(), name="api_einschreibungen"),
    path(
        "einschreibungen/<uuid:uuid>/",
        api.EinschreibungDetailApi.as_view(),
        name="api_einschreibung",
    ),
    path(
        "einschreibungen/<uuid:uuid>/zurueckziehen/",
        api.EinschreibungZurueckziehenApi.as_view(),
        name="api_einschreibung_zurueckziehen",
    ),
]
