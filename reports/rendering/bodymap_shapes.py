"""The body map's geometry: one leg's outline and the regions inside it (pure, no drawing).

A leg is described by its contour: at each height y (0 at the groin, negative downwards)
its lateral (outer) and medial (inner) edge, x = 0 near the outer edge of the hip. The
contours below are sampled from a leg's proportions (a thigh that tapers to the knee, the
kneecap, the calf's bulge, the ankle bones, the foot) and smoothed with a Catmull-Rom
spline, so the regions, cut out of the contour between two heights and two fractions of
its width, share its curves. The cuts between regions slant where the dermatomes do: the
L4/L5 line runs down the shin from its middle towards the inner ankle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

Point = tuple[float, float]
Contour = tuple[tuple[float, float, float], ...]  # (y, lateral x, medial x), top down

# The front of a leg, groin to the top of the foot.
_FRONT: Contour = (
    (0, -1.0, 47.0),
    (-10, -2.5, 46.5),
    (-22, -2.0, 45.0),
    (-40, 0.5, 43.0),
    (-60, 3.5, 41.5),
    (-80, 6.5, 40.5),
    (-92, 8.0, 40.5),
    (-100, 8.0, 41.5),  # the knee: the inner condyle bulges
    (-110, 8.5, 41.0),
    (-120, 9.0, 39.5),
    (-132, 8.0, 40.0),  # the calf shows on both sides below the knee
    (-146, 8.5, 39.0),
    (-160, 11.0, 36.0),
    (-174, 13.5, 33.5),
    (-186, 14.5, 32.5),
    (-193, 13.5, 33.5),  # the ankle bones, the outer one lower
    (-199, 13.0, 33.0),
    (-206, 14.0, 32.5),
)
# The back of a leg: the buttock's fold, a fuller calf, the Achilles tendon, the heel.
_BACK: Contour = (
    (0, -1.0, 47.0),
    (-10, -2.5, 47.0),
    (-22, -2.0, 46.0),
    (-40, 0.5, 43.5),
    (-60, 3.5, 42.0),
    (-80, 6.5, 41.0),
    (-92, 8.0, 40.5),
    (-104, 8.0, 40.5),
    (-116, 7.5, 40.5),
    (-130, 6.0, 41.5),
    (-144, 6.5, 41.0),
    (-158, 10.0, 37.0),
    (-172, 14.0, 33.5),
    (-184, 16.0, 31.5),
    (-193, 15.0, 32.5),
    (-200, 14.0, 33.5),
    (-206, 14.5, 33.0),
)
# The top of the foot seen from the front, widening to the toes, the big toe inside.
_FOOT: Contour = (
    (-206, 14.0, 32.5),
    (-212, 12.5, 35.0),
    (-220, 10.0, 38.5),
    (-228, 8.0, 40.5),
    (-233, 7.5, 41.0),
)
# The heel seen from behind.
_HEEL: Contour = (
    (-206, 14.5, 33.0),
    (-212, 13.5, 34.0),
    (-218, 14.0, 33.5),
    (-222, 17.0, 30.5),
    (-224, 21.0, 26.5),
)
# The sole seen from below, heel at y = 0, ball of the foot at the top; x from the outer
# edge. The arch narrows the middle of the inner edge.
_SOLE: Contour = (
    (0, 10.0, 20.0),
    (2, 7.0, 23.0),
    (6, 5.5, 24.5),
    (12, 5.0, 25.0),
    (18, 5.0, 24.0),
    (26, 5.0, 21.0),
    (34, 4.5, 22.0),
    (42, 3.5, 26.0),
    (50, 2.5, 28.5),
    (56, 3.0, 29.0),
)

LEG_WIDTH = 46.0
GAP = 4.0
PELVIS_HEIGHT = 30.0  # above the groin: the lower belly in front, the lower back behind
LEG_LENGTH = 243.0  # groin to the tips of the toes
SOLE_WIDTH = 32.0
SOLE_LENGTH = 72.0

Fraction = float | tuple[float, float]  # across the width: constant, or (at top, at bottom)


@dataclass(frozen=True, slots=True)
class Shape:
    region: str | None  # None: drawn, not a logged region
    points: tuple[Point, ...] = ()
    ellipse: tuple[float, float, float, float] | None = None  # cx, cy, rx, ry


def _catmull_rom(a: float, b: float, c: float, d: float, t: float) -> float:
    return 0.5 * (
        2 * b + (c - a) * t + (2 * a - 5 * b + 4 * c - d) * t**2 + (3 * b - a - 3 * c + d) * t**3
    )


@cache
def smooth(contour: Contour, steps: int = 4) -> Contour:
    """The contour with `steps` points per segment on a Catmull-Rom spline through it."""
    out: list[tuple[float, float, float]] = []
    last = len(contour) - 1
    for index in range(last):
        p0, p1 = contour[max(index - 1, 0)], contour[index]
        p2, p3 = contour[index + 1], contour[min(index + 2, last)]
        for step in range(steps):
            t = step / steps
            y = p1[0] + (p2[0] - p1[0]) * t
            out.append(
                (
                    y,
                    _catmull_rom(p0[1], p1[1], p2[1], p3[1], t),
                    _catmull_rom(p0[2], p1[2], p2[2], p3[2], t),
                )
            )
    out.append(contour[-1])
    return tuple(out)


def _edges(contour: Contour, y: float) -> tuple[float, float]:
    for (y0, l0, m0), (y1, l1, m1) in pairwise(contour):
        if min(y0, y1) <= y <= max(y0, y1):
            t = 0.0 if y1 == y0 else (y - y0) / (y1 - y0)
            return l0 + (l1 - l0) * t, m0 + (m1 - m0) * t
    edge = contour[0] if abs(y - contour[0][0]) < abs(y - contour[-1][0]) else contour[-1]
    return edge[1], edge[2]


def _at(fraction: Fraction, share: float) -> float:
    if isinstance(fraction, tuple):
        return fraction[0] + (fraction[1] - fraction[0]) * share
    return fraction


def band(
    contour: Contour, top: float, bottom: float, f0: Fraction, f1: Fraction
) -> tuple[Point, ...]:
    """The part of a smoothed contour between two heights and two fractions of its width
    (a fraction may slant: (at the top, at the bottom))."""
    dense = smooth(contour)
    low, high = min(top, bottom), max(top, bottom)
    ys = sorted({high, low, *(y for y, _, _ in dense if low < y < high)}, reverse=top > bottom)
    outer: list[Point] = []
    inner: list[Point] = []
    for y in ys:
        lateral, medial = _edges(dense, y)
        share = 0.0 if top == bottom else (top - y) / (top - bottom)
        width = medial - lateral
        outer.append((lateral + _at(f0, share) * width, y))
        inner.append((lateral + _at(f1, share) * width, y))
    return tuple(outer + inner[::-1])


def outline(contour: Contour, foot: Contour | None) -> tuple[Point, ...]:
    """The silhouette of one leg: down the outer edge, across the end, up the inner."""
    dense = smooth(contour) + (smooth(foot)[1:] if foot else ())
    return tuple((lateral, y) for y, lateral, _ in dense) + tuple(
        (medial, y) for y, _, medial in reversed(dense)
    )


@cache
def front_leg() -> tuple[Shape, ...]:
    """The front of a leg, dermatome-style: the outer thigh, the front of the thigh, the
    knee, the shin split along the slanting L4/L5 line, the ankles, the top of the foot
    and the toes (the little toe with the outer edge, the big toe on its own)."""
    shin_split = (0.42, 0.62)  # from mid-shin below the knee towards the inner ankle
    # The toes first: the foot's edge is drawn over their roots.
    return (
        Shape("foot_outer", ellipse=(11.4, -232.8, 2.9, 3.8)),
        Shape("foot_top", ellipse=(17.4, -234.0, 3.1, 4.3)),
        Shape("foot_top", ellipse=(23.6, -234.8, 3.2, 4.7)),
        Shape("foot_top", ellipse=(29.8, -235.2, 3.2, 4.9)),
        Shape("big_toe", ellipse=(36.4, -235.6, 4.6, 6.2)),
        Shape("thigh_outer", band(_FRONT, 0, -90, (0.0, 0.0), (0.34, 0.22))),
        Shape("thigh_front", band(_FRONT, 0, -90, (0.34, 0.22), 1)),
        Shape("knee", band(_FRONT, -90, -122, 0, 1)),
        Shape("shin_outer", band(_FRONT, -122, -188, 0, shin_split)),
        Shape("shin_inner", band(_FRONT, -122, -188, shin_split, 1)),
        Shape("ankle_outer", band(_FRONT, -188, -206, 0, 0.55)),
        Shape("ankle_inner", band(_FRONT, -188, -206, 0.55, 1)),
        Shape("foot_outer", band(_FOOT, -206, -233, 0, (0.2, 0.26))),
        Shape("foot_top", band(_FOOT, -206, -233, (0.2, 0.26), 1)),
    )


def knee_cap() -> tuple[float, float, float, float]:
    """The kneecap's outline in the front view (drawn, not a region of its own)."""
    return (25.0, -104.0, 8.0, 9.5)


