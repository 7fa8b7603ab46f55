"""Where it hurts: an outline of the legs and feet, front, back and soles, with the
dermatome-style regions inside it, each shaded by how often it was symptomatic.

Three views side by side: the front (the patient faces the reader, so the patient's RIGHT
leg is on the reader's left), the back (the patient's LEFT leg is on the reader's left) and
the soles seen from below, toes up (as in the front view, the RIGHT foot is on the reader's
left). In every view both legs are drawn from one leg's geometry (bodymap_shapes), whose x
runs from the lateral (outer) edge to the medial (inner) edge, so a mirrored copy is always
anatomically right. Every leg carries its side in words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Drawing, Ellipse, Group, Polygon, Rect
from reportlab.lib import colors

from journal import vocabulary as vocab

from . import bodymap_shapes as geometry
from .bodymap_shapes import GAP, LEG_LENGTH, LEG_WIDTH, PELVIS_HEIGHT, Point, Shape
from .fonts import BOLD
from .styles import MUTED, NEUTRAL, OUTLINE, SHADES, SILHOUETTE, drawing_text

# Light to dark: share of logged days on which the region-side was symptomatic.
SCALE: tuple[tuple[float, str, colors.Color], ...] = (
    (0.0, "never", SHADES[0]),
    (0.10, "under 10%", SHADES[1]),
    (0.25, "10–24%", SHADES[2]),
    (0.50, "25–49%", SHADES[3]),
    (0.75, "50–74%", SHADES[4]),
    (1.01, "75% or more", SHADES[5]),
)

# A view spans the outer edge of one hip to the outer edge of the other, in leg units.
_VIEW_LEFT = -2.5
_VIEW_UNITS = 2 * LEG_WIDTH + GAP - 2 * _VIEW_LEFT
SOLE_GAP = 14.0

Transform = Callable[[Point], Point]


def shade(share: float) -> colors.Color:
    """Fill for a region symptomatic on `share` (0..1) of the logged days."""
    if share <= 0:
        return SCALE[0][2]
    for upper, _, color in SCALE[1:]:
        if share < upper:
            return color
    return SCALE[-1][2]


def _scale_of(transform: Transform) -> float:
    (_, y0), (_, y1) = transform((0, 0)), transform((0, 1))
    return abs(y1 - y0)


def _ellipse(
    transform: Transform, ellipse: tuple[float, float, float, float], **style: object
) -> Ellipse:
    cx, cy, rx, ry = ellipse
    x0, y0 = transform((cx, cy))
    x1, _ = transform((cx + rx, cy))
    return Ellipse(x0, y0, abs(x1 - x0), ry * _scale_of(transform), **style)


def _polygon(transform: Transform, points: Sequence[Point], **style: object) -> Polygon:
    return Polygon([c for point in points for c in transform(point)], **style)


def _place(
    group: Group,
    shapes: Sequence[Shape],
    transform: Transform,
    fill_of: Callable[[str], colors.Color],
) -> None:
    """The regions, with thin light edges: the silhouette drawn over them is the outline."""
    for shape in shapes:
        fill = NEUTRAL if shape.region is None else fill_of(shape.region)
        style = {"fillColor": fill, "strokeColor": OUTLINE, "strokeWidth": 0.35}
        if shape.ellipse is not None:
            group.add(_ellipse(transform, shape.ellipse, **style))
        else:
            group.add(_polygon(transform, shape.points, strokeLineJoin=1, **style))


def _silhouette(group: Group, points: Sequence[Point], transform: Transform) -> None:
    group.add(
        _polygon(
            transform,
            points,
            fillColor=None,
            strokeColor=SILHOUETTE,
            strokeWidth=0.9,
            strokeLineJoin=1,
        )
    )


def body_map(share: dict[tuple[str, str], float], width: float, scale: float = 0.86) -> Drawing:
    """The three views and the shading legend; `share[(region, side)]` is 0..1."""

    def fill_for(side: str) -> Callable[[str], colors.Color]:
        return lambda region: shade(share.get((region, side), 0.0))

    def saddle_fill(region: str) -> colors.Color:
        # One shape for the saddle area: it shows the most of its left, right and centre.
        return shade(max(share.get((region, side), 0.0) for side in vocab.SIDES))

    view_width = _VIEW_UNITS * scale
    gap = 26.0
    title_height = 24.0
    label_height = 14.0
    legs_top = label_height + LEG_LENGTH * scale  # y of the groin
    height = legs_top + PELVIS_HEIGHT * scale + title_height
    drawing = Drawing(width, height)

    def leg_transform(origin_x: float, mirrored: bool) -> Transform:
        def transform(point: Point) -> Point:
            x, y = point
            local = (2 * LEG_WIDTH + GAP - x) if mirrored else x
            return origin_x + (local - _VIEW_LEFT) * scale, legs_top + y * scale

        return transform

    views: list[tuple[float, str, str]] = []  # origin, side on the reader's left, on the right
    front_x = 4.0
    back_x = front_x + view_width + gap
    soles_x = back_x + view_width + gap
    for origin, view, (reader_left, reader_right) in (
        (front_x, "front", (vocab.RIGHT, vocab.LEFT)),
        (back_x, "back", (vocab.LEFT, vocab.RIGHT)),
    ):
        group = Group()
        left_leg, right_leg = leg_transform(origin, False), leg_transform(origin, True)
        if view == "front":
            shapes, leg_outline = geometry.front_leg(), geometry.front_outline()
            _pelvis_front(group, left_leg)
        else:
            shapes, leg_outline = geometry.back_leg(), geometry.back_outline()
            _lower_back(group, left_leg, fill_for)
        for transform, side in ((left_leg, reader_left), (right_leg, reader_right)):
            _place(group, shapes, transform, fill_for(side))
            _silhouette(group, leg_outline, transform)
            if view == "front":
                group.add(
                    _ellipse(
                        transform,
                        geometry.knee_cap(),
                        fillColor=None,
                        strokeColor=OUTLINE,
                        strokeWidth=0.5,
                    )
                )
        _saddle(group, left_leg, scale, saddle_fill)
        drawing.add(group)
        views.append((origin, reader_left, reader_right))

    # Soles seen from below, toes up: as in the front view the patient's RIGHT foot is on
    # the reader's left, and the big toes point to the middle.
    sole_scale = scale * 1.55
    soles_bottom = label_height + (LEG_LENGTH * scale - geometry.SOLE_LENGTH * sole_scale) / 2

    def sole_transform(origin_x: float, mirrored: bool) -> Transform:
        def transform(point: Point) -> Point:
            x, y = point
            local = (geometry.SOLE_WIDTH - x) if mirrored else x
            return origin_x + local * sole_scale, soles_bottom + y * sole_scale

        return transform

    soles_group = Group()
    right_sole_x = soles_x + (geometry.SOLE_WIDTH + SOLE_GAP) * sole_scale
    for transform, side in (
        (sole_transform(soles_x, False), vocab.RIGHT),
        (sole_transform(right_sole_x, True), vocab.LEFT),
    ):
        _place(soles_group, geometry.sole(), transform, fill_for(side))
        _silhouette(soles_group, geometry.sole_outline(), transform)
    drawing.add(soles_group)
    soles_width = (2 * geometry.SOLE_WIDTH + SOLE_GAP) * sole_scale

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
    _legend(drawing, soles_x + soles_width + 22, height - 14)
    return drawing


def _legend(drawing: Drawing, x: float, top: float) -> None:
    """The shading scale and what the shades mean."""
    drawing.add(drawing_text(x, top, "Symptomatic on", size=7.5, font=BOLD))
    drawing.add(drawing_text(x, top - 9, "this share of logged days", size=7))
    y = top - 24
    for _, label, color in SCALE:
        drawing.add(Rect(x, y - 1, 12, 9, fillColor=color, strokeColor=OUTLINE, strokeWidth=0.5))
        drawing.add(drawing_text(x + 17, y + 1, label, size=7))
        y -= 13
    notes = (
        "Symptomatic: pain 3 or more,",
        "or numbness, or tingling.",
        "",
        "Grey: not a logged region.",
    )
    y -= 4
    for line in notes:
        drawing.add(drawing_text(x, y, line, size=6.5, color=MUTED))
        y -= 9


def _side_labels(
    drawing: Drawing,
    origin: float,
    view_width: float,
    reader_left: str,
    reader_right: str,
    y: float,
) -> None:
    words = {vocab.LEFT: "LEFT", vocab.RIGHT: "RIGHT"}
    for share, side in ((0.25, reader_left), (0.75, reader_right)):
        drawing.add(
            drawing_text(
                origin + view_width * share, y, words[side], size=7.5, font=BOLD, anchor="middle"
            )
        )


def _pelvis_front(group: Group, transform: Transform) -> None:
    """The lower belly above the legs (front view): drawn, not a logged region."""
    shape = tuple((x + _VIEW_LEFT, y) for x, y in geometry.pelvis(_VIEW_UNITS))
    group.add(
        _polygon(transform, shape, fillColor=NEUTRAL, strokeColor=SILHOUETTE, strokeWidth=0.9)
    )


def _lower_back(
    group: Group,
    transform: Transform,
    fill_for: Callable[[str], Callable[[str], colors.Color]],
) -> None:
    """The lower back above the legs (back view): patient's left | centre | right, the
    patient's left on the reader's left."""
    shape = tuple((x + _VIEW_LEFT, y) for x, y in geometry.pelvis(_VIEW_UNITS))
    middle = LEG_WIDTH + GAP / 2
    centre_half = 8.0
    parts = (
        (_VIEW_LEFT - 1, middle - centre_half, vocab.LEFT),
        (middle - centre_half, middle + centre_half, vocab.CENTER),
        (middle + centre_half, _VIEW_LEFT + _VIEW_UNITS + 1, vocab.RIGHT),
    )
    for x0, x1, side in parts:
        group.add(
            _polygon(
                transform,
                geometry.split_across(shape, x0, x1),
                fillColor=fill_for(side)("lower_back"),
                strokeColor=OUTLINE,
                strokeWidth=0.35,
            )
        )
    group.add(_polygon(transform, shape, fillColor=None, strokeColor=SILHOUETTE, strokeWidth=0.9))


def _saddle(
    group: Group, transform: Transform, scale: float, fill: Callable[[str], colors.Color]
) -> None:
    """The saddle area between the tops of the thighs, one shape for both views."""
    middle = LEG_WIDTH + GAP / 2
    points = ((middle, -8.0), (middle + 6.5, -22.0), (middle, -36.0), (middle - 6.5, -22.0))
    group.add(
        _polygon(
            transform, points, fillColor=fill("saddle"), strokeColor=SILHOUETTE, strokeWidth=0.6
        )
    )
