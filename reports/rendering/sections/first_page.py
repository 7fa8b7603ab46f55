"""The header table of page 1, and the patterns in detail: each flag with its evidence and
the explanation the patient read, most pressing first (after the consultation page)."""

from __future__ import annotations

from datetime import date

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from journal import vocabulary as vocab

from ..data import FlagRecord, ReportData
from ..fonts import BOLD, REGULAR
from ..styles import (
    BODY,
    FLAG_BODY,
    FLAG_META,
    FLAG_SEVERITY,
    FLAG_TITLE,
    H2,
    HEADER_STRONG,
    HEADER_VALUE,
    INK,
    MUTED,
    RULE,
    SEVERITY_COLORS,
    SMALL,
    URGENT,
    ZEBRA,
    heading,
    paragraph_style,
)
from ..summary import Summary
from ..text import (
    clean,
    fmt_date,
    fmt_date_list,
    fmt_period,
    local_time,
    markup,
    patient_line,
    patient_name,
    plural,
    side_word,
)

SEVERITY_WORDS = {
    "urgent": "Urgent — seek emergency care now",
    "prompt": "Contact a doctor today",
    "see_specialist": "Discuss at your appointment",
    "monitor": "Keep logging",
}


def header(data: ReportData, summary: Summary, width: float) -> list[Flowable]:
    """Who, when and how much was logged: the table at the top of page 1."""
    logged = (
        f"{summary.logged_days} of {plural(summary.period_days, 'day')} logged"
        if summary.period_days
        else "no days"
    )
    rows = [
        [
            "Patient",
            Paragraph(markup(patient_with_age(data)), HEADER_STRONG),
            "Period",
            Paragraph(fmt_period(data.period_start, data.period_end), HEADER_STRONG),
        ],
        [
            "Logged",
            Paragraph(logged, HEADER_VALUE),
            "Created",
            Paragraph(markup(local_time(data.generated_at, data.timezone)), HEADER_VALUE),
        ],
        [
            "Health\nhistory",
            Paragraph(markup(health_history_line(data.health_history)), HEADER_VALUE),
            "Report id",
            Paragraph(markup(data.report_id), HEADER_VALUE),
        ],
    ]
    # Short labels, so a name with its age and a report id each fit on one line.
    widths = [46.0, 0.0, 48.0, 196.0]
    widths[1] = width - sum(widths)
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8.5, 11),
                ("FONT", (0, 0), (0, -1), BOLD, 8, 11),
                ("FONT", (2, 0), (2, -1), BOLD, 8, 11),
                ("TEXTCOLOR", (0, 0), (0, -1), MUTED),
                ("TEXTCOLOR", (2, 0), (2, -1), MUTED),
                ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 5),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [table]


def patient_with_age(data: ReportData) -> str:
    """ "Name (born 1979, age 47)": the age the patient turns in the report's year, which
    is what a birth year alone can say."""
    if data.birth_year is None:
        return patient_line(data)
    age = data.generated_at.year - data.birth_year
    # No-break spaces: a long name wraps before the birth year and age, never inside them.
    return f"{patient_name(data)} (born\u00a0{data.birth_year},\u00a0age\u00a0{age})"


def severity_rank(flag: FlagRecord) -> tuple[int, int, str, str]:
    """rules.md's order: by severity, then by the number of evidence days, most first."""
    rank = vocab.SEVERITIES.index(flag.severity) if flag.severity in vocab.SEVERITIES else 99
    return (rank, -len(flag.evidence_dates), flag.code, flag.side or "")


def first_evidence(flag: FlagRecord) -> date:
    """The earliest date of the flag's evidence (rules version 2), the same date the app
    shows; flags stored before it fall back to when they were first raised. An evidence
    date earlier still (a day synced late, before the flag was stored again) wins: the
    report never shows a first evidence later than a date it lists as evidence."""
    stored = flag.first_evidence_on or flag.first_detected_on
    return min(stored, *flag.evidence_dates) if flag.evidence_dates else stored


def health_history_line(codes: tuple[str, ...]) -> str:
    """The patient's own answer, in the header: what they said, or that they did not."""
    if not codes:
        return "not given"
    if vocab.PREFER_NOT_TO_SAY in codes:
        return "prefer not to say"
    return "; ".join(vocab.HEALTH_HISTORY.get(code, clean(code)) for code in codes)


