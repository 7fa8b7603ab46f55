"""The rule set as a whole: merging, the window, ordering, and what every finding says."""

from __future__ import annotations

import re

import pytest

from journal.rules import (
    FLAG_CODES,
    FLAG_SEVERITIES,
    FLAG_TITLES,
    NOT_A_DIAGNOSIS,
    RULE_VERSION,
    DayEntry,
    analyse,
    thresholds,
)
from journal.rules.texts import explanation
from journal.vocabulary import SEVERITIES
from tests.journal.rules_builders import (
    anchor,
    entry,
    event,
    flags,
    numb,
    pain,
    sign,
    tingle,
)


def busy_journal() -> list[DayEntry]:
    """A left S1 pattern with foot drop, right local foot tingling, and one saddle day."""
    days = [
        entry(n, numb("calf", "left", 6), pain("thigh_back", "left", 5), tingle("sole", "right"))
        for n in (6, 4, 2)
    ]
    days.append(entry(1, signs=[sign("foot_lift_difficulty", "left")]))
    days.append(entry(0, numb("saddle", "center")))
    return days


def test_no_entries_give_no_findings() -> None:
    assert analyse([], []) == ()
    assert analyse([], [event("trauma", "knee", "left", 3)]) == ()


def test_findings_come_most_pressing_first_then_by_evidence_days_code_and_side() -> None:
    findings = analyse(busy_journal(), [])
    keys = [(f.severity, f.code, f.side) for f in findings]
    assert keys == [
        ("urgent", "cauda_equina_red_flag", None),
        ("prompt", "foot_drop", "left"),
        ("see_specialist", "s1_pattern", "left"),
        ("monitor", "bilateral_leg_symptoms", None),  # 3 days each: then by code
        ("monitor", "local_foot_nerve_pattern", "right"),
    ]
    ranks = [SEVERITIES.index(severity) for severity, _, _ in keys]
    assert ranks == sorted(ranks)


def test_within_a_severity_more_evidence_days_come_first() -> None:
    # Version 2: an event-based flag never outranks a root pattern with more evidence days,
    # although its code sorts first.
    days = [entry(n, numb("calf", "left", 6), pain("thigh_back", "left", 5)) for n in range(5)]
    findings = analyse(days, [event("trauma", "knee", "left", 2)])
    assert [(f.code, len(f.evidence_dates)) for f in findings] == [
        ("s1_pattern", 5),
        ("sciatica", 5),
        ("post_trauma_nerve_injury", 2),
    ]


def test_flags_on_both_sides_are_ordered_left_then_right() -> None:
    lift = [sign("foot_lift_difficulty", "right"), sign("foot_lift_difficulty", "left")]
    findings = analyse([entry(0, signs=lift)], [])
    assert [(f.code, f.side) for f in findings] == [
        ("cauda_equina_red_flag", None),  # weakness on both sides the same day
        ("foot_drop", "left"),
        ("foot_drop", "right"),
    ]


def test_the_order_of_the_entries_does_not_matter() -> None:
    days = busy_journal()
    assert analyse(days, []) == analyse(list(reversed(days)), [])


def test_a_day_sent_in_pieces_is_analysed_as_one_day() -> None:
    whole = [entry(n, pain("calf", "left", 6), numb("thigh_back")) for n in (4, 2, 0)]
    pieces = [entry(n, pain("calf", "left", 6)) for n in (4, 2, 0)]
    pieces += [entry(n, numb("thigh_back")) for n in (4, 2, 0)]
    assert analyse(pieces, []) == analyse(whole, [])


def test_the_window_ends_at_the_latest_entry_even_an_empty_one() -> None:
    days = [entry(n, pain("calf", "left", 6), numb("thigh_back")) for n in (16, 15, 14)]
    assert ("sciatica", "left") in flags(days)
    assert ("sciatica", "left") not in flags([*days, anchor()])


def test_every_code_has_a_title_and_a_severity() -> None:
    assert set(FLAG_TITLES) == set(FLAG_SEVERITIES) == set(FLAG_CODES)
    assert len(FLAG_CODES) == 19  # version 2 adds five
    assert set(FLAG_SEVERITIES.values()) <= set(SEVERITIES)
    assert FLAG_TITLES["sciatica"] == "One-sided leg pain with numbness"
    assert FLAG_SEVERITIES["cauda_equina_red_flag"] == "urgent"
    assert FLAG_SEVERITIES["foot_drop"] == "prompt"
    assert FLAG_SEVERITIES["local_foot_nerve_pattern"] == "monitor"
    assert FLAG_SEVERITIES["bilateral_leg_symptoms"] == "monitor"


