"""Today, version 2 (pwa.md): nothing typed is lost, the check-in is the whole day unless
chosen, a returning day in six taps, a marked place opens for editing, touch-sized pain
buttons, and the outer edge of the foot on both views. In a real browser, at 360 x 640."""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

import pytest

from tests.pwa.conftest import TIME_ZONE, VIEWPORT, App, AppServer, Patient, days_ago, today_in_zone
from tests.pwa.test_browser import region, server_entries

pytestmark = pytest.mark.browser

MAX_TAPS_FOR_A_RETURNING_DAY = 6
MIN_TARGET_PX = 44


class TapsInSight:
    """Every tap counted, and each on something already in sight: on the screen, not
    under the dock, so the person did not have to scroll to reach it."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def __call__(self, locator: Any) -> None:
        locator.wait_for()
        on_top = locator.evaluate(
            """(el) => {
                 const box = el.getBoundingClientRect();
                 const x = box.left + box.width / 2, y = box.top + box.height / 2;
                 if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return false;
                 const hit = document.elementFromPoint(x, y);
                 return hit === el || el.contains(hit);
               }"""
        )
        assert on_top, f"tap {self.count + 1} needs a scroll first: {locator}"
        locator.click()
        self.count += 1


def create_entry(server: AppServer, patient: Patient, body: dict[str, Any]) -> dict[str, Any]:
    status, created = server.api("POST", "/api/v1/entries/", token=patient.token, body=body)
    assert status == 201, created
    return dict(created)


def test_a_medication_typed_but_not_added_is_saved_with_the_day(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.locator(region("shin_inner", "left")).click()

    # A dose alone: Save asks for the name instead of dropping it.
    page.fill("#med-dose", "400 mg")
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Which medication is the dose for?')")
    assert page.evaluate("document.activeElement.id") == "med-name"
    assert app.outbox() == []

    page.fill("#med-name", "Ibuprofen")
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved')")
    (entry,) = server_entries(app_server, patient)
    assert entry["medications"] == [{"name": "Ibuprofen", "dose": "400 mg", "times": 1}]
    # Now taken, listed, and the fields are free for another.
    assert "Ibuprofen 400 mg" in page.locator("ul.meds").inner_text()
    assert page.input_value("#med-name") == ""


def test_unsaved_changes_survive_a_reload_as_a_draft_the_person_sees_and_can_discard(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.locator(region("knee", "right")).click()
    page.fill("#notes", "Worse on the stairs")
    page.fill("#med-name", "Naproxen")

    page.reload()
    page.wait_for_selector("main h1:text-is('Today')")
    notice = page.locator(".draft-notice")
    assert "Not saved yet" in notice.inner_text()
    assert page.locator(region("knee", "right")).get_attribute("aria-pressed") == "true"
    assert page.input_value("#notes") == "Worse on the stairs"
    assert page.input_value("#med-name") == "Naproxen"
    app.screenshot("today-draft")
    assert app.layout_problems() == []

    # An abandoned day is named on the other days, to open or discard.
    yesterday = days_ago(1)
    page.evaluate(f"location.hash = '#/today/{yesterday}'")
    page.wait_for_selector("main h1:not(:text-is('Today'))")
    others = page.locator(".other-drafts")
    assert "not saved" in others.inner_text()
    app.screenshot("today-other-drafts")
    assert app.layout_problems() == []
    others.get_by_role("link", name="Open").click()
    page.wait_for_selector("main h1:text-is('Today')")

    page.get_by_role("button", name="Discard changes").click()
    page.get_by_role("dialog").get_by_role("button", name="Discard changes").click()
    page.wait_for_selector("#toast:text('Changes discarded')")
    assert page.locator(region("knee", "right")).get_attribute("aria-pressed") == "false"
    assert page.input_value("#notes") == ""
    assert page.locator(".draft-notice").count() == 0
    page.reload()
    page.wait_for_selector("main h1:text-is('Today')")
    assert page.locator(".draft-notice, .other-drafts").count() == 0
    assert server_entries(app_server, patient) == []


def test_at_half_past_eleven_at_night_the_check_in_is_still_the_whole_day(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    today = today_in_zone()
    late = datetime(today.year, today.month, today.day, 23, 30, tzinfo=zoneinfo.ZoneInfo(TIME_ZONE))
    page.clock.set_fixed_time(late)
    app.sign_in_as(patient)
    app.open("#/today")
    assert page.evaluate("new Date().getHours()") == 23
    assert page.input_value("#part-of-day") == ""
    page.locator(region("shin_outer", "right")).click()
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved')")
    (entry,) = server_entries(app_server, patient)
    assert entry["date"] == today.isoformat()
    assert [s["part_of_day"] for s in entry["symptoms"]] == [None]


def test_a_returning_day_takes_six_taps_or_fewer_without_typing_or_scrolling(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    """Yesterday is on the server (logged on another phone); today is much the same, the
    outer thigh a little worse."""
    yesterday = {
        "date": days_ago(1),
        "symptoms": [
            {"region": "thigh_outer", "side": "left", "pain": 4},
            {"region": "shin_outer", "side": "left", "pain": 3, "tingling": True},
        ],
        "signs": [
            {"code": "tripping", "side": "left", "count": 1},
            {"code": "night_pain", "side": ""},
        ],
        "medications": [{"name": "Ibuprofen", "dose": "400 mg", "times": 2}],
    }
    create_entry(app_server, patient, yesterday)
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    tap = TapsInSight(page)
    page.get_by_role("button", name="Same as yesterday").wait_for()
    app.screenshot("today-returning")

    tap(page.get_by_role("button", name="Same as yesterday"))
    page.wait_for_selector(".copied-notice")
    app.screenshot("today-same-as-yesterday")
    assert app.layout_problems() == []
    tap(page.locator(region("thigh_outer", "left")))
    tap(page.get_by_role("button", name="Pain 6", exact=True))
    app.screenshot("today-returning-adjusted")
    tap(page.locator("button.save"))
    page.wait_for_selector("#toast:text('Saved')")

    assert tap.count <= MAX_TAPS_FOR_A_RETURNING_DAY
    entries = server_entries(app_server, patient, **{"from": days_ago(0), "to": days_ago(0)})
    (entry,) = entries
    places = {(s["region"], s["side"], s["pain"], s["tingling"]) for s in entry["symptoms"]}
    assert places == {("thigh_outer", "left", 6, False), ("shin_outer", "left", 3, True)}
    signs = {(s["code"], s["side"], s["count"]) for s in entry["signs"]}
    assert signs == {("tripping", "left", 1), ("night_pain", None, None)}
    assert entry["medications"] == yesterday["medications"]


def test_medications_used_before_come_from_the_patients_entries_on_the_server(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    """A new phone (nothing stored in this browser) still offers them, newest first."""
    create_entry(
        app_server,
        patient,
        {"date": days_ago(20), "medications": [{"name": "Naproxen", "dose": "250 mg", "times": 1}]},
    )
    create_entry(
        app_server,
        patient,
        {"date": days_ago(5), "medications": [{"name": "Gabapentin", "dose": "", "times": 1}]},
    )
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    chips = page.get_by_role("group", name="Medications you used before")
    chips.get_by_role("button", name="+ Naproxen 250 mg").wait_for()
    assert chips.get_by_role("button").all_inner_texts() == ["+ Gabapentin", "+ Naproxen 250 mg"]


def test_tapping_a_marked_place_opens_it_and_removing_is_the_editors_button(
    app: App, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    knee = page.locator(region("knee", "right"))
    knee.click()
    page.get_by_role("button", name="Pain 7", exact=True).click()
    page.locator(".dock .editor").get_by_role("button", name="Close").click()
    assert page.locator(".dock .editor").is_hidden()

    knee.click()
    editor = page.locator(".dock .editor")
    assert editor.is_visible()
    assert editor.locator("h2").inner_text() == "Right knee"
    assert knee.get_attribute("aria-pressed") == "true"
    assert editor.get_by_role("button", name="Pain 7").get_attribute("aria-pressed") == "true"
    app.screenshot("today-editing-a-place")

    editor.get_by_role("button", name="Remove").click()
    assert knee.get_attribute("aria-pressed") == "false"
    assert editor.is_hidden()
    assert "Nothing marked" in page.locator("ul.places").inner_text()


def test_pain_buttons_are_44_px_both_ways_and_the_outer_edge_of_the_foot_is_on_both_views(
    app: App, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    assert page.viewport_size == VIEWPORT
    page.locator(region("foot_outer", "left")).click()
    boxes = [b.bounding_box() for b in page.locator(".dock button.pain").all()]
    assert len(boxes) == 11
    assert all(b["width"] >= MIN_TARGET_PX and b["height"] >= MIN_TARGET_PX for b in boxes), boxes
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= VIEWPORT["width"] for b in boxes)
    app.screenshot("today-pain-buttons")

    # The same place, seen from below on the back view: marked there too, and tappable.
    page.get_by_role("button", name="Back", exact=True).click()
    back_edge = page.locator(region("foot_outer", "left"))
    assert back_edge.get_attribute("aria-pressed") == "true"
    right_edge = page.locator(region("foot_outer", "right"))
    box = right_edge.bounding_box()
    assert box["width"] >= MIN_TARGET_PX and box["height"] >= MIN_TARGET_PX, box
    right_edge.click()
    assert right_edge.get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Front", exact=True).click()
    assert page.locator(region("foot_outer", "right")).get_attribute("aria-pressed") == "true"
    page.get_by_role("button", name="Back", exact=True).click()
    page.locator(region("foot_outer", "right")).scroll_into_view_if_needed()
    app.screenshot("today-back-foot-edges")
    assert app.layout_problems() == []
