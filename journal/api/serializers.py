"""Input validation (the friendly messages) and the documented shape of every answer.

Input serializers validate into plain dicts that the services store; output is built by
`journal.selectors` as plain dicts for speed, and the *Output serializers here exist so
that the OpenAPI schema describes exactly what is sent.
"""

from __future__ import annotations

import datetime
import zoneinfo
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from journal import vocabulary as v
from journal.api.fields import (
    StrictBooleanField,
    StrictCharField,
    StrictFloatField,
    StrictIntegerField,
    StrictUUIDField,
)
from journal.local_dates import latest_today, today_in_zone

MAX_SYMPTOMS_PER_ENTRY = 120
MAX_SIGNS_PER_ENTRY = 20
MAX_MEDICATIONS_PER_ENTRY = 30
SIGN_COUNT_MAX = 100
MEDICATION_NAME_MAX_LENGTH = 100
MEDICATION_DOSE_MAX_LENGTH = 50
MEDICATION_TIMES_MAX = 24
VERSION_MAX = 2**31 - 1  # Entry.version, a PositiveIntegerField


# What a JSON Schema cannot say, the schema says in words.
NOT_IN_FUTURE = (
    "A day in the patient's time zone (profile `timezone`): not later than today there, "
    "and not before 1900."
)


def future_date_message(timezone_name: str) -> str:
    today = today_in_zone(timezone_name)
    return f"This date is in the future: today is {today.isoformat()} in {timezone_name}."


def validate_not_in_future(value: datetime.date, timezone_name: str) -> datetime.date:
    if value > today_in_zone(timezone_name):
        raise serializers.ValidationError(future_date_message(timezone_name))
    if value.year < 1900:
        raise serializers.ValidationError("This date is too far in the past.")
    return value


def validate_entry_date(value: datetime.date, timezone_name: str) -> datetime.date:
    """As validate_not_in_future, except for a date after the patient's today that is
    still today somewhere: the batch accepts it only as an unchanged replay (a phone
    re-sending its former "today" after its owner moved west)."""
    if value > latest_today():
        raise serializers.ValidationError(future_date_message(timezone_name))
    if value.year < 1900:
        raise serializers.ValidationError("This date is too far in the past.")
    return value


def unique_in_vocabulary_order(values: list[str], vocabulary: tuple[str, ...]) -> list[str]:
    chosen = set(values)
    return [code for code in vocabulary if code in chosen]


# Read once: available_timezones() walks the zone database on every call. "localtime"
# names the server's own setting, not a place, so it is not offered.
TIMEZONES = frozenset(zoneinfo.available_timezones() - {"localtime"})


# A validated string, not an enum: the 598 names (with aliases such as GMT0 and GMT-0)
# break client generators; the list is published at GET /api/v1/timezones/.
@extend_schema_field(
    {
        "type": "string",
        "minLength": 1,
        "maxLength": 64,
        "example": "Europe/Athens",
        "description": (
            "An IANA time zone name, such as Europe/Athens. "
            "The names this server accepts: GET /api/v1/timezones/."
        ),
    },
    component_name="Timezone",
)
class TimezoneField(StrictCharField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=64, **kwargs)

    def to_internal_value(self, data: Any) -> str:
        name: str = super().to_internal_value(data)
        if name not in TIMEZONES:
            raise serializers.ValidationError(
                f"Unknown time zone {name!r}: use an IANA name such as 'Europe/Athens'."
            )
        return name


