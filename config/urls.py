from __future__ import annotations

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path
from django.views.defaults import page_not_found
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from journal.health import healthz
from reports.api.views import share_link_gone, share_open


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """Django's 404 when no route matches (a malformed id in `/api/v1/entries/{id}/`, a
    share token with a slash): answered as the rest of the API and of the share links
    are, not with Django's HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    if request.path.startswith("/share/"):
        return share_link_gone()
    return page_not_found(request, exception)


handler404 = not_found

# The docs page loads Swagger UI from the app's own static files (drf-spectacular-sidecar)
# and has one inline <style>; its own script is a separate file (the split view), so
# script-src stays free of 'unsafe-inline'. Added to the policy, for this page only.
api_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs, name="docs"),
    path("api/v1/", include("journal.api.urls")),
    path("api/v1/", include("reports.api.urls")),
    path("share/<str:token>", share_open, name="share-open"),
    path("", include("pwa.urls")),
]
