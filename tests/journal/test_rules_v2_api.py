"""Rules version 2 through the real API (issue: rules v2): each scenario the clinical review
found wrong in version 1, written, analysed and read back over HTTP, on SQLite and
PostgreSQL. The red flag and its warning must answer in the write's own `alerts`."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from journal import rules
from journal.models import Flag

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

ENTRIES = "/api/v1/entries/"
SYNC = "/api/v1/sync/"
FLAGS = "/api/v1/flags/"
EVENTS = "/api/v1/events/"
TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today() -> Iterator[None]:
    # Noon UTC: the same date in every zone the factories give patients.
    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, 0, tzinfo=datetime.UTC)):
        yield


def day(days_back: int, *symptoms: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "date": (TODAY - datetime.timedelta(days=days_back)).isoformat(),
        "symptoms": list(symptoms),
        **fields,
    }


def reading(region: str, side: str, pain: int = 0, **feel: Any) -> dict[str, Any]:
    return {"region": region, "side": side, "pain": pain, **feel}


def sign(code: str, side: str | None = None) -> dict[str, Any]:
    return {"code": code, "side": side}


def put(client: APIClient, body: dict[str, Any]) -> dict[str, Any]:
    answer = client.put(f"{ENTRIES}{body['id']}/", body, format="json")
    assert answer.status_code in (200, 201), answer.content
    return answer.json()


def sync(client: APIClient, days: list[dict[str, Any]]) -> dict[str, Any]:
    changes = [{"op": "upsert", "entry": body} for body in days]
    answer = client.post(SYNC, {"since": None, "changes": changes}, format="json")
    assert answer.status_code == 200, answer.content
    return answer.json()


def flags(client: APIClient, status: str = "active") -> list[dict[str, Any]]:
    answer = client.get(FLAGS, {"status": status})
    assert answer.status_code == 200
    return list(answer.json()["results"])


def codes(client: APIClient, status: str = "active") -> set[tuple[str, str | None]]:
    return {(flag["code"], flag["side"]) for flag in flags(client, status)}


@pytest.fixture
def analysed(django_capture_on_commit_callbacks: Any) -> Any:
    """Run the writes' on-commit analysis (Celery is eager in tests)."""

    def run(write: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return write()

    return run


def right_l5_sciatica(days_back: int) -> dict[str, Any]:
    return day(
        days_back,
        reading("buttock", "right", 5),
        reading("thigh_back", "right", 5),
        reading("shin_outer", "right", 6, tingling=True),
        reading("foot_top", "right", 4, numbness=True),
    )


# --- the red flags the review found silent ---------------------------------------------


def test_a_bladder_change_alone_after_nine_days_of_sciatica_is_urgent_at_once(
    client_api: APIClient,
) -> None:
    sync(client_api, [right_l5_sciatica(n) for n in range(10, 1, -1)])

    answer = put(client_api, day(0, signs=[sign("bladder_change")]))

    (alert,) = answer["alerts"]
    assert (alert["code"], alert["severity"]) == ("cauda_equina_red_flag", "urgent")
    assert alert["dates"] == [TODAY.isoformat()]
    assert "Seek emergency care now" in alert["explanation"]
    assert "urine or stool" in alert["explanation"]


def test_the_same_bladder_change_without_leg_or_back_symptoms_is_a_warning(
    client_api: APIClient,
) -> None:
    answer = put(client_api, day(0, signs=[sign("bladder_change")]))

    (alert,) = answer["alerts"]
    assert (alert["code"], alert["severity"]) == ("cauda_equina_warning", "prompt")
    assert "today" in alert["explanation"]


def test_a_bladder_change_fifteen_days_after_the_last_leg_symptoms_is_only_a_warning(
    client_api: APIClient,
) -> None:
    put(client_api, right_l5_sciatica(15))

    answer = put(client_api, day(0, signs=[sign("bladder_change")]))

    assert [alert["code"] for alert in answer["alerts"]] == ["cauda_equina_warning"]


@pytest.mark.parametrize("side", ["left", "right", "center"])
def test_numbness_of_the_genitals_on_either_side_is_urgent(
    client_api: APIClient, side: str
) -> None:
    answer = put(client_api, day(0, reading("saddle", side, numbness=True)))

    assert [alert["code"] for alert in answer["alerts"]] == ["cauda_equina_red_flag"]


def test_sciatica_in_both_legs_and_worsening_weakness_are_prompt_flags(
    client_api: APIClient, analysed: Any
) -> None:
    both_legs = [
        day(
            n,
            reading("thigh_back", "left", 5),
            reading("calf", "left", 5, numbness=True),
            reading("thigh_back", "right", 5),
            reading("calf", "right", 5, tingling=True),
            signs=[sign("leg_weakness", "left")] * (n < 3)
            + [sign("knee_buckling", "left")] * (n < 2),
        )
        for n in range(6, -1, -1)
    ]
    analysed(lambda: sync(client_api, both_legs))

    found = {flag["code"]: flag for flag in flags(client_api)}
    assert found["bilateral_sciatica"]["severity"] == "prompt"
    assert found["progressive_weakness"]["severity"] == "prompt"
    assert found["progressive_weakness"]["side"] == "left"
    assert "bilateral_leg_symptoms" not in found  # the prompt flag says more


def test_both_knees_giving_way_is_a_warning_not_an_emergency(client_api: APIClient) -> None:
    answer = put(
        client_api,
        day(
            0,
            reading("knee", "left", 4),
            reading("knee", "right", 4),
            signs=[sign("knee_buckling", "left"), sign("knee_buckling", "right")],
        ),
    )

    assert [alert["code"] for alert in answer["alerts"]] == ["cauda_equina_warning"]


def test_foot_lift_weakness_in_both_feet_is_urgent(client_api: APIClient) -> None:
    answer = put(
        client_api,
        day(0, signs=[sign("foot_lift_difficulty", "left"), sign("toe_stand_difficulty", "right")]),
    )

    assert [alert["code"] for alert in answer["alerts"]] == ["cauda_equina_red_flag"]


# --- the patterns the review found wrong ------------------------------------------------


def test_an_l5_route_through_buttock_and_back_of_thigh_is_an_l5_pattern(
    client_api: APIClient, analysed: Any
) -> None:
    analysed(lambda: sync(client_api, [right_l5_sciatica(n) for n in range(5, -1, -1)]))

    found = codes(client_api)
    assert ("l5_pattern", "right") in found
    assert ("s1_pattern", "right") not in found
    assert ("sciatica", "right") in found


def test_shooting_pain_to_the_foot_without_numbness_is_sciatica(
    client_api: APIClient, analysed: Any
) -> None:
    shooting = [
        day(
            n,
            reading("thigh_back", "left", 6),
            reading("calf", "left", 7, qualities=["shooting"]),
            reading("sole", "left", 5),
        )
        for n in range(13, -1, -1)
    ]
    analysed(lambda: sync(client_api, shooting))

    assert ("sciatica", "left") in codes(client_api)


def test_back_ache_with_heel_tingling_is_not_sciatica(client_api: APIClient, analysed: Any) -> None:
    heel = [
        day(n, reading("lower_back", "center", 5), reading("heel", "left", 0, tingling=True))
        for n in range(6, -1, -1)
    ]
    analysed(lambda: sync(client_api, heel))

    found = codes(client_api)
    assert ("sciatica", "left") not in found
    assert ("s1_pattern", "left") not in found


def test_calf_pain_eased_by_standing_still_is_the_vascular_look_alike(
    client_api: APIClient, analysed: Any
) -> None:
    walks = [
        day(
            n,
            reading("calf", "left", 6),
            walking_brings_leg_pain=True,
            sitting_relieves_leg_pain=True,
            standing_still_relieves_leg_pain=True,
        )
        for n in range(4, -1, -1)
    ]
    analysed(lambda: sync(client_api, walks))

    found = codes(client_api)
    assert ("vascular_claudication_pattern", None) in found
    assert ("neurogenic_claudication", None) not in found


@pytest.mark.parametrize(
    ("kind", "site", "region"),
    [("trauma", "ankle", "ankle_outer"), ("hip_surgery", "hip", "thigh_outer")],
)
def test_pain_at_the_site_of_an_injury_or_operation_is_not_a_nerve_injury(
    client_api: APIClient, analysed: Any, kind: str, site: str, region: str
) -> None:
    event_date = (TODAY - datetime.timedelta(days=10)).isoformat()
    answer = client_api.post(
        EVENTS, {"kind": kind, "site": site, "side": "left", "date": event_date}, format="json"
    )
    assert answer.status_code == 201
    analysed(lambda: sync(client_api, [day(n, reading(region, "left", 6)) for n in range(6)]))

    assert not {code for code, _ in codes(client_api)} & {
        "post_trauma_nerve_injury",
        "post_procedure_sciatic_neuropathy",
    }


# --- lifecycle -----------------------------------------------------------------------


def test_an_urgent_flag_stays_until_acknowledged_with_confirmation(
    client_api: APIClient, analysed: Any
) -> None:
    answer = analysed(lambda: put(client_api, day(0, reading("saddle", "center", numbness=True))))
    assert [alert["code"] for alert in answer["alerts"]] == ["cauda_equina_red_flag"]
    # Three weeks of ordinary days later, the window has long moved past the red-flag day.
    with time_machine.travel(datetime.datetime(2026, 12, 11, 12, 0, tzinfo=datetime.UTC)):
        later = [day(-n, reading("calf", "left", 2)) for n in range(5, 22)]
        analysed(lambda: sync(client_api, later))

        (urgent,) = [flag for flag in flags(client_api) if flag["severity"] == "urgent"]
        refused = client_api.post(f"{FLAGS}{urgent['id']}/acknowledge/", {}, format="json")
        assert refused.status_code == 400
        assert "confirm" in refused.content.decode()
        done = client_api.post(
            f"{FLAGS}{urgent['id']}/acknowledge/", {"confirm": True}, format="json"
        )
        assert done.status_code == 200
        assert done.json()["status"] == "acknowledged"
        analysed(lambda: client_api.post(f"{FLAGS}recompute/"))

        assert [f["code"] for f in flags(client_api, "acknowledged")] == ["cauda_equina_red_flag"]
        assert "cauda_equina_red_flag" not in {f["code"] for f in flags(client_api, "resolved")}


def test_first_evidence_is_the_first_day_of_the_evidence_and_moves_back(
    client_api: APIClient, analysed: Any
) -> None:
    analysed(lambda: sync(client_api, [right_l5_sciatica(n) for n in range(4, -1, -1)]))
    sciatica = next(f for f in flags(client_api) if f["code"] == "sciatica")
    assert sciatica["first_evidence_on"] == (TODAY - datetime.timedelta(days=4)).isoformat()
    assert sciatica["clinician_summary"].startswith("Right radicular leg symptoms")

    analysed(lambda: put(client_api, right_l5_sciatica(9)))  # a late-synced earlier day

    sciatica = next(f for f in flags(client_api) if f["code"] == "sciatica")
    assert sciatica["first_evidence_on"] == (TODAY - datetime.timedelta(days=9)).isoformat()
    assert sciatica["first_detected_on"] == (TODAY - datetime.timedelta(days=4)).isoformat()
    assert sciatica["rule_version"] == rules.RULE_VERSION


def test_saving_another_day_with_the_sign_shows_the_advice_again(client_api: APIClient) -> None:
    first = put(client_api, day(1, reading("saddle", "left", tingling=True)))
    again = put(client_api, day(0, reading("saddle", "left", tingling=True)))

    assert [a["code"] for a in first["alerts"]] == ["cauda_equina_red_flag"]
    (alert,) = again["alerts"]
    assert alert["dates"] == [(TODAY - datetime.timedelta(days=1)).isoformat(), TODAY.isoformat()]
    assert Flag.objects.filter(code="cauda_equina_red_flag").count() == 1


# --- the look-back inside the write, in constant queries -----------------------------


def test_the_look_back_of_a_single_put_costs_the_same_few_queries(
    client_api: APIClient, django_assert_max_num_queries: Any
) -> None:
    sync(client_api, [right_l5_sciatica(n) for n in range(14, 0, -1)])
    # Sign-in, patient lock, read, writes, then the screen: one read of the 14 days
    # before, one of the flags, and the flag's writes.
    with django_assert_max_num_queries(11):
        answer = put(client_api, day(0, signs=[sign("bowel_change")]))

    assert [alert["code"] for alert in answer["alerts"]] == ["cauda_equina_red_flag"]


def sync_queries(client: APIClient, red_flag_days: int) -> tuple[int, dict[str, Any]]:
    history = [right_l5_sciatica(n) for n in range(499, 10, -1)]
    recent = [
        day(n, signs=[sign("bladder_change")] if n < red_flag_days else [])
        for n in range(10, -1, -1)
    ]
    with CaptureQueriesContext(connection) as queries:
        answer = sync(client, history + recent)
    assert len(answer["results"]) == 500
    return len(queries), answer


def test_a_500_change_sync_screens_every_day_in_constant_queries(make_patient: Any) -> None:
    one_patient, one_client = make_patient()
    many_patient, many_client = make_patient()

    one, _ = sync_queries(one_client, red_flag_days=1)
    many, _ = sync_queries(many_client, red_flag_days=11)

    assert many == one
    (red,) = Flag.objects.filter(patient=many_patient, code="cauda_equina_red_flag")
    # Every bladder-change day of the last two weeks has sciatica days among the 14 before
    # it, from the same batch, so each is evidence of the red flag.
    assert len(red.evidence_dates) == 11
    (red,) = Flag.objects.filter(patient=one_patient, code="cauda_equina_red_flag")
    assert red.evidence_dates == [TODAY.isoformat()]
