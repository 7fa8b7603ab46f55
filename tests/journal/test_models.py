"""The invariants that matter are database constraints too (operations.md): no code path
(admin, shell, a bulk import) can store what the API would refuse."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from journal.models import Entry, Event, Patient, Sign, Symptom
from tests.factories import EntryFactory, EventFactory, PatientFactory, SignFactory, SymptomFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

DAY = datetime.date(2026, 6, 1)


def assert_refused(create: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.fixture
def entry() -> Entry:
    return EntryFactory(date=DAY)


def test_a_patient_has_one_live_entry_per_date(entry: Entry) -> None:
    assert_refused(lambda: EntryFactory(patient=entry.patient, date=DAY))


def test_tombstones_do_not_hold_their_date(entry: Entry) -> None:
    Entry.objects.filter(pk=entry.pk).update(deleted_at=timezone.now())

    EntryFactory(patient=entry.patient, date=DAY)
    EntryFactory(patient=entry.patient, date=DAY + datetime.timedelta(days=1))

    assert Entry.objects.filter(patient=entry.patient, date=DAY).count() == 2


def test_two_patients_may_log_the_same_date(entry: Entry) -> None:
    EntryFactory(date=DAY)

    assert Entry.objects.filter(date=DAY).count() == 2


@pytest.mark.parametrize(
    "fields",
    [
        {"sitting_hours": -0.5},
        {"sitting_hours": 24.5},
        {"walking_minutes": 1441},
        {"walking_minutes": -1},
        {"sleep_quality": 11},
        {"notes": "x" * 2001},
        {"version": 0},
    ],
    ids=lambda fields: "-".join(f"{k}={str(v)[:8]}" for k, v in fields.items()),
)
def test_entry_values_out_of_range_are_refused(fields: dict[str, Any]) -> None:
    patient = PatientFactory()
    assert_refused(lambda: EntryFactory(patient=patient, date=DAY, **fields))


def test_entry_values_at_their_limits_are_stored() -> None:
    entry = EntryFactory(sitting_hours=24, walking_minutes=1440, sleep_quality=10, notes="x" * 2000)

    assert Entry.objects.get(pk=entry.pk).notes == "x" * 2000


@pytest.mark.parametrize(
    "fields",
    [
        {"pain": 11},
        {"pain": -1},
        {"region": "elbow"},
        {"region": "sole", "side": "center"},
        {"region": "forefoot", "side": "center"},
        {"region": "sole", "side": "up"},
        {"part_of_day": "noon"},
    ],
    ids=lambda fields: "-".join(f"{k}={v}" for k, v in fields.items()),
)
def test_symptoms_out_of_vocabulary_or_range_are_refused(
    entry: Entry, fields: dict[str, Any]
) -> None:
    assert_refused(lambda: SymptomFactory(entry=entry, **fields))


@pytest.mark.parametrize(
    "fields",
    [
        {"pain": 0},
        {"pain": 10},
        {"region": "lower_back", "side": "center"},
        {"region": "lower_back", "side": "left"},
        {"region": "saddle", "side": "center"},
        {"region": "saddle", "side": "left"},  # one side of the saddle (rules version 2)
        {"region": "forefoot", "side": "right"},
        {"part_of_day": "night"},
    ],
    ids=lambda fields: "-".join(f"{k}={v}" for k, v in fields.items()),
)
def test_symptoms_within_the_vocabulary_are_stored(entry: Entry, fields: dict[str, Any]) -> None:
    SymptomFactory(entry=entry, **fields)

    assert Symptom.objects.filter(entry=entry).count() == 1


def test_a_region_side_and_part_of_day_is_logged_once_per_entry(entry: Entry) -> None:
    SymptomFactory(entry=entry, region="sole", side="left", part_of_day="morning")
    SymptomFactory(entry=entry, region="sole", side="left", part_of_day="evening")
    SymptomFactory(entry=entry, region="sole", side="right", part_of_day="morning")

    assert_refused(
        lambda: SymptomFactory(entry=entry, region="sole", side="left", part_of_day="morning")
    )


@pytest.mark.parametrize(
    "fields",
    [
        {"code": "hiccups", "side": "", "count": None},
        {"code": "tripping", "side": "", "count": 1},
        {"code": "tripping", "side": "center", "count": 1},
        {"code": "bladder_change", "side": "left", "count": None},
        {"code": "leg_weakness", "side": "left", "count": 2},
        {"code": "tripping", "side": "left", "count": 0},
    ],
    ids=lambda fields: "-".join(f"{k}={v}" for k, v in fields.items()),
)
def test_signs_must_be_known_and_sided_as_defined(entry: Entry, fields: dict[str, Any]) -> None:
    assert_refused(lambda: SignFactory(entry=entry, **fields))


def test_a_sign_is_logged_once_per_side(entry: Entry) -> None:
    SignFactory(entry=entry, code="tripping", side="left", count=1)
    SignFactory(entry=entry, code="tripping", side="right", count=1)
    SignFactory(entry=entry, code="bowel_change", side="", count=None)

    assert_refused(lambda: SignFactory(entry=entry, code="tripping", side="left", count=3))
    assert Sign.objects.filter(entry=entry).count() == 3


@pytest.mark.parametrize(
    "fields",
    [{"kind": "haircut"}, {"site": "elbow"}, {"side": "up"}, {"notes": "x" * 2001}],
    ids=lambda fields: next(iter(fields)),
)
def test_events_out_of_vocabulary_are_refused(fields: dict[str, Any]) -> None:
    patient = PatientFactory()
    assert_refused(lambda: EventFactory(patient=patient, **fields))


def test_an_event_without_side_is_stored() -> None:
    event = EventFactory(side="", site="lower_back", kind="back_surgery")

    assert Event.objects.get(pk=event.pk).side == ""


@pytest.mark.parametrize("birth_year", [1899, 2101])
def test_an_implausible_birth_year_is_refused(birth_year: int) -> None:
    assert_refused(lambda: PatientFactory(birth_year=birth_year))


def test_deleting_a_patient_takes_its_journal_along(entry: Entry) -> None:
    SymptomFactory(entry=entry)
    SignFactory(entry=entry)
    EventFactory(patient=entry.patient)

    entry.patient.user.delete()

    assert Patient.objects.count() == 0
    assert (Entry.objects.count(), Symptom.objects.count(), Sign.objects.count()) == (0, 0, 0)
    assert Event.objects.count() == 0
