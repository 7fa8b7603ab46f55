"""The Web Push API: the server's key, and subscriptions kept per device (api.md,
"Reminders (Web Push)")."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from journal.models import PushSubscription
from tests.factories import PASSWORD
from tests.support.push_service import Browser

pytestmark = [pytest.mark.postgres]

URL = "/api/v1/push/subscriptions/"


def browser(name: str = "phone") -> Browser:
    return Browser(endpoint=f"https://fcm.googleapis.com/fcm/send/{name}")


def test_the_key_is_the_servers_vapid_public_key_in_url_safe_base64(client_api: APIClient) -> None:
    answer = client_api.get("/api/v1/push/key/")

    assert answer.status_code == 200
    key = answer.json()["public_key"]
    raw = base64.urlsafe_b64decode(key + "=" * (-len(key) % 4))
    assert len(raw) == 65 and raw[0] == 4  # an uncompressed P-256 point
    assert "=" not in key and "+" not in key and "/" not in key


def test_the_key_needs_a_signed_in_patient(db: Any) -> None:
    assert APIClient().get("/api/v1/push/key/").status_code == 401


def test_subscribing_twice_with_one_endpoint_keeps_one_subscription(
    patient: Any, client_api: APIClient
) -> None:
    phone = browser()

    first = client_api.post(URL, phone.subscription_json(), format="json")
    again = client_api.post(URL, phone.subscription_json(), format="json")

    assert (first.status_code, again.status_code) == (201, 201)
    assert first.json() == {"endpoint": phone.endpoint}
    stored = PushSubscription.objects.get()
    assert (stored.patient, stored.p256dh, stored.auth) == (patient, phone.p256dh, phone.auth)


def test_a_patient_keeps_a_subscription_on_each_device(patient: Any, client_api: APIClient) -> None:
    for name in ("phone", "tablet"):
        client_api.post(URL, browser(name).subscription_json(), format="json")

    assert patient.push_subscriptions.count() == 2


def test_an_endpoint_subscribed_by_someone_else_on_that_device_becomes_yours(
    make_patient: Callable[..., tuple[Any, APIClient]],
) -> None:
    (_, first_client), (second, second_client) = make_patient(), make_patient()
    phone = browser()
    first_client.post(URL, phone.subscription_json(), format="json")

    second_client.post(URL, phone.subscription_json(), format="json")

    assert PushSubscription.objects.get().patient == second


def test_unsubscribing_removes_only_that_endpoint_and_is_idempotent(
    patient: Any, client_api: APIClient
) -> None:
    phone, tablet = browser("phone"), browser("tablet")
    for device in (phone, tablet):
        client_api.post(URL, device.subscription_json(), format="json")

    gone = client_api.delete(URL, {"endpoint": phone.endpoint}, format="json")
    again = client_api.delete(URL, {"endpoint": phone.endpoint}, format="json")

    assert (gone.status_code, again.status_code) == (204, 204)
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [tablet.endpoint]


def test_nobody_unsubscribes_another_patients_device(
    make_patient: Callable[..., tuple[Any, APIClient]],
) -> None:
    (_, owner), (_, other) = make_patient(), make_patient()
    phone = browser()
    owner.post(URL, phone.subscription_json(), format="json")

    assert other.delete(URL, {"endpoint": phone.endpoint}, format="json").status_code == 204
    assert PushSubscription.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"endpoint": "not a url"}, "endpoint"),
        ({"keys": {"p256dh": "AAAA", "auth": "AAAAAAAAAAAAAAAAAAAAAA"}}, "keys"),
        ({"keys": {"p256dh": None, "auth": None}}, "keys"),
        ({"keys": None}, "keys"),
    ],
    ids=["bad-endpoint", "short-key", "null-keys", "no-keys"],
)
def test_a_subscription_that_is_not_a_browsers_is_refused(
    client_api: APIClient, change: dict[str, Any], field: str
) -> None:
    body = {**browser().subscription_json(), **change}
    if change.get("keys") and change["keys"]["p256dh"] == "AAAA":
        body["keys"]["auth"] = browser().auth

    answer = client_api.post(URL, body, format="json")

    assert answer.status_code == 400
    assert field in answer.json()


@override_settings(FOOTNOTE_PUSH_ALLOW_HTTP=False)  # as production has it
def test_an_endpoint_that_is_not_https_is_refused_where_http_is_not_allowed(
    client_api: APIClient,
) -> None:
    body = Browser(endpoint="http://127.0.0.1:9999/push/x").subscription_json()

    answer = client_api.post(URL, body, format="json")

    assert answer.status_code == 400
    assert answer.json() == {"endpoint": ["A push endpoint is an https address."]}


def test_signing_out_on_a_device_ends_its_reminders_only(
    patient: Any, client_api: APIClient
) -> None:
    other_device = APIClient()
    token = other_device.post(
        "/api/v1/auth/token/",
        {"username": patient.user.username, "password": PASSWORD},
        format="json",
    ).json()["token"]
    other_device.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    client_api.post(URL, browser("phone").subscription_json(), format="json")
    other_device.post(URL, browser("tablet").subscription_json(), format="json")

    assert other_device.delete("/api/v1/auth/token/").status_code == 204

    assert [s.endpoint.rsplit("/", 1)[1] for s in PushSubscription.objects.all()] == ["phone"]


def test_deleting_the_account_deletes_its_subscriptions(
    patient: Any, client_api: APIClient
) -> None:
    client_api.post(URL, browser().subscription_json(), format="json")

    answer = client_api.delete("/api/v1/account/", {"password": PASSWORD}, format="json")

    assert answer.status_code == 204
    assert PushSubscription.objects.count() == 0
