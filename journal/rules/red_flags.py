"""The cauda equina screen: `cauda_equina_red_flag` (urgent) and `cauda_equina_warning` (prompt).

Each screened day is read with the logged days of the 14 calendar days before it. A day
raises the red flag when it has (rules.md, version 2; GIRFT 2023 suspected cauda equina
pathway):
- (a) numbness or tingling in the saddle area or genitals, on either side or both;
- (b) a bladder or bowel change, with back or leg symptoms that day or on a logged day of
  the 14 before;
- (c) a sexual function change, with radicular leg symptoms (either side) in that time;
- (d) foot-lift or toe-stand weakness on both sides (any mix of the two);
- (e) progressive weakness on both sides over the 14 days ending that day;
- (f) radicular leg symptoms on both sides with a weakness sign on both sides.
A day that meets none of these raises the warning when it has a bladder or bowel change
without back or leg symptoms in that time, a sexual change without radicular leg symptoms,
or weakness signs on both sides (`leg_weakness` or `knee_buckling`, which are as often the
knees or general weakness, or any other mix that is not (d)).

Readings of rules.md:
- "Back or leg symptoms" here is any pain (>= 1), numbness or tingling in the lower back
  or a leg: a red flag would rather over-call than miss.
- A day with weakness on both sides that is neither (d) nor (f), for example foot-lift
  weakness on one side and a knee giving way on the other, is read as the warning: a
  doctor should see it today, and saying nothing would be the wrong kind of miss.
- The warning is not raised when the red flag is raised by the same screen; the flag
  storage also keeps it back while an unacknowledged red flag is active.
- (e) is screened on days that record a weakness sign: a day without any does not show
  weakness getting worse, and so a day can only raise the screen through what it records
  itself (`screen_can_fire`), which lets a write skip loading the days before.
- `analyse` screens every day of the 14-day window; the write path screens the days it
  writes, looking back over the stored days before each (`urgent_findings`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any, Final

from journal.rules.catalogue import (
    CAUDA_EQUINA_RED_FLAG,
    CAUDA_EQUINA_WARNING,
    FLAG_SEVERITIES,
    FLAG_TITLES,
)
from journal.rules.days import Day, Journal
from journal.rules.findings import date_words, days_phrase, make_finding, sentence
from journal.rules.motor import progressive_weakness_days
from journal.rules.texts import (
    RED_FLAG_TEMPLATE,
    RED_FLAG_WORDS,
    WARNING_TEMPLATE,
    WARNING_WORDS,
)
from journal.rules.thresholds import (
    PROGRESSIVE_EDGE_DAYS,
    PROGRESSIVE_MIN_LAST_SIGN_DAYS,
    PROGRESSIVE_MIN_LOGGED_DAYS,
    PROGRESSIVE_MIN_SIGN_DAYS,
    RED_FLAG_LOOKBACK_DAYS,
    RED_FLAG_SYMPTOM_MIN_PAIN,
    SYMPTOMATIC_MIN_PAIN,
    WINDOW_DAYS,
)
from journal.rules.types import DayEntry, Finding
from journal.vocabulary import (
    BLADDER_BOWEL_SIGNS,
    CAUDA_EQUINA_SIGNS,
    DISTAL_WEAKNESS_SIGNS,
    FOOT_REGIONS,
    KNEE_AND_ABOVE_REGIONS,
    LEFT,
    LEG_SIDES,
    LOWER_LEG_REGIONS,
    RIGHT,
    SEXUAL_FUNCTION_SIGNS,
    WEAKNESS_SIGNS,
)

# criterion -> (patient summary words, clinician words), in rules.md's order
RED_FLAG_CRITERIA: Final[dict[str, tuple[str, str]]] = {
    "saddle": ("numbness or tingling in the saddle area or genitals", "saddle anaesthesia"),
    "bladder_bowel": (
        "a bladder or bowel change with back or leg symptoms",
        "sphincter disturbance with back/leg symptoms",
    ),
    "sexual": (
        "a sexual function change with sciatica-like leg symptoms",
        "sexual dysfunction with radicular symptoms",
    ),
    "distal_weakness": (
        "foot-lift or tiptoe weakness in both legs",
        "bilateral ankle dorsi/plantarflexion weakness",
    ),
    "progressive_weakness": (
        "weakness getting worse in both legs",
        "progressive bilateral weakness",
    ),
    "bilateral_sciatica_weakness": (
        "sciatica-like symptoms and weakness in both legs",
        "bilateral radicular symptoms with bilateral weakness",
    ),
}
WARNING_CRITERIA: Final[dict[str, tuple[str, str]]] = {
    "bladder_bowel": (
        "a bladder or bowel change without back or leg symptoms",
        "isolated sphincter disturbance",
    ),
    "sexual": (
        "a sexual function change without sciatica-like leg symptoms",
        "sexual dysfunction without radicular symptoms",
    ),
    "weakness_both_sides": ("weakness signs in both legs", "bilateral weakness signs"),
}

_LOOKBACK: Final = datetime.timedelta(days=RED_FLAG_LOOKBACK_DAYS)
_WINDOW_BEFORE: Final = datetime.timedelta(days=WINDOW_DAYS - 1)


def rule_cauda_equina(journal: Journal) -> list[Finding]:
    """Both findings of the screen over the window's days (the warning only without the
    red flag)."""
    return cauda_equina_findings(journal, journal.days)


def cauda_equina_findings(journal: Journal, screened: Iterable[Day]) -> list[Finding]:
    red: dict[str, list[datetime.date]] = {}
    warning: dict[str, list[datetime.date]] = {}
    progressive_possible = _progressive_possible(journal)
    for day in screened:
        hits = _red_flag_criteria(journal, day, progressive_possible)
        for criterion in hits:
            red.setdefault(criterion, []).append(day.date)
        if not hits:
            for criterion in _warning_criteria(journal, day):
                warning.setdefault(criterion, []).append(day.date)
    if red:
        return [_finding(CAUDA_EQUINA_RED_FLAG, red, RED_FLAG_CRITERIA)]
    if warning:
        return [_finding(CAUDA_EQUINA_WARNING, warning, WARNING_CRITERIA)]
    return []


def _red_flag_criteria(journal: Journal, day: Day, progressive_possible: bool) -> list[str]:
    hits = []
    if day.saddle_numb_or_tingling:
        hits.append("saddle")
    if day.bladder_bowel_change or day.sexual_function_change:
        before = _with_days_before(journal, day)
        if day.bladder_bowel_change and any(d.back_or_leg_symptom for d in before):
            hits.append("bladder_bowel")
        if day.sexual_function_change and any(d.radicular for d in before):
            hits.append("sexual")
    if all(_distal_weakness(day, side) for side in LEG_SIDES):
        hits.append("distal_weakness")
    if progressive_possible and (day.weak_on(LEFT) or day.weak_on(RIGHT)):
        window = journal.days_between(day.date - _WINDOW_BEFORE, day.date)
        if all(progressive_weakness_days(window, side) for side in LEG_SIDES):
            hits.append("progressive_weakness")
    if len(day.radicular) == 2 and day.weak_on(LEFT) and day.weak_on(RIGHT):
        hits.append("bilateral_sciatica_weakness")
    return hits


def _warning_criteria(journal: Journal, day: Day) -> list[str]:
    hits = []
    if day.bladder_bowel_change or day.sexual_function_change:
        before = _with_days_before(journal, day)
        if day.bladder_bowel_change and not any(d.back_or_leg_symptom for d in before):
            hits.append("bladder_bowel")
        if day.sexual_function_change and not any(d.radicular for d in before):
            hits.append("sexual")
    if day.weak_on(LEFT) and day.weak_on(RIGHT):
        hits.append("weakness_both_sides")
    return hits


def _with_days_before(journal: Journal, day: Day) -> list[Day]:
    return journal.days_between(day.date - _LOOKBACK, day.date)


def _distal_weakness(day: Day, side: str) -> bool:
    return any(day.has_sign(code, side) for code in DISTAL_WEAKNESS_SIGNS)


def _progressive_possible(journal: Journal) -> bool:
    """Cheap gate for (e): each side needs weakness signs on 3 logged days somewhere in
    the days this journal holds, which almost no journal has."""
    weak_days = {LEFT: 0, RIGHT: 0}
    for day in journal.days:
        for side in LEG_SIDES:
            weak_days[side] += day.weak_on(side)
    for entries in journal.earlier.values():
        sides = {
            sign.side
            for entry in entries
            for sign in entry.signs
            if sign.code in WEAKNESS_SIGNS and sign.side in weak_days
        }
        for side in sides:
            weak_days[side] += 1
    return min(weak_days.values()) >= PROGRESSIVE_MIN_SIGN_DAYS


def _finding(
    code: str,
    hits: dict[str, list[datetime.date]],
    words: dict[str, tuple[str, str]],
) -> Finding:
    ordered = [criterion for criterion in words if criterion in hits]
    dates = sorted({date for criterion in ordered for date in hits[criterion]})
    latest = date_words(dates[-1])
    summary = "; ".join(
        f"{words[criterion][0]} on {days_phrase(len(hits[criterion]))}" for criterion in ordered
    )
    clinician = "; ".join(
        f"{words[criterion][1]} ({days_phrase(len(hits[criterion]))})" for criterion in ordered
    )
    return make_finding(
        code,
        side=None,
        dates=dates,
        summary=sentence(f"{summary}; latest {latest}"),
        clinician=sentence(f"{clinician}; latest {latest}"),
        variant=",".join(ordered),
    )


def screen_can_fire(entry: DayEntry) -> bool:
    """Whether this day could raise either finding, whatever the days before it hold."""
    return any(
        reading.region == "saddle" and (reading.numbness or reading.tingling)
        for reading in entry.symptoms
    ) or any(
        sign.code in CAUDA_EQUINA_SIGNS or (sign.code in WEAKNESS_SIGNS and sign.side in LEG_SIDES)
        for sign in entry.signs
    )


def screened_days(journal: Journal, dates: Sequence[datetime.date] | None) -> list[Day]:
    """The journal's days on the given dates (all of them for None)."""
    if dates is None:
        return list(journal.days)
    wanted = set(dates)
    return [day for day in journal.days if day.date in wanted]


