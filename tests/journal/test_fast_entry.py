"""The fast acceptance check must agree with EntryInputSerializer: whatever it accepts,
the serializer accepts with exactly the same validated data."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import vocabulary as v
from journal.api.fast_entry import entry_fast_validate
from journal.api.serializers import EntryInputSerializer
from tests.factories import entry_body

ZONE = "Europe/Athens"

# Mostly valid values with the occasional wrong one, so both branches are exercised.
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=5),
    st.lists(st.integers(), max_size=2),
)
region_side = st.sampled_from([(region, side) for region in v.REGION_CODES for side in v.SIDES])


def maybe_wrong(draw: Any, values: st.SearchStrategy[Any], noisy: bool) -> Any:
    """A value from `values`, or now and then (in noisy examples) anything at all."""
    if noisy and draw(st.integers(0, 5)) == 0:
        return draw(anything)
    return draw(values)


@st.composite
def symptoms(draw: Any, noisy: bool = True) -> dict[str, Any]:
    region, side = draw(region_side)
    symptom: dict[str, Any] = {"region": region, "side": side}
    symptom["pain"] = maybe_wrong(draw, st.integers(0, 10), noisy)
    for key, values in (
        ("numbness", st.booleans()),
        ("tingling", st.booleans()),
        ("part_of_day", st.sampled_from(["", None, *v.PARTS_OF_DAY])),
        ("qualities", st.lists(st.sampled_from(v.QUALITIES), max_size=3)),
    ):
        if draw(st.booleans()):
            symptom[key] = maybe_wrong(draw, values, noisy)
    return symptom


signs = st.fixed_dictionaries(
    {"code": st.sampled_from(v.SIGN_CODES)},
    optional={
        "side": st.sampled_from(["left", "right", "", None, "center"]),
        "count": st.one_of(st.none(), st.integers(0, 3)),
    },
)
medications = st.fixed_dictionaries(
    {"name": st.one_of(st.sampled_from(["ibuprofen", " ibuprofen", "", "x" * 101]), anything)},
    optional={
        "dose": st.sampled_from(["400 mg", "", " 1 g"]),
        "times": st.one_of(st.none(), st.integers(-1, 25)),
    },
)


@st.composite
def entries(draw: Any) -> dict[str, Any]:
    noisy = draw(st.booleans())
    dates = st.sampled_from(["2026-11-20", "2026-11-19", "2025-03-01"])
    odd_dates = st.sampled_from(
        ["2026-1-5", "2099-01-01", "1899-12-31", "2026-02-30", "", "20261120"]
    )
    entry: dict[str, Any] = {"date": draw(st.one_of(dates, odd_dates) if noisy else dates)}
    optional = {
        "id": st.sampled_from(
            ["6f1c1a52-3c1e-4a5e-9a57-0b8a3f6f9d10", "6F1C1A52-3C1E-4A5E-9A57-0B8A3F6F9D10", "nope"]
        ),
        "symptoms": st.lists(symptoms(noisy=noisy), max_size=4),
        "signs": st.lists(signs, max_size=3),
        "footwear": st.lists(st.sampled_from([*v.FOOTWEAR_CODES, "stilts"]), max_size=3),
        "sitting_hours": st.one_of(
            st.none(), st.floats(-1, 25, allow_nan=False), st.integers(-1, 25)
        ),
        "walking_minutes": st.one_of(st.none(), st.integers(-1, 1500)),
        "walking_brings_leg_pain": st.booleans(),
        "sitting_relieves_leg_pain": st.booleans(),
        "medications": st.lists(medications, max_size=2),
        "sleep_quality": st.one_of(st.none(), st.integers(-1, 11)),
        "notes": st.sampled_from(
            ["", "fine", "x" * 2000, "x" * 2001, "nul\x00", "bad\ud800", "Πόνος"]
        ),
        "version": st.one_of(st.none(), st.integers(-1, 5)),
    }
    for key, values in optional.items():
        if draw(st.booleans()):
            entry[key] = maybe_wrong(draw, values, noisy)
    return entry


def serializer_result(data: dict[str, Any]) -> dict[str, Any] | None:
    serializer = EntryInputSerializer(data=data, context={"timezone": ZONE})
    if not serializer.is_valid():
        return None
    return {
        key: (
            [dict(item) for item in value] if key in ("symptoms", "signs", "medications") else value
        )
        for key, value in serializer.validated_data.items()
    }


@pytest.fixture(autouse=True)
def frozen():
    import time_machine

    with time_machine.travel(datetime.datetime(2026, 11, 20, 12, tzinfo=datetime.UTC), tick=False):
        yield


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(entries())
def test_whatever_the_fast_check_accepts_the_serializer_accepts_identically(data):
    fast = entry_fast_validate(data, timezone_name=ZONE)
    if fast is not None:
        assert serializer_result(data) == fast


def test_a_typical_day_takes_the_fast_path():
    body = entry_body("2026-11-20", id="6f1c1a52-3c1e-4a5e-9a57-0b8a3f6f9d10", version=2)
    assert entry_fast_validate(body, timezone_name=ZONE) == serializer_result(body)


@pytest.mark.parametrize(
    "change",
    [
        # In the future everywhere. (The 21st, tomorrow in Athens but today east of it,
        # passes validation: the batch refuses it unless it is an unchanged replay.)
        {"date": "2026-11-22"},
        {"notes": "x" * 2001},
        {"symptoms": [{"region": "forefoot", "side": "center", "pain": 3}]},
        {"symptoms": [{"region": "sole", "side": "left", "pain": "5"}]},
        {"signs": [{"code": "tripping"}]},
    ],
)
def test_invalid_input_is_left_to_the_serializer(change):
    body = {**entry_body("2026-11-20"), **change}
    assert entry_fast_validate(body, timezone_name=ZONE) is None
    assert serializer_result(body) is None