def _flag_box(flag: FlagRecord, width: float) -> Flowable:
    stroke, fill = SEVERITY_COLORS.get(flag.severity, SEVERITY_COLORS["monitor"])
    severity = SEVERITY_WORDS.get(flag.severity, clean(flag.severity))
    urgent = flag.severity == "urgent"
    evidence = (
        f"<b>Side:</b> {markup(side_word(flag.side))} &nbsp;·&nbsp; "
        f"<b>First evidence:</b> {fmt_date(first_evidence(flag))} &nbsp;·&nbsp; "
        f"<b>Last evidence:</b> {fmt_date(flag.last_evidence_on)}"
    )
    if flag.status == "acknowledged":
        evidence += " &nbsp;·&nbsp; acknowledged by the patient"
    title_style = paragraph_style(
        "flag_title_" + flag.severity, parent=FLAG_TITLE, textColor=URGENT if urgent else INK
    )
    severity_style = paragraph_style(
        "flag_severity_" + flag.severity, parent=FLAG_SEVERITY, textColor=stroke
    )
    title = Paragraph(markup(flag.title), title_style)
    if urgent:
        heading: Flowable = Paragraph(
            f"URGENT — seek emergency care now: {markup(flag.title)}", title_style
        )
        top_row = [heading, ""]
    else:
        top_row = [title, Paragraph(markup(severity), severity_style)]
    inner = width - 14
    rows: list[list[object]] = [
        top_row,
        [Paragraph(evidence, FLAG_META), ""],
        [Paragraph(f"<b>Evidence:</b> {markup(flag.summary)}", FLAG_BODY), ""],
    ]
    if flag.evidence_dates:
        dates = fmt_date_list(flag.evidence_dates)
        rows.append(
            [
                Paragraph(
                    f"<b>Evidence dates ({len(set(flag.evidence_dates))}):</b> {dates}", FLAG_META
                ),
                "",
            ]
        )
    if flag.explanation.strip():
        rows.append([Paragraph(markup(flag.explanation), FLAG_BODY), ""])
    table = Table(rows, colWidths=[inner * 0.64, inner * 0.36])
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, -1), fill),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
    ]
    for row in range(1, len(rows)):
        commands.append(("SPAN", (0, row), (1, row)))
    if urgent:
        commands += [("SPAN", (0, 0), (1, 0)), ("BOX", (0, 0), (-1, -1), 2.2, URGENT)]
    else:
        commands += [
            ("LINEBEFORE", (0, 0), (0, -1), 4, stroke),
            ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ]
    table.setStyle(TableStyle(commands))
    return table


def what_to_discuss(data: ReportData, width: float) -> list[list[Flowable]]:
    """The patterns as the patient read them, in units (flow.py): the heading with the
    first flag, each further flag, the resolved ones."""
    intro: list[Flowable] = [heading("The patterns in detail, as the patient read them")]
    open_flags = sorted(
        (flag for flag in data.flags if flag.status in ("active", "acknowledged")),
        key=severity_rank,
    )
    resolved = sorted((flag for flag in data.flags if flag.status == "resolved"), key=severity_rank)
    if not open_flags and not resolved:
        intro.append(
            Paragraph(
                "No patterns worth discussing were found in this period. The program looks "
                "for patterns in what was logged (for example one-sided leg pain with "
                "numbness, signs of weakness, or bladder and bowel changes); finding none "
                "is not an all-clear.",
                BODY,
            )
        )
        return [intro]
    units = [intro]
    if open_flags:
        intro.append(
            Paragraph(
                "Patterns the program found in what was logged, most pressing first. "
                "Each is a reason to look, not a diagnosis.",
                SMALL,
            )
        )
        intro.append(Spacer(1, 4))
        intro += [_flag_box(open_flags[0], width), Spacer(1, 6)]
        units += [[_flag_box(flag, width), Spacer(1, 6)] for flag in open_flags[1:]]
    else:
        intro.append(Paragraph("No open patterns in this period.", BODY))
    if resolved:
        lines = [
            f"<b>{markup(flag.title)}</b> ({markup(side_word(flag.side).lower())}): "
            f"first evidence {fmt_date(first_evidence(flag))}, last evidence "
            f"{fmt_date(flag.last_evidence_on)}; "
            f"{markup(SEVERITY_WORDS.get(flag.severity, flag.severity)).lower()}"
            for flag in resolved
        ]
        units.append(
            [
                Paragraph("Resolved in this period", H2),
                *(Paragraph("• " + line, FLAG_META) for line in lines),
            ]
        )
    return units
