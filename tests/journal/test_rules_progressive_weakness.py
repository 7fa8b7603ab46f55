"""progressive_weakness (prompt, version 2), per side: at least 6 logged days, weakness signs
on that side on 3 or more, more (day, sign) pairs in the last 3 logged days than in the
first 3, and a weakness sign on 2 of the last 3."""

from __future__ import annotations

from collections.abc import Sequence

from journal.rules import DayEntry
from tests.journal.rules_builders import anchor, back, entry, found, sides, sign

CODE = "progressive_weakness"


def series(signs_per_day: Sequence[Sequence[str]], side: str = "left") -> list[DayEntry]:
    """One logged day each, the last on END, with these weakness signs on `side`."""
    last = len(signs_per_day) - 1
    return [
        entry(last - n, signs=[sign(code, side) for code in codes])
        for n, codes in enumerate(signs_per_day)
    ]


W, K = "leg_weakness", "knee_buckling"


def test_weakness_getting_worse_over_six_logged_days_is_prompt() -> None:
    days = series([[W], [], [], [W], [W, K], [W, K]])
    (finding,) = found(CODE, days)
    assert finding.side == "left"
    assert finding.severity == "prompt"
    assert finding.evidence_dates == (back(5), back(2), back(1), back(0))
    assert finding.summary == (
        "Weakness signs on the left on 4 of 6 logged days, 5 in the last 3 logged days "
        "against 1 in the first 3"
    )
    assert finding.clinician_summary == (
        "Progressive left leg weakness: weakness signs on 4 of 6 logged days, 1 → 5 "
        "(first vs last 3 days)"
    )
    assert "left leg" in finding.explanation
    assert "contact a doctor or an urgent care service today" in finding.explanation.lower()
    assert "Seek emergency care at once if you notice" in finding.explanation


def test_five_logged_days_are_not_enough() -> None:
    assert sides(CODE, series([[], [], [W], [W, K], [W, K]])) == set()
    assert sides(CODE, series([[], [], [], [W], [W, K], [W, K]])) == {"left"}


def test_weakness_on_two_logged_days_is_not_enough() -> None:
    assert sides(CODE, series([[], [], [], [], [W, K], [W, K]])) == set()


def test_as_many_pairs_at_the_end_as_at_the_start_is_not_getting_worse() -> None:
    # leg_weakness and knee_buckling on one day are two pairs.
    assert sides(CODE, series([[W, K], [], [], [], [W], [W]])) == set()
    assert sides(CODE, series([[W, K], [], [], [], [W], [W, K]])) == {"left"}


def test_a_weakness_sign_on_only_one_of_the_last_three_days_is_not_enough() -> None:
    days = series([[], [W], [W], [], [], [W, K, "foot_lift_difficulty"]])
    assert sides(CODE, days) == set()


def test_unlogged_days_are_not_counted() -> None:
    days = [entry(n, signs=[sign(W, "left")]) for n in (12, 1, 0)]
    days += [entry(n) for n in (10, 8, 6)]
    assert sides(CODE, days) == {"left"}


def test_weakness_on_the_other_side_does_not_count() -> None:
    days = series([[], [], [], [W], [W, K], [W, K]], side="right")
    assert sides(CODE, days) == {"right"}


def test_tripping_is_not_a_weakness_sign() -> None:
    days = series([[], [], [], ["tripping"], ["tripping"], ["tripping"]])
    assert sides(CODE, days) == set()


def test_only_the_window_counts() -> None:
    early = [entry(n, signs=[sign(W, "left")]) for n in (20, 18)]
    days = [*early, *series([[], [], [], [], [W], [W, K]])]
    assert sides(CODE, days) == set()
    assert sides(CODE, [entry(13, signs=[sign(W, "left")]), *days[2:]]) == {"left"}


def test_both_sides_are_judged_on_their_own() -> None:
    days = series([[], [], [], [W], [W, K], [W, K]])
    days += [entry(n, signs=[sign(W, "right")]) for n in (5, 4, 3)]
    assert sides(CODE, days) == {"left"}
    assert sides(CODE, [*days, anchor()]) == {"left"}
