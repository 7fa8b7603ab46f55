"""post_trauma_nerve_injury and post_procedure_sciatic_neuropathy (version 2): numbness,
tingling or a weakness sign after an event, on 2 or more days. Pain alone is not enough."""

from __future__ import annotations

import pytest

from journal.rules import DayEntry
from journal.rules.findings import date_words
from tests.journal.rules_builders import (
    anchor,
    back,
    entry,
    event,
    found,
    numb,
    pain,
    sides,
    sign,
    tingle,
)

TRAUMA = "post_trauma_nerve_injury"
PROCEDURE = "post_procedure_sciatic_neuropathy"


def foot_days(*days_back: int, side: str = "left") -> list[DayEntry]:
    """A numb sole (version 2: pain alone after an injury does not count)."""
    return [entry(n, numb("sole", side, 5)) for n in days_back]


# --- post_trauma_nerve_injury -------------------------------------------------------------


def test_foot_symptoms_on_two_days_after_a_knee_injury_are_flagged_on_its_side() -> None:
    injury = event("trauma", "knee", "left", 10)
    (finding,) = found(TRAUMA, foot_days(6, 2), [injury])
    assert finding.side == "left"
    assert finding.evidence_dates == (back(6), back(2))
    assert finding.summary == (
        f"Injury or fall (left knee) on {date_words(back(10))}; numbness, tingling or "
        "weakness in the left leg on 2 logged days since; no day before it was logged"
    )
    assert finding.clinician_summary == (
        f"Injury or fall (left knee) on {date_words(back(10))}; left sensory or motor "
        "symptoms on 2 logged days after; no pre-event baseline in the journal"
    )
    assert "left leg" in finding.explanation
    assert "after an injury" in finding.explanation


def test_an_ankle_sprain_with_ankle_pain_is_not_a_nerve_injury() -> None:
    # The case: the injury itself hurts; that says nothing about a nerve.
    days = [
        entry(n, pain("ankle_outer", "left", 7), pain("foot_outer", "left", 5)) for n in range(8)
    ]
    assert sides(TRAUMA, days, [event("trauma", "ankle", "left", 10)]) == set()


def test_tingling_or_a_weakness_sign_after_an_injury_counts_like_numbness() -> None:
    days = [
        entry(6, tingle("big_toe", "left")),
        entry(2, signs=[sign("foot_lift_difficulty", "left")]),
        anchor(),
    ]
    assert sides(TRAUMA, days, [event("trauma", "knee", "left", 10)]) == {"left"}


def test_a_weakness_sign_on_the_other_side_is_not_explained_by_the_injury() -> None:
    days = [entry(n, signs=[sign("leg_weakness", "right")]) for n in (6, 2)]
    assert sides(TRAUMA, days, [event("trauma", "knee", "left", 10)]) == set()


def test_a_logged_day_before_the_injury_is_a_baseline() -> None:
    days = [entry(12, pain("knee", "left", 2)), *foot_days(6, 2)]
    (finding,) = found(TRAUMA, days, [event("trauma", "knee", "left", 10)])
    assert finding.summary.endswith("days before it were logged")
    assert finding.clinician_summary.endswith("pre-event baseline logged")


def test_the_callers_first_logged_date_is_a_baseline_too() -> None:
    (finding,) = found(
        TRAUMA, foot_days(6, 2), [event("trauma", "knee", "left", 10)], first_logged_on=back(200)
    )
    assert finding.summary.endswith("days before it were logged")


def test_one_day_of_foot_symptoms_after_an_injury_is_not_enough() -> None:
    assert sides(TRAUMA, [*foot_days(2), anchor()], [event("trauma", "knee", "left", 10)]) == set()


def test_symptoms_on_the_day_of_the_injury_do_not_count_as_after_it() -> None:
    assert sides(TRAUMA, foot_days(5, 2), [event("trauma", "ankle", "left", 5)]) == set()


def test_foot_symptoms_on_the_other_side_are_not_explained_by_the_injury() -> None:
    days = foot_days(6, 2, side="right")
    assert sides(TRAUMA, days, [event("trauma", "knee", "left", 10)]) == set()


