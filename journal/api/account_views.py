"""Accounts: sign-up, sign-in with its lockout, sign-out, the profile, the export, and
deleting the account (api.md, "Accounts")."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from journal import account_services, exports
from journal.api import account_serializers as a
from journal.api import serializers as s
from journal.api.base import IsPatient, PatientView, body_object, current_patient, errors
from journal.authentication import access_token_issue
from journal.client_address import client_address
from journal.models import AccessToken


class RegistrationThrottle(AnonRateThrottle):
    scope = "registration"


class RegisterView(APIView):
    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [RegistrationThrottle]

    @extend_schema(
        request=a.RegisterSerializer,
        responses={
            201: a.RegisterOutputSerializer,
            **errors(400, 413, 415),
            429: OpenApiResponse(s.DetailSerializer, description="Too many sign-ups from here."),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = a.RegisterSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        patient, key = account_services.patient_register(
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
        request=a.TokenRequestSerializer,
        responses={
            200: a.TokenOutputSerializer,
            **errors(400, 413, 415),
            429: OpenApiResponse(s.DetailSerializer, description="Too many failed sign-ins."),
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = a.TokenRequestSerializer(data=body_object(request))
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
        return Response({"token": access_token_issue(user=user)})

    @extend_schema(responses={204: None, **errors(401)})
    def delete(self, request: Request) -> Response:
        if isinstance(request.auth, AccessToken):
            account_services.access_token_revoke(token=request.auth)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProfileView(PatientView):
    @extend_schema(responses={200: a.ProfileSerializer, **errors(401)})
    def get(self, request: Request) -> Response:
        return Response(a.ProfileSerializer(current_patient(request)).data)

    @extend_schema(
        request=a.ProfileSerializer,
        responses={200: a.ProfileSerializer, **errors(400, 401, 413, 415)},
    )
    def patch(self, request: Request) -> Response:
        patient = current_patient(request)
        serializer = a.ProfileSerializer(patient, data=body_object(request), partial=True)
        serializer.is_valid(raise_exception=True)
        patient = account_services.patient_profile_update(
            patient=patient, data=serializer.validated_data
        )
        return Response(a.ProfileSerializer(patient).data)


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
        server = request.build_absolute_uri("/")  # names the FHIR Patient identifier's system
        body, content_type, extension = exports.EXPORTERS[kind](patient=patient, server=server)
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
    request=a.AccountDeleteSerializer, responses={204: None, **errors(400, 401, 413, 415)}
)
class AccountView(PatientView):
    schema = _DeleteWithBodySchema()

    def delete(self, request: Request) -> Response:
        serializer = a.AccountDeleteSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        if not request.user.check_password(serializer.validated_data["password"]):
            raise ValidationError({"password": ["The password is not right."]})
        account_services.account_delete(user=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)
