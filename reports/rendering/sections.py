"""The report's sections, in reading order, as platypus flowables.

Text the patient typed reaches a Paragraph only through `text.markup` (escaped) and a
table cell only through `text.clean`; everything else here is our own wording.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from journal import vocabulary as vocab

from .bodymap import body_map
from .chart import DAILY_ONLY_UP_TO_DAYS, EVENT_COLOR, pain_chart
from .data import EventRecord, FlagRecord, ReportData
from .fonts import BOLD, REGULAR
from .summary import (
    BACK,
    FOOT,
    LEG,
    SADDLE,
    MergedDay,
    PainComparison,
    Summary,
    region_sort_key,
)
from .text import (
    clean,
    fmt_date,
    fmt_date_list,
    fmt_mean,
    fmt_period,
    markup,
    plural,
)

INK = colors.HexColor("#1E1E1E")
MUTED = colors.HexColor("#555555")
HEADING = colors.HexColor("#1B2A41")
RULE = colors.HexColor("#B8C2CC")
HEADER_FILL = colors.HexColor("#E8EDF2")
ZEBRA = colors.HexColor("#F6F8FA")
URGENT = colors.HexColor("#B00020")

DISCLAIMER = "This journal records what the patient reported; it is not a diagnosis."

SEVERITY_WORDS = {
    "urgent": "Urgent — seek emergency care now",
    "prompt": "Contact a specialist within days",
    "see_specialist": "Discuss at your appointment",
    "monitor": "Keep logging",
}
SEVERITY_COLORS = {
    "urgent": (URGENT, colors.HexColor("#FDECEE")),
    "prompt": (colors.HexColor("#A65300"), colors.HexColor("#FFF4E6")),
    "see_specialist": (colors.HexColor("#1F4E79"), colors.HexColor("#EEF4FA")),
    "monitor": (colors.HexColor("#4D4D4D"), colors.HexColor("#F4F4F4")),
}
SIDE_WORDS = {vocab.LEFT: "Left", vocab.RIGHT: "Right", vocab.CENTER: "Centre"}
SIDE_LETTERS = {vocab.LEFT: "L", vocab.RIGHT: "R", vocab.CENTER: "C"}

# Short names for the dense daily log; the report's other tables use vocabulary labels.
SHORT_REGIONS = {
    "lower_back": "low back",
    "buttock": "buttock",
    "thigh_back": "back of thigh",
    "thigh_front": "front of thigh",
    "thigh_outer": "outer thigh",
    "knee": "knee",
    "shin_inner": "inner shin",
    "shin_outer": "outer shin",
    "calf": "calf",
    "ankle_inner": "inner ankle",
    "ankle_outer": "outer ankle",
    "foot_top": "top of foot",
    "big_toe": "big toe",
    "foot_outer": "outer foot",
    "sole": "sole",
    "heel": "heel",
    "saddle": "saddle",
}
SHORT_SIGNS = {
    "foot_lift_difficulty": "foot won't lift",
    "tripping": "tripped",
    "toe_stand_difficulty": "can't stand on tiptoe",
    "knee_buckling": "knee gave way",
    "leg_weakness": "leg weak",
    "bladder_change": "BLADDER change",
    "bowel_change": "BOWEL change",
    "sexual_function_change": "SEXUAL FUNCTION change",
}


def _style(name: str, parent: ParagraphStyle | None = None, **kwargs: object) -> ParagraphStyle:
    """A paragraph style: our defaults, or `parent`'s, overridden by `kwargs`."""
    if parent is not None:
        return ParagraphStyle(name, parent=parent, **kwargs)
    base: dict[str, object] = {
        "fontName": REGULAR,
        "fontSize": 9,
        "leading": 11.5,
        "textColor": INK,
    }
    base.update(kwargs)
    return ParagraphStyle(name, **base)


