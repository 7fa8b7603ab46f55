"""l4_pattern, l5_pattern, s1_pattern: a root's territory, below the knee, with numbness."""

from __future__ import annotations

from tests.journal.rules_builders import (
    anchor,
    back,
    entry,
    flags,
    found,
    numb,
    pain,
    sides,
    sign,
    tingle,
)


def test_outer_shin_and_top_of_foot_with_numbness_is_an_l5_pattern() -> None:
    days = [
        entry(4, pain("thigh_outer", "left", 5), numb("foot_top")),
        entry(2, pain("shin_outer", "left", 6), tingle("big_toe")),
        entry(0, pain("shin_outer", "left", 6)),
    ]
    (finding,) = found("l5_pattern", days)
    assert finding.side == "left"
    assert finding.evidence_dates == (back(4), back(2), back(0))
    assert finding.summary == (
        "Left L5 territory symptomatic on 3 of 3 logged days (100% of the left leg's "
        "nerve-root region-days); numbness, tingling or difficulty lifting the foot on 2"
    )
    assert "L5 nerve root" in finding.explanation
    assert "left leg" in finding.explanation


def test_numbness_of_the_outer_thigh_alone_is_not_an_l5_pattern() -> None:
    days = [entry(n, numb("thigh_outer", "left", 4)) for n in (4, 2, 0)]
    assert sides("l5_pattern", days) == set()


def test_one_day_below_the_knee_completes_a_pattern_of_thigh_days() -> None:
    days = [entry(n, numb("thigh_outer", "left", 4)) for n in (4, 2)]
    days.append(entry(0, pain("shin_outer", "left", 5)))
    assert sides("l5_pattern", days) == {"left"}


def test_a_sore_heel_alone_is_not_a_root_pattern() -> None:
    days = [entry(n, pain("heel", "left", 7)) for n in range(10)]
    assert flags(days) == set()


def test_heel_numbness_confined_to_the_foot_is_not_an_s1_pattern() -> None:
    days = [entry(n, numb("heel", "left", 4), pain("sole", "left", 5)) for n in (4, 2, 0)]
    assert sides("s1_pattern", days) == set()
    assert sides("local_foot_nerve_pattern", days) == {"left"}


def test_heel_numbness_with_calf_pain_is_an_s1_pattern() -> None:
    days = [entry(n, numb("heel", "right"), pain("calf", "right", 6)) for n in (4, 2)]
    days.append(entry(0, pain("calf", "right", 6)))
    assert sides("s1_pattern", days) == {"right"}


def test_foot_days_count_when_the_lower_back_hurts_the_same_day() -> None:
    days = [entry(n, numb("foot_top"), pain("lower_back", "center", 5)) for n in (4, 2, 0)]
    assert sides("l5_pattern", days) == {"left"}


def test_thigh_knee_and_inner_shin_with_knee_buckling_is_an_l4_pattern() -> None:
    days = [
        entry(4, pain("thigh_front", "left", 6), signs=[sign("knee_buckling", "left")]),
        entry(2, pain("knee", "left", 5), signs=[sign("knee_buckling", "left")]),
        entry(0, pain("shin_inner", "left", 5)),
    ]
    assert sides("l4_pattern", days) == {"left"}


def test_general_leg_weakness_is_not_a_root_sign() -> None:
    days = [
        entry(4, pain("thigh_front", "left", 6), signs=[sign("leg_weakness", "left")]),
        entry(2, pain("knee", "left", 5), signs=[sign("leg_weakness", "left")]),
        entry(0, pain("shin_inner", "left", 5)),
    ]
    assert sides("l4_pattern", days) == set()


def test_another_roots_weakness_sign_does_not_count() -> None:
    days = [
        entry(4, pain("calf", "left", 6), signs=[sign("knee_buckling", "left")]),
        entry(2, pain("calf", "left", 6), signs=[sign("knee_buckling", "left")]),
        entry(0, pain("calf", "left", 6)),
    ]
    assert sides("s1_pattern", days) == set()


