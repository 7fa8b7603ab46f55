"""Reads. Every patient-scoped query starts here and filters by owner, so isolation is
decided in one place and no view can forget it.

Entries are read as plain tuples and turned into dicts by hand: building ORM objects and
running DRF serializers dominate bulk reads (budgets.md), and the entry list must stay fast
and use a constant number of queries whatever the page size.
"""

from __future__ import annotations

import datetime
import functools
import json
import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast
from django.http import Http404

from journal.models import AccessToken, Entry, Event, Flag, Patient
from journal.rules import finding_order

ModelT = TypeVar("ModelT", bound=models.Model)

# What a day says, as stored on the entry row (symptoms and signs live in their tables).
ENTRY_CONTENT_NAMES = (
    "date",
    "footwear",
    "sitting_hours",
    "walking_minutes",
    "walking_brings_leg_pain",
    "sitting_relieves_leg_pain",
    "standing_still_relieves_leg_pain",
    "medications",
    "sleep_quality",
    "notes",
)
ENTRY_COLUMNS = ("id", *ENTRY_CONTENT_NAMES, "version", "updated_at", "deleted_at")
SYMPTOM_COLUMNS = (
    "entry_id",
    "region",
    "side",
    "part_of_day",
    "pain",
    "numbness",
    "tingling",
    "qualities",
)
SIGN_COLUMNS = ("entry_id", "code", "side", "count")


def _timestamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def one_or_404(queryset: QuerySet[ModelT], pk: uuid.UUID | str) -> ModelT:
    """The object with this id in an owner-filtered queryset, or 404: another patient's id
    looks exactly like an id that does not exist."""
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def patient_live_entries(*, patient: Patient) -> QuerySet[Entry]:
    return Entry.objects.filter(patient=patient, deleted_at__isnull=True)


def entry_get(*, patient: Patient, entry_id: uuid.UUID | str) -> Entry:
    """The patient's live entry, or 404 (also for another patient's id or a tombstone)."""
    return one_or_404(patient_live_entries(patient=patient), entry_id)


@functools.lru_cache(maxsize=1024)
def _codes(text: str) -> tuple[str, ...]:
    """A JSON list of codes (footwear, qualities), parsed once per distinct value: a page
    of entries repeats a handful of them, and parsing dominated the list's cost."""
    return tuple(json.loads(text))


def _as_text(field: str) -> Cast:
    return Cast(field, TextField())


def _symptom_dict(
    region: str, side: str, part: str, pain: int, numb: bool, tingle: bool, qualities: Sequence[str]
) -> dict[str, Any]:
    return {
        "region": region,
        "side": side,
        "part_of_day": part or None,
        "pain": pain,
        "numbness": numb,
        "tingling": tingle,
        "qualities": qualities,
    }


def _sign_dict(code: str, side: str, count: int | None) -> dict[str, Any]:
    return {"code": code, "side": side or None, "count": count}


# One round trip for both kinds of child row. Written as SQL because this is the hot path
# of the entry list (budgets.md): the ORM spent as long compiling two queries as the
# database spent answering them. Portable between SQLite and PostgreSQL.
_CHILDREN_SQL = """
    SELECT entry_id, 0, region, side, part_of_day, pain, numbness, tingling, qualities, id
      FROM journal_symptom WHERE entry_id IN ({ids})
    UNION ALL
    SELECT entry_id, 1, code, side, '', count, NULL, NULL, NULL, id
      FROM journal_sign WHERE entry_id IN ({ids})
    ORDER BY 2, 10
"""


