"""Reminders by Web Push, end to end against a push service of the test's own: the right
local minute in any time zone and across DST, at most one a day, none once the day is
logged, subscriptions the push service forgot are deleted, one failure holds no one up."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from celery.exceptions import Retry

from journal import push_services, reminders
from journal.models import Instrument, Patient, PushSubscription, QuestionnaireAnswer
from journal.reminder_window import reminder_window
from journal.tasks import send_due_reminders, send_reminder
from tests.factories import EntryFactory, PatientFactory
from tests.support.push_service import Browser, PushService

pytestmark = [pytest.mark.postgres]

UTC = dt.UTC


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=UTC)


def run_minute(instant: dt.datetime) -> int:
    with time_machine.travel(instant, tick=False):
        return int(send_due_reminders.delay().get())


@pytest.fixture
def push_service() -> Iterator[PushService]:
    yield from PushService().run()


@pytest.fixture
def subscribed(db: Any, push_service: PushService) -> Callable[..., tuple[Patient, Browser]]:
    """A patient with a reminder time and one subscribed browser named `name`."""

    def make(name: str, *, zone: str = "UTC", at_time: str = "09:00") -> tuple[Patient, Browser]:
        patient = PatientFactory(timezone=zone, reminder_time=dt.time.fromisoformat(at_time))
        browser = push_service.browser(name)
        subscribe(patient, browser)
        return patient, browser

    return make


def subscribe(patient: Patient, browser: Browser) -> None:
    push_services.push_subscription_save(
        patient=patient,
        endpoint=browser.endpoint,
        p256dh=browser.p256dh,
        auth=browser.auth,
        access_token=None,
    )


# --- the window, without a database ---------------------------------------------------

WINDOW_CASES = [
    # zone, reminder time, the UTC minute it is due (the minute before and after: not)
    ("America/New_York", "09:00", "2026-06-15T13:00"),
    ("Asia/Kolkata", "09:00", "2026-06-15T03:30"),
    ("Australia/Sydney", "09:00", "2026-06-14T23:00"),
    ("Australia/Sydney", "00:00", "2026-06-14T14:00"),  # local midnight
    # New York springs forward at 02:00 on 8 March 2026: 02:30 never happens on the
    # wall clock; the reminder goes at the first minute after the gap, 03:00 EDT.
    ("America/New_York", "02:30", "2026-03-08T07:00"),
    ("America/New_York", "03:00", "2026-03-08T07:00"),
    ("America/New_York", "01:59", "2026-03-08T06:59"),
]


@pytest.mark.parametrize(("zone", "reminder", "due"), WINDOW_CASES)
def test_a_reminder_time_falls_in_exactly_one_minute_of_the_day(
    zone: str, reminder: str, due: str
) -> None:
    time = dt.time.fromisoformat(reminder)
    due_minute = at(due)
    day = due_minute - dt.timedelta(hours=12)
    holding = []
    for minutes in range(24 * 60):
        minute = day + dt.timedelta(minutes=minutes)
        window = reminder_window(minute=minute, zone=ZoneInfo(zone))
        if window and window.holds(time):
            holding.append(minute)
    assert holding == [due_minute]


def test_the_repeated_hour_when_clocks_go_back_is_a_window_twice_but_one_date() -> None:
    zone = ZoneInfo("America/New_York")  # 1 November 2026, 02:00 EDT -> 01:00 EST
    first = reminder_window(minute=at("2026-11-01T05:30"), zone=zone)
    second = reminder_window(minute=at("2026-11-01T06:30"), zone=zone)
    assert first and second and first.holds(dt.time(1, 30)) and second.holds(dt.time(1, 30))
    assert first.local_date == second.local_date  # reminded_on stops the second one
    assert reminder_window(minute=at("2026-11-01T06:00"), zone=zone) is None


# --- sending, through the push service ------------------------------------------------


@pytest.mark.parametrize(("zone", "reminder", "due"), WINDOW_CASES[:5])
def test_the_reminder_arrives_at_the_patients_local_minute(
    subscribed: Callable[..., tuple[Patient, Browser]],
    push_service: PushService,
    zone: str,
    reminder: str,
    due: str,
) -> None:
    subscribed("phone", zone=zone, at_time=reminder)
    due_minute = at(due)

    run_minute(due_minute - dt.timedelta(minutes=1))
    assert push_service.attempts == []
    run_minute(due_minute + dt.timedelta(seconds=7))  # beat ticks a few seconds late
    run_minute(due_minute + dt.timedelta(minutes=1))

    assert push_service.errors == []
    assert push_service.delivered_to() == ["phone"]


def test_three_time_zones_each_at_their_own_nine_oclock(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    subscribed("new-york", zone="America/New_York")
    subscribed("kolkata", zone="Asia/Kolkata")
    subscribed("sydney", zone="Australia/Sydney")

    assert run_minute(at("2026-06-14T23:00")) == 1
    assert push_service.delivered_to() == ["sydney"]
    assert run_minute(at("2026-06-15T03:30")) == 1
    assert run_minute(at("2026-06-15T13:00")) == 1
    assert push_service.delivered_to() == ["kolkata", "new-york", "sydney"]


def weekly_check_done(patient: Patient, on: dt.date) -> None:
    QuestionnaireAnswer.objects.create(
        id=uuid.uuid4(),
        patient=patient,
        instrument=Instrument.objects.get(fhir_id="footnote-weekly-check", current=True),
        authored_on=on,
        answers={},
        scores=[],
    )


def test_the_message_is_encrypted_signed_and_says_nothing_about_health(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    patient, _ = subscribed("phone")
    weekly_check_done(patient, dt.date(2026, 6, 12))  # not due again until the 19th

    run_minute(at("2026-06-15T09:00"))

    [delivery] = push_service.deliveries
    assert delivery.message == {
        "title": "Footnote",
        "body": "Time for today's Footnote",
        "url": "/#/today",
    }
    assert b"Footnote" not in delivery.body  # what the push service sees is ciphertext
    assert delivery.vapid_public_key == reminders.vapid_public_key()
    assert delivery.vapid_claims["sub"].startswith("mailto:")
    assert delivery.headers["ttl"] == str(reminders.REMINDER_TTL_SECONDS)
    assert delivery.headers["urgency"] == "normal"


def test_the_reminder_says_so_when_the_weekly_check_is_due(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    due, _ = subscribed("due")
    done, _ = subscribed("done")
    weekly_check_done(due, dt.date(2026, 6, 8))  # seven days before: due on the 15th
    weekly_check_done(done, dt.date(2026, 6, 9))

    run_minute(at("2026-06-15T09:00"))

    bodies = {d.path.removeprefix("/push/"): d.message["body"] for d in push_service.deliveries}
    assert bodies == {
        "due": "Time for today's Footnote, and your weekly check",
        "done": "Time for today's Footnote",
    }


def test_no_reminder_when_the_local_day_is_already_logged(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    # 23:00 UTC on 14 June is 09:00 on 15 June in Sydney: the entry of the 15th counts.
    patient, _ = subscribed("sydney", zone="Australia/Sydney")
    EntryFactory(patient=patient, date=dt.date(2026, 6, 15))
    logged_yesterday, _ = subscribed("other", zone="Australia/Sydney")
    EntryFactory(patient=logged_yesterday, date=dt.date(2026, 6, 14))

    run_minute(at("2026-06-14T23:00"))

    assert push_service.delivered_to() == ["other"]


def test_a_deleted_entry_does_not_count_as_logged(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    patient, _ = subscribed("phone")
    EntryFactory(patient=patient, date=dt.date(2026, 6, 15), deleted_at=at("2026-06-15T08:00"))

    run_minute(at("2026-06-15T09:00"))

    assert push_service.delivered_to() == ["phone"]


def test_at_most_one_reminder_a_day_even_when_the_hour_repeats(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    patient, _ = subscribed("phone", zone="America/New_York", at_time="01:30")

    run_minute(at("2026-11-01T05:30"))  # 01:30 EDT
    run_minute(at("2026-11-01T05:30:30"))  # the same minute again
    run_minute(at("2026-11-01T06:30"))  # 01:30 EST, the hour again
    assert push_service.delivered_to() == ["phone"]
    patient.refresh_from_db()
    assert patient.reminded_on == dt.date(2026, 11, 1)

    run_minute(at("2026-11-02T06:30"))  # the next day, 01:30 EST
    assert push_service.delivered_to() == ["phone", "phone"]


def test_every_device_of_the_patient_gets_the_reminder(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    patient, _ = subscribed("phone")
    subscribe(patient, push_service.browser("tablet"))

    assert run_minute(at("2026-06-15T09:00")) == 2
    assert push_service.delivered_to() == ["phone", "tablet"]


@pytest.mark.parametrize("status", [404, 410])
def test_a_subscription_the_push_service_forgot_is_deleted(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService, status: int
) -> None:
    patient, _ = subscribed("gone")
    subscribe(patient, push_service.browser("kept"))
    push_service.statuses["/push/gone"] = status

    run_minute(at("2026-06-15T09:00"))

    assert push_service.delivered_to() == ["kept"]
    assert push_service.attempts.count("/push/gone") == 1  # not retried
    assert list(PushSubscription.objects.values_list("endpoint", flat=True)) == [
        push_service.browsers["/push/kept"].endpoint
    ]


def test_a_failing_push_service_is_retried_and_holds_up_no_one(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    first, _ = subscribed("a-failing")
    subscribe(first, push_service.browser("b-same-patient"))
    subscribed("c-other-patient")
    push_service.statuses["/push/a-failing"] = 503

    run_minute(at("2026-06-15T09:00"))

    assert push_service.delivered_to() == ["b-same-patient", "c-other-patient"]
    assert PushSubscription.objects.count() == 3  # a failure is not a goodbye
    # The failed send asks to be tried again later, with backoff (eager mode stops at
    # the request; a worker would wait up to 30 s, then up to a minute, two, ...).
    failing = PushSubscription.objects.get(endpoint__endswith="/a-failing")
    with pytest.raises(Retry) as retry:
        send_reminder.delay(failing.pk)
    assert isinstance(retry.value.exc, reminders.PushDeliveryFailed)
    assert 0 <= float(retry.value.when) <= 30
    assert push_service.attempts.count("/push/a-failing") == 2


def test_an_unreachable_push_service_is_a_failure_to_retry_not_a_crash(
    subscribed: Callable[..., tuple[Patient, Browser]], push_service: PushService
) -> None:
    subscribed("phone")
    subscription = PushSubscription.objects.get()
    subscription.endpoint = "http://127.0.0.1:9/push/nobody"  # discard port: refused
    subscription.save(update_fields=["endpoint"])

    with pytest.raises(reminders.PushDeliveryFailed):
        reminders.reminder_push_send(subscription_id=subscription.pk)


@pytest.mark.parametrize("patients", [3, 40])
def test_finding_who_is_due_takes_the_same_few_queries_for_any_number_of_patients(
    db: Any, django_assert_max_num_queries: Any, patients: int
) -> None:
    zones = ["Europe/Athens", "Asia/Kolkata", "America/New_York", "Europe/Lisbon"]
    for number in range(patients):
        zone = zones[number % len(zones)]
        patient = PatientFactory(timezone=zone, reminder_time=dt.time(9, 0))
        browser = Browser(endpoint=f"https://push.example/{number}")
        subscribe(patient, browser)
        subscribe(patient, Browser(endpoint=f"https://push.example/{number}-tablet"))
        if number % 5 == 0:
            EntryFactory(patient=patient, date=dt.date(2026, 6, 15))
    # Not due: another minute, no subscription, no reminder time.
    PatientFactory(timezone="UTC", reminder_time=dt.time(9, 0))
    subscribe(PatientFactory(timezone="UTC", reminder_time=None), Browser("https://push.example/x"))

    due_everywhere = []
    # 1 zone list + 1 locked select + 1 update per local date + 1 subscriptions
    # + savepoint/transaction statements.
    for instant in ["2026-06-15T06:00", "2026-06-15T03:30", "2026-06-15T13:00"]:
        with django_assert_max_num_queries(7):
            due_everywhere += reminders.reminders_claim_due(now=at(instant))
    # Athens (06:00Z), Kolkata (03:30Z), New York (13:00Z); Lisbon is due at 08:00Z.
    expected_patients = [n for n in range(patients) if n % 4 != 3 and n % 5 != 0]
    assert len(due_everywhere) == 2 * len(expected_patients)
