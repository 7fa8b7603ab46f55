"""A fast acceptance check for entries, for the hot paths (create, PUT, sync).

DRF's nested serializers cost about 1.5 ms an entry, most of a create and nearly all of a
500-change sync. This check accepts only input that is plainly valid, and returns exactly
what `EntryInputSerializer` would; anything else (an error, or an unusual but acceptable
form such as "2026-1-5" or a pain of 5.0) returns None, and the caller runs the
serializer, which stays the single source of error messages. A property test holds the
two to the same answers.
"""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

from journal import vocabulary as v
from journal.api.serializers import (
    MAX_MEDICATIONS_PER_ENTRY,
    MAX_SIGNS_PER_ENTRY,
    MAX_SYMPTOMS_PER_ENTRY,
    MEDICATION_DOSE_MAX_LENGTH,
    MEDICATION_NAME_MAX_LENGTH,
    MEDICATION_TIMES_MAX,
    SIGN_COUNT_MAX,
    VERSION_MAX,
)
from journal.local_dates import latest_today

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")
_REGION_ORDER = {code: i for i, code in enumerate(v.REGION_CODES)}
_PART_ORDER = {code: i for i, code in enumerate(("", *v.PARTS_OF_DAY))}
_SIGN_ORDER = {code: i for i, code in enumerate(v.SIGN_CODES)}
_QUALITIES = frozenset(v.QUALITIES)
_FOOTWEAR = frozenset(v.FOOTWEAR_CODES)
_PARTS = frozenset(v.PARTS_OF_DAY)
_SIGN_SIDES = frozenset(v.LEG_SIDES)


class _Reject(Exception):
    """Not plainly valid: let the serializer decide and explain."""


