"""Reminders in the phone app, in Chromium: the Account page's switch asks for permission,
subscribes with the server's key and the subscription reaches the server; turning it off
ends it; where the browser cannot take push, the page says so; the service worker shows
the reminder.

Headless Chromium has no push service (`pushManager.subscribe` fails with "Registration
failed - permission denied" even with the permission granted), so the page's
`PushManager.prototype.subscribe` and `getSubscription` are stubbed with a realistic
subscription: an https endpoint, a real P-256 public key and a 16-byte auth secret, as a
browser's push service would hand out. Everything else (permission, the key from the
server, the POST and DELETE, the service worker) is the browser's own.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from tests.pwa.conftest import App, AppServer, Patient
from tests.support.push_service import Browser

pytestmark = pytest.mark.browser

FAKE_PUSH = """([endpoint, p256dh, auth]) => {
  // The subscription outlives a reload, as a browser's does (kept in localStorage here).
  const KEPT = "test.fake-push-subscription";
  const bytes = (text) => Uint8Array.from(
    atob(text.replaceAll("-", "+").replaceAll("_", "/") + "=".repeat((4 - text.length % 4) % 4)),
    (c) => c.charCodeAt(0));
  const subscription = (serverKey) => ({
    endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: bytes(serverKey).buffer },
    getKey: (name) => bytes(name === "p256dh" ? p256dh : auth).buffer,
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
    unsubscribe: async () => { localStorage.removeItem(KEPT); return true; },
  });
  window.__subscribeCalls = [];
  PushManager.prototype.getSubscription = async function () {
    const kept = localStorage.getItem(KEPT);
    return kept ? subscription(kept) : null;
  };
  PushManager.prototype.subscribe = async function (options) {
    if (Notification.permission !== "granted") throw new DOMException("denied", "NotAllowedError");
    const key = btoa(String.fromCharCode(...new Uint8Array(options.applicationServerKey)))
      .replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
    window.__subscribeCalls.push(key);
    localStorage.setItem(KEPT, key);
    return subscription(key);
  };
}"""


def stored_subscriptions(server: AppServer, patient: Patient) -> list[tuple[str, str, str]]:
    with sqlite3.connect(server.log.parent / "footnote.sqlite3") as db:
        return db.execute(
            "SELECT s.endpoint, s.p256dh, s.auth FROM journal_pushsubscription s "
            "JOIN journal_patient p ON p.id = s.patient_id "
            "WHERE replace(p.id, '-', '') = replace(?, '-', '')",
            [patient.id],
        ).fetchall()


def open_account_with_fake_push(app: App, patient: Patient, phone: Browser) -> None:
    app.sign_in_as(patient)
    app.page.add_init_script(f"({FAKE_PUSH})({[phone.endpoint, phone.p256dh, phone.auth]!r})")
    app.open("#/account")
    app.wait_for_service_worker()


def test_turning_reminders_on_subscribes_and_the_server_gets_the_subscription(
    app: App, patient: Patient, context: Any, app_server: AppServer
) -> None:
    context.grant_permissions(["notifications"], origin=app_server.url)
    phone = Browser(endpoint="https://push.example.net/wpush/v2/phone-1")
    open_account_with_fake_push(app, patient, phone)
    switch = app.page.get_by_role("button", name="Remind me")
    assert switch.get_attribute("aria-pressed") == "false"

    switch.click()

    app.wait_until(
        "() => document.querySelector('#reminders-toggle').getAttribute('aria-pressed')"
        " === 'true' && !document.querySelector('#reminders-toggle').disabled",
        "the switch did not turn on",
    )
    assert "On" in app.page.locator("#reminders-state").inner_text()
    assert stored_subscriptions(app_server, patient) == [(phone.endpoint, phone.p256dh, phone.auth)]
    _, key = app_server.api("GET", "/api/v1/push/key/", token=patient.token)
    assert app.page.evaluate("window.__subscribeCalls") == [key["public_key"]]
    app.screenshot("account-reminders-on")
    assert app.layout_problems() == []

    # After a reload the switch shows what this phone has.
    app.page.reload()
    app.wait_until(
        "() => document.querySelector('#reminders-toggle')?.getAttribute('aria-pressed')"
        " === 'true'",
        "the switch did not show this phone's subscription after a reload",
    )

    app.page.get_by_role("button", name="Remind me").click()
    app.wait_until(
        "() => document.querySelector('#reminders-toggle').getAttribute('aria-pressed')"
        " === 'false' && !document.querySelector('#reminders-toggle').disabled",
        "the switch did not turn off",
    )
    assert stored_subscriptions(app_server, patient) == []


def test_permission_is_asked_only_when_turned_on_and_a_refusal_leaves_it_off(
    app: App, patient: Patient, app_server: AppServer
) -> None:
    # No permission granted: headless Chromium answers the request with "denied".
    open_account_with_fake_push(app, patient, Browser(endpoint="https://push.example.net/x"))
    assert app.page.evaluate("Notification.permission") == "default"  # not asked on load

    app.page.get_by_role("button", name="Remind me").click()

    app.wait_until(
        "() => !document.querySelector('#reminders-toggle').disabled",
        "the switch stayed disabled",
    )
    assert app.page.locator("#reminders-toggle").get_attribute("aria-pressed") == "false"
    assert stored_subscriptions(app_server, patient) == []


def test_without_push_the_page_says_so_instead_of_showing_a_switch(
    app: App, patient: Patient
) -> None:
    app.sign_in_as(patient)
    app.page.add_init_script("delete window.PushManager")
    app.open("#/account")

    card = app.page.locator("section[aria-labelledby='reminders-h']")
    assert "cannot show reminders" in card.inner_text()
    assert card.get_by_role("button").count() == 0


def test_the_service_worker_shows_the_reminder(
    app: App, patient: Patient, context: Any, app_server: AppServer
) -> None:
    context.grant_permissions(["notifications"], origin=app_server.url)
    app.sign_in_as(patient)
    app.open("#/account")
    app.wait_for_service_worker()
    [worker] = context.service_workers

    shown = worker.evaluate(
        """async () => {
          const message = {title: "Footnote", body: "Time for today's Footnote", url: "/#/today"};
          const event = new PushEvent("push", {data: JSON.stringify(message)});
          let done;
          event.waitUntil = (promise) => { done = promise; };
          self.dispatchEvent(event);
          await done;
          return (await self.registration.getNotifications())
            .map((n) => ({title: n.title, body: n.body, tag: n.tag}));
        }"""
    )

    assert shown == [
        {"title": "Footnote", "body": "Time for today's Footnote", "tag": "footnote-reminder"}
    ]
