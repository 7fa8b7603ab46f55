"""Pain over time: each day's worst pain, left leg/foot against right, and the back.

Drawn with reportlab.graphics shapes rather than LinePlot so that days without an entry
are real gaps (the line breaks), numbness/tingling days get their own strip under the
plot, and event labels can be laid out so they never overlap (chart_layout).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, PolyLine, Rect
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from journal import vocabulary as vocab

from .chart_layout import (
    AXIS_Y,
    EVENT_ROW_HEIGHT,
    LABEL_SIZE,
    LEFT_MARGIN,
    LEGEND_HEIGHT,
    PLOT_BOTTOM,
    PLOT_HEIGHT,
    PLOT_TOP,
    STRIP_ROW_HEIGHT,
    STRIP_ROWS,
    EventLabel,
    Scale,
    date_ticks,
    event_labels,
)
from .data import EventRecord
from .fonts import BOLD, REGULAR
from .styles import (
    AXIS_COLOR,
    BACK_COLOR,
    EVENT_COLOR,
    FAINT_FILL,
    GRID_COLOR,
    LEFT_COLOR,
    RIGHT_COLOR,
    WHITE,
    drawing_text,
)
from .summary import MergedDay

LEG_AND_FOOT = vocab.LEG_REGIONS
BACK_REGIONS = frozenset({"lower_back"})

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


def pain_chart(
    days: Sequence[MergedDay],
    events: Sequence[EventRecord],
    start: date,
    period_days: int,
    width: float,
) -> Drawing:
    """The chart, in steps:

    1. the series: each day's worst pain per line, None on days without an entry;
    2. the scale, and the event labels placed above the plot (their rows set the height);
    3. the drawing, back to front: legend, axes and grid, date ticks, events, the lines,
       the numbness and tingling strip, and last the time axis.
    """
    series = _series(days, start, period_days)
    in_period = sorted(
        (event for event in events if 0 <= (event.date - start).days < period_days),
        key=lambda event: (event.date, event.kind),
    )

    scale = Scale.of(width, start, period_days)
    labels, rows_above = event_labels(in_period, scale)

    event_band = EVENT_ROW_HEIGHT * rows_above + (4.0 if in_period else 0.0)
    height = PLOT_TOP + event_band + LEGEND_HEIGHT + 2
    drawing = Drawing(width, height)
    _draw_legend(drawing, series, height - 10, with_events=bool(in_period))
    _draw_axes(drawing, scale)
    _draw_date_ticks(drawing, scale)
    _draw_events(drawing, labels)
    _draw_lines(drawing, series, scale)
    _draw_strip(drawing, days, scale)
    drawing.add(
        Line(
            LEFT_MARGIN,
            AXIS_Y,
            LEFT_MARGIN + scale.plot_width,
            AXIS_Y,
            strokeColor=AXIS_COLOR,
            strokeWidth=0.6,
        )
    )
    return drawing


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


def _draw_legend(
    drawing: Drawing, series: Sequence[_Series], legend_y: float, *, with_events: bool
) -> None:
    """The legs first, then the back; the event line's key when there are events."""
    x = LEFT_MARGIN
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
        drawing.add(drawing_text(x + 22, legend_y, item.label, size=7.5))
        x += 30 + stringWidth(item.label, REGULAR, 7.5)
    if with_events:
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
        drawing.add(drawing_text(x + 4, legend_y, "Event (see the list)", size=7.5))


def _draw_axes(drawing: Drawing, scale: Scale) -> None:
    """The plot's frame, a grid line every 2 points of pain, and the pain axis's title."""
    drawing.add(
        Rect(
            LEFT_MARGIN,
            PLOT_BOTTOM,
            scale.plot_width,
            PLOT_HEIGHT,
            fillColor=None,
            strokeColor=AXIS_COLOR,
            strokeWidth=0.6,
        )
    )
    for pain in range(0, 11, 2):
        y = scale.y_of(pain)
        if 0 < pain < 10:
            drawing.add(
                Line(
                    LEFT_MARGIN,
                    y,
                    LEFT_MARGIN + scale.plot_width,
                    y,
                    strokeColor=GRID_COLOR,
                    strokeWidth=0.4,
                )
            )
        drawing.add(
            drawing_text(LEFT_MARGIN - 4, y - 2.5, str(pain), size=LABEL_SIZE, anchor="end")
        )
    title = drawing_text(0, 0, "Worst pain of the day (0–10)", size=7.5, anchor="middle")
    rotated = Group(title)
    rotated.translate(LEFT_MARGIN - 22, PLOT_BOTTOM + PLOT_HEIGHT / 2)
    rotated.rotate(90)
    drawing.add(rotated)


