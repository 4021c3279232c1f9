"""A part of the records read into arrays, with the checks a count needs.

:func:`read_part` reads the few columns a count uses from a chunk of rows (or
a Dask partition) into NumPy arrays: days since 1970-01-01, the count and its
bounds, integer codes of the event type and of each ``by`` column.  It checks
what the count relies on (dates present and in order, known event types,
counts not negative, bounds in order) and raises naming the rows that break
it, counted in the whole frame (``offset``) and the partition (``where``).

Examples
--------
>>> import pandas as pd
>>> from analysis.counting.options import count_options
>>> rows = pd.DataFrame({"event_type": ["attack"],
...     "date_start": pd.to_datetime(["1970-01-02"]),
...     "date_end": pd.to_datetime(["1970-01-04"]), "count": [3.0]})
>>> part = read_part(rows, count_options())
>>> part.d0.tolist(), part.d1.tolist(), part.count.tolist()
([1], [3], [3.0])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from analysis.counting.exact import COUNT_LIMIT
from analysis.counting.options import CountOptions

_NAT: Final = np.iinfo(np.int64).min
_UNITS_PER_DAY: Final[dict[str, int]] = {
    "ns": 86_400_000_000_000,
    "us": 86_400_000_000,
    "ms": 86_400_000,
    "s": 86_400,
    "D": 1,
}


def describe_rows(where: str, positions: np.ndarray, offset: int = 0) -> str:
    """Name the first ten of ``positions`` as rows of the whole frame, in an error message.

    Examples
    --------
    >>> import numpy as np
    >>> describe_rows("partition 2, ", np.array([3, 5]), offset=100)
    'partition 2, rows [103, 105]'
    """
    return f"{where}rows {(positions[:10] + offset).tolist()}"


def _day_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """Calendar days since 1970-01-01 (floor), int64, a new array.

    Returns the days, the raw integers they come from (a view) and the day a
    missing date (``NaT``) floors to: no day at or below it is a real one
    unless its raw value says so.
    """
    arr = values.to_numpy()
    if arr.dtype.kind != "M":
        arr = values.to_numpy(dtype="datetime64[ns]")
    unit = np.datetime_data(arr.dtype)[0]
    if unit not in _UNITS_PER_DAY:
        arr, unit = arr.astype("datetime64[ns]"), "ns"
    raw = arr.view(np.int64)
    per_day = _UNITS_PER_DAY[unit]
    days = raw // per_day if per_day != 1 else raw.copy()
    return days, raw, _NAT // per_day


def _extreme(values: np.ndarray, skip: np.ndarray | None, *, largest: bool) -> int:
    """Smallest (or largest) of ``values`` outside the rows ``skip``.

    ``values`` is briefly changed at those rows and then restored.
    """
    if skip is None:
        return int(values.max() if largest else values.min())
    saved = values[skip]
    info = np.iinfo(values.dtype)
    values[skip] = info.min if largest else info.max
    try:
        return int(values.max() if largest else values.min())
    finally:
        values[skip] = saved


def _numbers(values: pd.Series | None, n: int) -> np.ndarray:
    if values is None:
        return np.full(n, np.nan)
    if values.dtype == np.float64:
        return values.to_numpy()
    return pd.to_numeric(values).to_numpy(dtype=float, na_value=np.nan)


def _encode(values: pd.Series) -> tuple[np.ndarray, list[Any], bool]:
    """Encode values as integer codes (-1 = missing).

    Returns the codes, the labels they stand for, and whether the labels are a
    categorical's categories.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), list(values.cat.categories), True
    if getattr(values.dtype, "storage", None) == "pyarrow" and hasattr(
        values.array, "__arrow_array__"
    ):
        # Arrow strings: encode with Arrow directly (what pandas.factorize does, minus
        # the wrapping).  Codes are in order of first appearance, like factorize.
        import pyarrow as pa
        import pyarrow.compute as pc

        arrow = values.array.__arrow_array__()
        chunks = [
            c for c in (arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]) if len(c)
        ]
        if not chunks:
            return np.empty(0, dtype=np.int32), [], False
        # Encoding a chunked array shares one dictionary over its chunks.
        encoded = pa.chunked_array(chunks, type=chunks[0].type).dictionary_encode()
        dictionary = encoded.chunk(0).dictionary
        if any(not c.dictionary.equals(dictionary) for c in encoded.chunks[1:]):
            encoded = pa.chunked_array([encoded.combine_chunks()])  # pragma: no cover
            dictionary = encoded.chunk(0).dictionary
        codes = np.concatenate(
            [pc.fill_null(c.indices, -1).to_numpy(zero_copy_only=False) for c in encoded.chunks]
        )
        return codes, dictionary.to_pylist(), False
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, list(uniques), False


