"""sciatica (version 2): one-sided radicular leg symptoms with numbness, tingling, weakness
or radicular pain (pain >= 5 below the knee described as shooting, electric or burning)."""

from __future__ import annotations

import pytest

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
    """Calf pain down from the back of the thigh, numb there when asked."""
    thigh = numb("thigh_back", side) if numbness else pain("thigh_back", side, 5)
    return entry(days_back, pain("calf", side, 6), thigh)


def shooting_day(
    days_back: int, level: int = 5, quality: str = "shooting", region: str = "foot_top"
) -> DayEntry:
    """Buttock pain with a below-knee pain of that level and quality, no numbness."""
    return entry(
        days_back, pain("buttock", "left", 4), pain(region, "left", level, qualities=[quality])
    )


def test_three_one_sided_days_with_numbness_on_two_is_sciatica() -> None:
    days = [sciatic_day(6), sciatic_day(3), sciatic_day(0, numbness=False)]
    (finding,) = found(CODE, days)
    assert finding.side == "left"
    assert finding.severity == "see_specialist"
    assert finding.title == "One-sided leg pain with numbness"
    assert finding.evidence_dates == (back(6), back(3), back(0))
    assert finding.summary == (
        "Left leg symptoms along a nerve, reaching below the knee, on 3 of 3 logged days; "
        "numbness, tingling, weakness or shooting pain on 2"
    )
    assert finding.clinician_summary == (
        "Left radicular leg symptoms on 3 of 3 logged days; numbness/tingling on 2"
    )


def test_the_explanation_names_the_leg_sciatica_and_the_safety_net() -> None:
    (finding,) = found(CODE, [sciatic_day(n) for n in (2, 1, 0)])
    text = finding.explanation
    assert "left leg below the knee" in text
    assert "typical of sciatica" in text
    assert "Seek emergency care at once if you notice" in text


def test_numbness_on_one_day_only_is_not_sciatica() -> None:
    days = [sciatic_day(6), sciatic_day(3, numbness=False), sciatic_day(0, numbness=False)]
    assert sides(CODE, days) == set()


def test_two_qualifying_days_are_not_enough() -> None:
    assert sides(CODE, [sciatic_day(3), sciatic_day(0)]) == set()


def test_a_weakness_sign_on_that_side_counts_like_numbness() -> None:
    days = [
        sciatic_day(2, numbness=False),
        entry(1, *sciatic_day(1, numbness=False).symptoms, signs=[sign("leg_weakness", "left")]),
        sciatic_day(0),
    ]
    (finding,) = found(CODE, days)
    assert "weakness without sensory change on 1" in finding.clinician_summary


def test_a_weakness_sign_on_the_other_side_does_not_count() -> None:
    days = [
        sciatic_day(2, numbness=False),
        entry(1, *sciatic_day(1, numbness=False).symptoms, signs=[sign("leg_weakness", "right")]),
        sciatic_day(0),
    ]
    assert sides(CODE, days) == set()


# --- radicular pain without numbness (version 2) -------------------------------------------


def test_shooting_pain_to_the_foot_for_two_weeks_without_numbness_is_sciatica() -> None:
    # The case: NICE CKS, radicular pain is often felt without numbness.
    days = [shooting_day(n, 6) for n in range(14)]
    (finding,) = found(CODE, days)
    assert len(finding.evidence_dates) == 14
    assert "radicular pain alone on 14" in finding.clinician_summary


@pytest.mark.parametrize("quality", ["shooting", "electric", "burning"])
def test_radicular_pain_of_five_on_two_days_is_enough(quality: str) -> None:
    days = [shooting_day(n, 5, quality) for n in (2, 1)] + [shooting_day(0, 5, "aching")]
    assert sides(CODE, days) == {"left"}


def test_radicular_pain_of_four_is_not_enough() -> None:
    days = [shooting_day(n, 4) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


@pytest.mark.parametrize("quality", ["aching", "stabbing", "cramping", "throbbing"])
def test_other_words_for_the_pain_do_not_count(quality: str) -> None:
    assert sides(CODE, [shooting_day(n, 8, quality) for n in (2, 1, 0)]) == set()


def test_shooting_pain_above_the_knee_is_not_radicular_pain() -> None:
    days = [
        entry(n, pain("thigh_back", "left", 8, qualities=["shooting"]), pain("calf", "left", 4))
        for n in (2, 1, 0)
    ]
    assert sides(CODE, days) == set()


def test_the_words_of_one_check_in_and_the_pain_of_another_make_one_region_day() -> None:
    # A region-day takes the highest pain and the qualities of every check-in.
    days = [
        entry(
            n,
            pain("buttock", "left", 4),
            pain("calf", "left", 2, "morning", qualities=["electric"]),
            pain("calf", "left", 6, "evening"),
        )
        for n in (2, 1, 0)
    ]
    assert sides(CODE, days) == {"left"}


# --- one-sided, and radicular ---------------------------------------------------------------


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


def test_a_numb_calf_alone_is_not_sciatica() -> None:
    days = [entry(n, numb("calf", "left", 7)) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_calf_pain_with_a_numb_sole_runs_down_the_leg() -> None:
    days = [entry(n, pain("calf", "left", 6), numb("sole")) for n in (2, 1, 0)]
    assert sides(CODE, days) == {"left"}


def test_calf_and_foot_pain_without_numbness_or_tingling_is_not_radicular() -> None:
    days = [
        entry(n, pain("calf", "left", 6), pain("sole", "left", 6, qualities=["shooting"]))
        for n in (2, 1, 0)
    ]
    assert sides(CODE, days) == set()


def test_back_ache_with_heel_tingling_is_not_sciatica() -> None:
    # The case. Version 2: lower-back pain never makes a route down the leg.
    days = [entry(n, pain("lower_back", "center", 6), tingle("heel", "left")) for n in range(6)]
    assert sides(CODE, days) == set()
    assert sides("local_foot_nerve_pattern", days) == {"left"}


@pytest.mark.parametrize("back_side", ["center", "left", "right"])
def test_foot_numbness_with_lower_back_pain_is_not_sciatica(back_side: str) -> None:
    # Version 1 counted the back as "not confined to the foot"; version 2 does not.
    days = [entry(n, numb("sole"), pain("lower_back", back_side, 5)) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()


def test_mild_calf_pain_is_not_a_symptom_below_the_knee() -> None:
    days = [entry(n, pain("calf", "left", 2), pain("thigh_back", "left", 6)) for n in (2, 1, 0)]
    days += [entry(3, numb("thigh_back")), entry(4, numb("thigh_back"))]
    assert sides(CODE, days) == set()


def test_numbness_in_the_back_does_not_count_as_leg_numbness() -> None:
    days = [
        entry(n, pain("calf"), pain("thigh_back"), numb("lower_back", "left")) for n in (2, 1, 0)
    ]
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
    assert finding.summary.startswith(
        "Left leg symptoms along a nerve, reaching below the knee, on 3 of 3"
    )


def test_check_ins_of_one_day_merge_into_one_region_day() -> None:
    # The day's calf is its worst check-in (6, not the evening's 0), and the morning's
    # tingling belongs to the same region-day.
    days = [
        entry(
            n,
            tingle("calf", "left", 1, "morning"),
            pain("calf", "left", 6, "evening"),
            pain("thigh_back", "left", 5, "evening"),
        )
        for n in (2, 1)
    ]
    days.append(
        entry(
            0,
            pain("calf", "left", 6, "morning"),
            pain("calf", "left", 0, "evening"),
            pain("thigh_back", "left", 5),
        )
    )
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