BODY = _style("body")
SMALL = _style("small", fontSize=7.5, leading=9.5, textColor=MUTED)
TITLE = _style("title", fontName=BOLD, fontSize=16, leading=20, textColor=HEADING)
SUBTITLE = _style("subtitle", fontSize=8.5, leading=11, textColor=MUTED)
H1 = _style(
    "h1",
    fontName=BOLD,
    fontSize=12.5,
    leading=16,
    textColor=HEADING,
    spaceBefore=10,
    spaceAfter=5,
    keepWithNext=1,
)
H2 = _style(
    "h2",
    fontName=BOLD,
    fontSize=9.5,
    leading=12,
    textColor=HEADING,
    spaceBefore=6,
    spaceAfter=3,
    keepWithNext=1,
)
HEAD_CELL = _style("head_cell", fontName=BOLD, fontSize=8, leading=9.5)
FLAG_TITLE = _style("flag_title", fontName=BOLD, fontSize=10.5, leading=13)
FLAG_SEVERITY = _style("flag_severity", fontName=BOLD, fontSize=8.5, leading=11, alignment=TA_RIGHT)
FLAG_BODY = _style("flag_body", fontSize=8.5, leading=11)
FLAG_META = _style("flag_meta", fontSize=8, leading=10.5, textColor=MUTED)
CELL = _style("cell", fontSize=8, leading=10)
CELL_BOLD = _style("cell_bold", fontName=BOLD, fontSize=8, leading=10)
LOG_NOTE = _style("log_note", fontSize=7, leading=8.5, splitLongWords=1)

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LOG_FONT_SIZE = 7.0
LOG_LEADING = 8.5


def _heading(text: str) -> Paragraph:
    return Paragraph(text, H1)


def _table_style(*extra: tuple[object, ...], header_rows: int = 1) -> TableStyle:
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8, 10),
        ("FONT", (0, 0), (-1, header_rows - 1), BOLD, 8, 10),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, HEADING),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    commands.extend(extra)
    return TableStyle(commands)


def region_name(code: str) -> str:
    entry = vocab.REGIONS.get(code)
    return entry[0] if entry else clean(code)


def side_word(side: str | None) -> str:
    if side is None or side == "":
        return "Not one side"
    return SIDE_WORDS.get(side, clean(side).capitalize())


def local_time(generated_at: datetime, timezone: str) -> str:
    """The generation time in the patient's zone, named, e.g. "12 Apr 2026, 09:30 CEST
    (Europe/Berlin)"; an unknown zone falls back to UTC rather than failing the report."""
    moment = generated_at if generated_at.tzinfo else generated_at.replace(tzinfo=UTC)
    try:
        zone = ZoneInfo(timezone)
        name = timezone
    except (ZoneInfoNotFoundError, ValueError):
        zone, name = ZoneInfo("UTC"), "UTC"
    local = moment.astimezone(zone)
    abbreviation = local.tzname() or ""
    suffix = f"{abbreviation} ({name})" if abbreviation and abbreviation != name else name
    return f"{fmt_date(local.date())}, {local:%H:%M} {suffix}"


def patient_line(data: ReportData) -> str:
    name = clean(data.patient_name).strip() or "Patient"
    return f"{name} (born {data.birth_year})" if data.birth_year else name


# --- 1. Header ---------------------------------------------------------------------------


