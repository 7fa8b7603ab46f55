from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from journal.models import LoginSession, UsernameKey
from journal.usernames import username_canonical


def login_session_record(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    """Remember the session a sign-in created (admin, browsable API)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    LoginSession.objects.create(user=user, session_key=session.session_key)


def username_key_keep(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """Every user's canonical name is stored, whichever path made or renamed the user
    (sign-up, admin, createsuperuser), so the unique key holds for all of them. A save
    that names its fields and leaves out the username (a sign-in's last_login) cannot
    have renamed anyone. A clash raises IntegrityError in the caller's transaction."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "username" not in update_fields:
        return
    key = username_canonical(instance.get_username())
    if created:
        UsernameKey.objects.create(user=instance, key=key)
    else:
        # A user whose name clashed before keys existed has none (migration 0009): a
        # save must not fail for them.
        UsernameKey.objects.filter(user=instance).exclude(key=key).update(key=key)
