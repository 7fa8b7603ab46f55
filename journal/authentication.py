"""Token authentication against hashed tokens, loading the patient in the same query."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import User
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from journal.models import AccessToken, token_digest


def access_token_issue(*, user: User) -> str:
    """Create a token for `user` and return its key; only the digest is kept."""
    key = secrets.token_urlsafe(32)
    AccessToken.objects.create(user=user, digest=token_digest(key))
    return key


class HashedTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>`, one query per request (token, user and patient)."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, AccessToken]:
        token = (
            AccessToken.objects.select_related("user", "user__patient")
            .filter(digest=token_digest(key))
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("This token is not valid. Sign in again.")
        return token.user, token