def _draw_date_ticks(drawing: Drawing, scale: Scale) -> None:
    """Date ticks, through the plot and the strip, with their labels under the axis."""
    for tick_date, label in date_ticks(scale.start, scale.period_days, scale.plot_width):
        tx = scale.x_of_date(tick_date)
        drawing.add(Line(tx, PLOT_BOTTOM, tx, PLOT_TOP, strokeColor=GRID_COLOR, strokeWidth=0.4))
        drawing.add(Line(tx, AXIS_Y, tx, AXIS_Y - 3, strokeColor=AXIS_COLOR, strokeWidth=0.6))
        label_width = stringWidth(label, REGULAR, LABEL_SIZE)
        lx = min(max(tx, LEFT_MARGIN + label_width / 2), scale.width - label_width / 2)
        drawing.add(drawing_text(lx, AXIS_Y - 10, label, size=LABEL_SIZE, anchor="middle"))


def _draw_events(drawing: Drawing, labels: Sequence[EventLabel]) -> None:
    """A dashed line through the plot for each event, its label above (or just inside the
    top)."""
    for label in labels:
        drawing.add(
            Line(
                label.line_x,
                AXIS_Y,
                label.line_x,
                PLOT_TOP,
                strokeColor=EVENT_COLOR,
                strokeWidth=0.9,
                strokeDashArray=[3, 2],
            )
        )
        if label.inside:
            label_y = PLOT_TOP - 9 - EVENT_ROW_HEIGHT * label.row
        else:
            label_y = PLOT_TOP + 4 + EVENT_ROW_HEIGHT * label.row
        drawing.add(
            drawing_text(
                label.label_x,
                label_y,
                label.text,
                size=LABEL_SIZE,
                font=BOLD if label.inside else REGULAR,
                color=EVENT_COLOR,
            )
        )


def _draw_lines(drawing: Drawing, series: Sequence[_Series], scale: Scale) -> None:
    """One PolyLine per run of consecutive logged days. Over long periods the daily values
    are drawn thin and pale, under a 7-day average that reads at a glance."""
    long_period = scale.period_days > DAILY_ONLY_UP_TO_DAYS
    radius = min(2.2, max(0.9, scale.per_day * 0.3))
    x_of, y_of = scale.x_of, scale.y_of
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
        if scale.period_days <= _MARKERS_UP_TO_DAYS and item.marker:
            for index, value in enumerate(item.values):
                if value is not None:
                    _marker(drawing, item, x_of(index), y_of(value), radius)


def _feeling_days(days: Sequence[MergedDay], scale: Scale) -> dict[tuple[str, str], set[int]]:
    """The day indexes with numbness, and with tingling, in each leg or foot."""
    feel: dict[tuple[str, str], set[int]] = {(side, kind): set() for _, side, kind, _ in STRIP_ROWS}
    for day in days:
        index = scale.index_of(day.date)
        if not 0 <= index < scale.period_days:
            continue
        for (region, side), region_day in day.regions.items():
            if region not in LEG_AND_FOOT:
                continue
            if region_day.numbness and (side, "numbness") in feel:
                feel[(side, "numbness")].add(index)
            if region_day.tingling and (side, "tingling") in feel:
                feel[(side, "tingling")].add(index)
    return feel


def _draw_strip(drawing: Drawing, days: Sequence[MergedDay], scale: Scale) -> None:
    """The numbness / tingling strip: one row per side and kind, a tick on each day it was
    felt (filled for numbness, open for tingling)."""
    feel = _feeling_days(days, scale)
    tick_width = max(0.8, min(scale.per_day * 0.8, 6.0))
    for row_index, (label, side, kind, color) in enumerate(STRIP_ROWS):
        row_top = PLOT_BOTTOM - 6 - row_index * STRIP_ROW_HEIGHT
        row_bottom = row_top - STRIP_ROW_HEIGHT
        drawing.add(
            Rect(
                LEFT_MARGIN,
                row_bottom + 1,
                scale.plot_width,
                STRIP_ROW_HEIGHT - 2,
                fillColor=FAINT_FILL,
                strokeColor=None,
            )
        )
        drawing.add(drawing_text(LEFT_MARGIN - 4, row_bottom + 2, label, size=6.5, anchor="end"))
        # One path per row (not a shape per day): a year has hundreds of marks.
        marks = Path(
            fillColor=color if kind == "numbness" else WHITE,
            strokeColor=None if kind == "numbness" else color,
            strokeWidth=0.7,
        )
        for index in sorted(feel[(side, kind)]):
            x0 = scale.x_of(index) - tick_width / 2
            y0, y1 = row_bottom + 1.5, row_bottom + STRIP_ROW_HEIGHT - 1.5
            marks.moveTo(x0, y0)
            marks.lineTo(x0 + tick_width, y0)
            marks.lineTo(x0 + tick_width, y1)
            marks.lineTo(x0, y1)
            marks.closePath()
        drawing.add(marks)


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
        drawing.add(Circle(x, y, radius, fillColor=WHITE, strokeColor=item.color, strokeWidth=1))
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
