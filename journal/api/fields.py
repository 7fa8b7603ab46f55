"""Strict JSON fields: a pain of "5" or true is not an integer, "yes" is not a boolean.

DRF's own fields coerce strings, which would let a typo in a client pass silently; health
data deserves the stricter reading.
"""

from __future__ import annotations

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
