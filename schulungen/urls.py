from django.urls import path

from . import views

urlpatterns = [
    path("schulungen/", views.kalender, name="schulungen_kalender"),
    path("koordination/", views.koordination, name="koordination"),
]