def symptoms_and_signs_by_entry(
    entry_ids: Sequence[uuid.UUID],
) -> tuple[dict[uuid.UUID, list[dict[str, Any]]], dict[uuid.UUID, list[dict[str, Any]]]]:
    """Each entry's symptoms and signs, in the order they were written. One query."""
    symptoms: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    signs: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    if not entry_ids:
        return symptoms, signs
    pk = Entry._meta.pk
    assert pk is not None
    by_stored_id = {pk.get_db_prep_value(entry_id, connection): entry_id for entry_id in entry_ids}
    placeholders = ", ".join(["%s"] * len(by_stored_id))
    with connection.cursor() as cursor:
        cursor.execute(_CHILDREN_SQL.format(ids=placeholders), [*by_stored_id, *by_stored_id])
        rows = cursor.fetchall()
    for stored_id, kind, code, side, part, number, numb, tingle, qualities, _ in rows:
        entry_id = by_stored_id[stored_id]
        if kind == 0:
            symptoms[entry_id].append(
                _symptom_dict(code, side, part, number, bool(numb), bool(tingle), _codes(qualities))
            )
        else:
            signs[entry_id].append(_sign_dict(code, side, number))
    return symptoms, signs


def _entry_dict(
    entry_id: uuid.UUID,
    content: dict[str, Any],
    symptoms: list[dict[str, Any]],
    signs: list[dict[str, Any]],
    version: int,
    updated_at: datetime.datetime,
) -> dict[str, Any]:
    return {
        "id": str(entry_id),
        "date": content["date"].isoformat(),
        "symptoms": symptoms,
        "signs": signs,
        "footwear": content["footwear"],
        "sitting_hours": content["sitting_hours"],
        "walking_minutes": content["walking_minutes"],
        "walking_brings_leg_pain": content["walking_brings_leg_pain"],
        "sitting_relieves_leg_pain": content["sitting_relieves_leg_pain"],
        "standing_still_relieves_leg_pain": content["standing_still_relieves_leg_pain"],
        "medications": content["medications"],
        "sleep_quality": content["sleep_quality"],
        "notes": content["notes"],
        "version": version,
        "updated_at": _timestamp(updated_at),
        "deleted": False,
    }


def entry_as_dict(
    *, entry_id: uuid.UUID, content: dict[str, Any], version: int, updated_at: datetime.datetime
) -> dict[str, Any]:
    """A validated entry, as just written, in the API's shape (no query)."""
    return _entry_dict(
        entry_id,
        content,
        [
            _symptom_dict(
                x["region"],
                x["side"],
                x["part_of_day"],
                x["pain"],
                x["numbness"],
                x["tingling"],
                x["qualities"],
            )
            for x in content["symptoms"]
        ],
        [_sign_dict(x["code"], x["side"], x["count"]) for x in content["signs"]],
        version,
        updated_at,
    )


