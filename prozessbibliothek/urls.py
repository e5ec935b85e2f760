from csp.decorators import csp_update
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.http import content_disposition_header
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from kommunen.forms import AnmeldeForm


class SchemaView(SpectacularAPIView):
    """The OpenAPI schema; its file name keeps the umlaut of "Baden-Württemberg".

    drf-spectacular writes `filename="…"`, which carries ASCII only; RFC 6266 `filename*`
    (UTF-8, percent-encoded) is what browsers read for other names.
    """

    @extend_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        antwort = super().get(request, *args, **kwargs)
        name = self._get_filename(request, getattr(request, "version", None))
        antwort["Content-Disposition"] = content_disposition_header(False, name)
        return antwort


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
    path("api/schema/", SchemaView.as_view(), name="api_schema"),
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
