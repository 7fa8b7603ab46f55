"""Everything a client can send wrong is a 4xx naming what is wrong, never a 500 (api.md).

The test client re-raises any exception a view lets through, so a 500 fails loudly here.
Entry cases go through every door an entry comes in by: POST, PUT and a sync upsert.
"""

from __future__ import annotations

import datetime
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import cache
from rest_framework.test import APIClient

from journal.models import Entry, Event, Patient
from journal.vocabulary import LEG_REGIONS
from tests.factories import EventFactory, entry_body

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ENTRIES = "/api/v1/entries/"
SYNC = "/api/v1/sync/"
EVENTS = "/api/v1/events/"
PROFILE = "/api/v1/profile/"
DAY = datetime.date(2026, 6, 1)
MISSING = object()


@pytest.fixture(autouse=True)
def _fresh_throttles() -> None:
    cache.clear()


def field_errors(errors: Any, path: tuple[Any, ...]) -> list[str]:
    """The messages at `path` in DRF's error shape, where the items of a list are keyed
    by their index as a JSON string: {"symptoms": {"1": {"region": ["..."]}}}."""
    node = errors
    for key in path:
        node = node[str(key)]
    assert isinstance(node, list), errors
    assert node, errors
    assert all(isinstance(message, str) and message for message in node), errors
    return node


# --- Entries: three doors -------------------------------------------------------------


def send(client: APIClient, method: str, url: str, body: Any) -> Any:
    """`body` as JSON text. json.dumps writes NUL and lone surrogates as the escapes
    \\u0000 and \\ud800, which is how a client would send them; a str is sent as is."""
    text = body if isinstance(body, str) else json.dumps(body)
    return client.generic(method, url, text, content_type="application/json")


def post_door(client: APIClient, body: dict[str, Any]) -> tuple[int, Any]:
    answer = send(client, "POST", ENTRIES, body)
    return answer.status_code, answer.json()


def put_door(client: APIClient, body: dict[str, Any]) -> tuple[int, Any]:
    answer = send(client, "PUT", f"{ENTRIES}{uuid.uuid4()}/", body)
    return answer.status_code, answer.json()


def sync_door(client: APIClient, body: dict[str, Any]) -> tuple[int, Any]:
    """A sync answers 200; the change is `invalid` with the same errors a POST gives."""
    entry = {"id": str(uuid.uuid4()), **body}
    answer = send(
        client, "POST", SYNC, {"since": None, "changes": [{"op": "upsert", "entry": entry}]}
    )
    assert answer.status_code == 200, answer.content
    (result,) = answer.json()["results"]
    return (400 if result["status"] == "invalid" else 200), result["errors"]


DOORS = {"post": post_door, "put": put_door, "sync": sync_door}


@pytest.fixture(params=sorted(DOORS))
def door(request: pytest.FixtureRequest) -> Callable[..., tuple[int, Any]]:
    return DOORS[request.param]


def symptom(**fields: Any) -> dict[str, Any]:
    reading = {"region": "sole", "side": "left", "pain": 6, **fields}
    return {k: v for k, v in reading.items() if v is not MISSING}


def sign(**fields: Any) -> dict[str, Any]:
    reading = {"code": "tripping", "side": "left", "count": 2, **fields}
    return {k: v for k, v in reading.items() if v is not MISSING}


def medication(**fields: Any) -> dict[str, Any]:
    taken = {"name": "ibuprofen", "dose": "400 mg", "times": 2, **fields}
    return {k: v for k, v in taken.items() if v is not MISSING}


def entry_with(fields: dict[str, Any]) -> dict[str, Any]:
    body = {**entry_body(DAY), **fields}
    return {k: v for k, v in body.items() if v is not MISSING}


CALF = {"region": "calf", "side": "left", "pain": 4}

