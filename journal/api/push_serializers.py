"""Web Push: the server's key and a browser's PushSubscription (api.md, "Reminders")."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from django.conf import settings
from rest_framework import serializers


def _b64url_bytes(value: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as error:
        raise serializers.ValidationError("Not URL-safe base64.") from error


class PushKeySerializer(serializers.Serializer):  # type: ignore[type-arg]
    public_key = serializers.CharField(
        help_text="The server's VAPID public key (an uncompressed P-256 point, URL-safe "
        "base64), the applicationServerKey of pushManager.subscribe."
    )


class PushKeysSerializer(serializers.Serializer):  # type: ignore[type-arg]
    # 65 bytes starting 0x04 (an uncompressed point) and 16 bytes, in URL-safe base64.
    p256dh = serializers.RegexField(r"^B[A-P][A-Za-z0-9_-]{85}=?$", max_length=88)
    auth = serializers.RegexField(r"^[A-Za-z0-9_-]{22}(==)?$", max_length=24)

    def validate_p256dh(self, value: str) -> str:
        raw = _b64url_bytes(value)
        if len(raw) != 65 or raw[0] != 4:
            raise serializers.ValidationError("Not an uncompressed P-256 public key.")
        return value

    def validate_auth(self, value: str) -> str:
        if len(_b64url_bytes(value)) != 16:
            raise serializers.ValidationError("The auth secret is 16 bytes.")
        return value


# A host name, a port, and a path of the characters a URI allows (RFC 3986).
_HOST_AND_PATH = (
    r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:[0-9]{1,5})?(/[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$"
)


class PushEndpointSerializer(serializers.Serializer):  # type: ignore[type-arg]
    # A pattern, not a URLField: the schema then says exactly what is taken (https, or
    # http too in development), which format "uri" would not.
    endpoint = serializers.RegexField(
        ("^https?://" if settings.FOOTNOTE_PUSH_ALLOW_HTTP else "^https://") + _HOST_AND_PATH,
        max_length=2048,
        error_messages={"invalid": "A push endpoint is an https address."},
    )

    def validate_endpoint(self, value: str) -> str:
        if not value.startswith("https://") and not settings.FOOTNOTE_PUSH_ALLOW_HTTP:
            raise serializers.ValidationError("A push endpoint is an https address.")
        return value


class PushSubscriptionSerializer(PushEndpointSerializer):
    """A browser's `PushSubscription.toJSON()`; what else it holds (`expirationTime`) is
    ignored: the push service decides when a subscription ends, and says so with a 410."""

    keys = PushKeysSerializer()

    def to_representation(self, instance: Any) -> dict[str, Any]:
        return {"endpoint": instance.endpoint}


class PushSubscriptionOutputSerializer(serializers.Serializer):  # type: ignore[type-arg]
    endpoint = serializers.CharField()
