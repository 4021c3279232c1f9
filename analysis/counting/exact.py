"""Exact sums for the difference arrays: shares as integers, in 64-bit limbs.

A difference array adds a record's daily share at its first day and takes it
off after its last; a cumulative sum then gives every day.  In floating point
the cumulative sum cancels: after a share of 1e18 is added and taken off, a
share of 3 beside it can come back as 0.  So every share is rounded once to a
multiple of :data:`QUANTUM` (2**-40, about 9.1e-13) and the multiples are
summed as integers, split into limbs of :data:`LIMB_BITS` bits: each limb's
sums stay far below 2**53, so ``numpy.bincount`` (which sums in float64) is
exact on them, and the cumulative sums run in int64.  Every period's value is
then exact up to that one rounding of each share (at most ``QUANTUM / 2`` per
record and day), whatever the other records hold; it is turned into a float
once, at the end.

Shares below 2**12 a day need two limbs, below 2**38 three; counts up to
2**62 (:data:`COUNT_LIMIT`) at most four.

Examples
--------
A share of 1e18 on day 0 beside 3 on day 1 and 5 on day 2 (float64 gives
0.0 and 2.0 for the last two):

>>> import numpy as np
>>> starts, ends = np.array([0, 1, 2]), np.array([0, 1, 2])
>>> diff = difference_limbs(4, starts, ends, np.array([1e18, 3.0, 5.0]))
>>> to_float(np.cumsum(diff, axis=-1))[:3].tolist()
[1e+18, 3.0, 5.0]
"""

from __future__ import annotations

import math
from typing import Final

import numpy as np

QUANTUM_BITS: Final = 40
QUANTUM: Final = 2.0**-QUANTUM_BITS
"""Every share is rounded to a multiple of this before it is summed."""

LIMB_BITS: Final = 26
"""Bits of each limb: a chunk of 2**20 rows sums to below 2**47 per bin, exact in float64."""

COUNT_LIMIT: Final = 2.0**62
"""Counts and bounds at or above this (about 4.6e18) are refused."""