# (id, fields of the entry, where the error must be)
BAD_ENTRIES: list[tuple[str, dict[str, Any], tuple[Any, ...]]] = [
    ("region-unknown", {"symptoms": [CALF, symptom(region="elbow")]}, ("symptoms", 1, "region")),
    ("region-an-object", {"symptoms": [symptom(region={})]}, ("symptoms", 0, "region")),
    ("region-missing", {"symptoms": [symptom(region=MISSING)]}, ("symptoms", 0, "region")),
    ("side-unknown", {"symptoms": [symptom(side="up")]}, ("symptoms", 0, "side")),
    ("side-missing", {"symptoms": [symptom(side=MISSING)]}, ("symptoms", 0, "side")),
    ("center-on-sided-region", {"symptoms": [symptom(side="center")]}, ("symptoms", 0, "side")),
    (
        # The saddle takes left and right since rules version 2; the forefoot is sided.
        "center-on-forefoot",
        {"symptoms": [symptom(region="forefoot", side="center")]},
        ("symptoms", 0, "side"),
    ),
    (
        "quality-unknown",
        {"symptoms": [symptom(qualities=["aching", "tickly"])]},
        ("symptoms", 0, "qualities", 1),
    ),
    (
        "qualities-not-a-list",
        {"symptoms": [symptom(qualities="burning")]},
        ("symptoms", 0, "qualities"),
    ),
    (
        "part-of-day-unknown",
        {"symptoms": [symptom(part_of_day="noon")]},
        ("symptoms", 0, "part_of_day"),
    ),
    ("pain-11", {"symptoms": [symptom(pain=11)]}, ("symptoms", 0, "pain")),
    ("pain-negative", {"symptoms": [symptom(pain=-1)]}, ("symptoms", 0, "pain")),
    ("pain-string", {"symptoms": [symptom(pain="5")]}, ("symptoms", 0, "pain")),
    ("pain-fraction", {"symptoms": [symptom(pain=5.5)]}, ("symptoms", 0, "pain")),
    ("pain-true", {"symptoms": [symptom(pain=True)]}, ("symptoms", 0, "pain")),
    ("pain-null", {"symptoms": [symptom(pain=None)]}, ("symptoms", 0, "pain")),
    ("pain-missing", {"symptoms": [symptom(pain=MISSING)]}, ("symptoms", 0, "pain")),
    ("numbness-string", {"symptoms": [symptom(numbness="yes")]}, ("symptoms", 0, "numbness")),
    ("tingling-number", {"symptoms": [symptom(tingling=1)]}, ("symptoms", 0, "tingling")),
    ("symptom-not-an-object", {"symptoms": ["sole"]}, ("symptoms", 0, "non_field_errors")),
    ("symptoms-not-a-list", {"symptoms": symptom()}, ("symptoms", "non_field_errors")),
    ("symptoms-null", {"symptoms": None}, ("symptoms",)),
    ("same-region-side-twice", {"symptoms": [symptom(), CALF, symptom(pain=2)]}, ("symptoms",)),
    (
        "same-region-side-part-twice",
        {"symptoms": [symptom(part_of_day="night"), symptom(pain=1, part_of_day="night")]},
        ("symptoms",),
    ),
    (
        "too-many-symptoms",
        {
            "symptoms": [
                symptom(region=r, side=s, part_of_day=p)
                for r in sorted(LEG_REGIONS)
                for s in ("left", "right")
                for p in ("", "morning", "afternoon", "evening", "night")
            ][:121]
        },
        ("symptoms", "non_field_errors"),
    ),
    ("sign-unknown", {"signs": [sign(code="hiccups")]}, ("signs", 0, "code")),
    ("sided-sign-without-side", {"signs": [sign(side=MISSING)]}, ("signs", 0, "side")),
    ("sign-side-center", {"signs": [sign(side="center")]}, ("signs", 0, "side")),
    (
        "unsided-sign-with-side",
        {"signs": [sign(code="bladder_change", count=None)]},
        ("signs", 0, "side"),
    ),
    ("count-on-other-sign", {"signs": [sign(code="leg_weakness")]}, ("signs", 0, "count")),
    ("count-zero", {"signs": [sign(count=0)]}, ("signs", 0, "count")),
    ("count-string", {"signs": [sign(count="2")]}, ("signs", 0, "count")),
    ("same-sign-twice", {"signs": [sign(), sign(count=1)]}, ("signs",)),
    ("footwear-unknown", {"footwear": ["regular", "stilettos"]}, ("footwear", 1)),
    ("footwear-not-a-list", {"footwear": "regular"}, ("footwear",)),
    ("sitting-25-hours", {"sitting_hours": 25}, ("sitting_hours",)),
    ("sitting-negative", {"sitting_hours": -0.5}, ("sitting_hours",)),
    ("sitting-string", {"sitting_hours": "7.5"}, ("sitting_hours",)),
    ("sitting-true", {"sitting_hours": True}, ("sitting_hours",)),
    ("sitting-huge-integer", {"sitting_hours": 10**400}, ("sitting_hours",)),
    ("walking-over-a-day", {"walking_minutes": 1441}, ("walking_minutes",)),
    ("walking-fraction", {"walking_minutes": 20.5}, ("walking_minutes",)),
    ("walking-huge-integer", {"walking_minutes": 10**400}, ("walking_minutes",)),
    ("walking-pain-string", {"walking_brings_leg_pain": "no"}, ("walking_brings_leg_pain",)),
    ("sitting-relief-number", {"sitting_relieves_leg_pain": 0}, ("sitting_relieves_leg_pain",)),
    (
        "medication-without-name",
        {"medications": [medication(name=MISSING)]},
        ("medications", 0, "name"),
    ),
    (
        "medication-name-too-long",
        {"medications": [medication(name="x" * 101)]},
        ("medications", 0, "name"),
    ),
    (
        "medication-name-a-number",
        {"medications": [medication(name=5)]},
        ("medications", 0, "name"),
    ),
    (
        "medication-times-negative",
        {"medications": [medication(times=-1)]},
        ("medications", 0, "times"),
    ),
    (
        "medication-times-string",
        {"medications": [medication(times="2")]},
        ("medications", 0, "times"),
    ),
    ("medications-not-a-list", {"medications": "ibuprofen"}, ("medications", "non_field_errors")),
    ("sleep-11", {"sleep_quality": 11}, ("sleep_quality",)),
    ("sleep-string", {"sleep_quality": "6"}, ("sleep_quality",)),
    ("notes-2001-characters", {"notes": "x" * 2001}, ("notes",)),
    ("notes-null", {"notes": None}, ("notes",)),
    ("notes-a-number", {"notes": 0}, ("notes",)),
    ("date-missing", {"date": MISSING}, ("date",)),
    ("date-impossible", {"date": "2026-02-30"}, ("date",)),
    ("date-not-iso", {"date": "01/06/2026"}, ("date",)),
    ("date-a-number", {"date": 20260601}, ("date",)),
    ("date-next-year", {"date": "2027-12-31"}, ("date",)),
    ("date-before-1900", {"date": "1899-12-31"}, ("date",)),
    ("version-string", {"version": "1"}, ("version",)),
    ("version-negative", {"version": -1}, ("version",)),
    ("id-not-a-uuid", {"id": "entry-1"}, ("id",)),
    ("id-an-integer", {"id": 1}, ("id",)),
]


