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
    """Left sciatica with foot drop, right local foot tingling, and one saddle day."""
    days = [
        entry(n, pain("calf", "left", 6), numb("thigh_back"), tingle("sole", "right"))
        for n in (6, 4, 2)
    ]
    days.append(entry(1, signs=[sign("foot_lift_difficulty", "left")]))
    days.append(entry(0, numb("saddle", "center")))
    return days


def test_no_entries_give_no_findings() -> None:
    assert analyse([], []) == ()
    assert analyse([], [event("trauma", "knee", "left", 3)]) == ()


def test_findings_come_most_pressing_first_then_by_code_and_side() -> None:
    findings = analyse(busy_journal(), [])
    keys = [(f.severity, f.code, f.side) for f in findings]
    assert keys[:3] == [
        ("urgent", "cauda_equina_red_flag", None),
        ("prompt", "foot_drop", "left"),
        ("see_specialist", "s1_pattern", "left"),
    ]
    assert keys[-1] == ("monitor", "local_foot_nerve_pattern", "right")
    ranks = [SEVERITIES.index(severity) for severity, _, _ in keys]
    assert ranks == sorted(ranks)


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
    assert len(FLAG_CODES) == 14
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
    text = explanation(code, side)
    assert text.endswith(NOT_A_DIAGNOSIS)
    assert 2 <= len(sentences(text)) <= 4
    assert "you have" not in text.lower()
    assert "this pattern" in text.lower()


@pytest.mark.parametrize(("code", "side"), [(c, s) for c, s in ALL_SIDES if s])
def test_sided_explanations_name_the_side(code: str, side: str) -> None:
    text = explanation(code, side)
    if FLAG_SEVERITIES[code] == "urgent" or code in {
        "neurogenic_claudication",
        "bilateral_foot_numbness",
        "bilateral_leg_symptoms",
        "worsening",
    }:
        return  # never raised with a side
    assert f"{side} leg" in text or f"{side} foot" in text


def test_the_urgent_explanation_says_to_seek_emergency_care_and_why() -> None:
    text = explanation("cauda_equina_red_flag", None)
    assert text.startswith("Seek emergency care now")
    for words in ("bladder", "bowel", "legs", "hours", "surgery"):
        assert words in text