def test_the_roots_own_weakness_sign_counts_like_numbness() -> None:
    days = [
        entry(4, pain("calf", "left", 6), signs=[sign("toe_stand_difficulty", "left")]),
        entry(2, pain("calf", "left", 6), signs=[sign("toe_stand_difficulty", "left")]),
        entry(0, pain("calf", "left", 6)),
    ]
    assert sides("s1_pattern", days) == {"left"}


def test_numbness_on_one_root_day_only_is_not_a_root_pattern() -> None:
    days = [
        entry(4, pain("shin_outer", "left", 6), numb("foot_top")),
        entry(2, pain("shin_outer", "left", 6)),
        entry(0, pain("shin_outer", "left", 6)),
    ]
    assert sides("l5_pattern", days) == set()


def test_numbness_outside_the_territory_does_not_count() -> None:
    days = [
        entry(4, pain("shin_outer", "left", 6), numb("heel")),
        entry(2, pain("shin_outer", "left", 6), numb("heel")),
        entry(0, pain("shin_outer", "left", 6)),
    ]
    assert sides("l5_pattern", days) == set()


def test_two_root_days_are_not_enough() -> None:
    days = [entry(n, pain("shin_outer", "left", 6), numb("foot_top")) for n in (2, 0)]
    assert sides("l5_pattern", days) == set()


def test_a_root_holding_exactly_sixty_percent_is_a_pattern() -> None:
    # L5: 3 region-days; S1 (calf): 2 -> 60%.
    days = [
        entry(4, numb("shin_outer"), pain("calf", "left", 5)),
        entry(2, numb("shin_outer"), pain("calf", "left", 5)),
        entry(0, pain("shin_outer", "left", 5)),
    ]
    assert sides("l5_pattern", days) == {"left"}
    assert sides("s1_pattern", days) == set()


def test_a_root_holding_half_the_region_days_is_not_a_pattern() -> None:
    # L5: 3 region-days; S1 (calf, heel): 3 -> 50%.
    days = [
        entry(4, numb("shin_outer"), pain("calf", "left", 5)),
        entry(2, numb("shin_outer"), pain("calf", "left", 5)),
        entry(0, pain("shin_outer", "left", 5), pain("heel", "left", 5)),
    ]
    assert sides("l5_pattern", days) == set()


def test_the_share_ignores_the_other_leg() -> None:
    days = [
        entry(n, numb("shin_outer"), pain("calf", "right", 5), pain("heel", "right", 5))
        for n in (4, 2, 0)
    ]
    assert sides("l5_pattern", days) == {"left"}


def test_each_leg_can_show_its_own_root() -> None:
    days = [
        entry(n, numb("shin_outer", "left"), numb("calf", "right"), pain("heel", "right", 5))
        for n in (4, 2, 0)
    ]
    assert flags(days) >= {("l5_pattern", "left"), ("s1_pattern", "right")}


def test_a_root_day_fourteen_days_back_has_left_the_window() -> None:
    days = [entry(n, numb("shin_outer"), pain("foot_top", "left", 4)) for n in (14, 2)]
    days += [entry(0, pain("shin_outer", "left", 5)), anchor()]
    assert sides("l5_pattern", days) == set()


def test_a_root_day_thirteen_days_back_is_in_the_window() -> None:
    days = [entry(n, numb("shin_outer"), pain("foot_top", "left", 4)) for n in (13, 2)]
    days += [entry(0, pain("shin_outer", "left", 5))]
    assert sides("l5_pattern", days) == {"left"}


def test_check_ins_of_one_day_count_as_one_root_day() -> None:
    # Shin pain in the morning, top-of-foot numbness in the evening: one L5 day with
    # numbness. Sent as two check-ins on each of two dates, it is still two days, not four.
    days = [entry(n, pain("shin_outer", "left", 5, "morning")) for n in (4, 2)]
    days += [entry(n, numb("foot_top", "left", 0, "evening")) for n in (4, 2)]
    assert sides("l5_pattern", days) == set()
    days.append(entry(0, pain("shin_outer", "left", 5)))
    assert sides("l5_pattern", days) == {"left"}
