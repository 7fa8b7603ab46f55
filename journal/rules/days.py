"""The shared region-day layer: each logged date merged once, then read by every rule.

A patient may check in on one region several times a day (morning and evening), and the
same date may reach us in several `DayEntry` pieces (a sync that replays, a loader that
splits). Both are folded here, once per analysis, so no rule ever sees a raw reading:

- a **region-day** is one (region, side) on one date: the highest pain of its check-ins,
  numbness or tingling if any check-in had it, and the qualities of every check-in;
- a region-day is **symptomatic** when pain >= 3, or numbness, or tingling (domain.md).
  That is the same as "any of its check-ins was symptomatic", which is how it is computed:
  one pass over the readings, no intermediate region-day objects;
- **radicular leg symptoms** on a side (rules.md, version 2): a symptomatic region below
  the knee with a symptomatic region at or above the knee; or a symptomatic shin or calf
  with a symptomatic foot region, one of them numb or tingling. Lower-back pain never
  counts towards it, and a calf alone is not enough;
- a **day** exists only when something was logged for that date. Days without an entry
  are unknown, not symptom-free, so the rules count logged days and never fill gaps.

Saddle readings count whatever side they were stored with (left, right or centre).

This runs for every patient in the nightly sweep, so it is written for speed: a single
pass per day, plain sets, and named tuples rather than frozen dataclasses. Rules must
treat everything here as read-only.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple

from journal.rules.thresholds import (
    FOOTWEAR_WINDOW_DAYS,
    RADICULAR_PAIN_MIN,
    RADICULAR_PAIN_QUALITIES,
    RED_FLAG_LOOKBACK_DAYS,
    RED_FLAG_SYMPTOM_MIN_PAIN,
    SYMPTOMATIC_MIN_PAIN,
    WINDOW_DAYS,
)
from journal.rules.types import DayEntry, PatientEvent
from journal.vocabulary import (
    BLADDER_BOWEL_SIGNS,
    FOOT_REGIONS,
    KNEE_AND_ABOVE_REGIONS,
    LEFT,
    LEG_REGIONS,
    LEG_SIDES,
    LOWER_LEG_REGIONS,
    RIGHT,
    SEXUAL_FUNCTION_SIGNS,
    WEAKNESS_SIGNS,
)

TRIPPING = "tripping"

# What a region is, for the one pass over the readings.
_UPPER_LEG, _LOWER_LEG, _FOOT, _LOWER_BACK, _SADDLE = range(5)
_REGION_KIND: dict[str, int] = {
    **{region: _UPPER_LEG for region in KNEE_AND_ABOVE_REGIONS},
    **{region: _LOWER_LEG for region in LOWER_LEG_REGIONS},
    **{region: _FOOT for region in FOOT_REGIONS},
    "lower_back": _LOWER_BACK,
    "saddle": _SADDLE,
}
assert set(_REGION_KIND) == LEG_REGIONS | {"lower_back", "saddle"}


class Day(NamedTuple):
    """One logged date, merged, with what the rules ask about precomputed.

    The per-side mappings always hold both "left" and "right".
    """

    date: datetime.date
    symptomatic_leg: Mapping[str, AbstractSet[str]]  # side -> symptomatic leg regions
    numb_tingling_leg: Mapping[str, AbstractSet[str]]  # side -> leg regions numb or tingling
    worst_foot_pain: Mapping[str, int]  # side -> highest foot/ankle pain, 0 when none
    worst_leg_pain: int  # highest pain of any leg or foot region, either side
    numb_tingling_count: int  # leg and foot region-days (either side) numb or tingling
    back_symptom: bool  # lower back: pain >= 1, numbness or tingling
    back_or_leg_symptom: bool  # the same in the lower back or any leg region
    saddle_numb_or_tingling: bool
    radicular: AbstractSet[str]  # sides with radicular leg symptoms
    radicular_pain: AbstractSet[str]  # sides with below-knee pain >= 5, shooting/electric/burning
    above_ankle: AbstractSet[str]  # sides with a symptomatic leg region above the ankle
    foot_numb_tingling: AbstractSet[str]  # sides with numbness or tingling in the foot
    symptomatic_calf: bool  # either side
    signs: AbstractSet[tuple[str, str | None]]  # (code, side)
    weakness: Mapping[str, int]  # side -> how many weakness signs (codes) that day
    tripping_sides: AbstractSet[str]
    bladder_bowel_change: bool
    sexual_function_change: bool
    footwear: AbstractSet[str]
    walking_brings_leg_pain: bool
    sitting_relieves_leg_pain: bool
    standing_still_relieves_leg_pain: bool

    def has_sign(self, code: str, side: str | None = None) -> bool:
        return (code, side) in self.signs

    def weak_on(self, side: str) -> bool:
        return self.weakness[side] > 0

    def neuro_on(self, side: str) -> bool:
        """Numbness or tingling in that leg, or a weakness sign on that side."""
        return bool(self.numb_tingling_leg[side]) or self.weakness[side] > 0


class ShoeDay(NamedTuple):
    """A logged date of the footwear window on which footwear was recorded."""

    date: datetime.date
    footwear: AbstractSet[str]
    worst_foot_pain: Mapping[str, int]  # side -> highest foot/ankle pain, 0 when none


@dataclass(frozen=True, slots=True)
class Journal:
    """A patient's analysis input: the logged days of the windows, and the events.

    `days`: the logged days of the 14-day window ending at `end` (the latest entry date),
    ascending. `shoe_days`: the days of the 28-day window with footwear recorded,
    ascending. Events are kept whole: each rule applies its own look-back.
    `earlier`: the raw entries of the 14 days before the window, merged only when a
    red-flag rule needs to look back from an early day of the window (rarely).
    `health_history`: the profile's answer (vocabulary.HEALTH_HISTORY codes).
    `first_logged_on`: the patient's first logged date ever, when the caller knows it
    (a baseline before an event), else the earliest date given.
    """

    end: datetime.date
    days: tuple[Day, ...]
    shoe_days: tuple[ShoeDay, ...]
    events: tuple[PatientEvent, ...]
    earlier: Mapping[datetime.date, tuple[DayEntry, ...]]
    health_history: frozenset[str]
    first_logged_on: datetime.date
    _earlier_days: dict[datetime.date, Day]

    def days_between(self, first: datetime.date, last: datetime.date) -> list[Day]:
        """The logged days from `first` to `last` inclusive, ascending, the window's and
        the 14 days' before it."""
        found = [self._earlier_day(date) for date in sorted(self.earlier) if first <= date <= last]
        found.extend(day for day in self.days if first <= day.date <= last)
        return found

    def _earlier_day(self, date: datetime.date) -> Day:
        day = self._earlier_days.get(date)
        if day is None:
            day = self._earlier_days[date] = merge_day(date, self.earlier[date])
        return day


