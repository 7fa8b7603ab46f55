"""neurogenic_claudication: 3 days of leg pain on walking that sitting relieves."""

from __future__ import annotations

from tests.journal.rules_builders import anchor, back, entry, found, sides

CODE = "neurogenic_claudication"


def test_three_days_of_walking_pain_eased_by_sitting_is_flagged() -> None:
    days = [entry(n, walking=True, sitting=True) for n in (9, 4, 0)]
    (finding,) = found(CODE, days)
    assert finding.side is None
    assert finding.evidence_dates == (back(9), back(4), back(0))
    assert finding.summary == (
        "Leg pain on walking, eased by sitting or bending forward, on 3 of 3 logged days"
    )


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
