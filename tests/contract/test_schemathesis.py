"""The contract, fuzzed: schemathesis drives every operation of the OpenAPI schema.

The schema is loaded from the app itself (GET /api/schema/ through the WSGI handler), and
each operation gets a bounded, deterministic run of generated requests, valid and invalid
by the schema, from schemathesis's examples, coverage and fuzzing phases. Every answer
goes through all of its checks: no server error; status code, content type and body as
documented; invalid input refused; valid input accepted; authentication enforced wherever
the schema requires it (the request is sent again without, and with a wrong, token).

Requests are signed in as a patient who has one of each object (an entry, an event, a
flag, a ready report and a live share), and half the generated cases aim at those real
ids, so the `{id}` routes answer with their 200s, 204s and 409s and not only 404s. The
patient and objects are made once per operation, and its cases run one after another
against them (a case may delete what the next one would have found: that is a 404 then).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.files.base import ContentFile
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis import checks

from config.wsgi import application
from journal.api.account_views import RegistrationThrottle
from journal.authentication import access_token_issue
from journal.models import Flag
from reports import services as report_services
from reports.models import Report
from tests.factories import PatientFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

# Bounded and repeatable (with `derandomize` below): the same requests on every run and
# every machine, so CI never turns red on a draw nobody can replay. To hunt for more,
# raise it and turn `derandomize` off locally; each failure prints a curl to replay it.
MAX_EXAMPLES = 20

# Schemathesis's own list of the answers that refuse invalid input, plus 413: how this
# API refuses a body or a batch too large (api.md), such as a sync whose `changes` go
# over their `maxItems`. (A 5xx still fails the server-error check.)
REFUSALS = ["400", "401", "403", "404", "405", "406", "409", "413", "415", "422", "428", "429"]
CONFIG = schemathesis.Config.from_dict(
    {"checks": {"negative_data_rejection": {"expected-statuses": [*REFUSALS, "5xx"]}}}
)
schema = schemathesis.openapi.from_wsgi("/api/schema/", application, config=CONFIG)

# Each check that does not apply to an operation, and why: the contract itself says so.
# Every other check runs on every operation.
NOT_APPLICABLE: dict[str, dict[str, str]] = {
    # Input valid by the schema that a rule no JSON Schema can state turns down with a 400
    # (the schema states the rule in words); the check would report the rule, not a fault.
    "POST /api/v1/auth/register/": {
        "positive_data_acceptance": "a weak or common password, a username taken, a time "
        "zone name not in the list"
    },
    "POST /api/v1/auth/token/": {
        "positive_data_acceptance": "a wrong password: a 400, as DRF's obtain-token answers"
    },
    "DELETE /api/v1/account/": {"positive_data_acceptance": "a wrong password"},
    # The time zone is a string in the schema, not a 598-value enum that breaks client
    # generators; the names it takes are listed at GET /api/v1/timezones/.
    "PATCH /api/v1/profile/": {"positive_data_acceptance": "a time zone name not in the list"},
    "POST /api/v1/auth/password/": {
        "positive_data_acceptance": "a wrong current password; a weak or common new one"
    },
    "POST /api/v1/entries/": {
        "positive_data_acceptance": "a date after today in the patient's zone; a side the "
        "region does not take; a region, side and part of the day listed twice"
    },
    "PUT /api/v1/entries/{entry_id}/": {"positive_data_acceptance": "as POST /api/v1/entries/"},
    "PATCH /api/v1/entries/{entry_id}/": {"positive_data_acceptance": "as POST /api/v1/entries/"},
    "POST /api/v1/events/": {"positive_data_acceptance": "a date after today"},
    "PATCH /api/v1/events/{event_id}/": {"positive_data_acceptance": "a date after today"},
    "POST /api/v1/reports/": {
        "positive_data_acceptance": "a period that ends after today, runs backwards or is "
        "longer than 366 days"
    },
    "POST /api/v1/flags/{flag_id}/acknowledge/": {
        "positive_data_acceptance": 'an urgent flag acknowledged without {"confirm": true}'
    },
    "POST /api/v1/import/": {
        # As a sync's changes: each entry stands alone, an invalid one is named in
        # `problems` and the rest imported (tests/journal/test_import.py).
        "negative_data_rejection": "an invalid entry is reported in `problems`, not a 400",
        "positive_data_acceptance": "an event dated after today or before 1900, as "
        "POST /api/v1/events/",
    },
    "POST /api/v1/sync/": {
        "positive_data_acceptance": "a cursor this server never handed out",
        # api.md: "each change stands alone: one invalid change does not stop the others".
        # An invalid change is answered 200 with `"status": "invalid"` and its errors in
        # `results`, by design; tests/journal/test_sync.py holds that behaviour.
        "negative_data_rejection": "an invalid change is reported in `results`, not a 400",
    },
}


def _excluded_checks(case: schemathesis.Case) -> list[Any]:
    return [getattr(checks, name) for name in NOT_APPLICABLE.get(case.operation.label, {})]


@pytest.fixture
def _throttles_out_of_the_way(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fuzzing signs up and signs in hundreds of times a minute from one address, mostly
    with wrong passwords: the registration throttle (10 an hour) and the sign-in lockout
    (5 failures a minute) would answer 429 to nearly every case after the first few, and
    the views behind them would go untested. Their 429 stays in the schema, and
    tests/security/test_throttling.py proves they work. DRF binds a throttle's rates when
    the class is defined, hence the patch rather than a settings override."""
    monkeypatch.setattr(RegistrationThrottle, "THROTTLE_RATES", {"registration": "100000/hour"})
    with override_settings(FOOTNOTE_LOGIN_FAILURES_PER_MINUTE=100_000):
        yield


