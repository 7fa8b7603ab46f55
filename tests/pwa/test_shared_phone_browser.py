"""One phone, two people (pwa.md, version 2, "One person's data never reaches another").

A logs two days offline and leaves a third half-done; A's session then ends with a 401,
not a sign-out. B signs in on the same phone: nothing of A's shows or is saved into B's
journal, A's unsent days are named and kept; when A signs in again they are sent.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from tests.pwa.conftest import PASSWORD, TIME_ZONE, App, AppServer, Patient, days_ago
from tests.pwa.test_browser import region, server_entries, wait_until

pytestmark = pytest.mark.browser

A_NAME = "Alice from the first account"
A_NOTE = "Alice's note, not saved"


def register(server: AppServer) -> Patient:
    username = f"pwa-{uuid.uuid4().hex[:10]}"
    status, body = server.api(
        "POST",
        "/api/v1/auth/register/",
        body={"username": username, "password": PASSWORD, "timezone": TIME_ZONE},
    )
    assert status == 201, body
    return Patient(username=username, password=PASSWORD, token=body["token"], id=body["id"])


def fresh_token(server: AppServer, patient: Patient) -> str:
    status, body = server.api(
        "POST",
        "/api/v1/auth/token/",
        body={"username": patient.username, "password": patient.password},
    )
    assert status == 200, body
    return str(body["token"])


def go_offline(context: Any) -> None:
    context.set_offline(True)
    context.route("**/*", lambda route: route.abort("internetdisconnected"))


def go_online(context: Any) -> None:
    context.unroute("**/*")
    context.set_offline(False)


def navigate(app: App, route: str, heading: str | None = None) -> None:
    """In the app, without a reload (offline, the page must not be fetched again)."""
    app.page.evaluate(f"location.hash = '{route}'")
    app.page.wait_for_selector(f"main h1:text-is('{heading}')" if heading else "main h1")


def sign_in_with_the_form(app: App, patient: Patient) -> None:
    page = app.page
    page.fill("#username", patient.username)
    page.fill("#password", patient.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("main h1:text-is('Today')")


def phone_storage(app: App) -> dict[str, Any]:
    """What the phone keeps: localStorage, and the cached entries in IndexedDB."""
    return dict(
        app.page.evaluate(
            """() => new Promise((resolve, reject) => {
                 const local = Object.fromEntries(Object.entries(localStorage));
                 const open = indexedDB.open("footnote");
                 open.onerror = () => reject(open.error);
                 open.onsuccess = () => {
                   const db = open.result;
                   const get = db.transaction("entries").objectStore("entries").getAll();
                   get.onsuccess = () => { db.close(); resolve({ local, entries: get.result }); };
                   get.onerror = () => reject(get.error);
                 };
               })"""
        )
    )


def marked_places(app: App) -> int:
    return int(app.page.locator("svg.bodymap .region[aria-pressed=true]").count())


def test_a_shared_phone_hands_over_cleanly_and_keeps_the_first_persons_unsent_days(
    app: App, app_server: AppServer, context: Any
) -> None:
    page = app.page
    alice, bob = register(app_server), register(app_server)
    # Alice's journal on the server: saddle numbness on two days (an urgent flag) and a name.
    for ago in (6, 5):
        status, body = app_server.api(
            "POST",
            "/api/v1/entries/",
            token=alice.token,
            body={
                "date": days_ago(ago),
                "symptoms": [{"region": "saddle", "side": "center", "pain": 1, "numbness": True}],
            },
        )
        assert status == 201, body
    status, body = app_server.api(
        "PATCH", "/api/v1/profile/", token=alice.token, body={"display_name": A_NAME}
    )
    assert status == 200, body

    # 1. Alice on the phone: her flags and profile are cached, her journal synced.
    app.sign_in_as(alice)
    app.open("#/patterns")
    page.locator("article.flag.urgent").wait_for()
    navigate(app, "#/account", "Account")
    page.wait_for_load_state("networkidle")
    before = phone_storage(app)
    assert "footnote.flags" in before["local"]
    assert A_NAME in before["local"]["footnote.profile"]
    assert len(before["entries"]) == 2

    # 2. Offline, she saves two days and leaves a third half-done.
    go_offline(context)
    navigate(app, f"#/today/{days_ago(1)}")
    page.locator(region("knee", "right")).click()
    page.locator("button.save").click()
    page.wait_for_selector("#toast:text('Saved on this phone')")
    navigate(app, "#/today", "Today")
    page.locator(region("shin_outer", "left")).click()
    page.locator("button.save").click()
    wait_until(lambda: len(app.outbox()) == 2, what="two days in the outbox")
    navigate(app, f"#/today/{days_ago(2)}")
    page.locator(region("big_toe", "left")).click()
    page.fill("#notes", A_NOTE)
    assert A_NOTE in page.evaluate("localStorage.getItem('footnote.drafts')")

    # 3. Her session ends elsewhere; back online, the phone learns it from a 401.
    status, _ = app_server.api("DELETE", "/api/v1/auth/token/", token=alice.token)
    assert status == 204
    go_online(context)  # the app syncs at once, and the server answers 401
    page.wait_for_selector("main h1:text-is('Footnote')")
    assert "session has ended" in page.locator(".notice.warning").inner_text()
    wait_until(lambda: phone_storage(app)["entries"] == [], what="the cache to be forgotten")
    after_401 = phone_storage(app)
    for key in ("footnote.flags", "footnote.profile"):
        assert key not in after_401["local"], key
    # Her draft stays, under her name alone, for her to find when she signs in again.
    assert json.loads(after_401["local"]["footnote.drafts"])["owner"] == alice.username
    assert after_401["entries"] == []
    assert {item["owner"] for item in app.outbox()} == {alice.username}

    # 4. Bob signs in on the same phone: nothing of Alice's shows.
    sign_in_with_the_form(app, bob)
    held = page.locator(".held-notice")
    held.wait_for()
    assert "2 days of another account were not sent" in held.inner_text()
    assert marked_places(app) == 0
    assert page.locator(".draft-notice, .other-drafts").count() == 0
    app.screenshot("today-shared-phone-handover")
    assert app.layout_problems() == []
    page.wait_for_load_state("networkidle")
    storage = phone_storage(app)
    assert A_NAME not in json.dumps(storage)
    assert A_NOTE not in json.dumps(storage)
    assert storage["entries"] == []
    navigate(app, f"#/today/{days_ago(2)}")
    assert marked_places(app) == 0
    assert page.input_value("#notes") == ""
    navigate(app, f"#/today/{days_ago(1)}")
    assert marked_places(app) == 0
    assert page.locator("#sync-status").is_hidden()  # nothing of Bob's waits
    go_offline(context)
    navigate(app, "#/patterns", "Patterns")
    assert page.locator("article.flag").count() == 0
    assert "emergency" not in page.locator("main").inner_text().lower()
    go_online(context)

    # Bob's day is his alone; Alice's days are not sent with his session.
    navigate(app, "#/today", "Today")
    page.locator(region("foot_top", "right")).click()
    page.locator("button.save").click()
    (bobs,) = wait_until(lambda: server_entries(app_server, bob), what="Bob's day on the server")
    assert [(s["region"], s["side"]) for s in bobs["symptoms"]] == [("foot_top", "right")]
    assert bobs["notes"] == ""
    alice.token = fresh_token(app_server, alice)
    assert len(server_entries(app_server, alice)) == 2
    wait_until(lambda: len(app.outbox()) == 2, what="Bob's day to leave the outbox")
    assert {item["owner"] for item in app.outbox()} == {alice.username}

    # 5. Bob signs out; Alice's days stay for her, and go when she signs in again.
    navigate(app, "#/account", "Account")
    page.get_by_role("button", name="Sign out", exact=True).click()
    page.wait_for_selector("main h1:text-is('Footnote')")
    assert {item["owner"] for item in app.outbox()} == {alice.username}
    sign_in_with_the_form(app, alice)
    wait_until(lambda: app.outbox() == [], what="Alice's days to be sent")
    dates = {entry["date"] for entry in server_entries(app_server, alice)}
    assert dates == {days_ago(6), days_ago(5), days_ago(1), days_ago(0)}
    assert page.locator(".held-notice").count() == 0
    # Alice's today is hers: her shin, not Bob's foot.
    page.locator(region("shin_outer", "left")).wait_for()
    assert page.locator(region("shin_outer", "left")).get_attribute("aria-pressed") == "true"
    assert page.locator(region("foot_top", "right")).get_attribute("aria-pressed") == "false"


def test_the_same_person_signing_in_after_an_ended_session_finds_what_they_were_typing(
    app: App, app_server: AppServer
) -> None:
    """A 401 forgets the person's cache, but a draft is theirs alone: it waits for them."""
    page = app.page
    alice = register(app_server)
    app.sign_in_as(alice)
    app.open("#/today")
    page.locator(region("shin_outer", "left")).click()
    page.fill("#notes", A_NOTE)
    wait_until(
        lambda: A_NOTE in (page.evaluate("localStorage.getItem('footnote.drafts')") or ""),
        what="the draft to be kept",
    )

    status, _ = app_server.api("DELETE", "/api/v1/auth/token/", token=alice.token)
    assert status == 204
    page.reload()  # the app asks the server, which answers 401
    page.wait_for_selector("main h1:text-is('Footnote')")
    assert "session has ended" in page.locator(".notice.warning").inner_text()

    sign_in_with_the_form(app, alice)
    assert "Not saved yet" in page.locator(".draft-notice").inner_text()
    assert page.input_value("#notes") == A_NOTE
    assert page.locator(region("shin_outer", "left")).get_attribute("aria-pressed") == "true"
