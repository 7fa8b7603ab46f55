"""Events: injuries, surgeries, injections (api.md, "Events")."""

from __future__ import annotations

import uuid

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from journal import event_services, selectors
from journal.api import serializers as s
from journal.api.base import (
    DATE_RANGE_PARAMETERS,
    PAGE_SIZE,
    PatientView,
    body_object,
    current_patient,
    date_range,
    errors,
)
from journal.api.pagination import EventPagination


class EventListView(PatientView):
    @extend_schema(
        parameters=[
            *DATE_RANGE_PARAMETERS,
            OpenApiParameter(
                "cursor", str, description="Cursor pagination: pass the `next` link as given."
            ),
            OpenApiParameter("page_size", PAGE_SIZE, description="1 to 100, default 50."),
        ],
        operation_id="events_list",
        responses={
            200: s.EventPageSerializer,
            **errors(400, 401),
            404: OpenApiResponse(
                s.DetailSerializer, description="The cursor is not one a `next` link gave."
            ),
        },
    )
    def get(self, request: Request) -> Response:
        date_from, date_to = date_range(request)
        events = selectors.patient_events(
            patient=current_patient(request), date_from=date_from, date_to=date_to
        )
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
            data=body_object(request), context={"timezone": patient.timezone}
        )
        serializer.is_valid(raise_exception=True)
        event = event_services.event_create(patient=patient, data=serializer.validated_data)
        return Response(s.EventSerializer(event).data, status=status.HTTP_201_CREATED)


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
            event, data=body_object(request), partial=True, context={"timezone": patient.timezone}
        )
        serializer.is_valid(raise_exception=True)
        event = event_services.event_update(event=event, data=serializer.validated_data)
        return Response(s.EventSerializer(event).data)

    @extend_schema(responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, event_id: uuid.UUID) -> Response:
        event = selectors.event_get(patient=current_patient(request), event_id=event_id)
        event_services.event_delete(event=event)
        return Response(status=status.HTTP_204_NO_CONTENT)
