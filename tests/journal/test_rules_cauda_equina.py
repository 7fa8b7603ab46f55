"""cauda_equina_red_flag: any single day with a red flag, in analyse and on the write path."""

from __future__ import annotations

import pytest

from journal.rules import SymptomReading, urgent_findings
from tests.journal.rules_builders import anchor, back, entry, found, numb, pain, sides, sign, tingle

CODE = "cauda_equina_red_flag"


def test_saddle_numbness_on_a_single_day_is_urgent() -> None:
    (finding,) = found(CODE, [entry(0, numb("saddle", "center"))])
    assert finding.severity == "urgent"
    assert finding.side is None
    assert finding.evidence_dates == (back(0),)
    assert finding.explanation.startswith("Seek emergency care now")


def test_saddle_tingling_is_urgent() -> None:
    assert sides(CODE, [entry(0, tingle("saddle", "center"))]) == {None}


def test_saddle_pain_without_numbness_or_tingling_is_not_a_red_flag() -> None:
    assert sides(CODE, [entry(0, pain("saddle", "center", 8))]) == set()


@pytest.mark.parametrize("change", ["bladder_change", "bowel_change", "sexual_function_change"])
@pytest.mark.parametrize(
    "symptom",
    [pain("lower_back", "center", 4), pain("calf", "right", 6), numb("sole", "left")],
)
def test_bladder_bowel_or_sexual_change_with_back_or_leg_symptoms_is_urgent(
    change: str, symptom: SymptomReading
) -> None:
    assert sides(CODE, [entry(0, symptom, signs=[sign(change)])]) == {None}


@pytest.mark.parametrize("change", ["bladder_change", "bowel_change", "sexual_function_change"])
def test_bladder_bowel_or_sexual_change_without_any_symptom_is_not_raised(change: str) -> None:
    assert sides(CODE, [entry(0, signs=[sign(change)])]) == set()


def test_mild_back_pain_is_enough_beside_a_bladder_change() -> None:
    # Chosen on purpose: below the "symptomatic" 3, but a red flag must not be missed.
    assert sides(CODE, [entry(0, pain("lower_back", "center", 1), signs=[sign("bladder_change")])])


def test_a_pain_free_reading_beside_a_bladder_change_is_not_raised() -> None:
    day = entry(0, pain("lower_back", "center", 0), signs=[sign("bladder_change")])
    assert sides(CODE, [day]) == set()


def test_bladder_change_and_leg_pain_in_separate_check_ins_of_one_day_are_urgent() -> None:
    morning = entry(0, pain("calf", "left", 5, part="morning"))
    evening = entry(0, signs=[sign("bladder_change")])
    assert sides(CODE, [morning, evening]) == {None}


def test_bladder_change_and_leg_pain_on_different_days_are_not_raised() -> None:
    assert (
        sides(CODE, [entry(1, pain("calf", "left")), entry(0, signs=[sign("bladder_change")])])
        == set()
    )


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("foot_lift_difficulty", "foot_lift_difficulty"),
        ("leg_weakness", "leg_weakness"),
        ("foot_lift_difficulty", "leg_weakness"),
        ("knee_buckling", "toe_stand_difficulty"),
    ],
)
def test_weakness_on_both_sides_the_same_day_is_urgent(left: str, right: str) -> None:
    day = entry(0, signs=[sign(left, "left"), sign(right, "right")])
    assert sides(CODE, [day]) == {None}


def test_weakness_on_one_side_is_not_a_red_flag() -> None:
    day = entry(0, signs=[sign("foot_lift_difficulty", "left"), sign("leg_weakness", "left")])
    assert sides(CODE, [day]) == set()


def test_weakness_on_each_side_on_different_days_is_not_a_red_flag() -> None:
    days = [
        entry(1, signs=[sign("leg_weakness", "left")]),
        entry(0, signs=[sign("leg_weakness", "right")]),
    ]
    assert sides(CODE, days) == set()


def test_tripping_on_both_sides_is_not_weakness() -> None:
    day = entry(0, signs=[sign("tripping", "left", 2), sign("tripping", "right", 1)])
    assert sides(CODE, [day]) == set()


def test_red_flag_thirteen_days_back_is_in_the_window() -> None:
    assert sides(CODE, [entry(13, numb("saddle", "center")), anchor()]) == {None}


def test_red_flag_fourteen_days_back_has_left_the_window() -> None:
    assert sides(CODE, [entry(14, numb("saddle", "center")), anchor()]) == set()


def test_summary_counts_each_kind_of_red_flag_day() -> None:
    days = [
        entry(2, numb("saddle", "center")),
        entry(1, pain("calf", "left"), signs=[sign("bowel_change")]),
        entry(0, numb("saddle", "center")),
    ]
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(2), back(1), back(0))
    assert finding.summary == (
        "Saddle numbness or tingling on 2 days; bladder, bowel or sexual function change "
        f"with back or leg symptoms on 1 day; latest {back(0).isoformat()}"
    )


def test_urgent_findings_works_on_the_single_day_being_saved() -> None:
    (finding,) = urgent_findings([entry(0, numb("saddle", "center"))])
    assert finding.code == CODE
    assert finding.evidence_dates == (back(0),)


def test_urgent_findings_has_no_window() -> None:
    old = entry(40, numb("saddle", "center"))
    assert [f.code for f in urgent_findings([old, entry(0, pain("calf"))])] == [CODE]


def test_urgent_findings_reports_only_the_red_flag_rule() -> None:
    days = [
        entry(0, numb("saddle", "center"), signs=[sign("foot_lift_difficulty", "left")]),
    ]
    assert [f.code for f in urgent_findings(days)] == [CODE]


def test_urgent_findings_of_an_ordinary_day_is_empty() -> None:
    assert urgent_findings([entry(0, pain("calf", "left", 8), numb("sole", "left"))]) == ()
    assert urgent_findings([]) == ()
