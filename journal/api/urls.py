from __future__ import annotations

from django.urls import path

from journal.api import account_views, entry_views, event_views, flag_views, push_views, sync_views

urlpatterns = [
    path("auth/register/", account_views.RegisterView.as_view(), name="register"),
    path("auth/token/", account_views.TokenView.as_view(), name="token"),
    path("profile/", account_views.ProfileView.as_view(), name="profile"),
    path("export/", account_views.ExportView.as_view(), name="export"),
    path("account/", account_views.AccountView.as_view(), name="account"),
    path("entries/", entry_views.EntryListView.as_view(), name="entry-list"),
    path("entries/<uuid:entry_id>/", entry_views.EntryDetailView.as_view(), name="entry-detail"),
    path("sync/", sync_views.SyncView.as_view(), name="sync"),
    path("events/", event_views.EventListView.as_view(), name="event-list"),
    path("events/<uuid:event_id>/", event_views.EventDetailView.as_view(), name="event-detail"),
    path("flags/", flag_views.FlagListView.as_view(), name="flag-list"),
    path("flags/recompute/", flag_views.FlagRecomputeView.as_view(), name="flag-recompute"),
    path(
        "flags/<uuid:flag_id>/acknowledge/",
        flag_views.FlagAcknowledgeView.as_view(),
        name="flag-acknowledge",
    ),
    path("push/key/", push_views.PushKeyView.as_view(), name="push-key"),
    path(
        "push/subscriptions/",
        push_views.PushSubscriptionsView.as_view(),
        name="push-subscriptions",
    ),
]
