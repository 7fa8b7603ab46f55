"""l4_pattern, l5_pattern, s1_pattern (version 2): on a side with radicular leg symptoms, a
root's territory (the knee and below only) on 3 days, holding 60% of the side's
root-territory region-days, with numbness, tingling or the root's weakness on 2."""

from __future__ import annotations

import pytest

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

# The back of the thigh makes any below-knee symptom a route down the leg, and picks no root.
THIGH = pain("thigh_back", "left", 4)


def test_outer_shin_and_top_of_foot_with_numbness_is_an_l5_pattern() -> None:
    days = [
        entry(4, pain("thigh_outer", "left", 5), numb("foot_top")),
        entry(2, pain("shin_outer", "left", 6), tingle("big_toe")),
        entry(0, pain("shin_outer", "left", 6), THIGH),
    ]
    (finding,) = found("l5_pattern", days)
    assert finding.side == "left"
    assert finding.evidence_dates == (back(4), back(2), back(0))
    assert finding.summary == (
        "Left L5 area symptomatic on 3 of 3 logged days (100% of the left leg's nerve-root "
        "areas); numbness, tingling or difficulty lifting the foot on 2"
    )
    assert finding.clinician_summary == (
        "Left L5 distribution on 3 of 3 logged days (100% of this leg's root-area symptoms); "
        "numbness/tingling on 2, foot-lift (dorsiflexion) weakness on 0"
    )
    assert "L5 nerve root" in finding.explanation
    assert "left leg" in finding.explanation
    assert "outer shin, top of the foot, big toe" in finding.explanation
    assert "Seek emergency care at once if you notice" in finding.explanation


def test_the_l5_route_through_buttock_and_thigh_is_l5_not_split_with_s1() -> None:
    # The case: version 1 counted buttock and back of thigh for L5 and S1 alike.
    days = [
        entry(
            n,
            pain("buttock", "left", 5),
            pain("thigh_back", "left", 5),
            pain("shin_outer", "left", 6),
            numb("foot_top"),
        )
        for n in (4, 2, 0)
    ]
    assert flags(days) >= {("l5_pattern", "left"), ("sciatica", "left")}
    assert sides("s1_pattern", days) == set()


@pytest.mark.parametrize(
    ("region", "code"),
    [
        ("shin_inner", "l4_pattern"),
        ("ankle_inner", "l4_pattern"),
        ("shin_outer", "l5_pattern"),
        ("foot_top", "l5_pattern"),
        ("big_toe", "l5_pattern"),
        ("calf", "s1_pattern"),
        ("ankle_outer", "s1_pattern"),
        ("foot_outer", "s1_pattern"),
        ("sole", "s1_pattern"),
        ("heel", "s1_pattern"),
    ],
)
def test_each_below_knee_region_belongs_to_its_version_2_root(region: str, code: str) -> None:
    days = [entry(n, THIGH, numb(region)) for n in (4, 2, 0)]
    roots = {c for c, _ in flags(days)} & {"l4_pattern", "l5_pattern", "s1_pattern"}
    assert roots == {code}


def test_the_knee_belongs_to_l4() -> None:
    days = [entry(n, numb("knee", "left", 5), pain("shin_inner", "left", 5)) for n in (4, 2, 0)]
    assert sides("l4_pattern", days) == {"left"}


def test_the_ball_of_the_foot_picks_no_root() -> None:
    days = [entry(n, THIGH, numb("forefoot")) for n in (4, 2, 0)]
    found_codes = {code for code, _ in flags(days)}
    assert found_codes.isdisjoint({"l4_pattern", "l5_pattern", "s1_pattern"})
    assert "sciatica" in found_codes


def test_numbness_of_the_outer_thigh_alone_is_not_an_l5_pattern() -> None:
    days = [entry(n, numb("thigh_outer", "left", 4)) for n in (4, 2, 0)]
    assert sides("l5_pattern", days) == set()


