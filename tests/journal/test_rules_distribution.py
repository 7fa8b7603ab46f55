"""local_foot_nerve_pattern, bilateral_foot_numbness and bilateral_leg_symptoms."""

from __future__ import annotations

import pytest

from journal.rules import DayEntry
from journal.rules.texts import BOTH_LEGS_ROOT_PATTERNS, explanation
from tests.journal.rules_builders import (
    anchor,
    back,
    entry,
    flags,
    found,
    numb,
    pain,
    sides,
    tingle,
)

LOCAL = "local_foot_nerve_pattern"
FEET = "bilateral_foot_numbness"
LEGS = "bilateral_leg_symptoms"


# --- local_foot_nerve_pattern -------------------------------------------------------------


def test_numbness_in_one_foot_only_on_three_days_is_a_local_foot_pattern() -> None:
    days = [entry(n, numb("sole", "left")) for n in (8, 4, 0)]
    (finding,) = found(LOCAL, days)
    assert finding.side == "left"
    assert finding.severity == "monitor"
    assert finding.evidence_dates == (back(8), back(4), back(0))
    assert finding.summary == (
        "Numbness or tingling in the left foot only, nothing above the ankle, on 3 of 3 logged days"
    )
    assert finding.clinician_summary.startswith(
        "Left foot-confined sensory symptoms on 3 of 3 logged days"
    )
    assert "left foot only" in finding.explanation
    assert "tarsal tunnel" in finding.explanation
    assert "Keep logging" in finding.explanation


def test_two_days_of_one_foot_numbness_are_not_enough() -> None:
    assert sides(LOCAL, [entry(n, tingle("big_toe", "right")) for n in (4, 0)]) == set()


def test_tingling_in_the_inner_ankle_counts_as_the_foot() -> None:
    assert sides(LOCAL, [entry(n, tingle("ankle_inner", "right")) for n in (2, 1, 0)]) == {"right"}


def test_a_day_with_symptoms_above_the_ankle_on_that_side_does_not_count() -> None:
    days = [entry(n, numb("sole", "left")) for n in (4, 2)]
    days.append(entry(0, numb("sole", "left"), pain("calf", "left", 4)))
    assert sides(LOCAL, days) == set()


def test_lower_back_pain_does_not_count_against_a_local_foot_pattern() -> None:
    # Version 2: back ache is common and says nothing about the foot's nerve.
    days = [entry(n, numb("sole", "left")) for n in (4, 2)]
    days.append(entry(0, numb("sole", "left"), pain("lower_back", "center", 5)))
    assert sides(LOCAL, days) == {"left"}


def test_symptoms_above_the_ankle_on_the_other_side_do_not_matter() -> None:
    days = [entry(n, numb("sole", "left"), pain("calf", "right", 6)) for n in (4, 2, 0)]
    assert sides(LOCAL, days) == {"left"}


def test_a_day_with_the_other_foot_numb_too_does_not_count() -> None:
    days = [entry(n, numb("sole", "left")) for n in (4, 2)]
    days.append(entry(0, numb("sole", "left"), tingle("heel", "right")))
    assert sides(LOCAL, days) == set()


def test_mild_pain_above_the_ankle_does_not_spoil_the_day() -> None:
    days = [entry(n, numb("sole", "left"), pain("calf", "left", 2)) for n in (4, 2, 0)]
    assert sides(LOCAL, days) == {"left"}


def test_foot_pain_without_numbness_or_tingling_is_not_a_local_foot_pattern() -> None:
    assert sides(LOCAL, [entry(n, pain("sole", "left", 8)) for n in (4, 2, 0)]) == set()


def test_a_day_fourteen_days_back_has_left_the_window() -> None:
    days = [entry(n, numb("sole", "left")) for n in (14, 4, 0)]
    assert sides(LOCAL, days) == set()


# --- bilateral_foot_numbness --------------------------------------------------------------


def both_feet(*days_back: int) -> list[DayEntry]:
    return [entry(n, numb("sole", "left"), tingle("big_toe", "right")) for n in days_back]


