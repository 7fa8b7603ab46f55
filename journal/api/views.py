"""Thin views: validate with a serializer, call a service or selector, answer."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from typing import Any

from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import (
    NotAuthenticated,
    NotFound,
    ParseError,
    Throttled,
    ValidationError,
)
from rest_framework.fields import empty
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from journal import exports, selectors, services
from journal.api import serializers as s
from journal.api.errors import PayloadTooLarge, encodable_errors
from journal.api.fast_entry import entry_fast_validate
from journal.api.pagination import EventPagination
from journal.client_address import client_address
from journal.models import AccessToken, Patient

# Raw schemas: OpenApiParameter takes no bounds of its own.
PAGE_SIZE = {"type": "integer", "minimum": 1, "maximum": 100, "default": 50}
VERSION_MAX = 2**31 - 1  # Entry.version, a PositiveIntegerField
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


def _body_object(request: Request) -> dict[str, Any]:
    try:
        data = request.data
    except RecursionError as error:  # json gives up on deep nesting with this, not ValueError
        raise ParseError("JSON parse error - the body is nested too deeply.") from error
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": ["Send a JSON object."]})
    return data


# --- Accounts -------------------------------------------------------------------------


class RegistrationThrottle(AnonRateThrottle):
    scope = "registration"


class RegisterView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [RegistrationThrottle]

    @extend_schema(
        request=s.RegisterSerializer,
        responses={
            201: s.RegisterOutputSerializer,
            **errors(400, 413, 415),
            429: OpenApiResponse(s.DetailSerializer, description="Too many sign-ups from here."),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = s.RegisterSerializer(data=_body_object(request))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        patient, key = services.patient_register(
            username=data["username"],
            password=data["password"],
            email=data["email"],
            timezone_name=data["timezone"],
        )
        return Response(
            {"id": str(patient.pk), "username": patient.user.username, "token": key},
            status=status.HTTP_201_CREATED,
        )


def _failed_login_keys(request: Request, username: str) -> list[str]:
    address = client_address(request)
    # The username is hashed: a key must be safe for any cache backend (memcached refuses
    # spaces and control characters), whatever a client typed.
    user_key = hashlib.sha256(username.lower().encode()).hexdigest()[:32]
    return [f"login-fail:user:{user_key}", f"login-fail:addr:{address}"]


class TokenView(APIView):
    """Sign in (a new token for this device) and sign out (this token ends)."""

    # Only signing out needs a signed-in caller; any other method not listed is a 405,
    # whoever asks.
    def get_permissions(self) -> list[Any]:
        if self.request.method != "DELETE":
            return [permissions.AllowAny()]
        return [IsPatient()]

    def get_authenticators(self) -> list[Any]:
        if self.request and self.request.method != "DELETE":
            return []
        return super().get_authenticators()

    @extend_schema(
        request=s.TokenRequestSerializer,
        responses={
            200: s.TokenOutputSerializer,
            **errors(400, 413, 415),
            429: OpenApiResponse(s.DetailSerializer, description="Too many failed sign-ins."),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        from django.conf import settings

        serializer = s.TokenRequestSerializer(data=_body_object(request))
        serializer.is_valid(raise_exception=True)
        username = serializer.validated_data["username"]
        keys = _failed_login_keys(request, username)
        limit = settings.FOOTNOTE_LOGIN_FAILURES_PER_MINUTE
        if any(cache.get(key, 0) >= limit for key in keys):
            raise Throttled(
                wait=60, detail="Too many failed sign-ins. Wait a minute and try again."
            )
        user = authenticate(
            request._request,
            username=username,
            password=serializer.validated_data["password"],
        )
        if user is None or not hasattr(user, "patient"):
            for key in keys:
                cache.add(key, 0, timeout=60)
                cache.incr(key)
            raise ValidationError({"non_field_errors": ["The username or password is not right."]})
        from journal.authentication import access_token_issue

        return Response({"token": access_token_issue(user=user)})

    @extend_schema(responses={204: None, **errors(401)})
    def delete(self, request: Request) -> Response:
        if isinstance(request.auth, AccessToken):
            services.access_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileView(PatientView):
    @extend_schema(responses={200: s.ProfileSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        return Response(s.ProfileSerializer(current_patient(request)).data)

    @extend_schema(
        request=s.ProfileSerializer,
        responses={200: s.ProfileSerializer, **errors(400, 401, 413, 415)},
    )
    def patch(self, request: Request) -> Response:
        patient = current_patient(request)
        serializer = s.ProfileSerializer(patient, data=_body_object(request), partial=True)
        serializer.is_valid(raise_exception=True)
        patient = services.patient_profile_update(patient=patient, data=serializer.validated_data)
        return Response(s.ProfileSerializer(patient).data)


class ExportView(PatientView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "format", str, enum=["json", "csv", "fhir"], description="Default json."
            )
        ],
        responses={
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "text/csv"): OpenApiTypes.STR,
            (200, "application/fhir+json"): OpenApiTypes.OBJECT,
            **errors(400, 401),
        },
    )
    def get(self, request: Request) -> HttpResponse:
        kind = request.query_params.get("format", "json")
        if kind not in exports.EXPORTERS:
            raise ValidationError({"format": ["Choose json, csv or fhir."]})
        patient = current_patient(request)
        body, content_type, extension = exports.EXPORTERS[kind](patient=patient)
        response = HttpResponse(body, content_type=content_type)
        stamp = datetime.date.today().isoformat()
        response["Content-Disposition"] = f'attachment; filename="footnote-{stamp}.{extension}"'
        response["Cache-Control"] = "no-store"
        return response


class _DeleteWithBodySchema(AutoSchema):
    """drf-spectacular documents a request body for POST, PUT and PATCH only; deleting the
    account takes the password in its body (api.md)."""

    def _get_request_body(self, direction: str = "request") -> Any:
        method = self.method
        self.method = "POST" if method == "DELETE" else method
        try:
            return super()._get_request_body(direction)  # type: ignore[no-untyped-call]
        finally:
            self.method = method


@extend_schema(
    request=s.AccountDeleteSerializer, responses={204: None, **errors(400, 401, 413, 415)}
)
class AccountView(PatientView):
    schema = _DeleteWithBodySchema()

    def delete(self, request: Request) -> Response:
        serializer = s.AccountDeleteSerializer(data=_body_object(request))
        serializer.is_valid(raise_exception=True)
        if not request.user.check_password(serializer.validated_data["password"]):
            raise ValidationError({"password": ["The password is not right."]})
        services.account_delete(user=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Entries --------------------------------------------------------------------------


class _NotBlank(serializers.Field):  # type: ignore[type-arg]
    """A query parameter given empty (`?to=`) is a mistake to point out, where DRF would
    treat it as left out."""

    def get_value(self, dictionary: Any) -> Any:
        return dictionary.get(self.field_name, empty)


class QueryDateField(_NotBlank, serializers.DateField):
    pass


class QueryIntegerField(_NotBlank, serializers.IntegerField):
    pass


class EntryListQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    # "from" is a Python keyword, hence the declared-field dance below.
    to = QueryDateField(required=False)
    cursor = QueryDateField(required=False, help_text="The `next` link carries it.")
    page_size = QueryIntegerField(min_value=1, max_value=100, required=False, default=50)


EntryListQuerySerializer._declared_fields["from"] = QueryDateField(required=False)


ENTRY_WRITE_RESPONSES = {
    200: s.EntryWriteOutputSerializer,
    201: s.EntryWriteOutputSerializer,
    409: OpenApiResponse(
        s.EntryConflictSerializer,
        description="The stored entry (version changed, or the date already has an entry).",
    ),
}


def _entry_content(validated: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in validated.items() if k not in ("id", "version")}


def _single_write_answer(outcome: services.ApplyOutcome) -> HttpResponse:
    (result,) = outcome.results
    if result.status == services.NOT_FOUND:
        raise NotFound("Not found.")
    if result.status == services.CONFLICT:
        assert result.server is not None
        return Response(
            {"detail": result.errors["detail"][0], **result.server},  # type: ignore[index]
            status=status.HTTP_409_CONFLICT,
        )
    assert result.entry_id is not None
    entry_json = result.entry_json or selectors.entry_payload(
        selectors.entry_dict(entry_id=result.entry_id)
    )
    code = status.HTTP_201_CREATED if result.status == services.CREATED else status.HTTP_200_OK
    # The entry as stored (JSON already), with the alerts added: not parsed and rendered
    # again. Both are compact UTF-8 JSON, as the JSON renderer writes it.
    alerts = JSONRenderer().render(outcome.alerts).decode()
    body = f'{entry_json[:-1]},"alerts":{alerts}}}'
    return HttpResponse(body, status=code, content_type="application/json")


def _validated_entry(patient: Patient, data: dict[str, Any]) -> dict[str, Any]:
    fast = entry_fast_validate(data, timezone_name=patient.timezone)
    if fast is not None:
        return fast
    serializer = s.EntryInputSerializer(data=data, context={"timezone": patient.timezone})
    serializer.is_valid(raise_exception=True)
    validated: dict[str, Any] = serializer.validated_data
    return validated


class EntryListView(PatientView):
    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First date, inclusive."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last date, inclusive."),
            OpenApiParameter(
                "cursor",
                OpenApiTypes.DATE,
                description="Cursor pagination: pass the `next` link as given.",
            ),
            OpenApiParameter("page_size", PAGE_SIZE, description="1 to 100, default 50."),
        ],
        responses={200: s.EntryPageSerializer, **errors(400, 401)},
        operation_id="v1_entries_list",
    )
    def get(self, request: Request) -> HttpResponse:
        query = EntryListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        fragments, next_before = selectors.entries_page(
            patient=current_patient(request),
            date_from=params.get("from"),
            date_to=params.get("to"),
            before=params.get("cursor"),
            page_size=params["page_size"],
        )
        next_url = None
        if next_before is not None:
            args = request.query_params.copy()
            args["cursor"] = next_before.isoformat()
            next_url = request.build_absolute_uri(f"{request.path}?{args.urlencode()}")
        # The entries come as stored JSON texts (Entry.payload): joined, not re-serialised.
        body = f'{{"next":{json.dumps(next_url)},"results":[{",".join(fragments)}]}}'
        return HttpResponse(body, content_type="application/json")

    @extend_schema(
        request=s.EntryInputSerializer,
        responses={**ENTRY_WRITE_RESPONSES, **errors(400, 401, 404, 413, 415)},
    )
    def post(self, request: Request) -> HttpResponse:
        patient = current_patient(request)
        validated = _validated_entry(patient, _body_object(request))
        change = services.Upsert(
            entry_id=validated.get("id") or uuid.uuid4(),
            content=_entry_content(validated),
            expected_version=None,
        )
        return _single_write_answer(
            services.entries_apply_changes(patient=patient, changes=[change])
        )


class EntryDetailView(PatientView):
    @extend_schema(responses={200: s.EntryOutputSerializer, **errors(401, 404)})
    def get(self, request: Request, entry_id: uuid.UUID) -> Response:
        entry = selectors.entry_get(patient=current_patient(request), entry_id=entry_id)
        return Response(selectors.entry_dict(entry_id=entry.pk))

    @extend_schema(
        request=s.EntryInputSerializer,
        responses={**ENTRY_WRITE_RESPONSES, **errors(400, 401, 404, 413, 415)},
    )
    def put(self, request: Request, entry_id: uuid.UUID) -> HttpResponse:
        patient = current_patient(request)
        body = _body_object(request)
        validated = _validated_entry(patient, body)
        if validated.get("id") not in (None, entry_id):
            raise ValidationError({"id": ["The id in the body must match the one in the address."]})
        change = services.Upsert(
            entry_id=entry_id,
            content=_entry_content(validated),
            expected_version=validated.get("version"),
        )
        return _single_write_answer(
            services.entries_apply_changes(patient=patient, changes=[change])
        )

    @extend_schema(
        request=s.EntryInputSerializer(partial=True),
        responses={
            200: s.EntryWriteOutputSerializer,
            409: ENTRY_WRITE_RESPONSES[409],
            **errors(400, 401, 404, 413, 415),
        },
    )
    def patch(self, request: Request, entry_id: uuid.UUID) -> HttpResponse:
        patient = current_patient(request)
        body = _body_object(request)
        entry = selectors.entry_get(patient=patient, entry_id=entry_id)
        stored = selectors.entry_dict(entry_id=entry.pk)
        merged = {
            key: value
            for key, value in stored.items()
            if key not in ("id", "version", "updated_at", "deleted")
        }
        merged.update({key: value for key, value in body.items() if key != "id"})
        if body.get("id") not in (None, str(entry_id)):
            raise ValidationError({"id": ["The id in the body must match the one in the address."]})
        validated = _validated_entry(patient, merged)
        change = services.Upsert(
            entry_id=entry_id,
            content=_entry_content(validated),
            expected_version=validated.get("version"),
        )
        return _single_write_answer(
            services.entries_apply_changes(patient=patient, changes=[change])
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("version", VERSION, description="Optional: refuse if changed since.")
        ],
        responses={204: None, 409: ENTRY_WRITE_RESPONSES[409], **errors(400, 401, 404)},
    )
    def delete(self, request: Request, entry_id: uuid.UUID) -> HttpResponse:
        patient = current_patient(request)
        version_param = request.query_params.get("version")
        expected = None
        if version_param is not None:
            # isdigit() alone accepts "²", which int() refuses; and int() refuses more than
            # 4300 digits with a ValueError.
            if not (
                version_param.isascii()
                and version_param.isdigit()
                and len(version_param) <= 10
                and int(version_param) <= VERSION_MAX
            ):
                raise ValidationError({"version": ["Must be a whole number."]})
            expected = int(version_param)
        selectors.entry_get(patient=patient, entry_id=entry_id)
        outcome = services.entries_apply_changes(
            patient=patient, changes=[services.Delete(entry_id=entry_id, expected_version=expected)]
        )
        (result,) = outcome.results
        if result.status == services.CONFLICT:
            return _single_write_answer(outcome)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- Sync -----------------------------------------------------------------------------

SYNC_CHANGES_PAGE = 1000


def _sync_change(patient: Patient, raw: Any) -> services.Change:
    if not isinstance(raw, dict):
        return services.Rejected(None, {"non_field_errors": ["Each change must be an object."]})
    op = raw.get("op")
    if op == "upsert":
        entry = raw.get("entry")
        if not isinstance(entry, dict):
            return services.Rejected(None, {"entry": ["Send the entry as an object."]})
        fast = entry_fast_validate(entry, timezone_name=patient.timezone)
        if fast is not None and "id" in fast:
            return services.Upsert(
                entry_id=fast["id"],
                content=_entry_content(fast),
                expected_version=fast.get("version"),
            )
        serializer = s.EntryInputSerializer(data=entry, context={"timezone": patient.timezone})
        valid = serializer.is_valid()
        entry_id = serializer.validated_data.get("id") if valid else _parse_uuid(entry.get("id"))
        if not valid:
            return services.Rejected(entry_id, encodable_errors(dict(serializer.errors)))
        if entry_id is None:
            return services.Rejected(None, {"id": ["A synced entry needs its id (a UUID)."]})
        validated = serializer.validated_data
        return services.Upsert(
            entry_id=entry_id,
            content=_entry_content(validated),
            expected_version=validated.get("version"),
        )
    if op == "delete":
        entry_id = _parse_uuid(raw.get("id"))
        if entry_id is None:
            return services.Rejected(None, {"id": ["Give the id (a UUID) of the entry to delete."]})
        version = raw.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            return services.Rejected(entry_id, {"version": ["Must be a whole number."]})
        return services.Delete(entry_id=entry_id, expected_version=version)
    return services.Rejected(_parse_uuid(raw.get("id")), {"op": ["Use 'upsert' or 'delete'."]})


def _parse_uuid(value: Any) -> uuid.UUID | None:
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def _parse_cursor(value: Any, *, latest: int) -> int:
    if value is None:
        return 0
    # A cursor past the patient's latest change was never handed out to them (another
    # patient's, or made up): answering from it would hide changes from this device.
    if (
        not isinstance(value, str)
        or not value.isascii()
        or not value.isdigit()
        or len(value) > 18
        or int(value) > latest
    ):
        raise ValidationError(
            {"since": ["Not a cursor from this server: send null to start over."]}
        )
    return int(value)


class SyncView(PatientView):
    @extend_schema(
        request=s.SyncRequestSerializer,
        responses={200: s.SyncResponseSerializer, **errors(400, 401, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        from django.conf import settings

        patient = current_patient(request)
        body = _body_object(request)
        since = _parse_cursor(body.get("since"), latest=patient.change_seq)
        raw_changes = body.get("changes", [])
        if not isinstance(raw_changes, list):
            raise ValidationError({"changes": ["Send a list of changes."]})
        limit = settings.FOOTNOTE_SYNC_MAX_CHANGES
        if len(raw_changes) > limit:
            raise PayloadTooLarge(f"At most {limit} changes a request; send the rest after.")
        changes = [_sync_change(patient, raw) for raw in raw_changes]
        outcome = services.entries_apply_changes(patient=patient, changes=changes)
        server_changes = selectors.entries_changed_since(
            patient=patient, after_seq=since, upto_seq=outcome.seq_before, limit=SYNC_CHANGES_PAGE
        )
        more = len(server_changes) == SYNC_CHANGES_PAGE
        cursor = server_changes[-1]["_seq"] if more else max(outcome.seq_after, since)
        for item in server_changes:
            del item["_seq"]
        results = [
            {
                "id": None if r.entry_id is None else str(r.entry_id),
                "status": services.INVALID if r.status == services.NOT_FOUND else r.status,
                "version": r.version,
                "errors": r.errors,
                "server": r.server,
            }
            for r in outcome.results
        ]
        return Response(
            {
                "results": results,
                "changes": server_changes,
                "cursor": str(cursor),
                "more": more,
                "alerts": outcome.alerts,
            }
        )


# --- Events ---------------------------------------------------------------------------


class EventListView(PatientView):
    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First date, inclusive."),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last date, inclusive."),
            OpenApiParameter(
                "cursor", str, description="Cursor pagination: pass the `next` link as given."
            ),
            OpenApiParameter("page_size", PAGE_SIZE, description="1 to 100, default 50."),
        ],
        operation_id="v1_events_list",
        responses={
            200: s.EventPageSerializer,
            **errors(400, 401),
            404: OpenApiResponse(
                s.DetailSerializer, description="The cursor is not one a `next` link gave."
            ),
        },
    )
    def get(self, request: Request) -> Response:
        query = EventListQuerySerializer(
            data={k: v for k, v in request.query_params.items() if k in ("from", "to")}
        )
        query.is_valid(raise_exception=True)
        events = selectors.patient_events(patient=current_patient(request))
        if "from" in query.validated_data:
            events = events.filter(date__gte=query.validated_data["from"])
        if "to" in query.validated_data:
            events = events.filter(date__lte=query.validated_data["to"])
        paginator = EventPagination()
        page = paginator.paginate_queryset(events, request, view=self)
        return Response(
            {
                "next": paginator.get_next_link(),
                "results": s.EventSerializer(page, many=True).data,
            }
        )

    @extend_schema(
        request=s.EventSerializer, responses={201: s.EventSerializer, **errors(400, 401, 413, 415)}
    )
    def post(self, request: Request) -> Response:
        patient = current_patient(request)
        serializer = s.EventSerializer(
            data=_body_object(request), context={"timezone": patient.timezone}
        )
        serializer.is_valid(raise_exception=True)
        event = services.event_create(patient=patient, data=serializer.validated_data)
        return Response(s.EventSerializer(event).data, status=status.HTTP_201_CREATED)


class EventListQuerySerializer(serializers.Serializer):  # type: ignore[type-arg]
    to = QueryDateField(required=False)


EventListQuerySerializer._declared_fields["from"] = QueryDateField(required=False)


class EventDetailView(PatientView):
    @extend_schema(responses={200: s.EventSerializer, **errors(401, 404)})
    def get(self, request: Request, event_id: uuid.UUID) -> Response:
        event = selectors.event_get(patient=current_patient(request), event_id=event_id)
        return Response(s.EventSerializer(event).data)

    @extend_schema(
        request=s.EventSerializer(partial=True),
        responses={200: s.EventSerializer, **errors(400, 401, 404, 413, 415)},
    )
    def patch(self, request: Request, event_id: uuid.UUID) -> Response:
        patient = current_patient(request)
        event = selectors.event_get(patient=patient, event_id=event_id)
        serializer = s.EventSerializer(
            event, data=_body_object(request), partial=True, context={"timezone": patient.timezone}
        )
        serializer.is_valid(raise_exception=True)
        event = services.event_update(event=event, data=serializer.validated_data)
        return Response(s.EventSerializer(event).data)

    @extend_schema(responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, event_id: uuid.UUID) -> Response:
        event = selectors.event_get(patient=current_patient(request), event_id=event_id)
        services.event_delete(event=event)
        return Response(status=status.HTTP_204_NO_CONTENT)
