"""The weekly check in the phone app: the due card on Today, the form, the offline outbox,
and the trend in History (reports.md, "The weekly check")."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.pwa.conftest import App, AppServer, Patient, days_ago
from tests.pwa.test_browser import wait_until
from tests.support.questionnaires import fhir_response

pytestmark = pytest.mark.browser

INSTRUMENT = json.loads(
    (
        Path(__file__).resolve().parents[2] / "journal/instruments/footnote-weekly-check.json"
    ).read_text()
)
QUESTIONNAIRE = INSTRUMENT["id"]
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
ORDINAL = "http://hl7.org/fhir/StructureDefinition/ordinalValue"

# One answer per item: a number for a rating, a code for a choice.
ANSWERS: dict[str, int | str] = {
    "leg_pain_average": 6,
    "leg_pain_worst": 9,
    "back_pain_average": 3,
    "back_pain_worst": 4,
    "walking_distance": "100_to_500m",
    "sitting_time": "30_to_60min",
    "interference_activities": 5,
    "interference_work": 7,
    "interference_sleep": 2,
}
EARLIER: dict[str, int | str] = {
    **ANSWERS,
    "leg_pain_average": 8,
    "leg_pain_worst": 10,
    "walking_distance": "under_100m",
    "interference_sleep": 6,
}


def _extension(node: dict[str, Any], url: str) -> Any:
    return next(e for e in node.get("extension", []) if e["url"] == url)


def _ordinal(item: dict[str, Any], code: str) -> float:
    option = next(o for o in item["answerOption"] if o["valueCoding"]["code"] == code)
    return float(_extension(option, ORDINAL)["valueDecimal"])


def _item_range(item: dict[str, Any]) -> tuple[float, float]:
    if item["type"] == "choice":
        ordinals = [_ordinal(item, o["valueCoding"]["code"]) for o in item["answerOption"]]
        return min(ordinals), max(ordinals)
    return (
        float(_extension(item, MIN_VALUE)["valueInteger"]),
        float(_extension(item, MAX_VALUE)["valueInteger"]),
    )


def expected_scores(answers: dict[str, int | str]) -> dict[str, float]:
    """Each score the instrument declares, computed here from its JSON and the answers."""
    items = {item["linkId"]: item for item in INSTRUMENT["item"]}

    def value(link: str) -> float:
        answer = answers[link]
        return _ordinal(items[link], answer) if isinstance(answer, str) else float(answer)

    scores = {}
    for extension in INSTRUMENT["extension"]:
        if extension["url"] != "urn:footnote:fhir:score":
            continue
        parts = extension["extension"]
        name = next(p["valueString"] for p in parts if p["url"] == "name")
        method = next(p["valueCode"] for p in parts if p["url"] == "method")
        links = [p["valueString"] for p in parts if p["url"] == "item"]
        values = [value(link) for link in links]
        if method == "sum":
            score = sum(values)
        elif method == "mean":
            score = sum(values) / len(values)
        else:
            score = 100 * sum(values) / sum(_item_range(items[link])[1] for link in links)
        scores[name] = round(score, 1)
    return scores


def shown(value: float, name: str) -> str:
    """A score as the app writes it: 6.5, 7, or 50% for a percent score."""
    text = str(int(value)) if value == int(value) else f"{value:.1f}"
    return f"{text}%" if name == "walking_sitting_limit" else text


def server_answers(server: AppServer, token: str) -> list[dict[str, Any]]:
    status, body = server.api("GET", "/api/v1/questionnaires/responses/", token=token)
    assert status == 200, body
    return list(body["results"])


def answer_every_question(app: App, answers: dict[str, int | str]) -> None:
    page = app.page
    for item in INSTRUMENT["item"]:
        answer = answers[item["linkId"]]
        label = (
            next(
                o["valueCoding"]["display"]
                for o in item["answerOption"]
                if o["valueCoding"]["code"] == answer
            )
            if isinstance(answer, str)
            else str(answer)
        )
        question = page.locator(f".question[data-link='{item['linkId']}']")
        question.get_by_role("button", name=label, exact=True).click()
        assert (
            question.get_by_role("button", name=label, exact=True).get_attribute("aria-pressed")
            == "true"
        )


def test_due_card_offline_answer_sent_once_and_the_trend_in_history(
    app: App, app_server: AppServer, patient: Patient, context: Any
) -> None:
    page = app.page
    # A first answer a week ago: this week's is due, and History has a change to show.
    status, first = app_server.api(
        "POST",
        f"/api/v1/questionnaires/{QUESTIONNAIRE}/responses/",
        token=patient.token,
        body=fhir_response(EARLIER, days_ago(7)),
    )
    assert status == 201, first

    app.sign_in_as(patient)
    app.open("#/today")
    card = page.locator(".weekly-due")
    card.wait_for()
    assert card.locator("h2").inner_text() == INSTRUMENT["title"]
    assert card.inner_text().count("Due: 9 questions") == 1
    app.screenshot("weekly-due-card")
    assert app.layout_problems() == []

    card.get_by_role("link", name="Answer", exact=True).click()
    page.wait_for_selector(".weekly-form")
    # Every answer is a big tap target: 44 px or more both ways.
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.rating, .choice')].map((b) => {
              const box = b.getBoundingClientRect();
              return [box.width, box.height];
            })"""
    )
    assert sizes and min(min(w, h) for w, h in sizes) >= 44, sizes
    # Sending with nothing answered names what is missing, and sends nothing.
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_selector(".form-error:has-text('9 questions have no answer yet')")
    answer_every_question(app, ANSWERS)
    page.locator(".question").first.scroll_into_view_if_needed()
    app.screenshot("weekly-form")
    assert app.layout_problems() == []

    context.set_offline(True)
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_selector(".weekly-kept")
    (queued,) = [item for item in app.outbox() if item["op"] == "response"]
    assert queued["questionnaire"] == QUESTIONNAIRE
    assert queued["response"]["resourceType"] == "QuestionnaireResponse"
    assert len(server_answers(app_server, patient.token)) == 1  # only the seeded one

    # Today says it will be sent, and offers no second check.
    page.get_by_role("link", name="Back to Today").click()
    page.wait_for_selector(".weekly-due:has-text('will be sent when you are back online')")
    app.screenshot("weekly-due-card-offline")

    context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    app.wait_until(
        """() => new Promise((resolve) => {
              const open = indexedDB.open("footnote");
              open.onsuccess = () => {
                const get = open.result.transaction("outbox").objectStore("outbox").getAll();
                get.onsuccess = () => { open.result.close(); resolve(get.result.length === 0); };
              };
            })""",
        "the answer was not sent",
    )
    answers = server_answers(app_server, patient.token)
    assert [a["id"] for a in answers] == [queued["response"]["id"], first["id"]]
    expected = expected_scores(ANSWERS)
    assert {s["name"]: s["value"] for s in answers[0]["scores"]} == expected
    assert answers[0]["authored"] == days_ago(0)

    # The outbox's request sent again (a lost answer, a second tab) is stored once.
    status, again = app_server.api(
        "POST",
        f"/api/v1/questionnaires/{QUESTIONNAIRE}/responses/",
        token=patient.token,
        body=queued["response"],
    )
    assert status == 200, again
    assert len(server_answers(app_server, patient.token)) == 2

    # Answered: the card is gone.
    page.wait_for_selector(".weekly-due", state="detached")
    with page.expect_response("**/api/v1/questionnaires/"):
        page.reload()
    page.wait_for_selector(".weekly-due-slot", state="attached")
    assert page.locator(".weekly-due").count() == 0

    # History: this answer's scores, and the change since the first.
    page.get_by_role("link", name="History", exact=True).click()
    page.wait_for_selector(".weekly-trend[data-state=fresh]")
    page.get_by_text("Each answer (2)").click()
    newest = page.locator(f".weekly-answer[data-id='{queued['response']['id']}']")
    before = expected_scores(EARLIER)
    text = newest.inner_text()
    for name, value in expected.items():
        assert shown(value, name) in text
    trend = page.locator(".weekly-trend")
    for name, value in expected.items():
        row = trend.locator(f".trend-score[data-score='{name}']")
        assert row.locator(".trend-value").inner_text() == shown(value, name)
        moved = round(value - before[name], 1)
        if moved:
            sign = "+" if moved > 0 else "−"
            assert (
                f"{sign}{shown(abs(moved), name)} since"
                in row.locator(".trend-change").inner_text()
            )
        else:
            assert row.locator(".trend-change").inner_text().startswith("no change")
    trend.scroll_into_view_if_needed()
    app.screenshot("history-weekly-trend")
    newest.scroll_into_view_if_needed()
    app.screenshot("history-weekly-answers")
    assert app.layout_problems() == []


