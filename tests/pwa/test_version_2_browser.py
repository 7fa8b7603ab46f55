"""What rules version 2 adds to the phone app, in a real browser: the advice before Save,
the new places and signs, the health history, and urgent alerts that stay listed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.pwa.conftest import App, AppServer, Patient, days_ago, today_in_zone
from tests.pwa.test_browser import region, server_entries

pytestmark = pytest.mark.browser

FEVER = "A temperature, or feeling feverish or shivery"
BLADDER = "New trouble passing urine, or leaking"


def go_offline(context: Any) -> None:
    """The browser's own requests and the service worker's."""
    context.set_offline(True)
    context.route("**/*", lambda route: route.abort("internetdisconnected"))


def test_offline_the_emergency_advice_shows_as_soon_as_the_saddle_is_marked_numb(
    app: App, patient: Patient, context: Any
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    app.wait_for_service_worker()
    go_offline(context)
    page.reload()
    page.wait_for_selector("main h1:text-is('Today')")

    page.get_by_role("button", name="Back", exact=True).click()
    page.locator(region("saddle", "left")).click()
    assert page.get_by_role("alertdialog").count() == 0  # pain alone is not a red flag
    page.get_by_role("button", name="Numb", exact=True).click()

    emergency = page.get_by_role("alertdialog")
    emergency.wait_for()
    text = emergency.inner_text()
    assert "Seek emergency care now" in text
    assert "You logged numbness or tingling between the legs" in text
    assert emergency.locator("a[href^='tel:']").count() >= 1
    assert app.outbox() == []  # before Save
    app.screenshot("today-advice-emergency")
    assert app.layout_problems() == []
    page.get_by_role("button", name="I understand").click()

    # The advice stays on the day, in full at the top and in a line above Save.
    card = page.locator("#day-advice.urgent")
    assert "cauda equina" in card.inner_text()
    bar = page.locator(".dock .advice-bar.urgent")
    assert bar.is_visible()
    assert bar.locator("a[href^='tel:']").count() >= 1
    app.screenshot("today-advice-dock")
    page.evaluate("window.scrollTo(0, 0)")
    app.screenshot("today-advice")
    assert app.layout_problems() == []

    # Taking the numbness away takes the advice away.
    page.locator(".dock button.chip:has-text('Numb')").click()
    page.locator("#day-advice").wait_for(state="detached")
    assert bar.is_hidden()


def test_a_bladder_change_alone_gets_the_advice_for_today_before_save(
    app: App, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.get_by_role("button", name=BLADDER).click()
    card = page.locator("#day-advice.prompt")
    card.wait_for()
    assert "Contact a doctor or an urgent care service today" in card.inner_text()
    assert page.get_by_role("alertdialog").count() == 0
    assert page.locator(".dock .advice-bar.prompt").is_visible()
    page.locator("[data-sign=bladder_change]").scroll_into_view_if_needed()
    app.screenshot("today-advice-warning")
    assert app.layout_problems() == []


def test_a_bladder_change_a_week_after_back_pain_the_phone_holds_is_the_red_flag(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    """Back pain logged a week before (on another device): the phone reads the days it
    holds before the day being edited, so a bladder change is the red flag."""
    page = app.page
    status, body = app_server.api(
        "POST",
        "/api/v1/entries/",
        token=patient.token,
        body={
            "date": days_ago(8),
            "symptoms": [{"region": "lower_back", "side": "center", "pain": 2}],
        },
    )
    assert status == 201, body
    app.sign_in_as(patient)
    app.open(f"#/today/{days_ago(1)}")
    page.wait_for_load_state("networkidle")  # the start-up sync brought that day
    page.get_by_role("button", name=BLADDER).click()
    emergency = page.get_by_role("alertdialog")
    emergency.wait_for()
    assert "with back or leg symptoms" in emergency.inner_text()


def test_a_day_with_the_ball_of_the_foot_the_saddle_on_one_side_and_a_fever_is_saved_and_read_back(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.get_by_role("button", name="Back", exact=True).click()
    page.locator(region("forefoot", "right")).click()
    page.locator(region("saddle", "left")).click()
    assert "between the legs" in page.locator(".dock .editor").inner_text()
    page.get_by_role("button", name="Pain 3").click()
    page.get_by_role("button", name=FEVER).click()
    page.get_by_role("button", name="Standing still, without sitting, eases it").click()
    # Pain in the saddle area, a fever: worth a word from a doctor, not the screen's.
    assert page.locator("#day-advice").count() == 0
    page.locator("[data-sign=fever]").scroll_into_view_if_needed()
    app.screenshot("today-new-places-and-signs")
    assert app.layout_problems() == []
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved')")

    (entry,) = server_entries(app_server, patient)
    assert entry["date"] == today_in_zone().isoformat()
    places = {(s["region"], s["side"], s["pain"]) for s in entry["symptoms"]}
    assert places == {("forefoot", "right", 5), ("saddle", "left", 3)}
    assert [(s["code"], s["side"]) for s in entry["signs"]] == [("fever", None)]
    assert entry["standing_still_relieves_leg_pain"] is True

    page.reload()
    page.wait_for_selector("main h1:text-is('Today')")
    page.get_by_role("button", name="Back", exact=True).click()
    assert page.locator(region("forefoot", "right")).get_attribute("aria-pressed") == "true"
    assert page.locator(region("saddle", "left")).get_attribute("aria-pressed") == "true"
    assert page.locator(region("saddle", "center")).get_attribute("aria-pressed") == "false"
    assert page.get_by_role("button", name=FEVER).get_attribute("aria-pressed") == "true"
    assert "Saddle area, left" in page.locator("ul.places").inner_text()


def test_the_health_history_is_asked_in_plain_words_and_shown_as_answered(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/account")
    page.wait_for_load_state("networkidle")
    card = page.locator("section[aria-labelledby=history-h]")
    card.get_by_role("button", name="Diabetes", exact=True).click()
    card.get_by_role("button", name="Osteoporosis (thin bones)").click()
    card.get_by_role("button", name="None of these").click()  # an answer of its own
    assert card.get_by_role("button", name="Diabetes", exact=True).get_attribute(
        "aria-pressed"
    ) == ("false")
    card.get_by_role("button", name="Diabetes", exact=True).click()
    card.get_by_role("button", name="Osteoporosis (thin bones)").click()
    app.screenshot("account-health-history")
    assert app.layout_problems() == []
    card.get_by_role("button", name="Save answer").click()
    page.wait_for_selector("#toast:text('Answer saved')")
    _, profile = app_server.api("GET", "/api/v1/profile/", token=patient.token)
    assert profile["health_history"] == ["osteoporosis", "diabetes"]
    assert "Your answer: Osteoporosis (thin bones); Diabetes." in card.inner_text()

    # Shown as answered on the next visit too; "Prefer not to say" is an answer.
    page.reload()
    page.wait_for_selector("main h1:text-is('Account')")
    card.get_by_role("button", name="Change answer").click()
    card.get_by_role("button", name="Prefer not to say").click()
    card.get_by_role("button", name="Save answer").click()
    page.wait_for_selector("text=You preferred not to say.")
    _, profile = app_server.api("GET", "/api/v1/profile/", token=patient.token)
    assert profile["health_history"] == ["prefer_not_to_say"]
    card.scroll_into_view_if_needed()
    app.screenshot("account-health-history-answered")
    assert app.layout_problems() == []


def test_an_urgent_alert_is_read_only_with_a_confirmation_and_stays_under_past_alerts(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    saddle = {"region": "saddle", "side": "right", "pain": 0, "numbness": True}
    for ago in (4, 2):
        status, body = app_server.api(
            "POST",
            "/api/v1/entries/",
            token=patient.token,
            body={"date": days_ago(ago), "symptoms": [saddle]},
        )
        assert status == 201, body
    app.sign_in_as(patient)
    app.open("#/patterns")
    flag = page.locator("article.flag.urgent")
    flag.wait_for()
    assert f"Since {_date_words(page, days_ago(4))}" in flag.inner_text()
    app.screenshot("patterns")
    assert app.layout_problems() == []

    sent: list[Any] = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.post_data_json) if request.url.endswith("/acknowledge/") else None
        ),
    )
    flag.get_by_role("button", name="I have read this").click()
    dialog = page.get_by_role("dialog")
    assert "I have read this and will seek care" in dialog.inner_text()
    dialog.get_by_role("button", name="Not yet").click()
    assert sent == []
    flag.get_by_role("button", name="I have read this").click()
    dialog.get_by_role("button", name="I have read this and will seek care").click()
    page.wait_for_selector("#toast:text('Marked as read')")
    assert sent == [{"confirm": True}]

    past = page.locator("section.past-alerts")
    past.wait_for()
    assert "Saddle" in past.inner_text() or "emergency" in past.inner_text().lower()
    assert past.get_by_role("button", name="I have read this").count() == 0
    app.screenshot("patterns-past-alerts", full_page=True)
    assert app.layout_problems() == []
    _, flags = app_server.api("GET", "/api/v1/flags/", token=patient.token)
    (urgent,) = [f for f in flags["results"] if f["severity"] == "urgent"]
    assert urgent["status"] == "acknowledged"


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _date_words(page: Any, iso: str) -> str:
    """A date as the app writes it everywhere: "2 Nov 2026" (ui.formatDate)."""
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def test_the_phone_and_the_server_word_the_advice_alike(app: App, patient: Patient) -> None:
    """The dialog after Save shows the server's flag; before Save, the phone's own words."""
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.get_by_role("button", name=BLADDER).click()
    before = page.locator("#day-advice .advice-explanation").inner_text()
    page.locator("button.save").click()
    sheet = page.get_by_role("dialog")
    sheet.wait_for()
    assert before in sheet.inner_text()
    app.screenshot("today-advice-after-save")
    assert app.layout_problems() == []
    assert "{logged}" not in before