def _int(value: Any, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        raise _Reject
    return value


def _optional_int(value: Any, low: int, high: int) -> int | None:
    return None if value is None else _int(value, low, high)


def _bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Reject
    return value


def _text(value: Any, max_length: int, *, allow_blank: bool, trimmed: bool) -> str:
    if type(value) is not str or len(value) > max_length or "\x00" in value:
        raise _Reject
    if trimmed and value != value.strip():
        raise _Reject
    if not allow_blank and not value:
        raise _Reject
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        raise _Reject from None
    return value


def _codes(value: Any, allowed: frozenset[str], order: tuple[str, ...]) -> list[str]:
    if type(value) is not list or any(type(x) is not str or x not in allowed for x in value):
        raise _Reject
    chosen = set(value)
    return [code for code in order if code in chosen]


def _symptom(raw: Any) -> dict[str, Any]:
    if type(raw) is not dict:
        raise _Reject
    region, side = raw.get("region"), raw.get("side")
    # The type first: `{} in a_dict` raises TypeError (a JSON object is unhashable).
    if type(region) is not str or region not in _REGION_ORDER:
        raise _Reject
    if type(side) is not str or side not in v.region_sides(region):
        raise _Reject
    part = raw.get("part_of_day")
    if part is None or part == "":
        part = ""
    elif type(part) is not str or part not in _PARTS:
        raise _Reject
    return {
        "region": region,
        "side": side,
        "part_of_day": part,
        "pain": _int(raw.get("pain"), v.PAIN_MIN, v.PAIN_MAX),
        "numbness": _bool(raw.get("numbness", False)),
        "tingling": _bool(raw.get("tingling", False)),
        "qualities": _codes(raw.get("qualities", []), _QUALITIES, v.QUALITIES),
    }


def _sign(raw: Any) -> dict[str, Any]:
    if type(raw) is not dict:
        raise _Reject
    code, side, count = raw.get("code"), raw.get("side"), raw.get("count")
    if type(code) is not str or code not in _SIGN_ORDER:
        raise _Reject
    if side is None or side == "":
        side = ""
    elif type(side) is not str or side not in _SIGN_SIDES:
        raise _Reject
    if (code in v.SIDED_SIGNS) != bool(side):
        raise _Reject
    if count is not None and code != "tripping":
        raise _Reject
    return {"code": code, "side": side, "count": _optional_int(count, 1, SIGN_COUNT_MAX)}


def _medication(raw: Any) -> dict[str, Any]:
    if type(raw) is not dict:
        raise _Reject
    return {
        "name": _text(raw.get("name"), MEDICATION_NAME_MAX_LENGTH, allow_blank=False, trimmed=True),
        "dose": _text(
            raw.get("dose", ""), MEDICATION_DOSE_MAX_LENGTH, allow_blank=True, trimmed=True
        ),
        "times": _optional_int(raw.get("times"), 0, MEDICATION_TIMES_MAX),
    }


def _list(raw: Any, limit: int) -> list[Any]:
    if type(raw) is not list or len(raw) > limit:
        raise _Reject
    return raw


def entry_fast_validate(data: Any, *, timezone_name: str) -> dict[str, Any] | None:
    """The serializer's validated data for plainly valid input, else None."""
    try:
        return _entry(data, timezone_name)
    except _Reject:
        return None


def _entry(data: Any, timezone_name: str) -> dict[str, Any]:
    if type(data) is not dict:
        raise _Reject
    validated: dict[str, Any] = {}
    if "id" in data:
        raw_id = data["id"]
        if type(raw_id) is not str or not _UUID.match(raw_id):
            raise _Reject
        validated["id"] = uuid.UUID(raw_id)
    raw_date = data.get("date")
    if type(raw_date) is not str or not _DATE.match(raw_date):
        raise _Reject
    try:
        date = datetime.date.fromisoformat(raw_date)
    except ValueError:
        raise _Reject from None
    # After the patient's today but today somewhere: the batch decides (a replay only).
    if date.year < 1900 or date > latest_today():
        raise _Reject
    validated["date"] = date

    symptoms = [_symptom(x) for x in _list(data.get("symptoms", []), MAX_SYMPTOMS_PER_ENTRY)]
    if len({(s["region"], s["side"], s["part_of_day"]) for s in symptoms}) != len(symptoms):
        raise _Reject
    symptoms.sort(
        key=lambda s: (_REGION_ORDER[s["region"]], s["side"], _PART_ORDER[s["part_of_day"]])
    )
    signs = [_sign(x) for x in _list(data.get("signs", []), MAX_SIGNS_PER_ENTRY)]
    if len({(s["code"], s["side"]) for s in signs}) != len(signs):
        raise _Reject
    signs.sort(key=lambda s: (_SIGN_ORDER[s["code"]], s["side"]))
    validated["symptoms"] = symptoms
    validated["signs"] = signs
    validated["footwear"] = _codes(data.get("footwear", []), _FOOTWEAR, v.FOOTWEAR_CODES)

    sitting = data.get("sitting_hours")
    if sitting is not None:
        if type(sitting) not in (int, float) or not 0 <= sitting <= v.SITTING_HOURS_MAX:
            raise _Reject
        sitting = float(sitting)
    validated["sitting_hours"] = sitting
    validated["walking_minutes"] = _optional_int(
        data.get("walking_minutes"), 0, v.WALKING_MINUTES_MAX
    )
    validated["walking_brings_leg_pain"] = _bool(data.get("walking_brings_leg_pain", False))
    validated["sitting_relieves_leg_pain"] = _bool(data.get("sitting_relieves_leg_pain", False))
    validated["standing_still_relieves_leg_pain"] = _bool(
        data.get("standing_still_relieves_leg_pain", False)
    )
    validated["medications"] = [
        _medication(x) for x in _list(data.get("medications", []), MAX_MEDICATIONS_PER_ENTRY)
    ]
    validated["sleep_quality"] = _optional_int(data.get("sleep_quality"), 0, v.SLEEP_QUALITY_MAX)
    validated["notes"] = _text(
        data.get("notes", ""), v.NOTES_MAX_LENGTH, allow_blank=True, trimmed=False
    )
    if "version" in data:
        validated["version"] = _optional_int(data["version"], 0, VERSION_MAX)
    return validated
