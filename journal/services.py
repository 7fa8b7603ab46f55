"""Writes. Entry writes of every kind (POST, PUT, PATCH, DELETE and each sync item) go
through `entries_apply_changes`, so the version rule, replay safety, tombstones and the
sync cursor behave the same whichever door a change comes in by.

A batch is decided in memory against the stored state (loaded in a constant number of
queries) and then written in bulk: a 500-change sync costs a handful of statements, not
thousands.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import uuid
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from journal import analysis
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
from journal.rows import (
    Write,
    rows_insert_writes,
    rows_param,
    rows_select,
    writes_execute,
    writes_execute_if,
)
from journal.selectors import (
    ENTRY_CONTENT_NAMES,
    SIGN_COLUMNS,
    SYMPTOM_COLUMNS,
    entries_dicts_by_ids,
    entry_as_dict,
    entry_payload,
)

SCALAR_FIELDS = ENTRY_CONTENT_NAMES
EMPTY_CONTENT: dict[str, Any] = {
    "footwear": [],
    "sitting_hours": None,
    "walking_minutes": None,
    "walking_brings_leg_pain": False,
    "sitting_relieves_leg_pain": False,
    "medications": [],
    "sleep_quality": None,
    "notes": "",
}


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


# --- In-memory state of the entries a batch touches -----------------------------------


@dataclasses.dataclass
class _Stored:
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
    order carries no meaning (symptoms, signs, footwear)."""
    return (
        content["date"],
        tuple(sorted(content["footwear"])),
        None if content["sitting_hours"] is None else float(content["sitting_hours"]),
        content["walking_minutes"],
        content["walking_brings_leg_pain"],
        content["sitting_relieves_leg_pain"],
        tuple(_medication_key(m) for m in content["medications"]),
        content["sleep_quality"],
        content["notes"],
        tuple(sorted(_symptom_key(s) for s in content["symptoms"])),
        tuple(sorted(_sign_key(s) for s in content["signs"])),
    )


def _placeholders(count: int) -> str:
    return ", ".join(["%s"] * count)


def _load_stored(
    *, patient_id: uuid.UUID, entry_ids: set[uuid.UUID], dates: set[datetime.date]
) -> dict[uuid.UUID, _Stored]:
    """The entries a batch may touch: by id (any owner, to detect foreign ids) and the
    patient's live entries on the dates it writes, with the symptoms and signs of the
    patient's live ones. One query for a new entry, three at most."""
    conditions, params = [], []
    if entry_ids:
        conditions.append(f"id IN ({_placeholders(len(entry_ids))})")
        params += [rows_param(Entry, "id", entry_id) for entry_id in entry_ids]
    if dates:
        conditions.append(
            f"(patient_id = %s AND deleted_at IS NULL AND date IN ({_placeholders(len(dates))}))"
        )
        params += [rows_param(Entry, "patient_id", patient_id)]
        params += [rows_param(Entry, "date", date) for date in dates]
    if not conditions:
        return {}
    rows = rows_select(
        Entry,
        ("id", "patient_id", "version", "deleted_at", *SCALAR_FIELDS),
        " OR ".join(conditions),
        params,
    )
    own_live = [row[0] for row in rows if row[1] == patient_id and row[3] is None]
    symptoms: dict[uuid.UUID, list[dict[str, Any]]] = {entry_id: [] for entry_id in own_live}
    signs: dict[uuid.UUID, list[dict[str, Any]]] = {entry_id: [] for entry_id in own_live}
    if own_live:
        where = f"entry_id IN ({_placeholders(len(own_live))})"
        id_params = [rows_param(Symptom, "entry_id", entry_id) for entry_id in own_live]
        for entry_id, *values in rows_select(Symptom, SYMPTOM_COLUMNS, where, id_params):
            symptoms[entry_id].append(dict(zip(SYMPTOM_COLUMNS[1:], values, strict=True)))
        for entry_id, *values in rows_select(Sign, SIGN_COLUMNS, where, id_params):
            signs[entry_id].append(dict(zip(SIGN_COLUMNS[1:], values, strict=True)))
    stored = {}
    for entry_id, owner, version, deleted_at, *scalars in rows:
        content = None
        if deleted_at is None and owner == patient_id:
            content = dict(zip(SCALAR_FIELDS, scalars, strict=True))
            content["symptoms"] = symptoms[entry_id]
            content["signs"] = signs[entry_id]
        stored[entry_id] = _Stored(
            entry_id=entry_id,
            patient_id=owner,
            date=scalars[0],
            version=version,
            deleted=deleted_at is not None,
            content=content,
            stored_date=scalars[0],
            stored_deleted=deleted_at is not None,
        )
    return stored


