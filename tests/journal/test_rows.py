"""The plain row writes and reads of the entry write path (journal/rows.py) store and read
back exactly what the ORM would, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal.models import Entry, Patient, Symptom
from journal.rows import (
    Write,
    rows_insert_writes,
    rows_param,
    rows_select,
    writes_execute,
)
from journal.selectors import ENTRY_CONTENT_NAMES, SYMPTOM_COLUMNS
from tests.factories import EntryFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ENTRY_NAMES = (
    "patient_id",
    *ENTRY_CONTENT_NAMES,
    "version",
    "change_seq",
    "created_at",
    "updated_at",
    "deleted_at",
    "payload",
)
KOLKATA = zoneinfo.ZoneInfo("Asia/Kolkata")


def awkward_entry_values(patient: Patient, date: datetime.date) -> dict[str, Any]:
    """Values that a careless text or JSON round trip would change."""
    return {
        "patient_id": patient.pk,
        "date": date,
        "footwear": ["high_heels", "boots"],
        "sitting_hours": 7.25,
        "walking_minutes": None,
        "walking_brings_leg_pain": True,
        "sitting_relieves_leg_pain": False,
        "standing_still_relieves_leg_pain": False,
        "medications": [{"name": 'Ibuprofène "fort"', "dose": "400 mg", "times": None}],
        "sleep_quality": 0,
        "notes": 'Line one,\nline "two" \\ with a tab\tand 😣 — then \' and %s and {}',
        "version": 3,
        "change_seq": 2**40,
        "created_at": datetime.datetime(2026, 3, 29, 1, 30, 0, 123456, tzinfo=KOLKATA),
        "updated_at": datetime.datetime(2026, 10, 25, 2, 30, 0, 1, tzinfo=datetime.UTC),
        # Tombstones, so that two of them may share a date.
        "deleted_at": datetime.datetime(2026, 11, 1, 23, 59, 59, 999999, tzinfo=KOLKATA),
        "payload": '{"id":"x","notes":"é"}',
    }


def stored_values(entry_id: uuid.UUID) -> tuple[Any, ...]:
    return Entry.objects.filter(pk=entry_id).values_list(*ENTRY_NAMES).get()


def test_an_entry_inserted_as_plain_rows_reads_back_as_one_the_orm_created(
    patient: Patient,
) -> None:
    values = awkward_entry_values(patient, datetime.date(2026, 5, 1))
    through_orm = Entry.objects.create(**values)
    # auto_now_add overrode the given creation time; plain rows store what they are given.
    Entry.objects.filter(pk=through_orm.pk).update(created_at=values["created_at"])
    plain_id = uuid.uuid4()

    writes_execute(rows_insert_writes(Entry, ("id", *ENTRY_NAMES), [(plain_id, *values.values())]))

    assert stored_values(plain_id) == stored_values(through_orm.pk)
    assert stored_values(plain_id)[ENTRY_NAMES.index("notes")] == values["notes"]
    assert stored_values(plain_id)[ENTRY_NAMES.index("created_at")] == values["created_at"]


def test_plain_reads_convert_values_as_values_list_does(patient: Patient) -> None:
    values = awkward_entry_values(patient, datetime.date(2026, 5, 2))
    entry = Entry.objects.create(**{**values, "deleted_at": None})
    names = ("id", *ENTRY_NAMES)

    (row,) = rows_select(Entry, names, "id = %s", [rows_param(Entry, "id", entry.pk)])

    assert row == Entry.objects.filter(pk=entry.pk).values_list(*names).get()
    assert isinstance(row[0], uuid.UUID) and isinstance(row[2], datetime.date)
    assert row[ENTRY_NAMES.index("walking_brings_leg_pain") + 1] is True


def test_rows_beyond_the_databases_parameter_limit_are_all_inserted(patient: Patient) -> None:
    entries = EntryFactory.create_batch(3, patient=patient)
    rows = [
        (entry.pk, region, side, part, pain, pain % 2 == 0, False, ["burning", "electric"])
        for entry in entries
        for pain, region in enumerate(
            ("sole", "calf", "heel", "knee", "buttock", "foot_top", "shin_outer")
        )
        for side in ("left", "right")
        for part in ("", "morning", "afternoon", "evening", "night")
    ]
    assert len(rows) * len(SYMPTOM_COLUMNS) > 999  # SQLite's limit, as Django counts it

    writes_execute(rows_insert_writes(Symptom, SYMPTOM_COLUMNS, rows))

    stored = Symptom.objects.filter(entry__in=entries).values_list(*SYMPTOM_COLUMNS)
    assert sorted(stored, key=str) == sorted(rows, key=str)


def test_writes_go_as_one_statement_on_postgresql_and_one_each_elsewhere(
    patient: Patient,
) -> None:
    entry = EntryFactory(patient=patient)
    writes = [
        *rows_insert_writes(
            Symptom, SYMPTOM_COLUMNS, [(entry.pk, "sole", "left", "", 4, False, True, [])]
        ),
        *rows_insert_writes(
            Symptom, SYMPTOM_COLUMNS, [(entry.pk, "calf", "left", "", 2, False, False, [])]
        ),
        Write(
            "UPDATE journal_patient SET change_seq = change_seq + 1 WHERE id = %s",
            [rows_param(Patient, "id", patient.pk)],
        ),
    ]

    with CaptureQueriesContext(connection) as queries:
        writes_execute(writes)

    assert len(queries) == (1 if connection.vendor == "postgresql" else 3)
    assert Symptom.objects.filter(entry=entry).count() == 2
    patient.refresh_from_db()
    assert patient.change_seq == 1
