"""Building a `Finding`: title, severity and explanation come from the code, never a rule."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from journal.rules.catalogue import FLAG_SEVERITIES, FLAG_TITLES
from journal.rules.texts import explanation
from journal.rules.types import Finding


def make_finding(
    code: str,
    *,
    side: str | None,
    dates: Iterable[datetime.date],
    summary: str,
    clinician: str,
    variant: str = "",
) -> Finding:
    """`variant` picks a wording of the explanation (texts.explanation), e.g. which red
    flags were reported."""
    evidence = tuple(sorted(set(dates)))
    if not evidence:
        raise ValueError(f"a {code} finding needs at least one evidence date")
    return Finding(
        code=code,
        title=FLAG_TITLES[code],
        severity=FLAG_SEVERITIES[code],
        side=side,
        first_evidence_on=evidence[0],
        last_evidence_on=evidence[-1],
        evidence_dates=evidence,
        summary=summary,
        explanation=explanation(code, side, variant),
        clinician_summary=clinician,
    )


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def date_words(date: datetime.date) -> str:
    """A date in texts people read, as the app and the report write it: '2 Dec 2026'."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def days_phrase(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def sentence(text: str) -> str:
    """Capitalise the first letter only ("left L5 ..." -> "Left L5 ...")."""
    return text[:1].upper() + text[1:]
