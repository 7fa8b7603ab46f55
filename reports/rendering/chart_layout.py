"""Where things go on the pain chart: its bands, the scale of days and pain, date ticks
that never collide, and event labels laid out in rows so that they never overlap."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.pdfbase.pdfmetrics import stringWidth

from journal import vocabulary as vocab

from .data import EventRecord
from .fonts import REGULAR
from .styles import LEFT_COLOR, RIGHT_COLOR
from .text import clean, fmt_day_month, fmt_month

LABEL_SIZE = 7.0
# Event labels go in up to this many rows above the plot, then inside its top.
EVENT_ROWS_ABOVE = 3

# The layout, bottom up: date labels, the numbness/tingling strip, the plot, the event
# labels' rows (as many as they need), the legend.
LEFT_MARGIN, RIGHT_MARGIN = 52.0, 8.0
STRIP_ROWS = (
    ("Left numb", vocab.LEFT, "numbness", LEFT_COLOR),
    ("Left tingling", vocab.LEFT, "tingling", LEFT_COLOR),
    ("Right numb", vocab.RIGHT, "numbness", RIGHT_COLOR),
    ("Right tingling", vocab.RIGHT, "tingling", RIGHT_COLOR),
)
STRIP_ROW_HEIGHT = 8.0
STRIP_HEIGHT = STRIP_ROW_HEIGHT * len(STRIP_ROWS)
AXIS_LABELS_HEIGHT = 12.0
PLOT_HEIGHT = 140.0
PLOT_BOTTOM = AXIS_LABELS_HEIGHT + STRIP_HEIGHT + 6
PLOT_TOP = PLOT_BOTTOM + PLOT_HEIGHT
AXIS_Y = PLOT_BOTTOM - 6 - STRIP_HEIGHT  # the time axis, under the strip
EVENT_ROW_HEIGHT = 9.0
LEGEND_HEIGHT = 16.0


@dataclass(frozen=True, slots=True)
class Scale:
    """Where a day and a pain value go: days across the plot, pain 0–10 up it."""

    width: float  # of the whole drawing
    start: date
    period_days: int
    plot_width: float
    per_day: float

    @classmethod
    def of(cls, width: float, start: date, period_days: int) -> Scale:
        plot_width = width - LEFT_MARGIN - RIGHT_MARGIN
        return cls(width, start, period_days, plot_width, plot_width / period_days)

    def index_of(self, day: date) -> int:
        return (day - self.start).days

    def x_of(self, index: int) -> float:
        return LEFT_MARGIN + (index + 0.5) * self.per_day

    def x_of_date(self, day: date) -> float:
        return self.x_of(self.index_of(day))

    @staticmethod
    def y_of(value: float) -> float:
        return PLOT_BOTTOM + PLOT_HEIGHT * value / 10


EVENT_SHORT = {
    "trauma": "Injury",
    "hip_surgery": "Hip surgery",
    "back_surgery": "Back surgery",
    "injection": "Injection",
    "other": "Event",
}


def event_label(event: EventRecord) -> str:
    kind = EVENT_SHORT.get(event.kind, "Event")
    site = vocab.EVENT_SITES.get(event.site, "")
    side = {"left": "L ", "right": "R "}.get(event.side or "", "")
    return f"{kind}, {side}{site.lower()}" if site and event.kind != "other" else kind


def date_ticks(start: date, period_days: int, plot_width: float) -> list[tuple[date, str]]:
    """Date labels for the x axis: the finest step whose labels do not collide."""
    end = start + timedelta(days=period_days - 1)
    per_day = plot_width / period_days
    label_width = stringWidth("30 Sep", REGULAR, LABEL_SIZE) + 8

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
    month_width = stringWidth("Sep 2026", REGULAR, LABEL_SIZE) + 8
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


@dataclass(frozen=True, slots=True)
class EventLabel:
    line_x: float  # the event's dashed line
    label_x: float  # the label's left edge
    row: int  # counted up from the plot's top, or down from it when `inside`
    inside: bool
    text: str


def event_labels(events: Sequence[EventRecord], scale: Scale) -> tuple[list[EventLabel], int]:
    """One label per date, and how many rows above the plot they take. Greedy rows above
    the plot, so labels never overlap. A label with no room in EVENT_ROWS_ABOVE rows
    shrinks to its numbers (the list under the chart says the rest); numbers with no room
    either go in rows just inside the plot's top."""
    above: list[float] = []  # right edge of the last label in each row
    inside: list[float] = []
    placed: list[EventLabel] = []

    def fit(rows: list[float], limit: int | None, text: str, x: float) -> tuple[int, float] | None:
        text_width = stringWidth(text, REGULAR, LABEL_SIZE)
        left_edge = min(max(x - 2, LEFT_MARGIN), scale.width - RIGHT_MARGIN - text_width)
        for row_index, row_end in enumerate(rows):
            if left_edge >= row_end + 4:
                rows[row_index] = left_edge + text_width
                return row_index, left_edge
        if limit is None or len(rows) < limit:
            rows.append(left_edge + text_width)
            return len(rows) - 1, left_edge
        return None

    by_date: dict[date, list[tuple[int, EventRecord]]] = {}
    for number, event in enumerate(events, start=1):
        by_date.setdefault(event.date, []).append((number, event))
    for event_date, numbered in by_date.items():
        x = scale.x_of_date(event_date)
        numbers = ", ".join(str(number) for number, _ in numbered)
        texts = [numbers]
        if len(numbered) == 1:
            texts.insert(0, f"{numbers} {clean(event_label(numbered[0][1]))}")
        for text in texts:
            spot = fit(above, EVENT_ROWS_ABOVE, text, x)
            if spot is not None:
                placed.append(EventLabel(x, spot[1], spot[0], False, text))
                break
        else:
            row, left_edge = fit(inside, None, numbers, x) or (0, x)
            placed.append(EventLabel(x, left_edge, row, True, numbers))
    return placed, len(above)