class _Batch:
    """Decides each change in order against the state left by the changes before it."""

    def __init__(self, *, patient_id: uuid.UUID, seq: int, stored: dict[uuid.UUID, _Stored]):
        self.patient_id = patient_id
        self.seq = seq
        self.by_id = stored
        self.live_by_date = {
            s.date: s.entry_id
            for s in stored.values()
            if s.patient_id == patient_id and not s.deleted
        }

    def _next_seq(self) -> int:
        self.seq += 1
        return self.seq

    def _own(self, entry_id: uuid.UUID) -> _Stored | None:
        stored = self.by_id.get(entry_id)
        return stored if stored is not None and stored.patient_id == self.patient_id else None

    def _date_taken_by_other(self, date: datetime.date, entry_id: uuid.UUID) -> uuid.UUID | None:
        holder = self.live_by_date.get(date)
        return holder if holder is not None and holder != entry_id else None

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

    def _upsert(self, change: Upsert) -> ChangeResult:
        content, entry_id = change.content, change.entry_id
        stored = self._own(entry_id)
        if stored is None:
            holder = self._date_taken_by_other(content["date"], entry_id)
            if holder is not None:
                return self._conflict(entry_id, holder, "There is already an entry for this date.")
            stored = _Stored(
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


# The columns an entry write sets, after its id, owner and creation time.
ENTRY_WRITE_NAMES = (*SCALAR_FIELDS, "version", "change_seq", "updated_at", "deleted_at", "payload")


def _entry_row(stored: _Stored, now: datetime.datetime) -> tuple[Any, ...]:
    """The entry's ENTRY_WRITE_NAMES values. Keeps the payload (the entry in the API's
    shape, as JSON) on `stored`: a single write answers with it as it is."""
    content = stored.content or {**EMPTY_CONTENT, "date": stored.date}
    stored.payload = ""
    if not stored.deleted and stored.content is not None:
        stored.payload = entry_payload(
            entry_as_dict(
                entry_id=stored.entry_id,
                content=stored.content,
                version=stored.version,
                updated_at=now,
            )
        )
    return (
        *(content[name] for name in SCALAR_FIELDS),
        stored.version,
        stored.seq,
        now,
        now if stored.deleted else None,
        stored.payload,
    )


def _flush(batch: _Batch, now: datetime.datetime) -> list[Write]:
    """Write the batch's changes to entries that exist (now) and return the INSERTs of its
    new rows, for the caller to run together with the patient's update."""
    dirty = [s for s in batch.by_id.values() if s.dirty]
    if not dirty:
        return []
    existing = [s for s in dirty if not s.is_new]
    # Entries that move to another date, come back from a tombstone or become one are
    # first parked as tombstones, which the one-live-entry-per-date index ignores: then a
    # single UPDATE can bring every entry to its final date without tripping over an order
    # of rows (an entry deleted in the batch still holds its date until it is parked).
    moving = [
        s
        for s in existing
        if s.deleted != s.stored_deleted or (not s.deleted and s.date != s.stored_date)
    ]
    if moving:
        Entry.objects.filter(pk__in=[s.entry_id for s in moving]).update(deleted_at=now)
    if existing:
        objects = []
        for stored in existing:
            entry = Entry(pk=stored.entry_id, patient_id=batch.patient_id)
            for name, value in zip(ENTRY_WRITE_NAMES, _entry_row(stored, now), strict=True):
                setattr(entry, name, value)
            objects.append(entry)
        Entry.objects.bulk_update(objects, ENTRY_WRITE_NAMES, batch_size=250)
        replaced = [s.entry_id for s in existing]
        Symptom.objects.filter(entry_id__in=replaced).delete()
        Sign.objects.filter(entry_id__in=replaced).delete()
    inserts: list[Write] = []
    created = [s for s in dirty if s.is_new]
    if created:
        inserts += rows_insert_writes(
            Entry,
            ("id", "patient_id", "created_at", *ENTRY_WRITE_NAMES),
            [(s.entry_id, batch.patient_id, now, *_entry_row(s, now)) for s in created],
        )
    live = [s for s in dirty if not s.deleted and s.content is not None]
    inserts += rows_insert_writes(
        Symptom,
        SYMPTOM_COLUMNS,
        [
            (
                s.entry_id,
                symptom["region"],
                symptom["side"],
                symptom["part_of_day"] or "",
                symptom["pain"],
                symptom["numbness"],
                symptom["tingling"],
                symptom["qualities"],
            )
            for s in live
            for symptom in s.content["symptoms"]  # type: ignore[index]
        ],
    )
    inserts += rows_insert_writes(
        Sign,
        SIGN_COLUMNS,
        [
            (s.entry_id, sign["code"], sign["side"] or "", sign["count"])
            for s in live
            for sign in s.content["signs"]  # type: ignore[index]
        ],
    )
    return inserts


def _patient_change_seq(*, patient_id: uuid.UUID) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT change_seq FROM journal_patient WHERE id = %s",
            [rows_param(Patient, "id", patient_id)],
        )
        return int(cursor.fetchone()[0])


