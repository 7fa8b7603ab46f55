"""Entries, one at a time: list, create, read, replace, patch, delete (api.md, "Entries").
Every write goes through `services.entries_apply_changes`, as a batch of one."""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from journal import selectors, services
from journal.api import serializers as s
from journal.api.base import (
    DATE_RANGE_PARAMETERS,
    PAGE_SIZE,
    VERSION,
    DateRangeQuerySerializer,
    PatientView,
    QueryDateField,
    QueryIntegerField,
    body_object,
    current_patient,
    errors,
)
from journal.api.fast_entry import entry_fast_validate
from journal.api.serializers import VERSION_MAX
from journal.entry_batch import CONFLICT, CREATED, INVALID, NOT_FOUND, ApplyOutcome, Delete, Upsert
from journal.models import Patient


class EntryListQuerySerializer(DateRangeQuerySerializer):
    cursor = QueryDateField(required=False, help_text="The `next` link carries it.")
    page_size = QueryIntegerField(min_value=1, max_value=100, required=False, default=50)


ENTRY_WRITE_RESPONSES = {
    200: s.EntryWriteOutputSerializer,
    201: s.EntryWriteOutputSerializer,
    409: OpenApiResponse(
        s.EntryConflictSerializer,
        description="The stored entry (version changed, or the date already has an entry).",
    ),
}
ID_MISMATCH = {"id": ["The id in the body must match the one in the address."]}


def entry_content(validated: dict[str, Any]) -> dict[str, Any]:
    """A validated entry as the content a change writes (without its id and version)."""
    return {k: v for k, v in validated.items() if k not in ("id", "version")}


def entry_upsert(entry_id: uuid.UUID, validated: dict[str, Any]) -> Upsert:
    """A validated entry as a change of the entry `entry_id`, from the version it gives."""
    return Upsert(
        entry_id=entry_id,
        content=entry_content(validated),
        expected_version=validated.get("version"),
    )


def _single_write_answer(outcome: ApplyOutcome) -> HttpResponse:
    (result,) = outcome.results
    if result.status == NOT_FOUND:
        raise NotFound("Not found.")
    if result.status == INVALID:
        raise ValidationError(result.errors)
    if result.status == CONFLICT:
        assert result.server is not None
        return Response(
            {"detail": result.errors["detail"][0], **result.server},  # type: ignore[index]
            status=status.HTTP_409_CONFLICT,
        )
    assert result.entry_id is not None
    entry_json = result.entry_json or selectors.entry_payload(
        selectors.entry_dict(entry_id=result.entry_id)
    )
    code = status.HTTP_201_CREATED if result.status == CREATED else status.HTTP_200_OK
    # The entry as stored (JSON already), with the alerts added: not parsed and rendered
    # again. Both are compact UTF-8 JSON, as the JSON renderer writes it.
    alerts = JSONRenderer().render(outcome.alerts).decode()
    body = f'{entry_json[:-1]},"alerts":{alerts}}}'
    return HttpResponse(body, status=code, content_type="application/json")


def _write_one(patient: Patient, change: Upsert | Delete) -> HttpResponse:
    return _single_write_answer(services.entries_apply_changes(patient=patient, changes=[change]))


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
            *DATE_RANGE_PARAMETERS,
            OpenApiParameter(
                "cursor",
                OpenApiTypes.DATE,
                description="Cursor pagination: pass the `next` link as given.",
            ),
            OpenApiParameter("page_size", PAGE_SIZE, description="1 to 100, default 50."),
        ],
        responses={200: s.EntryPageSerializer, **errors(400, 401)},
        operation_id="entries_list",
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
        validated = _validated_entry(patient, body_object(request))
        change = Upsert(
            entry_id=validated.get("id") or uuid.uuid4(),
            content=entry_content(validated),
            expected_version=None,
        )
        return _write_one(patient, change)


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
        validated = _validated_entry(patient, body_object(request))
        if validated.get("id") not in (None, entry_id):
            raise ValidationError(ID_MISMATCH)
        return _write_one(patient, entry_upsert(entry_id, validated))

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
        body = body_object(request)
        merged = services.entry_patch_merge(patient=patient, entry_id=entry_id, changes=body)
        if body.get("id") not in (None, str(entry_id)):
            raise ValidationError(ID_MISMATCH)
        return _write_one(patient, entry_upsert(entry_id, _validated_entry(patient, merged)))

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
            patient=patient, changes=[Delete(entry_id=entry_id, expected_version=expected)]
        )
        (result,) = outcome.results
        if result.status == CONFLICT:
            return _single_write_answer(outcome)
        return Response(status=status.HTTP_204_NO_CONTENT)
