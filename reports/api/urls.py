from __future__ import annotations

from django.urls import path

from reports.api import views

urlpatterns = [
    path("reports/", views.ReportListView.as_view(), name="report-list"),
    path("reports/<uuid:report_id>/", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<uuid:report_id>/pdf/", views.ReportPdfView.as_view(), name="report-pdf"),
    path("reports/<uuid:report_id>/shares/", views.ShareListView.as_view(), name="share-list"),
    path(
        "reports/<uuid:report_id>/shares/<uuid:share_id>/",
        views.ShareDetailView.as_view(),
        name="share-detail",
    ),
]
