from __future__ import annotations

from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = "Journal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate, post_save

        from journal.api import schema  # noqa: F401  registers the schema extension
        from journal.questionnaire_services import instruments_load_shipped
        from journal.signals import login_session_record, username_key_keep

        user_logged_in.connect(login_session_record, dispatch_uid="journal.login_session_record")
        post_save.connect(
            username_key_keep, sender=get_user_model(), dispatch_uid="journal.username_key_keep"
        )
        # A new server offers the weekly check without a step by hand.
        post_migrate.connect(
            instruments_load_shipped, sender=self, dispatch_uid="journal.instruments_shipped"
        )
