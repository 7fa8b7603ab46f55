"""worsening: rising worst leg/foot pain, or more numb or tingling regions, over the window."""

from __future__ import annotations

from collections.abc import Sequence

from journal.rules import DayEntry
from tests.journal.rules_builders import anchor, back, entry, found, numb, pain, sides, tingle

CODE = "worsening"


def pain_series(pains: Sequence[int], offsets: Sequence[int] | None = None) -> list[DayEntry]:
    """Worst calf pain per logged day; offsets count days from the window's first day (13 back)."""
    offsets = range(len(pains)) if offsets is None else offsets
    return [
        entry(13 - x, pain("calf", "left", level)) if level else entry(13 - x)
        for x, level in zip(offsets, pains, strict=True)
    ]


def numb_series(counts: Sequence[int]) -> list[DayEntry]:
    regions = ["sole", "heel", "calf", "foot_top", "shin_outer"]
    return [
        entry(len(counts) - 1 - x, *(numb(region) for region in regions[:count]))
        for x, count in enumerate(counts)
    ]


def test_pain_rising_a_point_a_day_is_worsening() -> None:
    (finding,) = found(CODE, pain_series([0, 1, 2, 3, 4, 5, 6]))
    assert finding.side is None
    assert finding.evidence_dates == tuple(back(13 - x) for x in range(7))
    assert finding.summary == (
        "Worst leg or foot pain rising 1.00 a day over 7 logged days, from a mean of 1.0 on "
        "the first 3 to 5.0 on the last 3"
    )
    assert finding.clinician_summary == (
        "Worst leg/foot NRS rising 1.00 a day over 7 logged days, from a mean of 1.0 on "
        "the first 3 to 5.0 on the last 3"
    )
    assert "getting steadily worse" in finding.explanation
    assert "Seek emergency care at once if you notice" in finding.explanation


def test_six_logged_days_are_not_enough() -> None:
    assert sides(CODE, pain_series([0, 2, 4, 6, 8, 10])) == set()


def test_slope_of_exactly_0_15_with_a_rise_of_exactly_2_is_worsening() -> None:
    series = pain_series([1, 1, 1, 1, 4, 4, 1], offsets=[0, 3, 4, 8, 9, 12, 13])
    assert sides(CODE, series) == {None}


def test_slope_just_under_0_15_is_not_worsening() -> None:
    # Same days and the same first and last three; one middle day lower: slope 1/7.
    series = pain_series([1, 1, 1, 0, 4, 4, 1], offsets=[0, 3, 4, 8, 9, 12, 13])
    assert sides(CODE, series) == set()


def test_a_rise_just_under_2_is_not_worsening_even_with_a_steep_slope() -> None:
    series = pain_series([1, 1, 1, 0, 0, 3, 5], offsets=[0, 3, 4, 8, 9, 12, 13])
    assert sides(CODE, series) == set()


def test_falling_pain_is_not_worsening() -> None:
    assert sides(CODE, pain_series([8, 7, 6, 5, 4, 3, 2])) == set()


def test_gaps_between_logged_days_stretch_the_slope() -> None:
    # The same seven readings, squeezed into a week then spread over two: the rise per
    # calendar day halves, from 0.29 a day to 0.14.
    pains = [1, 1, 1, 1, 5, 3, 1]
    assert sides(CODE, pain_series(pains)) == {None}
    assert sides(CODE, pain_series(pains, offsets=[0, 2, 4, 6, 8, 10, 12])) == set()


def test_more_numb_regions_on_the_last_three_days_is_worsening() -> None:
    (finding,) = found(CODE, numb_series([0, 0, 0, 1, 2, 2, 2]))
    assert "Numb or tingling regions up from a mean of 0.0 a day" in finding.summary


def test_numb_regions_rising_by_just_under_2_is_not_worsening() -> None:
    assert sides(CODE, numb_series([0, 0, 0, 1, 2, 2, 1])) == set()


def test_numb_regions_rising_needs_seven_logged_days_too() -> None:
    assert sides(CODE, numb_series([0, 0, 0, 3, 3, 3])) == set()


def test_several_check_ins_a_day_use_the_worst_leg_pain() -> None:
    days = pain_series([0, 1, 2, 3, 4, 5, 6])
    days += [entry(13 - x, pain("heel", "right", 1, "night")) for x in range(7)]
    assert sides(CODE, days) == {None}


def test_a_logged_day_without_leg_readings_counts_as_pain_free() -> None:
    # Backfilling a pain-free day before a run of painful ones completes the pattern: it
    # is evidence that the pain is new, and the flag is meant to appear.
    rising = pain_series([5, 5, 6, 7, 8, 8], offsets=[1, 2, 3, 4, 5, 6])
    assert sides(CODE, rising) == set()
    assert sides(CODE, [entry(13), *rising]) == {None}


def test_days_before_the_window_are_not_part_of_the_trend() -> None:
    old = [entry(n, pain("calf", "left", 0)) for n in (20, 19, 18, 17)]
    recent = [entry(n, pain("calf", "left", 6)) for n in (3, 2, 1)]
    assert sides(CODE, [*old, *recent, anchor()]) == set()


def test_numbness_of_the_back_or_the_saddle_is_not_counted() -> None:
    # Version 2 counts leg and foot region-days only: a saddle change is a red flag of its own.
    days = [entry(n) for n in (6, 5, 4, 3)]
    days += [
        entry(
            n, numb("lower_back", "center"), tingle("lower_back", "left"), numb("saddle", "center")
        )
        for n in (2, 1, 0)
    ]
    assert sides(CODE, days) == set()


def test_leg_numbness_rising_by_exactly_2_with_back_numbness_beside_it_is_worsening() -> None:
    days = numb_series([0, 0, 0, 0, 2, 2, 2])
    days += [entry(n, numb("lower_back", "center")) for n in (6, 5, 4)]
    assert sides(CODE, days) == {None}


def test_each_side_of_a_region_is_its_own_region_day() -> None:
    both = [numb("sole", "left"), numb("sole", "right")]
    days = [entry(n) for n in (6, 5, 4, 3)] + [entry(n, *both) for n in (2, 1, 0)]
    assert sides(CODE, days) == {None}
