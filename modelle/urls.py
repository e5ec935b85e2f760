from django.urls import path

from . import views

urlpatterns = [
    path("modelle/pruefen/", views.pruefen, name="modell_pruefen"),
]
