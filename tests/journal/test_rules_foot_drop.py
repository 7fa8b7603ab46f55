"""foot_drop: foot_lift_difficulty on any day, or tripping on 2 or more days, per side."""

from __future__ import annotations

from tests.journal.rules_builders import anchor, back, entry, found, sides, sign

CODE = "foot_drop"


def test_difficulty_lifting_the_foot_on_one_day_is_foot_drop_on_that_side() -> None:
    (finding,) = found(CODE, [entry(3, signs=[sign("foot_lift_difficulty", "left")]), anchor()])
    assert finding.side == "left"
    assert finding.severity == "prompt"
    assert finding.evidence_dates == (back(3),)
    assert "left foot" in finding.explanation
    assert "contact a doctor or an urgent care service today" in finding.explanation.lower()
    assert "L5 nerve root" in finding.explanation
    assert finding.summary == "Difficulty lifting the left foot on 1 of 2 logged days"
    assert finding.clinician_summary == (
        "Left foot drop pattern: foot-lift weakness on 1 of 2 logged days"
    )


def test_tripping_on_two_days_is_foot_drop() -> None:
    days = [
        entry(5, signs=[sign("tripping", "right", 1)]),
        entry(2, signs=[sign("tripping", "right", 3)]),
        anchor(),
    ]
    (finding,) = found(CODE, days)
    assert finding.side == "right"
    assert finding.evidence_dates == (back(5), back(2))
    assert finding.summary == "Tripping on the right side on 2 of 3 logged days"
    assert finding.clinician_summary == "Right foot drop pattern: tripping on 2"


def test_tripping_on_one_day_is_not_foot_drop() -> None:
    assert sides(CODE, [entry(2, signs=[sign("tripping", "right", 4)]), anchor()]) == set()


def test_tripping_twice_in_one_day_is_still_one_day() -> None:
    morning = entry(0, signs=[sign("tripping", "left", 1)])
    evening = entry(0, signs=[sign("tripping", "left", 2)])
    assert sides(CODE, [morning, evening]) == set()


def test_tripping_reported_with_a_count_of_zero_does_not_count() -> None:
    days = [
        entry(1, signs=[sign("tripping", "left", 0)]),
        entry(0, signs=[sign("tripping", "left", 1)]),
    ]
    assert sides(CODE, days) == set()


def test_tripping_without_a_count_still_counts() -> None:
    days = [entry(1, signs=[sign("tripping", "left")]), entry(0, signs=[sign("tripping", "left")])]
    assert sides(CODE, days) == {"left"}


def test_tripping_on_each_side_once_is_not_foot_drop() -> None:
    days = [
        entry(1, signs=[sign("tripping", "left", 1)]),
        entry(0, signs=[sign("tripping", "right", 1)]),
    ]
    assert sides(CODE, days) == set()


def test_both_feet_can_drop_independently() -> None:
    days = [
        entry(4, signs=[sign("foot_lift_difficulty", "left")]),
        entry(2, signs=[sign("tripping", "right")]),
        entry(0, signs=[sign("tripping", "right")]),
    ]
    assert sides(CODE, days) == {"left", "right"}


def test_summary_names_both_signs_when_both_were_seen() -> None:
    days = [
        entry(2, signs=[sign("foot_lift_difficulty", "left"), sign("tripping", "left", 2)]),
        entry(0, signs=[sign("tripping", "left", 1)]),
    ]
    (finding,) = found(CODE, days)
    assert finding.summary == (
        "Difficulty lifting the left foot on 1 of 2 logged days; tripping on the left side on 2"
    )


def test_foot_lift_difficulty_thirteen_days_back_is_in_the_window() -> None:
    assert sides(CODE, [entry(13, signs=[sign("foot_lift_difficulty", "left")]), anchor()])


def test_foot_lift_difficulty_fourteen_days_back_has_left_the_window() -> None:
    days = [entry(14, signs=[sign("foot_lift_difficulty", "left")]), anchor()]
    assert sides(CODE, days) == set()


def test_other_weakness_signs_are_not_foot_drop() -> None:
    day = entry(0, signs=[sign("toe_stand_difficulty", "left"), sign("knee_buckling", "left")])
    assert sides(CODE, [day]) == set()


def test_a_trip_counts_whichever_check_in_of_the_day_comes_first() -> None:
    # Found by the order-independence property: a check-in saying "no trips" (count 0)
    # must not hide another check-in of the same day that reported one.
    none_then_trip = [
        entry(2, signs=[sign("tripping", "left", 0)]),
        entry(2, signs=[sign("tripping", "left")]),
        entry(0, signs=[sign("tripping", "left", 1)]),
    ]
    assert sides(CODE, none_then_trip) == {"left"}
    assert sides(CODE, none_then_trip[::-1]) == {"left"}
