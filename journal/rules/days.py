"""The shared region-day layer: each logged date merged once, then read by every rule.

A patient may check in on one region several times a day (morning and evening), and the
same date may reach us in several `DayEntry` pieces (a sync that replays, a loader that
splits). Both are folded here, once per analysis, so no rule ever sees a raw reading:

- a **region-day** is one (region, side) on one date: the highest pain of its check-ins,
  and numbness or tingling if any check-in had it;
- a region-day is **symptomatic** when pain >= 3, or numbness, or tingling (domain.md).
  That is the same as "any of its check-ins was symptomatic", which is how it is computed:
  one pass over the readings, no intermediate region-day objects;
- a **day** exists only when something was logged for that date. Days without an entry
  are unknown, not symptom-free, so the rules count logged days and never fill gaps.

Readings that cannot be placed on a leg (a "center" calf) still count towards the day's
worst leg pain and its numb-or-tingling count, but not towards anything left or right.

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
    RED_FLAG_SYMPTOM_MIN_PAIN,
    SYMPTOMATIC_MIN_PAIN,
    WINDOW_DAYS,
)
from journal.rules.types import DayEntry, PatientEvent
from journal.vocabulary import (
    CAUDA_EQUINA_SIGNS,
    FOOT_REGIONS,
    LEFT,
    LEG_REGIONS,
    LEG_SIDES,
    RIGHT,
    WEAKNESS_SIGNS,
)

TRIPPING = "tripping"

# What a region is, for the one pass over the readings.
_ABOVE_ANKLE, _FOOT, _LOWER_BACK, _SADDLE = range(4)
_REGION_KIND: dict[str, int] = {
    **{region: _FOOT if region in FOOT_REGIONS else _ABOVE_ANKLE for region in LEG_REGIONS},
    "lower_back": _LOWER_BACK,
    "saddle": _SADDLE,
}


class Day(NamedTuple):
    """One logged date of the window, merged, with what the rules ask about precomputed.

    The per-side mappings always hold both "left" and "right".
    """

    date: datetime.date
    symptomatic_leg: Mapping[str, AbstractSet[str]]  # side -> symptomatic leg regions
    numb_tingling_leg: Mapping[str, AbstractSet[str]]  # side -> leg regions numb or tingling
    worst_foot_pain: Mapping[str, int]  # side -> highest foot/ankle pain, 0 when none
    worst_leg_pain: int  # highest pain of any leg or foot region, either side
    numb_tingling_count: int  # region-days (any region, any side) numb or tingling
    lower_back_symptomatic: bool
    saddle_numb_or_tingling: bool
    back_or_leg_symptom: bool  # any pain >= 1, numbness or tingling in the back or a leg
    beyond_foot: AbstractSet[str]  # sides whose symptoms are not confined to the foot
    foot_numb_tingling: AbstractSet[str]  # sides with numbness or tingling in the foot
    signs: AbstractSet[tuple[str, str | None]]  # (code, side)
    weakness_sides: AbstractSet[str]  # sides with any weakness sign
    tripping_sides: AbstractSet[str]
    bladder_bowel_sexual_change: bool
    footwear: AbstractSet[str]
    walking_brings_leg_pain: bool
    sitting_relieves_leg_pain: bool

    def has_sign(self, code: str, side: str | None) -> bool:
        return (code, side) in self.signs


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
    """

    end: datetime.date
    days: tuple[Day, ...]
    shoe_days: tuple[ShoeDay, ...]
    events: tuple[PatientEvent, ...]


