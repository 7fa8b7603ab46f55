"""Flags: the patterns found in the patient's journal (api.md, "Flags")."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from journal import flag_services, selectors
from journal.api.base import PatientView, current_patient, errors
from journal.models import FLAG_STATUSES, Flag


class EvidenceSerializer(serializers.Serializer):  # type: ignore[type-arg]
    dates = serializers.ListField(child=serializers.DateField())
    summary = serializers.CharField()


class FlagSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    side = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = Flag
        fields = [
            "id",
            "code",
            "title",
            "severity",
            "side",
            "status",
            "first_detected_on",
            "first_evidence_on",
            "last_evidence_on",
            "evidence",
            "explanation",
            "clinician_summary",
            "rule_version",
            "status_changed_at",
        ]

    def get_side(self, flag: Flag) -> str | None:
        return flag.side or None

    @extend_schema_field(EvidenceSerializer)
    def get_evidence(self, flag: Flag) -> dict[str, object]:
        return {"dates": list(flag.evidence_dates), "summary": flag.summary}


class FlagPageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    next = serializers.URLField(allow_null=True)
    results = FlagSerializer(many=True)


class FlagListView(PatientView):
    @extend_schema(
        parameters=[OpenApiParameter("status", str, enum=list(FLAG_STATUSES))],
        responses={200: FlagPageSerializer, **errors(400, 401)},
    )
    def get(self, request: Request) -> Response:
        patient = current_patient(request)
        wanted = request.query_params.get("status")
        if wanted is not None and wanted not in FLAG_STATUSES:
            raise ValidationError({"status": ["Choose active, acknowledged or resolved."]})
        flags = selectors.flag_list(patient=patient, status=wanted)
        return Response({"next": None, "results": FlagSerializer(flags, many=True).data})


class FlagAcknowledgeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    confirm = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Required (true) for an urgent flag: the patient confirms they have read "
        "the emergency advice. Optional for the others.",
    )


class FlagAcknowledgeView(PatientView):
    @extend_schema(
        request=FlagAcknowledgeSerializer,
        responses={200: FlagSerializer, **errors(400, 401, 404)},
    )
    def post(self, request: Request, flag_id: uuid.UUID) -> Response:
        flag = selectors.flag_get(patient=current_patient(request), flag_id=flag_id)
        body = FlagAcknowledgeSerializer(data=request.data or {})
        body.is_valid(raise_exception=True)
        if flag.severity == "urgent" and not body.validated_data["confirm"]:
            raise ValidationError(
                {
                    "confirm": [
                        'This is an urgent alert: send {"confirm": true} to confirm the '
                        "emergency advice was read."
                    ]
                }
            )
        flag = flag_services.flag_acknowledge(flag=flag)
        return Response(FlagSerializer(flag).data)


class FlagRecomputeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    status = serializers.CharField()


class FlagRecomputeView(PatientView):
    @extend_schema(
        request=None,
        responses={202: FlagRecomputeSerializer, **errors(401)},
        description="Queue the analysis of this patient's journal now.",
    )
    def post(self, request: Request) -> Response:
        flag_services.flags_recompute_request(patient=current_patient(request))
        return Response({"status": "queued"}, status=status.HTTP_202_ACCEPTED)
