"""The two sections built around a drawing: pain over time (the chart, then the events
listed) and where it hurts (the body map, then the nerve-root territories)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from journal import vocabulary as vocab

from ..bodymap import body_map
from ..chart import DAILY_ONLY_UP_TO_DAYS, pain_chart
from ..data import EventRecord, ReportData
from ..fonts import BOLD
from ..styles import CELL, EVENT_COLOR, FLAG_META, H2, SMALL, heading, table_style
from ..summary import Summary, region_sort_key
from ..text import clean, fmt_date, markup, region_name, side_word


def chart_start(data: ReportData) -> date:
    """Where the chart's range starts: the first logged day when that is later than the
    period's start, so a long period over a short journal is not mostly an empty plot."""
    logged = [day.date for day in data.days if data.period_start <= day.date <= data.period_end]
    return max(data.period_start, min(logged)) if logged else data.period_start


def pain_over_time(data: ReportData, summary: Summary, width: float) -> list[Flowable]:
    start = chart_start(data)
    days = (data.period_end - start).days + 1
    drawing = pain_chart(summary.merged, data.events, start, days, width)
    long_period = (
        " Over a range this long the thick lines are 7-day averages and the thin pale lines "
        "the daily values."
        if days > DAILY_ONLY_UP_TO_DAYS
        else ""
    )
    starts_late = (
        f" The chart starts on {fmt_date(start)}, the first logged day; the period starts on "
        f"{fmt_date(data.period_start)}."
        if start > data.period_start
        else ""
    )
    story: list[Flowable] = [
        heading("Pain over time"),
        Paragraph(
            "Each logged day's worst pain in the left leg or foot, the right leg or foot, and "
            "the lower back. Days without an entry are left blank (the line breaks); a logged "
            "day with nothing reported in an area is drawn at 0. Below the plot, a filled mark "
            "is a day with numbness and an open mark a day with tingling in that leg or foot."
            + long_period
            + starts_late,
            SMALL,
        ),
        Spacer(1, 4),
        drawing,
    ]
    story += _events(data.events, data, start)
    return story


def _events(events: Sequence[EventRecord], data: ReportData, start: date) -> list[Flowable]:
    """The events, numbered as on the chart; those outside its range unnumbered."""
    if not events:
        return [Paragraph("No injuries, operations or injections were recorded.", SMALL)]
    in_period = sorted(
        (e for e in events if start <= e.date <= data.period_end),
        key=lambda e: (e.date, e.kind),
    )
    before = sorted((e for e in events if e.date < data.period_start), key=lambda e: e.date)
    before_chart = sorted(
        (e for e in events if data.period_start <= e.date < start), key=lambda e: e.date
    )
    after = sorted((e for e in events if e.date > data.period_end), key=lambda e: e.date)

    def describe(event: EventRecord) -> str:
        kind = vocab.EVENT_KINDS.get(event.kind, clean(event.kind))
        site = vocab.EVENT_SITES.get(event.site, clean(event.site))
        side = f", {side_word(event.side).lower()}" if event.side else ""
        notes = f" — {markup(event.notes, max_breaks=0)}" if event.notes.strip() else ""
        return (
            f"<b>{fmt_date(event.date)}</b>: {markup(kind)} ({markup(site.lower())}{side}){notes}"
        )

    color = EVENT_COLOR.hexval()[2:]
    lines = [
        f'<font color="#{color}"><b>{number}</b></font>&nbsp; {describe(event)}'
        for number, event in enumerate(in_period, start=1)
    ]
    lines += [f"Before the period: {describe(event)}" for event in before]
    lines += [f"Before the first logged day: {describe(event)}" for event in before_chart]
    lines += [f"After the period: {describe(event)}" for event in after]
    return [Paragraph("Events", H2)] + [Paragraph(line, FLAG_META) for line in lines]


def where_it_hurts(summary: Summary, width: float) -> list[Flowable]:
    logged = max(summary.logged_days, 1)
    share = {key: stat.symptomatic_days / logged for key, stat in summary.region_stats.items()}
    drawing = body_map(share, width)
    roots = [("L4", "L4"), ("L5", "L5"), ("S1", "S1"), ("S2-S4", "S2–S4 (saddle)")]
    rows: list[list[object]] = [
        ["Nerve root", "Regions it serves (this report's map)", "Left", "Right", "Centre"]
    ]
    for root, label in roots:
        regions = sorted(
            vocab.ROOT_TERRITORIES.get(root, frozenset()),
            key=lambda code: region_sort_key((code, "")),
        )
        rows.append(
            [
                label,
                Paragraph(", ".join(region_name(code) for code in regions), CELL),
                str(summary.root_days.get((root, vocab.LEFT), 0)),
                str(summary.root_days.get((root, vocab.RIGHT), 0)),
                str(summary.root_days.get((root, vocab.CENTER), 0)) if root == "S2-S4" else "",
            ]
        )
    widths = [78.0, 0.0, 44.0, 44.0, 44.0]
    widths[1] = width - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(("ALIGN", (2, 0), (-1, -1), "CENTER"), ("FONT", (0, 1), (0, -1), BOLD, 8, 10))
    )
    return [
        heading("Where it hurts"),
        Paragraph(
            "Each region shaded by the share of logged days on which it was "
            "symptomatic. Left and right are always the patient's own: in the front "
            "view and the soles the patient's right is on your left.",
            SMALL,
        ),
        Spacer(1, 4),
        drawing,
        Paragraph("Nerve-root territories", H2),
        table,
        Paragraph(
            "Days on which any region of the territory was symptomatic, by side. Territories "
            "overlap between people; the lower back (lumbar spine) belongs to none. "
            "Sole: S1/tibial; inner ankle: L4/tibial (tarsal tunnel); outer ankle and "
            "outer foot: S1/sural; top of foot and big toe: L5/peroneal.",
            SMALL,
        ),
    ]
