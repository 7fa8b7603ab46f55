"""Import of a patient's own JSON export (`footnote-export/1`, api.md "Import"): moving to
another server, or to a new account, is export then import.

Entries go through the one door of every entry write, `services.entries_apply_changes`,
as a sync batch would: replay-safe by id, a day already holding different content is a
conflict (never overwritten), an invalid entry stands alone. Events are added unless an
identical one is already held, and the profile fills only what is empty here, so
importing the same file twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from journal import import_answers, services
from journal.analysis_requests import analysis_request
from journal.entry_batch import CONFLICT, CREATED, UNCHANGED, UPDATED, Change, Upsert
from journal.event_services import EVENT_FIELDS
from journal.model_update import model_update
from journal.models import Entry, Event, Patient

# The profile fields an import may fill. Not `timezone`: every account has one (chosen at
# sign-up), so it is never empty here, and the dates of the journal are read in it.
IMPORTED_PROFILE_FIELDS = ("display_name", "birth_year", "reminder_time", "health_history")

# An entry id another patient on this server holds (the export came from an account here)
# is replaced by one derived from it and the importing patient: the same on every import,
# so a second import of the file still finds its entries.
_IMPORT_NAMESPACE = uuid.UUID("0b9d3f5e-8f3c-4c1e-9f49-3d5a4f2b7c61")


@dataclasses.dataclass
class ImportOutcome:
    entries: dict[str, int]
    events: dict[str, int]
    questionnaire_responses: dict[str, int]
    profile_filled: list[str]
    problems: list[dict[str, Any]]


def _own_entry_ids(
    *, patient: Patient, changes: Sequence[Change]
) -> tuple[list[Change], dict[uuid.UUID, uuid.UUID]]:
    ids = {c.entry_id for c in changes if isinstance(c, Upsert)}
    foreign = set(
        Entry.objects.filter(pk__in=ids).exclude(patient=patient).values_list("pk", flat=True)
    )
    renamed: dict[uuid.UUID, uuid.UUID] = {}
    result: list[Change] = []
    for change in changes:
        if isinstance(change, Upsert) and change.entry_id in foreign:
            new_id = uuid.uuid5(_IMPORT_NAMESPACE, f"{patient.pk}/{change.entry_id}")
            renamed[new_id] = change.entry_id
            change = dataclasses.replace(change, entry_id=new_id)
        result.append(change)
    return result, renamed


def _event_key(event: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(event.get(name) or "" for name in EVENT_FIELDS)


def patient_import(
    *,
    patient: Patient,
    changes: Sequence[Change],
    dates: Sequence[str | None],
    events: Sequence[dict[str, Any]],
    profile: dict[str, Any],
    responses: Sequence[import_answers.ResponseIn] = (),
) -> ImportOutcome:
    """Apply a validated export to `patient`; `dates[i]` names change i in the answer.

    1. Entries: ids another patient holds become this patient's own; every change then
       goes to `entries_apply_changes` with no expected version, so a new id is created,
       an identical one is unchanged, and any difference is a conflict.
    2. Events not already held (same kind, site, side, date and notes) are created in
       one statement, and the patient is marked for analysis.
    3. Profile fields empty here take the file's value.
    4. The weekly check's answers, by id (journal/import_answers.py).
    """
    changes, renamed = _own_entry_ids(patient=patient, changes=changes)
    outcome = services.entries_apply_changes(patient=patient, changes=changes)
    entries = {"created": 0, "unchanged": 0, "conflicts": 0, "invalid": 0}
    problems: list[dict[str, Any]] = []
    for result, date in zip(outcome.results, dates, strict=True):
        if result.status in (CREATED, UPDATED):  # UPDATED: a tombstone's id, never here
            entries["created"] += 1
            continue
        if result.status == UNCHANGED:
            entries["unchanged"] += 1
            continue
        status = "conflict" if result.status == CONFLICT else "invalid"
        entries["conflicts" if status == "conflict" else "invalid"] += 1
        entry_id = result.entry_id and renamed.get(result.entry_id, result.entry_id)
        problem = {
            "kind": "entry",
            "id": None if entry_id is None else str(entry_id),
            "date": date,
            "status": status,
            "errors": result.errors or {},
        }
        if result.server is not None:
            problem["server"] = result.server
        problems.append(problem)

    with transaction.atomic():
        held = {_event_key(e) for e in Event.objects.filter(patient=patient).values(*EVENT_FIELDS)}
        new_events = []
        for event in events:
            key = _event_key(event)
            if key not in held:
                held.add(key)
                new_events.append(Event(patient=patient, **{f: event[f] for f in EVENT_FIELDS}))
        if new_events:
            Event.objects.bulk_create(new_events)
            analysis_request(patient_id=patient.pk)
        filled = {
            name: profile[name]
            for name in IMPORTED_PROFILE_FIELDS
            if profile.get(name) not in (None, "") and getattr(patient, name) in (None, "")
        }
        if filled:
            model_update(instance=patient, fields=list(filled), data=filled)
        answered, answer_problems = import_answers.answers_import(
            patient=patient, responses=responses
        )
    problems.extend(answer_problems)
    return ImportOutcome(
        entries=entries,
        questionnaire_responses=answered,
        events={"created": len(new_events), "unchanged": len(events) - len(new_events)},
        profile_filled=list(filled),
        problems=problems,
    )
