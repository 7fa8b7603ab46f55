"""Exact comparisons against the decimal thresholds.

`0.6 * 3` is 1.7999999999999998 in floating point; a threshold that sits exactly on a
boundary ("at least 80%") must not depend on that. Each threshold is turned once into the
fraction its decimal spelling means, and comparisons are done in integers.
"""

from __future__ import annotations

from fractions import Fraction


def exact_ratio(value: float) -> tuple[int, int]:
    """The fraction a decimal threshold is written as: 0.15 -> (3, 20)."""
    fraction = Fraction(repr(value))
    return fraction.numerator, fraction.denominator


def at_least(numerator: int, denominator: int, ratio: tuple[int, int]) -> bool:
    """numerator / denominator >= ratio, exactly; denominator must be positive."""
    return numerator * ratio[1] >= ratio[0] * denominator
