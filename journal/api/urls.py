from __future__ import annotations

from django.urls import path

from journal.api import (
    account_views,
    entry_views,
    event_views,
    flag_views,
    import_views,
    push_views,
    questionnaire_views,
    reference_views,
    sync_views,
)

urlpatterns = [
    path("timezones/", reference_views.TimezoneListView.as_view(), name="timezone-list"),
    path("auth/register/", account_views.RegisterView.as_view(), name="register"),
    path("auth/token/", account_views.TokenView.as_view(), name="token"),
    path("auth/password/", account_views.PasswordView.as_view(), name="password"),
    path("auth/devices/", account_views.DeviceListView.as_view(), name="device-list"),
    path(
        "auth/devices/<int:device_id>/",
        account_views.DeviceDetailView.as_view(),
        name="device-detail",
    ),
    path("profile/", account_views.ProfileView.as_view(), name="profile"),
    path("export/", account_views.ExportView.as_view(), name="export"),
    path("import/", import_views.ImportView.as_view(), name="import"),
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
    path(
        "questionnaires/",
        questionnaire_views.QuestionnaireListView.as_view(),
        name="questionnaire-list",
    ),
    path(
        "questionnaires/responses/",
        questionnaire_views.QuestionnaireResponseListView.as_view(),
        name="questionnaire-response-list",
    ),
    path(
        "questionnaires/<str:questionnaire_id>/responses/",
        questionnaire_views.QuestionnaireResponseCreateView.as_view(),
        name="questionnaire-response-create",
    ),
    path("push/key/", push_views.PushKeyView.as_view(), name="push-key"),
    path(
        "push/subscriptions/",
        push_views.PushSubscriptionsView.as_view(),
        name="push-subscriptions",
    ),
]