class SymptomSerializer(serializers.Serializer):  # type: ignore[type-arg]
    region = serializers.ChoiceField(choices=v.REGION_CODES)
    side = serializers.ChoiceField(choices=v.SIDES)
    part_of_day = serializers.ChoiceField(
        choices=v.PARTS_OF_DAY, allow_blank=True, allow_null=True, required=False
    )
    pain = StrictIntegerField(min_value=v.PAIN_MIN, max_value=v.PAIN_MAX)
    numbness = StrictBooleanField(required=False, default=False)
    tingling = StrictBooleanField(required=False, default=False)
    qualities = serializers.ListField(
        child=serializers.ChoiceField(choices=v.QUALITIES), required=False, default=list
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        region, side = attrs["region"], attrs["side"]
        if side not in v.region_sides(region):
            allowed = " or ".join(v.region_sides(region))
            raise serializers.ValidationError(
                {"side": [f"{v.region_label(region)} takes the side {allowed}, not {side}."]}
            )
        attrs["part_of_day"] = attrs.get("part_of_day") or ""
        attrs["qualities"] = unique_in_vocabulary_order(attrs["qualities"], v.QUALITIES)
        return attrs


@extend_schema_field(
    {
        "type": "string",
        "enum": list(v.LEG_SIDES),
        "description": "left or right; null (or left out) for a sign without a side.",
    },
    component_name="SignSide",
)
class SignSideField(serializers.ChoiceField):
    """A sign's side, a schema component of its own: a second choice set under the field
    name "side" (symptoms take center too) makes drf-spectacular's enum names collide."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=v.LEG_SIDES, **kwargs)


class SignSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.ChoiceField(choices=v.SIGN_CODES)
    side = SignSideField(allow_null=True, allow_blank=True, required=False)
    count = StrictIntegerField(
        min_value=1, max_value=SIGN_COUNT_MAX, allow_null=True, required=False
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        code, side = attrs["code"], attrs.get("side") or ""
        if code in v.SIDED_SIGNS and not side:
            raise serializers.ValidationError({"side": ["Say which leg: left or right."]})
        if code not in v.SIDED_SIGNS and side:
            raise serializers.ValidationError({"side": [f"{code} has no side; leave it out."]})
        if attrs.get("count") is not None and code != "tripping":
            raise serializers.ValidationError({"count": ["Only tripping takes a count."]})
        return {"code": code, "side": side, "count": attrs.get("count")}


class MedicationSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = StrictCharField(max_length=MEDICATION_NAME_MAX_LENGTH)
    dose = StrictCharField(
        max_length=MEDICATION_DOSE_MAX_LENGTH, allow_blank=True, required=False, default=""
    )
    times = StrictIntegerField(
        min_value=0, max_value=MEDICATION_TIMES_MAX, allow_null=True, required=False
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        return {"name": attrs["name"], "dose": attrs["dose"], "times": attrs.get("times")}


class EntryInputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """A day as a client sends it. Context: `timezone` (the patient's IANA zone)."""

    id = StrictUUIDField(required=False)
    date = serializers.DateField(help_text=NOT_IN_FUTURE)
    symptoms = SymptomSerializer(  # type: ignore[call-arg]
        many=True, required=False, default=list, max_length=MAX_SYMPTOMS_PER_ENTRY
    )
    signs = SignSerializer(  # type: ignore[call-arg]
        many=True, required=False, default=list, max_length=MAX_SIGNS_PER_ENTRY
    )
    footwear = serializers.ListField(
        child=serializers.ChoiceField(choices=v.FOOTWEAR_CODES), required=False, default=list
    )
    sitting_hours = StrictFloatField(
        min_value=0, max_value=v.SITTING_HOURS_MAX, allow_null=True, required=False, default=None
    )
    walking_minutes = StrictIntegerField(
        min_value=0, max_value=v.WALKING_MINUTES_MAX, allow_null=True, required=False, default=None
    )
    walking_brings_leg_pain = StrictBooleanField(required=False, default=False)
    sitting_relieves_leg_pain = StrictBooleanField(required=False, default=False)
    standing_still_relieves_leg_pain = StrictBooleanField(required=False, default=False)
    medications = MedicationSerializer(  # type: ignore[call-arg]
        many=True, required=False, default=list, max_length=MAX_MEDICATIONS_PER_ENTRY
    )
    sleep_quality = StrictIntegerField(
        min_value=0, max_value=v.SLEEP_QUALITY_MAX, allow_null=True, required=False, default=None
    )
    notes = StrictCharField(
        max_length=v.NOTES_MAX_LENGTH,
        allow_blank=True,
        required=False,
        default="",
        trim_whitespace=False,
    )
    version = StrictIntegerField(min_value=0, required=False, allow_null=True)

    def validate_date(self, value: datetime.date) -> datetime.date:
        return validate_entry_date(value, self.context["timezone"])

    def validate_symptoms(self, symptoms: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[tuple[str, str, str]] = set()
        for symptom in symptoms:
            key = (symptom["region"], symptom["side"], symptom["part_of_day"])
            if key in seen:
                when = f" in the {key[2]}" if key[2] else ""
                raise serializers.ValidationError(
                    f"{key[1].capitalize()} {v.region_label(key[0]).lower()} is listed twice"
                    f"{when}: give one reading per region, side and part of the day."
                )
            seen.add(key)
        region_order = {code: i for i, code in enumerate(v.REGION_CODES)}
        part_order = {code: i for i, code in enumerate(("", *v.PARTS_OF_DAY))}
        return sorted(
            symptoms,
            key=lambda s: (region_order[s["region"]], s["side"], part_order[s["part_of_day"]]),
        )

    def validate_signs(self, signs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        seen: set[tuple[str, str]] = set()
        for sign in signs:
            key = (sign["code"], sign["side"])
            if key in seen:
                raise serializers.ValidationError(
                    f"The sign {key[0]} is listed twice{' on the ' + key[1] if key[1] else ''}."
                )
            seen.add(key)
        order = {code: i for i, code in enumerate(v.SIGN_CODES)}
        return sorted(signs, key=lambda s: (order[s["code"]], s["side"]))

    def validate_footwear(self, footwear: list[str]) -> list[str]:
        return unique_in_vocabulary_order(footwear, v.FOOTWEAR_CODES)


class SymptomOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    region = serializers.ChoiceField(choices=v.REGION_CODES)
    side = serializers.ChoiceField(choices=v.SIDES)
    part_of_day = serializers.ChoiceField(choices=v.PARTS_OF_DAY, allow_null=True)
    pain = serializers.IntegerField(min_value=0, max_value=10)
    numbness = serializers.BooleanField()
    tingling = serializers.BooleanField()
    qualities = serializers.ListField(child=serializers.ChoiceField(choices=v.QUALITIES))


class SignOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    code = serializers.ChoiceField(choices=v.SIGN_CODES)
    side = SignSideField(allow_null=True)
    count = serializers.IntegerField(allow_null=True)


class MedicationOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    name = serializers.CharField()
    dose = serializers.CharField()
    times = serializers.IntegerField(allow_null=True)


class AlertSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """An urgent pattern raised by a write: shown to the person at once."""

    id = serializers.CharField(allow_null=True)
    code = serializers.CharField()
    title = serializers.CharField()
    severity = serializers.CharField()
    side = serializers.CharField(allow_null=True)
    summary = serializers.CharField()
    explanation = serializers.CharField()
    dates = serializers.ListField(child=serializers.DateField())


class EntryOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    date = serializers.DateField()
    symptoms = SymptomOutputSerializer(many=True)
    signs = SignOutputSerializer(many=True)
    footwear = serializers.ListField(child=serializers.ChoiceField(choices=v.FOOTWEAR_CODES))
    sitting_hours = serializers.FloatField(allow_null=True)
    walking_minutes = serializers.IntegerField(allow_null=True)
    walking_brings_leg_pain = serializers.BooleanField()
    sitting_relieves_leg_pain = serializers.BooleanField()
    standing_still_relieves_leg_pain = serializers.BooleanField()
    medications = MedicationOutputSerializer(many=True)
    sleep_quality = serializers.IntegerField(allow_null=True)
    notes = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()
    deleted = serializers.BooleanField()


class EntryWriteOutputSerializer(EntryOutputSerializer):
    alerts = AlertSerializer(many=True)


class TombstoneSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    date = serializers.DateField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()
    deleted = serializers.BooleanField()


class EntryOrTombstoneSerializer(EntryOutputSerializer):
    """An entry as sync and conflicts report it: a deleted one comes as a tombstone,
    `deleted` true with only the fields of TombstoneSerializer."""

    def get_fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = super().get_fields()
        for name in fields.keys() - TombstoneSerializer._declared_fields.keys():
            fields[name].required = False
        return fields


class EntryConflictSerializer(EntryOrTombstoneSerializer):
    detail = serializers.CharField()


class EntryPageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    next = serializers.URLField(allow_null=True)
    results = EntryOutputSerializer(many=True)


# --- Sync -----------------------------------------------------------------------------


class SyncChangeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Documents one change; each change is validated on its own by the sync service."""

    op = serializers.ChoiceField(choices=("upsert", "delete"))
    entry = EntryInputSerializer(required=False)
    id = serializers.UUIDField(required=False)
    version = serializers.IntegerField(required=False, allow_null=True)


class SyncRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    since = serializers.RegexField(
        r"^[0-9]{1,18}\Z",
        allow_null=True,
        required=False,
        help_text="The `cursor` of the last answer, or null (or left out) on a first sync.",
    )
    changes = SyncChangeSerializer(  # type: ignore[call-arg]
        many=True,
        max_length=settings.FOOTNOTE_SYNC_MAX_CHANGES,
        required=False,
        help_text=(
            "Left out, or empty, to only pull the server's changes. Each change stands alone: "
            "one that is not valid comes back as `invalid` in `results`, with its errors, "
            "and the others are applied."
        ),
    )


class SyncResultSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField(allow_null=True)
    status = serializers.ChoiceField(
        choices=("created", "updated", "unchanged", "deleted", "conflict", "invalid")
    )
    version = serializers.IntegerField(allow_null=True)
    # DRF's metaclass takes declared fields off the class, so Serializer.errors survives.
    errors = serializers.DictField(allow_null=True)  # type: ignore[assignment]
    server = EntryOrTombstoneSerializer(allow_null=True)


class SyncResponseSerializer(serializers.Serializer):  # type: ignore[type-arg]
    results = SyncResultSerializer(many=True)
    changes = EntryOrTombstoneSerializer(many=True)
    cursor = serializers.CharField()
    more = serializers.BooleanField()
    alerts = AlertSerializer(many=True)


# --- Events ---------------------------------------------------------------------------


class EventSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField(read_only=True)
    kind = serializers.ChoiceField(choices=tuple(v.EVENT_KINDS))
    site = serializers.ChoiceField(choices=tuple(v.EVENT_SITES))
    side = serializers.ChoiceField(
        choices=v.SIDES, allow_null=True, allow_blank=True, required=False, default=""
    )
    date = serializers.DateField(help_text=NOT_IN_FUTURE)
    notes = StrictCharField(
        max_length=v.NOTES_MAX_LENGTH, allow_blank=True, required=False, default=""
    )
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)

    def validate_date(self, value: datetime.date) -> datetime.date:
        return validate_not_in_future(value, self.context["timezone"])

    def validate_side(self, value: str | None) -> str:
        return value or ""

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        data["side"] = data["side"] or None
        return data


class EventPageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    next = serializers.URLField(allow_null=True)
    results = EventSerializer(many=True)


class DetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    detail = serializers.CharField()


class HealthSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.ChoiceField(choices=("ok", "unavailable"))
    database = serializers.CharField()
    queue = serializers.CharField()
