"""cauda_equina_red_flag (urgent) and cauda_equina_warning (prompt), in analyse and on the
write path (`urgent_findings`). Criteria (a)-(f) and the warning's three are rules.md's;
the case table tests/red_flag_cases.json runs the same screen on the phone too."""

from __future__ import annotations

import pytest

from journal.rules import DayEntry, SymptomReading, urgent_findings
from journal.rules.findings import date_words
from tests.journal.rules_builders import (
    anchor,
    back,
    entry,
    found,
    numb,
    pain,
    screened,
    sides,
    sign,
    tingle,
)

CODE = "cauda_equina_red_flag"
WARNING = "cauda_equina_warning"


def radicular(days_back: int, side: str = "left", *signs_: str) -> DayEntry:
    """Calf pain with back-of-thigh numbness on one side: radicular leg symptoms."""
    return entry(
        days_back,
        pain("calf", side, 6),
        numb("thigh_back", side),
        signs=[sign(code, side) for code in signs_],
    )


def both_legs(days_back: int, *signs: tuple[str, str]) -> DayEntry:
    """Radicular leg symptoms on both sides, with the given (sign, side) pairs."""
    return entry(
        days_back,
        pain("calf", "left", 6),
        numb("thigh_back", "left"),
        pain("calf", "right", 6),
        numb("thigh_back", "right"),
        signs=[sign(code, side) for code, side in signs],
    )


def screen_codes(days: list[DayEntry]) -> list[str]:
    return [code for code, _ in screened(days)]


# --- (a) numbness or tingling in the saddle area or genitals ------------------------------


@pytest.mark.parametrize("side", ["left", "right", "center"])
def test_saddle_numbness_on_any_side_alone_is_urgent(side: str) -> None:
    (finding,) = found(CODE, [entry(0, numb("saddle", side))])
    assert finding.severity == "urgent"
    assert finding.side is None
    assert finding.evidence_dates == (back(0),)
    assert finding.explanation.startswith("Seek emergency care now")


def test_saddle_tingling_is_urgent() -> None:
    assert sides(CODE, [entry(0, tingle("saddle", "center"))]) == {None}


def test_genital_numbness_logged_on_the_left_of_the_saddle_is_urgent() -> None:
    # The case: numbness of the genitals is logged on `saddle`, here on the left.
    assert screen_codes([entry(0, numb("saddle", "left"))]) == [CODE]


def test_saddle_pain_without_numbness_or_tingling_is_not_a_red_flag() -> None:
    assert sides(CODE, [entry(0, pain("saddle", "center", 8))]) == set()
    assert sides(WARNING, [entry(0, pain("saddle", "center", 8))]) == set()


# --- (b) bladder or bowel change with back or leg symptoms --------------------------------


@pytest.mark.parametrize("change", ["bladder_change", "bowel_change"])
@pytest.mark.parametrize(
    "symptom",
    [pain("lower_back", "center", 4), pain("calf", "right", 6), numb("sole", "left")],
)
def test_bladder_or_bowel_change_with_back_or_leg_symptoms_the_same_day_is_urgent(
    change: str, symptom: SymptomReading
) -> None:
    assert sides(CODE, [entry(0, symptom, signs=[sign(change)])]) == {None}


def test_mild_back_pain_is_enough_beside_a_bladder_change() -> None:
    # Chosen on purpose: below the "symptomatic" 3, but a red flag must not be missed.
    assert sides(CODE, [entry(0, pain("lower_back", "center", 1), signs=[sign("bladder_change")])])


def test_pain_one_in_a_leg_is_enough_beside_a_bowel_change() -> None:
    assert sides(CODE, [entry(0, pain("thigh_front", "left", 1), signs=[sign("bowel_change")])])


def test_a_pain_free_reading_beside_a_bladder_change_is_the_warning_not_the_red_flag() -> None:
    day = entry(0, pain("lower_back", "center", 0), signs=[sign("bladder_change")])
    assert sides(CODE, [day]) == set()
    assert sides(WARNING, [day]) == {None}


def test_saddle_pain_is_not_a_back_or_leg_symptom() -> None:
    day = entry(0, pain("saddle", "center", 6), signs=[sign("bladder_change")])
    assert screen_codes([day]) == [WARNING]


def test_bladder_change_and_leg_pain_in_separate_check_ins_of_one_day_are_urgent() -> None:
    morning = entry(0, pain("calf", "left", 5, part="morning"))
    evening = entry(0, signs=[sign("bladder_change")])
    assert sides(CODE, [morning, evening]) == {None}


