from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from journal.models import LoginSession


def login_session_record(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    """Remember the session a sign-in created (admin, browsable API)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()
    LoginSession.objects.create(user=user, session_key=session.session_key)
