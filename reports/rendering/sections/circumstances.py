"""Circumstances: footwear against foot pain, walking and sitting against leg pain, and
the medications taken."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from ..fonts import BOLD, REGULAR
from ..styles import BODY, CELL, H2, RULE, SMALL, ZEBRA, heading, table_style
from ..summary import PainComparison, Summary
from ..text import fmt_date, fmt_mean, markup, plural


def _comparison_table(
    rows_in: Sequence[PainComparison],
    first_header: str,
    what: str,
    width: float,
    bold_rows: Sequence[int] = (),
) -> Table:
    rows: list[list[object]] = [
        [first_header, "Days", f"Mean worst {what} pain", "", ""],
        ["", "", "either side", "left", "right"],
    ]
    for item in rows_in:
        rows.append(
            [
                Paragraph(markup(item.label), CELL),
                str(item.days),
                fmt_mean(item.mean_any),
                fmt_mean(item.mean_left),
                fmt_mean(item.mean_right),
            ]
        )
    widths = [0.0, 44.0, 80.0, 60.0, 60.0]
    widths[0] = width - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=2)
    extra: list[tuple[object, ...]] = [
        ("SPAN", (2, 0), (4, 0)),
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("FONT", (2, 1), (-1, 1), REGULAR, 7, 9),
    ]
    for row in bold_rows:
        extra.append(("FONT", (1, row + 2), (-1, row + 2), BOLD, 8, 10))
        extra.append(("BACKGROUND", (0, row + 2), (-1, row + 2), ZEBRA))
    table.setStyle(table_style(*extra, header_rows=2))
    return table


def circumstances(summary: Summary, width: float) -> list[list[Flowable]]:
    """Units (flow.py): footwear; walking and sitting; leg pain by how much was walked or
    sat; medications."""
    story: list[Flowable] = [heading("Circumstances")]
    # Footwear.
    story.append(Paragraph("Footwear and foot pain", H2))
    if summary.footwear:
        constricting, others = summary.footwear[-2], summary.footwear[-1]
        rows = list(summary.footwear)
        story.append(
            _comparison_table(
                rows,
                "Shoes worn that day",
                "foot/ankle",
                width,
                bold_rows=(len(rows) - 2, len(rows) - 1),
            )
        )
        story.append(
            Paragraph(
                f"On {plural(constricting.days, 'day')} with high heels or tight boots the "
                f"mean worst foot/ankle pain was {fmt_mean(constricting.mean_any)}, against "
                f"{fmt_mean(others.mean_any)} on the {plural(others.days, 'other logged day')}. "
                "A day may list several kinds of shoes; a logged day without foot symptoms "
                "counts as 0.",
                SMALL,
            )
        )
    else:
        story.append(Paragraph("No footwear was logged in this period.", BODY))

    units = [story]
    # Walking and sitting.
    activity = summary.activity
    story = [Paragraph("Walking, sitting and leg pain", H2)]
    units.append(story)
    facts: list[list[object]] = [
        ["Days on which walking brought on leg pain", str(activity.walking_pain_days)],
        ["Days on which sitting or bending forward eased it", str(activity.sitting_relief_days)],
        ["Days on which standing still (not sitting) eased it", str(activity.standing_relief_days)],
        ["Days eased by sitting, not standing (spinal stenosis pattern)", str(activity.both_days)],
        [
            "Walking time",
            f"mean {fmt_mean(activity.mean_walking_minutes, 0)} min a day over "
            f"{plural(activity.walking_days, 'day')} recorded"
            if activity.walking_days
            else "not recorded",
        ],
        [
            "Sitting time",
            f"mean {fmt_mean(activity.mean_sitting_hours)} h a day over "
            f"{plural(activity.sitting_days, 'day')} recorded"
            if activity.sitting_days
            else "not recorded",
        ],
        [
            "Sleep quality (0–10, higher is better)",
            f"mean {fmt_mean(activity.mean_sleep)} over {plural(activity.sleep_days, 'day')}"
            if activity.sleep_days
            else "not recorded",
        ],
    ]
    facts_table = Table(facts, colWidths=[250, width - 250])
    facts_table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
                ("FONT", (1, 0), (1, -1), BOLD, 8, 10),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(facts_table)
    if activity.comparisons:
        # A unit of its own: it may start the next page under its own header row.
        story = [Spacer(1, 5)]
        units.append(story)
        story.append(
            _comparison_table(activity.comparisons, "Days split at the median", "leg/foot", width)
        )
        story.append(
            Paragraph(
                "Leg/foot pain: every leg and foot region; a logged day without leg or foot "
                "symptoms counts as 0.",
                SMALL,
            )
        )

    # Medications.
    story = [Paragraph("Medications", H2)]
    units.append(story)
    if summary.medications:
        rows_m: list[list[object]] = [
            ["Medication", "Doses logged", "Days taken", "Times in all", "First – last"]
        ]
        for medication in summary.medications:
            rows_m.append(
                [
                    Paragraph(markup(medication.name), CELL),
                    Paragraph(markup("; ".join(medication.doses)) or "—", CELL),
                    f"{medication.days} of {summary.logged_days}",
                    "—" if medication.total_times is None else str(medication.total_times),
                    f"{fmt_date(medication.first)} – {fmt_date(medication.last)}",
                ]
            )
        widths = [0.0, 110.0, 58.0, 58.0, 122.0]
        widths[0] = width - sum(widths)
        table = Table(rows_m, colWidths=widths, repeatRows=1)
        table.setStyle(table_style(("ALIGN", (2, 0), (3, -1), "CENTER")))
        story.append(table)
    else:
        story.append(Paragraph("No medications were logged in this period.", BODY))
    return units
