"""A page that does not load says what failed and offers a retry (pwa.md, version 2).

The browser has no service worker here (it would answer from its cache, and the point
is what happens when a file cannot be had); the routes below play the failing network.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.pwa.conftest import CONTEXT_OPTIONS, App, AppServer, Patient

pytestmark = pytest.mark.browser


@pytest.fixture
def app_without_worker(browser: Any, app_server: AppServer) -> Iterator[App]:
    context = browser.new_context(**{**CONTEXT_OPTIONS, "service_workers": "block"})
    context.set_default_timeout(10_000)
    app = App(context.new_page(), app_server)
    yield app
    context.close()
    assert not app.errors, f"JavaScript errors: {app.errors}"


def heading(app: App) -> str:
    return str(app.page.inner_text("main h1")).strip()


def test_a_page_whose_code_fails_to_download_says_so_and_try_again_loads_it(
    app_without_worker: App, patient: Patient
) -> None:
    app = app_without_worker
    app.sign_in_as(patient)
    app.open("#/today")
    requested: list[str] = []

    def refuse(route: Any) -> None:
        requested.append(route.request.url)
        route.abort("internetdisconnected")

    app.page.route("**/static/pwa/js/pages/history*.js", refuse)
    app.page.click(".tabbar a[data-route=history]")
    app.page.wait_for_selector("main .view-failed h1")
    assert requested, "the History page's code was loaded before it was opened"
    assert heading(app) == "History did not load"
    alert = app.page.inner_text("main [role=alert]")
    assert "History page's code could not be downloaded" in alert
    app.screenshot("error-page-code")
    assert "Loading" not in app.page.inner_text("main")
    # The tab bar stays, so the rest of the app is one tap away.
    assert app.page.is_visible(".tabbar a[data-route=today]")

    app.page.unroute("**/static/pwa/js/pages/history*.js")
    app.page.click("main button:has-text('Try again')")
    app.page.wait_for_selector("main .view-history h1")
    assert heading(app) == "History"
    assert "#/history" in app.page.url


def test_an_api_error_while_a_page_renders_is_named_and_try_again_renders_it(
    app_without_worker: App, patient: Patient
) -> None:
    app = app_without_worker
    app.sign_in_as(patient)
    app.open("#/today")
    # The Reports page, as if its first request had been answered 503 while it rendered:
    # the page's own code, whose first render meets the error.
    failing_module = """
        import { ApiError } from "../api.js";
        import * as reports from "./reports.js?unrouted";
        let renders = 0;
        export async function render(main, options) {
          renders += 1;
          if (renders === 1)
            throw new ApiError(503, { detail: "The journal is being updated." });
          return reports.render(main, options);
        }
    """
    pattern = "**/static/pwa/js/pages/reports*.js"
    app.page.route(
        pattern,
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body=failing_module
        ),
    )
    app.page.click(".tabbar a[data-route=reports]")
    app.page.wait_for_selector("main .view-failed h1")
    assert heading(app) == "Reports did not load"
    alert = app.page.inner_text("main [role=alert]")
    assert "(503)" in alert and "The journal is being updated." in alert
    assert app.page.title().startswith("Not loaded")

    app.page.click("main button:has-text('Try again')")
    app.page.wait_for_selector("main .view-reports h1")
    assert heading(app) == "Reports"


def test_when_the_app_itself_cannot_start_it_says_so_instead_of_loading_for_ever(
    app_without_worker: App, patient: Patient
) -> None:
    app = app_without_worker
    app.sign_in_as(patient)
    pattern = "**/static/pwa/js/sync*.js"
    app.page.route(pattern, lambda route: route.abort("internetdisconnected"))
    app.page.goto(f"{app.server.url}/#/today")
    app.page.wait_for_selector("main h1")
    assert heading(app) == "Footnote did not start"
    app.screenshot("error-app-start")
    assert "could not be downloaded" in app.page.inner_text("main [role=alert]")

    app.page.unroute(pattern)
    app.page.click("main button:has-text('Try again')")
    app.page.wait_for_selector("main .view-today h1")
