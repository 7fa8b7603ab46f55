"""The key numbers: pain by area and side, the most affected regions, and the signs.

For an empty period, `empty_period` stands in for these and every later section.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table

from journal import vocabulary as vocab

from ..fonts import BOLD, REGULAR
from ..styles import (
    BODY,
    CELL,
    CELL_BOLD,
    H2,
    HEAD_CELL,
    MUTED,
    RULE,
    SMALL,
    URGENT,
    heading,
    table_style,
)
from ..summary import BACK, FOOT, LEG, SADDLE, Summary
from ..text import clean, fmt_date_list, fmt_mean, markup, plural, region_name, side_word
from .consultation import leg_onset

AREA_NAMES = {
    BACK: "Lower back",
    LEG: "Leg, above the ankle",
    FOOT: "Foot and ankle",
    SADDLE: "Saddle area",
}


def key_numbers(summary: Summary, width: float) -> list[list[Flowable]]:
    """Three units (flow.py): pain by area and side, the most affected regions, the
    signs."""
    sides = (vocab.LEFT, vocab.RIGHT, vocab.CENTER)
    header_top: list[object] = ["", "Left", "", "", "Right", "", "", "Centre", "", ""]
    header_sub: list[object] = ["Pain (0–10)", *(["worst", "mean", "days"] * 3)]
    rows: list[list[object]] = [header_top, header_sub]
    for area in (BACK, LEG, FOOT, SADDLE):
        row: list[object] = [AREA_NAMES[area]]
        for side in sides:
            stat = summary.area_stats.get((area, side))
            allowed = area in (BACK, SADDLE) if side == vocab.CENTER else area != SADDLE
            if stat is None:
                row += ["—" if allowed else "", "", ""]
            else:
                row += [str(stat.worst), fmt_mean(stat.mean), str(stat.days)]
        rows.append(row)
    numb_row: list[object] = ["Days with numbness"]
    tingle_row: list[object] = ["Days with tingling"]
    for side in sides:
        numb_row += [str(summary.numbness_days.get(side, 0)), "", ""]
        tingle_row += [str(summary.tingling_days.get(side, 0)), "", ""]
    rows += [numb_row, tingle_row]
    first = 118.0
    other = (width - first) / 9
    table = Table(rows, colWidths=[first] + [other] * 9, repeatRows=2)
    last = len(rows) - 1
    style = table_style(
        ("SPAN", (1, 0), (3, 0)),
        ("SPAN", (4, 0), (6, 0)),
        ("SPAN", (7, 0), (9, 0)),
        ("ALIGN", (1, 0), (-1, -1), "CENTER"),
        ("FONT", (0, 1), (-1, 1), REGULAR, 7, 9),
        ("TEXTCOLOR", (0, 1), (-1, 1), MUTED),
        ("FONT", (0, 2), (0, -1), BOLD, 8, 10),
        ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE),
        ("LINEAFTER", (3, 0), (3, -1), 0.4, RULE),
        ("LINEAFTER", (6, 0), (6, -1), 0.4, RULE),
        ("SPAN", (1, last - 1), (3, last - 1)),
        ("SPAN", (4, last - 1), (6, last - 1)),
        ("SPAN", (7, last - 1), (9, last - 1)),
        ("SPAN", (1, last), (3, last)),
        ("SPAN", (4, last), (6, last)),
        ("SPAN", (7, last), (9, last)),
        ("LINEABOVE", (0, last - 1), (-1, last - 1), 0.8, RULE),
        header_rows=2,
    )
    table.setStyle(style)
    story: list[Flowable] = [
        heading("Key numbers"),
        table,
        Paragraph(
            f"Of {plural(summary.logged_days, 'logged day')}. Worst = the highest pain "
            "reported; mean = the average of each day's worst reading, over the days with a "
            "reading there (days). Leg = buttock, thigh, knee, shin and calf; foot = ankle "
            "and foot. — = nothing reported. Numbness and tingling: days with any region of "
            "that side affected.",
            SMALL,
        ),
        Paragraph(leg_onset(summary), SMALL),
    ]
    return [story, _top_regions(summary, width), _signs(summary, width)]


def _qualities(counter: dict[str, int]) -> str:
    ranked = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(clean(name) for name, _ in ranked[:3])


def _territory(region: str) -> str:
    entry = vocab.REGIONS.get(region)
    return entry[2] if entry else ""


def _top_regions(summary: Summary, width: float) -> list[Flowable]:
    if not summary.top_regions:
        return [
            Paragraph("Most affected regions", H2),
            Paragraph("No region was symptomatic on any logged day.", BODY),
        ]
    rows: list[list[object]] = [
        [
            Paragraph(title, HEAD_CELL)
            for title in (
                "Region",
                "Side",
                "Symptomatic days",
                "Numb days",
                "Tingling days",
                "Worst pain",
                "Nerve territory",
                "Described as",
            )
        ]
    ]
    for (region, side), stat in summary.top_regions:
        rows.append(
            [
                Paragraph(region_name(region), CELL),
                side_word(side),
                f"{stat.symptomatic_days} of {summary.logged_days}",
                str(stat.numbness_days),
                str(stat.tingling_days),
                str(stat.worst),
                Paragraph(_territory(region), CELL),
                Paragraph(_qualities(stat.qualities), CELL),
            ]
        )
    widths = [88.0, 36.0, 70.0, 38.0, 46.0, 36.0, 80.0]
    widths.append(width - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(("ALIGN", (2, 0), (5, -1), "CENTER")))
    return [
        Paragraph("Most affected regions", H2),
        table,
        Paragraph(
            "Ranked by days on which the region was symptomatic: pain 3 or more, or numbness, "
            "or tingling (several check-ins of a day count once, with the highest pain).",
            SMALL,
        ),
    ]


def _signs(summary: Summary, width: float) -> list[Flowable]:
    title = Paragraph("Weakness, tripping, bladder and bowel signs", H2)
    if not summary.signs:
        return [title, Paragraph("None of these signs was reported in the period.", BODY)]
    rows: list[list[object]] = [["Sign (as the patient reported it)", "Side", "Days", "Dates"]]
    alarm: list[int] = []
    for index, sign in enumerate(summary.signs, start=1):
        label = vocab.SIGNS[sign.code][0] if sign.code in vocab.SIGNS else clean(sign.code)
        if sign.total_count is not None:
            label += f" ({plural(sign.total_count, 'time')} in all)"
        if sign.code in vocab.CAUDA_EQUINA_SIGNS:
            alarm.append(index)
        rows.append(
            [
                Paragraph(
                    markup(label), CELL_BOLD if sign.code in vocab.CAUDA_EQUINA_SIGNS else CELL
                ),
                side_word(sign.side) if sign.side else "—",
                str(len(sign.dates)),
                Paragraph(fmt_date_list(sign.dates, limit=60), CELL),
            ]
        )
    widths = [210.0, 50.0, 34.0]
    widths.append(width - sum(widths))
    table = Table(rows, colWidths=widths, repeatRows=1)
    extra: list[tuple[object, ...]] = [("ALIGN", (2, 0), (2, -1), "CENTER")]
    for row in alarm:
        extra.append(("TEXTCOLOR", (0, row), (-1, row), URGENT))
    table.setStyle(table_style(*extra))
    return [title, table]


def empty_period() -> list[Flowable]:
    return [
        heading("Entries"),
        Paragraph(
            "No entries in this period: the patient logged no days between these dates, so "
            "there are no numbers, charts or daily log to show.",
            BODY,
        ),
    ]
