"""The shared red-flag case table (tests/red_flag_cases.json) against the Python screen.

The same table runs in Chromium against the phone app's check (rules.md, "The red-flag
check on the phone"), so it is plain JSON with every field spelled out; this module also
checks that it stays that way.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from journal.rules import DayEntry, SignReading, SymptomReading, urgent_findings
from journal.vocabulary import PARTS_OF_DAY, QUALITIES, REGION_CODES, SIGN_CODES, region_sides

TABLE = json.loads((Path(__file__).resolve().parents[1] / "red_flag_cases.json").read_text())
CASES: list[dict[str, Any]] = TABLE["cases"]
DAY_ZERO = datetime.date(2026, 11, 20)

DAY_KEYS = {
    "offset",
    "symptoms",
    "signs",
    "walking_brings_leg_pain",
    "sitting_relieves_leg_pain",
    "standing_still_relieves_leg_pain",
}
SYMPTOM_KEYS = {"region", "side", "pain", "numbness", "tingling", "qualities", "part_of_day"}


def on(offset: int) -> datetime.date:
    return DAY_ZERO + datetime.timedelta(days=offset)


def day_entry(day: dict[str, Any]) -> DayEntry:
    return DayEntry(
        date=on(day["offset"]),
        symptoms=tuple(
            SymptomReading(
                s["region"],
                s["side"],
                s["pain"],
                s["numbness"],
                s["tingling"],
                s["part_of_day"],
                tuple(s["qualities"]),
            )
            for s in day["symptoms"]
        ),
        signs=tuple(SignReading(g["code"], g["side"], g["count"]) for g in day["signs"]),
        walking_brings_leg_pain=day["walking_brings_leg_pain"],
        sitting_relieves_leg_pain=day["sitting_relieves_leg_pain"],
        standing_still_relieves_leg_pain=day["standing_still_relieves_leg_pain"],
    )


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_python_screen_answers_each_case(case: dict[str, Any]) -> None:
    entries = [day_entry(day) for day in case["days"]]
    findings = urgent_findings(entries, written=[on(offset) for offset in case["written"]])
    expect = case["expect"]
    if expect["code"] is None:
        assert findings == ()
        return
    (finding,) = findings
    assert finding.code == expect["code"]
    assert finding.evidence_dates == tuple(on(offset) for offset in expect["dates"])


def test_the_table_is_plain_and_self_contained() -> None:
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names))
    assert 40 <= len(CASES) <= 60
    for case in CASES:
        assert set(case) == {"name", "days", "written", "expect"}
        assert set(case["expect"]) == {"code", "dates"}
        assert case["expect"]["code"] in {None, "cauda_equina_red_flag", "cauda_equina_warning"}
        assert case["expect"]["dates"] == sorted(set(case["expect"]["dates"]))
        assert (case["expect"]["code"] is None) == (case["expect"]["dates"] == [])
        offsets = [day["offset"] for day in case["days"]]
        assert set(case["written"]) <= set(offsets)
        assert set(case["expect"]["dates"]) <= set(case["written"])
        for day in case["days"]:
            assert set(day) == DAY_KEYS
            for symptom in day["symptoms"]:
                assert set(symptom) == SYMPTOM_KEYS
                assert symptom["region"] in REGION_CODES
                assert symptom["side"] in region_sides(symptom["region"])
                assert 0 <= symptom["pain"] <= 10
                assert set(symptom["qualities"]) <= set(QUALITIES)
                assert symptom["part_of_day"] in ("", *PARTS_OF_DAY)
            for sign in day["signs"]:
                assert set(sign) == {"code", "side", "count"}
                assert sign["code"] in SIGN_CODES


def test_the_table_covers_every_criterion_and_each_answer() -> None:
    codes = {case["expect"]["code"] for case in CASES}
    assert codes == {None, "cauda_equina_red_flag", "cauda_equina_warning"}
    signs = {sign["code"] for case in CASES for day in case["days"] for sign in day["signs"]}
    assert signs >= {
        "bladder_change",
        "bowel_change",
        "sexual_function_change",
        "foot_lift_difficulty",
        "toe_stand_difficulty",
        "knee_buckling",
        "leg_weakness",
    }
    assert any(len(case["written"]) > 1 for case in CASES)