def entry_rows_as_dicts(rows: Iterable[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Turn ENTRY_COLUMNS tuples into the API's entry shape (tombstones included)."""
    rows = list(rows)
    symptoms, signs = symptoms_and_signs_by_entry([row[0] for row in rows if row[-1] is None])
    result = []
    for entry_id, *content_values, version, updated_at, deleted_at in rows:
        content = dict(zip(ENTRY_CONTENT_NAMES, content_values, strict=True))
        if deleted_at is not None:
            result.append(
                {
                    "id": str(entry_id),
                    "date": content["date"].isoformat(),
                    "version": version,
                    "updated_at": _timestamp(updated_at),
                    "deleted": True,
                }
            )
            continue
        if isinstance(content["footwear"], str):
            content["footwear"] = _codes(content["footwear"])
        result.append(
            _entry_dict(
                entry_id,
                content,
                symptoms.get(entry_id, []),
                signs.get(entry_id, []),
                version,
                updated_at,
            )
        )
    return result


def entries_dicts_by_ids(*, entry_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any]]:
    """Entries (live or tombstones) by id, for answers after a write. Three queries."""
    rows = Entry.objects.filter(pk__in=entry_ids).values_list(*ENTRY_COLUMNS)
    return {uuid.UUID(d["id"]): d for d in entry_rows_as_dicts(rows)}


def entry_dict(*, entry_id: uuid.UUID) -> dict[str, Any]:
    return entries_dicts_by_ids(entry_ids=[entry_id])[entry_id]


def entry_payload(entry: dict[str, Any]) -> str:
    """An entry in the API's shape as compact JSON, the form Entry.payload keeps."""
    return json.dumps(entry, ensure_ascii=False, separators=(",", ":"))


def entries_page(
    *,
    patient: Patient,
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    before: datetime.date | None,
    page_size: int,
) -> tuple[list[str], datetime.date | None]:
    """A page of live entries as JSON texts, newest first, and the date to continue
    before (or None). One query: each entry's stored payload is sent as it is.

    Keyset pagination on the date (unique among a patient's live entries): no COUNT, no
    OFFSET, and a page costs the same deep in the history as at the top.
    """
    query = patient_live_entries(patient=patient)
    if date_from is not None:
        query = query.filter(date__gte=date_from)
    if date_to is not None:
        query = query.filter(date__lte=date_to)
    if before is not None:
        query = query.filter(date__lt=before)
    rows = list(query.order_by("-date").values_list("id", "date", "payload")[: page_size + 1])
    next_before = rows[page_size - 1][1] if len(rows) > page_size else None
    page = rows[:page_size]
    unrendered = [entry_id for entry_id, _, payload in page if not payload]
    rendered = entries_dicts_by_ids(entry_ids=unrendered) if unrendered else {}
    texts = [payload or entry_payload(rendered[entry_id]) for entry_id, _, payload in page]
    return texts, next_before


def entries_changed_since(
    *, patient: Patient, after_seq: int, upto_seq: int, limit: int
) -> list[dict[str, Any]]:
    """Entries and tombstones whose change number is in (after_seq, upto_seq], oldest first."""
    rows = list(
        Entry.objects.filter(patient=patient, change_seq__gt=after_seq, change_seq__lte=upto_seq)
        .order_by("change_seq")
        .values_list(*ENTRY_COLUMNS, "change_seq")[:limit]
    )
    dicts = entry_rows_as_dicts(row[:-1] for row in rows)
    for item, row in zip(dicts, rows, strict=True):
        item["_seq"] = row[-1]
    return dicts


def patient_events(
    *,
    patient: Patient,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> QuerySet[Event]:
    """The patient's events, within the dates given (inclusive)."""
    events = Event.objects.filter(patient=patient)
    if date_from is not None:
        events = events.filter(date__gte=date_from)
    if date_to is not None:
        events = events.filter(date__lte=date_to)
    return events


def event_get(*, patient: Patient, event_id: uuid.UUID | str) -> Event:
    return one_or_404(patient_events(patient=patient), event_id)


def patient_flags(*, patient: Patient) -> QuerySet[Flag]:
    return Flag.objects.filter(patient=patient)


def flag_list(*, patient: Patient, status: str | None = None) -> list[Flag]:
    """The patient's flags (of one status, if given) in rules.md's order: by severity,
    then by the number of evidence days, most first. Sorted here rather than in SQL,
    since the count is the length of a JSON list; a patient has a handful of flags."""
    flags = patient_flags(patient=patient)
    if status is not None:
        flags = flags.filter(status=status)
    return sorted(
        flags,
        key=lambda flag: finding_order(
            flag.severity, len(flag.evidence_dates), flag.code, flag.side or None
        ),
    )


def flag_get(*, patient: Patient, flag_id: uuid.UUID | str) -> Flag:
    return one_or_404(patient_flags(patient=patient), flag_id)


def access_tokens_of_user(*, user: Any) -> QuerySet[AccessToken]:
    """The person's signed-in devices, most recently used first; lapsed ones left out."""
    from django.utils import timezone

    from journal.authentication import access_token_idle_limit

    return AccessToken.objects.filter(
        user=user, last_used_at__gte=timezone.now() - access_token_idle_limit()
    ).order_by("-last_used_at", "-created_at")
