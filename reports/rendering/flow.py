"""Figures that float, so a page is never left mostly blank (reports.md, version 2).

The chart and the body map are tall blocks that cannot split. Placed one after the other
in a fixed order, a block that does not fit leaves the rest of its page blank: a 60-day
report of a 9-day journal had a page a tenth full. `Floats` places its figures in order,
each as soon as it fits, and fills the space a figure cannot use with whole text units
(a heading with its table and caption) taken from its list, in their order: the way a
journal article floats its figures. Text never splits mid-unit to fill a gap, so a
section reads as one piece; a unit taller than a page flows (and splits) as usual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, KeepTogether
from reportlab.platypus.flowables import _listWrapOn

Unit = Sequence[Flowable]  # flowables that belong together (a heading, its table, a caption)
# A gap smaller than this is not worth filling: the next figure goes to the next page.
_MIN_GAP = 36.0


class Floats(Flowable):  # type: ignore[misc]  # ReportLab ships no type hints
    """Figures in order, and text units that fill the gaps the figures leave."""

    def __init__(self, figures: Sequence[Unit], text: Sequence[Unit]) -> None:
        super().__init__()
        self._figures = [list(unit) for unit in figures]
        self._text = [list(unit) for unit in text]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        # Always taller than the space: the layout is decided in `split`, which platypus
        # calls with the space left on the page.
        return available_width, available_height + 1

    def _height(self, unit: Unit, width: float) -> float:
        height: float = _listWrapOn(list(unit), width, self.canv)[1]
        return height + float(unit[0].getSpaceBefore()) + float(unit[-1].getSpaceAfter())

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        placed: list[Flowable] = []
        space = available_height
        figures = list(self._figures)
        while figures and self._height(figures[0], available_width) <= space:
            space -= self._height(figures[0], available_width)
            placed += figures.pop(0)
        if not figures:
            return placed + [KeepTogether(unit) for unit in self._text]
        text = list(self._text)
        while text and space >= _MIN_GAP:
            height = self._height(text[0], available_width)
            if height > space:
                break
            space -= height
            placed += text.pop(0)
        if not placed:
            if getattr(getattr(self, "_frame", None), "_atTop", False):
                return figures[0] + [Floats(figures[1:], text)]  # taller than a page
            return []  # nothing fits here: the next page, where the first figure does
        return [*placed, Floats(figures, text)]

    def draw(self) -> None:  # pragma: no cover - platypus only draws what `split` returns
        raise AssertionError("Floats is always split")

    def __repr__(self) -> str:
        return f"Floats({len(self._figures)} figures, {len(self._text)} text units)"

    def identity(self, maxLen: Any = None) -> str:
        return repr(self)
