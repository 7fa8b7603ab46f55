"""Reference lists a client needs to fill a form: the time zones this server accepts."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from journal.api.serializers import TIMEZONES

_SORTED_TIMEZONES = sorted(TIMEZONES)


class TimezoneListView(APIView):
    """Published here rather than as an enum in the schema: 598 names, some differing only
    in case or sign (GMT0, GMT-0), make client generators fail."""

    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(
        operation_id="timezones_list",
        tags=["timezones"],
        description="The IANA time zone names a profile's `timezone` accepts. No sign-in.",
        responses={
            200: inline_serializer(
                "TimezoneList",
                {"timezones": serializers.ListField(child=serializers.CharField())},
            )
        },
        auth=[],
    )
    def get(self, request: Request) -> Response:
        return Response({"timezones": _SORTED_TIMEZONES})
