from django.urls import path

from . import api

urlpatterns = [
    path("kommunen/", api.KommuneListApi.as_view(), name="api_kommunen"),
    path("kommunen/<str:ags>/", api.KommuneDetailApi.as_view(), name="api_kommune"),
    path(
        "ich/mitgliedschaften/", api.MeineMitgliedschaftenApi.as_view(), name="api_mitgliedschaften"
    ),
    path("einladungen/", api.EinladungCreateApi.as_view(), name="api_einladungen"),
]
