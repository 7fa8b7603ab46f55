from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from rest_framework import serializers

from journal.api.serializers import validate_not_in_future
from reports.models import Report, Share, ShareAccess
from reports.services import MAX_PERIOD_DAYS


class ReportRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    """`from` and `to` are Python keywords' neighbours: declared below by name."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs["from"], attrs["to"]
        try:
            validate_not_in_future(end, self.context["timezone"])
        except serializers.ValidationError as error:
            raise serializers.ValidationError({"to": error.detail}) from error
        if end < start:
            raise serializers.ValidationError(
                {"to": ["The period must end on or after its start."]}
            )
        if (end - start).days + 1 > MAX_PERIOD_DAYS:
            raise serializers.ValidationError(
                {"to": [f"A report covers at most {MAX_PERIOD_DAYS} days."]}
            )
        return attrs


ReportRequestSerializer._declared_fields["from"] = serializers.DateField(
    help_text="First day of the period."
)
ReportRequestSerializer._declared_fields["to"] = serializers.DateField(
    help_text=(
        f"Last day of the period: on or after `from`, the period at most {MAX_PERIOD_DAYS} "
        "days long counting both ends, and not later than today in the patient's time zone."
    )
)


class ReportSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "status", "pages", "size_bytes", "created_at", "pdf_url", "failure_reason"]

    def get_pdf_url(self, report: Report) -> str | None:
        if report.status != "ready":
            return None
        path = reverse("report-pdf", kwargs={"report_id": report.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def to_representation(self, report: Report) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(report)
        data["from"] = report.period_start.isoformat()
        data["to"] = report.period_end.isoformat()
        # "generating" is an internal step of "pending" for the contract's three states.
        if data["status"] == "generating":
            data["status"] = "pending"
        return data


ReportSerializer._declared_fields["from"] = serializers.DateField(read_only=True)
ReportSerializer._declared_fields["to"] = serializers.DateField(read_only=True)
ReportSerializer.Meta.fields = ["id", "from", "to", *ReportSerializer.Meta.fields[1:]]


class ReportAcceptedSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    status = serializers.CharField()


class ReportPageSerializer(serializers.Serializer):  # type: ignore[type-arg]
    next = serializers.URLField(allow_null=True)
    results = ReportSerializer(many=True)


class ShareRequestSerializer(serializers.Serializer):  # type: ignore[type-arg]
    expires_in_days = serializers.IntegerField(min_value=1, max_value=30)

    def to_internal_value(self, data: Any) -> Any:
        value = data.get("expires_in_days") if isinstance(data, dict) else None
        if isinstance(value, bool) or (value is not None and not isinstance(value, int)):
            raise serializers.ValidationError(
                {"expires_in_days": ["Must be a whole number of days, 1 to 30."]}
            )
        return super().to_internal_value(data)


class ShareAccessSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = ShareAccess
        fields = ["at", "ip", "user_agent"]


class ShareSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    accesses = ShareAccessSerializer(many=True, read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = Share
        fields = ["id", "created_at", "expires_at", "revoked_at", "active", "accesses"]

    def get_active(self, share: Share) -> bool:
        now = datetime.datetime.now(datetime.UTC)
        return share.revoked_at is None and share.expires_at > now


class ShareCreatedSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.UUIDField()
    url = serializers.URLField()
    expires_at = serializers.DateTimeField()