def test_numbness_in_both_feet_on_three_days_is_flagged() -> None:
    (finding,) = found(FEET, both_feet(6, 3, 0))
    assert finding.side is None
    assert finding.severity == "see_specialist"
    assert finding.summary == "Numbness or tingling in both feet on 3 of 3 logged days"
    assert finding.clinician_summary == "Bilateral foot sensory symptoms on 3 of 3 logged days"
    assert "diabetes or low vitamin B12" in finding.explanation
    assert "more often caused by a condition of the nerves" in finding.explanation
    assert "Seek emergency care at once if you notice" in finding.explanation


def test_with_diabetes_in_the_history_the_explanation_says_so_more_strongly() -> None:
    (finding,) = found(FEET, both_feet(6, 3, 0), health_history=["diabetes"])
    assert "diabetes affecting the nerves of the feet" in finding.explanation
    assert "vitamin B12" in finding.explanation
    assert finding.clinician_summary.endswith("; diabetes in history")


def test_other_health_history_keeps_the_ordinary_explanation() -> None:
    (finding,) = found(FEET, both_feet(6, 3, 0), health_history=["osteoporosis"])
    assert finding.explanation == found(FEET, both_feet(6, 3, 0))[0].explanation


def test_when_both_legs_show_root_patterns_the_explanation_says_so_instead() -> None:
    thigh = [pain("thigh_back", "left", 4), pain("thigh_back", "right", 4)]
    days = [entry(n, numb("sole", "left"), numb("heel", "right"), *thigh) for n in (6, 3, 0)]
    assert flags(days) >= {("s1_pattern", "left"), ("s1_pattern", "right")}
    for history in ([], ["diabetes"]):
        (finding,) = found(FEET, days, health_history=history)
        assert "Both legs also show patterns that follow nerve roots" in finding.explanation
        assert "vitamin B12" not in finding.explanation


def test_a_root_pattern_in_one_leg_keeps_the_ordinary_explanation() -> None:
    days = [
        entry(n, numb("sole", "left"), tingle("big_toe", "right"), pain("thigh_back", "left", 4))
        for n in (6, 3, 0)
    ]
    assert ("s1_pattern", "left") in flags(days)
    (finding,) = found(FEET, days)
    assert "vitamin B12" in finding.explanation


@pytest.mark.parametrize(
    "variant",
    [
        "",
        "diabetes",
        BOTH_LEGS_ROOT_PATTERNS,
    ],
)
def test_no_variant_of_the_explanation_says_you_have(variant: str) -> None:
    assert "you have" not in explanation(FEET, None, variant).lower()


def test_numbness_in_both_feet_on_two_days_is_not_enough() -> None:
    days = [entry(n, numb("sole", "left"), numb("sole", "right")) for n in (3, 0)] + [entry(1)]
    assert sides(FEET, days) == set()


def test_each_foot_numb_on_different_days_is_not_both_feet() -> None:
    days = [entry(n, numb("sole", "left")) for n in (5, 4, 3)]
    days += [entry(n, numb("sole", "right")) for n in (2, 1, 0)]
    assert sides(FEET, days) == set()


def test_both_feet_in_separate_check_ins_of_one_day_count() -> None:
    days = [entry(n, numb("heel", "left", part="morning")) for n in (2, 1, 0)]
    days += [entry(n, numb("heel", "right", part="evening")) for n in (2, 1, 0)]
    assert sides(FEET, days) == {None}


def test_numbness_above_the_ankle_is_not_foot_numbness() -> None:
    days = [entry(n, numb("calf", "left"), numb("calf", "right")) for n in (2, 1, 0)]
    assert sides(FEET, days) == set()
    assert sides(LEGS, days) == {None}


# --- bilateral_leg_symptoms ---------------------------------------------------------------