def _patient_reserve(*, patient_id: uuid.UUID, count: int) -> tuple[int, bool]:
    """In one statement: lock the patient's row until the batch commits (writers of one
    patient queue here, so each batch decides against settled state), take `count` change
    numbers, and bump the analysis generation (an analysis running now must run again; see
    analysis_mark_updates). Answers the change number before them and whether an analysis
    is pending. A batch that ends up writing nothing rolls this back with the rest."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE journal_patient SET change_seq = change_seq + %s,"
            " analysis_generation = analysis_generation + 1"
            # The column itself, not `IS NOT NULL`: SQLite 3.40 answers that expression
            # wrongly in a RETURNING clause.
            " WHERE id = %s RETURNING change_seq, analysis_requested_at",
            [count, rows_param(Patient, "id", patient_id)],
        )
        change_seq, requested_at = cursor.fetchone()
    return int(change_seq) - count, requested_at is not None


def entries_apply_changes(*, patient: Patient, changes: Sequence[Change]) -> ApplyOutcome:
    """Apply a batch of entry changes for one patient, each standing alone."""
    return _entries_create_new(patient=patient, changes=changes) or _entries_apply_locked(
        patient=patient, changes=changes
    )


def _attach_written_json(results: list[ChangeResult], batch: _Batch) -> None:
    for result in results:
        stored = batch.by_id.get(result.entry_id) if result.entry_id else None
        if result.status in (CREATED, UPDATED) and stored is not None and stored.payload:
            result.entry_json = stored.payload


def _patient_seq_and_taken(
    *, patient_id: uuid.UUID, entry_ids: set[uuid.UUID], dates: set[datetime.date]
) -> tuple[int, bool]:
    """The patient's change number and whether any of the ids (any owner's) or of the
    patient's live dates is taken, read in one snapshot. (Two EXISTS, not one with an OR:
    each is an index probe, where the OR made PostgreSQL scan the whole table.)"""
    patient_param = rows_param(Patient, "id", patient_id)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT change_seq,"  # noqa: S608 (only placeholders are added)
            f" EXISTS (SELECT FROM journal_entry WHERE id IN ({_placeholders(len(entry_ids))}))"
            " OR EXISTS (SELECT FROM journal_entry WHERE patient_id = %s"
            f" AND deleted_at IS NULL AND date IN ({_placeholders(len(dates))}))"
            " FROM journal_patient WHERE id = %s",
            [
                *(rows_param(Entry, "id", entry_id) for entry_id in entry_ids),
                patient_param,
                *(rows_param(Entry, "date", date) for date in dates),
                patient_param,
            ],
        )
        row = cursor.fetchone()
    return (0, True) if row is None else (int(row[0]), bool(row[1]))


def _entries_create_new(*, patient: Patient, changes: Sequence[Change]) -> ApplyOutcome | None:
    """PostgreSQL's short way for what most writes are, a phone saving new days: one read
    and one statement, no transaction round trips (a statement is atomic on its own).

    It takes only brand-new entries (new ids, free dates, no red flag: those take the
    locked way, which stores the urgent flags). The read is not under a lock, so the write
    is conditional: it advances the patient's change number only from the number the read
    saw (every entry write advances it), and inserts the entries only if that matched. If
    another write came first, or an id or date was taken meanwhile (a unique index
    refuses it), nothing is written and None sends the batch the locked way, which decides
    against what is stored then."""
    if connection.vendor != "postgresql" or not changes:
        return None
    upserts = [change for change in changes if isinstance(change, Upsert)]
    entry_ids = {change.entry_id for change in upserts}
    dates = {change.content["date"] for change in upserts}
    if not (len(upserts) == len(entry_ids) == len(dates) == len(changes)):
        return None
    contents = [change.content for change in upserts]
    if analysis.urgent_findings_in_days(timezone_name=patient.timezone, days=contents):
        return None
    seq_before, taken = _patient_seq_and_taken(
        patient_id=patient.pk, entry_ids=entry_ids, dates=dates
    )
    if taken:
        return None
    now = timezone.now()
    batch = _Batch(patient_id=patient.pk, seq=seq_before, stored={})
    results = [batch.apply(change) for change in changes]
    assignments, mark_params = analysis.analysis_mark_assignments(now)
    patient_param = rows_param(Patient, "id", patient.pk)
    guard = Write(
        # `before` is the row as this statement locked it, so whether an analysis is
        # pending right now. (A plain self-join would read it as the statement began: if
        # an analysis finished while this waited for the lock, it would look pending and
        # the new mark would never be enqueued.)
        "UPDATE journal_patient AS patient SET change_seq = %s,"  # noqa: S608
        f" {assignments} FROM (SELECT analysis_requested_at FROM journal_patient"
        " WHERE id = %s FOR UPDATE) AS before"
        " WHERE patient.id = %s AND patient.change_seq = %s"
        " RETURNING before.analysis_requested_at",
        [batch.seq, *mark_params, patient_param, patient_param, seq_before],
    )
    inserts = _flush(batch, now)
    try:
        with transaction.atomic() if connection.in_atomic_block else contextlib.nullcontext():
            returned = writes_execute_if(guard, inserts)
    except IntegrityError:
        return None
    if returned is None:
        return None
    (requested_before,) = returned
    if requested_before is None:
        analysis.analysis_enqueue_on_commit(patient_id=patient.pk)
    _attach_written_json(results, batch)
    return ApplyOutcome(results=results, alerts=[], seq_before=seq_before, seq_after=batch.seq)


def _entries_apply_locked(*, patient: Patient, changes: Sequence[Change]) -> ApplyOutcome:
    """Any batch: decided under the patient's row lock against the stored state."""
    with transaction.atomic():
        now = timezone.now()
        reserved = sum(1 for change in changes if not isinstance(change, Rejected))
        if reserved:
            seq_before, analysis_pending = _patient_reserve(patient_id=patient.pk, count=reserved)
        else:
            seq_before, analysis_pending = _patient_change_seq(patient_id=patient.pk), True
        entry_ids = {c.entry_id for c in changes if c.entry_id is not None}
        dates = {c.content["date"] for c in changes if isinstance(c, Upsert)}
        batch = _Batch(
            patient_id=patient.pk,
            seq=seq_before,
            stored=_load_stored(patient_id=patient.pk, entry_ids=entry_ids, dates=dates),
        )
        results = [batch.apply(change) for change in changes]
        wrote = batch.seq != seq_before
        if wrote:
            writes = _flush(batch, now)
            # Request an analysis and enqueue it on commit only if none was pending: a
            # burst of writes coalesces into one analysis.
            if not analysis_pending:
                writes.append(analysis.analysis_requested_write(patient_id=patient.pk, now=now))
                analysis.analysis_enqueue_on_commit(patient_id=patient.pk)
            writes_execute(writes)
        conflicting = {r.conflict_with for r in results if r.conflict_with is not None}
        if conflicting:
            servers = entries_dicts_by_ids(entry_ids=list(conflicting))
            for result in results:
                if result.conflict_with is not None:
                    result.server = servers[result.conflict_with]
        written = [s for s in batch.by_id.values() if s.dirty and not s.deleted]
        raised = analysis.urgent_alerts_for_days(
            patient=patient, days=[(s.entry_id, s.content) for s in written if s.content]
        )
        if reserved and not wrote:
            # Nothing changed (a replay, conflicts): give back the change numbers and the
            # analysis generation, and leave the patient's row as it was. (Last: no query may
            # follow in a block marked for rollback.)
            transaction.set_rollback(True)
    seq_after = seq_before + reserved if wrote else seq_before
    _attach_written_json(results, batch)
    return ApplyOutcome(results=results, alerts=raised, seq_before=seq_before, seq_after=seq_after)


