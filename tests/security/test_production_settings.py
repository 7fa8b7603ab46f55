"""The production posture (operations.md, "Configuration"): `check --deploy` is clean, an
insecure value stops the start, and the cookies are locked down.

Settings are read at import time, so each case runs in a fresh interpreter with the
environment a deployment would give it (the test process itself runs on test settings).
"""

from __future__ import annotations

import json
import os
import secrets
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from journal.push_keys import private_key_generate

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "FOOTNOTE_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "ALLOWED_HOSTS": "footnote.example",
    "CACHE_URL": "redis://127.0.0.1:6379/3",
    "FOOTNOTE_VAPID_PRIVATE_KEY": private_key_generate(),
    "FOOTNOTE_VAPID_SUBJECT": "mailto:operator@footnote.example",
}


def production(tmp_path: Path, **changes: str | None) -> dict[str, str]:
    """A clean environment as a deployment sets it; `None` removes a variable."""
    alphabet = string.ascii_letters + string.digits + string.punctuation.replace("$", "")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        **PRODUCTION_ENV,
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(60)),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_check_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production(tmp_path)
    )

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues (0 silenced)." in output
    assert "WARNING" not in output


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": None}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "too-short-to-be-a-secret"}, "SECRET_KEY must be set"),
        ({"ALLOWED_HOSTS": None}, "ALLOWED_HOSTS must be set"),
        ({"CACHE_URL": None}, "CACHE_URL must name a shared cache"),
        ({"CACHE_URL": "locmemcache://footnote"}, "CACHE_URL must name a shared cache"),
        ({"FOOTNOTE_VAPID_PRIVATE_KEY": None}, "FOOTNOTE_VAPID_PRIVATE_KEY or"),
        ({"FOOTNOTE_VAPID_PRIVATE_KEY": "not-a-key"}, "the VAPID private key is not"),
        ({"FOOTNOTE_VAPID_PUBLIC_KEY": "BOther"}, "FOOTNOTE_VAPID_PUBLIC_KEY is not"),
        ({"FOOTNOTE_VAPID_SUBJECT": None}, "FOOTNOTE_VAPID_SUBJECT must be"),
        (
            {"FOOTNOTE_VAPID_PRIVATE_KEY": None, "FOOTNOTE_VAPID_KEY_FILE": "/nonexistent/key"},
            "FOOTNOTE_VAPID_KEY_FILE /nonexistent/key cannot be read",
        ),
    ],
    ids=[
        "debug-on",
        "default-secret-key",
        "short-secret-key",
        "no-allowed-hosts",
        "default-local-memory-cache",
        "explicit-local-memory-cache",
        "no-vapid-key",
        "bad-vapid-key",
        "vapid-public-key-of-another",
        "no-vapid-subject",
        "unreadable-vapid-key-file",
    ],
)
def test_production_refuses_to_start_with_an_insecure_setting(
    tmp_path: Path, changes: dict[str, Any], problem: str
) -> None:
    env = production(tmp_path, **changes)

    started = run(["-c", "import django; django.setup()"], env)
    checked = run(["manage.py", "check"], env)

    for result in (started, checked):
        assert result.returncode != 0
        assert "django.core.exceptions.ImproperlyConfigured" in result.stderr
        assert "Refusing to start in production" in result.stderr
        assert problem in result.stderr


COOKIE_SETTINGS = (
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "CSRF_COOKIE_SECURE",
)


def test_production_cookies_are_secure_http_only_same_site_and_short_lived(
    tmp_path: Path,
) -> None:
    script = (
        "import json, config.settings as s; "
        f"print(json.dumps({{name: getattr(s, name, None) for name in {COOKIE_SETTINGS!r}}}))"
    )

    result = run(["-c", script], production(tmp_path))

    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert values["CSRF_COOKIE_SECURE"] is True
    assert 0 < values["SESSION_COOKIE_AGE"] <= 14 * 24 * 60 * 60


def test_production_starts_without_vapid_keys_when_reminders_are_off(tmp_path: Path) -> None:
    env = production(
        tmp_path,
        FOOTNOTE_REMINDERS="off",
        FOOTNOTE_VAPID_PRIVATE_KEY=None,
        FOOTNOTE_VAPID_SUBJECT=None,
    )
    script = "import config.settings as s; print(sorted(s.CELERY_BEAT_SCHEDULE))"

    result = run(["-c", script], env)

    assert result.returncode == 0, result.stderr
    assert "send-due-reminders" not in result.stdout


def test_production_reads_the_vapid_key_from_a_file_and_never_allows_http_push(
    tmp_path: Path,
) -> None:
    key_file = tmp_path / "vapid.key"
    key_file.write_text(private_key_generate() + "\n")
    env = production(
        tmp_path,
        FOOTNOTE_VAPID_PRIVATE_KEY=None,
        FOOTNOTE_VAPID_KEY_FILE=str(key_file),
        FOOTNOTE_PUSH_ALLOW_HTTP="1",
    )
    script = (
        "import config.settings as s; "
        "print(s.FOOTNOTE_PUSH_ALLOW_HTTP, 'send-due-reminders' in s.CELERY_BEAT_SCHEDULE)"
    )

    result = run(["-c", script], env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
