"""Browser tests of the phone app: Debian's Chromium driven by Playwright.

The app runs in its own process (`manage.py runserver` on a free port, against a fresh
SQLite file), not in pytest-django's live_server thread: a service worker, IndexedDB and
concurrent requests from the browser then meet the same server a phone would, and no
database connection is shared between threads.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.services import missing, require_command

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The patient's zone and the browser's are the same, as on a real phone; not UTC, so a
# confusion between the two would show.
TIME_ZONE = "Europe/Berlin"
PASSWORD = "tibial-nerve-9-walks"
VIEWPORT = {"width": 360, "height": 640}
TOUCH_TARGETS = (
    "button, [role=button], a.button, select, input:not([type=hidden]), .tabbar a, summary"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AppServer:
    url: str
    log: Path

    def _request(
        self, method: str, path: str, *, body: bytes | None = None, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        host, port = self.url.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=15)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def api(
        self, method: str, path: str, *, token: str | None = None, body: Any = None
    ) -> tuple[int, Any]:
        """Call the API from the test (outside the browser, so never "offline")."""
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = f"Token {token}"
        status, _, raw = self._request(method, path, body=data, headers=headers)
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, raw.decode(errors="replace")

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        return self._request("GET", path, headers={})


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    workdir = tmp_path_factory.mktemp("pwa-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.pwa.server_settings",
        "FOOTNOTE_ENV": "development",
        "FOOTNOTE_QUIET": "1",
        # DEBUG lets whitenoise serve the static files straight from the apps.
        "DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{workdir / 'footnote.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "CELERY_BROKER_URL": "",
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("CACHE_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    migrated = subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if migrated.returncode != 0:
        pytest.fail(f"migrate failed:\n{migrated.stdout}\n{migrated.stderr}", pytrace=False)
    port = _free_port()
    log = workdir / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*manage, "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = AppServer(url=f"http://127.0.0.1:{port}", log=log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if server.get("/")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the app server did not start:\n{log.read_text()}", pytrace=False)
            time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    require_command("chromium", package="chromium")
    if not Path(CHROMIUM).exists():
        missing(CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright: Any) -> Iterator[Any]:
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


CONTEXT_OPTIONS: dict[str, Any] = {
    "viewport": VIEWPORT,
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "service_workers": "allow",
    "timezone_id": TIME_ZONE,
    "locale": "en-GB",
}


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(**CONTEXT_OPTIONS)
    context.set_default_timeout(10_000)
    yield context
    context.close()


@dataclass
class Patient:
    username: str
    password: str
    token: str
    id: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@pytest.fixture
def patient(app_server: AppServer) -> Patient:
    """A freshly registered patient (through the API, which is quicker than the form)."""
    username = f"pwa-{uuid.uuid4().hex[:10]}"
    status, body = app_server.api(
        "POST",
        "/api/v1/auth/register/",
        body={"username": username, "password": PASSWORD, "timezone": TIME_ZONE},
    )
    assert status == 201, body
    return Patient(username=username, password=PASSWORD, token=body["token"], id=body["id"])


class App:
    """The app in one browser tab, with helpers that name what a person does."""

    def __init__(self, page: Any, server: AppServer) -> None:
        self.page = page
        self.server = server
        self.errors: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        # A file, style or script the Content-Security-Policy refused is a bug too.
        page.on(
            "console",
            lambda message: (
                self.errors.append(message.text)
                if message.type == "error" and "Content Security Policy" in message.text
                else None
            ),
        )

    def open(self, route: str = "#/today") -> None:
        self.page.goto(f"{self.server.url}/{route}")
        self.page.wait_for_selector("main h1")

    def sign_in_as(self, patient: Patient) -> None:
        """Start signed in, as a person who signed in earlier on this phone."""
        seed = json.dumps(
            {
                "footnote.token": patient.token,
                "footnote.username": patient.username,
                "footnote.profile": json.dumps({"timezone": TIME_ZONE}),
            }
        )
        # Once per tab: a reload must not bring back a token the app has dropped.
        self.page.add_init_script(
            f"""if (!sessionStorage.getItem("seeded")) {{
                  for (const [k, v] of Object.entries({seed})) localStorage.setItem(k, v);
                  sessionStorage.setItem("seeded", "1");
                }}"""
        )

    def wait_until(self, predicate: str, what: str, seconds: float = 15) -> None:
        """Poll a JavaScript function expression from here: Playwright's
        wait_for_function evaluates its predicate with eval inside the page, which the
        app's Content-Security-Policy rightly refuses."""
        deadline = time.monotonic() + seconds
        while not self.page.evaluate(predicate):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{what} after {seconds:g} s")
            time.sleep(0.1)

    def wait_for_service_worker(self) -> None:
        self.wait_until(
            "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null",
            "no service worker controls the page",
        )

    def outbox(self) -> list[dict[str, Any]]:
        return self.page.evaluate(
            """() => new Promise((resolve, reject) => {
                const open = indexedDB.open("footnote");
                open.onerror = () => reject(open.error);
                open.onsuccess = () => {
                  const db = open.result;
                  if (!db.objectStoreNames.contains("outbox")) { db.close(); resolve([]); return; }
                  const get = db.transaction("outbox").objectStore("outbox").getAll();
                  get.onsuccess = () => { db.close(); resolve(get.result); };
                  get.onerror = () => reject(get.error);
                };
              })"""
        )

    def screenshot(self, name: str, *, full_page: bool = False) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)

    def layout_problems(self) -> list[str]:
        """What breaks "mobile first" on this page: sideways scroll, small touch targets."""
        return self.page.evaluate(
            """([width, targets]) => {
              const problems = [];
              const scrollWidth = document.documentElement.scrollWidth;
              if (scrollWidth > width) problems.push(`scrolls sideways: ${scrollWidth}px`);
              for (const el of document.querySelectorAll(targets)) {
                const box = el.getBoundingClientRect();
                if (!box.width || !box.height || el.closest("[hidden]")) continue;
                if (box.height < 43.5) {
                  const name = el.getAttribute("aria-label") || el.textContent.trim()
                    || el.id || el.tagName;
                  problems.push(`${name.slice(0, 40)}: ${Math.round(box.height)}px tall`);
                }
              }
              return problems;
            }""",
            [VIEWPORT["width"], TOUCH_TARGETS],
        )


@pytest.fixture
def app(context: Any, app_server: AppServer) -> Iterator[App]:
    page = context.new_page()
    app = App(page, app_server)
    yield app
    assert not app.errors, f"JavaScript errors: {app.errors}"


def today_in_zone() -> date:
    return datetime.now(zoneinfo.ZoneInfo(TIME_ZONE)).date()


def days_ago(days: int) -> str:
    return (today_in_zone() - timedelta(days=days)).isoformat()
