"""Reports and share links (api.md, "Reports")."""

from __future__ import annotations

import ipaddress
import uuid

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, JsonResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from journal.api.base import PAGE_SIZE, PatientView, body_object, current_patient, errors
from journal.api.pagination import ReportPagination
from journal.api.serializers import DetailSerializer
from journal.client_address import client_address
from reports import selectors, services
from reports.api import serializers as s
from reports.models import Report


class NotReady(ValidationError):
    status_code = status.HTTP_409_CONFLICT


def _pdf_file_name(report: Report) -> str:
    return f"footnote-report-{report.period_start}-to-{report.period_end}.pdf"


NOT_READY = OpenApiResponse(s.ReportSerializer, description="The report is not ready yet.")


class ReportListView(PatientView):
    @extend_schema(
        parameters=[
            OpenApiParameter(
                "cursor",
                str,
                description="Cursor pagination: pass the `next` link as given.",
            ),
            OpenApiParameter("page_size", PAGE_SIZE, description="1 to 100, default 50."),
        ],
        responses={
            200: s.ReportPageSerializer,
            **errors(400, 401),
            404: OpenApiResponse(
                DetailSerializer, description="The cursor is not one a `next` link gave."
            ),
        },
        operation_id="reports_list",
    )
    def get(self, request: Request) -> Response:
        paginator = ReportPagination()
        page = paginator.paginate_queryset(
            selectors.patient_reports(patient=current_patient(request)), request, view=self
        )
        data = s.ReportSerializer(page, many=True, context={"request": request}).data
        return Response({"next": paginator.get_next_link(), "results": data})

    @extend_schema(
        request=s.ReportRequestSerializer,
        responses={202: s.ReportAcceptedSerializer, **errors(400, 401, 413, 415)},
    )
    def post(self, request: Request) -> Response:
        patient = current_patient(request)
        serializer = s.ReportRequestSerializer(
            data=body_object(request), context={"timezone": patient.timezone}
        )
        serializer.is_valid(raise_exception=True)
        report = services.report_request(
            patient=patient,
            period_start=serializer.validated_data["from"],
            period_end=serializer.validated_data["to"],
        )
        return Response(
            {"id": str(report.pk), "status": "pending"}, status=status.HTTP_202_ACCEPTED
        )


class ReportDetailView(PatientView):
    @extend_schema(responses={200: s.ReportSerializer, **errors(401, 404)})
    def get(self, request: Request, report_id: uuid.UUID) -> Response:
        report = selectors.report_get(patient=current_patient(request), report_id=report_id)
        return Response(s.ReportSerializer(report, context={"request": request}).data)


def _pdf_response(report: Report, *, disposition: str) -> HttpResponseBase:
    assert report.file.name
    response = FileResponse(
        default_storage.open(report.file.name, "rb"),
        content_type="application/pdf",
        as_attachment=disposition == "attachment",
        filename=_pdf_file_name(report),
    )
    response["Cache-Control"] = "no-store"
    return response


class ReportPdfView(PatientView):
    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: NOT_READY,
            **errors(401, 404),
        }
    )
    def get(self, request: Request, report_id: uuid.UUID) -> HttpResponseBase:
        report = selectors.report_get(patient=current_patient(request), report_id=report_id)
        if report.status != "ready" or not report.file:
            raise NotReady({"detail": "The report is not ready yet."})
        return _pdf_response(report, disposition="attachment")


class ShareListView(PatientView):
    @extend_schema(responses={200: s.ShareSerializer(many=True), **errors(401, 404)})
    def get(self, request: Request, report_id: uuid.UUID) -> Response:
        report = selectors.report_get(patient=current_patient(request), report_id=report_id)
        return Response(s.ShareSerializer(selectors.report_shares(report=report), many=True).data)

    @extend_schema(
        request=s.ShareRequestSerializer,
        responses={
            201: s.ShareCreatedSerializer,
            409: NOT_READY,
            **errors(400, 401, 404, 413, 415),
        },
    )
    def post(self, request: Request, report_id: uuid.UUID) -> Response:
        report = selectors.report_get(patient=current_patient(request), report_id=report_id)
        serializer = s.ShareRequestSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        if report.status != "ready":
            raise NotReady({"detail": "Share a report once it is ready."})
        share, token = services.share_create(
            report=report, expires_in_days=serializer.validated_data["expires_in_days"]
        )
        url = request.build_absolute_uri(reverse("share-open", kwargs={"token": token}))
        return Response(
            {"id": str(share.pk), "url": url, "expires_at": share.expires_at},
            status=status.HTTP_201_CREATED,
        )


class ShareDetailView(PatientView):
    @extend_schema(responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, report_id: uuid.UUID, share_id: uuid.UUID) -> Response:
        report = selectors.report_get(patient=current_patient(request), report_id=report_id)
        services.share_revoke(share=selectors.share_get(report=report, share_id=share_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


def _ip_address_or_none(address: str) -> str | None:
    """The access log keeps an address only if it is one. WSGI leaves REMOTE_ADDR out
    when it has none (DRF then reads "None"), which PostgreSQL's inet column refuses."""
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def share_link_gone() -> JsonResponse:
    """The 404 of a share link, also for a token no route takes (config.urls.not_found):
    JSON, like every error under /share/ (api.md, "Additions (v1.1)")."""
    response = JsonResponse({"detail": "This link has expired or was withdrawn."}, status=404)
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response


# Read-only: any other method is a 405, not the CSRF check's 403 page.
@csrf_exempt
@require_GET
def share_open(request: HttpRequest, token: str) -> HttpResponseBase:
    """A specialist opens a shared report: no account, every access logged."""
    share = None
    if len(token) <= 100:
        share = selectors.share_live_by_token(token=token)
    if share is None:
        return share_link_gone()
    services.share_access_record(
        share=share,
        ip=_ip_address_or_none(client_address(request)),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    response = _pdf_response(share.report, disposition="inline")
    for header, value in PRIVATE_HEADERS.items():
        response[header] = value
    return response
