"""sciatica: one-sided leg symptoms below the knee, not confined to the foot, with numbness."""

from __future__ import annotations

from journal.rules import DayEntry
from tests.journal.rules_builders import (
    back,
    entry,
    found,
    numb,
    pain,
    sides,
    sign,
    tingle,
)

CODE = "sciatica"


def sciatic_day(days_back: int, side: str = "left", *, numbness: bool = True) -> DayEntry:
    """Calf pain, and numbness down the back of the thigh when asked."""
    readings = [pain("calf", side, 6)]
    if numbness:
        readings.append(numb("thigh_back", side))
    return entry(days_back, *readings)


def test_three_one_sided_days_with_numbness_on_two_is_sciatica() -> None:
    days = [sciatic_day(6), sciatic_day(3), sciatic_day(0, numbness=False)]
    (finding,) = found(CODE, days)
    assert finding.side == "left"
    assert finding.severity == "see_specialist"
    assert finding.title == "One-sided leg pain with numbness"
    assert finding.evidence_dates == (back(6), back(3), back(0))
    assert finding.summary == (
        "Left leg symptoms reaching below the knee on 3 of 3 logged days; "
        "numbness, tingling or weakness on 2"
    )
    assert "left leg" in finding.explanation


def test_numbness_on_one_day_only_is_not_sciatica() -> None:
    days = [sciatic_day(6), sciatic_day(3, numbness=False), sciatic_day(0, numbness=False)]
    assert sides(CODE, days) == set()


def test_two_qualifying_days_are_not_enough() -> None:
    assert sides(CODE, [sciatic_day(3), sciatic_day(0)]) == set()


def test_a_weakness_sign_on_that_side_counts_like_numbness() -> None:
    days = [
        sciatic_day(2, numbness=False),
        entry(1, pain("calf", "left", 6), signs=[sign("leg_weakness", "left")]),
        sciatic_day(0),
    ]
    assert sides(CODE, days) == {"left"}


def test_a_weakness_sign_on_the_other_side_does_not_count() -> None:
    days = [
        sciatic_day(2, numbness=False),
        entry(1, pain("calf", "left", 6), signs=[sign("leg_weakness", "right")]),
        sciatic_day(0),
    ]
    assert sides(CODE, days) == set()


def test_exactly_eighty_percent_on_one_side_is_one_sided() -> None:
    four_to_one = [pain("calf"), pain("shin_outer"), numb("thigh_back"), pain("buttock")]
    days = [entry(n, *four_to_one, pain("knee", "right")) for n in (2, 1, 0)]
    assert sides(CODE, days) == {"left"}


def test_seventy_five_percent_on_one_side_is_not_one_sided() -> None:
    three_to_one = [pain("calf"), numb("thigh_back"), pain("buttock")]
    days = [entry(n, *three_to_one, pain("knee", "right")) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_mild_pain_on_the_other_side_does_not_break_one_sidedness() -> None:
    days = [entry(n, pain("calf"), numb("thigh_back"), pain("calf", "right", 2)) for n in (2, 1, 0)]
    assert sides(CODE, days) == {"left"}


def test_symptoms_above_the_knee_only_are_not_sciatica() -> None:
    days = [entry(n, pain("buttock", "left", 7), numb("thigh_back")) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_symptoms_confined_to_the_foot_are_not_sciatica() -> None:
    days = [entry(n, pain("heel", "left", 7), numb("sole")) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_foot_symptoms_with_lower_back_pain_the_same_day_are_sciatica() -> None:
    days = [entry(n, numb("sole"), pain("lower_back", "center", 5)) for n in (2, 1, 0)]
    assert sides(CODE, days) == {"left"}


def test_lower_back_pain_of_either_side_counts() -> None:
    days = [entry(n, numb("sole"), pain("lower_back", "right", 5)) for n in (2, 1, 0)]
    assert sides(CODE, days) == {"left"}


def test_mild_lower_back_pain_does_not_lift_foot_symptoms_out_of_the_foot() -> None:
    days = [entry(n, numb("sole"), pain("lower_back", "center", 2)) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_mild_calf_pain_is_not_a_symptom_below_the_knee() -> None:
    days = [entry(n, pain("calf", "left", 2), pain("thigh_back", "left", 6)) for n in (2, 1, 0)]
    days += [entry(3, numb("thigh_back")), entry(4, numb("thigh_back"))]
    assert sides(CODE, days) == set()


def test_numbness_in_the_back_does_not_count_as_leg_numbness() -> None:
    days = [entry(n, pain("calf"), numb("lower_back", "left")) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_right_sided_sciatica_is_flagged_on_the_right() -> None:
    days = [sciatic_day(n, "right") for n in (2, 1, 0)]
    assert sides(CODE, days) == {"right"}


def test_each_leg_can_have_its_own_sciatica_on_different_days() -> None:
    days = [sciatic_day(n, "left") for n in (6, 5, 4)] + [
        sciatic_day(n, "right") for n in (2, 1, 0)
    ]
    assert sides(CODE, days) == {"left", "right"}


def test_days_without_entries_are_not_counted_against_the_pattern() -> None:
    days = [sciatic_day(13), sciatic_day(7, numbness=False), sciatic_day(0)]
    (finding,) = found(CODE, days)
    assert finding.summary.startswith("Left leg symptoms reaching below the knee on 3 of 3")


def test_check_ins_of_one_day_merge_into_one_region_day() -> None:
    # The day's calf is its worst check-in (6, not the evening's 0), and the morning's
    # tingling belongs to the same region-day.
    days = [
        entry(n, tingle("calf", "left", 1, "morning"), pain("calf", "left", 6, "evening"))
        for n in (2, 1)
    ]
    days.append(entry(0, pain("calf", "left", 6, "morning"), pain("calf", "left", 0, "evening")))
    assert sides(CODE, days) == {"left"}


def test_the_same_day_sent_twice_counts_once() -> None:
    days = [sciatic_day(1), sciatic_day(1), sciatic_day(0)]
    assert sides(CODE, days) == set()


def test_a_qualifying_day_fourteen_days_back_has_left_the_window() -> None:
    days = [sciatic_day(14), sciatic_day(5), sciatic_day(0)]
    assert sides(CODE, days) == set()


def test_a_qualifying_day_thirteen_days_back_is_in_the_window() -> None:
    days = [sciatic_day(13), sciatic_day(5), sciatic_day(0)]
    assert sides(CODE, days) == {"left"}