def header(data: ReportData, summary: Summary, width: float) -> list[Flowable]:
    logged = (
        f"{summary.logged_days} of {plural(summary.period_days, 'day')} logged"
        if summary.period_days
        else "no days"
    )
    value = _style("header_value", fontSize=8.5, leading=11)
    strong = _style("header_strong", fontName=BOLD, fontSize=9, leading=11)
    rows = [
        [
            "Patient",
            Paragraph(markup(patient_line(data)), strong),
            "Period",
            Paragraph(fmt_period(data.period_start, data.period_end), strong),
        ],
        [
            "Days logged",
            Paragraph(logged, value),
            "Generated",
            Paragraph(markup(local_time(data.generated_at, data.timezone)), value),
        ],
        ["Report id", Paragraph(markup(data.report_id), value), "", ""],
    ]
    label_width = 64.0
    value_width = (width - 2 * label_width) / 2
    table = Table(rows, colWidths=[label_width, value_width, label_width, value_width])
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
                ("SPAN", (1, 2), (3, 2)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return [
        Paragraph("Symptom journal: report for the spine specialist", TITLE),
        Paragraph(
            "Back, leg and foot symptoms as the patient logged them in Footnote. "
            "Page 1 says what to discuss; the following pages hold the evidence.",
            SUBTITLE,
        ),
        Spacer(1, 6),
        table,
    ]


# --- 2. What to discuss ------------------------------------------------------------------


def _severity_rank(flag: FlagRecord) -> tuple[int, str, str, str]:
    rank = vocab.SEVERITIES.index(flag.severity) if flag.severity in vocab.SEVERITIES else 99
    return (rank, flag.first_detected_on.isoformat(), flag.code, flag.side or "")


def _flag_box(flag: FlagRecord, width: float) -> Flowable:
    stroke, fill = SEVERITY_COLORS.get(flag.severity, SEVERITY_COLORS["monitor"])
    severity = SEVERITY_WORDS.get(flag.severity, clean(flag.severity))
    urgent = flag.severity == "urgent"
    evidence = (
        f"<b>Side:</b> {markup(side_word(flag.side))} &nbsp;·&nbsp; "
        f"<b>First evidence:</b> {fmt_date(flag.first_detected_on)} &nbsp;·&nbsp; "
        f"<b>Last evidence:</b> {fmt_date(flag.last_evidence_on)}"
    )
    if flag.status == "acknowledged":
        evidence += " &nbsp;·&nbsp; acknowledged by the patient"
    title_style = _style(
        "flag_title_" + flag.severity, parent=FLAG_TITLE, textColor=URGENT if urgent else INK
    )
    severity_style = _style(
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


def what_to_discuss(data: ReportData, width: float) -> list[Flowable]:
    story: list[Flowable] = [_heading("What to discuss")]
    open_flags = sorted(
        (flag for flag in data.flags if flag.status in ("active", "acknowledged")),
        key=_severity_rank,
    )
    resolved = sorted(
        (flag for flag in data.flags if flag.status == "resolved"), key=_severity_rank
    )
    if not open_flags and not resolved:
        story.append(
            Paragraph(
                "No patterns worth discussing were found in this period. The program looks "
                "for patterns in what was logged (for example one-sided leg pain with "
                "numbness, signs of weakness, or bladder and bowel changes); finding none "
                "is not an all-clear.",
                BODY,
            )
        )
        return story
    if open_flags:
        story.append(
            Paragraph(
                "Patterns the program found in what was logged, most pressing first. "
                "Each is a reason to look, not a diagnosis.",
                SMALL,
            )
        )
        story.append(Spacer(1, 4))
        for flag in open_flags:
            story.append(KeepTogether([_flag_box(flag, width), Spacer(1, 6)]))
    else:
        story.append(Paragraph("No open patterns in this period.", BODY))
    if resolved:
        lines = [
            f"<b>{markup(flag.title)}</b> ({markup(side_word(flag.side).lower())}): evidence "
            f"{fmt_date(flag.first_detected_on)} to {fmt_date(flag.last_evidence_on)}; "
            f"{markup(SEVERITY_WORDS.get(flag.severity, flag.severity)).lower()}"
            for flag in resolved
        ]
        story.append(Paragraph("Resolved in this period", H2))
        story.extend(Paragraph("• " + line, FLAG_META) for line in lines)
    return story


# --- 3. Key numbers -----------------------------------------------------------------------

AREA_NAMES = {
    BACK: "Lower back",
    LEG: "Leg, above the ankle",
    FOOT: "Foot and ankle",
    SADDLE: "Saddle area",
}


def key_numbers(summary: Summary, width: float) -> list[Flowable]:
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
    style = _table_style(
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
        _heading("Key numbers"),
        table,
        Paragraph(
            f"Of {plural(summary.logged_days, 'logged day')}. Worst = the highest pain "
            "reported; mean = the average of each day's worst reading, over the days with a "
            "reading there (days). Leg = buttock, thigh, knee, shin and calf; foot = ankle "
            "and foot. — = nothing reported. Numbness and tingling: days with any region of "
            "that side affected.",
            SMALL,
        ),
    ]
    story += _top_regions(summary, width)
    story += _signs(summary, width)
    return story


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
    table.setStyle(_table_style(("ALIGN", (2, 0), (5, -1), "CENTER")))
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
    table.setStyle(_table_style(*extra))
    return [title, table]


# --- 4. Pain over time -------------------------------------------------------------------


def pain_over_time(data: ReportData, summary: Summary, width: float) -> list[Flowable]:
    drawing = pain_chart(summary.merged, data.events, data.period_start, summary.period_days, width)
    long_period = (
        " Over a period this long the thick lines are 7-day averages and the thin pale lines "
        "the daily values."
        if summary.period_days > DAILY_ONLY_UP_TO_DAYS
        else ""
    )
    story: list[Flowable] = [
        _heading("Pain over time"),
        Paragraph(
            "Each logged day's worst pain in the left leg or foot, the right leg or foot, and "
            "the lower back. Days without an entry are left blank (the line breaks); a logged "
            "day with nothing reported in an area is drawn at 0. Below the plot, a filled mark "
            "is a day with numbness and an open mark a day with tingling in that leg or foot."
            + long_period,
            SMALL,
        ),
        Spacer(1, 4),
        drawing,
    ]
    story += _events(data.events, data)
    return [KeepTogether(story[:4]), *story[4:]]


def _events(events: Sequence[EventRecord], data: ReportData) -> list[Flowable]:
    if not events:
        return [Paragraph("No injuries, operations or injections were recorded.", SMALL)]
    in_period = sorted(
        (e for e in events if data.period_start <= e.date <= data.period_end),
        key=lambda e: (e.date, e.kind),
    )
    before = sorted((e for e in events if e.date < data.period_start), key=lambda e: e.date)
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
    lines += [f"After the period: {describe(event)}" for event in after]
    return [Paragraph("Events", H2)] + [Paragraph(line, FLAG_META) for line in lines]


# --- 5. Where it hurts --------------------------------------------------------------------


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
                str(summary.root_region_days.get((root, vocab.LEFT), 0)),
                str(summary.root_region_days.get((root, vocab.RIGHT), 0)),
                str(summary.root_region_days.get((root, vocab.CENTER), 0))
                if root == "S2-S4"
                else "",
            ]
        )
    widths = [78.0, 0.0, 44.0, 44.0, 44.0]
    widths[1] = width - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        _table_style(("ALIGN", (2, 0), (-1, -1), "CENTER"), ("FONT", (0, 1), (0, -1), BOLD, 8, 10))
    )
    return [
        KeepTogether(
            [
                _heading("Where it hurts"),
                Paragraph(
                    "Each region shaded by the share of logged days on which it was "
                    "symptomatic. Left and right are always the patient's own: in the front "
                    "view and the soles the patient's right is on your left.",
                    SMALL,
                ),
                Spacer(1, 4),
                drawing,
            ]
        ),
        KeepTogether(
            [
                Paragraph("Nerve-root territories", H2),
                table,
                Paragraph(
                    "Symptomatic region-days in each territory, by side. Territories overlap "
                    "between people; the lower back (lumbar spine) belongs to none. "
                    "Sole: S1/tibial; inner ankle: L4/tibial (tarsal tunnel); outer ankle and "
                    "outer foot: S1/sural; top of foot and big toe: L5/peroneal.",
                    SMALL,
                ),
            ]
        ),
    ]