def days_ago(n: int) -> datetime.date:
    return datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=n)


@pytest.fixture
def patient(db: Any, _throttles_out_of_the_way: None) -> Any:
    return PatientFactory(timezone="UTC")


@pytest.fixture
def real_ids(patient: Any) -> dict[str, str]:
    """One of each of the patient's objects, by the name of the path parameter that
    takes its id (and the share link's token)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {access_token_issue(user=patient.user)}")
    saddle = [{"region": "saddle", "side": "center", "pain": 2, "numbness": True}]
    answer = client.post(
        "/api/v1/entries/", entry_body(days_ago(1), symptoms=saddle), format="json"
    )
    assert answer.status_code == 201, answer.content
    entry = answer.json()
    assert entry["alerts"], "saddle numbness raises an urgent flag"
    answer = client.post(
        "/api/v1/events/",
        {"kind": "trauma", "site": "ankle", "date": str(days_ago(3))},
        format="json",
    )
    assert answer.status_code == 201, answer.content
    # Ready without rendering: the PDF's content is not what this module checks.
    report = Report.objects.create(
        patient=patient,
        period_start=days_ago(7),
        period_end=days_ago(1),
        status="ready",
        pages=1,
        size_bytes=9,
    )
    report.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    share, token = report_services.share_create(report=report, expires_in_days=7)
    return {
        "entry_id": entry["id"],
        "event_id": answer.json()["id"],
        "flag_id": str(Flag.objects.get(patient=patient).pk),
        "report_id": str(report.pk),
        "share_id": str(share.pk),
        "token": token,
    }


@pytest.fixture
def _requests_keep_the_test_transaction(real_ids: dict[str, str]) -> Iterator[None]:
    """Django closes stale database connections as a request starts and ends, which in a
    test would end the transaction the test runs in. Its test client switches that off
    around each request and on again after (hence after `real_ids`); so does this, for
    the whole test."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture(params=["production", "development"])
def mode(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every operation in both modes: DEBUG on answers Django's HTML debug page for any
    error that reaches Django instead of the API's own JSON, which the content type check
    would catch."""
    with override_settings(DEBUG=request.param == "development"):
        yield request.param


@pytest.fixture
def every_other() -> Iterator[bool]:
    """True on every other case: the half of the cases that aim at real objects."""
    return itertools.cycle((False, True))


@schema.parametrize()
@pytest.mark.usefixtures("_requests_keep_the_test_transaction")
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_keeps_the_contract(
    case: schemathesis.Case,
    mode: str,
    every_other: Iterator[bool],
    patient: Any,
    real_ids: dict[str, str],
) -> None:
    names = case.path_parameters.keys() & real_ids.keys()
    if names and next(every_other):
        case.path_parameters.update({name: real_ids[name] for name in names})
    # The contract is the content; gzip is transport (config/compression.py, tested in
    # tests/pwa/test_static_serving.py), and schemathesis's WSGI client does not decode it.
    headers = {"Accept-Encoding": "identity"}
    if case.operation.definition.raw.get("security"):
        # A token per case: a sign-out (DELETE auth/token/) must not sign out the rest.
        headers["Authorization"] = f"Token {access_token_issue(user=patient.user)}"

    case.call_and_validate(headers=headers, excluded_checks=_excluded_checks(case))
