"""Account writes: sign-up, the profile, tokens, deleting everything."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

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


def patient_register(
    *, username: str, password: str, email: str = "", timezone_name: str = "UTC"
) -> tuple[Patient, str]:
    with transaction.atomic():
        user = User.objects.create_user(username=username, password=password, email=email)
        patient = Patient.objects.create(user=user, timezone=timezone_name)
        key = access_token_issue(user=user)
    return patient, key


def patient_profile_update(*, patient: Patient, data: dict[str, Any]) -> Patient:
    return model_update(instance=patient, fields=PROFILE_FIELDS, data=data)


def access_token_revoke(*, token: AccessToken) -> None:
    token.delete()


def account_delete(*, user: User) -> None:
    """Remove the person and everything they logged: the database cascades from the user
    to the patient, entries, events, flags, reports, shares and tokens; their signed-in
    sessions end; report files go once the deletion is committed, so a failed deletion
    never leaves rows pointing at missing files."""
    from django.contrib.sessions.models import Session

    from reports.services import report_files_delete, report_files_of_patient

    with transaction.atomic():
        patient = Patient.objects.filter(user=user).first()
        files = report_files_of_patient(patient_id=patient.pk) if patient else []
        Session.objects.filter(
            session_key__in=LoginSession.objects.filter(user=user).values("session_key")
        ).delete()
        user.delete()
        transaction.on_commit(lambda: report_files_delete(files))