def lookup(labels: list[Any], index: dict[Any, int], missing: int) -> np.ndarray:
    """Map local labels to global codes; position -1 (a missing value) maps to ``missing``."""
    return np.array([index.get(v, missing) for v in labels] + [missing], dtype=np.int64)


@dataclass
class Part:
    """One part of the records, read into arrays (the rows a count uses).

    Counting a part consumes it: its day arrays become bin numbers.
    """

    where: str
    offset: int
    n_rows: int
    skip: np.ndarray | None  # positions of rows not counted (aggregates); None: none
    first_day: int | None  # earliest date_start / latest date_end of counted rows
    last_day: int | None
    d0: np.ndarray
    d1: np.ndarray
    count: np.ndarray
    low: np.ndarray
    high: np.ndarray
    special: np.ndarray  # positions of rows whose bounds differ from their count: few
    special_values: tuple[np.ndarray, np.ndarray, np.ndarray]  # their count, low, high
    type_code: np.ndarray  # index into event_types; -1 only on rows not counted
    by_codes: list[np.ndarray]  # local codes, -1 = missing
    by_labels: list[list[Any]]
    by_categorical: list[bool]

    @property
    def n_counted(self) -> int:
        """Rows counted (not skipped)."""
        return self.n_rows - (0 if self.skip is None else len(self.skip))


def _flags(values: pd.Series) -> np.ndarray:
    if values.dtype == np.bool_:
        return values.to_numpy()
    return values.fillna(False).to_numpy(dtype=bool)


def read_part(frame: pd.DataFrame, options: CountOptions, where: str = "", offset: int = 0) -> Part:
    """Read and check the columns a count uses; raise naming the offending rows."""
    n = len(frame)
    skip = None
    if "is_aggregate" in frame.columns and not options.include_aggregates:
        aggregates = np.flatnonzero(_flags(frame["is_aggregate"]))
        skip = aggregates if len(aggregates) else None
    d0, raw0, nat0 = _day_numbers(frame["date_start"])
    d1, raw1, _ = _day_numbers(frame["date_end"])
    counted = n - (0 if skip is None else len(skip))
    first = last = None
    if counted:
        # One pass finds both a missing date (it floors below every real day,
        # and a missing end is before its start) and an end before its start.
        first = _extreme(d0, skip, largest=False)
        reversed_ = d1 < d0
        if skip is not None:
            reversed_[skip] = False
        if first <= nat0 or reversed_.any():
            _raise_bad_dates(raw0, raw1, d0, d1, skip, where, offset)
        last = _extreme(d1, skip, largest=True)
    types = list(options.event_types)
    codes, labels, _ = _encode(frame["event_type"])
    type_of = lookup(labels, {t: i for i, t in enumerate(types)}, -1).astype(np.int8)
    if codes.dtype == np.int8 and np.array_equal(type_of[:-1], np.arange(len(labels))):
        type_code = codes  # a categorical of exactly the counted types, in order
    else:
        type_code = type_of[codes]
    if (type_of[:-1] < 0).any() or (codes < 0).any():  # other types, or missing ones
        bad = type_code < 0
        if skip is not None:
            bad[skip] = False
        if bad.any():
            rows = np.flatnonzero(bad)
            found = sorted({str(v) for v in frame["event_type"].iloc[rows[:10]]})
            raise ValueError(
                f"count_events: column 'event_type' has values {found} at "
                f"{describe_rows(where, rows, offset)} outside the counted types {types}"
            )
    count = _numbers(frame["count"], n)
    low = _numbers(frame.get("count_low"), n)
    high = _numbers(frame.get("count_high"), n)
    # Rows whose bounds differ from their count, or that have no count: few.
    # (A comparison with NaN is unequal, so missing values land here.)  Only on
    # them can a bound be out of order or negative while the count is not.
    special = np.not_equal(low, count)
    special |= np.not_equal(high, count)
    special = np.flatnonzero(special)
    values = (count[special], low[special], high[special])
    too_large = np.greater_equal(count, COUNT_LIMIT).any()  # inf included
    if counted and (np.less(count, 0).any() or too_large or _bad_bounds(*values).any()):
        _raise_bad_counts(count, low, high, special, skip, where, offset)
    encoded = [_encode(frame[col]) for col in options.by]
    return Part(
        where=where,
        offset=offset,
        n_rows=n,
        skip=skip,
        first_day=first,
        last_day=last,
        d0=d0,
        d1=d1,
        count=count,
        low=low,
        high=high,
        special=special,
        special_values=values,
        type_code=type_code,
        by_codes=[e[0] for e in encoded],
        by_labels=[e[1] for e in encoded],
        by_categorical=[e[2] for e in encoded],
    )