def build_journal(
    entries: Iterable[DayEntry],
    events: Iterable[PatientEvent] = (),
    *,
    window_days: int | None = WINDOW_DAYS,
    health_history: Iterable[str] = (),
    first_logged_on: datetime.date | None = None,
) -> Journal | None:
    """Merge the entries into days and cut the windows; None when nothing was logged.

    `window_days=None` makes every given date part of `days` (the red-flag check on a
    write, which looks at exactly the days it is handed).
    """
    by_date: dict[datetime.date, list[DayEntry]] = {}
    for entry in entries:
        by_date.setdefault(entry.date, []).append(entry)
    if not by_date:
        return None
    end = max(by_date)
    start = min(by_date) if window_days is None else end - datetime.timedelta(window_days - 1)
    earlier_start = start - datetime.timedelta(RED_FLAG_LOOKBACK_DAYS)
    shoe_start = end - datetime.timedelta(FOOTWEAR_WINDOW_DAYS - 1)
    days: list[Day] = []
    shoe_days: list[ShoeDay] = []
    earlier: dict[datetime.date, tuple[DayEntry, ...]] = {}
    for date in sorted(by_date):
        if date >= start:
            day = merge_day(date, by_date[date])
            days.append(day)
            if day.footwear and date >= shoe_start:
                shoe_days.append(ShoeDay(date, day.footwear, day.worst_foot_pain))
            continue
        if date >= earlier_start:
            earlier[date] = tuple(by_date[date])
        if date >= shoe_start:
            shoe_day = _merge_shoe_day(date, by_date[date])
            if shoe_day is not None:
                shoe_days.append(shoe_day)
    first = min(by_date)
    return Journal(
        end=end,
        days=tuple(days),
        shoe_days=tuple(shoe_days),
        events=tuple(events),
        earlier=earlier,
        health_history=frozenset(health_history),
        first_logged_on=first if first_logged_on is None else min(first, first_logged_on),
        _earlier_days={},
    )