# --- Accounts -------------------------------------------------------------------------


def patient_register(
    *, username: str, password: str, email: str = "", timezone_name: str = "UTC"
) -> tuple[Patient, str]:
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password, email=email)
        patient = Patient.objects.create(user=user, timezone=timezone_name)
        key = access_token_issue(user=user)
    return patient, key


def patient_profile_update(*, patient: Patient, data: dict[str, Any]) -> Patient:
    fields = [
        name for name in ("display_name", "birth_year", "timezone", "reminder_time") if name in data
    ]
    for name in fields:
        setattr(patient, name, data[name])
    if fields:
        patient.save(update_fields=fields)
    return patient


def access_token_revoke(*, token: AccessToken) -> None:
    token.delete()


def account_delete(*, user: User) -> None:
    """Remove the person and everything they logged: the database cascades from the user
    to the patient, entries, events, flags, reports, shares and tokens; their signed-in
    sessions end; report files go once the deletion is committed, so a failed deletion
    never leaves rows pointing at missing files."""
    from django.contrib.sessions.models import Session

    from reports.services import report_files_delete, report_files_of_patient

    with transaction.atomic():
        patient = Patient.objects.filter(user=user).first()
        files = report_files_of_patient(patient_id=patient.pk) if patient else []
        Session.objects.filter(
            session_key__in=LoginSession.objects.filter(user=user).values("session_key")
        ).delete()
        user.delete()
        transaction.on_commit(lambda: report_files_delete(files))


