"""Pain over time: each day's worst pain, left leg/foot against right, and the back.

Drawn with reportlab.graphics shapes rather than LinePlot so that days without an entry
are real gaps (the line breaks), numbness/tingling days get their own strip under the
plot, and event labels can be laid out so they never overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Path,
    PolyLine,
    Rect,
    String,
)
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from journal import vocabulary as vocab

from .data import EventRecord
from .fonts import BOLD, REGULAR
from .summary import MergedDay
from .text import clean, fmt_day_month, fmt_month

LEFT_COLOR = colors.HexColor("#0B5FA5")
RIGHT_COLOR = colors.HexColor("#D55E00")
BACK_COLOR = colors.HexColor("#6B6B6B")
EVENT_COLOR = colors.HexColor("#6A3D9A")
GRID_COLOR = colors.HexColor("#D9D9D9")
AXIS_COLOR = colors.HexColor("#444444")
TEXT_COLOR = colors.HexColor("#222222")

EVENT_SHORT = {
    "trauma": "Injury",
    "hip_surgery": "Hip surgery",
    "back_surgery": "Back surgery",
    "injection": "Injection",
    "other": "Event",
}

LEG_AND_FOOT = vocab.LEG_REGIONS
BACK_REGIONS = frozenset({"lower_back"})

_LABEL_SIZE = 7.0
_MARKERS_UP_TO_DAYS = 62
DAILY_ONLY_UP_TO_DAYS = 92
_MEAN_WINDOW = 7
_MEAN_MIN_DAYS = 3


@dataclass(frozen=True, slots=True)
class _Series:
    label: str
    color: colors.Color
    width: float
    values: tuple[int | None, ...]
    marker: str  # "circle" | "square" | ""


def event_label(event: EventRecord) -> str:
    kind = EVENT_SHORT.get(event.kind, "Event")
    site = vocab.EVENT_SITES.get(event.site, "")
    side = {"left": "L ", "right": "R "}.get(event.side or "", "")
    return f"{kind}, {side}{site.lower()}" if site and event.kind != "other" else kind


def _series(days: Sequence[MergedDay], start: date, period_days: int) -> list[_Series]:
    left: list[int | None] = [None] * period_days
    right: list[int | None] = [None] * period_days
    back: list[int | None] = [None] * period_days
    for day in days:
        index = (day.date - start).days
        if not 0 <= index < period_days:
            continue
        # A logged day with nothing reported in an area is 0 there; an unlogged day is None.
        left[index] = day.worst(LEG_AND_FOOT, vocab.LEFT) or 0
        right[index] = day.worst(LEG_AND_FOOT, vocab.RIGHT) or 0
        back[index] = day.worst(BACK_REGIONS) or 0
    return [
        _Series("Lower back", BACK_COLOR, 1.0, tuple(back), ""),
        _Series("Left leg/foot", LEFT_COLOR, 1.5, tuple(left), "circle"),
        _Series("Right leg/foot", RIGHT_COLOR, 1.5, tuple(right), "square"),
    ]


def _ticks(start: date, period_days: int, plot_width: float) -> list[tuple[date, str]]:
    """Date labels for the x axis: the finest step whose labels do not collide."""
    end = start + timedelta(days=period_days - 1)
    per_day = plot_width / period_days
    label_width = stringWidth("30 Sep", REGULAR, _LABEL_SIZE) + 8

    def day_steps(step: int, mondays: bool) -> list[tuple[date, str]]:
        first = start
        if mondays:
            first = start + timedelta(days=(7 - start.weekday()) % 7)
        days = []
        current = first
        while current <= end:
            days.append((current, fmt_day_month(current)))
            current += timedelta(days=step)
        return days

    for step, mondays in ((1, False), (2, False), (7, True), (14, True)):
        if per_day * step >= label_width:
            return day_steps(step, mondays)
    month_width = stringWidth("Sep 2026", REGULAR, _LABEL_SIZE) + 8
    for months in (1, 2, 3, 6):
        if per_day * 30.4 * months >= month_width * 0.8:
            ticks: list[tuple[date, str]] = []
            year, month = start.year, start.month
            if start.day != 1:
                month += 1
            while True:
                if month > 12:
                    year, month = year + 1, month - 12
                current = date(year, month, 1)
                if current > end:
                    break
                if (month - 1) % months == 0 or months == 1:
                    label = fmt_month(current)
                    if not ticks or month == 1:
                        label = f"{label} {year}"
                    ticks.append((current, label))
                month += 1
            return ticks
    return [(start, fmt_day_month(start)), (end, fmt_day_month(end))]


def pain_chart(
    days: Sequence[MergedDay],
    events: Sequence[EventRecord],
    start: date,
    period_days: int,
    width: float,
) -> Drawing:
    series = _series(days, start, period_days)
    in_period = sorted(
        (event for event in events if 0 <= (event.date - start).days < period_days),
        key=lambda event: (event.date, event.kind),
    )

    left_margin, right_margin = 52.0, 8.0
    plot_width = width - left_margin - right_margin
    per_day = plot_width / period_days

    def x_of(index: int) -> float:
        return left_margin + (index + 0.5) * per_day

    # Event labels, one per date: greedy rows above the plot, so labels never overlap. A
    # label with no room in three rows shrinks to its numbers (the list under the chart
    # says the rest); numbers with no room either go in rows just inside the plot's top.
    above: list[float] = []  # right edge of the last label in each row
    inside: list[float] = []
    placed: list[tuple[float, float, int, bool, str]] = []  # line x, label x, row, inside

    def fit(rows: list[float], limit: int | None, text: str, x: float) -> tuple[int, float] | None:
        text_width = stringWidth(text, REGULAR, _LABEL_SIZE)
        left_edge = min(max(x - 2, left_margin), width - right_margin - text_width)
        for row_index, row_end in enumerate(rows):
            if left_edge >= row_end + 4:
                rows[row_index] = left_edge + text_width
                return row_index, left_edge
        if limit is None or len(rows) < limit:
            rows.append(left_edge + text_width)
            return len(rows) - 1, left_edge
        return None

    by_date: dict[date, list[tuple[int, EventRecord]]] = {}
    for number, event in enumerate(in_period, start=1):
        by_date.setdefault(event.date, []).append((number, event))
    for event_date, numbered in by_date.items():
        x = x_of((event_date - start).days)
        numbers = ", ".join(str(number) for number, _ in numbered)
        texts = [numbers]
        if len(numbered) == 1:
            texts.insert(0, f"{numbers} {clean(event_label(numbered[0][1]))}")
        for text in texts:
            spot = fit(above, 3, text, x)
            if spot is not None:
                placed.append((x, spot[1], spot[0], False, text))
                break
        else:
            row, left_edge = fit(inside, None, numbers, x) or (0, x)
            placed.append((x, left_edge, row, True, numbers))

    strip_rows = [
        ("Left numb", vocab.LEFT, "numbness", LEFT_COLOR),
        ("Left tingling", vocab.LEFT, "tingling", LEFT_COLOR),
        ("Right numb", vocab.RIGHT, "numbness", RIGHT_COLOR),
        ("Right tingling", vocab.RIGHT, "tingling", RIGHT_COLOR),
    ]
    strip_row_height = 8.0
    axis_labels_height = 12.0
    strip_height = strip_row_height * len(strip_rows)
    plot_height = 140.0
    legend_height = 16.0
    event_band = 9.0 * len(above) + (4.0 if in_period else 0.0)

    plot_bottom = axis_labels_height + strip_height + 6
    plot_top = plot_bottom + plot_height
    height = plot_top + event_band + legend_height + 2
    drawing = Drawing(width, height)

    # Legend.
    legend_y = height - 10
    x = left_margin
    for item in (series[1], series[2], series[0]):
        drawing.add(
            Line(
                x,
                legend_y + 3,
                x + 18,
                legend_y + 3,
                strokeColor=item.color,
                strokeWidth=item.width + 0.5,
            )
        )
        _marker(drawing, item, x + 9, legend_y + 3, 2.2)
        drawing.add(
            String(
                x + 22, legend_y, item.label, fontName=REGULAR, fontSize=7.5, fillColor=TEXT_COLOR
            )
        )
        x += 30 + stringWidth(item.label, REGULAR, 7.5)
    if in_period:
        drawing.add(
            Line(
                x,
                legend_y - 1,
                x,
                legend_y + 7,
                strokeColor=EVENT_COLOR,
                strokeWidth=1,
                strokeDashArray=[2, 1.5],
            )
        )
        drawing.add(
            String(
                x + 4,
                legend_y,
                "Event (see the list)",
                fontName=REGULAR,
                fontSize=7.5,
                fillColor=TEXT_COLOR,
            )
        )

    # Axes and grid: pain 0–10.
    drawing.add(
        Rect(
            left_margin,
            plot_bottom,
            plot_width,
            plot_height,
            fillColor=None,
            strokeColor=AXIS_COLOR,
            strokeWidth=0.6,
        )
    )
    for pain in range(0, 11, 2):
        y = plot_bottom + plot_height * pain / 10
        if 0 < pain < 10:
            drawing.add(
                Line(
                    left_margin,
                    y,
                    left_margin + plot_width,
                    y,
                    strokeColor=GRID_COLOR,
                    strokeWidth=0.4,
                )
            )
        drawing.add(
            String(
                left_margin - 4,
                y - 2.5,
                str(pain),
                fontName=REGULAR,
                fontSize=_LABEL_SIZE,
                textAnchor="end",
                fillColor=TEXT_COLOR,
            )
        )
    title = String(
        0,
        0,
        "Worst pain of the day (0–10)",
        fontName=REGULAR,
        fontSize=7.5,
        textAnchor="middle",
        fillColor=TEXT_COLOR,
    )
    rotated = Group(title)
    rotated.translate(left_margin - 22, plot_bottom + plot_height / 2)
    rotated.rotate(90)
    drawing.add(rotated)

    # Date ticks, through the plot and the strip.
    axis_y = plot_bottom - 6 - strip_height
    for tick_date, label in _ticks(start, period_days, plot_width):
        index = (tick_date - start).days
        tx = x_of(index)
        drawing.add(Line(tx, plot_bottom, tx, plot_top, strokeColor=GRID_COLOR, strokeWidth=0.4))
        drawing.add(Line(tx, axis_y, tx, axis_y - 3, strokeColor=AXIS_COLOR, strokeWidth=0.6))
        label_width = stringWidth(label, REGULAR, _LABEL_SIZE)
        lx = min(max(tx, left_margin + label_width / 2), width - label_width / 2)
        drawing.add(
            String(
                lx,
                axis_y - 10,
                label,
                fontName=REGULAR,
                fontSize=_LABEL_SIZE,
                textAnchor="middle",
                fillColor=TEXT_COLOR,
            )
        )

    # Events: a dashed line through the plot, its label above (or just inside the top).
    for line_x, label_x, row, is_inside, text in placed:
        drawing.add(
            Line(
                line_x,
                axis_y,
                line_x,
                plot_top,
                strokeColor=EVENT_COLOR,
                strokeWidth=0.9,
                strokeDashArray=[3, 2],
            )
        )
        label_y = plot_top - 9 - 9.0 * row if is_inside else plot_top + 4 + 9.0 * row
        drawing.add(
            String(
                label_x,
                label_y,
                text,
                fontName=BOLD if is_inside else REGULAR,
                fontSize=_LABEL_SIZE,
                fillColor=EVENT_COLOR,
            )
        )

    # The lines: one PolyLine per run of consecutive logged days. Over long periods the
    # daily values are drawn thin and pale, under a 7-day average that reads at a glance.
    long_period = period_days > DAILY_ONLY_UP_TO_DAYS
    radius = min(2.2, max(0.9, per_day * 0.3))

    def y_of(value: float) -> float:
        return plot_bottom + plot_height * value / 10

    for item in series:
        if long_period:
            pale = _blend(item.color, 0.38)
            _lines(drawing, item.values, x_of, y_of, pale, 0.5, 0.8)
            _lines(
                drawing,
                _rolling_mean(item.values),
                x_of,
                y_of,
                item.color,
                item.width + 0.4,
                radius,
            )
        else:
            _lines(drawing, item.values, x_of, y_of, item.color, item.width, radius)
        if period_days <= _MARKERS_UP_TO_DAYS and item.marker:
            for index, value in enumerate(item.values):
                if value is not None:
                    _marker(drawing, item, x_of(index), y_of(value), radius)

    # Numbness / tingling strip: one row per side and kind, a tick on each day it was felt.
    feel: dict[tuple[str, str], set[int]] = {(side, kind): set() for _, side, kind, _ in strip_rows}
    for day in days:
        index = (day.date - start).days
        if not 0 <= index < period_days:
            continue
        for (region, side), region_day in day.regions.items():
            if region not in LEG_AND_FOOT:
                continue
            if region_day.numbness and (side, "numbness") in feel:
                feel[(side, "numbness")].add(index)
            if region_day.tingling and (side, "tingling") in feel:
                feel[(side, "tingling")].add(index)
    tick_width = max(0.8, min(per_day * 0.8, 6.0))
    for row_index, (label, side, kind, color) in enumerate(strip_rows):
        row_top = plot_bottom - 6 - row_index * strip_row_height
        row_bottom = row_top - strip_row_height
        drawing.add(
            Rect(
                left_margin,
                row_bottom + 1,
                plot_width,
                strip_row_height - 2,
                fillColor=colors.HexColor("#F4F4F4"),
                strokeColor=None,
            )
        )
        drawing.add(
            String(
                left_margin - 4,
                row_bottom + 2,
                label,
                fontName=REGULAR,
                fontSize=6.5,
                textAnchor="end",
                fillColor=TEXT_COLOR,
            )
        )
        # One path per row (not a shape per day): a year has hundreds of marks.
        marks = Path(
            fillColor=color if kind == "numbness" else colors.white,
            strokeColor=None if kind == "numbness" else color,
            strokeWidth=0.7,
        )
        for index in sorted(feel[(side, kind)]):
            x0 = x_of(index) - tick_width / 2
            y0, y1 = row_bottom + 1.5, row_bottom + strip_row_height - 1.5
            marks.moveTo(x0, y0)
            marks.lineTo(x0 + tick_width, y0)
            marks.lineTo(x0 + tick_width, y1)
            marks.lineTo(x0, y1)
            marks.closePath()
        drawing.add(marks)
    drawing.add(
        Line(
            left_margin,
            axis_y,
            left_margin + plot_width,
            axis_y,
            strokeColor=AXIS_COLOR,
            strokeWidth=0.6,
        )
    )
    return drawing


def _blend(color: colors.Color, strength: float) -> colors.Color:
    """`color` at `strength` over white: a pale line without PDF transparency."""
    return colors.Color(
        1 - (1 - color.red) * strength,
        1 - (1 - color.green) * strength,
        1 - (1 - color.blue) * strength,
    )


def _rolling_mean(values: Sequence[int | None]) -> tuple[float | None, ...]:
    """Centred 7-day mean over the logged days of the window; None (a gap) when fewer than
    3 of the 7 days were logged."""
    half = _MEAN_WINDOW // 2
    means: list[float | None] = []
    for index in range(len(values)):
        window = [v for v in values[max(0, index - half) : index + half + 1] if v is not None]
        means.append(sum(window) / len(window) if len(window) >= _MEAN_MIN_DAYS else None)
    return tuple(means)


def _lines(
    drawing: Drawing,
    values: Sequence[float | None],
    x_of: Callable[[int], float],
    y_of: Callable[[float], float],
    color: colors.Color,
    width: float,
    radius: float,
) -> None:
    """A polyline per run of consecutive known values; a lone value gets a dot."""
    run: list[float] = []
    for index, value in enumerate([*values, None]):
        if value is not None:
            run.extend((x_of(index), y_of(value)))
            continue
        if len(run) == 2:
            drawing.add(Circle(run[0], run[1], max(radius, 1.2), fillColor=color, strokeColor=None))
        elif len(run) > 2:
            drawing.add(
                PolyLine(
                    run, strokeColor=color, strokeWidth=width, strokeLineJoin=1, strokeLineCap=1
                )
            )
        run = []


def _marker(drawing: Drawing, item: _Series, x: float, y: float, radius: float) -> None:
    if item.marker == "circle":
        drawing.add(
            Circle(x, y, radius, fillColor=colors.white, strokeColor=item.color, strokeWidth=1)
        )
    elif item.marker == "square":
        drawing.add(
            Rect(
                x - radius,
                y - radius,
                radius * 2,
                radius * 2,
                fillColor=item.color,
                strokeColor=None,
            )
        )