def test_a_bladder_change_a_day_after_leg_pain_is_urgent() -> None:
    # Version 2: the back or leg symptoms may be on any logged day of the 14 before.
    days = [entry(1, pain("calf", "left")), entry(0, signs=[sign("bladder_change")])]
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(0),)


def test_nine_days_of_sciatica_then_a_day_with_only_a_bladder_change_is_urgent() -> None:
    # The case: the bladder change is logged on a day without leg pain.
    days = [radicular(n, "right") for n in range(9, 0, -1)]
    days.append(entry(0, signs=[sign("bladder_change")]))
    assert screened(days, written=[0]) == [(CODE, (back(0),))]
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(0),)


def test_leg_symptoms_fourteen_days_before_a_bladder_change_count() -> None:
    days = [entry(14, pain("calf", "left", 4)), entry(0, signs=[sign("bladder_change")])]
    assert screen_codes(days) == [CODE]
    assert sides(CODE, days) == {None}  # analyse reaches before its window to look back


def test_leg_symptoms_fifteen_days_before_a_bladder_change_do_not_count() -> None:
    days = [entry(15, pain("calf", "left", 4)), entry(0, signs=[sign("bladder_change")])]
    assert screen_codes(days) == [WARNING]
    assert sides(CODE, days) == set()
    assert sides(WARNING, days) == {None}


def test_leg_symptoms_after_a_bladder_change_do_not_count_for_it() -> None:
    days = [entry(2, signs=[sign("bladder_change")]), entry(0, pain("calf", "left", 6))]
    assert screen_codes(days) == [WARNING]


# --- (c) sexual function change with radicular leg symptoms --------------------------------


def test_a_sexual_function_change_with_radicular_leg_symptoms_is_urgent() -> None:
    day = entry(0, pain("calf", "left", 6), numb("thigh_back", "left"))
    day = entry(0, *day.symptoms, signs=[sign("sexual_function_change")])
    assert sides(CODE, [day]) == {None}


@pytest.mark.parametrize(("days_back", "code"), [(14, CODE), (15, WARNING)])
def test_radicular_symptoms_count_for_a_sexual_change_up_to_fourteen_days_before(
    days_back: int, code: str
) -> None:
    days = [radicular(days_back, "right"), entry(0, signs=[sign("sexual_function_change")])]
    assert screen_codes(days) == [code]


@pytest.mark.parametrize(
    "symptom",
    [pain("lower_back", "center", 6), pain("calf", "right", 6), numb("sole", "left")],
)
def test_a_sexual_function_change_with_symptoms_that_are_not_radicular_is_the_warning(
    symptom: SymptomReading,
) -> None:
    # Version 2: back pain or a calf alone is not enough for the red flag.
    day = entry(0, symptom, signs=[sign("sexual_function_change")])
    assert sides(CODE, [day]) == set()
    assert sides(WARNING, [day]) == {None}


# --- (d) foot-lift or toe-stand weakness on both sides the same day -----------------------


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("foot_lift_difficulty", "foot_lift_difficulty"),
        ("toe_stand_difficulty", "toe_stand_difficulty"),
        ("foot_lift_difficulty", "toe_stand_difficulty"),
        ("toe_stand_difficulty", "foot_lift_difficulty"),
    ],
)
def test_foot_lift_or_toe_stand_weakness_on_both_sides_the_same_day_is_urgent(
    left: str, right: str
) -> None:
    day = entry(0, signs=[sign(left, "left"), sign(right, "right")])
    assert sides(CODE, [day]) == {None}
    assert sides(WARNING, [day]) == set()


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("leg_weakness", "leg_weakness"),
        ("knee_buckling", "knee_buckling"),
        ("knee_buckling", "leg_weakness"),
    ],
)
def test_leg_weakness_or_knee_buckling_on_both_sides_is_the_warning(left: str, right: str) -> None:
    # Version 2: both knees giving way is more often the knees than the spine.
    day = entry(0, signs=[sign(left, "left"), sign(right, "right")])
    assert sides(CODE, [day]) == set()
    (finding,) = found(WARNING, [day])
    assert finding.severity == "prompt"
    assert finding.evidence_dates == (back(0),)


@pytest.mark.parametrize(
    ("left", "right"),
    [("foot_lift_difficulty", "leg_weakness"), ("knee_buckling", "toe_stand_difficulty")],
)
def test_foot_weakness_on_one_side_and_general_weakness_on_the_other_is_the_warning(
    left: str, right: str
) -> None:
    # red_flags.py reads any weakness on both sides that is not (d) or (f) as the warning.
    day = entry(0, signs=[sign(left, "left"), sign(right, "right")])
    assert screen_codes([day]) == [WARNING]


