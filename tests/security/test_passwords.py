"""Passwords are stored as Argon2 hashes by the real settings (the test settings swap in a
fast hasher, so the production list is put back for this test)."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

import config.settings as real_settings

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_passwords_are_stored_as_argon2_hashes() -> None:
    assert real_settings.PASSWORD_HASHERS[0] == ARGON2
    cache.clear()  # the registration throttle counts in the cache
    password = "a long and private passphrase"

    with override_settings(PASSWORD_HASHERS=real_settings.PASSWORD_HASHERS):
        answer = APIClient().post(
            "/api/v1/auth/register/", {"username": "ada", "password": password}, format="json"
        )
        stored = User.objects.get(username="ada").password
        assert check_password(password, stored)

    assert answer.status_code == 201
    assert stored.startswith("argon2$argon2id$")
    assert password not in stored
