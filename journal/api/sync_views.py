"""Sync: a phone's batch of changes in, the server's changes since its cursor out
(api.md, "Sync"). The batch goes through `services.entries_apply_changes` as a whole."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from journal import selectors, services
from journal.api import serializers as s
from journal.api.base import PatientView, body_object, current_patient, errors
from journal.api.entry_views import entry_upsert
from journal.api.errors import PayloadTooLarge, encodable_errors
from journal.api.fast_entry import entry_fast_validate
from journal.entry_batch import INVALID, NOT_FOUND, Change, Delete, Rejected
from journal.models import Patient

SYNC_CHANGES_PAGE = 1000


def sync_change_parse(patient: Patient, raw: Any) -> Change:
    """One item of a sync's `changes` (also of an import's entries), validated."""
    if not isinstance(raw, dict):
        return Rejected(None, {"non_field_errors": ["Each change must be an object."]})
    op = raw.get("op")
    if op == "upsert":
        entry = raw.get("entry")
        if not isinstance(entry, dict):
            return Rejected(None, {"entry": ["Send the entry as an object."]})
        fast = entry_fast_validate(entry, timezone_name=patient.timezone)
        if fast is not None and "id" in fast:
            return entry_upsert(fast["id"], fast)
        serializer = s.EntryInputSerializer(data=entry, context={"timezone": patient.timezone})
        valid = serializer.is_valid()
        entry_id = serializer.validated_data.get("id") if valid else _parse_uuid(entry.get("id"))
        if not valid:
            return Rejected(entry_id, encodable_errors(dict(serializer.errors)))
        if entry_id is None:
            return Rejected(None, {"id": ["A synced entry needs its id (a UUID)."]})
        return entry_upsert(entry_id, serializer.validated_data)
    if op == "delete":
        entry_id = _parse_uuid(raw.get("id"))
        if entry_id is None:
            return Rejected(None, {"id": ["Give the id (a UUID) of the entry to delete."]})
        version = raw.get("version")
        if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
            return Rejected(entry_id, {"version": ["Must be a whole number."]})
        return Delete(entry_id=entry_id, expected_version=version)
    return Rejected(_parse_uuid(raw.get("id")), {"op": ["Use 'upsert' or 'delete'."]})


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
        patient = current_patient(request)
        body = body_object(request)
        since = _parse_cursor(body.get("since"), latest=patient.change_seq)
        raw_changes = body.get("changes", [])
        if not isinstance(raw_changes, list):
            raise ValidationError({"changes": ["Send a list of changes."]})
        limit = settings.FOOTNOTE_SYNC_MAX_CHANGES
        if len(raw_changes) > limit:
            raise PayloadTooLarge(f"At most {limit} changes a request; send the rest after.")
        changes = [sync_change_parse(patient, raw) for raw in raw_changes]
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
                "status": INVALID if r.status == NOT_FOUND else r.status,
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