def build_journal(
    entries: Iterable[DayEntry],
    events: Iterable[PatientEvent] = (),
    *,
    window_days: int | None = WINDOW_DAYS,
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
    shoe_start = end - datetime.timedelta(FOOTWEAR_WINDOW_DAYS - 1)
    days: list[Day] = []
    shoe_days: list[ShoeDay] = []
    for date in sorted(by_date):
        if date >= start:
            day = merge_day(date, by_date[date])
            days.append(day)
            if day.footwear and date >= shoe_start:
                shoe_days.append(ShoeDay(date, day.footwear, day.worst_foot_pain))
        elif date >= shoe_start:
            shoe_day = _merge_shoe_day(date, by_date[date])
            if shoe_day is not None:
                shoe_days.append(shoe_day)
    return Journal(end=end, days=tuple(days), shoe_days=tuple(shoe_days), events=tuple(events))


def merge_day(date: datetime.date, entries: Iterable[DayEntry]) -> Day:
    """Fold every check-in of one date into the day's facts."""
    symptomatic: dict[str, set[str]] = {LEFT: set(), RIGHT: set()}
    numb_tingling: dict[str, set[str]] = {LEFT: set(), RIGHT: set()}
    worst_foot = {LEFT: 0, RIGHT: 0}
    above_ankle: set[str] = set()
    foot_numb_tingling: set[str] = set()
    numb_tingling_places: set[tuple[str, str]] = set()
    worst_leg = 0
    lower_back = saddle = any_symptom = False
    signs: set[tuple[str, str | None]] = set()
    weakness_sides: set[str] = set()
    tripping_sides: set[str] = set()
    bladder_bowel_sexual = False
    footwear: set[str] = set()
    walking = sitting = False
    region_kind = _REGION_KIND  # locals: this loop is the hottest of the analysis
    any_symptom_pain, symptomatic_pain = RED_FLAG_SYMPTOM_MIN_PAIN, SYMPTOMATIC_MIN_PAIN

    for entry in entries:
        for reading in entry.symptoms:
            region, side, pain = reading.region, reading.side, reading.pain
            numb_or_tingling = reading.numbness or reading.tingling
            if numb_or_tingling:
                numb_tingling_places.add((region, side))
            kind = region_kind.get(region)
            if kind is None:
                continue
            if kind == _SADDLE:
                saddle = saddle or numb_or_tingling
                continue
            if numb_or_tingling or pain >= any_symptom_pain:
                any_symptom = True
            is_symptomatic = numb_or_tingling or pain >= symptomatic_pain
            if kind == _LOWER_BACK:
                lower_back = lower_back or is_symptomatic
                continue
            if pain > worst_leg:
                worst_leg = pain
            if side not in symptomatic:
                continue  # a leg reading with no left or right cannot be placed
            if is_symptomatic:
                symptomatic[side].add(region)
                if kind == _ABOVE_ANKLE:
                    above_ankle.add(side)
            if numb_or_tingling:
                numb_tingling[side].add(region)
                if kind == _FOOT:
                    foot_numb_tingling.add(side)
            if kind == _FOOT and pain > worst_foot[side]:
                worst_foot[side] = pain
        for sign in entry.signs:
            code, sign_side = sign.code, sign.side
            signs.add((code, sign_side))
            if code in CAUDA_EQUINA_SIGNS:
                bladder_bowel_sexual = True
            elif sign_side in (LEFT, RIGHT):
                if code in WEAKNESS_SIGNS:
                    weakness_sides.add(sign_side)
                # A tripping count of 0 says "no trips today"; no count still means a trip.
                elif code == TRIPPING and (sign.count is None or sign.count > 0):
                    tripping_sides.add(sign_side)
        footwear.update(entry.footwear)
        walking = walking or entry.walking_brings_leg_pain
        sitting = sitting or entry.sitting_relieves_leg_pain

    # "Not confined to the foot" (rules.md, sciatica): a symptomatic leg region above the
    # ankle on that side, or lower-back pain (any side) the same day.
    beyond_foot = {side for side in LEG_SIDES if symptomatic[side]} if lower_back else above_ankle
    return Day(
        date,
        symptomatic,
        numb_tingling,
        worst_foot,
        worst_leg,
        len(numb_tingling_places),
        lower_back,
        saddle,
        any_symptom,
        beyond_foot,
        foot_numb_tingling,
        signs,
        weakness_sides,
        tripping_sides,
        bladder_bowel_sexual,
        footwear,
        walking,
        sitting,
    )


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
