"""Token authentication against hashed tokens, loading the patient in the same query."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.utils import timezone
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from journal.models import AccessToken, token_digest

# How stale a token's last_used_at may grow before a request moves it: a write per hour
# per device at most, not one on every request (the entry create and list keep their
# query budgets), and precise enough for a lapse counted in days.
LAST_USED_PRECISION = datetime.timedelta(hours=1)


def access_token_issue(*, user: User, label: str = "") -> str:
    """Create a token for `user` and return its key; only the digest is kept."""
    key = secrets.token_urlsafe(32)
    AccessToken.objects.create(user=user, digest=token_digest(key), label=label)
    return key


def access_token_idle_limit() -> datetime.timedelta:
    return datetime.timedelta(days=settings.TOKEN_IDLE_DAYS)


class HashedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, one query per request (token, user and patient);
    a second, at most once an hour per token, to note that it is still in use."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, AccessToken]:
        token = (
            AccessToken.objects.select_related("user", "user__patient")
            .filter(digest=token_digest(key))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("This token is not valid. Sign in again.")
        now = timezone.now()
        if now - token.last_used_at > access_token_idle_limit():
            raise exceptions.AuthenticationFailed(
                "This device has not been used for a long time and was signed out. Sign in again."
            )
        if now - token.last_used_at > LAST_USED_PRECISION:
            # Conditional: of two requests at once, one writes; the other finds nothing to do.
            AccessToken.objects.filter(
                pk=token.pk, last_used_at__lt=now - LAST_USED_PRECISION
            ).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token