# --- 6. Circumstances ---------------------------------------------------------------------


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
    table.setStyle(_table_style(*extra, header_rows=2))
    return table


def circumstances(summary: Summary, width: float) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(120), _heading("Circumstances")]
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

    # Walking and sitting.
    activity = summary.activity
    story.append(Paragraph("Walking, sitting and leg pain", H2))
    facts: list[list[object]] = [
        ["Days on which walking brought on leg pain", str(activity.walking_pain_days)],
        ["Days on which sitting or bending forward eased it", str(activity.sitting_relief_days)],
        ["Days with both (the pattern of spinal stenosis)", str(activity.both_days)],
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
        story.append(Spacer(1, 5))
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
    story.append(Paragraph("Medications", H2))
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
        table.setStyle(_table_style(("ALIGN", (2, 0), (3, -1), "CENTER")))
        story.append(table)
    else:
        story.append(Paragraph("No medications were logged in this period.", BODY))
    return story


# --- 7. Daily log -------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _log_width(text: str) -> float:
    return float(stringWidth(text, REGULAR, LOG_FONT_SIZE))


def _wrap(pieces: Sequence[str], separator: str, width: float) -> list[str]:
    """Lay `pieces` out in lines no wider than `width`, keeping each piece whole where it
    fits: plain table cells, much cheaper than a Paragraph per cell (a year has 2,000)."""
    lines: list[str] = []
    line: list[str] = []
    line_width = 0.0
    separator_width = _log_width(separator)
    limit = width - _log_width(separator.rstrip())  # room for the separator ending a line
    for piece in pieces:
        piece_width = _log_width(piece)
        if line:
            if line_width + separator_width + piece_width <= limit:
                line.append(piece)
                line_width += separator_width + piece_width
                continue
            lines.append(separator.join(line) + separator.rstrip())
            line = []
        if piece_width > limit:  # wider than the cell on its own: break it up
            broken = _break_long(piece, limit)
            lines.extend(broken[:-1])
            piece = broken[-1]
            piece_width = _log_width(piece)
        line = [piece]
        line_width = piece_width
    if line:
        lines.append(separator.join(line))
    return lines


def _break_long(text: str, width: float) -> list[str]:
    """Break between words, and inside a word only when it is wider than the cell."""
    out: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if _log_width(candidate) <= width:
            current = candidate
            continue
        if current:
            out.append(current)
        current = ""
        for char in word:
            if current and _log_width(current + char) > width:
                out.append(current)
                current = ""
            current += char
    if current:
        out.append(current)
    return out or [""]


def _symptoms_cell(day: MergedDay) -> list[str]:
    pieces = []
    for (region, side), region_day in day.regions.items():
        marks = ("N" if region_day.numbness else "") + ("T" if region_day.tingling else "")
        name = SHORT_REGIONS.get(region, clean(region))
        side_letter = SIDE_LETTERS.get(side, clean(side))
        piece = f"{side_letter} {name} {region_day.pain}"
        pieces.append(f"{piece} {marks}" if marks else piece)
    return pieces


def _signs_cell(day: MergedDay) -> tuple[list[str], bool]:
    pieces = []
    alarm = False
    for sign in day.record.signs:
        label = SHORT_SIGNS.get(sign.code, clean(sign.code))
        side = SIDE_LETTERS.get(sign.side or "", "")
        text = f"{side} {label}" if side else label
        if sign.count:
            text += f" ×{sign.count}"
        alarm = alarm or sign.code in vocab.CAUDA_EQUINA_SIGNS
        pieces.append(text)
    return pieces, alarm


def _activity_cell(day: MergedDay) -> list[str]:
    record = day.record
    pieces = [vocab.FOOTWEAR.get(code, clean(code)) for code in record.footwear]
    walking = "" if record.walking_minutes is None else f"walked {record.walking_minutes} min"
    if record.walking_brings_leg_pain:
        walking = f"{walking}, leg pain" if walking else "walking brings leg pain"
    sitting = "" if record.sitting_hours is None else f"sat {record.sitting_hours:g} h"
    if record.sitting_relieves_leg_pain:
        sitting = f"{sitting}, eases it" if sitting else "sitting eases leg pain"
    pieces += [piece for piece in (walking, sitting) if piece]
    if record.sleep_quality is not None:
        pieces.append(f"sleep {record.sleep_quality}/10")
    return pieces


def _medications_cell(day: MergedDay) -> list[str]:
    pieces = []
    for medication in day.record.medications:
        text = " ".join(
            part
            for part in (clean(medication.name).strip(), clean(medication.dose).strip())
            if part
        )
        if medication.times is not None:
            text += f" ×{medication.times}"
        pieces.append(text or "—")
    return pieces


LOG_HEADERS = (
    "Date",
    "Symptoms: side, region, worst pain (0–10); N numb, T tingling",
    "Signs",
    "Shoes, walking, sitting, sleep",
    "Medications",
    "Notes",
)
# A day's row never outgrows a page: longer cells continue in rows of their own.
LOG_MAX_LINES = 36
LOG_MAX_NOTE_HEIGHT = LOG_MAX_LINES * LOG_LEADING
# Notes longer than this get a full-width row under their day: the notes column is narrow.
LONG_NOTE_CHARS = 140
# Notes shorter than this cannot reach LOG_MAX_NOTE_HEIGHT even in the notes column.
_NOTE_MEASURE_FROM = 600


def _log_widths(width: float) -> list[float]:
    date_width = stringWidth("30 Sep 2026", BOLD, LOG_FONT_SIZE) + 7
    widths = [date_width, 130.0, 48.0, 96.0, 84.0]
    return [*widths, width - sum(widths)]


def _note_parts(text: str, width: float) -> list[Flowable]:
    paragraph = Paragraph(text, LOG_NOTE)
    if len(text) < _NOTE_MEASURE_FROM:
        return [paragraph]
    parts: list[Flowable] = []
    rest: Flowable = paragraph
    while True:
        _, height = rest.wrap(width, 1e6)
        if height <= LOG_MAX_NOTE_HEIGHT:
            parts.append(rest)
            return parts
        split = rest.split(width, LOG_MAX_NOTE_HEIGHT)
        if len(split) < 2:
            parts.append(rest)
            return parts
        parts.append(split[0])
        rest = split[1]


def _log_rows(
    day: MergedDay, inner: Sequence[float], note_width: float
) -> tuple[list[list[object]], list[int], bool]:
    """The table rows of one day: usually one. A cell longer than LOG_MAX_LINES continues
    in a row of its own, and a long note gets full-width rows below the day (their indexes
    are returned, to be spanned), so no row can outgrow a page."""
    signs, alarm = _signs_cell(day)
    columns = [
        [fmt_date(day.date), WEEKDAYS[day.date.weekday()]],
        _wrap(_symptoms_cell(day), ", ", inner[1]),
        _wrap(signs, "; ", inner[2]),
        _wrap(_activity_cell(day), "; ", inner[3]),
        _wrap(_medications_cell(day), "; ", inner[4]),
    ]
    notes = day.record.notes.strip()
    long_note = len(notes) > LONG_NOTE_CHARS or notes.count("\n") > 2
    rows: list[list[object]] = []
    count = max([1] + [-(-len(lines) // LOG_MAX_LINES) for lines in columns])
    for part in range(count):
        chunk = slice(part * LOG_MAX_LINES, (part + 1) * LOG_MAX_LINES)
        row: list[object] = ["\n".join(lines[chunk]) for lines in columns]
        if part:
            row[0] = f"{fmt_date(day.date)}\n(continued)"
        row.append("")
        rows.append(row)
    spanned: list[int] = []
    if notes and not long_note:
        rows[0][5] = Paragraph(markup(notes), LOG_NOTE)
    elif notes:
        rows[0][5] = "note below"
        for note in _note_parts(f"<b>Note:</b> {markup(notes)}", note_width):
            spanned.append(len(rows))
            rows.append(["", note, "", "", "", ""])
    return rows, spanned, alarm


def daily_log(summary: Summary, width: float) -> list[Flowable]:
    widths = _log_widths(width)
    padding = 3.0
    inner = [column_width - 2 * padding for column_width in widths]
    header_style = _style("log_header", fontName=BOLD, fontSize=7, leading=8.5)
    rows: list[list[object]] = [[Paragraph(title, header_style) for title in LOG_HEADERS]]
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 1), (-1, -1), REGULAR, LOG_FONT_SIZE, LOG_LEADING),
        ("FONT", (0, 1), (0, -1), BOLD, LOG_FONT_SIZE, LOG_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, HEADING),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding),
    ]
    note_width = sum(widths[1:]) - 2 * padding
    for number, day in enumerate(summary.merged):
        day_rows, spanned, alarm = _log_rows(day, inner, note_width)
        first, last = len(rows), len(rows) + len(day_rows) - 1
        for row in spanned:
            commands.append(("SPAN", (1, first + row), (-1, first + row)))
        if len(day_rows) == 2 and spanned:  # a day and its note: keep them on one page
            commands.append(("NOSPLIT", (0, first), (-1, last)))
        if spanned:
            commands.append(("TEXTCOLOR", (5, first), (5, first), MUTED))
        rows.extend(day_rows)
        if number % 2:
            commands.append(("BACKGROUND", (0, first), (-1, last), ZEBRA))
        if alarm:
            commands.append(("TEXTCOLOR", (2, first), (2, last), URGENT))
            commands.append(("FONT", (2, first), (2, last), BOLD, LOG_FONT_SIZE, LOG_LEADING))
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(commands))
    return [
        PageBreak(),
        _heading("Appendix: daily log"),
        Paragraph(
            "One row per logged day, as entered. Symptoms: L/R/C = left/right/centre, the "
            "number is the day's worst pain (0–10) in that region, N = numbness, "
            "T = tingling. Days without an entry are not listed.",
            SMALL,
        ),
        Spacer(1, 4),
        table,
    ]


def empty_period() -> list[Flowable]:
    return [
        _heading("Entries"),
        Paragraph(
            "No entries in this period: the patient logged no days between these dates, so "
            "there are no numbers, charts or daily log to show.",
            BODY,
        ),
    ]
