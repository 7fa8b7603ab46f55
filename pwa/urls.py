"""The phone app's own URLs, mounted last at the site root (the API lives under /api/)."""

from __future__ import annotations

from django.urls import path

from pwa import views

app_name = "pwa"

urlpatterns = [
    path("", views.shell, name="shell"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    # Served from the root, not /static/, so that the worker's scope is the whole app.
    path("sw.js", views.service_worker, name="service-worker"),
]
