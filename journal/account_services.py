"""Account writes: sign-up, the profile, tokens, deleting everything."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import IntegrityError, transaction

from journal.authentication import access_token_issue
from journal.model_update import model_update
from journal.models import AccessToken, LoginSession, Patient

PROFILE_FIELDS = (
    "display_name",
    "birth_year",
    "timezone",
    "reminder_time",
    "health_history",
)


class UsernameTaken(Exception):
    """Someone holds this name, in this or another case or compatibility form."""


def patient_register(
    *,
    username: str,
    password: str,
    email: str = "",
    timezone_name: str = "UTC",
    label: str = "",
) -> tuple[Patient, str]:
    try:
        with transaction.atomic():
            user = User.objects.create_user(username=username, password=password, email=email)
            patient = Patient.objects.create(user=user, timezone=timezone_name)
            key = access_token_issue(user=user, label=label)
    except IntegrityError as clash:
        # The serializer said the name was free; another sign-up took it meanwhile, or
        # it differs from a taken one only in case or form (the UsernameKey constraint).
        raise UsernameTaken(username) from clash
    return patient, key


def _sessions_end(*, user: User) -> None:
    Session.objects.filter(
        session_key__in=LoginSession.objects.filter(user=user).values("session_key")
    ).delete()


def password_change(*, user: User, new_password: str, label: str = "") -> str:
    """Set the new password, sign out every device and session, and answer a fresh token
    for the device that asked (keeping its label)."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        AccessToken.objects.filter(user=user).delete()
        _sessions_end(user=user)
        return access_token_issue(user=user, label=label)


def device_sign_out(*, user: User, device_id: int) -> bool:
    """End one of the person's device tokens; False if they hold none with that id."""
    deleted, _ = AccessToken.objects.filter(user=user, pk=device_id).delete()
    return deleted > 0


def patient_profile_update(*, patient: Patient, data: dict[str, Any]) -> Patient:
    return model_update(instance=patient, fields=PROFILE_FIELDS, data=data)


def access_token_revoke(*, token: AccessToken) -> None:
    token.delete()


def account_delete(*, user: User) -> None:
    """Remove the person and everything they logged: the database cascades from the user
    to the patient, entries, events, flags, reports, shares and tokens; their signed-in
    sessions end; report files go once the deletion is committed, so a failed deletion
    never leaves rows pointing at missing files."""
    from reports.services import report_files_delete, report_files_of_patient

    with transaction.atomic():
        patient = Patient.objects.filter(user=user).first()
        files = report_files_of_patient(patient_id=patient.pk) if patient else []
        _sessions_end(user=user)
        user.delete()
        transaction.on_commit(lambda: report_files_delete(files))