@pytest.mark.parametrize(
    ("fields", "path"), [(f, p) for _, f, p in BAD_ENTRIES], ids=[i for i, _, _ in BAD_ENTRIES]
)
def test_bad_entry_is_refused_naming_the_field(
    client_api: APIClient,
    door: Callable[..., tuple[int, Any]],
    fields: dict[str, Any],
    path: tuple[Any, ...],
) -> None:
    body = entry_with(fields)

    status, errors = door(client_api, body)

    assert status == 400
    field_errors(errors, path)
    assert not Entry.objects.exists()


GOOD_EDGES: list[tuple[str, dict[str, Any]]] = [
    ("notes-2000-characters", {"notes": "x" * 2000}),
    ("notes-2000-characters-outside-the-bmp", {"notes": "🦶" * 2000}),
    ("pain-0-and-10", {"symptoms": [symptom(pain=0), dict(CALF, pain=10)]}),
    ("pain-as-whole-float", {"symptoms": [symptom(pain=5.0)]}),
    ("sitting-0-and-24", {"sitting_hours": 24, "walking_minutes": 1440, "sleep_quality": 0}),
    ("center-lower-back", {"symptoms": [symptom(region="lower_back", side="center")]}),
    ("saddle-center", {"symptoms": [symptom(region="saddle", side="center", pain=0)]}),
    (
        "part-of-day-null-or-empty",
        {
            "symptoms": [
                symptom(part_of_day=None),
                symptom(part_of_day="morning"),
                symptom(side="right", part_of_day=""),
            ]
        },
    ),
    ("unsided-sign-null-side", {"signs": [sign(code="bowel_change", side=None, count=None)]}),
    (
        "nulls-for-optional-numbers",
        {"sitting_hours": None, "walking_minutes": None, "sleep_quality": None, "version": None},
    ),
    ("unknown-keys-ignored", {"mood": "grumpy"}),
]


