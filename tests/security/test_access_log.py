"""Share tokens never reach a log: gunicorn run as `make serve` runs it, asked for a share
link, writes its access line and Django's "Not Found" line without the token."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from config.access_log import redact

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "Zq9secretShareToken0123456789abcdefXYZ"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_redact_cuts_the_token_from_paths_queries_and_referrers() -> None:
    assert redact(f"GET /share/{TOKEN} HTTP/1.1") == "GET /share/[token] HTTP/1.1"
    assert redact(f"https://x.example/share/{TOKEN}?a=1") == "https://x.example/share/[token]?a=1"
    assert redact("/api/v1/entries/") == "/api/v1/entries/"


def test_gunicorns_access_log_holds_no_share_token(tmp_path: Path) -> None:
    port = _free_port()
    log = tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "FOOTNOTE_QUIET": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "-c",
        "python:config.gunicorn",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
    ]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                connection.request(
                    "GET", f"/share/{TOKEN}", headers={"Referer": f"http://x/share/{TOKEN}"}
                )
                status = connection.getresponse().status
                connection.close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.2)
        time.sleep(0.5)  # the access line is written after the answer
    finally:
        server.terminate()
        server.wait(timeout=10)

    text = log.read_text()
    assert status in (404, 500)
    assert "/share/[token]" in text
    assert TOKEN not in text