def screen_definition() -> dict[str, Any]:
    """Everything the phone's offline screen needs, generated from the rules so that the
    phone and the server cannot drift apart: the sign sets, thresholds, look-backs, region
    groups and texts. The logic that reads them is written once more, in the app's
    JavaScript, and the shared case table (tests/red_flag_cases.json) runs against both."""
    return {
        "generated_from": "journal/rules (screen_definition); do not edit by hand",
        "lookback_days": RED_FLAG_LOOKBACK_DAYS,
        "window_days": WINDOW_DAYS,
        "recent_days": WINDOW_DAYS,
        "back_or_leg_min_pain": RED_FLAG_SYMPTOM_MIN_PAIN,
        "symptomatic_min_pain": SYMPTOMATIC_MIN_PAIN,
        "regions": {
            "lower_back": "lower_back",
            "saddle": "saddle",
            "knee_and_above": sorted(KNEE_AND_ABOVE_REGIONS),
            "lower_leg": sorted(LOWER_LEG_REGIONS),
            "foot": sorted(FOOT_REGIONS),
        },
        "signs": {
            "bladder_bowel": sorted(BLADDER_BOWEL_SIGNS),
            "sexual": sorted(SEXUAL_FUNCTION_SIGNS),
            "weakness": sorted(WEAKNESS_SIGNS),
            "distal_weakness": sorted(DISTAL_WEAKNESS_SIGNS),
        },
        "progressive": {
            "min_logged_days": PROGRESSIVE_MIN_LOGGED_DAYS,
            "min_sign_days": PROGRESSIVE_MIN_SIGN_DAYS,
            "edge_days": PROGRESSIVE_EDGE_DAYS,
            "min_last_sign_days": PROGRESSIVE_MIN_LAST_SIGN_DAYS,
        },
        "red_flag": {
            "code": CAUDA_EQUINA_RED_FLAG,
            "title": FLAG_TITLES[CAUDA_EQUINA_RED_FLAG],
            "severity": FLAG_SEVERITIES[CAUDA_EQUINA_RED_FLAG],
            "criteria": list(RED_FLAG_CRITERIA),
            "words": dict(RED_FLAG_WORDS),
            "summary_words": {key: words[0] for key, words in RED_FLAG_CRITERIA.items()},
            "explanation": RED_FLAG_TEMPLATE,
        },
        "warning": {
            "code": CAUDA_EQUINA_WARNING,
            "title": FLAG_TITLES[CAUDA_EQUINA_WARNING],
            "severity": FLAG_SEVERITIES[CAUDA_EQUINA_WARNING],
            "criteria": list(WARNING_CRITERIA),
            "words": dict(WARNING_WORDS),
            "summary_words": {key: words[0] for key, words in WARNING_CRITERIA.items()},
            "explanation": WARNING_TEMPLATE,
        },
    }