def test_an_answer_sent_online_shows_its_scores_at_once(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open(f"#/weekly/{QUESTIONNAIRE}")
    page.wait_for_selector(".weekly-form")
    answer_every_question(app, EARLIER)
    page.get_by_role("button", name="Send", exact=True).click()
    page.wait_for_selector(".weekly-scores")
    expected = expected_scores(EARLIER)
    for name, value in expected.items():
        assert (
            page.locator(f".weekly-scores [data-score='{name}'] strong")
            .inner_text()
            .startswith(shown(value, name))
        )
    (stored,) = server_answers(app_server, patient.token)
    assert {s["name"]: s["value"] for s in stored["scores"]} == expected
    assert [item for item in app.outbox() if item.get("op") == "response"] == []
    app.screenshot("weekly-scores")
    assert app.layout_problems() == []


def test_an_answer_the_server_failed_to_take_is_sent_again_within_half_a_minute(
    app: App, app_server: AppServer, patient: Patient, context: Any
) -> None:
    """Online, but the server answers 503 once: the answer waits in the outbox, and the
    half-minute retry sends it without the person doing anything."""
    page = app.page
    page.clock.install()  # the app's timers run on a clock the test moves
    app.sign_in_as(patient)
    app.open(f"#/weekly/{QUESTIONNAIRE}")
    page.wait_for_selector(".weekly-form")
    answer_every_question(app, ANSWERS)

    refused: list[str] = []

    def refuse_once(route: Any) -> None:
        if route.request.method == "POST" and not refused:
            refused.append(route.request.url)
            route.fulfill(status=503, content_type="application/json", body='{"detail": "busy"}')
        else:
            route.continue_()

    # On the context: the service worker's requests pass there, not through the page.
    context.route("**/api/v1/questionnaires/*/responses/", refuse_once)
    page.get_by_role("button", name="Send", exact=True).click()
    # (Each poll asks the page something: Playwright runs the route handler meanwhile.)
    wait_until(
        lambda: app.outbox() is not None and len(refused) == 1,
        what="the server to refuse the answer",
    )
    (waiting,) = [item for item in app.outbox() if item["op"] == "response"]
    assert waiting["state"] == "waiting"
    assert server_answers(app_server, patient.token) == []

    page.clock.run_for(31_000)
    wait_until(
        lambda: not [item for item in app.outbox() if item["op"] == "response"],
        what="the answer to leave the outbox",
    )
    (stored,) = server_answers(app_server, patient.token)
    assert stored["id"] == waiting["response"]["id"]
    assert {s["name"]: s["value"] for s in stored["scores"]} == expected_scores(ANSWERS)
