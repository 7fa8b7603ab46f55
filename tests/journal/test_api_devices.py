"""Accounts and devices (api.md v1.1): the devices list and sign-out, password change,
tokens that lapse, usernames unique in any case or form, throttled password checks."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from journal.api import account_serializers
from journal.models import AccessToken
from tests.factories import PASSWORD, PatientFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
DEVICES = "/api/v1/auth/devices/"
PASSWORD_URL = "/api/v1/auth/password/"
PROFILE = "/api/v1/profile/"
ACCOUNT = "/api/v1/account/"
NEW_PASSWORD = "a brand new and private passphrase"
START = datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)


@pytest.fixture
def grace() -> User:
    return PatientFactory(user__username="grace").user


def sign_in(username: str = "grace", password: str = PASSWORD, **extra: Any) -> Any:
    body = {"username": username, "password": password, **extra}
    return APIClient().post(TOKEN, body, format="json")


def device(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


# --- Devices --------------------------------------------------------------------------


def test_devices_lists_each_sign_in_with_its_label_and_marks_this_one(grace: User) -> None:
    phone = device(sign_in(label="Phone").json()["token"])
    sign_in(label="Laptop")

    answer = phone.get(DEVICES)

    assert answer.status_code == 200
    devices = answer.json()
    assert sorted(d["label"] for d in devices) == ["Laptop", "Phone"]
    assert [d["label"] for d in devices if d["current"]] == ["Phone"]
    assert set(devices[0]) == {"id", "label", "created_at", "last_used_at", "current"}


def test_signing_out_a_device_ends_only_that_token(grace: User) -> None:
    phone = device(sign_in(label="Phone").json()["token"])
    laptop = device(sign_in(label="Laptop").json()["token"])
    laptop_id = next(d["id"] for d in phone.get(DEVICES).json() if d["label"] == "Laptop")

    assert phone.delete(f"{DEVICES}{laptop_id}/").status_code == 204

    assert laptop.get(PROFILE).status_code == 401
    assert phone.get(PROFILE).status_code == 200
    assert phone.delete(f"{DEVICES}{laptop_id}/").status_code == 404


@pytest.mark.parametrize("other_id", ["another's", 2**63 + 5, 0])
def test_another_patients_device_or_no_device_is_404(grace: User, other_id: Any) -> None:
    mine = device(sign_in().json()["token"])
    theirs_user = PatientFactory().user
    theirs_key = sign_in(username=theirs_user.username).json()["token"]
    if other_id == "another's":
        other_id = AccessToken.objects.get(user=theirs_user).pk

    answer = mine.delete(f"{DEVICES}{other_id}/")

    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/json"
    assert device(theirs_key).get(PROFILE).status_code == 200


def test_devices_need_a_signed_in_person(db: Any) -> None:
    assert APIClient().get(DEVICES).status_code == 401
    assert APIClient().delete(f"{DEVICES}1/").status_code == 401


# --- Password change ------------------------------------------------------------------


def test_password_change_signs_out_every_other_device_and_answers_a_new_token(
    grace: User,
) -> None:
    phone_key = sign_in(label="Phone").json()["token"]
    laptop = device(sign_in(label="Laptop").json()["token"])

    answer = device(phone_key).post(
        PASSWORD_URL,
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        format="json",
    )

    assert answer.status_code == 200
    phone = device(answer.json()["token"])
    assert phone.get(PROFILE).status_code == 200
    assert [(d["label"], d["current"]) for d in phone.get(DEVICES).json()] == [("Phone", True)]
    assert laptop.get(PROFILE).status_code == 401
    assert device(phone_key).get(PROFILE).status_code == 401
    assert sign_in().status_code == 400
    assert sign_in(password=NEW_PASSWORD).status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"current_password": "not it at all", "new_password": NEW_PASSWORD}, "current_password"),
        ({"current_password": PASSWORD, "new_password": " " * 12}, "new_password"),
        ({"current_password": PASSWORD, "new_password": "short"}, "new_password"),
        ({"current_password": PASSWORD}, "new_password"),
    ],
)
def test_password_change_refuses_by_field_and_changes_nothing(
    grace: User, body: dict[str, str], field: str
) -> None:
    key = sign_in().json()["token"]

    answer = device(key).post(PASSWORD_URL, body, format="json")

    assert answer.status_code == 400
    assert field in answer.json()
    assert device(key).get(PROFILE).status_code == 200
    assert sign_in().status_code == 200


def test_password_change_is_throttled_like_sign_in(grace: User) -> None:
    client = device(sign_in().json()["token"])
    wrong = {"current_password": "a wrong guess", "new_password": NEW_PASSWORD}

    codes = [client.post(PASSWORD_URL, wrong, format="json").status_code for _ in range(6)]
    right = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}

    assert codes == [400] * 5 + [429]
    assert client.post(PASSWORD_URL, right, format="json").status_code == 429


def test_account_deletion_is_no_password_oracle(grace: User) -> None:
    client = device(sign_in().json()["token"])

    codes = [
        client.generic("DELETE", ACCOUNT, '{"password": "guess"}', "application/json").status_code
        for _ in range(6)
    ]

    assert codes == [400] * 5 + [429]
    assert User.objects.filter(pk=grace.pk).exists()


def test_wrong_passwords_on_any_door_share_one_budget(grace: User) -> None:
    client = device(sign_in().json()["token"])
    for _ in range(3):
        client.generic("DELETE", ACCOUNT, '{"password": "guess"}', "application/json")
    for _ in range(2):
        sign_in(password="another guess")

    assert sign_in().status_code == 429


# --- Tokens that lapse ----------------------------------------------------------------


def test_a_token_unused_for_thirty_days_no_longer_works(grace: User) -> None:
    with time_machine.travel(START, tick=False) as clock:
        used, unused = device(sign_in().json()["token"]), device(sign_in().json()["token"])
        clock.shift(datetime.timedelta(days=29))
        assert used.get(PROFILE).status_code == 200

        clock.shift(datetime.timedelta(days=2))

        assert used.get(PROFILE).status_code == 200
        lapsed = unused.get(PROFILE)
        assert lapsed.status_code == 401
        assert "Sign in again" in lapsed.json()["detail"]
        assert len(used.get(DEVICES).json()) == 1


def test_the_idle_limit_is_a_setting(grace: User, settings: Any) -> None:
    settings.TOKEN_IDLE_DAYS = 2
    with time_machine.travel(START, tick=False) as clock:
        client = device(sign_in().json()["token"])
        clock.shift(datetime.timedelta(days=3))

        assert client.get(PROFILE).status_code == 401


def test_last_use_is_written_at_most_once_an_hour(grace: User) -> None:
    with time_machine.travel(START, tick=False) as clock:
        client = device(sign_in().json()["token"])
        token = AccessToken.objects.get()
        clock.shift(datetime.timedelta(minutes=59))
        with CaptureQueriesContext(connection) as quiet:
            client.get(PROFILE)
        clock.shift(datetime.timedelta(minutes=2))
        with CaptureQueriesContext(connection) as noted:
            client.get(PROFILE)

    def writes(queries: Any) -> list[str]:
        return [q["sql"] for q in queries.captured_queries if "UPDATE" in q["sql"].upper()]

    assert writes(quiet) == []
    assert len(writes(noted)) == 1
    token.refresh_from_db()
    assert token.last_used_at == START + datetime.timedelta(minutes=61)


# --- Usernames and passwords ----------------------------------------------------------


REGISTER_PASSWORD = "correct horse battery staple"


def register(username: str, password: str = REGISTER_PASSWORD) -> Any:
    body = {"username": username, "password": password}
    return APIClient().post(REGISTER, body, format="json")


@pytest.mark.parametrize("second", ["alice", "ALICE", "\uff41lice", "Ａｌｉｃｅ"])
def test_a_username_is_taken_in_every_case_and_compatibility_form(second: str) -> None:
    assert register("Alice").status_code == 201

    answer = register(second)

    assert answer.status_code == 400
    assert answer.json() == {"username": ["This username is taken."]}
    assert User.objects.count() == 1


def test_a_username_clash_that_slips_past_the_check_is_still_a_400(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert register("alice").status_code == 201
    monkeypatch.setattr(account_serializers, "username_taken", lambda name: False)

    answer = register("ALICE")

    assert answer.status_code == 400
    assert answer.json() == {"username": ["This username is taken."]}


def test_the_database_refuses_a_second_form_of_a_name(db: Any) -> None:
    User.objects.create_user(username="Straße", password=PASSWORD)

    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="STRASSE", password=PASSWORD)


def test_sign_in_accepts_the_name_in_any_case_or_form() -> None:
    assert register("Alice").status_code == 201

    for typed in ("alice", "ALICE", "\uff41lice"):
        assert sign_in(username=typed, password=REGISTER_PASSWORD).status_code == 200


def test_a_password_of_only_spaces_is_refused() -> None:
    answer = register("alice", password=" " * 10)

    assert answer.status_code == 400
    assert "password" in answer.json()
