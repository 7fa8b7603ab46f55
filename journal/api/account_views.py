"""Accounts: sign-up, sign-in with its lockout, sign-out, the profile, the export, and
deleting the account (api.md, "Accounts")."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from journal import account_services, exports, selectors
from journal.api import account_serializers as a
from journal.api import serializers as s
from journal.api.base import (
    DeleteWithBodySchema,
    IsPatient,
    PatientView,
    body_object,
    current_patient,
    errors,
)
from journal.authentication import access_token_issue
from journal.client_address import client_address
from journal.models import AccessToken, UsernameKey
from journal.password_attempts import (
    PasswordChecksUnavailable,
    password_attempt_keys,
    password_attempt_release,
    password_attempt_reserve,
)
from journal.usernames import username_canonical

THROTTLED = OpenApiResponse(
    s.DetailSerializer, description="Too many wrong passwords: wait a minute."
)
UNAVAILABLE = OpenApiResponse(
    s.DetailSerializer, description="Passwords cannot be checked for a moment (cache down)."
)


class RegistrationThrottle(AnonRateThrottle):
    scope = "registration"

    def get_ident(self, request: Request) -> str:
        return client_address(request)

    def allow_request(self, request: Request, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception as error:  # the cache is down: a clear 503, never an HTML 500
            raise PasswordChecksUnavailable(
                "Signing up is not possible for a moment. Try again in a minute."
            ) from error


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
            503: UNAVAILABLE,
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = a.RegisterSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            patient, key = account_services.patient_register(
                username=data["username"],
                password=data["password"],
                email=data["email"],
                timezone_name=data["timezone"],
                label=data["label"],
            )
        except account_services.UsernameTaken as taken:
            raise ValidationError({"username": [a.USERNAME_TAKEN]}) from taken
        return Response(
            {"id": str(patient.pk), "username": patient.user.username, "token": key},
            status=status.HTTP_201_CREATED,
        )


def _username_as_stored(typed: str) -> str:
    """`ALICE` or `ａlice` signs in as `alice`: the stored name with the same canonical
    form, or the name as typed (an account whose name clashed before keys existed)."""
    stored = (
        UsernameKey.objects.filter(key=username_canonical(typed))
        .values_list("user__username", flat=True)
        .first()
    )
    return stored or typed


def password_check_throttled(request: Request, *, user: Any, password: str) -> bool:
    """Is `password` the signed-in person's? Counted against the sign-in limit."""
    keys = password_attempt_keys(request=request, username=user.get_username())
    password_attempt_reserve(keys)
    if not user.check_password(password):
        return False
    password_attempt_release(keys)
    return True


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
            429: THROTTLED,
            503: UNAVAILABLE,
        },
        auth=[],
    )
    def post(self, request: Request) -> Response:
        serializer = a.TokenRequestSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        keys = password_attempt_keys(request=request, username=data["username"])
        password_attempt_reserve(keys)
        user = authenticate(
            request._request,
            username=_username_as_stored(data["username"]),
            password=data["password"],
        )
        if user is None or not hasattr(user, "patient"):
            raise ValidationError({"non_field_errors": ["The username or password is not right."]})
        password_attempt_release(keys)
        return Response({"token": access_token_issue(user=user, label=data["label"])})

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


@extend_schema(
    request=a.AccountDeleteSerializer,
    responses={204: None, **errors(400, 401, 413, 415), 429: THROTTLED, 503: UNAVAILABLE},
)
class AccountView(PatientView):
    schema = DeleteWithBodySchema()

    def delete(self, request: Request) -> Response:
        serializer = a.AccountDeleteSerializer(data=body_object(request))
        serializer.is_valid(raise_exception=True)
        password = serializer.validated_data["password"]
        if not password_check_throttled(request, user=request.user, password=password):
            raise ValidationError({"password": ["The password is not right."]})
        account_services.account_delete(user=request.user)  # type: ignore[arg-type]
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordView(PatientView):
    """Change the password: every other device is signed out, this one gets a new token."""

    @extend_schema(
        request=a.PasswordChangeSerializer,
        responses={
            200: a.TokenOutputSerializer,
            **errors(400, 401, 413, 415),
            429: THROTTLED,
            503: UNAVAILABLE,
        },
    )
    def post(self, request: Request) -> Response:
        user: User = request.user  # type: ignore[assignment]
        serializer = a.PasswordChangeSerializer(data=body_object(request), context={"user": user})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not password_check_throttled(request, user=user, password=data["current_password"]):
            raise ValidationError({"current_password": ["The password is not right."]})
        label = request.auth.label if isinstance(request.auth, AccessToken) else ""
        key = account_services.password_change(
            user=user, new_password=data["new_password"], label=label
        )
        return Response({"token": key})


class DeviceListView(PatientView):
    @extend_schema(responses={200: a.DeviceSerializer(many=True), **errors(401)})
    def get(self, request: Request) -> Response:
        tokens = selectors.access_tokens_of_user(user=request.user)
        return Response(
            a.DeviceSerializer(tokens, many=True, context={"current": request.auth}).data
        )


class DeviceDetailView(PatientView):
    @extend_schema(responses={204: None, **errors(401, 404)})
    def delete(self, request: Request, device_id: int) -> Response:
        if not account_services.device_sign_out(user=request.user, device_id=device_id):  # type: ignore[arg-type]
            raise NotFound("No such device of yours.")
        return Response(status=status.HTTP_204_NO_CONTENT)
