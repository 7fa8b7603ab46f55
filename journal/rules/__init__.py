"""Footnote's pattern rules (rules.md, version 2), as pure Python over plain values.

    findings = analyse(entries, events, health_history=...)   # the whole rule set
    alerts = urgent_findings(entries, written=dates)           # the screen, inside a write

Nothing here imports Django or touches a database: the caller loads `DayEntry` and
`PatientEvent` values, and stores the `Finding` values it gets back (one flag per code and
side). The analysis is deterministic, ignores the order of its input, and treats several
entries of one date as check-ins of that day.

What the caller must load: entries from the 28 days ending at the patient's latest entry
date (the footwear window; the other rules use the last 14, and the red-flag screen looks
14 days further back from the window's first day), and events from the 104 days ending
there (the 90-day look-back of a spinal procedure, from the window's first day). Anything
older is ignored, so loading more is harmless.

Each rule is one function `rule_<code>(journal) -> list[Finding]` over the shared
region-day layer in `journal.rules.days`; every threshold is in `journal.rules.thresholds`;
the choices made where rules.md can be read two ways are written in each rule's module.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable
from typing import Final

from journal.rules import catalogue as c
from journal.rules.catalogue import FLAG_CODES, FLAG_SEVERITIES, FLAG_TITLES, SEVERITY_RANK
from journal.rules.claudication import (
    rule_neurogenic_claudication,
    rule_vascular_claudication_pattern,
)
from journal.rules.days import Journal, build_journal
from journal.rules.distribution import (
    rule_bilateral_foot_numbness,
    rule_bilateral_leg_symptoms,
    rule_local_foot_nerve_pattern,
)
from journal.rules.events import (
    rule_post_procedure_sciatic_neuropathy,
    rule_post_trauma_nerve_injury,
)
from journal.rules.footwear import rule_footwear_nerve_compression
from journal.rules.motor import rule_foot_drop, rule_progressive_weakness
from journal.rules.radicular import (
    rule_bilateral_sciatica,
    rule_l4_pattern,
    rule_l5_pattern,
    rule_s1_pattern,
    rule_sciatica,
)
from journal.rules.red_flags import (
    cauda_equina_findings,
    rule_cauda_equina,
    screen_can_fire,
    screen_definition,
    screened_days,
)
from journal.rules.serious import rule_serious_pathology_warning
from journal.rules.texts import BOTH_LEGS_ROOT_PATTERNS, NOT_A_DIAGNOSIS, explanation
from journal.rules.trend import rule_worsening
from journal.rules.types import DayEntry, Finding, PatientEvent, SignReading, SymptomReading

__all__ = [
    "FLAG_CODES",
    "FLAG_SEVERITIES",
    "FLAG_TITLES",
    "NOT_A_DIAGNOSIS",
    "RULES",
    "RULE_VERSION",
    "SCREEN_CODES",
    "DayEntry",
    "Finding",
    "PatientEvent",
    "SignReading",
    "SymptomReading",
    "analyse",
    "finding_order",
    "screen_can_fire",
    "screen_definition",
    "urgent_findings",
]

# Stored on every flag. Bump it whenever a rule, a threshold or a text changes.
RULE_VERSION: Final = "2026.12.1"

Rule = Callable[[Journal], list[Finding]]

RULES: Final[tuple[Rule, ...]] = (
    rule_cauda_equina,  # cauda_equina_red_flag, or else cauda_equina_warning
    rule_bilateral_sciatica,
    rule_progressive_weakness,
    rule_foot_drop,
    rule_serious_pathology_warning,
    rule_sciatica,
    rule_l4_pattern,
    rule_l5_pattern,
    rule_s1_pattern,
    rule_footwear_nerve_compression,
    rule_post_trauma_nerve_injury,
    rule_post_procedure_sciatic_neuropathy,
    rule_neurogenic_claudication,
    rule_vascular_claudication_pattern,
    rule_local_foot_nerve_pattern,
    rule_bilateral_foot_numbness,
    rule_bilateral_leg_symptoms,
    rule_worsening,
)

# The codes a write screens for at once, and answers in its `alerts`.
SCREEN_CODES: Final = frozenset({c.CAUDA_EQUINA_RED_FLAG, c.CAUDA_EQUINA_WARNING})
_NERVE_ROOT_CODES: Final = frozenset({c.SCIATICA, c.L4_PATTERN, c.L5_PATTERN, c.S1_PATTERN})


def analyse(
    entries: Iterable[DayEntry],
    events: Iterable[PatientEvent] = (),
    *,
    health_history: Iterable[str] = (),
    first_logged_on: datetime.date | None = None,
) -> tuple[Finding, ...]:
    """Every rule over the window ending at the latest entry date, most pressing first.

    `first_logged_on`: the patient's first logged date, when older than the entries given
    (whether a day before an event was logged)."""
    journal = build_journal(
        entries, events, health_history=health_history, first_logged_on=first_logged_on
    )
    if journal is None:
        return ()
    return _in_order(_reconciled([finding for rule in RULES for finding in rule(journal)]))


def urgent_findings(
    entries: Iterable[DayEntry], *, written: Iterable[datetime.date] | None = None
) -> tuple[Finding, ...]:
    """The cauda equina screen over the `written` days (every day given, for None), each
    read with the days given before it: the write path hands over the days it writes and
    the stored days of the 14 before each. No window: every given day counts."""
    journal = build_journal(entries, window_days=None)
    if journal is None:
        return ()
    dates = None if written is None else sorted(set(written))
    return _in_order(cauda_equina_findings(journal, screened_days(journal, dates)))


def _reconciled(findings: list[Finding]) -> list[Finding]:
    """Where one rule's finding changes another's (rules.md): `bilateral_leg_symptoms`
    yields to `bilateral_sciatica`, and `bilateral_foot_numbness` says so when both legs
    show nerve-root patterns (a root pattern or sciatica on each side, or
    `bilateral_sciatica`)."""
    codes = {finding.code for finding in findings}
    if c.BILATERAL_SCIATICA in codes:
        findings = [f for f in findings if f.code != c.BILATERAL_LEG_SYMPTOMS]
    root_sides = {f.side for f in findings if f.code in _NERVE_ROOT_CODES}
    both_legs = c.BILATERAL_SCIATICA in codes or {"left", "right"} <= root_sides
    if c.BILATERAL_FOOT_NUMBNESS in codes and both_legs:
        findings = [
            dataclasses.replace(f, explanation=explanation(f.code, f.side, BOTH_LEGS_ROOT_PATTERNS))
            if f.code == c.BILATERAL_FOOT_NUMBNESS
            else f
            for f in findings
        ]
    return findings


def finding_order(
    severity: str, evidence_days: int, code: str, side: str | None
) -> tuple[int, int, str, str]:
    """rules.md's order: by severity, then by the number of evidence days (most first);
    code and side only make it total. The flag storage sorts stored flags the same way."""
    return (SEVERITY_RANK[severity], -evidence_days, code, side or "")


def _in_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(
        sorted(
            findings,
            key=lambda f: finding_order(f.severity, len(f.evidence_dates), f.code, f.side),
        )
    )
