"""Sign-in and registration throttling (api.md: "failures throttled").

Failed sign-ins are counted per username and per address, for a minute, in Django's cache:
in production that cache is Redis (settings refuse a per-process cache), so every web
process and machine shares the count. The last test proves that with a Redis cache.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
import redis
import time_machine
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import PASSWORD, PatientFactory
from tests.support.services import missing, port_open

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

TOKEN = "/api/v1/auth/token/"
REGISTER = "/api/v1/auth/register/"
REDIS_CACHE_URL = "redis://127.0.0.1:6379/13"


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    cache.clear()


@pytest.fixture
def grace(db: Any) -> Any:
    return PatientFactory(user__username="grace").user


def sign_in(username: str = "grace", password: str = PASSWORD, address: str = "203.0.113.1") -> Any:
    return APIClient(REMOTE_ADDR=address).post(
        TOKEN, {"username": username, "password": password}, format="json"
    )


def test_sixth_failed_sign_in_for_a_username_within_a_minute_is_throttled(grace: Any) -> None:
    with time_machine.travel(timezone.now(), tick=False) as clock:
        answers = [sign_in(password=f"guess {n}", address=f"198.51.100.{n}") for n in range(6)]
        right_password = sign_in(address="198.51.100.99")

        assert [a.status_code for a in answers] == [400] * 5 + [429]
        assert right_password.status_code == 429  # even the right password waits
        assert int(right_password.headers["Retry-After"]) > 0
        assert grace.access_tokens.count() == 0

        clock.shift(datetime.timedelta(seconds=61))
        assert sign_in(address="198.51.100.99").status_code == 200


def test_failed_sign_ins_from_one_address_are_throttled_whatever_the_username(
    grace: Any,
) -> None:
    for n in range(5):
        assert sign_in(username=f"nobody{n}", address="203.0.113.7").status_code == 400

    from_there = sign_in(address="203.0.113.7")
    from_elsewhere = sign_in(address="203.0.113.8")

    assert from_there.status_code == 429
    assert from_elsewhere.status_code == 200


def register(n: int, **headers: str) -> int:
    client = APIClient(REMOTE_ADDR="203.0.113.20", **headers)
    body = {"username": f"new{n}", "password": "correct horse battery staple"}
    return int(client.post(REGISTER, body, format="json").status_code)


def test_registration_from_one_address_is_throttled(db: Any) -> None:
    answers = [register(n) for n in range(11)]

    assert answers == [201] * 10 + [429]


def test_registration_throttle_ignores_a_forged_forwarded_for_header(db: Any) -> None:
    """A client picks its own X-Forwarded-For; only a proxy we run may set it."""
    answers = [register(n, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}") for n in range(11)]

    assert answers == [201] * 10 + [429]


@pytest.fixture
def redis_cache() -> Iterator[redis.Redis]:
    if not port_open("127.0.0.1", 6379):
        missing("Redis at 127.0.0.1:6379")
    server = redis.Redis.from_url(REDIS_CACHE_URL)
    server.flushdb()
    backend = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_CACHE_URL,
    }
    with override_settings(CACHES={"default": backend}):
        yield server
    server.flushdb()


@pytest.mark.redis
def test_sign_in_failures_are_counted_in_the_shared_cache_not_in_process_memory(
    grace: Any, redis_cache: redis.Redis
) -> None:
    """Two clients stand for two web processes: what one counts, the other sees, and the
    count lives in Redis (emptying Redis, not this process, forgets it)."""
    first_process, second_process = (
        APIClient(REMOTE_ADDR="198.51.100.1"),
        APIClient(REMOTE_ADDR="198.51.100.2"),
    )
    wrong = {"username": "grace", "password": "not it"}
    for _ in range(5):
        assert first_process.post(TOKEN, wrong, format="json").status_code == 400
    counters = {key.decode(): int(redis_cache.get(key)) for key in redis_cache.keys("*login-fail*")}
    grace = hashlib.sha256(b"grace").hexdigest()[:32]
    expiry = redis_cache.ttl(f":1:login-fail:user:{grace}")

    throttled = second_process.post(
        TOKEN, {"username": "grace", "password": PASSWORD}, format="json"
    )
    redis_cache.flushdb()
    after_flush = second_process.post(
        TOKEN, {"username": "grace", "password": PASSWORD}, format="json"
    )

    assert counters == {f":1:login-fail:user:{grace}": 5, ":1:login-fail:addr:198.51.100.1": 5}
    assert 0 < expiry <= 60
    assert throttled.status_code == 429
    assert after_flush.status_code == 200


def test_behind_no_proxy_a_forged_forwarded_for_is_not_believed_even_in_production_shape(
    db: Any, settings: Any
) -> None:
    """NUM_PROXIES=1 as in production, but the connection does not come from a proxy in
    FORWARDED_ALLOW_IPS (the server reached directly): the header is the client's own."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    answers = [register(n, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}") for n in range(11)]

    assert answers == [201] * 10 + [429]


def test_behind_a_trusted_proxy_the_address_it_appended_counts(db: Any, settings: Any) -> None:
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    settings.FORWARDED_ALLOW_IPS = ["203.0.113.20"]  # register()'s REMOTE_ADDR: the proxy

    answers = [register(n, HTTP_X_FORWARDED_FOR=f"198.51.100.7, 192.0.2.{n}") for n in range(11)]

    assert answers == [201] * 11  # eleven clients behind the proxy, one sign-up each
