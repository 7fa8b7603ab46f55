"""POST /api/v1/import/: the patient's own JSON export, from this server or another
(api.md, "Import"). Entries are validated as a sync's upserts are, each standing alone;
the file's shape, its events and its profile are validated as a whole (a 400)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from journal import import_answers, import_services
from journal.api import account_serializers as a
from journal.api import serializers as s
from journal.api.base import PatientView, body_object, current_patient, errors
from journal.api.errors import PayloadTooLarge, encodable_errors
from journal.api.sync_views import sync_change_parse

EXPORT_FORMAT = "footnote-export/1"
IMPORT_MAX_ENTRIES = 366  # api.md: past 366 days of entries a request, 413


class ImportRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """The document GET /api/v1/export/?format=json gives (its other keys are ignored)."""

    format = serializers.ChoiceField(choices=[EXPORT_FORMAT])
    profile = a.ProfileSerializer(required=False)
    entries = s.EntryInputSerializer(  # type: ignore[call-arg]
        many=True, required=False, max_length=IMPORT_MAX_ENTRIES
    )
    events = s.EventSerializer(many=True, required=False)
    questionnaire_responses = serializers.ListField(
        child=serializers.DictField(),
        required=False,
        max_length=import_answers.IMPORT_MAX_RESPONSES,
        help_text=(
            "The weekly check's answers as the export gives them ({id, questionnaire, "
            "authored, scores, response}) or bare FHIR QuestionnaireResponses; scored here."
        ),
    )


class _Counts(serializers.Serializer):  # type: ignore[type-arg]
    created = serializers.IntegerField()
    unchanged = serializers.IntegerField()


class _EntryCounts(_Counts):
    conflicts = serializers.IntegerField()
    invalid = serializers.IntegerField()


class ImportProblemSerializer(serializers.Serializer):  # type: ignore[type-arg]
    kind = serializers.ChoiceField(choices=["entry", import_answers.KIND])
    id = serializers.UUIDField(allow_null=True)
    date = serializers.CharField(allow_null=True, help_text="As the file gives it.")
    status = serializers.ChoiceField(choices=["conflict", "invalid"])
    errors = serializers.DictField(help_text="Field -> messages, or `detail`.")  # type: ignore[assignment]
    server = s.EntryConflictSerializer(
        required=False, help_text="On an entry's conflict: the entry this server keeps."
    )


class ImportSummarySerializer(_EntryCounts):
    """Entries, events and questionnaire responses together at the top; each apart below."""

    entries = _EntryCounts()
    events = _Counts()
    questionnaire_responses = _EntryCounts()
    profile_filled = serializers.ListField(
        child=serializers.CharField(), help_text="Profile fields that were empty here."
    )
    problems = ImportProblemSerializer(
        many=True, help_text="Each entry or response not imported, and why."
    )


def _profile(raw: Any) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ValidationError({"profile": ["Send the profile as an object."]})
    fields = {k: raw[k] for k in import_services.IMPORTED_PROFILE_FIELDS if k in raw}
    serializer = a.ProfileSerializer(data=fields, partial=True)
    if not serializer.is_valid():
        raise ValidationError({"profile": encodable_errors(serializer.errors)})
    return dict(serializer.validated_data)


def _responses(raw: Any, timezone: str) -> list[import_answers.ResponseIn]:
    if not isinstance(raw, list):
        raise ValidationError({"questionnaire_responses": ["Send the responses as a list."]})
    if len(raw) > import_answers.IMPORT_MAX_RESPONSES:
        raise PayloadTooLarge(
            f"At most {import_answers.IMPORT_MAX_RESPONSES} questionnaire responses a request."
        )
    return [import_answers.response_read(item, timezone) for item in raw]


def _events(raw: Any, timezone: str) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise ValidationError({"events": ["Send the events as a list."]})
    serializer = s.EventSerializer(data=raw, many=True, context={"timezone": timezone})
    if not serializer.is_valid():
        raise ValidationError({"events": encodable_errors(serializer.errors)})
    return list(serializer.validated_data)


class ImportView(PatientView):
    @extend_schema(
        request=ImportRequestSerializer,
        responses={
            202: ImportSummarySerializer,
            **errors(400, 401, 415),
            413: OpenApiResponse(
                s.DetailSerializer, description=f"More than {IMPORT_MAX_ENTRIES} entries."
            ),
        },
        description=(
            "Import your own JSON export (GET /api/v1/export/?format=json), from this "
            "server or another. Entries are written as a sync writes them: an entry "
            "already here unchanged is `unchanged`, a day holding something else is a "
            "conflict (nothing is overwritten), an invalid entry is named and the rest "
            "still imported. Events already here are not added twice; the profile fills "
            "only fields empty here. The weekly check's answers are stored by id, as the "
            "app sends them: the same answers again are `unchanged`, other answers under a "
            "held id a conflict; they are scored here. "
            f"At most {IMPORT_MAX_ENTRIES} entries a request: "
            "send a longer journal in parts. Importing a file twice changes nothing."
        ),
    )
    def post(self, request: Request) -> Response:
        patient = current_patient(request)
        body = body_object(request)
        if body.get("format") != EXPORT_FORMAT:
            raise ValidationError(
                {"format": [f"Not a Footnote export: expected format {EXPORT_FORMAT!r}."]}
            )
        raw_entries = body.get("entries", [])
        if not isinstance(raw_entries, list):
            raise ValidationError({"entries": ["Send the entries as a list."]})
        if len(raw_entries) > IMPORT_MAX_ENTRIES:
            raise PayloadTooLarge(
                f"At most {IMPORT_MAX_ENTRIES} entries a request; import the rest after."
            )
        events = _events(body.get("events", []), patient.timezone)
        profile = _profile(body.get("profile"))
        responses = _responses(body.get("questionnaire_responses", []), patient.timezone)
        changes = [
            sync_change_parse(patient, {"op": "upsert", "entry": _as_input(raw)})
            for raw in raw_entries
        ]
        dates = [
            encodable_errors(raw["date"])
            if isinstance(raw, dict) and isinstance(raw.get("date"), str)
            else None
            for raw in raw_entries
        ]
        outcome = import_services.patient_import(
            patient=patient,
            changes=changes,
            dates=dates,
            events=events,
            profile=profile,
            responses=responses,
        )
        summary = {
            key: outcome.entries[key]
            + outcome.events.get(key, 0)
            + outcome.questionnaire_responses[key]
            for key in ("created", "unchanged", "conflicts", "invalid")
        }
        return Response(
            {
                **summary,
                "entries": outcome.entries,
                "events": outcome.events,
                "questionnaire_responses": outcome.questionnaire_responses,
                "profile_filled": outcome.profile_filled,
                "problems": outcome.problems,
            },
            status=status.HTTP_202_ACCEPTED,
        )


def _as_input(raw: Any) -> Any:
    """An exported entry as an upsert with no expected version: what the server stamped
    (version, updated_at, alerts) is this server's to give."""
    if not isinstance(raw, dict):
        return raw
    return {k: value for k, value in raw.items() if k not in ("version", "updated_at", "alerts")}