@pytest.mark.parametrize("site", ["hip", "lower_back", "ankle", "knee"])
def test_injuries_at_the_hip_back_knee_or_ankle_count(site: str) -> None:
    assert sides(TRAUMA, foot_days(6, 2), [event("trauma", site, "left", 10)]) == {"left"}


@pytest.mark.parametrize("site", ["foot", "buttock", "other"])
def test_injuries_elsewhere_do_not_count(site: str) -> None:
    assert sides(TRAUMA, foot_days(6, 2), [event("trauma", site, "left", 10)]) == set()


def test_leg_pain_above_the_ankle_after_an_injury_is_not_enough() -> None:
    days = [entry(n, pain("calf", "left", 6)) for n in (6, 2)]
    assert sides(TRAUMA, days, [event("trauma", "knee", "left", 10)]) == set()


def test_numbness_in_the_leg_above_the_ankle_counts() -> None:
    # Version 2: "in the leg or foot", no longer the foot only.
    days = [entry(n, numb("calf", "left", 6)) for n in (6, 2)]
    assert sides(TRAUMA, days, [event("trauma", "knee", "left", 10)]) == {"left"}


@pytest.mark.parametrize("unknown", [None, "center"])
def test_an_injury_of_unknown_side_takes_the_side_of_the_symptoms(unknown: str | None) -> None:
    days = foot_days(6, 2, side="right")
    assert sides(TRAUMA, days, [event("trauma", "lower_back", unknown, 10)]) == {"right"}


def test_an_injury_of_unknown_side_can_explain_both_feet() -> None:
    days = foot_days(6, 2, side="right") + foot_days(5, 1, side="left")
    assert sides(TRAUMA, days, [event("trauma", "lower_back", None, 10)]) == {"left", "right"}


def test_symptoms_split_between_the_feet_after_an_unknown_side_injury_have_no_side() -> None:
    days = foot_days(6, side="right") + foot_days(2, side="left")
    (finding,) = found(TRAUMA, days, [event("trauma", "hip", None, 10)])
    assert finding.side is None
    assert "in one leg or the other on 2 logged days since" in finding.summary
    assert "legs" in finding.explanation


def test_an_injury_fifty_five_days_back_is_within_its_look_back() -> None:
    assert sides(TRAUMA, foot_days(6, 0), [event("trauma", "knee", "left", 55)]) == {"left"}


def test_an_injury_fifty_six_days_back_is_outside_its_look_back() -> None:
    assert sides(TRAUMA, foot_days(6, 0), [event("trauma", "knee", "left", 56)]) == set()


def test_only_symptoms_of_the_current_window_count() -> None:
    days = [*foot_days(20, 15), anchor()]
    assert sides(TRAUMA, days, [event("trauma", "knee", "left", 40)]) == set()


def test_an_injury_after_the_latest_entry_is_ignored() -> None:
    assert sides(TRAUMA, foot_days(6, 2), [event("trauma", "knee", "left", -3)]) == set()


def test_the_earliest_injury_explaining_a_side_is_reported() -> None:
    injuries = [event("trauma", "knee", "left", 4), event("trauma", "ankle", None, 9)]
    (finding,) = found(TRAUMA, foot_days(8, 6, 2), injuries)
    assert finding.summary.startswith(f"Injury or fall (ankle) on {date_words(back(9))}")
    assert finding.evidence_dates == (back(8), back(6), back(2))


# --- post_procedure_sciatic_neuropathy ----------------------------------------------------


def leg_days(*days_back: int, side: str = "left") -> list[DayEntry]:
    """Numbness down the back of the thigh (version 2: pain alone does not count)."""
    return [entry(n, numb("thigh_back", side, 5)) for n in days_back]


def test_leg_symptoms_on_two_days_after_hip_surgery_are_flagged_on_its_side() -> None:
    surgery = event("hip_surgery", "hip", "left", 60)
    (finding,) = found(PROCEDURE, leg_days(6, 2), [surgery])
    assert finding.side == "left"
    assert finding.summary == (
        f"Hip surgery (left hip) on {date_words(back(60))}; numbness, tingling or weakness "
        "in the left leg on 2 logged days since; no day before it was logged"
    )
    assert finding.clinician_summary.endswith(
        "left sensory or motor symptoms on 2 logged days after; "
        "no pre-event baseline in the journal"
    )
    assert "left leg" in finding.explanation
    assert "hip surgery or an injection near the hip or buttock" in finding.explanation
    assert "sciatic nerve" in finding.explanation


