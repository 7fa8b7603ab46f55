"""Reminders by Web Push: the server's key, and the devices that take reminders."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from journal import push_services, reminders
from journal.api import push_serializers as p
from journal.api.base import (
    DeleteWithBodySchema,
    PatientView,
    body_object,
    current_patient,
    errors,
)
from journal.models import AccessToken


class PushKeyView(PatientView):
    @extend_schema(responses={200: p.PushKeySerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        return Response({"public_key": reminders.vapid_public_key()})


class PushSubscriptionsView(PatientView):
    schema = DeleteWithBodySchema()  # DELETE takes the endpoint in its body

    @extend_schema(
        request=p.PushSubscriptionSerializer,
        responses={201: p.PushSubscriptionOutputSerializer, **errors(400, 401, 413, 415)},
        description=(
            "Take reminders on this device: the browser's PushSubscription JSON (other "
            "keys, such as expirationTime, are ignored). Idempotent by endpoint."
        ),
    )
    def post(self, request: Request) -> Response:
        serializer = p.PushSubscriptionSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        subscription = push_services.push_subscription_save(
            patient=current_patient(request),
            endpoint=data["endpoint"],
            p256dh=data["keys"]["p256dh"],
            auth=data["keys"]["auth"],
            # Signing out on this device (its token ends) ends its reminders too.
            access_token=request.auth if isinstance(request.auth, AccessToken) else None,
        )
        return Response({"endpoint": subscription.endpoint}, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=p.PushEndpointSerializer,
        responses={204: None, **errors(400, 401, 413, 415)},
        description="No more reminders on this device (204 also when it had none).",
    )
    def delete(self, request: Request) -> Response:
        serializer = p.PushEndpointSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        push_services.push_subscription_delete(
            patient=current_patient(request), endpoint=serializer.validated_data["endpoint"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
