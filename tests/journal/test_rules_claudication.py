"""neurogenic_claudication (3 days of leg pain on walking that sitting relieves and standing
still does not) and its look-alike vascular_claudication_pattern (version 2)."""

from __future__ import annotations

from journal.rules import DayEntry
from tests.journal.rules_builders import anchor, back, entry, found, numb, pain, sides

CODE = "neurogenic_claudication"
VASCULAR = "vascular_claudication_pattern"


def test_three_days_of_walking_pain_eased_by_sitting_is_flagged() -> None:
    days = [entry(n, walking=True, sitting=True) for n in (9, 4, 0)]
    (finding,) = found(CODE, days)
    assert finding.side is None
    assert finding.evidence_dates == (back(9), back(4), back(0))
    assert finding.summary == (
        "Leg pain on walking, eased by sitting or bending forward, on 3 of 3 logged days"
    )
    assert finding.clinician_summary.startswith("Neurogenic claudication history on 3 of 3")
    assert "lumbar spinal stenosis" in finding.explanation
    assert "not when standing still" in finding.explanation
    assert "Seek emergency care at once if you notice" in finding.explanation


def test_walking_pain_that_standing_still_also_eases_is_not_neurogenic() -> None:
    days = [entry(n, walking=True, sitting=True, standing=True) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_a_day_eased_by_standing_still_does_not_count_towards_three() -> None:
    days = [entry(n, walking=True, sitting=True) for n in (3, 2)]
    days.append(entry(0, walking=True, sitting=True, standing=True))
    assert sides(CODE, days) == set()
    days.append(entry(1, walking=True, sitting=True))
    assert sides(CODE, days) == {None}


def test_two_days_are_not_enough() -> None:
    days = [entry(n, walking=True, sitting=True) for n in (4, 0)] + [entry(2)]
    assert sides(CODE, days) == set()


def test_walking_pain_that_sitting_does_not_ease_is_not_flagged() -> None:
    days = [entry(n, walking=True) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_the_two_answers_in_separate_check_ins_of_a_day_count_together() -> None:
    days = [entry(n, walking=True) for n in (2, 1, 0)] + [entry(n, sitting=True) for n in (2, 1, 0)]
    assert sides(CODE, days) == {None}


def test_walking_and_sitting_answers_on_different_days_are_not_paired() -> None:
    days = [entry(n, walking=True) for n in (5, 4, 3)] + [entry(n, sitting=True) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_a_day_fourteen_days_back_has_left_the_window() -> None:
    days = [entry(n, walking=True, sitting=True) for n in (14, 4, 1)] + [anchor()]
    assert sides(CODE, days) == set()


def test_a_day_thirteen_days_back_is_in_the_window() -> None:
    days = [entry(n, walking=True, sitting=True) for n in (13, 4, 1)] + [anchor()]
    assert sides(CODE, days) == {None}


# --- vascular_claudication_pattern ----------------------------------------------------------


def calf_walk(days_back: int, level: int = 5, *, sitting: bool = False) -> DayEntry:
    return entry(
        days_back, pain("calf", "right", level), walking=True, standing=True, sitting=sitting
    )


def test_calf_pain_on_walking_eased_by_standing_still_is_vascular_not_neurogenic() -> None:
    # The case.
    days = [calf_walk(n) for n in (6, 3, 0)]
    (finding,) = found(VASCULAR, days)
    assert finding.side is None
    assert finding.severity == "see_specialist"
    assert finding.evidence_dates == (back(6), back(3), back(0))
    assert finding.summary == (
        "Calf symptoms with leg pain on walking that eases on standing still, on 3 of 3 logged days"
    )
    assert "peripheral arterial disease" in finding.clinician_summary
    assert "narrowed arteries" in finding.explanation
    assert "pulses" in finding.explanation
    assert "Seek emergency care at once if you notice" in finding.explanation
    assert sides(CODE, days) == set()


def test_a_day_with_all_three_answers_counts_for_the_vascular_pattern_only() -> None:
    days = [calf_walk(n, sitting=True) for n in (2, 1, 0)]
    assert sides(VASCULAR, days) == {None}
    assert sides(CODE, days) == set()


def test_two_vascular_days_are_not_enough() -> None:
    assert sides(VASCULAR, [calf_walk(2), calf_walk(0), entry(1)]) == set()


def test_the_vascular_pattern_needs_a_symptomatic_calf() -> None:
    days = [entry(n, pain("thigh_back", "left", 6), walking=True, standing=True) for n in (2, 1, 0)]
    assert sides(VASCULAR, days) == set()
    assert sides(VASCULAR, [calf_walk(n, level=2) for n in (2, 1, 0)]) == set()
    assert sides(VASCULAR, [calf_walk(n, level=3) for n in (2, 1, 0)]) == {None}


def test_a_numb_calf_is_a_symptomatic_calf() -> None:
    days = [entry(n, numb("calf", "left"), walking=True, standing=True) for n in (2, 1, 0)]
    assert sides(VASCULAR, days) == {None}


def test_standing_still_without_walking_pain_is_not_vascular() -> None:
    days = [entry(n, pain("calf", "left", 6), standing=True) for n in (2, 1, 0)]
    assert sides(VASCULAR, days) == set()


def test_a_vascular_day_fourteen_days_back_has_left_the_window() -> None:
    assert sides(VASCULAR, [calf_walk(n) for n in (14, 4, 1)] + [anchor()]) == set()
    assert sides(VASCULAR, [calf_walk(n) for n in (13, 4, 1)] + [anchor()]) == {None}