def test_the_procedure_summary_says_when_days_before_it_were_logged() -> None:
    days = [entry(70, pain("lower_back", "center", 3)), *leg_days(6, 2)]
    (finding,) = found(PROCEDURE, days, [event("hip_surgery", "hip", "left", 60)])
    assert finding.summary.endswith("; days before it were logged")
    assert finding.clinician_summary.endswith("; pre-event baseline logged")


def test_ordinary_pain_after_a_hip_replacement_is_not_a_sciatic_neuropathy() -> None:
    # The case: pain in the hip, buttock and thigh is expected after the operation.
    days = [
        entry(
            n, pain("buttock", "left", 6), pain("thigh_front", "left", 5), pain("knee", "left", 4)
        )
        for n in range(10)
    ]
    assert sides(PROCEDURE, days, [event("hip_surgery", "hip", "left", 20)]) == set()


def test_a_weakness_sign_after_hip_surgery_counts() -> None:
    days = [entry(n, signs=[sign("knee_buckling", "left")]) for n in (6, 2)]
    assert sides(PROCEDURE, days, [event("hip_surgery", "hip", "left", 20)]) == {"left"}


def test_one_day_of_leg_symptoms_after_hip_surgery_is_not_enough() -> None:
    assert (
        sides(PROCEDURE, [*leg_days(2), anchor()], [event("hip_surgery", "hip", "left", 30)])
        == set()
    )


@pytest.mark.parametrize("site", ["hip", "buttock"])
def test_an_injection_at_the_hip_or_buttock_counts(site: str) -> None:
    days = leg_days(6, 2, side="right")
    assert sides(PROCEDURE, days, [event("injection", site, "right", 20)]) == {"right"}


@pytest.mark.parametrize("site", ["lower_back", "knee", "other"])
def test_an_injection_elsewhere_does_not_count(site: str) -> None:
    assert sides(PROCEDURE, leg_days(6, 2), [event("injection", site, "left", 20)]) == set()


@pytest.mark.parametrize("kind", ["back_surgery", "trauma", "other"])
def test_other_events_at_the_hip_do_not_count(kind: str) -> None:
    assert sides(PROCEDURE, leg_days(6, 2), [event(kind, "hip", "left", 20)]) == set()


def test_symptoms_on_the_other_leg_after_a_sided_procedure_do_not_count() -> None:
    days = leg_days(6, 2, side="right")
    assert sides(PROCEDURE, days, [event("hip_surgery", "hip", "left", 20)]) == set()


def test_a_procedure_of_unknown_side_takes_the_side_of_the_symptoms() -> None:
    days = leg_days(6, 2, side="right")
    assert sides(PROCEDURE, days, [event("hip_surgery", "hip", None, 20)]) == {"right"}


def test_symptoms_on_either_leg_count_when_the_side_is_unknown() -> None:
    days = leg_days(6, side="right") + leg_days(2, side="left")
    assert sides(PROCEDURE, days, [event("injection", "buttock", None, 20)]) == {None}


def test_a_procedure_eighty_nine_days_back_is_within_its_look_back() -> None:
    assert sides(PROCEDURE, leg_days(6, 0), [event("hip_surgery", "hip", "left", 89)]) == {"left"}


def test_a_procedure_ninety_days_back_is_outside_its_look_back() -> None:
    assert sides(PROCEDURE, leg_days(6, 0), [event("hip_surgery", "hip", "left", 90)]) == set()


def test_mild_leg_pain_after_a_procedure_is_not_a_symptom() -> None:
    days = [entry(n, pain("thigh_back", "left", 2)) for n in (6, 2)]
    assert sides(PROCEDURE, days, [event("hip_surgery", "hip", "left", 20)]) == set()


def test_two_check_ins_on_one_day_after_an_injury_are_one_day() -> None:
    days = [
        entry(2, numb("sole", "left", 5, "morning")),
        entry(2, tingle("heel", "left", 6, "evening")),
        anchor(),
    ]
    assert sides(TRAUMA, days, [event("trauma", "ankle", "left", 10)]) == set()
