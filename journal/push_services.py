"""Web Push subscriptions: one a device, kept per patient."""

from __future__ import annotations

from journal.models import AccessToken, Patient, PushSubscription


def push_subscription_save(
    *,
    patient: Patient,
    endpoint: str,
    p256dh: str,
    auth: str,
    access_token: AccessToken | None,
) -> PushSubscription:
    """Idempotent by endpoint. An endpoint is one browser profile: if another person
    signed in on that device subscribed it before, it is now this patient's."""
    subscription, _ = PushSubscription.objects.update_or_create(
        endpoint=endpoint,
        defaults={
            "patient": patient,
            "p256dh": p256dh,
            "auth": auth,
            "access_token": access_token,
        },
    )
    return subscription


def push_subscription_delete(*, patient: Patient, endpoint: str) -> None:
    PushSubscription.objects.filter(patient=patient, endpoint=endpoint).delete()
