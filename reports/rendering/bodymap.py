"""Where it hurts: a schematic leg-and-foot outline, shaded by how often each region was
symptomatic.

Three views side by side: the front (the patient faces the reader, so the patient's RIGHT
leg is on the reader's left), the back (the patient's LEFT leg is on the reader's left) and
the soles seen from below, toes up (as in the front view, the RIGHT foot is on the reader's
left). In every view the legs are drawn
from one leg shape whose x runs from its lateral (outer) edge to its medial (inner) edge, so
a mirrored copy is always anatomically right. Every leg carries its side in words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from reportlab.graphics.shapes import Drawing, Ellipse, Group, Polygon, Rect
from reportlab.lib import colors

from journal import vocabulary as vocab

from .fonts import BOLD
from .styles import MUTED, NEUTRAL, OUTLINE, SHADES, drawing_text

# Light to dark: share of logged days on which the region-side was symptomatic.
SCALE: tuple[tuple[float, str, colors.Color], ...] = (
    (0.0, "never", SHADES[0]),
    (0.10, "under 10%", SHADES[1]),
    (0.25, "10–24%", SHADES[2]),
    (0.50, "25–49%", SHADES[3]),
    (0.75, "50–74%", SHADES[4]),
    (1.01, "75% or more", SHADES[5]),
)

Point = tuple[float, float]
# (y, lateral x, medial x) down one leg; y = 0 is the top of the thigh, x = 0 its outer edge.
_FRONT = (
    (0, 0, 47),
    (-14, -0.5, 47),
    (-30, 0.5, 45),
    (-60, 4, 42.5),
    (-85, 7.5, 40),
    (-96, 8.5, 39.5),
    (-108, 9, 40),
    (-120, 9.5, 38.5),
    (-134, 8.5, 38.5),
    (-150, 9.5, 37.5),
    (-170, 13, 34),
    (-186, 15.5, 31.5),
    (-196, 14.5, 32.5),
    (-206, 15, 32),
)
_FOOT_TOP = ((-206, 15, 32), (-214, 12, 35), (-226, 8, 39), (-232, 7, 40))
_TOES = ((-232, 7, 40), (-238, 7.5, 40), (-243, 9.5, 38.5))
_HEEL = ((-206, 15, 32), (-213, 14, 33), (-219, 16, 31), (-223, 19.5, 27.5))
# The sole seen from below, heel at y = 0, ball of the foot at the top.
_SOLE = (
    (0, 10, 20),
    (2, 7, 23),
    (6, 5.5, 24.5),
    (12, 5, 25),
    (18, 5, 24.5),
    (26, 5.5, 22),
    (34, 5, 22),
    (42, 3.5, 26),
    (50, 2.5, 28.5),
    (56, 3, 29),
)

LEG_WIDTH = 46.0
GAP = 4.0
BACK_BAND = 34.0
LEG_LENGTH = 243.0
SOLE_WIDTH = 32.0
SOLE_GAP = 14.0


@dataclass(frozen=True, slots=True)
class _Shape:
    region: str | None  # None: drawn, not a region (the small toes seen from below)
    points: tuple[Point, ...] = ()
    ellipse: tuple[float, float, float, float] | None = None  # cx, cy, rx, ry


def _interpolate(table: Sequence[tuple[float, float, float]], y: float) -> tuple[float, float]:
    for (y0, l0, m0), (y1, l1, m1) in pairwise(table):
        if min(y0, y1) <= y <= max(y0, y1):
            t = 0.0 if y1 == y0 else (y - y0) / (y1 - y0)
            return l0 + (l1 - l0) * t, m0 + (m1 - m0) * t
    edge = table[0] if abs(y - table[0][0]) < abs(y - table[-1][0]) else table[-1]
    return edge[1], edge[2]


def _band(
    table: Sequence[tuple[float, float, float]], top: float, bottom: float, f0: float, f1: float
) -> tuple[Point, ...]:
    """The part of a contour between two heights and two fractions of its width."""
    low, high = min(top, bottom), max(top, bottom)
    ys = [high] + [y for y, _, _ in table if low < y < high] + [low]
    ys = sorted(set(ys), reverse=True) if top > bottom else sorted(set(ys))
    left: list[Point] = []
    right: list[Point] = []
    for y in ys:
        lateral, medial = _interpolate(table, y)
        width = medial - lateral
        left.append((lateral + f0 * width, y))
        right.append((lateral + f1 * width, y))
    return tuple(left + right[::-1])


def _front_leg() -> list[_Shape]:
    return [
        _Shape("thigh_outer", _band(_FRONT, 0, -94, 0, 0.3)),
        _Shape("thigh_front", _band(_FRONT, 0, -94, 0.3, 1)),
        _Shape("knee", _band(_FRONT, -94, -122, 0, 1)),
        _Shape("shin_outer", _band(_FRONT, -122, -190, 0, 0.5)),
        _Shape("shin_inner", _band(_FRONT, -122, -190, 0.5, 1)),
        _Shape("ankle_outer", _band(_FRONT, -190, -206, 0, 0.5)),
        _Shape("ankle_inner", _band(_FRONT, -190, -206, 0.5, 1)),
        _Shape("foot_outer", _band(_FOOT_TOP, -206, -232, 0, 0.22)),
        _Shape("foot_top", _band(_FOOT_TOP, -206, -232, 0.22, 1)),
        _Shape("foot_outer", _band(_TOES, -232, -243, 0, 0.22)),
        _Shape("foot_top", _band(_TOES, -232, -243, 0.22, 0.7)),
        _Shape("big_toe", _band(_TOES, -232, -243, 0.7, 1)),
    ]


def _back_leg() -> list[_Shape]:
    buttock = _band(_FRONT, 0, -30, 0, 1)
    # Round the bottom of the buttock: replace its straight lower edge by a curve.
    curve = tuple((x, -30 - 8 * (1 - ((x - 23) / 23) ** 2)) for x in (2.5, 10, 23, 36, 43.5))
    top_edge = tuple(point for point in buttock if point[1] > -30)
    return [
        _Shape("thigh_outer", _band(_FRONT, -20, -94, 0, 0.3)),
        _Shape("thigh_back", _band(_FRONT, -20, -94, 0.3, 1)),
        _Shape("buttock", top_edge[: len(top_edge) // 2] + curve + top_edge[len(top_edge) // 2 :]),
        _Shape("knee", _band(_FRONT, -94, -122, 0, 1)),
        _Shape("calf", _band(_FRONT, -122, -190, 0, 1)),
        _Shape("ankle_outer", _band(_FRONT, -190, -206, 0, 0.5)),
        _Shape("ankle_inner", _band(_FRONT, -190, -206, 0.5, 1)),
        _Shape("heel", _band(_HEEL, -206, -221, 0, 1)),
    ]


def _sole() -> list[_Shape]:
    return [
        _Shape("heel", _band(_SOLE, 0, 18, 0, 1)),
        _Shape("foot_outer", _band(_SOLE, 18, 56, 0, 0.3)),
        _Shape("sole", _band(_SOLE, 18, 44, 0.3, 1)),
        # The ball of the foot under toes 2 to 4, and those toes: the forefoot (a local
        # nerve or the metatarsals, not a root); the big toe's ball stays the sole.
        _Shape("forefoot", _band(_SOLE, 44, 56, 0.3, 0.78)),
        _Shape("sole", _band(_SOLE, 44, 56, 0.78, 1)),
        _Shape("foot_outer", ellipse=(5.5, 60.5, 2.6, 3.4)),
        _Shape("forefoot", ellipse=(10.8, 62.8, 2.7, 3.8)),
        _Shape("forefoot", ellipse=(16.2, 64.4, 2.8, 4.2)),
        _Shape("forefoot", ellipse=(21.6, 65.4, 2.8, 4.4)),
        _Shape("big_toe", ellipse=(27.0, 65.5, 4.0, 6.5)),
    ]


def shade(share: float) -> colors.Color:
    """Fill for a region symptomatic on `share` (0..1) of the logged days."""
    if share <= 0:
        return SCALE[0][2]
    for upper, _, color in SCALE[1:]:
        if share < upper:
            return color
    return SCALE[-1][2]


def _place(
    group: Group,
    shapes: Sequence[_Shape],
    transform: Callable[[Point], Point],
    fill_of: Callable[[str], colors.Color],
) -> None:
    for shape in shapes:
        fill = NEUTRAL if shape.region is None else fill_of(shape.region)
        if shape.ellipse is not None:
            cx, cy, rx, ry = shape.ellipse
            x0, y0 = transform((cx, cy))
            x1, _ = transform((cx + rx, cy))
            group.add(
                Ellipse(
                    x0,
                    y0,
                    abs(x1 - x0),
                    ry * _scale_of(transform),
                    fillColor=fill,
                    strokeColor=OUTLINE,
                    strokeWidth=0.5,
                )
            )
        else:
            flat = [coordinate for point in shape.points for coordinate in transform(point)]
            group.add(
                Polygon(
                    flat, fillColor=fill, strokeColor=OUTLINE, strokeWidth=0.5, strokeLineJoin=1
                )
            )


def _scale_of(transform: Callable[[Point], Point]) -> float:
    (_, y0), (_, y1) = transform((0, 0)), transform((0, 1))
    return abs(y1 - y0)


def body_map(share: dict[tuple[str, str], float], width: float, scale: float = 0.86) -> Drawing:
    """The three views and the shading legend; `share[(region, side)]` is 0..1."""

    def fill_for(side: str) -> Callable[[str], colors.Color]:
        return lambda region: shade(share.get((region, side), 0.0))

    def saddle_fill(region: str) -> colors.Color:
        # One shape for the saddle area: it shows the most of its left, right and centre.
        return shade(max(share.get((region, side), 0.0) for side in vocab.SIDES))

    view_width = (2 * LEG_WIDTH + GAP) * scale
    gap = 30.0
    title_height = 24.0
    label_height = 14.0
    legs_top = label_height + LEG_LENGTH * scale  # y of the top of the thighs
    height = legs_top + BACK_BAND * scale + title_height
    drawing = Drawing(width, height)

    def leg_transform(origin_x: float, mirrored: bool) -> Callable[[Point], Point]:
        def transform(point: Point) -> Point:
            x, y = point
            local = (2 * LEG_WIDTH + GAP - x) if mirrored else x
            return origin_x + local * scale, legs_top + y * scale

        return transform

    views: list[tuple[float, str, str]] = []  # origin, side on the reader's left, on the right
    # Front: the reader's left leg is the patient's RIGHT.
    front_x = 4.0
    back_x = front_x + view_width + gap
    soles_x = back_x + view_width + gap
    for origin, view, (reader_left, reader_right) in (
        (front_x, "front", (vocab.RIGHT, vocab.LEFT)),
        (back_x, "back", (vocab.LEFT, vocab.RIGHT)),
    ):
        group = Group()
        shapes = _front_leg() if view == "front" else _back_leg()
        if view == "back":
            _lower_back(group, origin, legs_top, scale, fill_for)
        _place(group, shapes, leg_transform(origin, False), fill_for(reader_left))
        _place(group, shapes, leg_transform(origin, True), fill_for(reader_right))
        _saddle(group, origin + view_width / 2, legs_top, scale, saddle_fill)
        drawing.add(group)
        views.append((origin, reader_left, reader_right))

    # Soles seen from below, toes up: as in the front view the patient's RIGHT foot is on
    # the reader's left, and the big toes point to the middle.
    sole_scale = scale * 1.55
    sole_height = 72 * sole_scale
    soles_bottom = label_height + (LEG_LENGTH * scale - sole_height) / 2

    def sole_transform(origin_x: float, mirrored: bool) -> Callable[[Point], Point]:
        def transform(point: Point) -> Point:
            x, y = point
            local = (SOLE_WIDTH - x) if mirrored else x
            return origin_x + local * sole_scale, soles_bottom + y * sole_scale

        return transform

    soles_group = Group()
    sole_shapes = _sole()
    right_sole_x = soles_x + (SOLE_WIDTH + SOLE_GAP) * sole_scale
    _place(soles_group, sole_shapes, sole_transform(soles_x, False), fill_for(vocab.RIGHT))
    _place(soles_group, sole_shapes, sole_transform(right_sole_x, True), fill_for(vocab.LEFT))
    drawing.add(soles_group)
    soles_width = (2 * SOLE_WIDTH + SOLE_GAP) * sole_scale

    # Titles and side labels.
    title_y = height - 10
    titles = (
        (front_x, view_width, "Front", "patient facing you"),
        (back_x, view_width, "Back", "patient's back to you"),
        (soles_x, soles_width, "Soles", "seen from below"),
    )
    for x, w, title, subtitle in titles:
        drawing.add(drawing_text(x + w / 2, title_y, title, size=8.5, font=BOLD, anchor="middle"))
        drawing.add(
            drawing_text(x + w / 2, title_y - 9, subtitle, size=6.5, anchor="middle", color=MUTED)
        )
    for origin, reader_left, reader_right in views:
        _side_labels(drawing, origin, view_width, reader_left, reader_right, 2.0)
    _side_labels(drawing, soles_x, soles_width, vocab.RIGHT, vocab.LEFT, soles_bottom - 12)

    # Legend: the shading scale.
    legend_x = soles_x + soles_width + 26
    legend_top = height - 14
    drawing.add(drawing_text(legend_x, legend_top, "Symptomatic on", size=7.5, font=BOLD))
    drawing.add(drawing_text(legend_x, legend_top - 9, "this share of logged days", size=7))
    y = legend_top - 24
    for _, label, color in SCALE:
        drawing.add(
            Rect(legend_x, y - 1, 12, 9, fillColor=color, strokeColor=OUTLINE, strokeWidth=0.5)
        )
        drawing.add(drawing_text(legend_x + 17, y + 1, label, size=7))
        y -= 13
    notes = (
        "Symptomatic: pain 3 or more,",
        "or numbness, or tingling.",
        "",
        "Grey: not a logged region.",
    )
    y -= 4
    for line in notes:
        drawing.add(drawing_text(legend_x, y, line, size=6.5, color=MUTED))
        y -= 9
    return drawing


def _side_labels(
    drawing: Drawing,
    origin: float,
    view_width: float,
    reader_left: str,
    reader_right: str,
    y: float,
) -> None:
    words = {vocab.LEFT: "LEFT", vocab.RIGHT: "RIGHT"}
    drawing.add(
        drawing_text(
            origin + view_width * 0.25, y, words[reader_left], size=7.5, font=BOLD, anchor="middle"
        )
    )
    drawing.add(
        drawing_text(
            origin + view_width * 0.75, y, words[reader_right], size=7.5, font=BOLD, anchor="middle"
        )
    )


def _lower_back(
    group: Group,
    origin: float,
    legs_top: float,
    scale: float,
    fill_for: Callable[[str], Callable[[str], colors.Color]],
) -> None:
    """The lower back above the legs (back view): patient's left | centre | right."""
    total = (2 * LEG_WIDTH + GAP) * scale
    centre = 14 * scale
    side_width = (total - centre) / 2
    bottom = legs_top
    top = legs_top + (BACK_BAND - 4) * scale
    parts = (
        (origin, side_width, vocab.LEFT),
        (origin + side_width, centre, vocab.CENTER),
        (origin + side_width + centre, side_width, vocab.RIGHT),
    )
    for x, w, side in parts:
        inset = 3 * scale if side != vocab.CENTER else 0.0
        left_x = x + (inset if side == vocab.LEFT else 0)
        right_x = x + w - (inset if side == vocab.RIGHT else 0)
        group.add(
            Polygon(
                [left_x, bottom, right_x, bottom, right_x, top, left_x, top],
                fillColor=fill_for(side)("lower_back"),
                strokeColor=OUTLINE,
                strokeWidth=0.5,
            )
        )


def _saddle(
    group: Group,
    centre_x: float,
    legs_top: float,
    scale: float,
    fill: Callable[[str], colors.Color],
) -> None:
    cy = legs_top - 24 * scale
    points = [
        centre_x,
        cy + 14 * scale,
        centre_x + 7 * scale,
        cy,
        centre_x,
        cy - 14 * scale,
        centre_x - 7 * scale,
        cy,
    ]
    group.add(Polygon(points, fillColor=fill("saddle"), strokeColor=OUTLINE, strokeWidth=0.6))
