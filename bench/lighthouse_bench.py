"""Benchmark: Lighthouse's mobile scores of every page, against `make serve` (budgets).

Starts `make serve` (gunicorn, production settings, fingerprinted and compressed static
files) on LIGHTHOUSE_PORT with a fresh SQLite journal and the demo patient, signs the
demo patient in through the API, and runs bench/lighthouse.mjs (Lighthouse and
puppeteer-core, pinned in package-lock.json, installed by `npm ci`) in Debian's Chromium.
Budget: performance >= 95 and accessibility 100 on every page, each page's performance
the median of LIGHTHOUSE_RUNS runs (3; Lighthouse's own advice against its variance).

    .venv/bin/python -m bench.lighthouse_bench      # prints the table, JSON to results/
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "lighthouse.json"
PERFORMANCE_BUDGET = 95
ACCESSIBILITY_BUDGET = 100


def production_environment(workdir: Path, port: int) -> dict[str, str]:
    """FOOTNOTE_ENV=production as deployed, less TLS: the server is reached over http."""
    env = {
        **os.environ,
        "FOOTNOTE_ENV": "production",
        "FOOTNOTE_QUIET": "1",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'footnote.sqlite3'}",
        "CACHE_URL": os.environ.get("LIGHTHOUSE_CACHE_URL", "redis://127.0.0.1:6379/13"),
        "STATIC_ROOT": str(workdir / "static"),
        "MEDIA_ROOT": str(workdir / "media"),
        "CELERY_BROKER_URL": "",
        "FOOTNOTE_REMINDERS": "off",
        # No TLS proxy in front here: no redirect to https, no HSTS, no upgrade.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_HSTS_SECONDS": "0",
        "FOOTNOTE_UPGRADE_INSECURE_REQUESTS": "0",
        "WEB_CONCURRENCY": "2",
        "PYTHONUNBUFFERED": "1",
    }
    return env


def _request(port: int, method: str, path: str, body: Any = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    try:
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        data = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, body=data, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_for(port: int, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if _request(port, "GET", "/")[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"make serve did not start:\n{log.read_text()[-4000:]}")
        time.sleep(0.3)


def _token(port: int, username: str, password: str) -> str:
    body = {"username": username, "password": password}
    status, answer = _request(port, "POST", "/api/v1/auth/token/", body)
    if status != 200:
        raise RuntimeError(f"signing the demo patient in answered {status}: {answer[:500]!r}")
    return str(json.loads(answer)["token"])


def run(port: int | None = None) -> dict[str, Any]:
    from journal.demo import DEMO_PASSWORD, DEMO_USERNAME

    port = port or int(os.environ.get("LIGHTHOUSE_PORT", "8340"))
    origin = f"http://127.0.0.1:{port}"
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "lighthouse").is_dir():
        raise RuntimeError("run `npm ci` first (make lighthouse does)")
    with tempfile.TemporaryDirectory(prefix="footnote-lighthouse-") as tmp:
        workdir = Path(tmp)
        env = production_environment(workdir, port)
        python = sys.executable
        for step in (["migrate", "--no-input", "-v", "0"], ["demo_patient"]):
            subprocess.run(
                [python, "manage.py", *step], cwd=ROOT, env=env, check=True, capture_output=True
            )
        log = workdir / "serve.log"
        with log.open("wb") as out:
            server = subprocess.Popen(
                ["make", "--no-print-directory", "serve", "HOST=127.0.0.1", f"PORT={port}"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: ended whole below
            )
        try:
            _wait_for(port, server, log, seconds=180)
            token = _token(port, DEMO_USERNAME, DEMO_PASSWORD)
            audited = subprocess.run(
                [node, str(ROOT / "bench" / "lighthouse.mjs"), origin, token, DEMO_USERNAME],
                cwd=ROOT,
                env={**os.environ, "LIGHTHOUSE_REPORTS": str(RESULTS.parent / "lighthouse")},
                capture_output=True,
                text=True,
                timeout=900,
            )
            if audited.returncode != 0:
                raise RuntimeError(f"lighthouse failed:\n{audited.stderr[-4000:]}")
            pages = json.loads(audited.stdout)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
    within = all(
        p["performance"] >= PERFORMANCE_BUDGET and p["accessibility"] >= ACCESSIBILITY_BUDGET
        for p in pages
    )
    return {
        "pages": pages,
        "performance_budget": PERFORMANCE_BUDGET,
        "accessibility_budget": ACCESSIBILITY_BUDGET,
        "within_budget": within,
    }


def table(result: dict[str, Any]) -> str:
    lines = [
        f"{'page':<10} {'performance':>11} {'accessibility':>13}  LCP      TBT     CLS  "
        "(performance of each run)"
    ]
    for page in result["pages"]:
        metrics = page["metrics"]
        lines.append(
            f"{page['page']:<10} {page['performance']:>11} {page['accessibility']:>13}  "
            f"{metrics['largest-contentful-paint']:<8} {metrics['total-blocking-time']:<7} "
            f"{metrics['cumulative-layout-shift']:<4} {page.get('performance_runs', '')}"
        )
    budget = f">= {result['performance_budget']} and {result['accessibility_budget']}"
    lines.append(f"budget {budget}: {'met' if result['within_budget'] else 'NOT MET'}")
    return "\n".join(lines)


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("FOOTNOTE_QUIET", "1")
    import django

    django.setup()
    result = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2))
    print(table(result))
    for page in result["pages"]:
        below = page["below_full_marks"]
        if below["performance"] or below["accessibility"]:
            print(f"  {page['page']}: {json.dumps(below)}", file=sys.stderr)
    return 0 if result["within_budget"] else 1


if __name__ == "__main__":
    sys.exit(main())