def merge_day(date: datetime.date, entries: Iterable[DayEntry]) -> Day:
    """Fold every check-in of one date into the day's facts."""
    symptomatic: dict[str, set[str]] = {LEFT: set(), RIGHT: set()}
    numb_tingling: dict[str, set[str]] = {LEFT: set(), RIGHT: set()}
    worst_foot = {LEFT: 0, RIGHT: 0}
    above_ankle: set[str] = set()
    foot_numb_tingling: set[str] = set()
    numb_tingling_places: set[tuple[str, str]] = set()
    # Region-days below the knee: highest pain, and whether a check-in used a radicular word.
    below_knee_pain: dict[tuple[str, str], int] = {}
    radicular_worded: set[tuple[str, str]] = set()
    worst_leg = 0
    back = saddle = any_symptom = calf = False
    signs: set[tuple[str, str | None]] = set()
    weakness = {LEFT: 0, RIGHT: 0}
    tripping_sides: set[str] = set()
    bladder_bowel = sexual = False
    footwear: set[str] = set()
    walking = sitting = standing = False
    region_kind = _REGION_KIND  # locals: this loop is the hottest of the analysis
    any_symptom_pain, symptomatic_pain = RED_FLAG_SYMPTOM_MIN_PAIN, SYMPTOMATIC_MIN_PAIN
    radicular_words = RADICULAR_PAIN_QUALITIES

    for entry in entries:
        for reading in entry.symptoms:
            region, side, pain = reading.region, reading.side, reading.pain
            numb_or_tingling = reading.numbness or reading.tingling
            kind = region_kind.get(region)
            if kind is None:
                continue
            if kind == _SADDLE:
                saddle = saddle or numb_or_tingling
                continue
            if numb_or_tingling or pain >= any_symptom_pain:
                any_symptom = True
                if kind == _LOWER_BACK:
                    back = True
            if kind == _LOWER_BACK:
                continue
            is_symptomatic = numb_or_tingling or pain >= symptomatic_pain
            if pain > worst_leg:
                worst_leg = pain
            if side not in symptomatic:
                continue  # a leg reading with no left or right cannot be placed
            if numb_or_tingling:
                numb_tingling_places.add((region, side))
                numb_tingling[side].add(region)
                if kind == _FOOT:
                    foot_numb_tingling.add(side)
            if is_symptomatic:
                symptomatic[side].add(region)
                if kind != _FOOT:
                    above_ankle.add(side)
                    if region == "calf":
                        calf = True
            if kind != _UPPER_LEG:
                place = (region, side)
                if pain > below_knee_pain.get(place, -1):
                    below_knee_pain[place] = pain
                if reading.qualities and not radicular_words.isdisjoint(reading.qualities):
                    radicular_worded.add(place)
                if kind == _FOOT and pain > worst_foot[side]:
                    worst_foot[side] = pain
        for sign in entry.signs:
            code, sign_side = sign.code, sign.side
            if code in BLADDER_BOWEL_SIGNS:
                bladder_bowel = True
            elif code in SEXUAL_FUNCTION_SIGNS:
                sexual = True
            elif sign_side in weakness:
                if code in WEAKNESS_SIGNS and (code, sign_side) not in signs:
                    weakness[sign_side] += 1  # (day, sign) pairs: each code once a day
                # A tripping count of 0 says "no trips today"; no count still means a trip.
                elif code == TRIPPING and (sign.count is None or sign.count > 0):
                    tripping_sides.add(sign_side)
            signs.add((code, sign_side))
        footwear.update(entry.footwear)
        walking = walking or entry.walking_brings_leg_pain
        sitting = sitting or entry.sitting_relieves_leg_pain
        standing = standing or entry.standing_still_relieves_leg_pain

    radicular = {side for side in LEG_SIDES if _radicular(symptomatic[side], numb_tingling[side])}
    radicular_pain = {
        place[1] for place in radicular_worded if below_knee_pain[place] >= RADICULAR_PAIN_MIN
    }
    return Day(
        date,
        symptomatic,
        numb_tingling,
        worst_foot,
        worst_leg,
        len(numb_tingling_places),
        back,
        any_symptom,
        saddle,
        radicular,
        radicular_pain,
        above_ankle,
        foot_numb_tingling,
        calf,
        signs,
        weakness,
        tripping_sides,
        bladder_bowel,
        sexual,
        footwear,
        walking,
        sitting,
        standing,
    )


def _radicular(symptomatic: AbstractSet[str], numb_tingling: AbstractSet[str]) -> bool:
    """Radicular leg symptoms on one side, from that side's symptomatic and numb regions."""
    upper = lower = foot = False
    for region in symptomatic:
        kind = _REGION_KIND[region]
        if kind == _UPPER_LEG:
            upper = True
        elif kind == _LOWER_LEG:
            lower = True
        else:
            foot = True
    if upper and (lower or foot):
        return True
    if not (lower and foot):
        return False
    return any(_REGION_KIND[region] != _UPPER_LEG for region in numb_tingling)


def _merge_shoe_day(date: datetime.date, entries: Iterable[DayEntry]) -> ShoeDay | None:
    """Only what the footwear rule needs, for a date older than the 14-day window."""
    footwear: set[str] = set()
    for entry in entries:
        footwear.update(entry.footwear)
    if not footwear:
        return None
    worst_foot = {LEFT: 0, RIGHT: 0}
    for entry in entries:
        for reading in entry.symptoms:
            side = reading.side
            if reading.region in FOOT_REGIONS and side in worst_foot:
                worst_foot[side] = max(worst_foot[side], reading.pain)
    return ShoeDay(date, footwear, worst_foot)


def other_side(side: str) -> str:
    return RIGHT if side == LEFT else LEFT


def leg_side(side: str | None) -> str | None:
    """A side that places something on one leg, or None ("center", empty, unknown)."""
    return side if side in LEG_SIDES else None