def test_symptoms_in_both_legs_on_three_days_are_flagged() -> None:
    days = [entry(n, pain("thigh_front", "left", 4), pain("calf", "right", 5)) for n in (9, 5, 0)]
    (finding,) = found(LEGS, days)
    assert finding.side is None
    assert finding.severity == "monitor"
    assert finding.evidence_dates == (back(9), back(5), back(0))
    assert finding.summary == "Symptoms in both legs on 3 of 3 logged days"
    assert finding.clinician_summary == "Bilateral leg symptoms on 3 of 3 logged days"
    assert "both legs" in finding.explanation
    assert "Seek emergency care at once if you notice" in finding.explanation


def bilateral_radicular(days_back: int) -> DayEntry:
    return entry(
        days_back,
        *(pain("calf", side, 6) for side in ("left", "right")),
        *(numb("thigh_back", side) for side in ("left", "right")),
    )


def test_bilateral_leg_symptoms_yield_to_bilateral_sciatica() -> None:
    days = [bilateral_radicular(n) for n in (4, 2, 0)]
    assert sides("bilateral_sciatica", days) == {None}
    assert sides(LEGS, days) == set()


def test_bilateral_leg_symptoms_stay_when_bilateral_sciatica_is_not_raised() -> None:
    # Radicular on both sides on one day only: bilateral_sciatica needs 2.
    days = [bilateral_radicular(4)]
    days += [entry(n, pain("thigh_front", "left", 4), pain("calf", "right", 5)) for n in (2, 0)]
    assert sides("bilateral_sciatica", days) == set()
    assert sides(LEGS, days) == {None}


def test_stenosis_days_leave_bilateral_leg_symptoms_to_show() -> None:
    days = [
        entry(n, *bilateral_radicular(n).symptoms, walking=True, sitting=True) for n in (4, 2, 0)
    ]
    assert sides("bilateral_sciatica", days) == set()
    assert sides(LEGS, days) == {None}
    assert sides("neurogenic_claudication", days) == {None}


def test_symptoms_in_both_legs_on_two_days_are_not_enough() -> None:
    days = [entry(n, pain("calf", "left"), pain("calf", "right")) for n in (5, 0)] + [entry(2)]
    assert sides(LEGS, days) == set()


def test_mild_pain_in_the_other_leg_is_not_a_symptom() -> None:
    days = [entry(n, pain("calf", "left", 5), pain("calf", "right", 2)) for n in (2, 1, 0)]
    assert sides(LEGS, days) == set()


def test_back_pain_is_not_a_leg_symptom() -> None:
    days = [entry(n, pain("calf", "left", 5), pain("lower_back", "right", 6)) for n in (2, 1, 0)]
    assert sides(LEGS, days) == set()


def test_a_bilateral_day_fourteen_days_back_has_left_the_window() -> None:
    days = [entry(n, pain("calf", "left"), pain("calf", "right")) for n in (14, 5, 1)]
    assert sides(LEGS, [*days, anchor()]) == set()


def test_calf_pain_in_another_check_in_of_the_day_takes_the_day_out_of_the_foot() -> None:
    days = [entry(n, numb("sole", "left", part="morning")) for n in (4, 2, 0)]
    assert sides(LOCAL, days) == {"left"}
    days.append(entry(0, pain("calf", "left", 5, "evening")))
    assert sides(LOCAL, days) == set()


def test_a_both_feet_day_fourteen_days_back_has_left_the_window() -> None:
    days = [entry(n, numb("sole", "left"), numb("sole", "right")) for n in (14, 5, 1)]
    assert sides(FEET, [*days, anchor()]) == set()
    days = [entry(n, numb("sole", "left"), numb("sole", "right")) for n in (13, 5, 1)]
    assert sides(FEET, [*days, anchor()]) == {None}


def test_bilateral_sciatica_counts_as_both_legs_showing_nerve_root_patterns() -> None:
    days = [
        entry(
            n,
            *(
                s
                for side in ("left", "right")
                for s in (pain("buttock", side), numb("forefoot", side))
            ),
        )
        for n in (4, 2, 0)
    ]
    assert sides("bilateral_sciatica", days) == {None}
    (finding,) = found(FEET, days)
    assert "Both legs also show patterns that follow nerve roots" in finding.explanation
