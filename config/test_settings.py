"""Test overrides: fast hashing, quiet warnings, files in a temporary folder."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("FOOTNOTE_QUIET", "1")

from config.settings import *  # noqa: F403

# Argon2 is deliberately slow; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = tempfile.mkdtemp(prefix="footnote-test-media-")
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = tempfile.mkdtemp(prefix="footnote-test-static-")
# A development VAPID key made for this run, not the one under var/.
FOOTNOTE_VAPID_PRIVATE_KEY = ""
FOOTNOTE_VAPID_KEY_FILE = os.path.join(tempfile.mkdtemp(prefix="footnote-test-vapid-"), "key")

if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":  # noqa: F405
    # One test database per run, so two runs on one server never drop each other's.
    DATABASES["default"]["TEST"] = {"NAME": f"test_footnote_{os.getpid()}"}  # noqa: F405
else:
    # A file, not shared-cache memory: the real-worker tests read and write from a second
    # thread, which shared-cache SQLite answers with "table is locked".
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"footnote-test-{os.getpid()}.sqlite3")
    }
