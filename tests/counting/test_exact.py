"""Exact sums: no record, however large its count, changes another record's days.

The reference is exact rational arithmetic (``fractions.Fraction``): each
record's count shared over its days, summed per day.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import count_events
from analysis.counting.exact import (
    QUANTUM,
    difference_limbs,
    normalise,
    split_limbs,
    to_float,
)

DAY0 = pd.Timestamp("2024-01-01")

magnitudes = st.sampled_from([1, 3, 7, 1_000, 1e9, 1e15, 1e16, 2.0**55])  # x 0..50: below 2**62
records = st.lists(
    st.tuples(
        st.integers(0, 30),  # start offset
        st.integers(0, 12),  # window length - 1
        st.integers(0, 50),  # count, times the magnitude below
        magnitudes,
        st.sampled_from(["attack", "sweep"]),
    ),
    min_size=1,
    max_size=30,
)


def exact_daily(recs) -> dict[tuple[str, pd.Timestamp], Fraction]:
    out: dict[tuple[str, pd.Timestamp], Fraction] = {}
    for off, width, n, scale, etype in recs:
        share = Fraction(float(n * scale)) / (width + 1)
        for d in range(off, off + width + 1):
            key = (etype, DAY0 + pd.Timedelta(days=d))
            out[key] = out.get(key, Fraction(0)) + share
    return out


@settings(max_examples=80)
@given(records)
def test_daily_counts_equal_exact_rational_sums(recs):
    events = pd.DataFrame(
        {
            "event_type": [r[4] for r in recs],
            "date_start": [DAY0 + pd.Timedelta(days=r[0]) for r in recs],
            "date_end": [DAY0 + pd.Timedelta(days=r[0] + r[1]) for r in recs],
            "count": [float(r[2] * r[3]) for r in recs],
        }
    )
    daily = count_events(events, event_types=["attack", "sweep"])
    expected = exact_daily(recs)
    covering = {}
    for off, width, _, _, etype in recs:
        for d in range(off, off + width + 1):
            key = (etype, DAY0 + pd.Timedelta(days=d))
            covering[key] = covering.get(key, 0) + 1
    for row in daily.itertuples(index=False):
        key = (row.event_type, row.period)
        exact = expected.get(key, Fraction(0))
        # each share is rounded once to QUANTUM; the float result once more
        allowed = covering.get(key, 0) * QUANTUM + 1e-9 + 4e-16 * float(exact)
        assert abs(Fraction(row.count) - exact) <= Fraction(allowed), (key, row.count, exact)


@given(
    st.lists(
        st.tuples(
            st.integers(0, 19),
            st.integers(0, 5),
            st.floats(-(2.0**60), 2.0**60, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_limb_difference_arrays_sum_exactly(rows):
    size = 26
    starts = np.array([r[0] for r in rows])
    ends = starts + np.array([r[1] for r in rows])
    values = np.array([r[2] for r in rows])
    limbs = difference_limbs(size, starts, ends, values)
    daily = np.cumsum(limbs, axis=-1)
    normalise(daily)
    got = to_float(daily)
    for day in range(size - 1):
        covering = [
            Fraction(v) for s, e, v in zip(starts, ends, values, strict=True) if s <= day <= e
        ]
        quanta = sum((round(v / Fraction(QUANTUM)) for v in covering), 0)
        assert Fraction(got[day]) / Fraction(QUANTUM) == quanta or abs(
            Fraction(got[day]) - quanta * Fraction(QUANTUM)
        ) <= abs(quanta * Fraction(QUANTUM)) * Fraction(2, 2**52)


def test_the_one_pass_sum_and_the_split_sum_agree():
    rng = np.random.default_rng(5)
    size = 400
    starts = rng.integers(0, size - 20, 5000)
    ends = starts + rng.integers(0, 15, 5000)
    values = rng.integers(0, 40, 5000) / rng.integers(1, 30, 5000)
    fast = difference_limbs(size, starts, ends, values, nonnegative=True)
    split = difference_limbs(size, starts, ends, values)
    np.testing.assert_array_equal(
        to_float(normalise(np.cumsum(fast, axis=-1))),
        to_float(normalise(np.cumsum(split, axis=-1))),
    )
    huge = values.copy()
    huge[0] = 1e18  # one bin's total above 2**53 units: the split path is taken
    got = to_float(
        normalise(np.cumsum(difference_limbs(size, starts, ends, huge, nonnegative=True), axis=-1))
    )
    expected = to_float(normalise(np.cumsum(split, axis=-1)))
    outside = np.ones(size, dtype=bool)
    outside[starts[0] : ends[0] + 1] = False
    np.testing.assert_array_equal(got[outside], expected[outside])


def test_split_limbs_rebuild_each_value_and_rows_sent_to_the_trash_count_zero():
    values = np.array([0.0, 1.0 / 3.0, 2.5, 4095.75, 1e18, np.inf, np.nan])
    limbs = split_limbs(values, zero=np.array([5, 6]))
    for i, v in enumerate(values[:5]):
        total = sum(Fraction(int(limb[i])) * 2 ** (26 * j) for j, limb in enumerate(limbs))
        assert total == round(Fraction(v) / Fraction(QUANTUM))
    assert all(limb[5] == 0 and limb[6] == 0 for limb in limbs)
