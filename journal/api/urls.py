from __future__ import annotations

from django.urls import path

from journal.api import flag_views, views

urlpatterns = [
    path("auth/register/", views.RegisterView.as_view(), name="register"),
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("export/", views.ExportView.as_view(), name="export"),
    path("account/", views.AccountView.as_view(), name="account"),
    path("entries/", views.EntryListView.as_view(), name="entry-list"),
    path("entries/<uuid:entry_id>/", views.EntryDetailView.as_view(), name="entry-detail"),
    path("sync/", views.SyncView.as_view(), name="sync"),
    path("events/", views.EventListView.as_view(), name="event-list"),
    path("events/<uuid:event_id>/", views.EventDetailView.as_view(), name="event-detail"),
    path("flags/", flag_views.FlagListView.as_view(), name="flag-list"),
    path("flags/recompute/", flag_views.FlagRecomputeView.as_view(), name="flag-recompute"),
    path(
        "flags/<uuid:flag_id>/acknowledge/",
        flag_views.FlagAcknowledgeView.as_view(),
        name="flag-acknowledge",
    ),
]
