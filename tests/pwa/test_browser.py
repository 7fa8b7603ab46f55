"""The phone app in a real browser (pwa.md, "How it is tested")."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.pwa.conftest import (
    CHROMIUM,
    CHROMIUM_ARGS,
    CONTEXT_OPTIONS,
    PASSWORD,
    App,
    AppServer,
    Patient,
    days_ago,
    today_in_zone,
)

pytestmark = pytest.mark.browser

MAX_TAPS_FOR_A_TYPICAL_DAY = 12


class Taps:
    """Every tap the test makes on the person's behalf, counted."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.count = 0

    def __call__(self, selector: str) -> None:
        self.page.locator(selector).click()
        self.count += 1


def region(name: str, side: str) -> str:
    return f"svg.bodymap [data-region={name}][data-side={side}]"


def server_entries(server: AppServer, patient: Patient, **dates: str) -> list[dict[str, Any]]:
    query = "&".join(f"{key}={value}" for key, value in dates.items())
    status, body = server.api("GET", f"/api/v1/entries/?{query}", token=patient.token)
    assert status == 200, body
    return list(body["results"])


def wait_until(predicate: Any, *, timeout: float = 10, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


def test_sign_up_log_a_day_on_the_body_map_and_see_it_in_history(
    app: App, app_server: AppServer
) -> None:
    page = app.page
    app.open("#/signin")
    app.screenshot("signin")
    assert app.layout_problems() == []
    page.get_by_role("link", name="Create an account").click()
    page.fill("#username", "walker-" + str(int(time.time() * 1000)))
    page.fill("#password", "tibial-nerve-9-walks")
    app.screenshot("register")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_selector("main h1:text-is('Today')")

    page.locator(region("shin_outer", "left")).click()
    page.locator(region("foot_top", "left")).click()
    page.get_by_role("button", name="Pain 7").click()
    assert page.locator(region("foot_top", "left")).get_attribute("aria-pressed") == "true"
    app.screenshot("today-editing")
    assert app.layout_problems() == []
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved')")

    page.get_by_role("link", name="History").click()
    page.wait_for_selector("main h1:text-is('History')")
    today_row = page.locator(".day-row").first
    assert "worst pain 7" in today_row.inner_text()
    assert "2 places" in today_row.inner_text()
    page.wait_for_selector("text=up to date")
    app.screenshot("history")
    assert app.layout_problems() == []

    # Tap the day to edit it: the same entry comes back.
    today_row.click()
    page.wait_for_selector("main h1:text-is('Today')")
    assert page.locator(region("foot_top", "left")).get_attribute("aria-pressed") == "true"


def test_a_day_logged_offline_waits_in_the_outbox_and_is_sent_once_back_online(
    app: App, app_server: AppServer, patient: Patient, context: Any
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    app.wait_for_service_worker()
    page.locator(region("knee", "right")).click()
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved')")
    assert len(server_entries(app_server, patient)) == 1

    # Offline: the browser's own requests and the service worker's.
    context.set_offline(True)
    context.route("**/*", lambda route: route.abort("internetdisconnected"))
    yesterday = days_ago(1)
    page.goto(f"{app_server.url}/#/today/{yesterday}")
    page.wait_for_selector("main h1")
    page.get_by_role("button", name="Back", exact=True).click()
    page.locator(region("heel", "left")).click()
    page.get_by_role("button", name="Numb", exact=True).click()
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved on this phone')")
    waiting = app.outbox()
    assert [item["entry"]["date"] for item in waiting] == [yesterday]
    queued_id = waiting[0]["id"]
    page.wait_for_selector("#sync-status:has-text('Offline · 1 waiting')")
    app.screenshot("today-offline")

    # The shell comes from the service worker's cache; the outbox is still there.
    page.reload()
    page.wait_for_selector("main h1")
    page.wait_for_selector("#sync-status:has-text('1 waiting')")
    page.locator("#sync-status").click()
    page.wait_for_selector("main h1:text-is('Waiting to send')")
    app.screenshot("waiting")
    assert app.layout_problems() == []

    context.unroute("**/*")
    context.set_offline(False)
    page.wait_for_selector("#sync-status", state="hidden", timeout=15_000)
    assert app.outbox() == []

    on_server = server_entries(app_server, patient, **{"from": yesterday, "to": yesterday})
    assert [entry["id"] for entry in on_server] == [queued_id]
    (heel,) = on_server[0]["symptoms"]
    assert (heel["region"], heel["side"], heel["numbness"]) == ("heel", "left", True)
    assert len(server_entries(app_server, patient)) == 2


def test_an_expired_session_keeps_the_day_queued_and_asks_to_sign_in_again(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.wait_for_load_state("networkidle")  # the start-up sync is done
    # The session ends elsewhere (signed out on another device, token revoked).
    status, _ = app_server.api("DELETE", "/api/v1/auth/token/", token=patient.token)
    assert status == 204

    page.locator(region("big_toe", "right")).click()
    page.locator("button.save").click()
    page.wait_for_selector("main h1:text-is('Footnote')")
    notice = page.locator(".notice.warning")
    assert "session has ended" in notice.inner_text()
    assert "1 day saved on this phone" in notice.inner_text()
    (item,) = app.outbox()
    assert item["state"] == "auth"
    app.screenshot("signin-expired")

    assert page.input_value("#username") == patient.username
    page.fill("#password", patient.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("main h1:text-is('Today')")
    wait_until(lambda: app.outbox() == [], what="the outbox to empty")
    status, body = app_server.api(
        "POST",
        "/api/v1/auth/token/",
        body={"username": patient.username, "password": patient.password},
    )
    patient.token = body["token"]
    (entry,) = server_entries(app_server, patient)
    assert entry["id"] == item["id"]
    assert entry["symptoms"][0]["region"] == "big_toe"


def mark_saddle_numbness(app: App, *, feeling: str = "Numb") -> None:
    """Mark the saddle numb: the emergency advice comes up before Save; read it."""
    page = app.page
    page.get_by_role("button", name="Back", exact=True).click()
    page.locator(region("saddle", "center")).click()
    page.get_by_role("button", name=feeling, exact=True).click()
    emergency = page.get_by_role("alertdialog")
    emergency.wait_for()
    assert "not saved yet" in emergency.inner_text()
    page.get_by_role("button", name="I understand").click()


def test_saddle_numbness_shows_the_emergency_advice_before_save_and_again_on_save(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    mark_saddle_numbness(app)
    assert server_entries(app_server, patient) == []
    page.locator("button.save").click()

    emergency = page.get_by_role("alertdialog")
    emergency.wait_for()
    assert "Seek emergency care now" in emergency.inner_text()
    assert page.evaluate("document.activeElement.id") == "emergency-title"
    # Nothing else first: no "Saved" message under it.
    assert page.locator("#toast").is_hidden()
    app.screenshot("emergency")
    assert app.layout_problems() == []
    page.get_by_role("button", name="I understand").click()
    page.wait_for_selector("#toast:text('Saved')")


def test_offline_saddle_numbness_still_shows_the_emergency_advice(
    app: App, patient: Patient, context: Any
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    context.set_offline(True)
    mark_saddle_numbness(app, feeling="Tingling")
    page.locator("button.save").click()
    emergency = page.get_by_role("alertdialog")
    emergency.wait_for()
    assert "cauda equina" in emergency.inner_text()
    assert "saved on this phone" in emergency.inner_text()
    assert len(app.outbox()) == 1


def test_on_a_slow_connection_the_emergency_advice_does_not_wait_for_the_server(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.wait_for_load_state("networkidle")  # the start-up sync is done
    # The server's answer is held back until the advice is on screen, so the advice
    # cannot have come from it, however fast or slow this machine is.
    held: list[Any] = []
    page.route("**/api/v1/sync/", lambda route: held.append(route))
    mark_saddle_numbness(app)
    page.locator("button.save").click()

    page.get_by_role("alertdialog").wait_for()
    assert held, "the save did not go to the server"
    assert server_entries(app_server, patient) == []
    page.get_by_role("button", name="I understand").click()

    # The answer arrives late: the day is on the server and the advice is not repeated
    # (it would come before "Saved", which waits for it to be dismissed).
    for route in held:
        route.continue_()
    page.wait_for_selector("#toast:text-is('Saved')")
    assert page.get_by_role("alertdialog").count() == 0
    assert len(server_entries(app_server, patient)) == 1


def test_the_app_is_installable(playwright: Any, app_server: AppServer, tmp_path: Path) -> None:
    _, headers, _ = app_server.get("/manifest.webmanifest")
    assert headers["Content-Type"].startswith("application/manifest+json")
    _, headers, _ = app_server.get("/sw.js")
    assert "no-cache" in headers["Cache-Control"]

    # Chromium never offers to install from an incognito context: use a profile on disk.
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        **CONTEXT_OPTIONS,
    )
    try:
        app = App(context.pages[0] if context.pages else context.new_page(), app_server)
        app.open("#/signin")
        app.wait_for_service_worker()
        scope = app.page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
        assert scope == app_server.url + "/"
        cdp = context.new_cdp_session(app.page)
        assert cdp.send("Page.getAppManifest")["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        assert app.errors == []
    finally:
        context.close()


def test_logging_a_typical_day_takes_at_most_12_taps(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    """Three places, one sign and the shoes, from the Today page."""
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    tap = Taps(page)

    tap(region("shin_outer", "left"))
    tap(region("foot_top", "left"))
    tap("button.pain[aria-label='Pain 7']")
    tap("button.chip:text-is('Tingling')")
    tap(region("big_toe", "left"))
    tap("button.check:has-text('Tripped or caught the toes')")
    tap("button.chip:text-is('High heels')")
    page.locator("[data-sign=tripping]").scroll_into_view_if_needed()
    app.screenshot("today-signs")
    assert app.layout_problems() == []
    tap("button.save")
    page.wait_for_selector("#toast:text('Saved')")

    assert tap.count <= MAX_TAPS_FOR_A_TYPICAL_DAY
    (entry,) = server_entries(app_server, patient)
    assert entry["date"] == today_in_zone().isoformat()
    places = {(s["region"], s["side"], s["pain"], s["tingling"]) for s in entry["symptoms"]}
    assert places == {
        ("shin_outer", "left", 5, False),
        ("foot_top", "left", 7, True),
        ("big_toe", "left", 5, False),
    }
    # The side of the sign comes from where the symptoms are: no extra tap.
    assert [(s["code"], s["side"]) for s in entry["signs"]] == [("tripping", "left")]
    assert entry["footwear"] == ["high_heels"]


def test_every_page_fits_a_360_px_screen(app: App, app_server: AppServer, patient: Patient) -> None:
    page = app.page
    # A journal with something to show: an urgent pattern and a report.
    saddle = {"region": "saddle", "side": "center", "pain": 2, "numbness": True}
    status, body = app_server.api(
        "POST",
        "/api/v1/entries/",
        token=patient.token,
        body={"date": days_ago(2), "symptoms": [saddle], "footwear": ["regular"]},
    )
    assert status == 201, body
    status, body = app_server.api(
        "POST",
        "/api/v1/reports/",
        token=patient.token,
        body={"from": days_ago(29), "to": days_ago(0)},
    )
    assert status == 202, body

    app.sign_in_as(patient)
    app.open("#/today")
    app.screenshot("today")
    app.screenshot("today-full", full_page=True)
    assert app.layout_problems() == []
    page.get_by_role("button", name="Back", exact=True).click()
    page.locator(region("lower_back", "center")).click()
    app.screenshot("today-back")
    assert app.layout_problems() == []

    page.get_by_role("link", name="Patterns").click()
    flag = page.locator("article.flag.urgent")
    flag.wait_for()
    app.screenshot("patterns")
    assert app.layout_problems() == []
    flag.get_by_role("button", name="I have read this").click()
    page.get_by_role("dialog").get_by_role(
        "button", name="I have read this and will seek care"
    ).click()
    page.wait_for_selector("#toast:text('Marked as read')")

    page.get_by_role("link", name="Reports").click()
    page.wait_for_selector("main h1:text-is('Reports')")
    page.get_by_role("button", name="Download PDF").wait_for(timeout=20_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.get_by_role("button", name="Share", exact=True).click()
    page.get_by_role("button", name="Create share link").click()
    link = page.locator(".share input[readonly]")
    link.wait_for()
    share_path = link.input_value().removeprefix(app_server.url)
    assert app_server.get(share_path)[0] == 200  # the specialist opens it
    page.get_by_role("button", name="Share", exact=True).click()  # close
    page.get_by_role("button", name="Share", exact=True).click()  # and open: reloads
    page.wait_for_selector(".share:has-text('Opened 1 time')")
    app.screenshot("reports", full_page=True)
    assert app.layout_problems() == []
    page.get_by_role("button", name="Revoke").click()
    page.get_by_role("dialog").get_by_role("button", name="Revoke").click()
    page.wait_for_selector(".share:has-text('Revoked')")

    page.get_by_role("link", name="Account").click()
    page.wait_for_selector("main h1:text-is('Account')")
    page.wait_for_load_state("networkidle")
    app.screenshot("account")
    assert app.layout_problems() == []
    with page.expect_download() as download:
        page.get_by_role("button", name="CSV (spreadsheet)").click()
    assert download.value.suggested_filename.endswith(".csv")


def test_a_conflict_is_shown_and_keep_mine_saves_mine_on_top(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.locator(region("knee", "right")).click()
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved')")
    (entry,) = server_entries(app_server, patient)

    # Meanwhile, another device changes the same day.
    theirs = {**entry, "notes": "From the laptop"}
    status, body = app_server.api(
        "PUT", f"/api/v1/entries/{entry['id']}/", token=patient.token, body=theirs
    )
    assert status == 200, body

    page.locator(region("ankle_inner", "left")).click()
    page.locator("button.save").click()
    dialog = page.get_by_role("dialog")
    dialog.wait_for()
    assert "From the laptop" in dialog.inner_text()
    app.screenshot("conflict")
    assert app.layout_problems() == []
    dialog.get_by_role("button", name="Keep mine").click()
    page.wait_for_selector("#toast:text('Your version was saved')")

    (saved,) = server_entries(app_server, patient)
    assert saved["id"] == entry["id"]
    assert saved["version"] == 3
    assert {(s["region"], s["side"]) for s in saved["symptoms"]} == {
        ("knee", "right"),
        ("ankle_inner", "left"),
    }
    assert saved["notes"] == ""
    assert app.outbox() == []


def test_an_entry_the_server_refuses_is_kept_and_its_errors_shown(
    app: App, app_server: AppServer
) -> None:
    """The phone's day runs ahead of the one on the server (a trip across the date line)."""
    page = app.page
    username = f"pwa-{uuid.uuid4().hex[:10]}"
    status, body = app_server.api(
        "POST",
        "/api/v1/auth/register/",
        body={"username": username, "password": PASSWORD, "timezone": "Pacific/Pago_Pago"},
    )
    assert status == 201, body
    app.sign_in_as(Patient(username=username, password=PASSWORD, token=body["token"]))
    ahead = json.dumps({"timezone": "Pacific/Kiritimati"})
    page.add_init_script(f"localStorage.setItem('footnote.profile', '{ahead}')")
    app.open("#/today")
    page.locator(region("thigh_front", "left")).click()
    page.locator("button.save").click()

    page.wait_for_selector(".notice.error")
    assert "date" in page.locator(".notice.error").inner_text().lower()
    (item,) = app.outbox()
    assert item["state"] == "invalid"
    assert item["errors"]["date"]
    page.wait_for_selector("#sync-status:has-text('1 day needs you')")
    app.screenshot("today-invalid")


def test_check_ins_keep_their_part_of_the_day_and_medications_are_remembered(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/today")
    page.select_option("#part-of-day", "morning")
    page.locator(region("shin_inner", "left")).click()
    page.get_by_role("button", name="Pain 3").click()
    page.select_option("#part-of-day", "evening")
    assert page.locator(region("shin_inner", "left")).get_attribute("aria-pressed") == "false"
    page.locator(region("shin_inner", "left")).click()
    page.get_by_role("button", name="Pain 8").click()
    page.fill("#med-name", "Ibuprofen")
    page.fill("#med-dose", "400 mg")
    page.get_by_role("button", name="Add medication").click()
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved')")

    (entry,) = server_entries(app_server, patient)
    readings = {(s["part_of_day"], s["pain"]) for s in entry["symptoms"]}
    assert readings == {("morning", 3), ("evening", 8)}

    # The next day, the medication is one tap away.
    yesterday = days_ago(1)
    page.goto(f"{app_server.url}/#/today/{yesterday}")
    page.wait_for_selector("main h1:not(:text-is('Today'))")
    page.get_by_role("button", name="+ Ibuprofen 400 mg").click()
    page.locator("button.save").click()
    (earlier,) = wait_until(
        lambda: server_entries(app_server, patient, **{"from": yesterday, "to": yesterday}),
        what="yesterday on the server",
    )
    assert earlier["medications"] == [{"name": "Ibuprofen", "dose": "400 mg", "times": 1}]


def test_signing_out_and_deleting_the_account_leave_nothing_behind(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    app.sign_in_as(patient)
    app.open("#/account")
    page.fill("#reminder", "20:30")
    page.get_by_role("button", name="Save settings").click()
    page.wait_for_selector("#toast:text('Settings saved')")
    _, profile = app_server.api("GET", "/api/v1/profile/", token=patient.token)
    assert profile["reminder_time"].startswith("20:30")

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_selector("main h1:text-is('Footnote')")
    assert page.evaluate("localStorage.getItem('footnote.token')") is None
    assert app_server.api("GET", "/api/v1/profile/", token=patient.token)[0] == 401

    page.fill("#username", patient.username)
    page.fill("#password", patient.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("main h1:text-is('Today')")
    page.get_by_role("link", name="Account").click()
    page.fill("#delete-password", patient.password)
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_role("dialog").get_by_role("button", name="Delete").click()
    page.wait_for_selector("main h1:text-is('Footnote')")
    status, _ = app_server.api(
        "POST",
        "/api/v1/auth/token/",
        body={"username": patient.username, "password": patient.password},
    )
    assert status == 400