@pytest.mark.parametrize("fields", [f for _, f in GOOD_EDGES], ids=[i for i, _ in GOOD_EDGES])
def test_entry_values_at_the_edges_are_accepted(
    client_api: APIClient, door: Callable[..., tuple[int, Any]], fields: dict[str, Any]
) -> None:
    status, _ = door(client_api, entry_with(fields))

    assert status in (200, 201)
    assert Entry.objects.count() == 1


# --- NUL bytes and lone surrogates in every kind of string ----------------------------

POISONS = {"nul": "a\x00b", "lone-surrogate": "a\ud800b"}
MARK = "@@POISON@@"


def poisoned(body: Any, poison: str) -> Any:
    """`body` with every MARK replaced by `poison`."""
    if isinstance(body, dict):
        return {key: poisoned(value, poison) for key, value in body.items()}
    if isinstance(body, list):
        return [poisoned(value, poison) for value in body]
    return poison if body == MARK else body


ENTRY_STRINGS: list[tuple[str, dict[str, Any], tuple[Any, ...]]] = [
    ("date", {"date": MARK}, ("date",)),
    ("id", {"id": MARK}, ("id",)),
    ("region", {"symptoms": [symptom(region=MARK)]}, ("symptoms", 0, "region")),
    ("side", {"symptoms": [symptom(side=MARK)]}, ("symptoms", 0, "side")),
    ("part_of_day", {"symptoms": [symptom(part_of_day=MARK)]}, ("symptoms", 0, "part_of_day")),
    ("quality", {"symptoms": [symptom(qualities=[MARK])]}, ("symptoms", 0, "qualities", 0)),
    ("sign-code", {"signs": [sign(code=MARK)]}, ("signs", 0, "code")),
    ("sign-side", {"signs": [sign(side=MARK)]}, ("signs", 0, "side")),
    ("footwear", {"footwear": [MARK]}, ("footwear", 0)),
    ("medication-name", {"medications": [medication(name=MARK)]}, ("medications", 0, "name")),
    ("medication-dose", {"medications": [medication(dose=MARK)]}, ("medications", 0, "dose")),
    ("notes", {"notes": MARK}, ("notes",)),
]


@pytest.mark.parametrize("poison", POISONS.values(), ids=POISONS.keys())
@pytest.mark.parametrize(
    ("fields", "path"), [(f, p) for _, f, p in ENTRY_STRINGS], ids=[i for i, _, _ in ENTRY_STRINGS]
)
def test_nul_and_lone_surrogates_in_entry_strings_are_refused(
    client_api: APIClient,
    door: Callable[..., tuple[int, Any]],
    fields: dict[str, Any],
    path: tuple[Any, ...],
    poison: str,
) -> None:
    status, errors = door(client_api, poisoned(entry_with(fields), poison))

    assert status == 400
    field_errors(errors, path)
    assert not Entry.objects.exists()


@pytest.fixture
def event(patient: Patient) -> Event:
    return EventFactory(patient=patient)


EVENT = {"kind": "trauma", "site": "ankle", "side": "left", "date": "2026-05-01", "notes": ""}
EVENT_FIELDS = ("kind", "site", "side", "date", "notes")


@pytest.mark.parametrize("poison", POISONS.values(), ids=POISONS.keys())
@pytest.mark.parametrize("field", EVENT_FIELDS)
@pytest.mark.parametrize("method", ["POST", "PATCH"])
def test_nul_and_lone_surrogates_in_event_strings_are_refused(
    client_api: APIClient, event: Event, method: str, field: str, poison: str
) -> None:
    url = EVENTS if method == "POST" else f"{EVENTS}{event.pk}/"
    body = poisoned({**EVENT, field: MARK}, poison)

    answer = send(client_api, method, url, body)

    assert answer.status_code == 400
    field_errors(answer.json(), (field,))
    assert Event.objects.get().notes == ""


