"""The decision of an entry batch, in memory: which change creates, updates, deletes,
conflicts or is refused, against the stored state of the entries it touches.

Pure Python over plain values, like the rules: no query and no Django import, so it is
tested without a database (tests/journal/test_entry_batch.py). Loading the stored state
and writing the outcome live in `journal.entry_writes`; `journal.services` runs the three.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from typing import Any

# --- Changes and their results --------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Upsert:
    entry_id: uuid.UUID
    content: dict[str, Any]  # validated by EntryInputSerializer (no id, no version)
    expected_version: int | None


@dataclasses.dataclass(frozen=True)
class Delete:
    entry_id: uuid.UUID
    expected_version: int | None


@dataclasses.dataclass(frozen=True)
class Rejected:
    entry_id: uuid.UUID | None
    errors: dict[str, Any]


Change = Upsert | Delete | Rejected

# Statuses of a change. NOT_FOUND becomes a 404 for a single request and "invalid" in a
# sync batch: another patient's id must look exactly like an id that does not exist.
CREATED, UPDATED, UNCHANGED, DELETED = "created", "updated", "unchanged", "deleted"
CONFLICT, INVALID, NOT_FOUND = "conflict", "invalid", "not_found"


@dataclasses.dataclass
class ChangeResult:
    entry_id: uuid.UUID | None
    status: str
    version: int | None = None
    errors: dict[str, Any] | None = None
    server: dict[str, Any] | None = None
    conflict_with: uuid.UUID | None = None
    # The entry as written (created or updated), as JSON in the API's shape, so a single
    # write answers without reading back or serialising again what it just stored.
    entry_json: str | None = None


@dataclasses.dataclass
class ApplyOutcome:
    results: list[ChangeResult]
    alerts: list[dict[str, Any]]
    seq_before: int
    seq_after: int


# --- The entries a batch touches, as stored and as decided ----------------------------


@dataclasses.dataclass
class StoredEntry:
    entry_id: uuid.UUID
    patient_id: uuid.UUID
    date: datetime.date
    version: int
    deleted: bool
    content: dict[str, Any] | None
    stored_date: datetime.date | None  # the date in the database now (None when new)
    stored_deleted: bool = False
    is_new: bool = False
    dirty: bool = False
    seq: int = 0
    payload: str = ""  # as written, for a live entry


def _symptom_key(symptom: dict[str, Any]) -> tuple[Any, ...]:
    return (
        symptom["region"],
        symptom["side"],
        symptom["part_of_day"] or "",
        symptom["pain"],
        bool(symptom["numbness"]),
        bool(symptom["tingling"]),
        tuple(symptom["qualities"]),
    )


def _sign_key(sign: dict[str, Any]) -> tuple[Any, ...]:
    return (sign["code"], sign["side"] or "", sign["count"])


def _medication_key(medication: dict[str, Any]) -> tuple[Any, ...]:
    return (medication["name"], medication.get("dose") or "", medication.get("times"))


def content_key(content: dict[str, Any]) -> tuple[Any, ...]:
    """What makes two versions of a day the same day, independent of list order where
    order carries no meaning (symptoms, signs, footwear), and of how an empty side or
    part of day is spelled ("" as stored, None in the API's shape)."""
    return (
        content["date"],
        tuple(sorted(content["footwear"])),
        None if content["sitting_hours"] is None else float(content["sitting_hours"]),
        content["walking_minutes"],
        content["walking_brings_leg_pain"],
        content["sitting_relieves_leg_pain"],
        content["standing_still_relieves_leg_pain"],
        tuple(_medication_key(m) for m in content["medications"]),
        content["sleep_quality"],
        content["notes"],
        tuple(sorted(_symptom_key(s) for s in content["symptoms"])),
        tuple(sorted(_sign_key(s) for s in content["signs"])),
    )


class EntryBatch:
    """Decides each change in order against the state left by the changes before it.

    `seq` is the patient's change number: each change that writes takes the next one.
    """

    def __init__(
        self,
        *,
        patient_id: uuid.UUID,
        seq: int,
        stored: dict[uuid.UUID, StoredEntry],
        today: datetime.date | None = None,
        future_message: str = "This date is in the future.",
    ) -> None:
        self.patient_id = patient_id
        self.seq = seq
        # The patient's today: a later date (validation let it through, as today
        # somewhere) is accepted only as an unchanged replay. A phone that saved its
        # "today" and then moved west re-sends a day that is tomorrow where it is now.
        self.today = today
        self.future_message = future_message
        self.by_id = stored
        self.live_by_date = {
            s.date: s.entry_id
            for s in stored.values()
            if s.patient_id == patient_id and not s.deleted
        }

    def apply(self, change: Change) -> ChangeResult:
        if isinstance(change, Rejected):
            return ChangeResult(change.entry_id, INVALID, errors=change.errors)
        if change.entry_id in self.by_id and self._own(change.entry_id) is None:
            return ChangeResult(
                change.entry_id, NOT_FOUND, errors={"id": ["No entry with this id."]}
            )
        if isinstance(change, Delete):
            return self._delete(change)
        return self._upsert(change)

    def dirty(self) -> list[StoredEntry]:
        """The entries the batch changed, to be written."""
        return [s for s in self.by_id.values() if s.dirty]

    def attach_written_json(self, results: list[ChangeResult]) -> None:
        """Give each created or updated result the entry as written (see `payload`)."""
        for result in results:
            stored = self.by_id.get(result.entry_id) if result.entry_id else None
            if result.status in (CREATED, UPDATED) and stored is not None and stored.payload:
                result.entry_json = stored.payload

    def _next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def _own(self, entry_id: uuid.UUID) -> StoredEntry | None:
        stored = self.by_id.get(entry_id)
        return stored if stored is not None and stored.patient_id == self.patient_id else None

    def _date_taken_by_other(self, date: datetime.date, entry_id: uuid.UUID) -> uuid.UUID | None:
        holder = self.live_by_date.get(date)
        return holder if holder is not None and holder != entry_id else None

    def _upsert(self, change: Upsert) -> ChangeResult:
        content, entry_id = change.content, change.entry_id
        stored = self._own(entry_id)
        if self.today is not None and content["date"] > self.today:
            replay = (
                stored is not None
                and not stored.deleted
                and stored.content is not None
                and content_key(stored.content) == content_key(content)
            )
            if not replay:
                return ChangeResult(entry_id, INVALID, errors={"date": [self.future_message]})
        if stored is None:
            holder = self._date_taken_by_other(content["date"], entry_id)
            if holder is not None:
                return self._conflict(entry_id, holder, "There is already an entry for this date.")
            stored = StoredEntry(
                entry_id=entry_id,
                patient_id=self.patient_id,
                date=content["date"],
                version=1,
                deleted=False,
                content=content,
                stored_date=None,
                is_new=True,
                dirty=True,
                seq=self._next_seq(),
            )
            self.by_id[entry_id] = stored
            self.live_by_date[stored.date] = entry_id
            return ChangeResult(entry_id, CREATED, version=1)
        same = stored.content is not None and content_key(stored.content) == content_key(content)
        if not stored.deleted and same:
            return ChangeResult(entry_id, UNCHANGED, version=stored.version)
        if change.expected_version != stored.version:
            what = "deleted" if stored.deleted else "changed"
            return self._conflict(
                entry_id, entry_id, f"This entry was {what} on another device since you loaded it."
            )
        holder = self._date_taken_by_other(content["date"], entry_id)
        if holder is not None:
            return self._conflict(entry_id, holder, "There is already an entry for this date.")
        if not stored.deleted:
            self.live_by_date.pop(stored.date, None)
        stored.date, stored.content, stored.deleted = content["date"], content, False
        stored.version += 1
        stored.dirty, stored.seq = True, self._next_seq()
        self.live_by_date[stored.date] = entry_id
        return ChangeResult(entry_id, UPDATED, version=stored.version)

    def _delete(self, change: Delete) -> ChangeResult:
        stored = self._own(change.entry_id)
        if stored is None:
            return ChangeResult(
                change.entry_id, NOT_FOUND, errors={"id": ["No entry with this id."]}
            )
        if stored.deleted:
            return ChangeResult(change.entry_id, DELETED, version=stored.version)
        if change.expected_version is not None and change.expected_version != stored.version:
            return self._conflict(
                change.entry_id, change.entry_id, "This entry was changed on another device."
            )
        self.live_by_date.pop(stored.date, None)
        stored.deleted, stored.content = True, None
        stored.version += 1
        stored.dirty, stored.seq = True, self._next_seq()
        return ChangeResult(change.entry_id, DELETED, version=stored.version)

    def _conflict(self, entry_id: uuid.UUID, holder: uuid.UUID, message: str) -> ChangeResult:
        return ChangeResult(
            entry_id,
            CONFLICT,
            version=self.by_id[holder].version,
            errors={"detail": [message]},
            conflict_with=holder,
        )
