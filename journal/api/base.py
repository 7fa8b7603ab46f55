"""What every API view of the journal and of reports shares: the signed-in patient, the
JSON body, the documented error answers, query parameters that refuse a blank value."""

from __future__ import annotations

import datetime
from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import permissions, serializers
from rest_framework.exceptions import NotAuthenticated, NotFound, ParseError, ValidationError
from rest_framework.fields import empty
from rest_framework.request import Request
from rest_framework.views import APIView

from journal.api import serializers as s
from journal.api.serializers import VERSION_MAX
from journal.models import Patient

# Raw schemas: OpenApiParameter takes no bounds of its own.
PAGE_SIZE = {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}
VERSION = {"type": "integer", "minimum": 0, "maximum": VERSION_MAX}

ERRORS = {
    400: OpenApiResponse(OpenApiTypes.OBJECT, description="Bad input: field -> messages."),
    401: OpenApiResponse(s.DetailSerializer, description="Not signed in."),
    404: OpenApiResponse(s.DetailSerializer, description="No such object of yours."),
    413: OpenApiResponse(s.DetailSerializer, description="Body or batch too large."),
    415: OpenApiResponse(s.DetailSerializer, description="Send application/json."),
}


def errors(*codes: int) -> dict[int, OpenApiResponse]:
    return {code: ERRORS[code] for code in codes}


class IsPatient(permissions.BasePermission):
    """Signed in as someone who keeps a journal (an admin without one gets 404s)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not (request.user and request.user.is_authenticated):
            raise NotAuthenticated()
        return True


def current_patient(request: Request) -> Patient:
    try:
        return request.user.patient  # type: ignore[union-attr]
    except Patient.DoesNotExist as missing:
        raise NotFound("This account keeps no journal.") from missing


class PatientView(APIView):
    permission_classes = [IsPatient]


def body_object(request: Request) -> dict[str, Any]:
    """The request's JSON body, which must be an object."""
    try:
        data = request.data
    except RecursionError as error:  # json gives up on deep nesting with this, not ValueError
        raise ParseError("JSON parse error - the body is nested too deeply.") from error
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["Send a JSON object."]})
    return data


class _NotBlank(serializers.Field):  # type: ignore[type-arg]
    """A query parameter given empty (`?to=`) is a mistake to point out, where DRF would
    treat it as left out."""

    def get_value(self, dictionary: Any) -> Any:
        return dictionary.get(self.field_name, empty)


class QueryDateField(_NotBlank, serializers.DateField):
    pass


class QueryIntegerField(_NotBlank, serializers.IntegerField):
    pass


DATE_RANGE_PARAMETERS = [
    OpenApiParameter("from", OpenApiTypes.DATE, description="First date, inclusive."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last date, inclusive."),
]


class DateRangeQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    """Optional `from` and `to` dates, inclusive; subclasses add their parameters."""

    to = QueryDateField(required=False)


# "from" is a Python keyword, hence the declared-field dance.
DateRangeQuerySerializer._declared_fields["from"] = QueryDateField(required=False)


def date_range(request: Request) -> tuple[datetime.date | None, datetime.date | None]:
    """The request's optional `from` and `to` query dates, checked (a 400 when bad)."""
    query = DateRangeQuerySerializer(
        data={k: v for k, v in request.query_params.items() if k in ("from", "to")}
    )
    query.is_valid(raise_exception=True)
    return query.validated_data.get("from"), query.validated_data.get("to")


class DeleteWithBodySchema(AutoSchema):
    """drf-spectacular documents a request body for POST, PUT and PATCH only; some DELETEs
    take one (api.md: the account's password, a push subscription's endpoint)."""

    def _get_request_body(self, direction: str = "request") -> Any:
        method = self.method
        self.method = "POST" if method == "DELETE" else method
        try:
            return super()._get_request_body(direction)  # type: ignore[no-untyped-call]
        finally:
            self.method = method