ACCOUNT_STRINGS = [
    ("PATCH", PROFILE, {"display_name": MARK}, "display_name"),
    ("PATCH", PROFILE, {"timezone": MARK}, "timezone"),
    (
        "POST",
        "/api/v1/auth/register/",
        {"username": MARK, "password": "correct horse battery staple"},
        "username",
    ),
    ("POST", "/api/v1/auth/register/", {"username": "ada", "password": MARK}, "password"),
    (
        "POST",
        "/api/v1/auth/register/",
        {"username": "ada", "password": "correct horse battery staple", "email": MARK},
        "email",
    ),
    (
        "POST",
        "/api/v1/auth/register/",
        {"username": "ada", "password": "correct horse battery staple", "timezone": MARK},
        "timezone",
    ),
    ("POST", "/api/v1/auth/token/", {"username": MARK, "password": "x"}, "username"),
    ("POST", "/api/v1/auth/token/", {"username": "ada", "password": MARK}, "password"),
    ("DELETE", "/api/v1/account/", {"password": MARK}, "password"),
]


@pytest.mark.parametrize("poison", POISONS.values(), ids=POISONS.keys())
@pytest.mark.parametrize(
    ("method", "url", "body", "field"),
    ACCOUNT_STRINGS,
    ids=[f"{url.split('/')[-2]}-{field}" for _, url, _, field in ACCOUNT_STRINGS],
)
def test_nul_and_lone_surrogates_in_account_strings_are_refused(
    patient: Patient,
    client_api: APIClient,
    method: str,
    url: str,
    body: dict[str, Any],
    field: str,
    poison: str,
) -> None:
    users_before = User.objects.count()

    answer = send(client_api, method, url, poisoned(body, poison))

    assert answer.status_code == 400
    field_errors(answer.json(), (field,))
    assert User.objects.count() == users_before
    assert Patient.objects.get(pk=patient.pk).timezone == "Europe/Athens"


SYNC_STRINGS = [
    ({"since": MARK, "changes": []}, None, ("since",)),
    ({"since": None, "changes": [{"op": MARK}]}, 0, ("op",)),
    ({"since": None, "changes": [{"op": "delete", "id": MARK}]}, 0, ("id",)),
]


@pytest.mark.parametrize("poison", POISONS.values(), ids=POISONS.keys())
@pytest.mark.parametrize(("body", "item", "path"), SYNC_STRINGS, ids=["since", "op", "delete-id"])
def test_nul_and_lone_surrogates_in_sync_strings_are_refused(
    client_api: APIClient,
    body: dict[str, Any],
    item: int | None,
    path: tuple[str, ...],
    poison: str,
) -> None:
    answer = send(client_api, "POST", SYNC, poisoned(body, poison))

    if item is None:
        assert answer.status_code == 400
        field_errors(answer.json(), path)
    else:
        assert answer.status_code == 200
        result = answer.json()["results"][item]
        assert result["status"] == "invalid"
        field_errors(result["errors"], path)


@pytest.mark.parametrize("poison", ["%00", "%ED%A0%80", "%F0"], ids=["nul", "surrogate", "cut"])
@pytest.mark.parametrize("name", ["from", "to", "cursor", "page_size"])
def test_nul_and_broken_characters_in_list_parameters_are_refused(
    client_api: APIClient, name: str, poison: str
) -> None:
    for url in (ENTRIES, EVENTS):
        if url == EVENTS and name in ("cursor", "page_size"):
            continue
        answer = client_api.get(f"{url}?{name}=2026{poison}")

        assert answer.status_code == 400
        assert name in answer.json()


# --- Future dates, in the patient's time zone -----------------------------------------

