"""Daily reminders by Web Push (api.md, "Reminders (Web Push)").

Every minute `reminders_claim_due` finds, in a constant number of queries, the patients
whose reminder time falls in that minute of their own wall clock, who have not logged
their local today nor been reminded on it, and claims the day for them; then each of
their subscriptions is sent one message by a task of its own (`reminder_push_send`), so a
slow or failing push service delays nobody else.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import uuid
from collections import defaultdict
from operator import or_
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from journal import push_keys
from journal.local_dates import today_in_zone
from journal.models import Entry, Patient, PushSubscription
from journal.questionnaire_selectors import questionnaires_due
from journal.reminder_window import ReminderWindow, minute_start, reminder_window

logger = logging.getLogger(__name__)

# Push services see the message's size and timing, and the browser shows it on a locked
# screen: it says nothing about health.
REMINDER_MESSAGE = {"title": "Footnote", "body": "Time for today's Footnote", "url": "/#/today"}
# On the day a weekly check is due the same one reminder says so too (still no health data).
WEEKLY_CHECK_MESSAGE = {
    **REMINDER_MESSAGE,
    "body": "Time for today's Footnote, and your weekly check",
}
# A reminder that reaches a phone switched off all day is no use the next morning.
REMINDER_TTL_SECONDS = 4 * 60 * 60
PUSH_TIMEOUT_SECONDS = 10
# A subscription the push service no longer knows (RFC 8030 section 7.3).
GONE_STATUSES = {404, 410}


class PushDeliveryFailed(Exception):
    """The push service did not take the message this time; worth trying again."""


@functools.cache
def _vapid(private_key: str, key_file: str, create: bool) -> Vapid:
    if not private_key:
        path = Path(key_file)
        private_key = push_keys.key_file_read_or_create(path) if create else path.read_text()
    return push_keys.vapid_from_text(private_key)


def vapid() -> Vapid:
    """The server's VAPID key; development makes one under var/ the first time."""
    return _vapid(
        settings.FOOTNOTE_VAPID_PRIVATE_KEY,
        settings.FOOTNOTE_VAPID_KEY_FILE,
        not settings.PRODUCTION,
    )


def vapid_public_key() -> str:
    return push_keys.public_key_b64(vapid())


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _due_in(window: ReminderWindow, zones: list[str]) -> Q:
    times = Q(reminder_time__lte=window.upto)
    if window.after is not None:
        times &= Q(reminder_time__gt=window.after)
    logged = Exists(
        Entry.objects.filter(
            patient=OuterRef("pk"), date=window.local_date, deleted_at__isnull=True
        )
    )
    return Q(timezone__in=zones) & times & ~Q(reminded_on=window.local_date) & Q(~logged)


def reminders_claim_due(*, now: dt.datetime) -> list[int]:
    """Claim today's reminder for everyone due in the minute of `now`; the ids of the
    subscriptions to send it to.

    1. The time zones of the patients who could be due (one query).
    2. Each zone's wall-clock window for this minute; zones with the same window (the
       same offset, mostly) go together.
    3. The due patients, locked so that a second beat cannot take them too (one query).
    4. The claim: `reminded_on` becomes each one's local date (one UPDATE per local date;
       at one instant the world has at most three).
    5. Their subscriptions (one query).
    """
    minute = minute_start(now)
    subscribed = Exists(PushSubscription.objects.filter(patient=OuterRef("pk")))
    candidates = Patient.objects.filter(subscribed, reminder_time__isnull=False)
    zone_names = candidates.values_list("timezone", flat=True).distinct()

    zones_by_window: dict[ReminderWindow, list[str]] = defaultdict(list)
    for name in zone_names:
        zone = _zone(name)
        window = reminder_window(minute=minute, zone=zone) if zone else None
        if window is not None:
            zones_by_window[window].append(name)
    if not zones_by_window:
        return []
    date_of_zone = {
        name: window.local_date for window, names in zones_by_window.items() for name in names
    }

    due = functools.reduce(or_, (_due_in(w, names) for w, names in zones_by_window.items()))
    with transaction.atomic():
        claimed = list(
            candidates.filter(due).select_for_update(skip_locked=True).values_list("pk", "timezone")
        )
        patients_by_date: dict[dt.date, list[uuid.UUID]] = defaultdict(list)
        for patient_id, zone_name in claimed:
            patients_by_date[date_of_zone[zone_name]].append(patient_id)
        for local_date, patient_ids in patients_by_date.items():
            Patient.objects.filter(pk__in=patient_ids).update(reminded_on=local_date)
    if not claimed:
        return []
    return list(
        PushSubscription.objects.filter(patient_id__in=[pk for pk, _ in claimed])
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def reminder_push_send(*, subscription_id: int) -> str:
    """Send one subscription today's reminder. A subscription its push service no longer
    knows is deleted; any other failure is PushDeliveryFailed, for the task to retry."""
    subscription = (
        PushSubscription.objects.filter(pk=subscription_id).select_related("patient").first()
    )
    if subscription is None:
        return "no such subscription"
    patient = subscription.patient
    due = questionnaires_due(patient=patient, today=today_in_zone(patient.timezone))
    message = WEEKLY_CHECK_MESSAGE if due else REMINDER_MESSAGE
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=json.dumps(message),
            vapid_private_key=vapid(),
            # webpush adds the audience and expiry to the dict it is given: a fresh one.
            vapid_claims={"sub": settings.FOOTNOTE_VAPID_SUBJECT},
            ttl=REMINDER_TTL_SECONDS,
            timeout=PUSH_TIMEOUT_SECONDS,
            # A newer reminder replaces one still waiting on the push service.
            headers={"Urgency": "normal", "Topic": "daily-reminder"},
        )
    except WebPushException as error:
        status = getattr(error.response, "status_code", None)
        if status in GONE_STATUSES:
            PushSubscription.objects.filter(
                pk=subscription_id, endpoint=subscription.endpoint
            ).delete()
            return "gone"
        raise PushDeliveryFailed(f"push service answered {status}") from error
    except requests.RequestException as error:
        raise PushDeliveryFailed(f"push service unreachable: {error}") from error
    return "sent"