def test_findings_carry_their_codes_title_and_severity() -> None:
    for finding in analyse(busy_journal(), []):
        assert finding.title == FLAG_TITLES[finding.code]
        assert finding.severity == FLAG_SEVERITIES[finding.code]
        assert finding.evidence_dates == tuple(sorted(set(finding.evidence_dates)))
        assert finding.first_evidence_on == finding.evidence_dates[0]
        assert finding.last_evidence_on == finding.evidence_dates[-1]
        assert "\n" not in finding.summary
        assert re.search(r"\d", finding.summary)


def test_rule_version_is_a_dated_version_string() -> None:
    assert re.fullmatch(r"\d{4}\.\d{1,2}\.\d+", RULE_VERSION)


def test_thresholds_are_named_in_one_module() -> None:
    assert thresholds.WINDOW_DAYS == 14
    assert thresholds.FOOTWEAR_WINDOW_DAYS == 28
    assert thresholds.SCIATICA_MIN_DAYS == 3
    assert thresholds.ONE_SIDED_SHARE == 0.8
    assert thresholds.ROOT_SHARE == 0.6
    assert thresholds.WORSENING_MIN_SLOPE == 0.15


ALL_SIDES = [(code, side) for code in FLAG_CODES for side in ("left", "right", None)]


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.!?])\s+", text.strip()) if part]


@pytest.mark.parametrize(("code", "side"), ALL_SIDES)
def test_every_explanation_is_two_to_four_sentences_ending_with_the_reminder(
    code: str, side: str | None
) -> None:
    # Version 2 adds the reminder after two to four sentences (the safety net among them).
    text = explanation(code, side)
    assert text.endswith(NOT_A_DIAGNOSIS)
    assert 2 <= len(sentences(text.removesuffix(NOT_A_DIAGNOSIS))) <= 4
    assert "you have" not in text.lower()


# rules.md, "Explanations": 'Never "you have"; always "this pattern".'
@pytest.mark.parametrize("code", FLAG_CODES)
def test_every_explanation_says_this_pattern(code: str) -> None:
    assert "this pattern" in explanation(code, None).lower()


@pytest.mark.parametrize(("code", "side"), [(c, s) for c, s in ALL_SIDES if s])
def test_sided_explanations_name_the_side(code: str, side: str) -> None:
    text = explanation(code, side)
    if code in {
        "cauda_equina_red_flag",
        "cauda_equina_warning",
        "bilateral_sciatica",
        "serious_pathology_warning",
        "neurogenic_claudication",
        "vascular_claudication_pattern",
        "bilateral_foot_numbness",
        "bilateral_leg_symptoms",
        "worsening",
    }:
        return  # never raised with a side
    assert f"{side} leg" in text or f"{side} foot" in text


def test_the_urgent_explanation_says_to_seek_emergency_care_and_why() -> None:
    text = explanation("cauda_equina_red_flag", None)
    assert text.startswith("Seek emergency care now")
    # Version 2 names the signs in plain words instead of naming surgery.
    for words in ("bladder", "bowel", "legs", "hours", "back passage", "genitals", "urine"):
        assert words in text


PROMPT_CODES = [code for code in FLAG_CODES if FLAG_SEVERITIES[code] == "prompt"]


@pytest.mark.parametrize("code", PROMPT_CODES)
def test_prompt_explanations_say_contact_a_doctor_today(code: str) -> None:
    assert "contact a doctor or an urgent care service today" in explanation(code, "left").lower()


SAFETY_NET_CODES = [
    "sciatica",
    "l4_pattern",
    "l5_pattern",
    "s1_pattern",
    "bilateral_sciatica",
    "bilateral_foot_numbness",
    "bilateral_leg_symptoms",
    "neurogenic_claudication",
    "vascular_claudication_pattern",
]


@pytest.mark.parametrize("code", SAFETY_NET_CODES)
def test_root_bilateral_and_claudication_explanations_end_with_the_safety_net(code: str) -> None:
    body = explanation(code, "left").removesuffix(NOT_A_DIAGNOSIS).strip()
    last = sentences(body)[-1]
    assert last.startswith("Seek emergency care at once if you notice")
    assert "urine or stool" in last
    assert "genitals" in last


def test_every_finding_has_a_one_line_clinician_summary() -> None:
    for finding in analyse(busy_journal(), []):
        assert finding.clinician_summary
        assert "\n" not in finding.clinician_summary
        assert finding.clinician_summary != finding.summary