def test_thigh_days_never_pick_a_root() -> None:
    # Version 1 let outer-thigh days join an L5 pattern once the shin had joined in.
    days = [entry(n, numb("thigh_outer", "left", 4)) for n in (4, 2)]
    days.append(entry(0, pain("shin_outer", "left", 5), THIGH))
    assert sides("l5_pattern", days) == set()


def test_a_sore_heel_alone_is_not_a_root_pattern() -> None:
    days = [entry(n, pain("heel", "left", 7)) for n in range(10)]
    assert flags(days) == set()


def test_heel_numbness_confined_to_the_foot_is_not_an_s1_pattern() -> None:
    days = [entry(n, numb("heel", "left", 4), pain("sole", "left", 5)) for n in (4, 2, 0)]
    assert sides("s1_pattern", days) == set()
    assert sides("local_foot_nerve_pattern", days) == {"left"}


def test_heel_numbness_with_calf_pain_is_an_s1_pattern() -> None:
    days = [entry(n, numb("heel", "right"), pain("calf", "right", 6)) for n in (4, 2)]
    days.append(entry(0, pain("calf", "right", 6), pain("thigh_back", "right", 4)))
    (finding,) = found("s1_pattern", days)
    assert finding.side == "right"
    assert "S1 nerve root" in finding.explanation
    assert "difficulty standing on tiptoe" in finding.explanation
    assert finding.clinician_summary.startswith("Right S1 distribution on 3 of 3 logged days")


def test_a_calf_alone_is_not_a_route_down_the_leg() -> None:
    days = [entry(n, numb("calf", "right", 6)) for n in (4, 2, 0)]
    assert sides("s1_pattern", days) == set()


def test_foot_days_with_lower_back_pain_are_not_root_days() -> None:
    # Version 1 counted a painful lower back as "not confined to the foot"; version 2 does not.
    days = [entry(n, numb("foot_top"), pain("lower_back", "center", 5)) for n in (4, 2, 0)]
    assert sides("l5_pattern", days) == set()


def test_front_of_thigh_and_inner_shin_with_knee_buckling_is_an_l4_pattern() -> None:
    buckling = [sign("knee_buckling", "left")]
    days = [
        entry(4, pain("thigh_front", "left", 6), pain("shin_inner", "left", 5), signs=buckling),
        entry(2, pain("thigh_front", "left", 6), pain("shin_inner", "left", 5), signs=buckling),
        entry(0, pain("thigh_front", "left", 6), pain("shin_inner", "left", 5)),
    ]
    (finding,) = found("l4_pattern", days)
    assert "knee giving way on 2" in finding.summary
    assert finding.clinician_summary.endswith("numbness/tingling on 0, knee giving way on 2")
    assert "knee, inner shin, inner ankle" in finding.explanation


def test_general_leg_weakness_is_not_a_root_sign() -> None:
    weak = [sign("leg_weakness", "left")]
    days = [
        entry(4, pain("thigh_front", "left", 6), pain("shin_inner", "left", 5), signs=weak),
        entry(2, pain("thigh_front", "left", 6), pain("shin_inner", "left", 5), signs=weak),
        entry(0, pain("thigh_front", "left", 6), pain("shin_inner", "left", 5)),
    ]
    assert sides("l4_pattern", days) == set()


def test_another_roots_weakness_sign_does_not_count() -> None:
    days = [
        entry(4, pain("calf", "left", 6), THIGH, signs=[sign("knee_buckling", "left")]),
        entry(2, pain("calf", "left", 6), THIGH, signs=[sign("knee_buckling", "left")]),
        entry(0, pain("calf", "left", 6), THIGH),
    ]
    assert sides("s1_pattern", days) == set()


def test_the_roots_own_weakness_sign_counts_like_numbness() -> None:
    days = [
        entry(4, pain("calf", "left", 6), THIGH, signs=[sign("toe_stand_difficulty", "left")]),
        entry(2, pain("calf", "left", 6), THIGH, signs=[sign("toe_stand_difficulty", "left")]),
        entry(0, pain("calf", "left", 6), THIGH),
    ]
    (finding,) = found("s1_pattern", days)
    assert finding.clinician_summary.endswith("toe-stand (plantarflexion) weakness on 2")