@cache
def back_leg() -> tuple[Shape, ...]:
    """The back of a leg: the buttock with its rounded fold, the outer thigh, the back of
    the thigh, the knee, the calf, the ankles and the heel."""
    buttock = band(_BACK, 0, -30, 0, 1)
    # Round the fold under the buttock: its straight lower edge becomes a curve.
    curve = tuple((x, -30 - 8 * (1 - ((x - 22) / 24) ** 2)) for x in (-1.0, 8, 22, 36, 45.5))
    upper = tuple(point for point in buttock if point[1] > -30)
    half = len(upper) // 2
    return (
        Shape("thigh_outer", band(_BACK, -20, -92, 0, (0.3, 0.22))),
        Shape("thigh_back", band(_BACK, -20, -92, (0.3, 0.22), 1)),
        Shape("buttock", upper[:half] + curve + upper[half:]),
        Shape("knee", band(_BACK, -92, -118, 0, 1)),
        Shape("calf", band(_BACK, -118, -188, 0, 1)),
        Shape("ankle_outer", band(_BACK, -188, -206, 0, 0.5)),
        Shape("ankle_inner", band(_BACK, -188, -206, 0.5, 1)),
        Shape("heel", band(_HEEL, -206, -224, 0, 1)),
    )


@cache
def back_outline() -> tuple[Point, ...]:
    return outline(_BACK, _HEEL)


