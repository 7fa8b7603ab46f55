"""Outside services and tools the suite may need, and what to do when one is missing.

Locally a missing PostgreSQL, Redis, Chromium or command-line tool skips the tests that
need it, loudly. With FOOTNOTE_REQUIRE_SERVICES=1 (set by .ci/run) it fails them instead,
so CI can never go green by skipping.
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import subprocess

import pytest

REQUIRE_SERVICES = os.environ.get("FOOTNOTE_REQUIRE_SERVICES") == "1"


def missing(what: str) -> None:
    """Skip, or fail when services are required, because `what` is not available."""
    message = f"{what} is not available"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} and FOOTNOTE_REQUIRE_SERVICES=1", pytrace=False)
    pytest.skip(message)


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@functools.cache
def _apt_install(package: str) -> bool:
    """Install a Debian package once per run, when we are root and apt-get exists."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        return False
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", package]
    if subprocess.run(install, env=env, capture_output=True).returncode == 0:
        return True
    # The package lists may be missing or stale on a fresh machine.
    subprocess.run(["apt-get", "update", "-q"], env=env, capture_output=True)
    return subprocess.run(install, env=env, capture_output=True).returncode == 0


def require_command(command: str, *, package: str) -> str:
    """Return the path of `command`, installing Debian's `package` when it is missing."""
    path = shutil.which(command)
    if path is None and _apt_install(package):
        path = shutil.which(command)
    if path is None:
        missing(f"the command {command!r} (Debian package {package!r})")
    assert path is not None
    return path
