"""Strict JSON fields: a pain of "5" or true is not an integer, "yes" is not a boolean, and
5 is not a note or a name.

DRF's own fields coerce (a number becomes a string, a string a number, an integer a
UUID), which would let a typo in a client pass silently; health data deserves the
stricter reading. The OpenAPI schema says which JSON type each field takes, and these
fields take that type only.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.INT)
class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"invalid": "Must be a whole number, such as 4."}

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail("invalid")
        if isinstance(data, float):
            if not data.is_integer():
                self.fail("invalid")
            data = int(data)
        return int(data)


@extend_schema_field(OpenApiTypes.NUMBER)
class StrictFloatField(serializers.FloatField):
    default_error_messages = {"invalid": "Must be a number, such as 7.5."}

    def to_internal_value(self, data: Any) -> float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            self.fail("invalid")
        try:
            value = float(data)
        except OverflowError:  # JSON integers have no size limit; floats do
            self.fail("invalid")
        if value != value or value in (float("inf"), float("-inf")):
            self.fail("invalid")
        return value


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"invalid": "Must be true or false."}

    def to_internal_value(self, data: Any) -> bool:
        if not isinstance(data, bool):
            self.fail("invalid")
        return data


class _TextOnly(serializers.Field):  # type: ignore[type-arg]
    """Refuses anything but a JSON string before the field's own parsing."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            raise serializers.ValidationError("Must be text (a JSON string).", code="invalid")
        return super().to_internal_value(data)


# DRF refuses a NUL character in text (api.md: refused, never a 500); the schema says so.
# `+`: for a field that may be blank, drf-spectacular adds the empty string as a oneOf.
@extend_schema_field({"type": "string", "pattern": "^[^\\u0000]+$"})
class StrictCharField(_TextOnly, serializers.CharField):
    pass


class StrictRegexField(_TextOnly, serializers.RegexField):
    pass


class StrictEmailField(_TextOnly, serializers.EmailField):
    pass


class StrictUUIDField(_TextOnly, serializers.UUIDField):
    pass


_TIME_OF_DAY = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?"


@extend_schema_field(
    {
        "type": "string",
        "pattern": f"^{_TIME_OF_DAY}$",
        "example": "20:00",
        "description": "A time of day on the patient's clock, HH:MM or HH:MM:SS, no offset.",
    }
)
class TimeOfDayField(serializers.TimeField):
    """A wall-clock time in the patient's zone. OpenAPI's `format: time` is RFC 3339's,
    which requires an offset that a reminder at 20:00 wherever the patient is has not."""

    default_error_messages = {"invalid": "Give a time of day as HH:MM, such as 20:00."}
    _pattern = re.compile(rf"{_TIME_OF_DAY}\Z")

    def to_internal_value(self, data: Any) -> datetime.time:
        if not isinstance(data, str) or not self._pattern.match(data):
            self.fail("invalid")
        return datetime.time.fromisoformat(data)
