"""Accounts: sign-up, sign-in, the profile, deleting the account (api.md, "Accounts")."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.validators import MaxValueValidator
from rest_framework import serializers

from journal import vocabulary as v
from journal.api.fields import (
    StrictCharField,
    StrictEmailField,
    StrictIntegerField,
    StrictRegexField,
    TimeOfDayField,
)
from journal.api.serializers import TimezoneField, unique_in_vocabulary_order
from journal.models import UsernameKey
from journal.usernames import username_canonical

USERNAME_TAKEN = "This username is taken."


def username_taken(name: str) -> bool:
    # The second test finds a name that clashed before keys existed (migration 0009).
    return (
        UsernameKey.objects.filter(key=username_canonical(name)).exists()
        or User.objects.filter(username__iexact=name).exists()
    )


class RegisterSerializer(serializers.Serializer):  # type: ignore[type-arg]
    username = StrictRegexField(
        r"^[\w.@+-]+\Z",
        max_length=150,
        error_messages={"invalid": "Use letters, digits and @ . + - _ only."},
    )
    password = StrictCharField(max_length=128, write_only=True, trim_whitespace=False)
    email = StrictEmailField(required=False, allow_blank=True, default="")
    timezone = TimezoneField(required=False, default="UTC")

    label = StrictCharField(max_length=100, required=False, default="", allow_blank=True)  # type: ignore[assignment]

    def validate_username(self, value: str) -> str:
        if username_taken(value):
            raise serializers.ValidationError(USERNAME_TAKEN)
        return value

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        candidate = User(username=attrs["username"], email=attrs.get("email", ""))
        try:
            password_validation.validate_password(attrs["password"], candidate)
        except Exception as error:  # django.core.exceptions.ValidationError
            raise serializers.ValidationError({"password": list(error.messages)}) from error  # type: ignore[attr-defined]
        return attrs


class RegisterOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    username = serializers.CharField()
    token = serializers.CharField()


class TokenRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    username = StrictCharField(max_length=150)
    password = StrictCharField(max_length=128, trim_whitespace=False)
    label = StrictCharField(  # type: ignore[assignment]  # the API field shadows Field.label
        max_length=100,
        required=False,
        default="",
        allow_blank=True,
        help_text='What to call this device in the list of signed-in devices ("Phone").',
    )


class PasswordChangeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    current_password = StrictCharField(max_length=128, trim_whitespace=False)
    new_password = StrictCharField(max_length=128, trim_whitespace=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        try:
            password_validation.validate_password(attrs["new_password"], self.context["user"])
        except Exception as error:  # django.core.exceptions.ValidationError
            raise serializers.ValidationError({"new_password": list(error.messages)}) from error  # type: ignore[attr-defined]
        return attrs


class DeviceSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    label = serializers.CharField()  # type: ignore[assignment]
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField()
    current = serializers.SerializerMethodField()

    def get_current(self, token: Any) -> bool:
        current = self.context.get("current")
        return current is not None and token.pk == current.pk


class TokenOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    token = serializers.CharField()


def _this_year() -> int:
    return datetime.date.today().year


class ProfileSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField(read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    display_name = StrictCharField(max_length=100, allow_blank=True, required=False)
    birth_year = StrictIntegerField(
        min_value=1900,
        allow_null=True,
        required=False,
        # A callable limit: the schema's maximum is this year whenever it is generated.
        validators=[
            MaxValueValidator(_this_year, message="The birth year cannot be in the future.")
        ],
    )
    timezone = TimezoneField(required=False)
    reminder_time = TimeOfDayField(allow_null=True, required=False)
    health_history = serializers.ListField(
        child=serializers.ChoiceField(choices=(*v.HEALTH_HISTORY_CODES, v.PREFER_NOT_TO_SAY)),
        allow_null=True,
        required=False,
        max_length=len(v.HEALTH_HISTORY_CODES),
        help_text=(
            "The patient's own answer: null until asked, [] for none of these, the codes "
            'that apply, or ["prefer_not_to_say"] (a real answer, asked no more).'
        ),
    )

    def validate_health_history(self, value: list[str] | None) -> list[str] | None:
        if value is None:
            return None
        if v.PREFER_NOT_TO_SAY in value:
            if len(value) > 1:
                raise serializers.ValidationError(
                    '"prefer_not_to_say" is an answer of its own: send it alone.'
                )
            return [v.PREFER_NOT_TO_SAY]
        return unique_in_vocabulary_order(value, v.HEALTH_HISTORY_CODES)


class AccountDeleteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    password = StrictCharField(max_length=128, trim_whitespace=False)
