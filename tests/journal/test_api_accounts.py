"""Accounts (api.md): register, sign in and out, the profile, deleting the account."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from rest_framework.test import APIClient

from journal.authentication import access_token_issue
from journal.models import (
    AccessToken,
    Entry,
    Event,
    Flag,
    FlagChange,
    LoginSession,
    Patient,
    Sign,
    Symptom,
)
from reports.models import Report, Share, ShareAccess
from reports.services import share_access_record, share_create
from tests.factories import PASSWORD, PatientFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

REGISTER = "/api/v1/auth/register/"
TOKEN = "/api/v1/auth/token/"
PROFILE = "/api/v1/profile/"
ACCOUNT = "/api/v1/account/"


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    """Sign-in and registration throttles count in the cache; each test starts afresh."""
    cache.clear()


def signed_in(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def register(**overrides: Any) -> Any:
    body = {"username": "ada", "password": "correct horse battery staple", **overrides}
    return APIClient().post(REGISTER, body, format="json")


# --- Register -------------------------------------------------------------------------


def test_register_creates_a_patient_and_answers_a_working_token() -> None:
    answer = register(email="ada@example.org", timezone="Pacific/Auckland")

    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"id", "username", "token"}
    patient = Patient.objects.get(pk=body["id"])
    assert (patient.user.username, patient.user.email) == ("ada", "ada@example.org")
    assert patient.timezone == "Pacific/Auckland"
    assert signed_in(body["token"]).get(PROFILE).json()["username"] == "ada"


def test_register_without_a_time_zone_uses_utc() -> None:
    answer = register()

    assert Patient.objects.get(pk=answer.json()["id"]).timezone == "UTC"


@pytest.mark.parametrize(
    "password",
    ["password123", "12345678901234", "short1", "ada-lovelace-ada"],
    ids=["common", "numeric", "too-short", "like-the-username"],
)
def test_register_rejects_weak_passwords(password: str) -> None:
    answer = register(username="ada-lovelace", password=password)

    assert answer.status_code == 400
    assert "password" in answer.json()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", "ada lovelace"),
        ("username", ""),
        ("email", "not-an-email"),
        ("timezone", "Mars/Olympus_Mons"),
        ("timezone", 3),
    ],
)
def test_register_rejects_bad_fields_by_name(field: str, value: Any) -> None:
    answer = register(**{field: value})

    assert answer.status_code == 400
    assert field in answer.json()
    assert not User.objects.exists()


def test_register_refuses_a_taken_username_whatever_its_case() -> None:
    register(username="ada")

    answer = register(username="ADA")

    assert answer.status_code == 400
    assert "username" in answer.json()
    assert User.objects.count() == 1


def test_registering_too_often_from_one_address_is_throttled() -> None:
    answers = [register(username=f"ada{n}").status_code for n in range(11)]

    assert answers == [201] * 10 + [429]


# --- Sign in and out ------------------------------------------------------------------


@pytest.fixture
def user() -> User:
    return PatientFactory(user__username="grace").user


def sign_in(password: str = PASSWORD, username: str = "grace") -> Any:
    return APIClient().post(TOKEN, {"username": username, "password": password}, format="json")


def test_sign_in_answers_a_new_token_for_this_device(user: User) -> None:
    first, second = sign_in(), sign_in()

    assert first.status_code == second.status_code == 200
    assert first.json()["token"] != second.json()["token"]
    assert AccessToken.objects.filter(user=user).count() == 2
    assert signed_in(first.json()["token"]).get(PROFILE).status_code == 200


@pytest.mark.parametrize(
    ("username", "password"),
    [("grace", "wrong password entirely"), ("nobody", PASSWORD), ("GRACE", "nope")],
)
def test_sign_in_with_wrong_credentials_is_refused_without_saying_which(
    user: User, username: str, password: str
) -> None:
    answer = sign_in(password=password, username=username)

    assert answer.status_code == 400
    assert answer.json() == {"non_field_errors": ["The username or password is not right."]}
    assert not AccessToken.objects.exists()


def test_sign_in_without_a_journal_is_refused() -> None:
    User.objects.create_user(username="admin", password=PASSWORD)

    answer = sign_in(username="admin")

    assert answer.status_code == 400


def test_sixth_failed_sign_in_within_a_minute_is_throttled(user: User) -> None:
    failures = [sign_in(password=f"wrong {n}").status_code for n in range(5)]

    assert failures == [400] * 5
    throttled = sign_in()  # even the right password waits now
    assert throttled.status_code == 429
    assert "Retry-After" in throttled.headers
    assert not AccessToken.objects.exists()


def test_sign_in_throttle_counts_per_username_across_addresses(user: User) -> None:
    for n in range(5):
        APIClient(REMOTE_ADDR=f"10.0.0.{n}").post(
            TOKEN, {"username": "grace", "password": "wrong"}, format="json"
        )

    answer = APIClient(REMOTE_ADDR="10.0.0.99").post(
        TOKEN, {"username": "grace", "password": PASSWORD}, format="json"
    )

    assert answer.status_code == 429


def test_sign_in_throttle_forgets_after_a_minute(user: User) -> None:
    with time_machine.travel(datetime.datetime(2026, 6, 1, 12, tzinfo=datetime.UTC)) as clock:
        for _ in range(5):
            sign_in(password="wrong")
        assert sign_in().status_code == 429

        clock.shift(datetime.timedelta(seconds=61))

        assert sign_in().status_code == 200


def test_sign_out_ends_only_this_devices_token(user: User) -> None:
    phone, laptop = signed_in(sign_in().json()["token"]), signed_in(sign_in().json()["token"])

    assert phone.delete(TOKEN).status_code == 204

    assert phone.get(PROFILE).status_code == 401
    assert laptop.get(PROFILE).status_code == 200
    assert AccessToken.objects.filter(user=user).count() == 1


def test_sign_out_without_a_token_is_401() -> None:
    assert APIClient().delete(TOKEN).status_code == 401


def test_an_unknown_token_is_401_with_words_to_act_on(db: Any) -> None:
    answer = signed_in("not-a-token").get(PROFILE)

    assert answer.status_code == 401
    assert "Sign in again" in answer.json()["detail"]


def test_an_inactive_users_token_stops_working(user: User) -> None:
    client = signed_in(access_token_issue(user=user))
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert client.get(PROFILE).status_code == 401


def test_the_pwa_may_use_its_session_cookie_with_csrf(user: User) -> None:
    browser = APIClient(enforce_csrf_checks=True)
    assert browser.login(username="grace", password=PASSWORD)
    secret = "a" * 32
    browser.cookies["csrftoken"] = secret
    body = entry_body("2026-06-01")

    forged = browser.post("/api/v1/entries/", body, format="json")
    sent = browser.post("/api/v1/entries/", body, format="json", HTTP_X_CSRFTOKEN=secret)

    assert browser.get(PROFILE).status_code == 200
    assert forged.status_code == 403
    assert "CSRF" in forged.json()["detail"]
    assert sent.status_code == 201
    assert Entry.objects.count() == 1


# --- Profile --------------------------------------------------------------------------


def test_profile_shows_the_patients_settings(patient: Patient, client_api: APIClient) -> None:
    answer = client_api.get(PROFILE)

    assert answer.status_code == 200
    assert answer.json() == {
        "id": str(patient.pk),
        "username": patient.user.username,
        "display_name": patient.display_name,
        "birth_year": None,
        "timezone": "Europe/Athens",
        "reminder_time": None,
        "health_history": None,
    }


def test_profile_patch_changes_only_the_fields_given(
    patient: Patient, client_api: APIClient
) -> None:
    answer = client_api.patch(
        PROFILE,
        {"birth_year": 1978, "timezone": "America/Denver", "reminder_time": "21:30"},
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json()["reminder_time"] == "21:30:00"
    patient.refresh_from_db()
    assert (patient.birth_year, patient.timezone) == (1978, "America/Denver")
    assert patient.reminder_time == datetime.time(21, 30)
    assert patient.display_name == answer.json()["display_name"] != ""


def test_profile_patch_clears_optional_fields_with_null(
    patient: Patient, client_api: APIClient
) -> None:
    Patient.objects.filter(pk=patient.pk).update(birth_year=1980)

    answer = client_api.patch(PROFILE, {"birth_year": None, "display_name": ""}, format="json")

    assert answer.status_code == 200
    patient.refresh_from_db()
    assert (patient.birth_year, patient.display_name) == (None, "")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("birth_year", 1899),
        ("birth_year", datetime.date.today().year + 1),
        ("birth_year", "1978"),
        ("birth_year", 1978.5),
        ("timezone", "Europe/Atlantis"),
        ("timezone", ""),
        ("reminder_time", "25:00"),
        ("display_name", "x" * 101),
    ],
)
def test_profile_patch_rejects_bad_values_by_name(
    patient: Patient, client_api: APIClient, field: str, value: Any
) -> None:
    answer = client_api.patch(PROFILE, {field: value}, format="json")

    assert answer.status_code == 400
    assert field in answer.json()
    assert Patient.objects.get(pk=patient.pk).timezone == "Europe/Athens"


def test_profile_ignores_read_only_fields(patient: Patient, client_api: APIClient) -> None:
    answer = client_api.patch(PROFILE, {"username": "mallory", "id": "x"}, format="json")

    assert answer.status_code == 200
    assert answer.json()["username"] == patient.user.username


# --- Account deletion -----------------------------------------------------------------


@pytest.fixture
def full_journal(patient: Patient, client_api: APIClient) -> Patient:
    """Entries (one raising an urgent flag), an event, a second device, a web session,
    a stored report with its file, a share link that was opened."""
    saddle = [{"region": "saddle", "side": "center", "pain": 1, "numbness": True}]
    for day in (1, 2, 3):
        client_api.post("/api/v1/entries/", entry_body(f"2026-06-0{day}"), format="json")
    with time_machine.travel(datetime.datetime(2026, 6, 4, 12, tzinfo=datetime.UTC)):
        client_api.post(
            "/api/v1/entries/", entry_body("2026-06-04", symptoms=saddle), format="json"
        )
    client_api.post(
        "/api/v1/events/",
        {"kind": "trauma", "site": "ankle", "side": "left", "date": "2026-05-01"},
        format="json",
    )
    access_token_issue(user=patient.user)
    assert APIClient().login(username=patient.user.username, password=PASSWORD)
    report = Report.objects.create(
        patient=patient,
        period_start=datetime.date(2026, 6, 1),
        period_end=datetime.date(2026, 6, 4),
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4 not really"), save=True)
    share, _ = share_create(report=report, expires_in_days=7)
    share_access_record(share=share, ip="192.0.2.1", user_agent="test")
    return patient


JOURNAL_MODELS = (
    User,
    Patient,
    Entry,
    Symptom,
    Sign,
    Event,
    AccessToken,
    Flag,
    FlagChange,
    Report,
    Share,
    ShareAccess,
    LoginSession,
    Session,
)


def journal_rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in JOURNAL_MODELS}


def test_account_deletion_removes_the_person_and_everything_logged(
    full_journal: Patient, client_api: APIClient, django_capture_on_commit_callbacks: Any
) -> None:
    bystander = PatientFactory()
    access_token_issue(user=bystander.user)
    report_file = Report.objects.get().file.name
    assert default_storage.exists(report_file)
    assert journal_rows() == {
        "User": 2,
        "Patient": 2,
        "Entry": 4,
        "Symptom": 7,
        "Sign": 4,
        "Event": 1,
        "AccessToken": 3,
        "Flag": 1,
        "FlagChange": 1,
        "Report": 1,
        "Share": 1,
        "ShareAccess": 1,
        "LoginSession": 1,
        "Session": 1,
    }

    with django_capture_on_commit_callbacks(execute=True):
        answer = client_api.delete(ACCOUNT, {"password": PASSWORD}, format="json")

    assert answer.status_code == 204
    assert journal_rows() == {
        "User": 1,
        "Patient": 1,
        "Entry": 0,
        "Symptom": 0,
        "Sign": 0,
        "Event": 0,
        "AccessToken": 1,
        "Flag": 0,
        "FlagChange": 0,
        "Report": 0,
        "Share": 0,
        "ShareAccess": 0,
        "LoginSession": 0,
        "Session": 0,
    }
    assert not default_storage.exists(report_file)
    assert client_api.get(PROFILE).status_code == 401


@pytest.mark.parametrize(
    "body",
    [{"password": "not my password"}, {}, {"password": ""}],
    ids=["wrong", "missing", "empty"],
)
def test_account_deletion_needs_the_password_and_removes_nothing_without_it(
    full_journal: Patient, client_api: APIClient, body: dict[str, str]
) -> None:
    before = journal_rows()

    answer = client_api.delete(ACCOUNT, body, format="json")

    assert answer.status_code == 400
    assert "password" in answer.json()
    assert journal_rows() == before
    assert client_api.get(PROFILE).status_code == 200


def test_account_deletion_needs_a_signed_in_person(full_journal: Patient) -> None:
    answer = APIClient().delete(ACCOUNT, {"password": PASSWORD}, format="json")

    assert answer.status_code == 401
    assert Patient.objects.filter(pk=full_journal.pk).exists()