def test_both_knees_buckling_without_leg_symptoms_is_the_warning_not_the_red_flag() -> None:
    days = [
        entry(n, signs=[sign("knee_buckling", "left"), sign("knee_buckling", "right")])
        for n in (2, 0)
    ]
    assert screen_codes(days) == [WARNING]
    assert {f.code for f in found(CODE, days) + found(WARNING, days)} == {WARNING}


def test_weakness_on_one_side_is_neither() -> None:
    day = entry(
        0, signs=[sign("foot_lift_difficulty", "left"), sign("toe_stand_difficulty", "left")]
    )
    assert screen_codes([day]) == []


def test_weakness_on_each_side_on_different_days_is_neither() -> None:
    days = [
        entry(1, signs=[sign("foot_lift_difficulty", "left")]),
        entry(0, signs=[sign("foot_lift_difficulty", "right")]),
    ]
    assert screen_codes(days) == []


def test_tripping_on_both_sides_is_not_weakness() -> None:
    day = entry(0, signs=[sign("tripping", "left", 2), sign("tripping", "right", 1)])
    assert screen_codes([day]) == []


# --- (e) progressive weakness on both sides ------------------------------------------------


def progressive_both(logged: int) -> list[DayEntry]:
    """`logged` days ending at END; a weakness sign on each side early on, then two a side
    on each of the last two days."""
    days = [entry(n) for n in range(logged - 1, 2, -1)]
    days[0] = entry(logged - 1, signs=[sign("leg_weakness", "left"), sign("leg_weakness", "right")])
    days.append(entry(2))
    two_each = [
        sign(code, side) for code in ("leg_weakness", "knee_buckling") for side in ("left", "right")
    ]
    days += [entry(n, signs=two_each) for n in (1, 0)]
    return days


def test_weakness_getting_worse_on_both_sides_over_six_logged_days_is_urgent() -> None:
    days = progressive_both(6)
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(0),)
    assert "progressive bilateral weakness" in finding.clinician_summary.lower()
    assert found(WARNING, days) == []


def test_over_five_logged_days_it_is_only_the_warning() -> None:
    days = progressive_both(5)
    assert sides(CODE, days) == set()
    assert sides(WARNING, days) == {None}


def test_progressive_weakness_on_one_side_only_is_not_urgent() -> None:
    weak = [sign("leg_weakness", "left"), sign("knee_buckling", "left")]
    days = [entry(n) for n in (5, 4, 3)] + [entry(n, signs=weak) for n in (2, 1, 0)]
    assert sides(CODE, days) == set()
    assert sides("progressive_weakness", days) == {"left"}


# --- (f) bilateral sciatica with bilateral weakness ---------------------------------------


def test_radicular_symptoms_and_weakness_on_both_sides_the_same_day_is_urgent() -> None:
    day = both_legs(0, ("leg_weakness", "left"), ("knee_buckling", "right"))
    (finding,) = found(CODE, [day])
    assert "both legs" in finding.summary


def test_radicular_symptoms_on_both_sides_with_weakness_on_one_is_not_urgent() -> None:
    day = both_legs(0, ("leg_weakness", "left"))
    assert screen_codes([day]) == []


def test_radicular_symptoms_on_one_side_with_weakness_on_both_is_the_warning() -> None:
    day = radicular(0, "left", "leg_weakness")
    day = entry(0, *day.symptoms, signs=[*day.signs, sign("leg_weakness", "right")])
    assert screen_codes([day]) == [WARNING]


# --- the warning's other two criteria, and the red flag suppressing it ---------------------


@pytest.mark.parametrize("change", ["bladder_change", "bowel_change", "sexual_function_change"])
def test_a_change_without_any_symptom_is_the_warning(change: str) -> None:
    (finding,) = found(WARNING, [entry(0, signs=[sign(change)])])
    assert finding.severity == "prompt"
    assert finding.side is None
    assert sides(CODE, [entry(0, signs=[sign(change)])]) == set()


def test_the_red_flag_suppresses_the_warning_in_the_same_window() -> None:
    days = [
        entry(3, numb("saddle", "center")),
        entry(0, signs=[sign("leg_weakness", "left"), sign("leg_weakness", "right")]),
    ]
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(3),)
    assert found(WARNING, days) == []
    assert screened(days) == [(CODE, (back(3),))]


