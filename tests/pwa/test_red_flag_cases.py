"""The shared red-flag case table (tests/red_flag_cases.json) against the phone's check.

rules.md, "The red-flag check on the phone": one table of cases runs against the Python
rule (tests/journal/test_red_flag_cases.py) and here, in Chromium, against the app's own
JavaScript, fed the screen definition the shell carries. The app is loaded, then cut off
(the service worker's requests too), so what runs is what a phone runs offline. The
phone's advice must also read word for word as the flag the server would store.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from journal.rules import urgent_findings
from tests.journal.test_red_flag_cases import day_entry, on
from tests.pwa.conftest import App

pytestmark = pytest.mark.browser

TABLE = json.loads((Path(__file__).resolve().parents[1] / "red_flag_cases.json").read_text())
CASES: list[dict[str, Any]] = TABLE["cases"]
DAY_ZERO = on(0).isoformat()

RUN_EVERY_CASE = """async ([cases, dayZero]) => {
  const m = await import("/static/pwa/js/today/redflag.js");
  const definition = JSON.parse(document.getElementById("vocabulary").textContent)
    .red_flag_screen;
  const on = (offset) => m.shiftDate(dayZero, offset);
  return cases.map((c) => {
    const entries = c.days.map(({ offset, ...day }) => ({ ...day, date: on(offset) }));
    const found = m.screen(entries, c.written.map(on), definition);
    const advice = m.advice(found, definition);
    return {
      name: c.name,
      code: found ? found.code : null,
      dates: found ? found.dates : [],
      advice: advice ? { code: advice.code, explanation: advice.explanation } : null,
    };
  });
}"""


def python_explanation(case: dict[str, Any]) -> str | None:
    entries = [day_entry(day) for day in case["days"]]
    findings = urgent_findings(entries, written=[on(offset) for offset in case["written"]])
    return findings[0].explanation if findings else None


def test_the_phone_check_answers_every_case_of_the_shared_table_offline(
    app: App, context: Any
) -> None:
    app.open("#/signin")
    app.wait_for_service_worker()
    context.set_offline(True)
    context.route("**/*", lambda route: route.abort("internetdisconnected"))
    # The module comes from the service worker's cache, as on a phone without signal.
    app.page.reload()
    app.page.wait_for_selector("main h1")

    answers = app.page.evaluate(RUN_EVERY_CASE, [CASES, DAY_ZERO])

    failures = []
    for case, answer in zip(CASES, answers, strict=True):
        expect = case["expect"]
        wanted = (expect["code"], [on(offset).isoformat() for offset in expect["dates"]])
        got = (answer["code"], answer["dates"])
        if got != wanted:
            failures.append(f"{case['name']}: expected {wanted}, got {got}")
        elif (answer["advice"] or {}).get("explanation") != python_explanation(case):
            failures.append(f"{case['name']}: the advice is not worded as the server's flag")
    assert not failures, f"{len(failures)} of {len(CASES)} cases failed:\n" + "\n".join(failures)
