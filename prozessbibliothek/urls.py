from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kommunen.forms import AnmeldeForm

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "konto/login/",
        auth_views.LoginView.as_view(authentication_form=AnmeldeForm),
        name="login",
    ),
    path("konto/", include("django.contrib.auth.urls")),
    path("api/v1/", include("kommunen.api_urls")),
    path("api/v1/", include("schulungen.api_urls")),
    path("api/v1/", include("modelle.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/docs/",
        # Swagger UI sets inline styles; only this page allows them, scripts stay 'self'.
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api_schema")
        ),
        name="api_docs",
    ),
    path("", include("modelle.urls")),
    path("", include("schulungen.urls")),
    path("", include("kommunen.urls")),
]

handler404 = "prozessbibliothek.views.nicht_gefunden"
handler500 = "prozessbibliothek.views.serverfehler"
handler403 = "prozessbibliothek.views.verboten"
handler400 = "prozessbibliothek.views.ungueltige_anfrage"
