"""serious_pathology_warning (prompt, version 2): back or leg symptoms in the window with a
sign of a serious cause: fever with back symptoms, night pain on 3 days, weight loss,
cancer in the history with back symptoms on 3 days, or fever or weakness within 90 days
after back surgery or a lower-back injection."""

from __future__ import annotations

import pytest

from journal.rules import SymptomReading
from tests.journal.rules_builders import back, entry, event, found, pain, sides, sign, tingle

CODE = "serious_pathology_warning"
BACK = pain("lower_back", "center", 4)
LEG = pain("calf", "left", 4)


# --- fever on a day with back symptoms -----------------------------------------------------


def test_fever_on_a_day_with_back_pain_is_prompt() -> None:
    (finding,) = found(CODE, [entry(2, BACK), entry(0, BACK, signs=[sign("fever")])])
    assert finding.severity == "prompt"
    assert finding.side is None
    assert finding.evidence_dates == (back(0),)
    assert finding.summary == "A temperature on a day with back symptoms on 1 day"
    assert finding.clinician_summary == "Fever with back pain (1 day)"
    assert "a temperature alongside back pain" in finding.explanation
    assert "infection" in finding.explanation
    assert "contact a doctor or an urgent care service today" in finding.explanation.lower()
    assert "Seek emergency care at once if you notice" in finding.explanation


@pytest.mark.parametrize("reading", [pain("lower_back", "left", 1), tingle("lower_back", "center")])
def test_any_back_symptom_is_enough_beside_fever(reading: SymptomReading) -> None:
    assert sides(CODE, [entry(0, reading, signs=[sign("fever")])]) == {None}


def test_fever_with_a_pain_free_back_is_not_raised() -> None:
    assert (
        sides(CODE, [entry(0, pain("lower_back", "center", 0), LEG, signs=[sign("fever")])])
        == set()
    )


def test_fever_with_leg_symptoms_only_is_not_raised() -> None:
    assert sides(CODE, [entry(0, LEG, signs=[sign("fever")])]) == set()


def test_fever_and_back_pain_on_different_days_are_not_raised() -> None:
    assert sides(CODE, [entry(1, BACK), entry(0, signs=[sign("fever")])]) == set()


# --- night pain, weight loss -------------------------------------------------------------


def test_night_pain_on_three_days_with_leg_symptoms_in_the_window_is_prompt() -> None:
    days = [entry(9, LEG)] + [entry(n, signs=[sign("night_pain")]) for n in (4, 2, 0)]
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(4), back(2), back(0))
    assert finding.clinician_summary == "Non-mechanical night pain (3 days)"


def test_night_pain_on_two_days_is_not_enough() -> None:
    days = [entry(9, LEG)] + [entry(n, signs=[sign("night_pain")]) for n in (2, 0)]
    assert sides(CODE, days) == set()


def test_night_pain_without_back_or_leg_symptoms_is_not_raised() -> None:
    days = [entry(n, signs=[sign("night_pain")]) for n in (4, 2, 0)]
    assert sides(CODE, days) == set()


def test_weight_loss_on_one_day_with_symptoms_in_the_window_is_prompt() -> None:
    (finding,) = found(CODE, [entry(5, BACK), entry(0, signs=[sign("weight_loss")])])
    assert finding.evidence_dates == (back(0),)
    assert "weight loss without trying" in finding.explanation


def test_weight_loss_without_symptoms_is_not_raised() -> None:
    assert sides(CODE, [entry(0, signs=[sign("weight_loss")])]) == set()


def test_symptoms_before_the_window_do_not_count() -> None:
    assert sides(CODE, [entry(14, BACK), entry(0, signs=[sign("weight_loss")])]) == set()


# --- cancer in the health history ----------------------------------------------------------


def test_cancer_in_the_history_with_back_symptoms_on_three_days_is_prompt() -> None:
    days = [entry(n, BACK) for n in (6, 3, 0)]
    (finding,) = found(CODE, days, health_history=["cancer"])
    assert finding.evidence_dates == (back(6), back(3), back(0))
    assert finding.clinician_summary == "Back pain, history of cancer (3 days)"
    assert "someone who has had cancer" in finding.explanation


def test_cancer_with_back_symptoms_on_two_days_is_not_enough() -> None:
    days = [entry(n, BACK) for n in (3, 0)]
    assert sides(CODE, days, health_history=["cancer"]) == set()


def test_cancer_with_leg_symptoms_only_is_not_raised() -> None:
    days = [entry(n, LEG) for n in (6, 3, 0)]
    assert sides(CODE, days, health_history=["cancer"]) == set()


def test_back_symptoms_without_cancer_in_the_history_are_not_raised() -> None:
    days = [entry(n, BACK) for n in (6, 3, 0)]
    assert sides(CODE, days) == set()
    assert sides(CODE, days, health_history=["osteoporosis", "diabetes"]) == set()


# --- after back surgery or a lower-back injection ------------------------------------------


@pytest.mark.parametrize(
    ("kind", "site"), [("back_surgery", "lower_back"), ("injection", "lower_back")]
)
def test_weakness_after_a_spinal_procedure_is_prompt(kind: str, site: str) -> None:
    days = [entry(0, LEG, signs=[sign("leg_weakness", "right")])]
    (finding,) = found(CODE, days, [event(kind, site, None, 30)])
    assert finding.clinician_summary == (
        "Fever or weakness within 90 days of spinal surgery/injection (1 day)"
    )
    assert "after back surgery or a back injection" in finding.explanation


def test_fever_after_a_spinal_procedure_counts_without_back_symptoms_that_day() -> None:
    days = [entry(3, LEG), entry(0, signs=[sign("fever")])]
    assert sides(CODE, days, [event("back_surgery", "lower_back", None, 20)]) == {None}


@pytest.mark.parametrize(("days_before", "raised"), [(90, True), (91, False), (0, False)])
def test_the_procedure_counts_up_to_ninety_days_before_the_day(
    days_before: int, raised: bool
) -> None:
    days = [entry(0, LEG, signs=[sign("knee_buckling", "left")])]
    expected = {None} if raised else set()
    assert sides(CODE, days, [event("back_surgery", "lower_back", None, days_before)]) == expected


@pytest.mark.parametrize(
    ("kind", "site"), [("injection", "hip"), ("hip_surgery", "hip"), ("trauma", "lower_back")]
)
def test_other_events_are_not_spinal_procedures(kind: str, site: str) -> None:
    days = [entry(0, LEG, signs=[sign("leg_weakness", "left")])]
    assert sides(CODE, days, [event(kind, site, None, 10)]) == set()


def test_a_spinal_procedure_without_fever_or_weakness_is_not_raised() -> None:
    days = [entry(n, BACK, LEG) for n in (2, 1, 0)]
    assert sides(CODE, days, [event("back_surgery", "lower_back", None, 10)]) == set()


# --- several criteria ------------------------------------------------------------------------


def test_the_summary_names_each_criterion_met() -> None:
    days = [
        entry(4, BACK, signs=[sign("fever")]),
        entry(2, LEG, signs=[sign("weight_loss")]),
        entry(0, BACK),
    ]
    (finding,) = found(CODE, days, health_history=["cancer"])
    # Back symptoms on 2 days: the cancer criterion (3 days) is not met and not named.
    assert finding.summary == (
        "A temperature on a day with back symptoms on 1 day; weight loss without trying on 1 day"
    )
    assert finding.evidence_dates == (back(4), back(2))
    assert "a temperature alongside back pain and weight loss without trying" in finding.explanation
