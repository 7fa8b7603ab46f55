"""The numbers a report shows, computed once from the days (pure, no ReportLab).

Conventions, printed in the report beside the numbers they govern:
- A region-day merges the day's check-ins of one region and side: the highest pain, and
  numbness or tingling if any check-in had it (as the rules do).
- It is symptomatic when pain >= 3, or numbness, or tingling.
- Areas: "back" is `lower_back`; "leg" is the leg regions above the ankle (buttock to shin
  and calf); "foot" is the foot and ankle regions; the saddle area stands alone.
- A logged day with no reading in an area counts as pain 0 there when days are compared
  (the patient logged and reported nothing there); a day without an entry is unknown and
  never counted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from statistics import median

from journal import vocabulary as vocab

from .data import DayRecord, ReportData

BACK = "back"
LEG = "leg"
FOOT = "foot"
SADDLE = "saddle"
AREAS = (BACK, LEG, FOOT, SADDLE)
SIDES = (vocab.LEFT, vocab.RIGHT, vocab.CENTER)

SYMPTOMATIC_PAIN = 3
TOP_REGIONS = 5

_REGION_ORDER = {code: index for index, code in enumerate(vocab.REGION_CODES)}
_SIDE_ORDER = {vocab.LEFT: 0, vocab.RIGHT: 1, vocab.CENTER: 2}
_SIGN_ORDER = {code: index for index, code in enumerate(vocab.SIGN_CODES)}


def area_of(region: str) -> str | None:
    if region == "lower_back":
        return BACK
    if region == "saddle":
        return SADDLE
    if region in vocab.FOOT_REGIONS:
        return FOOT
    if region in vocab.LEG_REGIONS:
        return LEG
    return None


def region_sort_key(key: tuple[str, str]) -> tuple[int, int, str, str]:
    region, side = key
    return (_REGION_ORDER.get(region, 99), _SIDE_ORDER.get(side, 9), region, side)


@dataclass(slots=True)
class RegionDay:
    pain: int
    numbness: bool
    tingling: bool
    qualities: set[str] = field(default_factory=set)

    @property
    def symptomatic(self) -> bool:
        return self.pain >= SYMPTOMATIC_PAIN or self.numbness or self.tingling


@dataclass(slots=True)
class MergedDay:
    record: DayRecord
    regions: dict[tuple[str, str], RegionDay]

    @property
    def date(self) -> date:
        return self.record.date

    def worst(self, regions: frozenset[str], side: str | None = None) -> int | None:
        """Worst pain among `regions` (on `side`, or any side), None without a reading."""
        values = [
            region_day.pain
            for (region, region_side), region_day in self.regions.items()
            if region in regions and (side is None or region_side == side)
        ]
        return max(values) if values else None


def merge_day(day: DayRecord) -> MergedDay:
    regions: dict[tuple[str, str], RegionDay] = {}
    for symptom in day.symptoms:
        key = (symptom.region, symptom.side)
        pain = max(vocab.PAIN_MIN, min(vocab.PAIN_MAX, symptom.pain))
        current = regions.get(key)
        if current is None:
            regions[key] = RegionDay(
                pain, symptom.numbness, symptom.tingling, set(symptom.qualities)
            )
        else:
            current.pain = max(current.pain, pain)
            current.numbness = current.numbness or symptom.numbness
            current.tingling = current.tingling or symptom.tingling
            current.qualities.update(symptom.qualities)
    ordered = dict(sorted(regions.items(), key=lambda item: region_sort_key(item[0])))
    return MergedDay(day, ordered)


@dataclass(frozen=True, slots=True)
class AreaStat:
    worst: int | None
    mean: float | None
    days: int


@dataclass(slots=True)
class RegionStat:
    symptomatic_days: int = 0
    numbness_days: int = 0
    tingling_days: int = 0
    worst: int = 0
    qualities: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True, slots=True)
class SignStat:
    code: str
    side: str | None
    dates: tuple[date, ...]
    total_count: int | None  # sum of the logged counts (tripping), None when none given


@dataclass(frozen=True, slots=True)
class PainComparison:
    label: str
    days: int
    mean_any: float | None
    mean_left: float | None
    mean_right: float | None


@dataclass(frozen=True, slots=True)
class MedicationStat:
    name: str
    doses: tuple[str, ...]
    days: int
    total_times: int | None
    first: date
    last: date


@dataclass(frozen=True, slots=True)
class ActivityStats:
    walking_pain_days: int
    sitting_relief_days: int
    standing_relief_days: int
    both_days: int
    walking_days: int
    mean_walking_minutes: float | None
    sitting_days: int
    mean_sitting_hours: float | None
    sleep_days: int
    mean_sleep: float | None
    comparisons: tuple[PainComparison, ...]  # leg pain by walking / sitting amount


@dataclass(frozen=True, slots=True)
class Summary:
    period_days: int
    logged_days: int
    merged: tuple[MergedDay, ...]
    area_stats: dict[tuple[str, str], AreaStat]
    numbness_days: dict[str, int]
    tingling_days: dict[str, int]
    region_stats: dict[tuple[str, str], RegionStat]
    top_regions: tuple[tuple[tuple[str, str], RegionStat], ...]
    # Days on which a region of the root's territory was symptomatic, by side.
    root_days: dict[tuple[str, str], int]
    signs: tuple[SignStat, ...]
    footwear: tuple[PainComparison, ...]
    activity: ActivityStats
    medications: tuple[MedicationStat, ...]


def _mean(values: list[int] | list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _comparison(label: str, days: list[MergedDay], regions: frozenset[str]) -> PainComparison:
    any_side = [day.worst(regions) or 0 for day in days]
    left = [day.worst(regions, vocab.LEFT) or 0 for day in days]
    right = [day.worst(regions, vocab.RIGHT) or 0 for day in days]
    return PainComparison(label, len(days), _mean(any_side), _mean(left), _mean(right))


def _split_by_median(
    measured: list[tuple[MergedDay, float]], unit: str, what: str
) -> list[PainComparison]:
    """Leg pain on days at or above / below the median amount of an activity (when the
    amount varies at all)."""
    if len(measured) < 2:
        return []
    cut = median(amount for _, amount in measured)
    high = [day for day, amount in measured if amount >= cut]
    low = [day for day, amount in measured if amount < cut]
    if not high or not low:
        return []
    amount = f"{cut:g} {unit}"
    return [
        _comparison(f"{what} {amount} or more", high, vocab.LEG_REGIONS),
        _comparison(f"{what} less than {amount}", low, vocab.LEG_REGIONS),
    ]


def summarize(data: ReportData) -> Summary:
    period_days = max(0, (data.period_end - data.period_start).days + 1)
    merged = tuple(merge_day(day) for day in data.days)
    logged_days = len({day.date for day in data.days})

    area_days: dict[tuple[str, str], list[int]] = {}
    numbness_days: dict[str, int] = dict.fromkeys(SIDES, 0)
    tingling_days: dict[str, int] = dict.fromkeys(SIDES, 0)
    region_stats: dict[tuple[str, str], RegionStat] = {}
    root_days: dict[tuple[str, str], int] = {}
    region_root = {
        region: root for root, regions in vocab.ROOT_TERRITORIES.items() for region in regions
    }
    sign_dates: dict[tuple[str, str | None], list[date]] = {}
    sign_counts: dict[tuple[str, str | None], int] = {}

    for day in merged:
        day_area_worst: dict[tuple[str, str], int] = {}
        numb_sides: set[str] = set()
        tingle_sides: set[str] = set()
        day_roots: set[tuple[str, str]] = set()
        for (region, side), region_day in day.regions.items():
            area = area_of(region)
            if area is not None:
                key = (area, side)
                day_area_worst[key] = max(day_area_worst.get(key, 0), region_day.pain)
            if region_day.numbness:
                numb_sides.add(side)
            if region_day.tingling:
                tingle_sides.add(side)
            stat = region_stats.setdefault((region, side), RegionStat())
            stat.worst = max(stat.worst, region_day.pain)
            stat.qualities.update(region_day.qualities)
            if region_day.symptomatic:
                stat.symptomatic_days += 1
                root = region_root.get(region)
                if root is not None:
                    day_roots.add((root, side))
            if region_day.numbness:
                stat.numbness_days += 1
            if region_day.tingling:
                stat.tingling_days += 1
        for key, worst in day_area_worst.items():
            area_days.setdefault(key, []).append(worst)
        for root_key in day_roots:
            root_days[root_key] = root_days.get(root_key, 0) + 1
        for side in numb_sides:
            numbness_days[side] = numbness_days.get(side, 0) + 1
        for side in tingle_sides:
            tingling_days[side] = tingling_days.get(side, 0) + 1
        seen_signs: set[tuple[str, str | None]] = set()
        for sign in day.record.signs:
            sign_key = (sign.code, sign.side)
            if sign_key not in seen_signs:
                seen_signs.add(sign_key)
                sign_dates.setdefault(sign_key, []).append(day.date)
            if sign.count is not None:
                sign_counts[sign_key] = sign_counts.get(sign_key, 0) + sign.count

    area_stats = {
        key: AreaStat(max(values), sum(values) / len(values), len(values))
        for key, values in area_days.items()
    }
    ranked = sorted(
        (item for item in region_stats.items() if item[1].symptomatic_days > 0),
        key=lambda item: (-item[1].symptomatic_days, region_sort_key(item[0])),
    )
    signs = tuple(
        SignStat(code, side, tuple(dates), sign_counts.get((code, side)))
        for (code, side), dates in sorted(
            sign_dates.items(),
            key=lambda item: (
                _SIGN_ORDER.get(item[0][0], 99),
                item[0][0],
                _SIDE_ORDER.get(item[0][1] or "", 9),
            ),
        )
    )
    return Summary(
        period_days=period_days,
        logged_days=logged_days,
        merged=merged,
        area_stats=area_stats,
        numbness_days=numbness_days,
        tingling_days=tingling_days,
        region_stats=region_stats,
        top_regions=tuple(ranked[:TOP_REGIONS]),
        root_days=root_days,
        signs=signs,
        footwear=_footwear(list(merged)),
        activity=_activity(list(merged)),
        medications=_medications(list(merged)),
    )


def _footwear(days: list[MergedDay]) -> tuple[PainComparison, ...]:
    if not any(day.record.footwear for day in days):
        return ()
    rows: list[PainComparison] = []
    for code in vocab.FOOTWEAR_CODES:
        worn = [day for day in days if code in day.record.footwear]
        if worn:
            rows.append(_comparison(vocab.FOOTWEAR[code], worn, vocab.FOOT_REGIONS))
    constricting = [
        day for day in days if vocab.CONSTRICTING_FOOTWEAR.intersection(day.record.footwear)
    ]
    others = [
        day for day in days if not vocab.CONSTRICTING_FOOTWEAR.intersection(day.record.footwear)
    ]
    rows.append(_comparison("High heels or tight boots", constricting, vocab.FOOT_REGIONS))
    rows.append(_comparison("All other logged days", others, vocab.FOOT_REGIONS))
    return tuple(rows)


def _activity(days: list[MergedDay]) -> ActivityStats:
    walking = [
        (day, float(day.record.walking_minutes))
        for day in days
        if day.record.walking_minutes is not None
    ]
    sitting = [
        (day, float(day.record.sitting_hours))
        for day in days
        if day.record.sitting_hours is not None
    ]
    sleep = [day.record.sleep_quality for day in days if day.record.sleep_quality is not None]
    comparisons = _split_by_median(walking, "min", "Walked") + _split_by_median(sitting, "h", "Sat")
    return ActivityStats(
        walking_pain_days=sum(1 for day in days if day.record.walking_brings_leg_pain),
        sitting_relief_days=sum(1 for day in days if day.record.sitting_relieves_leg_pain),
        standing_relief_days=sum(1 for day in days if day.record.standing_still_relieves_leg_pain),
        both_days=sum(
            1
            for day in days
            if day.record.walking_brings_leg_pain
            and day.record.sitting_relieves_leg_pain
            and not day.record.standing_still_relieves_leg_pain
        ),
        walking_days=len(walking),
        mean_walking_minutes=_mean([amount for _, amount in walking]),
        sitting_days=len(sitting),
        mean_sitting_hours=_mean([amount for _, amount in sitting]),
        sleep_days=len(sleep),
        mean_sleep=_mean(sleep),
        comparisons=tuple(comparisons),
    )


def _medications(days: list[MergedDay]) -> tuple[MedicationStat, ...]:
    names: dict[str, str] = {}
    doses: dict[str, list[str]] = {}
    dates: dict[str, list[date]] = {}
    times: dict[str, int] = {}
    for day in days:
        seen: set[str] = set()
        for medication in day.record.medications:
            key = " ".join(medication.name.split()).casefold()
            if not key:
                continue
            names.setdefault(key, " ".join(medication.name.split()))
            dose = " ".join(medication.dose.split())
            if dose and dose not in doses.setdefault(key, []):
                doses[key].append(dose)
            if key not in seen:
                seen.add(key)
                dates.setdefault(key, []).append(day.date)
            if medication.times is not None:
                times[key] = times.get(key, 0) + medication.times
    stats = [
        MedicationStat(
            name=names[key],
            doses=tuple(doses.get(key, ())),
            days=len(dates[key]),
            total_times=times.get(key),
            first=min(dates[key]),
            last=max(dates[key]),
        )
        for key in names
    ]
    stats.sort(key=lambda stat: (-stat.days, stat.name.casefold()))
    return tuple(stats)