def n_limbs(scaled: np.ndarray) -> int:
    """Limbs needed for integers ``scaled`` (floats), the top one below ``2**LIMB_BITS``.

    Examples
    --------
    >>> n_limbs(np.array([3.0 * 2**40])), n_limbs(np.array([1e18 * 2**40]))
    (2, 4)
    """
    if not len(scaled):
        return 1
    largest = max(float(scaled.max()), -float(scaled.min()))
    bits = math.frexp(largest)[1]  # largest < 2**bits
    return max(1, -(-bits // LIMB_BITS))


def split_limbs(values: np.ndarray, zero: np.ndarray | None = None) -> list[np.ndarray]:
    """Round ``values`` to multiples of :data:`QUANTUM` and split them into limbs.

    Returns float arrays of whole numbers, lowest limb first:
    ``sum(limb_j * 2**(LIMB_BITS * j)) == rint(values / QUANTUM)``, every limb
    but the last in ``[0, 2**LIMB_BITS]``.  Each step is exact in float64 (up
    to the one rounding to :data:`QUANTUM`).

    Parameters
    ----------
    values : numpy.ndarray
        Finite shares (positions ``zero`` may hold anything).
    zero : numpy.ndarray, optional
        Positions to count as 0 (rows sent to the trash bin).

    Examples
    --------
    >>> [limb.tolist() for limb in split_limbs(np.array([1.5, -0.25]))]
    [[0.0, 0.0], [24576.0, -4096.0]]
    """
    # The low limb first, from the bits of each value below 2**(LIMB_BITS - QUANTUM_BITS):
    # ``high`` is the value floored to that grid, so ``values - high * grid`` is exact.
    grid = 2.0 ** (LIMB_BITS - QUANTUM_BITS)
    high = np.multiply(values, 1 / grid)
    np.floor(high, out=high)
    low = np.multiply(high, grid)
    with np.errstate(invalid="ignore"):  # inf - inf on rows sent to the trash
        np.subtract(values, low, out=low)
    low *= 2.0**QUANTUM_BITS
    np.rint(low, out=low)
    if zero is not None and len(zero):
        high[zero] = 0.0
        low[zero] = 0.0
    limbs = [low]
    for _ in range(n_limbs(high) - 1):  # shares of 2**12 a day and more: split further
        high, rest = np.divmod(high, 2.0**LIMB_BITS)
        limbs.append(rest)
    limbs.append(high)
    return limbs


def difference_limbs(
    size: int,
    starts: np.ndarray,
    ends: np.ndarray,
    values: np.ndarray,
    zero: np.ndarray | None = None,
    *,
    nonnegative: bool = False,
) -> np.ndarray:
    """Add ``values`` at bins ``starts`` of an exact difference array, take them off after ``ends``.

    Returns int64 limbs, shape ``(n_limbs, size)``.  With ``nonnegative``
    values and many rows, the multiples of :data:`QUANTUM` are first summed
    in one pass; that sum is exact when no bin's total reaches 2**53 (about
    8,000 a day in one series), and the limbs are then split from the bins.
    Otherwise (or if a bin's total is larger) each value is split first.
    """
    if nonnegative and len(starts) >= size:
        summed = _sum_whole(size, starts, ends, values, zero)
        if summed is not None:
            return summed
    limbs = split_limbs(values, zero)
    out = np.empty((len(limbs), size), dtype=np.int64)
    for j, limb in enumerate(limbs):
        out[j] = _difference(size, starts, ends, limb)
    return out


def _sum_whole(
    size: int, s: np.ndarray, e: np.ndarray, values: np.ndarray, zero: np.ndarray | None
) -> np.ndarray | None:
    """Return the difference array of non-negative values in two limbs, or None if not exact.

    Every partial sum of non-negative whole numbers is at most the final one,
    so float64 sums them exactly when each bin's total is below 2**53.
    """
    scaled = np.multiply(values, 2.0**QUANTUM_BITS)
    if zero is not None and len(zero):
        scaled[zero] = 0.0
    np.rint(scaled, out=scaled)
    started = np.bincount(s, scaled, minlength=size)
    ended = started if e is s else np.bincount(e, scaled, minlength=size)
    if max(started.max(), ended.max()) >= 2.0**53:
        return None
    diff = started.copy()
    diff[1:] -= ended[:-1]  # exact: both below 2**53
    high = np.floor(diff / 2.0**LIMB_BITS)
    out = np.empty((2, size), dtype=np.int64)
    out[0] = diff - high * 2.0**LIMB_BITS
    out[1] = high
    return out


def _difference(size: int, s: np.ndarray, e: np.ndarray, values: np.ndarray) -> np.ndarray:
    if not len(s):  # (bincount of nothing gives integers)
        return np.zeros(size)
    if len(s) < size:  # few rows: one bincount over both ends
        both = np.bincount(
            np.concatenate([s, e + 1]), np.concatenate([values, -values]), minlength=size + 1
        )
        return both[:size]  # the bin after the last holds nothing of use
    started = np.bincount(s, values, minlength=size)
    ended = started.copy() if e is s else np.bincount(e, values, minlength=size)
    started[1:] -= ended[:-1]
    return started


def add_limbs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sum of two limb arrays (the shorter one padded with zero limbs); a new array."""
    if a.shape[0] < b.shape[0]:
        a, b = b, a
    out = a.copy()
    out[: b.shape[0]] += b
    return out


def normalise(limbs: np.ndarray) -> np.ndarray:
    """Carry each limb's excess into the next (in place), so that sums of them stay small."""
    for j in range(limbs.shape[0] - 1):
        carry = limbs[j] >> LIMB_BITS
        limbs[j] -= carry << LIMB_BITS
        limbs[j + 1] += carry
    return limbs


def to_float(limbs: np.ndarray) -> np.ndarray:
    """Return the values the limbs stand for, as floats (rounded once per limb, top down)."""
    total = limbs[-1].astype(np.float64)
    for j in range(limbs.shape[0] - 2, -1, -1):
        total *= 2.0**LIMB_BITS
        total += limbs[j]
    total *= QUANTUM
    return total
