"""axe-core finds no violation on any page of the app (pwa.md, version 2).

axe-core is the npm package pinned in package-lock.json (installed by `npm ci`), put in
the page by the test, never fetched from a CDN. The app's Content-Security-Policy
refuses any script the app did not serve, so this test's browser context bypasses the
CSP, and only this one. Each page is also photographed at 360 x 640 into
tests/pwa/artifacts/ (a11y-<page>.png), to be looked at.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.pwa.conftest import CONTEXT_OPTIONS, App, AppServer, Patient, days_ago
from tests.pwa.test_weekly_check_browser import ANSWERS, QUESTIONNAIRE, fhir_response
from tests.support.services import missing

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def locked_version(package: str) -> str:
    lock = json.loads((ROOT / "package-lock.json").read_text())
    return str(lock["packages"][f"node_modules/{package}"]["version"])


def installed_version(package: str) -> str | None:
    manifest = ROOT / "node_modules" / package / "package.json"
    return json.loads(manifest.read_text())["version"] if manifest.exists() else None


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core as locked: installed with `npm ci` when missing or another version."""
    wanted = locked_version("axe-core")
    if installed_version("axe-core") != wanted:
        npm = shutil.which("npm")
        if npm is None:
            missing("npm (to install axe-core from package-lock.json)")
        assert npm is not None
        done = subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or installed_version("axe-core") != wanted:
            missing(f"axe-core {wanted} (npm ci: {done.stderr.strip()[-300:]})")
    return AXE.read_text()


@pytest.fixture
def audited(browser: Any, app_server: AppServer, axe_source: str) -> Iterator[App]:
    context = browser.new_context(**{**CONTEXT_OPTIONS, "bypass_csp": True})
    context.set_default_timeout(10_000)
    app = App(context.new_page(), app_server)
    yield app
    context.close()
    assert not app.errors, f"JavaScript errors: {app.errors}"


def violations(app: App, axe_source: str) -> list[str]:
    """axe-core's violations on the page as it is now, one readable line each."""
    if not app.page.evaluate("() => typeof window.axe === 'object'"):
        app.page.add_script_tag(content=axe_source)
    found = app.page.evaluate(
        """async () => {
          const result = await axe.run(document, { resultTypes: ["violations"] });
          return result.violations.map((v) => ({
            id: v.id,
            help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ") + ": " + n.failureSummary),
          }));
        }"""
    )
    return [f"{v['id']} ({v['help']}): {node}" for v in found for node in v["nodes"]]


MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# Dates written any other way than "2 Nov 2026" (pwa.md: one date format everywhere).
OTHER_DATE_FORMATS = {
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "numeric date": re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"),
    "month before day": re.compile(rf"\b{MONTH}[a-z]* \d{{1,2}}\b"),
    "month spelled out": re.compile(
        r"\b\d{1,2} (?:January|February|March|April|June|July|August|September|October"
        r"|November|December)\b"
    ),
    "day and month without a year": re.compile(rf"\b\d{{1,2}} {MONTH}\b(?! \d{{4}})"),
}
JARGON = ("region-day", "region day")


def wording_problems(app: App, name: str) -> list[str]:
    text = str(app.page.inner_text("body"))
    problems = [
        f"{name}: a {kind} on screen: {match.group(0)!r}"
        for kind, pattern in OTHER_DATE_FORMATS.items()
        for match in pattern.finditer(text)
    ]
    problems += [f"{name}: {word!r} on screen" for word in JARGON if word in text.lower()]
    return problems


def audit(app: App, axe_source: str, name: str) -> list[str]:
    app.page.wait_for_load_state("networkidle")
    app.screenshot(f"a11y-{name}")
    found = [f"{name}: {line}" for line in violations(app, axe_source)]
    return found + wording_problems(app, name)


def journal_with_something_on_every_page(server: AppServer, patient: Patient) -> None:
    """Days to chart, a pattern, an event and a report, so no page is an empty state."""
    for days in range(1, 15):
        body = {
            "date": days_ago(days),
            "symptoms": [
                {"region": "sole", "side": "left", "pain": 3 + days % 5, "numbness": True},
                {"region": "calf", "side": "left", "pain": 2 + days % 3},
            ],
            "signs": [{"code": "tripping", "side": "left", "count": 1}],
            "footwear": ["regular"],
        }
        status, answer = server.api("POST", "/api/v1/entries/", token=patient.token, body=body)
        assert status == 201, answer
    event = {"kind": "trauma", "site": "ankle", "side": "left", "date": days_ago(40)}
    status, answer = server.api("POST", "/api/v1/events/", token=patient.token, body=event)
    assert status == 201, answer
    report = {"from": days_ago(29), "to": days_ago(0)}
    status, answer = server.api("POST", "/api/v1/reports/", token=patient.token, body=report)
    assert status == 202, answer


def test_axe_finds_no_violation_and_dates_are_written_one_way_on_any_page(
    audited: App, app_server: AppServer, patient: Patient, axe_source: str
) -> None:
    app = audited
    page = app.page
    found: list[str] = []

    app.open("#/signin")
    found += audit(app, axe_source, "signin")
    app.open("#/register")
    found += audit(app, axe_source, "register")

    journal_with_something_on_every_page(app_server, patient)
    app.sign_in_as(patient)
    page.reload()  # a new document, which the signed-in patient's token is put into
    app.open("#/today")
    found += audit(app, axe_source, "today")
    # Today with places marked, on both views of the body.
    for place in ("svg.bodymap [data-region=foot_top][data-side=left]",):
        page.locator(place).first.click()
    page.get_by_role("button", name="Back", exact=True).click()
    page.locator("svg.bodymap [data-region=lower_back][data-side=center]").first.click()
    found += audit(app, axe_source, "today-marked")

    for route in ("history", "events", "patterns", "reports", "account"):
        app.open(f"#/{route}")
        page.wait_for_selector(f"main .view-{route} h1")
        found += audit(app, axe_source, route)

    # The weekly check's form, then History with an answer's trend.
    app.open(f"#/weekly/{QUESTIONNAIRE}")
    page.wait_for_selector("main .view-weekly h1")
    found += audit(app, axe_source, "weekly")
    status, answer = app_server.api(
        "POST",
        f"/api/v1/questionnaires/{QUESTIONNAIRE}/responses/",
        token=patient.token,
        body=fhir_response(ANSWERS, days_ago(0)),
    )
    assert status == 201, answer
    app.open("#/history")
    page.wait_for_selector("main .view-history h1")
    found += audit(app, axe_source, "history-weekly")

    assert found == [], "\n".join(found)