def _raise_bad_dates(
    raw0: np.ndarray,
    raw1: np.ndarray,
    d0: np.ndarray,
    d1: np.ndarray,
    skip: np.ndarray | None,
    where: str,
    offset: int,
) -> None:
    """Raise for the first kind of bad date found among counted rows (if any)."""
    counted = np.ones(len(raw0), dtype=bool)
    if skip is not None:
        counted[skip] = False
    for column, raw in (("date_start", raw0), ("date_end", raw1)):
        bad = (raw == _NAT) & counted
        if bad.any():
            raise ValueError(
                f"count_events: column {column!r} has missing dates at "
                f"{describe_rows(where, np.flatnonzero(bad), offset)}; validate the records with "
                "analysis.load_events first"
            )
    bad = (d1 < d0) & counted
    if bad.any():
        rows = describe_rows(where, np.flatnonzero(bad), offset)
        raise ValueError(f"count_events: date_end is before date_start at {rows}")


_ORDER: Final = (("count_low", "count_high"), ("count", "count_high"), ("count_low", "count"))
"""Pairs ``(a, b)`` of count columns for which ``a <= b`` must hold where both are given."""


def _out_of_order(c: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
    """For each pair of :data:`_ORDER`, where ``a > b`` (a missing value breaks nothing)."""
    columns = {"count": c, "count_low": lo, "count_high": hi}
    return [np.greater(columns[a], columns[b]) for a, b in _ORDER]


def _too_large(values: np.ndarray, column: str) -> np.ndarray:
    """Where a count or bound is at or above the limit (an infinite ``count_high`` is open)."""
    large = np.greater_equal(values, COUNT_LIMIT)
    if column == "count_high":
        large &= ~np.isposinf(values)
    return large


def _bad_bounds(c: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Where ``0 <= count_low <= count <= count_high`` or the limit breaks (NaN breaks nothing)."""
    bad = np.less(lo, 0)
    bad |= np.less(hi, 0)
    bad |= _too_large(lo, "count_low")
    bad |= _too_large(hi, "count_high")
    for out_of_order in _out_of_order(c, lo, hi):
        bad |= out_of_order
    return bad


def _raise_bad_counts(
    count: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    special: np.ndarray,
    skip: np.ndarray | None,
    where: str,
    offset: int,
) -> None:
    """Raise for the first kind of bad count found among counted rows (if any)."""
    counted = np.ones(len(count), dtype=bool)
    if skip is not None:
        counted[skip] = False
    columns = {"count": count, "count_low": low, "count_high": high}
    for column, values in columns.items():
        bad = np.less(values, 0) & counted
        if bad.any():
            rows = np.flatnonzero(bad)
            raise ValueError(
                f"count_events: column {column!r} has negative values "
                f"{values[rows[:10]].tolist()} at {describe_rows(where, rows, offset)}; "
                "counts must not be negative"
            )
    for column, values in columns.items():
        bad = _too_large(values, column) & counted
        if bad.any():
            rows = np.flatnonzero(bad)
            raise ValueError(
                f"count_events: column {column!r} has values {values[rows[:10]].tolist()} at "
                f"{describe_rows(where, rows, offset)}; counts and bounds must be finite and "
                "below 2**62 (only count_high may be inf: no upper bound)"
            )
    orders = _out_of_order(count[special], low[special], high[special])
    for names, out_of_order in zip(_ORDER, orders, strict=True):
        bad = out_of_order & counted[special]
        if bad.any():
            rows = special[bad]
            first, second = (columns[name][rows[:10]].tolist() for name in names)
            pairs = list(zip(first, second, strict=True))
            at = describe_rows(where, rows, offset)
            raise ValueError(
                f"count_events: {names[0]} is above {names[1]} at {at} "
                f"({names[0]}, {names[1]}: {pairs}); count_low <= count <= count_high must "
                "hold where given"
            )
