from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from journal.health import healthz
from reports.api.views import share_open

handler404 = "journal.api.errors.not_found"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/v1/", include("journal.api.urls")),
    path("api/v1/", include("reports.api.urls")),
    # Any token, "/" included, reaches the view, whose 404 carries the private headers.
    path("share/<path:token>", share_open, name="share-open"),
    path("", include("pwa.urls")),
]
