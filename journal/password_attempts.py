"""Every password check (sign-in, password change, account deletion) is throttled: five
tries a minute per account and per address, counted atomically so that concurrent
guesses cannot slip past the limit.

A try is reserved before the password is checked (an atomic cache increment) and given
back only if the password was right. Checking first and counting afterwards, as sign-in
once did, let 40 concurrent wrong passwords through a limit of 5: they all read the count
before any of them had failed.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from rest_framework import status
from rest_framework.exceptions import APIException, Throttled
from rest_framework.request import Request

from journal.client_address import client_address
from journal.usernames import username_canonical

logger = logging.getLogger(__name__)

WINDOW_SECONDS = 60


class PasswordChecksUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Signing in is not possible for a moment. Try again in a minute."
    default_code = "unavailable"


def password_attempt_keys(*, request: Request, username: str) -> list[str]:
    # Hashed: a key must be safe for any cache backend (memcached refuses spaces and
    # control characters), whatever a client typed. Canonical: `Alice` and `ａlice` are
    # one account, so they share one budget.
    user_key = hashlib.sha256(username_canonical(username).encode()).hexdigest()[:32]
    return [f"login-fail:user:{user_key}", f"login-fail:addr:{client_address(request)}"]


def _increment(key: str) -> int:
    # add() starts the window only if no count exists; incr() is atomic in Redis and in
    # the local-memory cache (under its lock). The count may lapse between the two: start
    # again then.
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        cache.add(key, 0, timeout=WINDOW_SECONDS)
        return cache.incr(key)


def password_attempt_reserve(keys: list[str]) -> None:
    """Count one more try on each key; refuse (429) past the limit."""
    limit = settings.FOOTNOTE_LOGIN_FAILURES_PER_MINUTE
    try:
        counts = [_increment(key) for key in keys]
    except Exception as error:  # the cache is down: refuse clearly rather than unthrottled
        logger.exception("password throttle: the cache is not answering")
        raise PasswordChecksUnavailable() from error
    if any(count > limit for count in counts):
        raise Throttled(
            wait=WINDOW_SECONDS,
            detail="Too many tries with a wrong password. Wait a minute and try again.",
        )


def password_attempt_release(keys: list[str]) -> None:
    """The password was right: that try does not count against anyone."""
    for key in keys:
        try:
            cache.decr(key)
        except Exception:  # lapsed meanwhile, or the cache went away: nothing to give back
            logger.debug("password throttle: %s not released", key)