def test_a_day_meeting_the_red_flag_is_not_also_counted_for_the_warning() -> None:
    day = entry(0, numb("saddle", "left"), signs=[sign("bladder_change")])
    assert screen_codes([day]) == [CODE]


# --- the window, the summary and the texts -------------------------------------------------


def test_red_flag_thirteen_days_back_is_in_the_window() -> None:
    assert sides(CODE, [entry(13, numb("saddle", "center")), anchor()]) == {None}


def test_red_flag_fourteen_days_back_has_left_the_window() -> None:
    assert sides(CODE, [entry(14, numb("saddle", "center")), anchor()]) == set()


def test_summary_counts_each_kind_of_red_flag_day() -> None:
    days = [
        entry(2, numb("saddle", "center")),
        entry(1, pain("calf", "left"), signs=[sign("bowel_change")]),
        entry(0, numb("saddle", "center")),
    ]
    (finding,) = found(CODE, days)
    assert finding.evidence_dates == (back(2), back(1), back(0))
    assert finding.summary == (
        "Numbness or tingling in the saddle area or genitals on 2 days; a bladder or bowel "
        f"change with back or leg symptoms on 1 day; latest {date_words(back(0))}"
    )
    assert finding.clinician_summary == (
        "Saddle anaesthesia (2 days); sphincter disturbance with back/leg symptoms (1 day); "
        f"latest {date_words(back(0))}"
    )


def test_the_red_flag_explanation_names_the_signs_in_plain_words() -> None:
    (finding,) = found(CODE, [entry(0, numb("saddle", "left"))])
    text = finding.explanation
    assert text.startswith("Seek emergency care now")
    for words in (
        "numbness between the legs, on one side or both",
        "back passage",
        "genitals",
        "urine or stool",
        "You logged numbness or tingling between the legs",
    ):
        assert words in text


def test_the_warning_says_today_and_names_what_was_logged() -> None:
    (finding,) = found(WARNING, [entry(0, signs=[sign("bladder_change")])])
    assert "contact a doctor or an urgent care service today" in finding.explanation.lower()
    assert "passing or holding urine or stool" in finding.explanation
    assert "Seek emergency care at once" in finding.explanation  # the safety net
    assert finding.summary.startswith("A bladder or bowel change without back or leg symptoms")
    assert finding.clinician_summary.startswith("Isolated sphincter disturbance (1 day)")


def test_the_weakness_warning_says_both_legs() -> None:
    day = entry(0, signs=[sign("knee_buckling", "left"), sign("knee_buckling", "right")])
    (finding,) = found(WARNING, [day])
    assert "weakness in both legs" in finding.explanation
    assert finding.clinician_summary.startswith("Bilateral weakness signs (1 day)")


# --- the write path ------------------------------------------------------------------------


def test_urgent_findings_works_on_the_single_day_being_saved() -> None:
    (finding,) = urgent_findings([entry(0, numb("saddle", "center"))])
    assert finding.code == CODE
    assert finding.evidence_dates == (back(0),)


def test_urgent_findings_has_no_window() -> None:
    old = entry(40, numb("saddle", "center"))
    assert [f.code for f in urgent_findings([old, entry(0, pain("calf"))])] == [CODE]


def test_urgent_findings_screens_only_the_written_days() -> None:
    days = [entry(40, numb("saddle", "center")), entry(0, pain("calf"))]
    assert screened(days, written=[0]) == []
    assert screened(days, written=[40]) == [(CODE, (back(40),))]


def test_urgent_findings_over_several_written_days_names_each() -> None:
    days = [entry(n, numb("saddle", "right")) for n in (3, 2, 0)]
    assert screened(days, written=[2, 0]) == [(CODE, (back(2), back(0)))]


def test_urgent_findings_reports_only_the_screen() -> None:
    days = [entry(0, numb("saddle", "center"), signs=[sign("foot_lift_difficulty", "left")])]
    assert [f.code for f in urgent_findings(days)] == [CODE]


def test_urgent_findings_of_an_ordinary_day_is_empty() -> None:
    assert urgent_findings([entry(0, pain("calf", "left", 8), numb("sole", "left"))]) == ()
    assert urgent_findings([]) == ()


@pytest.mark.parametrize(("days_back", "code"), [(27, CODE), (28, WARNING)])
def test_analyse_looks_back_fourteen_days_from_the_windows_first_day(
    days_back: int, code: str
) -> None:
    days = [entry(days_back, pain("calf", "left", 4)), entry(13, signs=[sign("bladder_change")])]
    assert sides(code, [*days, anchor()]) == {None}
