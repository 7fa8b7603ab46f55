"""Share links (api.md, "Reports"): a specialist opens the PDF with no account.

The token is long and random and only its SHA-256 is stored; a link stops working when it
expires or is withdrawn; every answer tells caches, referrers and search engines to keep
out; every opening is logged and shown to the patient, and to no one else.
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from reports.models import Report, Share, ShareAccess
from reports.services import share_access_record

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

PRIVATE_HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex",
}


@pytest.fixture
def owner(make_patient: Any) -> tuple[Any, APIClient]:
    return make_patient(timezone="UTC")


@pytest.fixture
def report(owner: tuple[Any, APIClient], report_ready: Any) -> Report:
    return report_ready(owner[1])


def share(client: APIClient, report: Report, days: int = 7) -> tuple[str, dict[str, Any]]:
    answer = client.post(
        f"/api/v1/reports/{report.pk}/shares/", {"expires_in_days": days}, format="json"
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    return body["url"].rsplit("/share/", 1)[1], body


def open_link(token: str, **meta: str) -> Any:
    return APIClient().get(f"/share/{token}", **meta)


def assert_private(answer: Any) -> None:
    for header, value in PRIVATE_HEADERS.items():
        assert answer[header] == value, header


def every_stored_value() -> str:
    """Every row of every table, as text."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(rows)


def test_share_token_is_long_random_and_only_its_hash_is_stored(
    owner: tuple[Any, APIClient], report: Report
) -> None:
    token, body = share(owner[1], report)
    other_token, _ = share(owner[1], report)
    digest = hashlib.sha256(token.encode()).hexdigest()

    assert len(token) >= 43  # secrets.token_urlsafe(32): 256 random bits
    assert len(other_token) >= 43
    assert token != other_token
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM reports_share")
        share_table = repr(cursor.fetchall())
    assert digest in share_table
    assert token not in share_table
    assert token not in every_stored_value()
    assert Share.objects.get(pk=body["id"]).token_digest == digest


def test_share_link_opens_the_pdf_privately_while_valid(
    owner: tuple[Any, APIClient], report: Report
) -> None:
    token, _ = share(owner[1], report)

    answer = open_link(token)

    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/pdf"
    assert b"".join(answer.streaming_content).startswith(b"%PDF")
    assert_private(answer)


def test_an_expired_share_link_is_404_and_private(
    owner: tuple[Any, APIClient], report: Report
) -> None:
    token, _ = share(owner[1], report, days=1)

    with time_machine.travel(timezone.now() + datetime.timedelta(days=1, seconds=1)):
        answer = open_link(token)

    assert answer.status_code == 404
    assert answer["Content-Type"] == "application/json"
    assert answer.json() == {"detail": "This link has expired or was withdrawn."}
    assert_private(answer)
    assert not ShareAccess.objects.exists()


def test_a_revoked_share_link_is_404_and_private(
    owner: tuple[Any, APIClient], report: Report
) -> None:
    token, body = share(owner[1], report)
    assert open_link(token).status_code == 200

    revoked = owner[1].delete(f"/api/v1/reports/{report.pk}/shares/{body['id']}/")
    answer = open_link(token)

    assert revoked.status_code == 204
    assert answer.status_code == 404
    assert_private(answer)


def test_an_unknown_share_token_is_404_and_private(db: Any) -> None:
    for token in ("x" * 43, "y" * 5000):
        answer = open_link(token)
        assert answer.status_code == 404
        assert_private(answer)


def test_share_accesses_are_logged_and_shown_to_the_owner_only(
    owner: tuple[Any, APIClient], report: Report, make_patient: Any
) -> None:
    token, body = share(owner[1], report)
    before = timezone.now()

    open_link(token, REMOTE_ADDR="198.51.100.7", HTTP_USER_AGENT="Dr Kovacs's tablet")
    open_link(token, REMOTE_ADDR="2001:db8::1", HTTP_USER_AGENT="Clinic PC")

    listed = owner[1].get(f"/api/v1/reports/{report.pk}/shares/")
    assert listed.status_code == 200
    (shown,) = [s for s in listed.json() if s["id"] == body["id"]]
    accesses = sorted(shown["accesses"], key=lambda a: a["at"])
    assert [(a["ip"], a["user_agent"]) for a in accesses] == [
        ("198.51.100.7", "Dr Kovacs's tablet"),
        ("2001:db8::1", "Clinic PC"),
    ]
    for access in accesses:
        assert before <= datetime.datetime.fromisoformat(access["at"]) <= timezone.now()

    _, stranger = make_patient()
    assert stranger.get(f"/api/v1/reports/{report.pk}/shares/").status_code == 404
    assert stranger.get(f"/api/v1/reports/{report.pk}/").status_code == 404
    assert APIClient().get(f"/api/v1/reports/{report.pk}/shares/").status_code == 401


def test_a_share_opened_with_no_client_address_is_logged_without_one(
    owner: tuple[Any, APIClient], report: Report
) -> None:
    """WSGI may leave REMOTE_ADDR out, which DRF reads as "None": PostgreSQL's inet
    column refused it with a 500."""
    token, _ = share(owner[1], report)

    answer = open_link(token, REMOTE_ADDR=None)  # type: ignore[arg-type]

    assert answer.status_code == 200
    assert ShareAccess.objects.filter(share__report=report).last().ip is None


def test_the_share_access_log_is_append_only(owner: tuple[Any, APIClient], report: Report) -> None:
    _, body = share(owner[1], report)
    access = share_access_record(
        share=Share.objects.get(pk=body["id"]), ip="198.51.100.7", user_agent="Dr Kovacs"
    )

    access.user_agent = "someone else"
    with pytest.raises(ValueError, match="append-only"):
        access.save()
    with pytest.raises(ValueError, match="append-only"):
        access.delete()

    stored = ShareAccess.objects.get(pk=access.pk)
    assert (stored.ip, stored.user_agent) == ("198.51.100.7", "Dr Kovacs")