# 10:30 UTC on 10 March: already 00:30 on the 11th at UTC+14 (Kiritimati), still 23:30
# on the 9th at UTC-11 (Pago Pago). "Today" differs from UTC's both ways.
NEAR_MIDNIGHT = datetime.datetime(2026, 3, 10, 10, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("zone", "date", "accepted"),
    [
        ("Pacific/Kiritimati", "2026-03-11", True),  # tomorrow in UTC, today there
        ("Pacific/Kiritimati", "2026-03-12", False),
        ("Pacific/Pago_Pago", "2026-03-09", True),
        ("Pacific/Pago_Pago", "2026-03-10", False),  # today in UTC, tomorrow there
        ("UTC", "2026-03-10", True),
        ("UTC", "2026-03-11", False),
    ],
)
def test_a_date_after_today_in_the_patients_zone_is_refused(
    make_patient: Callable[..., tuple[Patient, APIClient]], zone: str, date: str, accepted: bool
) -> None:
    _, client = make_patient(timezone=zone)
    writes = {
        "entry": lambda: client.post(ENTRIES, entry_body(date), format="json"),
        "event": lambda: client.post(EVENTS, {**EVENT, "date": date}, format="json"),
        "sync": lambda: client.post(
            SYNC,
            {
                "changes": [
                    {"op": "upsert", "entry": entry_body(date, id=str(uuid.uuid4()), notes="sync")}
                ]
            },
            format="json",
        ),
    }

    with time_machine.travel(NEAR_MIDNIGHT, tick=False):
        answers = {name: write() for name, write in writes.items()}

    if accepted:
        assert answers["entry"].status_code == answers["event"].status_code == 201
        assert answers["sync"].json()["results"][0]["status"] == "conflict"  # same date
    else:
        for name in ("entry", "event"):
            assert answers[name].status_code == 400
            (message,) = field_errors(answers[name].json(), ("date",))
            assert "future" in message
            assert zone in message
        (result,) = answers["sync"].json()["results"]
        assert result["status"] == "invalid"
        field_errors(result["errors"], ("date",))
        assert not Entry.objects.exists()


# --- Events ---------------------------------------------------------------------------


BAD_EVENTS = [
    ({"kind": "haircut"}, "kind"),
    ({"kind": MISSING}, "kind"),
    ({"site": "elbow"}, "site"),
    ({"site": None}, "site"),
    ({"side": "up"}, "side"),
    ({"date": "2027-12-31"}, "date"),
    ({"date": "2026-02-30"}, "date"),
    ({"date": MISSING}, "date"),
    ({"notes": "x" * 2001}, "notes"),
]


@pytest.mark.parametrize(("fields", "field"), BAD_EVENTS, ids=[f for _, f in BAD_EVENTS])
def test_bad_event_is_refused_naming_the_field(
    client_api: APIClient, fields: dict[str, Any], field: str
) -> None:
    body = {k: v for k, v in {**EVENT, **fields}.items() if v is not MISSING}

    answer = client_api.post(EVENTS, body, format="json")

    assert answer.status_code == 400
    field_errors(answer.json(), (field,))
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [(f, n) for f, n in BAD_EVENTS if MISSING not in f.values()],
    ids=[n for f, n in BAD_EVENTS if MISSING not in f.values()],
)
def test_bad_event_patch_is_refused_and_changes_nothing(
    client_api: APIClient, event: Event, fields: dict[str, Any], field: str
) -> None:
    answer = client_api.patch(f"{EVENTS}{event.pk}/", fields, format="json")

    assert answer.status_code == 400
    field_errors(answer.json(), (field,))
    event.refresh_from_db()
    assert (event.kind, event.site, event.side) == ("trauma", "ankle", "left")


def test_event_notes_of_2000_characters_are_kept(client_api: APIClient) -> None:
    answer = client_api.post(EVENTS, {**EVENT, "notes": "x" * 2000}, format="json")

    assert answer.status_code == 201
    assert len(Event.objects.get().notes) == 2000


# --- Bodies that are not a JSON object ------------------------------------------------


@pytest.fixture
def write_routes(client_api: APIClient, event: Event) -> list[tuple[str, str]]:
    """Every route that reads a body."""
    entry_id = client_api.post(ENTRIES, entry_body(DAY), format="json").json()["id"]
    return [
        ("POST", ENTRIES),
        ("PUT", f"{ENTRIES}{entry_id}/"),
        ("PATCH", f"{ENTRIES}{entry_id}/"),
        ("POST", SYNC),
        ("POST", EVENTS),
        ("PATCH", f"{EVENTS}{event.pk}/"),
        ("PATCH", PROFILE),
        ("DELETE", "/api/v1/account/"),
        ("POST", "/api/v1/auth/register/"),
        ("POST", "/api/v1/auth/token/"),
    ]