# --- Events ---------------------------------------------------------------------------


def event_create(*, patient: Patient, data: dict[str, Any]) -> Event:
    with transaction.atomic():
        event = Event.objects.create(patient=patient, **data)
        analysis.analysis_request(patient_id=patient.pk)
    return event


def event_update(*, event: Event, data: dict[str, Any]) -> Event:
    with transaction.atomic():
        for name, value in data.items():
            setattr(event, name, value)
        event.save(update_fields=[*data, "updated_at"])
        analysis.analysis_request(patient_id=event.patient_id)
    return event


def event_delete(*, event: Event) -> None:
    with transaction.atomic():
        patient_id = event.patient_id
        event.delete()
        analysis.analysis_request(patient_id=patient_id)


# --- Flags ----------------------------------------------------------------------------


def flag_acknowledge(*, flag: Flag) -> Flag:
    """The patient has seen it. The flag stays in reports; a resolved one stays resolved."""
    if flag.status == "active":
        with transaction.atomic():
            now = timezone.now()
            flag.status, flag.status_changed_at = "acknowledged", now
            flag.save(update_fields=["status", "status_changed_at", "updated_at"])
            FlagChange.objects.create(
                flag=flag, status="acknowledged", at=now, summary=flag.summary
            )
    return flag


def flags_recompute_request(*, patient: Patient) -> None:
    """Queue an analysis now, even if one is marked pending (its message may be lost)."""
    with transaction.atomic():
        analysis.analysis_request(patient_id=patient.pk, force=True)