def test_numbness_on_one_root_day_only_is_not_a_root_pattern() -> None:
    days = [
        entry(4, pain("shin_outer", "left", 6), numb("foot_top")),
        entry(2, pain("shin_outer", "left", 6), THIGH),
        entry(0, pain("shin_outer", "left", 6), THIGH),
    ]
    assert sides("l5_pattern", days) == set()


def test_numbness_outside_the_territory_does_not_count() -> None:
    days = [
        entry(4, pain("shin_outer", "left", 6), THIGH, numb("thigh_outer")),
        entry(2, pain("shin_outer", "left", 6), THIGH, numb("thigh_outer")),
        entry(0, pain("shin_outer", "left", 6), THIGH),
    ]
    assert sides("l5_pattern", days) == set()


def test_two_root_days_are_not_enough() -> None:
    days = [entry(n, pain("shin_outer", "left", 6), numb("foot_top")) for n in (2, 0)]
    assert sides("l5_pattern", days) == set()


def test_a_root_holding_exactly_sixty_percent_is_a_pattern() -> None:
    # L5: 3 region-days; S1 (calf): 2 -> 60%.
    days = [
        entry(4, numb("shin_outer"), pain("calf", "left", 5), THIGH),
        entry(2, numb("shin_outer"), pain("calf", "left", 5), THIGH),
        entry(0, pain("shin_outer", "left", 5), THIGH),
    ]
    assert sides("l5_pattern", days) == {"left"}
    assert sides("s1_pattern", days) == set()


def test_a_root_holding_half_the_region_days_is_not_a_pattern() -> None:
    # L5: 3 region-days; S1 (calf, heel): 3 -> 50%.
    days = [
        entry(4, numb("shin_outer"), pain("calf", "left", 5), THIGH),
        entry(2, numb("shin_outer"), pain("calf", "left", 5), THIGH),
        entry(0, pain("shin_outer", "left", 5), pain("heel", "left", 5), THIGH),
    ]
    assert sides("l5_pattern", days) == set()


def test_the_share_ignores_the_other_leg() -> None:
    days = [
        entry(n, numb("shin_outer"), THIGH, pain("calf", "right", 5), pain("heel", "right", 5))
        for n in (4, 2, 0)
    ]
    assert sides("l5_pattern", days) == {"left"}


def test_each_leg_can_show_its_own_root() -> None:
    days = [
        entry(
            n,
            numb("shin_outer", "left"),
            THIGH,
            numb("calf", "right"),
            pain("heel", "right", 5),
        )
        for n in (4, 2, 0)
    ]
    assert flags(days) >= {("l5_pattern", "left"), ("s1_pattern", "right")}


def test_a_root_day_fourteen_days_back_has_left_the_window() -> None:
    days = [entry(n, numb("shin_outer"), pain("foot_top", "left", 4)) for n in (14, 2)]
    days += [entry(0, pain("shin_outer", "left", 5), THIGH), anchor()]
    assert sides("l5_pattern", days) == set()


def test_a_root_day_thirteen_days_back_is_in_the_window() -> None:
    days = [entry(n, numb("shin_outer"), pain("foot_top", "left", 4)) for n in (13, 2)]
    days += [entry(0, pain("shin_outer", "left", 5), THIGH)]
    assert sides("l5_pattern", days) == {"left"}


def test_check_ins_of_one_day_count_as_one_root_day() -> None:
    # Shin pain in the morning, top-of-foot numbness in the evening: one L5 day with
    # numbness. Sent as two check-ins on each of two dates, it is still two days, not four.
    days = [entry(n, pain("shin_outer", "left", 5, "morning")) for n in (4, 2)]
    days += [entry(n, numb("foot_top", "left", 0, "evening")) for n in (4, 2)]
    assert sides("l5_pattern", days) == set()
    days.append(entry(0, pain("shin_outer", "left", 5), THIGH))
    assert sides("l5_pattern", days) == {"left"}
