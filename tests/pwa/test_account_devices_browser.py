"""The Account page's password change and signed-in devices, in a real browser at
360x640."""

from __future__ import annotations

import pytest

from tests.pwa.conftest import App, AppServer, Patient

pytestmark = pytest.mark.browser

NEW_PASSWORD = "a fresh and private passphrase"


def test_devices_are_listed_and_signed_out_and_a_password_change_keeps_this_phone(
    app: App, app_server: AppServer, patient: Patient
) -> None:
    page = app.page
    status, laptop = app_server.api(
        "POST",
        "/api/v1/auth/token/",
        body={"username": patient.username, "password": patient.password, "label": "Laptop"},
    )
    assert status == 200
    app.sign_in_as(patient)
    app.open("#/account")
    page.wait_for_load_state("networkidle")
    devices = page.locator("section[aria-labelledby=devices-h]")
    devices.get_by_role("button", name="Sign out Laptop").wait_for()
    assert "(this one)" in devices.inner_text()
    devices.scroll_into_view_if_needed()
    app.screenshot("account-devices")
    assert app.layout_problems() == []

    devices.get_by_role("button", name="Sign out Laptop").click()
    page.get_by_role("button", name="Sign it out").click()
    page.wait_for_selector("text=Only this device is signed in.")
    assert app_server.api("GET", "/api/v1/profile/", token=laptop["token"])[0] == 401

    form = page.locator("form[aria-labelledby=password-h]")
    form.get_by_label("Current password").fill(patient.password)
    form.get_by_label("New password").fill(NEW_PASSWORD)
    form.scroll_into_view_if_needed()
    app.screenshot("account-password")
    assert app.layout_problems() == []
    form.get_by_role("button", name="Change password").click()
    page.wait_for_selector("#toast:text('Password changed')")

    new_token = page.evaluate("localStorage.getItem('footnote.token')")
    assert new_token != patient.token
    assert app_server.api("GET", "/api/v1/profile/", token=patient.token)[0] == 401
    assert app_server.api("GET", "/api/v1/profile/", token=new_token)[0] == 200
    status, _ = app_server.api(
        "POST",
        "/api/v1/auth/token/",
        body={"username": patient.username, "password": NEW_PASSWORD},
    )
    assert status == 200
