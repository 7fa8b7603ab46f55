"""footwear_nerve_compression: foot/ankle pain at least 2 points worse in heels or tight boots."""

from __future__ import annotations

from journal.rules import DayEntry
from tests.journal.rules_builders import anchor, back, entry, found, pain, sides

CODE = "footwear_nerve_compression"


def shoe_day(days_back: int, footwear: str, level: int, side: str = "left") -> DayEntry:
    readings = [pain("foot_top", side, level)] if level else []
    return entry(days_back, *readings, footwear=[footwear])


def journal(heels: list[int], others: list[int], side: str = "left") -> list[DayEntry]:
    """Heel days first (most recent), then regular-shoe days, one a day back from END."""
    days = [shoe_day(n, "high_heels", level, side) for n, level in enumerate(heels)]
    start = len(heels)
    days += [shoe_day(start + n, "regular", level, side) for n, level in enumerate(others)]
    return days


def test_foot_pain_three_points_worse_in_heels_is_flagged_on_that_side() -> None:
    (finding,) = found(CODE, journal([6, 6, 6], [3, 3, 3]))
    assert finding.side == "left"
    assert finding.evidence_dates == (back(2), back(1), back(0))
    assert finding.summary == (
        "Worst left foot/ankle pain averaged 6.0 on 3 days in high heels or tight boots "
        "against 3.0 on 3 days in other shoes (last 28 days)"
    )
    assert "left foot" in finding.explanation
    assert "peroneal or sural nerve" in finding.explanation
    assert finding.clinician_summary == (
        "Left foot/ankle NRS 6.0 in high heels or tight boots (3 days) vs 3.0 in other "
        "footwear (3 days): consider peroneal/sural entrapment"
    )


def test_exactly_two_points_worse_is_flagged() -> None:
    assert sides(CODE, journal([5, 5, 5], [3, 3, 3])) == {"left"}


def test_just_under_two_points_worse_is_not_flagged() -> None:
    assert sides(CODE, journal([5, 5, 5], [3, 3, 4])) == set()


def test_two_days_in_heels_are_not_enough() -> None:
    assert sides(CODE, journal([8, 8], [0, 0, 0, 0])) == set()


def test_two_days_in_other_shoes_are_not_enough() -> None:
    assert sides(CODE, journal([8, 8, 8, 8], [0, 0])) == set()


def test_tight_boots_count_like_high_heels() -> None:
    days = [shoe_day(n, "tight_boots", 7) for n in (0, 1, 2)]
    days += [shoe_day(n, "athletic", 1) for n in (3, 4, 5)]
    assert sides(CODE, days) == {"left"}


def test_pain_free_days_in_other_shoes_are_the_comparison() -> None:
    assert sides(CODE, journal([4, 4, 4], [0, 0, 0])) == {"left"}


def test_days_without_footwear_recorded_are_not_days_without_heels() -> None:
    days = journal([6, 6, 6], [])
    days += [entry(n) for n in (3, 4, 5, 6)]
    assert sides(CODE, days) == set()


def test_ankle_pain_counts_as_foot_pain() -> None:
    days = [entry(n, pain("ankle_outer", "right", 7), footwear=["high_heels"]) for n in (0, 1, 2)]
    days += [entry(n, footwear=["regular"]) for n in (3, 4, 5)]
    assert sides(CODE, days) == {"right"}


def test_calf_pain_is_not_foot_pain() -> None:
    days = [entry(n, pain("calf", "left", 8), footwear=["high_heels"]) for n in (0, 1, 2)]
    days += [entry(n, footwear=["regular"]) for n in (3, 4, 5)]
    assert sides(CODE, days) == set()


def test_each_foot_is_judged_on_its_own() -> None:
    days = [
        entry(n, pain("sole", "left", 6), pain("heel", "right", 6), footwear=["high_heels"])
        for n in (0, 1, 2)
    ]
    days += [entry(n, pain("heel", "right", 5), footwear=["regular"]) for n in (3, 4, 5)]
    assert sides(CODE, days) == {"left"}


def test_both_feet_affected_give_one_flag_per_side() -> None:
    days = [
        entry(n, pain("sole", "left", 6), pain("heel", "right", 6), footwear=["high_heels"])
        for n in (0, 1, 2)
    ]
    days += [entry(n, footwear=["regular"]) for n in (3, 4, 5)]
    assert sides(CODE, days) == {"left", "right"}


def test_the_worst_foot_check_in_of_the_day_is_used() -> None:
    days = [
        entry(n, pain("sole", "left", 2, "morning"), pain("sole", "left", 6, "evening"))
        for n in (0, 1, 2)
    ]
    days += [entry(n, footwear=["high_heels"]) for n in (0, 1, 2)]  # footwear sent apart
    days += [entry(n, footwear=["regular"]) for n in (3, 4, 5)]
    assert sides(CODE, days) == {"left"}


def test_heels_and_other_shoes_the_same_day_is_a_heels_day() -> None:
    days = [
        entry(n, pain("sole", "left", 6), footwear=["high_heels", "athletic"]) for n in (0, 1, 2)
    ]
    days += [entry(n, footwear=["athletic"]) for n in (3, 4, 5)]
    assert sides(CODE, days) == {"left"}


def test_evidence_is_the_heels_days_with_foot_pain() -> None:
    (finding,) = found(CODE, journal([6, 0, 6, 6], [0, 0, 0]))
    assert finding.evidence_dates == (back(3), back(2), back(0))


def test_a_heels_day_twenty_seven_days_back_is_in_the_window() -> None:
    days = [shoe_day(n, "high_heels", 7) for n in (27, 10)]
    days += [shoe_day(n, "regular", 1) for n in (9, 8, 7)]
    days += [shoe_day(0, "high_heels", 7)]
    assert sides(CODE, days) == {"left"}


def test_a_heels_day_twenty_eight_days_back_has_left_the_window() -> None:
    days = [shoe_day(n, "high_heels", 7) for n in (28, 10)]
    days += [shoe_day(n, "regular", 1) for n in (9, 8, 7)]
    days += [shoe_day(0, "high_heels", 7), anchor()]
    assert sides(CODE, days) == set()