def assert_nothing_written(patient: Patient) -> None:
    assert Entry.objects.get().version == 1
    assert Event.objects.get().kind == "trauma"
    assert Patient.objects.get(pk=patient.pk).timezone == "Europe/Athens"
    assert User.objects.count() == 1


MALFORMED = [
    '{"date": ',
    "{'date': '2026-06-01'}",
    '{"date": "2026-06-01",}',
    "NaN",
    '{"sleep_quality": Infinity}',
    '{"notes": "a\x00b"}',  # a raw control character inside a string
    "[" * 100_000 + "]" * 100_000,  # deeper than Python's recursion limit
]


@pytest.mark.parametrize("text", MALFORMED, ids=range(len(MALFORMED)))
def test_malformed_json_is_a_400_saying_so(
    patient: Patient, client_api: APIClient, write_routes: list[tuple[str, str]], text: str
) -> None:
    for method, url in write_routes:
        answer = send(client_api, method, url, text)

        assert answer.status_code == 400, (method, url)
        assert "JSON" in answer.json()["detail"], (method, url)
    assert_nothing_written(patient)


def test_bytes_that_are_not_utf8_are_a_400(
    patient: Patient, client_api: APIClient, write_routes: list[tuple[str, str]]
) -> None:
    for method, url in write_routes:
        answer = client_api.generic(
            method, url, b'{"notes": "\xff\xfe"}', content_type="application/json"
        )

        assert answer.status_code == 400, (method, url)
    assert_nothing_written(patient)


@pytest.mark.parametrize(
    "text", ["[]", '[{"date": "2026-06-01"}]', '"2026-06-01"', "42", "null", "true"]
)
def test_a_body_that_is_not_an_object_is_a_400(
    patient: Patient, client_api: APIClient, write_routes: list[tuple[str, str]], text: str
) -> None:
    for method, url in write_routes:
        answer = send(client_api, method, url, text)

        assert answer.status_code == 400, (method, url)
        assert "non_field_errors" in answer.json(), (method, url)
    assert_nothing_written(patient)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/xml",
        "application/octet-stream",
    ],
)
def test_a_body_that_is_not_json_is_a_415(
    patient: Patient, client_api: APIClient, write_routes: list[tuple[str, str]], content_type: str
) -> None:
    body = json.dumps(entry_body(DAY, notes="Sent as the wrong type"))
    for method, url in write_routes:
        answer = client_api.generic(method, url, body, content_type=content_type)

        assert answer.status_code == 415, (method, url)
        assert "detail" in answer.json()
    assert_nothing_written(patient)


def test_an_oversized_body_is_a_413_before_it_is_read(
    patient: Patient, client_api: APIClient, write_routes: list[tuple[str, str]], settings: Any
) -> None:
    settings.FOOTNOTE_MAX_BODY_BYTES = 2048
    body = json.dumps(entry_body(DAY, notes="x" * 2000))
    assert len(body) > 2048
    for method, url in write_routes:
        answer = send(client_api, method, url, body)

        assert answer.status_code == 413, (method, url)
        assert "larger than" in answer.json()["detail"]
    assert_nothing_written(patient)


def test_a_body_over_the_default_limit_is_a_413(client_api: APIClient, settings: Any) -> None:
    body = '{"notes": "' + "x" * settings.FOOTNOTE_MAX_BODY_BYTES + '"}'

    answer = send(client_api, "POST", SYNC, body)

    assert answer.status_code == 413


def test_the_default_limit_holds_a_full_sync(client_api: APIClient, settings: Any) -> None:
    day = entry_body(DAY, notes="x" * 2000, medications=[medication()] * 10)
    changes = [{"op": "upsert", "entry": {**day, "id": str(uuid.uuid4())}}] * 500

    assert len(json.dumps({"since": None, "changes": changes})) < settings.FOOTNOTE_MAX_BODY_BYTES