@cache
def front_outline() -> tuple[Point, ...]:
    return outline(_FRONT, _FOOT)


@cache
def sole() -> tuple[Shape, ...]:
    """The sole seen from below, toes up: the heel, the outer edge, the arch and the ball
    of the big toe (the sole), the ball under toes 2 to 4 and those toes (the forefoot: a
    local nerve or the metatarsals, not a root), the little toe with the outer edge."""
    # The toes first: the sole's edge is drawn over their roots.
    return (
        Shape("foot_outer", ellipse=(5.8, 57.8, 2.6, 3.4)),
        Shape("forefoot", ellipse=(11.0, 59.6, 2.7, 3.9)),
        Shape("forefoot", ellipse=(16.4, 60.8, 2.8, 4.3)),
        Shape("forefoot", ellipse=(21.8, 61.4, 2.8, 4.5)),
        Shape("big_toe", ellipse=(27.2, 61.4, 4.0, 6.4)),
        Shape("heel", band(_SOLE, 0, 18, 0, 1)),
        Shape("foot_outer", band(_SOLE, 18, 56, 0, 0.3)),
        Shape("sole", band(_SOLE, 18, 44, 0.3, 1)),
        Shape("forefoot", band(_SOLE, 44, 56, 0.3, 0.78)),
        Shape("sole", band(_SOLE, 44, 56, 0.78, 1)),
    )


@cache
def sole_outline() -> tuple[Point, ...]:
    return outline(_SOLE, None)


@cache
def pelvis(width: float) -> tuple[Point, ...]:
    """Above both legs, `width` across: the hips, then the sides curving in to the waist."""
    # (height as a share of the pelvis, inset from the hip's outer edge)
    side = ((0.0, 0.5), (0.2, -0.8), (0.4, -0.6), (0.6, 1.2), (0.8, 4.2), (1.0, 8.0))
    points = [(inset, PELVIS_HEIGHT * share) for share, inset in side]
    return tuple(points + [(width - x, y) for x, y in reversed(points)])


def split_across(points: Sequence[Point], x0: float, x1: float) -> tuple[Point, ...]:
    """The part of a shape (given as its left half then its mirrored right half, as
    `pelvis` makes it) between two x: for the lower back's left, centre and right."""
    half = len(points) // 2
    left = [(min(max(x, x0), x1), y) for x, y in points[:half]]
    right = [(max(min(x, x1), x0), y) for x, y in points[half:]]
    return tuple(left + right)
