"""Page 1 of report version 2 (reports.md): the whole consultation summary, for a specialist
with a minute before the patient comes in. It never spills: it is laid out in a frame of
page 1's height and shrinks to fit, and the patient-facing explanations come later.

In order: the header (age, health history, days logged, first and last logged day), the
flags in clinical words, the red-flag line (each cauda equina and serious-cause sign the
journal asks about, reported on which days or not reported in how many logged days), the
onset in each leg, a weekly trend of worst leg and back pain, key numbers, and the
medications in short.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from reportlab.graphics.shapes import Drawing, Line, PolyLine, String
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from journal import vocabulary as vocab

from ..data import CheckScore, FlagRecord, ReportData
from ..fonts import REGULAR
from ..styles import (
    AXIS_COLOR,
    BACK_COLOR,
    GRID_COLOR,
    H2,
    HEAD_CELL,
    LEFT_COLOR,
    SEVERITY_COLORS,
    SUBTITLE,
    TITLE,
    URGENT,
    drawing_text,
    paragraph_style,
    table_style,
)
from ..summary import Summary
from ..text import clean, fmt_date, markup, plural, side_word
from .first_page import first_evidence, header, severity_rank

# What the red-flag line asks about, in rules.md's order: (label, how a day shows it).
RED_FLAG_SIGNS: tuple[tuple[str, str], ...] = (
    ("Saddle or genital numbness, tingling", "saddle"),
    ("Bladder change", "bladder_change"),
    ("Bowel change", "bowel_change"),
    ("Sexual function change", "sexual_function_change"),
    ("Foot-lift or tiptoe weakness in both legs", "distal_both"),
    ("Fever", "fever"),
    ("Night pain", "night_pain"),
    ("Weight loss", "weight_loss"),
)
# The line's entries that are unsided signs of the vocabulary (bladder ... weight loss).
_UNSIDED_RED_FLAG_SIGNS = tuple(key for _, key in RED_FLAG_SIGNS if key in vocab.SIGNS)
SEVERITY_SHORT = {
    "urgent": "URGENT",
    "prompt": "Today",
    "see_specialist": "Clinic",
    "monitor": "Monitor",
}
# The page 1 frame: the body frame's height, less a little for rounding in the build.
_HEIGHT_MARGIN = 4.0
_MAX_DATES = 3

CLINICAL = paragraph_style("clinical", fontSize=7.8, leading=9.6)
CLINICAL_RED = paragraph_style("clinical_red", parent=CLINICAL, textColor=URGENT)


def consultation_page(
    data: ReportData, summary: Summary, width: float, height: float
) -> list[Flowable]:
    """Page 1, shrunk to fit when long: one frame, never more than a page."""
    story: list[Flowable] = [
        Paragraph("Symptom journal: consultation summary", TITLE),
        Paragraph(
            "For the spine specialist: page 1 is the summary; the pages after it hold the "
            "evidence and what the patient was told. Patterns, not diagnoses.",
            SUBTITLE,
        ),
        Spacer(1, 4),
        *header(data, summary, width),
        *_flags(data, width),
        *_red_flag_line(summary, width),
        *_onset_and_numbers(summary),
        *_trend(summary, width),
        *_weekly_check(data, width),
        *_medications(summary),
    ]
    return [KeepInFrame(width, height - _HEIGHT_MARGIN, story, mode="shrink")]


def _section(title: str) -> Paragraph:
    return Paragraph(title, paragraph_style("c_h2", parent=H2, spaceBefore=7, spaceAfter=3))


def _flags(data: ReportData, width: float) -> list[Flowable]:
    shown = sorted(
        (flag for flag in data.flags if flag.status in ("active", "acknowledged")),
        key=severity_rank,
    )
    if not shown:
        return [
            _section("Patterns found"),
            Paragraph(
                "None in this period. The program looks for patterns in what was logged; "
                "finding none is not an all-clear.",
                CLINICAL,
            ),
        ]
    head = ["", "Pattern (clinical summary)", "Side", "First evidence", "Last evidence", "Days"]
    rows: list[list[object]] = [[Paragraph(cell, HEAD_CELL) for cell in head]]
    urgent_rows: list[int] = []
    for index, flag in enumerate(shown, start=1):
        rows.append(_flag_row(flag))
        if flag.severity == "urgent":
            urgent_rows.append(index)
    fixed = [50, 36, 62, 62, 34]  # severity, side, first, last, days
    widths = [fixed[0], width - sum(fixed), *fixed[1:]]
    commands: list[tuple[object, ...]] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for index, flag in enumerate(shown, start=1):
        stroke, _ = SEVERITY_COLORS.get(flag.severity, SEVERITY_COLORS["monitor"])
        commands.append(("TEXTCOLOR", (0, index), (0, index), stroke))
    for index in urgent_rows:
        commands.append(("BOX", (0, index), (-1, index), 1.4, URGENT))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(*commands))
    return [_section("Patterns found, most pressing first"), table]


def _flag_row(flag: FlagRecord) -> list[object]:
    severity = SEVERITY_SHORT.get(flag.severity, clean(flag.severity))
    words = flag.clinician_summary or flag.summary
    read = " (read by the patient)" if flag.status == "acknowledged" else ""
    return [
        Paragraph(f"<b>{markup(severity)}</b>", CLINICAL),
        Paragraph(f"<b>{markup(flag.title)}</b>{read}<br/>{markup(words)}", CLINICAL),
        Paragraph(markup(side_word(flag.side)) if flag.side else "—", CLINICAL),
        Paragraph(fmt_date(first_evidence(flag)), CLINICAL),
        Paragraph(fmt_date(flag.last_evidence_on), CLINICAL),
        Paragraph(str(len(set(flag.evidence_dates))), CLINICAL),
    ]


def red_flag_days(summary: Summary) -> dict[str, list[date]]:
    """For each sign of the red-flag line, the logged days that reported it."""
    found: dict[str, list[date]] = {key: [] for _, key in RED_FLAG_SIGNS}
    for day in summary.merged:
        signs = {(sign.code, sign.side) for sign in day.record.signs}
        if any(
            region == "saddle" and (reading.numbness or reading.tingling)
            for (region, _), reading in day.regions.items()
        ):
            found["saddle"].append(day.record.date)
        for code in _UNSIDED_RED_FLAG_SIGNS:
            if (code, None) in signs:
                found[code].append(day.record.date)
        if all(
            any((code, side) in signs for code in vocab.DISTAL_WEAKNESS_SIGNS)
            for side in vocab.LEG_SIDES
        ):
            found["distal_both"].append(day.record.date)
    return found


def red_flag_text(dates: Sequence[date], logged_days: int) -> str:
    if not dates:
        if not logged_days:
            return "no day logged"
        return f"not reported in {plural(logged_days, 'logged day')}"
    shown = ", ".join(fmt_date(day) for day in list(dates)[:_MAX_DATES])
    more = len(dates) - _MAX_DATES
    return f"REPORTED on {shown}" + (f" and {more} more" if more > 0 else "")


def _red_flag_line(summary: Summary, width: float) -> list[Flowable]:
    """Two signs a row, each as its label and what the journal says of it."""
    found = red_flag_days(summary)
    cells: list[list[Paragraph]] = []
    for label, key in RED_FLAG_SIGNS:
        text = red_flag_text(found[key], summary.logged_days)
        style = CLINICAL_RED if found[key] else CLINICAL
        cells.append([Paragraph(f"<b>{markup(label)}</b>", style), Paragraph(markup(text), style)])
    half = (len(cells) + 1) // 2
    rows = [
        [*cells[i], *(cells[i + half] if i + half < len(cells) else ["", ""])] for i in range(half)
    ]
    label_width, text_width = width * 0.22, width * 0.28
    table = Table(rows, colWidths=[label_width, text_width, label_width, text_width])
    table.setStyle(table_style(header_rows=0))
    return [_section("Red flags the journal asks about"), table]


def first_symptom_day(summary: Summary, side: str) -> date | None:
    """The first logged day with a symptomatic region in that leg."""
    for day in summary.merged:
        for (region, region_side), reading in day.regions.items():
            if region_side != side or region not in vocab.LEG_REGIONS:
                continue
            if reading.numbness or reading.tingling or reading.pain >= 3:
                return day.record.date
    return None


def leg_onset(summary: Summary) -> str:
    """The onset in each leg, in the words every section that gives it uses."""
    onset = "; ".join(
        f"{side_word(side).lower()} {fmt_date(day) if day else 'none'}"
        for side, day in ((side, first_symptom_day(summary, side)) for side in vocab.LEG_SIDES)
    )
    return f"<b>First logged day with leg symptoms:</b> {onset}."


def _by_side(counts: dict[str, int]) -> str:
    return ", ".join(f"{side_word(side).lower()} {counts.get(side, 0)}" for side in vocab.LEG_SIDES)


def _onset_and_numbers(summary: Summary) -> list[Flowable]:
    first = summary.merged[0].record.date if summary.merged else None
    last = summary.merged[-1].record.date if summary.merged else None
    logged = f"{fmt_date(first)} to {fmt_date(last)}" if first and last else "no day logged"
    lines = [
        f"<b>First and last logged day:</b> {logged}. {leg_onset(summary)}",
        f"<b>Days with numbness:</b> {_by_side(summary.numbness_days)}; "
        f"<b>with tingling:</b> {_by_side(summary.tingling_days)}.",
    ]
    return [_section("Onset and key numbers"), *(Paragraph(line, CLINICAL) for line in lines)]


def weekly_worst(summary: Summary) -> list[tuple[date, float | None, float | None]]:
    """Per week from the first logged day: the mean of each logged day's worst leg or foot
    pain and of its worst back pain (None in a week with no logged day)."""
    if not summary.merged:
        return []
    start = summary.merged[0].record.date
    weeks: dict[int, tuple[list[int], list[int]]] = {}
    for day in summary.merged:
        week = (day.record.date - start).days // 7
        leg = [r.pain for (region, _), r in day.regions.items() if region in vocab.LEG_REGIONS]
        back = [r.pain for (region, _), r in day.regions.items() if region == "lower_back"]
        legs, backs = weeks.setdefault(week, ([], []))
        legs.append(max(leg, default=0))
        backs.append(max(back, default=0))
    last = (summary.merged[-1].record.date - start).days // 7
    out: list[tuple[date, float | None, float | None]] = []
    for week in range(last + 1):
        legs, backs = weeks.get(week, ([], []))
        out.append(
            (
                start + timedelta(days=7 * week),
                sum(legs) / len(legs) if legs else None,
                sum(backs) / len(backs) if backs else None,
            )
        )
    return out


def _trend(summary: Summary, width: float) -> list[Flowable]:
    weeks = weekly_worst(summary)
    if len(weeks) < 2:
        return []
    height, left, bottom, top = 74.0, 26.0, 14.0, 8.0
    plot_w, plot_h = width - left - 120, height - bottom - top
    drawing = Drawing(width, height)

    def x(index: int) -> float:
        return left + plot_w * index / (len(weeks) - 1)

    def y(value: float) -> float:
        return bottom + plot_h * value / 10

    for level in (0, 5, 10):
        drawing.add(Line(left, y(level), left + plot_w, y(level), strokeColor=GRID_COLOR))
        drawing.add(drawing_text(left - 4, y(level) - 2.5, str(level), size=6.5, anchor="end"))
    for position, label_index in enumerate((0, len(weeks) - 1)):
        anchor = "start" if position == 0 else "end"
        drawing.add(
            drawing_text(
                x(label_index), 2, fmt_date(weeks[label_index][0]), size=6.5, anchor=anchor
            )
        )
    legs = [leg for _, leg, _ in weeks]
    backs = [back for _, _, back in weeks]
    series = ((legs, LEFT_COLOR, "Worst leg/foot pain"), (backs, BACK_COLOR, "Worst back pain"))
    for values, color, name in series:
        points: list[float] = []
        for index, value in enumerate(values):
            if value is not None:
                points += [x(index), y(value)]
        if len(points) >= 4:
            drawing.add(PolyLine(points, strokeColor=color, strokeWidth=1.4))
        legend_y = height - top - (4 if values is legs else 16)
        key_x = left + plot_w + 12
        drawing.add(
            Line(
                key_x,
                legend_y + 2.5,
                key_x + 14,
                legend_y + 2.5,
                strokeColor=color,
                strokeWidth=1.4,
            )
        )
        drawing.add(String(left + plot_w + 30, legend_y, name, fontName=REGULAR, fontSize=7))
    drawing.add(
        String(
            left + plot_w + 12,
            height - top - 30,
            "weekly mean of each day's worst",
            fontName=REGULAR,
            fontSize=6.5,
            fillColor=AXIS_COLOR,
        )
    )
    return [_section("Trend, week by week (0–10)"), drawing]


def check_changes(data: ReportData) -> list[tuple[CheckScore, CheckScore]]:
    """Per score of the weekly check: its first and its latest answer in the period."""
    firsts: dict[str, CheckScore] = {}
    latests: dict[str, CheckScore] = {}
    for score in data.check_scores:  # oldest first
        firsts.setdefault(score.name, score)
        latests[score.name] = score
    return [(firsts[name], latests[name]) for name in firsts]


def _weekly_check(data: ReportData, width: float) -> list[Flowable]:
    changes = check_changes(data)
    if not changes:
        return [_section("Weekly check"), Paragraph("Not answered in this period.", CLINICAL)]
    answered = len({score.authored_on for score in data.check_scores})
    rows: list[list[object]] = [
        [Paragraph(cell, HEAD_CELL) for cell in ("Score", "First", "Latest", "Change")]
    ]
    for first, latest in changes:
        band = f" ({markup(latest.band)})" if latest.band else ""
        change = (
            f"{latest.value - first.value:+.1f}" if latest.authored_on > first.authored_on else "—"
        )
        rows.append(
            [
                Paragraph(markup(latest.title), CLINICAL),
                Paragraph(f"{first.value:g} on {fmt_date(first.authored_on)}", CLINICAL),
                Paragraph(f"{latest.value:g}{band} on {fmt_date(latest.authored_on)}", CLINICAL),
                Paragraph(change, CLINICAL),
            ]
        )
    table = Table(rows, colWidths=[width * 0.4, width * 0.22, width * 0.28, width * 0.1])
    table.setStyle(table_style())
    title = f"Weekly check ({markup(changes[0][1].instrument)}, {plural(answered, 'answer')})"
    return [_section(title), table]


def _medications(summary: Summary) -> list[Flowable]:
    if not summary.medications:
        return [_section("Medications"), Paragraph("None logged in this period.", CLINICAL)]
    items = [
        f"{markup(med.name)}{' ' + markup(', '.join(med.doses)) if med.doses else ''} "
        f"({plural(med.days, 'day')})"
        for med in summary.medications
    ]
    return [_section("Medications"), Paragraph("; ".join(items) + ".", CLINICAL)]
