"""Footnote's pattern rules (rules.md), as pure Python over plain values.

    findings = analyse(entries, events)      # the whole rule set, for the flag storage
    alerts = urgent_findings([entry])        # the red-flag check, inside a write

Nothing here imports Django or touches a database: the caller loads `DayEntry` and
`PatientEvent` values, and stores the `Finding` values it gets back (one flag per code and
side). The analysis is deterministic, ignores the order of its input, and treats several
entries of one date as check-ins of that day.

What the caller must load: entries from the 28 days ending at the patient's latest entry
date (the footwear window; the other rules use the last 14), and events from the 90 days
ending there (the longest event look-back). Anything older is ignored, so loading more is
harmless.

Each rule is one function `rule_<code>(journal) -> list[Finding]` over the shared
region-day layer in `journal.rules.days`; every threshold is in `journal.rules.thresholds`;
the choices made where rules.md can be read two ways are written in each rule's module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Final

from journal.rules.catalogue import FLAG_CODES, FLAG_SEVERITIES, FLAG_TITLES, SEVERITY_RANK
from journal.rules.claudication import rule_neurogenic_claudication
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
from journal.rules.motor import rule_foot_drop
from journal.rules.radicular import (
    rule_l4_pattern,
    rule_l5_pattern,
    rule_s1_pattern,
    rule_sciatica,
)
from journal.rules.red_flags import rule_cauda_equina_red_flag
from journal.rules.texts import NOT_A_DIAGNOSIS
from journal.rules.trend import rule_worsening
from journal.rules.types import DayEntry, Finding, PatientEvent, SignReading, SymptomReading

__all__ = [
    "FLAG_CODES",
    "FLAG_SEVERITIES",
    "FLAG_TITLES",
    "NOT_A_DIAGNOSIS",
    "RULES",
    "RULE_VERSION",
    "DayEntry",
    "Finding",
    "PatientEvent",
    "SignReading",
    "SymptomReading",
    "analyse",
    "urgent_findings",
]

# Stored on every flag. Bump it whenever a rule, a threshold or a text changes.
RULE_VERSION: Final = "2026.11.1"

Rule = Callable[[Journal], list[Finding]]

RULES: Final[tuple[Rule, ...]] = (
    rule_cauda_equina_red_flag,
    rule_foot_drop,
    rule_sciatica,
    rule_l4_pattern,
    rule_l5_pattern,
    rule_s1_pattern,
    rule_footwear_nerve_compression,
    rule_post_trauma_nerve_injury,
    rule_post_procedure_sciatic_neuropathy,
    rule_neurogenic_claudication,
    rule_local_foot_nerve_pattern,
    rule_bilateral_foot_numbness,
    rule_bilateral_leg_symptoms,
    rule_worsening,
)


def analyse(entries: Iterable[DayEntry], events: Iterable[PatientEvent]) -> tuple[Finding, ...]:
    """Every rule over the window ending at the latest entry date, most pressing first."""
    journal = build_journal(entries, events)
    if journal is None:
        return ()
    return _in_order(finding for rule in RULES for finding in rule(journal))


def urgent_findings(entries: Iterable[DayEntry]) -> tuple[Finding, ...]:
    """The cauda equina red-flag rule alone, over exactly the entries given (no window).

    The write path calls it with the one day being saved, before answering.
    """
    journal = build_journal(entries, window_days=None)
    if journal is None:
        return ()
    return _in_order(rule_cauda_equina_red_flag(journal))


def _in_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(
        sorted(
            findings,
            key=lambda finding: (
                SEVERITY_RANK[finding.severity],
                finding.code,
                finding.side or "",
            ),
        )
    )
