"""Count event records per day, week, month, quarter or year, on a complete time axis.

A record stands for ``count`` events somewhere in its window
``date_start..date_end``.  :func:`count_events` shares that count out over the
window's days (or puts it on the first or last day), adds up the records of
each event type (and of each group of the ``by`` columns), and returns one row
per period, with zeros for periods inside the coverage window in which nothing
was recorded.

How counts and their bounds add up
----------------------------------
Each record enters three sums, each shared over its window the same way:

``count``
    The record's own ``count``.  A record without one (the report said
    "dozens", "several" or "between 20 and 25") enters with the midpoint of
    ``count_low`` and ``count_high`` when both are known, else with
    ``count_low``: the smallest number its wording supports.  Such records
    are never zero and never missing; the column ``records_no_count`` says
    how many of them a period holds.
``count_low``
    The record's ``count_low``; where that is unknown ("about 17") the record
    attests at least ``min(1, count)`` events, and enters with that.
``count_high``
    The record's ``count_high``; where the wording sets no upper bound ("more
    than 30") or it is unknown, the period's ``count_high`` is ``inf``: open.

So ``count_low <= count <= count_high`` holds for every period, and the sum of
``count`` over all periods equals the sum of the records' counts that fall in
the coverage window, under every allocation.

The algorithm is a difference array: each record adds its daily share at its
first day and subtracts it after its last, one weighted ``numpy.bincount`` per
quantity, and a cumulative sum gives every day of every group at once.  Its
cost grows with the number of records plus days x groups, not with the length
of the windows.

Examples
--------
>>> import pandas as pd
>>> from analysis.counting.core import count_events
>>> events = pd.DataFrame({
...     "event_id": ["s1"], "event_type": ["airstrike"],
...     "date_start": pd.to_datetime(["2024-10-03"]),
...     "date_end": pd.to_datetime(["2024-10-05"]),
...     "count": [30.0], "count_low": [30.0], "count_high": [30.0]})
>>> daily = count_events(events, freq="D", event_types=["airstrike"])
>>> print(daily[["period", "count"]].to_string(index=False))
    period  count
2024-10-03   10.0
2024-10-04   10.0
2024-10-05   10.0
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import operator
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from analysis.records.schema import EVENT_TYPES

Allocation = Literal["spread", "spread_integer", "start", "end"]
ALLOCATIONS: Final[tuple[str, ...]] = ("spread", "spread_integer", "start", "end")
"""How a record's count is placed on the days of its window."""

FREQ_ALIASES: Final[dict[str, str]] = {
    "D": "D",
    "W": "W-SUN",
    **{f"W-{d}": f"W-{d}" for d in ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")},
    "MS": "M",
    "QS": "Q",
    "QS-JAN": "Q",
    "YS": "Y",
    "YS-JAN": "Y",
}
"""Supported ``freq`` values and the pandas period each stands for.

``W-<DAY>`` follows pandas: weeks that *end* on that day (``W-SUN`` runs
Monday to Sunday, ``W-FRI`` Saturday to Friday, the week ACLED uses).  The
``period`` column always holds a period's *first* day."""

COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "days",
    "records",
    "count",
    "count_low",
    "count_high",
    "records_no_count",
)
"""Columns of a count frame after ``period``, ``event_type`` and the ``by`` columns."""

_ROUND_DECIMALS: Final = 9
_NA_LABEL: Final = object()


@dataclass(frozen=True)
class CountReport:
    """What happened to every input record in a count.

    ``records_in == records_counted + aggregates_excluded + outside_window``.

    Attributes
    ----------
    records_in : int
        Rows of the input frame.
    records_counted : int
        Records with at least one day of their window (or, for ``start`` and
        ``end`` allocation, their chosen day) inside the coverage window.
    aggregates_excluded : int
        Period aggregates (``is_aggregate``) left out of the counts.
    outside_window : int
        Records that fell wholly outside the coverage window.
    partly_outside : int
        Counted records whose window reaches outside the coverage window; the
        part outside is not counted.
    records_no_count : int
        Counted records whose own ``count`` was empty.
    count_outside_window : float
        Sum of ``count`` (as it enters the sum) that fell outside the window.
    start, end : pandas.Timestamp
        The coverage window.
    """

    records_in: int
    records_counted: int
    aggregates_excluded: int
    outside_window: int
    partly_outside: int
    records_no_count: int
    count_outside_window: float
    start: pd.Timestamp
    end: pd.Timestamp

    def as_dict(self) -> dict[str, Any]:
        """Return the report as a plain dict."""
        return asdict(self)


# --------------------------------------------------------------------------
# The computation, in steps that also run partition by partition (see
# analysis.counting.scaling): read a chunk of rows into arrays and scan it for the
# coverage window, the labels of the ``by`` columns and the groups present
# (:func:`scan_events`); fix a common day axis and group numbering
# (:func:`plan_counts`); add each chunk's records into difference arrays on
# those axes (:func:`count_partial`); sum and finish (:func:`finish_counts`).
# A pandas frame is read whole in chunks on a few threads, planned once and
# counted.  A Dask partition is counted on its own axes in one pass
# (:func:`count_local`) and partitions are merged on the union of their axes
# (:func:`merge_counts`), so that the data are read once.
# --------------------------------------------------------------------------

_CHUNK_ROWS: Final = 1 << 20
_NAT: Final = np.iinfo(np.int64).min
_UNITS_PER_DAY: Final[dict[str, int]] = {
    "ns": 86_400_000_000_000,
    "us": 86_400_000_000,
    "ms": 86_400_000,
    "s": 86_400,
    "D": 1,
}


@dataclass(frozen=True)
class CountOptions:
    """The checked options of one count; the same for every part of the records."""

    freq: str
    allocate: str
    by: tuple[str, ...]
    event_types: tuple[str, ...]
    include_aggregates: bool
    start: int | None
    end: int | None


def count_options(
    freq: str = "D",
    by: str | list[str] | None = None,
    allocate: Allocation = "spread",
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    *,
    include_aggregates: bool = False,
    event_types: list[str] | tuple[str, ...] | None = None,
) -> CountOptions:
    """Check :func:`count_events`' options; return them as a :class:`CountOptions`.

    Examples
    --------
    >>> count_options("MS", by="admin1").by
    ('admin1',)
    """
    if freq not in FREQ_ALIASES:
        raise ValueError(
            f"count_events: freq {freq!r} is not supported; use one of {sorted(FREQ_ALIASES)}"
        )
    if allocate not in ALLOCATIONS:
        raise ValueError(f"count_events: allocate {allocate!r} is not one of {list(ALLOCATIONS)}")
    by_cols = () if by is None else (by,) if isinstance(by, str) else tuple(by)
    lo = None if start is None else _day_of(start)
    hi = None if end is None else _day_of(end)
    if lo is not None and hi is not None and hi < lo:
        raise ValueError(f"count_events: end {end} is before start {start}")
    return CountOptions(
        freq=freq,
        allocate=allocate,
        by=by_cols,
        event_types=tuple(EVENT_TYPES if event_types is None else event_types),
        include_aggregates=include_aggregates,
        start=lo,
        end=hi,
    )


def columns_used(options: CountOptions) -> list[str]:
    """Return the columns a count reads (optional ones are used only if present).

    Examples
    --------
    >>> columns_used(count_options(by="admin1"))[-1]
    'admin1'
    """
    return [
        "event_type",
        "date_start",
        "date_end",
        "count",
        "count_low",
        "count_high",
        "is_aggregate",
        *options.by,
    ]


def _check_columns(columns: Any, options: CountOptions) -> None:
    missing = [
        c
        for c in ["event_type", "date_start", "date_end", "count", *options.by]
        if c not in columns
    ]
    if missing:
        raise ValueError(f"count_events: events lack the column(s) {missing}")


def _rows(where: str, positions: np.ndarray, offset: int = 0) -> str:
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


def _lookup(labels: list[Any], index: dict[Any, int], missing: int) -> np.ndarray:
    """Map local labels to global codes; position -1 (a missing value) maps to ``missing``."""
    return np.array([index.get(v, missing) for v in labels] + [missing], dtype=np.int64)


@dataclass
class _Part:
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


def _read_part(
    frame: pd.DataFrame, options: CountOptions, where: str = "", offset: int = 0
) -> _Part:
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
    lookup = _lookup(labels, {t: i for i, t in enumerate(types)}, -1).astype(np.int8)
    if codes.dtype == np.int8 and np.array_equal(lookup[:-1], np.arange(len(labels))):
        type_code = codes  # a categorical of exactly the counted types, in order
    else:
        type_code = lookup[codes]
    if (lookup[:-1] < 0).any() or (codes < 0).any():  # other types, or missing ones
        bad = type_code < 0
        if skip is not None:
            bad[skip] = False
        if bad.any():
            rows = np.flatnonzero(bad)
            found = sorted({str(v) for v in frame["event_type"].iloc[rows[:10]]})
            raise ValueError(
                f"count_events: column 'event_type' has values {found} at "
                f"{_rows(where, rows, offset)} outside the counted types {types}"
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
    if counted and (np.less(count, 0).any() or _bad_bounds(*values).any()):
        _raise_bad_counts(count, low, high, special, skip, where, offset)
    encoded = [_encode(frame[col]) for col in options.by]
    return _Part(
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
                f"{_rows(where, np.flatnonzero(bad), offset)}; validate the records with "
                "analysis.load_events first"
            )
    bad = (d1 < d0) & counted
    if bad.any():
        rows = _rows(where, np.flatnonzero(bad), offset)
        raise ValueError(f"count_events: date_end is before date_start at {rows}")


_ORDER: Final = (("count_low", "count_high"), ("count", "count_high"), ("count_low", "count"))
"""Pairs ``(a, b)`` of count columns for which ``a <= b`` must hold where both are given."""


def _out_of_order(c: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
    """For each pair of :data:`_ORDER`, where ``a > b`` (a missing value breaks nothing)."""
    columns = {"count": c, "count_low": lo, "count_high": hi}
    return [np.greater(columns[a], columns[b]) for a, b in _ORDER]


def _bad_bounds(c: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Where ``0 <= count_low <= count <= count_high`` breaks (a missing value breaks nothing)."""
    bad = np.less(lo, 0)
    bad |= np.less(hi, 0)
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
                f"{values[rows[:10]].tolist()} at {_rows(where, rows, offset)}; "
                "counts must not be negative"
            )
    orders = _out_of_order(count[special], low[special], high[special])
    for names, out_of_order in zip(_ORDER, orders, strict=True):
        bad = out_of_order & counted[special]
        if bad.any():
            rows = special[bad]
            first, second = (columns[name][rows[:10]].tolist() for name in names)
            pairs = list(zip(first, second, strict=True))
            raise ValueError(
                f"count_events: {names[0]} is above {names[1]} at {_rows(where, rows, offset)} "
                f"({names[0]}, {names[1]}: {pairs}); count_low <= count <= count_high must "
                "hold where given"
            )


@dataclass(frozen=True)
class EventScan:
    """What one part of the records says about the count's axes.

    Attributes
    ----------
    n_rows, n_aggregates : int
        Rows, and period aggregates left out.
    first_day, last_day : int or None
        Earliest ``date_start`` and latest ``date_end`` of the counted records
        (days since 1970-01-01); None if the part has none.
    labels : list of list
        Per ``by`` column, the values present (a categorical's categories).
    categorical : list of bool
        Per ``by`` column, whether ``labels`` are a categorical's categories.
    groups : set of tuple
        The combinations of ``by`` values among the counted records (None
        stands for a missing value).
    """

    n_rows: int
    n_aggregates: int
    first_day: int | None
    last_day: int | None
    labels: list[list[Any]]
    categorical: list[bool]
    groups: set[tuple[Any, ...]]


def _seen_codes(part: _Part) -> tuple[np.ndarray, list[int]]:
    """Mixed-radix codes of the ``by`` combinations among counted rows, and the radices."""
    sizes = [len(labels) + 1 for labels in part.by_labels]  # last slot: missing
    skip = part.skip
    if len(sizes) == 1:
        # One column: shift the codes so that a missing value (-1) counts at 0.
        shifted = np.add(part.by_codes[0], 1, dtype=np.intp)
        counts = np.bincount(shifted, minlength=sizes[0])
        if skip is not None:
            counts -= np.bincount(shifted[skip], minlength=sizes[0])
        present = np.flatnonzero(counts)
        return np.where(present == 0, sizes[0] - 1, present - 1), sizes
    combo = np.zeros(part.n_rows, dtype=np.int64)
    for codes, size in zip(part.by_codes, sizes, strict=True):
        combo = combo * size + np.where(codes < 0, size - 1, codes)
    space = int(np.prod(sizes)) if sizes else 1
    counts = np.bincount(combo, minlength=space)
    if skip is not None:
        counts -= np.bincount(combo[skip], minlength=space)
    return np.flatnonzero(counts), sizes


def _scan_part(part: _Part) -> EventScan:
    counted = part.n_counted
    groups = set()
    if counted:
        seen, sizes = _seen_codes(part)
        for code in seen.tolist():
            values = []
            rest = code
            for labels, size in zip(reversed(part.by_labels), reversed(sizes), strict=True):
                rest, pos = divmod(rest, size)
                values.append(None if pos == len(labels) else labels[pos])
            groups.add(tuple(reversed(values)))
    return EventScan(
        n_rows=part.n_rows,
        n_aggregates=part.n_rows - counted,
        first_day=part.first_day,
        last_day=part.last_day,
        labels=part.by_labels,
        categorical=part.by_categorical,
        groups=groups,
    )


def scan_events(part: pd.DataFrame, options: CountOptions, *, where: str = "") -> EventScan:
    """Scan one part of the records (a chunk of rows, a Dask partition).

    With a fixed plan, records can be counted in two passes: the scans of all
    parts, merged by :func:`plan_counts`, fix the common day axis and group
    codes, and :func:`count_partial` counts each part on them.  (The Dask path
    reads the data once instead: :func:`count_local`, :func:`merge_counts`.)

    Examples
    --------
    >>> import pandas as pd
    >>> part = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs"],
    ...     "date_start": pd.to_datetime(["2024-01-02"]),
    ...     "date_end": pd.to_datetime(["2024-01-03"]), "count": [2.0]})
    >>> scan = scan_events(part, count_options(by="admin1"))
    >>> scan.groups
    {('Homs',)}
    """
    _check_columns(part.columns, options)
    return _scan_part(_read_part(part, options, where))


def _sort_labels(labels: list[Any]) -> list[Any]:
    try:
        return sorted(labels)
    except TypeError:
        return sorted(labels, key=lambda v: (type(v).__name__, str(v)))


@dataclass(frozen=True)
class CountPlan:
    """The axes every part of a count shares: days, labels, groups.

    Attributes
    ----------
    options : CountOptions
        The count's options.
    first_day, last_day : int
        The coverage window, days since 1970-01-01 (inclusive).
    labels : list of list
        Per ``by`` column, every value, sorted (a categorical's categories in
        their order); a missing value is the last code, ``len(labels)``.
    groups : numpy.ndarray
        Codes of the ``by`` combinations present, ascending; a combination's
        code is its columns' codes in mixed radix ``len(labels) + 1``.
    n_rows, n_aggregates : int
        Rows in all parts, and aggregates left out.
    """

    options: CountOptions
    first_day: int
    last_day: int
    labels: list[list[Any]]
    groups: np.ndarray
    n_rows: int
    n_aggregates: int

    @property
    def n_groups(self) -> int:
        """Number of series: group combinations x event types."""
        return max(len(self.groups), 0 if self.options.by else 1) * len(self.options.event_types)

    def dense(self) -> np.ndarray:
        """Lookup from combination code to group number (-1: not counted)."""
        space = int(np.prod([len(v) + 1 for v in self.labels])) if self.labels else 1
        out = np.full(space, -1, dtype=np.int64)
        out[self.groups] = np.arange(len(self.groups))
        return out


def plan_counts(scans: list[EventScan], options: CountOptions) -> CountPlan:
    """Merge the scans of every part into the count's common axes.

    Examples
    --------
    >>> import pandas as pd
    >>> opts = count_options(by="admin1")
    >>> parts = [pd.DataFrame({"event_type": ["attack"], "admin1": [name],
    ...     "date_start": pd.to_datetime([day]), "date_end": pd.to_datetime([day]),
    ...     "count": [1.0]}) for name, day in [("Raqqa", "2024-01-05"), ("Homs", "2024-01-02")]]
    >>> plan = plan_counts([scan_events(p, opts) for p in parts], opts)
    >>> plan.labels, plan.last_day - plan.first_day + 1
    ([['Homs', 'Raqqa']], 4)
    """
    firsts = [s.first_day for s in scans if s.first_day is not None]
    lasts = [s.last_day for s in scans if s.last_day is not None]
    lo = options.start if options.start is not None else min(firsts, default=None)
    hi = options.end if options.end is not None else max(lasts, default=None)
    if lo is None or hi is None:
        raise ValueError("count_events: no records to count and no start/end given")
    if hi < lo:
        raise ValueError("count_events: end is before start")
    labels: list[list[Any]] = []
    for i in range(len(options.by)):
        cats = [s.labels[i] for s in scans if s.categorical[i]]
        if cats and len(cats) == len(scans) and all(c == cats[0] for c in cats):
            labels.append(list(cats[0]))
        else:
            labels.append(_sort_labels(list({v for s in scans for v in s.labels[i]})))
    index = [{v: j for j, v in enumerate(col)} for col in labels]
    codes = set()
    for scan in scans:
        for group in scan.groups:
            code = 0
            for i, value in enumerate(group):
                code = code * (len(labels[i]) + 1) + (
                    len(labels[i]) if value is None else index[i][value]
                )
            codes.add(code)
    return CountPlan(
        options=options,
        first_day=lo,
        last_day=hi,
        labels=labels,
        groups=np.array(sorted(codes), dtype=np.int64),
        n_rows=sum(s.n_rows for s in scans),
        n_aggregates=sum(s.n_aggregates for s in scans),
    )


@dataclass
class PartialCounts:
    """Difference arrays of one part of the records; parts add up with ``+``.

    Each array has one row per series (group x event type) and one column per
    day of the coverage window plus one: a record adds its daily share at its
    first day and subtracts it after its last (``count``, ``count_low``,
    ``count_high``), or adds 1 at its first day and at its last day
    (``starts``/``ends``, for all records, those with an open upper bound and
    those with no count of their own).  The last element of each array takes
    the rows not counted.
    """

    count: np.ndarray
    low: np.ndarray
    high: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    open_starts: np.ndarray
    open_ends: np.ndarray
    no_count_starts: np.ndarray
    no_count_ends: np.ndarray
    records_counted: int
    partly_outside: int
    records_no_count: int
    count_outside_window: float

    def __add__(self, other: PartialCounts) -> PartialCounts:
        return PartialCounts(*(a + b for a, b in zip(self._values(), other._values(), strict=True)))

    def __iadd__(self, other: PartialCounts) -> PartialCounts:
        for name in self.__dataclass_fields__:
            mine = getattr(self, name)
            if isinstance(mine, np.ndarray):
                mine += getattr(other, name)
            else:
                setattr(self, name, mine + getattr(other, name))
        return self

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self.__dataclass_fields__)


def _series_base(part: _Part, plan: CountPlan, columns: int) -> np.ndarray:
    """Offset of each row's series in the flat difference arrays, less the first day.

    Returns a new int64 array.  Rows not counted get some offset; the caller
    sends them to the trash bin.
    """
    n_types = len(plan.options.event_types)
    # Offsets of the event types, less the window's first day (so that adding a
    # day number gives its bin); index -1 (a row not counted) -> any valid value.
    type_offset = np.arange(n_types, dtype=np.int64) * columns - plan.first_day
    type_offset = np.append(type_offset, type_offset[0])
    if not plan.labels:
        return type_offset[part.type_code]
    dense = np.maximum(plan.dense(), 0) * (n_types * columns)
    if len(plan.labels) == 1:
        # One lookup by (group, type): flat index (code + 1) * (types + 1) + type + 1,
        # so that a missing value (code -1) and a row not counted (type -1) land
        # on rows and columns of their own.
        index = {v: j for j, v in enumerate(plan.labels[0])}
        group = dense[_lookup(part.by_labels[0], index, len(plan.labels[0]))]
        table = np.add.outer(np.roll(group, 1), np.roll(type_offset, 1)).ravel()
        small = len(table) < np.iinfo(np.int32).max
        flat = np.multiply(part.by_codes[0], n_types + 1, dtype=np.int32 if small else np.int64)
        flat += part.type_code
        flat += n_types + 2
        return table[flat]
    combo = np.zeros(part.n_rows, dtype=np.int64)
    for codes, labels, glabels in zip(part.by_codes, part.by_labels, plan.labels, strict=True):
        index = {v: j for j, v in enumerate(glabels)}
        combo = combo * (len(glabels) + 1) + _lookup(labels, index, len(glabels))[codes]
    base = dense[combo]
    base += type_offset[part.type_code]
    return base


def _shift(values: np.ndarray) -> np.ndarray:
    """``values`` moved one bin on (the first bin gets 0, the last falls off)."""
    out = np.empty_like(values)
    out[0] = 0
    out[1:] = values[:-1]
    return out


def _pick(ks: np.ndarray, kl: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``ks[rows], kl[rows]``, one array twice where ``ks`` is ``kl``."""
    s = ks[rows]
    return s, s if kl is ks else kl[rows]


def _accumulate(part: _Part, plan: CountPlan) -> PartialCounts:
    """Add one part's records into difference arrays over the plan's axes.

    Consumes ``part`` (its day arrays are reused for bin numbers).
    """
    lo, hi = plan.first_day, plan.last_day
    columns = hi - lo + 2  # the days of the window, then the day after it
    trash = plan.n_groups * columns  # one bin for every row not counted
    size = trash + 1
    skip = part.skip
    count, low, high, d0, d1 = part.count, part.low, part.high, part.d0, part.d1

    # Rows whose bounds differ from their count, or that have no count: few.
    special = part.special
    # Copies (few rows): they are changed below, and the part stays as it was read.
    point_s, low_s, high_s = (v.copy() for v in part.special_values)
    special_no_count = np.isnan(point_s)
    no_count = special[special_no_count]
    # The count a record enters with ("point"): its own, else the midpoint of
    # its bounds or its lower bound.  Only the few rows without a count differ
    # from ``count``; ``point_nc`` holds theirs.
    lo_, hi_ = low[no_count], high[no_count]
    point_nc = np.where(np.isnan(hi_), lo_, (lo_ + hi_) / 2)
    if len(no_count):
        bad = np.isnan(point_nc)
        if skip is not None and bad.any():
            skipped = np.zeros(part.n_rows, dtype=bool)
            skipped[skip] = True
            bad &= ~skipped[no_count]
        if bad.any():
            raise ValueError(
                f"count_events: records at {_rows(part.where, no_count[bad], part.offset)} "
                "have neither count nor count_low"
            )

    # First bin (ks) and last bin (kl) of every row's window.  The difference
    # arrays subtract on the bin after the last: a bincount at kl shifted by one.
    base = _series_base(part, plan, columns)
    allocate = plan.options.allocate
    whole = (
        part.first_day is None
        or part.last_day is None
        or (part.first_day >= lo and part.last_day <= hi)
    )
    partly = None
    point = count
    width: np.ndarray | None = None  # days of each window, where it is not kl - ks + 1
    if allocate in ("start", "end"):
        day = d0 if allocate == "start" else d1
        inside = (day >= lo) & (day <= hi) if not whole else None
        ks = kl = np.add(base, day, out=base)
        if len(no_count):
            point = count.copy()
            point[no_count] = point_nc
        rate = point
    elif whole:  # every counted row lies inside the coverage window: no clipping
        inside = None
        rate = np.subtract(d1, d0, dtype=np.float64)
        rate += 1.0
        width_nc = rate[no_count]
        with np.errstate(divide="ignore", invalid="ignore"):  # rows not counted
            np.divide(count, rate, out=rate)
            rate[no_count] = point_nc / width_nc
        ks = np.add(base, d0, out=d0)
        kl = np.add(base, d1, out=base)
    else:
        c0, c1 = np.maximum(d0, lo), np.minimum(d1, hi)
        inside = c0 <= c1
        partly = inside & ((c0 > d0) | (c1 < d1))
        ks = base + c0
        kl = np.add(base, c1, out=base)
        width = (d1 - d0 + 1).astype(np.float64)
        if len(no_count):
            point = count.copy()
            point[no_count] = point_nc
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = point / width
    lost = 0.0
    trashed = 0
    if inside is not None:  # counted rows wholly outside the window
        outside = ~inside
        if skip is not None:
            outside[skip] = False
        out = np.flatnonzero(outside)
        lost = float(point[out].sum())
        ks[out] = trash
        kl[out] = trash
        trashed += len(out)
    if skip is not None:  # rows not counted (disjoint from the rows above)
        ks[skip] = trash
        kl[skip] = trash
        trashed += len(skip)
        if partly is not None:
            partly[skip] = False
    if partly is not None and width is not None and partly.any():
        idx = np.flatnonzero(partly)
        kept_days = np.minimum(d1[idx], hi) - np.maximum(d0[idx], lo) + 1
        lost += float((point[idx] * (1 - kept_days / width[idx])).sum())

    def diff(s: np.ndarray, e: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Add ``values`` at the bins ``s``, subtract them at the bins after ``e``."""
        if not len(s):  # (bincount of nothing gives integers)
            return np.zeros(size)
        if len(s) < size:  # few rows: one bincount over both ends
            both = np.bincount(
                np.concatenate([s, e + 1]), np.concatenate([values, -values]), minlength=size + 1
            )
            return both[:size]  # the bin after the trash bin holds nothing of use
        started = np.bincount(s, values, minlength=size)
        ended = started.copy() if e is s else np.bincount(e, values, minlength=size)
        started[1:] -= ended[:-1]
        return started

    def edges(s: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Count the records starting at each bin, and those whose last day it is."""
        started = np.bincount(s, minlength=size)
        return started, started.copy() if e is s else np.bincount(e, minlength=size)

    count_d = diff(ks, kl, rate)
    starts, ends = edges(ks, kl)
    # count_low and count_high differ from the count on the special rows only:
    # add the differences there.
    ks_s = ks[special]
    kl_s = ks_s if kl is ks else kl[special]
    point_s[special_no_count] = point_nc
    missing_low = np.isnan(low_s)
    low_s[missing_low] = np.minimum(1.0, point_s[missing_low])
    open_high = ~np.isfinite(high_s)  # empty (unknown) or inf (open): no upper bound
    high_s[open_high] = 0.0
    low_s -= point_s
    high_s -= point_s
    if allocate not in ("start", "end"):
        days = width[special] if width is not None else (kl_s - ks_s + 1)
        with np.errstate(divide="ignore", invalid="ignore"):  # rows not counted
            low_s /= days
            high_s /= days
    low_d = diff(ks_s, kl_s, low_s)
    low_d += count_d
    high_d = diff(ks_s, kl_s, high_s)
    high_d += count_d
    open_s, open_e = edges(*_pick(ks_s, kl_s, open_high))
    no_count_s, no_count_e = edges(*_pick(ks_s, kl_s, special_no_count))
    return PartialCounts(
        count=count_d,
        low=low_d,
        high=high_d,
        starts=starts,
        ends=ends,
        open_starts=open_s,
        open_ends=open_e,
        no_count_starts=no_count_s,
        no_count_ends=no_count_e,
        records_counted=part.n_rows - trashed,
        partly_outside=0 if partly is None else int(partly.sum()),
        records_no_count=int((ks[no_count] != trash).sum()),
        count_outside_window=lost,
    )


def count_partial(part: pd.DataFrame, plan: CountPlan, *, where: str = "") -> PartialCounts:
    """Count one part of the records (a chunk, a Dask partition) on the plan's axes.

    The second of two passes (see :func:`scan_events`); the parts' results add
    up with ``+`` and :func:`finish_counts` turns the sum into the count frame.

    Examples
    --------
    >>> import pandas as pd
    >>> opts = count_options()
    >>> part = pd.DataFrame({"event_type": ["attack"],
    ...     "date_start": pd.to_datetime(["2024-01-02"]),
    ...     "date_end": pd.to_datetime(["2024-01-03"]), "count": [2.0]})
    >>> plan = plan_counts([scan_events(part, opts)], opts)
    >>> counts = finish_counts(count_partial(part, plan) + count_partial(part, plan), plan)
    >>> counts.loc[counts["event_type"] == "attack", "count"].tolist()
    [2.0, 2.0]
    """
    _check_columns(part.columns, plan.options)
    n = len(part)
    total = None
    for a in range(0, max(n, 1), _CHUNK_ROWS):  # chunks bound the temporary arrays
        chunk = part.iloc[a : a + _CHUNK_ROWS]
        partial = _accumulate(_read_part(chunk, plan.options, where, offset=a), plan)
        total = partial if total is None else total + partial
    assert total is not None  # the loop runs at least once
    return total


def _merge_scans(scans: list[EventScan]) -> EventScan:
    """One scan standing for all of ``scans`` (labels merged as :func:`plan_counts` does)."""
    if len(scans) == 1:
        return scans[0]
    labels: list[list[Any]] = []
    categorical: list[bool] = []
    for i in range(len(scans[0].labels)):
        same = all(s.categorical[i] for s in scans) and all(
            s.labels[i] == scans[0].labels[i] for s in scans
        )
        categorical.append(same)
        labels.append(
            list(scans[0].labels[i])
            if same
            else list(dict.fromkeys(v for s in scans for v in s.labels[i]))
        )
    firsts = [s.first_day for s in scans if s.first_day is not None]
    lasts = [s.last_day for s in scans if s.last_day is not None]
    return EventScan(
        n_rows=sum(s.n_rows for s in scans),
        n_aggregates=sum(s.n_aggregates for s in scans),
        first_day=min(firsts, default=None),
        last_day=max(lasts, default=None),
        labels=labels,
        categorical=categorical,
        groups=set().union(*(s.groups for s in scans)),
    )


@dataclass
class LocalCounts:
    """Counts of one part of the records on that part's own axes.

    Made by :func:`count_local`, combined with :func:`merge_counts`: a Dask
    partition is read once, counted on its own days and groups, and the
    results are aligned on the union of the axes as they are added up.

    Attributes
    ----------
    scan : EventScan
        What the part holds (rows, days, labels, groups).
    plan : CountPlan or None
        The part's axes; None if it has no counted record (and no ``start``
        and ``end`` were given).
    partial : PartialCounts or None
        The part's difference arrays on ``plan``.
    """

    scan: EventScan
    plan: CountPlan | None
    partial: PartialCounts | None


def _count_frame(
    frame: pd.DataFrame,
    options: CountOptions,
    *,
    where: str = "",
    offset: int = 0,
    threads: bool = True,
) -> LocalCounts:
    """Count a pandas frame in chunks of rows: read, scan, plan, accumulate."""
    _check_columns(frame.columns, options)
    n = len(frame)
    columns = frame[[c for c in columns_used(options) if c in frame.columns]]
    bounds = _chunk_bounds(n) if threads else [(0, n)]
    mapper = _map if threads else map
    parts: list[_Part | None] = list(
        mapper(
            lambda ab: _read_part(
                columns.iloc[ab[0] : ab[1]], options, where, offset=offset + ab[0]
            ),
            bounds,
        )
    )
    scan = _merge_scans([_scan_part(part) for part in parts if part is not None])
    if scan.first_day is None and (options.start is None or options.end is None):
        return LocalCounts(scan, None, None)
    plan = plan_counts([scan], options)

    def count_part(i: int) -> PartialCounts:
        part, parts[i] = parts[i], None  # let each part go once it is counted
        assert part is not None
        return _accumulate(part, plan)

    # Sum the parts' arrays as they come (into the first), so that few are held at once.
    total = functools.reduce(operator.iadd, mapper(count_part, list(range(len(parts)))))
    return LocalCounts(scan, plan, total)


def count_local(part: pd.DataFrame, options: CountOptions, *, where: str = "") -> LocalCounts:
    """Count one part of the records (a Dask partition) on its own axes, in one pass.

    Examples
    --------
    >>> import pandas as pd
    >>> opts = count_options(by="admin1")
    >>> parts = [pd.DataFrame({"event_type": ["attack"], "admin1": [name],
    ...     "date_start": pd.to_datetime([day]), "date_end": pd.to_datetime([day]),
    ...     "count": [1.0]}) for name, day in [("Raqqa", "2024-01-05"), ("Homs", "2024-01-02")]]
    >>> merged = merge_counts(count_local(parts[0], opts), count_local(parts[1], opts), opts)
    >>> counts = finish_counts(merged.partial, merged.plan)
    >>> counts.groupby("admin1")["count"].sum().to_dict()
    {'Homs': 1.0, 'Raqqa': 1.0}
    """
    _check_columns(part.columns, options)
    columns = part[[c for c in columns_used(options) if c in part.columns]]
    total = None
    for a in range(0, max(len(part), 1), _CHUNK_ROWS):  # one chunk's arrays at a time
        counted = _count_frame(
            columns.iloc[a : a + _CHUNK_ROWS], options, where=where, offset=a, threads=False
        )
        total = counted if total is None else merge_counts(total, counted, options)
    assert total is not None  # the loop runs at least once
    return total


def _group_positions(old: CountPlan, new: CountPlan) -> np.ndarray:
    """Position in ``new.groups`` of each of ``old.groups``."""
    if not old.labels:
        return np.zeros(1, dtype=np.int64)
    index = [{v: j for j, v in enumerate(col)} for col in new.labels]
    codes = []
    for old_code in old.groups.tolist():
        values = []
        rest = old_code
        for labels in reversed(old.labels):
            rest, pos = divmod(rest, len(labels) + 1)
            values.append(None if pos == len(labels) else labels[pos])
        new_code = 0
        for i, value in enumerate(reversed(values)):
            size = len(new.labels[i])
            new_code = new_code * (size + 1) + (size if value is None else index[i][value])
        codes.append(new_code)
    return np.searchsorted(new.groups, np.array(codes, dtype=np.int64))


def _reindex(partial: PartialCounts, old: CountPlan, new: CountPlan) -> PartialCounts:
    """Move ``partial``'s arrays from ``old``'s axes onto ``new``'s (which hold them)."""
    if (old.first_day, old.last_day) == (new.first_day, new.last_day) and (
        old.labels == new.labels and np.array_equal(old.groups, new.groups)
    ):
        return partial
    n_types = len(new.options.event_types)
    old_cols = old.last_day - old.first_day + 2
    new_cols = new.last_day - new.first_day + 2
    offset = old.first_day - new.first_day
    rows = _group_positions(old, new)
    n_old = old.n_groups // max(n_types, 1)
    n_new = new.n_groups // max(n_types, 1)
    arrays: dict[str, Any] = {}
    for name in list(partial.__dataclass_fields__)[:9]:
        values = getattr(partial, name)
        moved = np.zeros(new.n_groups * new_cols + 1, dtype=values.dtype)
        target = moved[:-1].reshape(n_new, n_types, new_cols)
        target[rows, :, offset : offset + old_cols] = values[:-1].reshape(n_old, n_types, old_cols)
        arrays[name] = moved
    return dataclasses.replace(partial, **arrays)


def merge_counts(a: LocalCounts, b: LocalCounts, options: CountOptions) -> LocalCounts:
    """Add two :class:`LocalCounts`, aligned on the union of their axes.

    See :func:`count_local` for an example.
    """
    scan = _merge_scans([a.scan, b.scan])
    if a.plan is None and b.plan is None:
        return LocalCounts(scan, None, None)
    plan = plan_counts([scan], options)
    total = None
    for part in (a, b):
        if part.plan is not None and part.partial is not None:
            moved = _reindex(part.partial, part.plan, plan)
            total = moved if total is None else total + moved
    return LocalCounts(scan, plan, total)


def finish_counts(
    partial: PartialCounts, plan: CountPlan, by_dtypes: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Turn summed :class:`PartialCounts` into :func:`count_events`' frame.

    Parameters
    ----------
    partial : PartialCounts
        The sum of every part's :func:`count_partial`.
    plan : CountPlan
        The plan the parts were counted on.
    by_dtypes : dict, optional
        dtype of each ``by`` column in the records, given back to the result.

    Returns
    -------
    pandas.DataFrame
        As :func:`count_events` returns.
    """
    options = plan.options
    lo, hi = plan.first_day, plan.last_day
    n_days = hi - lo + 1
    n_groups = plan.n_groups
    first, cover_first = _period_bounds(lo, hi, options.freq)
    offsets = cover_first - lo
    days_per_period = np.diff(np.append(offsets, n_days))
    daily_freq = FREQ_ALIASES[options.freq] == "D"
    last_day = np.append(offsets[1:], n_days) - 1

    def rows(values: np.ndarray) -> np.ndarray:
        return values[: n_groups * (n_days + 1)].reshape(n_groups, n_days + 1)

    def spread(diff: np.ndarray) -> np.ndarray:
        daily = np.cumsum(rows(diff), axis=1)[:, :n_days]
        return daily if daily_freq else np.add.reduceat(daily, offsets, axis=1)

    def overlapping(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        # Records meeting a period: started by its last day, less those ended before
        # its first.
        started = np.cumsum(rows(starts), axis=1)
        ended = np.cumsum(rows(_shift(ends)), axis=1)  # ended before each day
        return started[:, last_day] - ended[:, offsets]

    count_p = spread(partial.count)
    low_p = spread(partial.low)
    high_p = spread(partial.high)
    open_p = overlapping(partial.open_starts, partial.open_ends) > 0
    high_p = np.where(open_p, np.inf, high_p)
    records_p = overlapping(partial.starts, partial.ends)
    no_count_p = overlapping(partial.no_count_starts, partial.no_count_ends)

    # Round off the difference array's float residue; + 0.0 turns -0.0 into 0.0.
    count_p, low_p, high_p = (np.round(a, _ROUND_DECIMALS) + 0.0 for a in (count_p, low_p, high_p))
    if options.allocate == "spread_integer":
        count_p, low_p = _largest_remainder(count_p), _largest_remainder(low_p)
        high_p = _largest_remainder(high_p)

    types = list(options.event_types)
    n_types = len(types)
    n_periods = len(first)
    n_combos = n_groups // n_types if n_types else 0
    out: dict[str, Any] = {}
    combos = np.repeat(plan.groups, n_types * n_periods)
    for i in range(len(options.by) - 1, -1, -1):
        labels = plan.labels[i]
        combos, idx = np.divmod(combos, len(labels) + 1)
        values = np.array([*labels, None], dtype=object)
        out[options.by[i]] = values[idx]
    result = pd.DataFrame(
        {
            "period": np.tile(first.astype("datetime64[D]"), n_groups).astype("datetime64[ns]"),
            "event_type": pd.Categorical.from_codes(  # type: ignore[call-overload]
                np.tile(np.repeat(np.arange(n_types), n_periods), n_combos), categories=types
            ),
            **{c: out[c] for c in options.by},
            "days": np.tile(days_per_period, n_groups).astype(np.int64),
            "records": records_p.ravel().astype(np.int64),
            "count": count_p.ravel(),
            "count_low": low_p.ravel(),
            "count_high": high_p.ravel(),
            "records_no_count": no_count_p.ravel().astype(np.int64),
        }
    )
    for col, dtype in (by_dtypes or {}).items():
        if isinstance(dtype, pd.CategoricalDtype):
            categories = (
                dtype.categories
                if dtype.categories is not None
                else plan.labels[options.by.index(col)]
            )
            result[col] = pd.Categorical(result[col], categories=categories)
        elif dtype != np.dtype(object):
            result[col] = result[col].astype(dtype)
    counted = partial.records_counted
    report = CountReport(
        records_in=plan.n_rows,
        records_counted=counted,
        aggregates_excluded=plan.n_aggregates,
        outside_window=plan.n_rows - plan.n_aggregates - counted,
        partly_outside=partial.partly_outside,
        records_no_count=partial.records_no_count,
        count_outside_window=float(np.round(partial.count_outside_window, _ROUND_DECIMALS)),
        start=pd.Timestamp(np.datetime64(lo, "D")),
        end=pd.Timestamp(np.datetime64(hi, "D")),
    )
    result.attrs["count_report"] = report
    return result


def _workers() -> int:
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def _map(fn: Any, items: list[Any]) -> Iterator[Any]:
    """``fn(x) for x in items``, in order, on a few threads when there are several items."""
    workers = _workers()
    if len(items) < 2 or workers < 2:
        yield from (fn(x) for x in items)
        return
    with ThreadPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(fn, items)


def _chunk_bounds(n: int) -> list[tuple[int, int]]:
    """Row ranges of about ``_CHUNK_ROWS``, as many for each thread."""
    workers = _workers()
    k = max(1, -(-n // (workers * _CHUNK_ROWS))) * workers if n > _CHUNK_ROWS else 1
    edges = np.linspace(0, n, k + 1).round().astype(int).tolist()
    return list(itertools.pairwise(edges))


def is_dask_frame(events: Any) -> bool:
    """Tell whether ``events`` is a Dask DataFrame, without importing Dask.

    Examples
    --------
    >>> import pandas as pd
    >>> is_dask_frame(pd.DataFrame())
    False
    """
    cls = type(events)
    return cls.__module__.split(".")[0] in ("dask", "dask_expr") and cls.__name__ == "DataFrame"


def _period_bounds(start: int, end: int, freq: str) -> tuple[np.ndarray, np.ndarray]:
    """First day of every period meeting [start, end] and each one's first covered day."""
    pfreq = FREQ_ALIASES[freq]
    if pfreq == "D":
        first = np.arange(start, end + 1, dtype=np.int64)
        return first, first.copy()
    lo = pd.Timestamp(np.datetime64(start, "D"))
    hi = pd.Timestamp(np.datetime64(end, "D"))
    periods = pd.period_range(lo.to_period(pfreq), hi.to_period(pfreq), freq=pfreq)
    first = periods.start_time.to_numpy().astype("datetime64[D]").astype(np.int64)
    return first, np.maximum(first, start)


def _largest_remainder(values: np.ndarray) -> np.ndarray:
    """Round each row to integers keeping its total: largest remainder.

    A row's total is itself rounded half up (a midpoint of 2.5 becomes 3);
    ties between remainders go to the earlier period.
    """
    out = np.floor(values)
    finite = np.isfinite(values).all(axis=1)
    for i in np.flatnonzero(finite):
        row = values[i]
        target = int(np.floor(np.round(row.sum(), 6) + 0.5))
        short = target - int(out[i].sum())
        if short > 0:
            order = np.argsort(-(row - out[i]), kind="stable")[:short]
            out[i, order] += 1
    out[~finite] = values[~finite]
    return out


def count_events(
    events: pd.DataFrame,
    freq: str = "D",
    by: str | list[str] | None = None,
    allocate: Allocation = "spread",
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    *,
    include_aggregates: bool = False,
    event_types: list[str] | tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """Count events per period and event type, on a complete time axis.

    The input frame is not modified.

    Parameters
    ----------
    events : pandas.DataFrame
        Records with at least ``event_type``, ``date_start``, ``date_end`` and
        ``count`` (as from :func:`analysis.load_events`); ``count_low``,
        ``count_high`` and ``is_aggregate`` are used when present.
    freq : str, default 'D'
        ``'D'`` (days), ``'W'`` or ``'W-<DAY>'`` (weeks ending on that day, as
        in pandas: ``'W-SUN'`` is Monday..Sunday, ``'W-FRI'`` Saturday..Friday
        as ACLED counts weeks), ``'MS'`` (months), ``'QS'`` (quarters) or
        ``'YS'`` (years).  Every period is labelled by its first day.
    by : str or list of str, optional
        Columns to count separately, e.g. ``'admin1'``.  Values are taken as
        they are (a record with ``admin1 = 'Homs;Raqqa'`` forms its own group);
        missing values form a group of their own.  Every combination of ``by``
        values seen in the counted records gets every period and event type.
    allocate : {'spread', 'spread_integer', 'start', 'end'}, default 'spread'
        ``'spread'`` shares a record's count evenly over its window's days (30
        strikes in 3 days give 10 a day).  ``'spread_integer'`` does the same,
        then rounds each series to integers by largest remainder, keeping its
        total (rounded half up where midpoints make it fractional).
        ``'start'`` and ``'end'`` put the whole count on the window's first or
        last day.
    start, end : str or pandas.Timestamp, optional
        The coverage window (inclusive).  Default: from the earliest
        ``date_start`` to the latest ``date_end`` of the counted records.  A
        period with no events inside the window is a zero; nothing is reported
        outside it.  The part of a record's count that falls outside the window
        is not counted (see the report).
    include_aggregates : bool, default False
        Whether period aggregates (``is_aggregate``) enter the counts.  They
        summarise events that other records may also hold, so they are left
        out unless asked for.
    event_types : list of str, optional
        Event types to report, in this order; default all of
        :data:`analysis.records.schema.EVENT_TYPES`.  A record of another type is an
        error.

    Returns
    -------
    pandas.DataFrame
        One row per period x event type (x ``by`` group), sorted by ``by``
        groups, then event type, then period, with columns ``period``,
        ``event_type``, the ``by`` columns, then:

        ``days``
            Days of the period inside the coverage window (a partial first or
            last period has fewer than its length: divide by it for rates).
        ``records``
            Records that contributed to the period (with ``spread``: whose
            window overlaps the period inside the coverage window).
        ``count``, ``count_low``, ``count_high``
            Events, and the bounds of the sum (see the module notes);
            ``count_high`` is ``inf`` where some record had no upper bound.
        ``records_no_count``
            Contributing records whose own ``count`` was empty.

        ``result.attrs['count_report']`` holds a :class:`CountReport` that
        accounts for every input record.

    Raises
    ------
    ValueError
        For an unknown ``freq`` or ``allocate``, a missing column, a missing
        date, an end before its start, an event type outside ``event_types``,
        a record with neither count nor count_low, a negative count or bound,
        or bounds out of order (``count_low <= count <= count_high`` where
        given), naming the rows; period aggregates left out are not checked.

    See Also
    --------
    analysis.load_events : read and validate records.

    Examples
    --------
    A window crossing a month edge is split in proportion to its days:

    >>> import pandas as pd
    >>> events = pd.DataFrame({
    ...     "event_type": ["attack"],
    ...     "date_start": pd.to_datetime(["2024-01-30"]),
    ...     "date_end": pd.to_datetime(["2024-02-02"]),
    ...     "count": [4.0]})
    >>> monthly = count_events(events, freq="MS", event_types=["attack"])
    >>> print(monthly[["period", "days", "records", "count"]].to_string(index=False))
        period  days  records  count
    2024-01-01     2        1    2.0
    2024-02-01     2        1    2.0

    "More than 30" strikes in a window: the sum's upper bound is open.

    >>> strikes = pd.DataFrame({
    ...     "event_type": ["airstrike"],
    ...     "date_start": pd.to_datetime(["2024-10-03"]),
    ...     "date_end": pd.to_datetime(["2024-10-06"]),
    ...     "count": [31.0], "count_low": [31.0], "count_high": [float("nan")]})
    >>> weekly = count_events(strikes, freq="W-SUN", event_types=["airstrike"])
    >>> print(weekly[["period", "count", "count_low", "count_high"]].to_string(index=False))
        period  count  count_low  count_high
    2024-09-30   31.0       31.0         inf
    """
    if is_dask_frame(events):  # partition by partition: see analysis.counting.scaling
        from analysis.counting.scaling import count_events_dask

        return count_events_dask(
            events,
            freq,
            by,
            allocate,
            start,
            end,
            include_aggregates=include_aggregates,
            event_types=event_types,
        )
    options = count_options(
        freq,
        by,
        allocate,
        start,
        end,
        include_aggregates=include_aggregates,
        event_types=event_types,
    )
    counted = _count_frame(events, options)
    plan = counted.plan or plan_counts([counted.scan], options)  # raises: nothing to count
    assert counted.partial is not None  # a plan was made, so the records were counted
    return finish_counts(counted.partial, plan, {c: events[c].dtype for c in options.by})


def _day_of(value: str | pd.Timestamp) -> int:
    ts = pd.Timestamp(value)
    if ts is pd.NaT:
        raise ValueError(f"count_events: {value!r} is not a date")
    return int(ts.normalize().to_datetime64().astype("datetime64[D]").astype(np.int64))


def count_report(counts: pd.DataFrame) -> CountReport:
    """Return the :class:`CountReport` of a frame made by :func:`count_events`.

    Parameters
    ----------
    counts : pandas.DataFrame
        A result of :func:`count_events`.

    Returns
    -------
    CountReport
        What happened to every input record.

    Raises
    ------
    KeyError
        If the frame carries no report (e.g. it was rebuilt by other code).

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"event_type": ["sweep", "sweep"],
    ...     "date_start": pd.to_datetime(["2024-01-01", "2024-10-02"]),
    ...     "date_end": pd.to_datetime(["2024-10-06", "2024-10-02"]),
    ...     "count": [17.0, 1.0], "is_aggregate": [True, False]})
    >>> rep = count_report(count_events(ev, freq="MS"))
    >>> rep.records_in, rep.records_counted, rep.aggregates_excluded
    (2, 1, 1)
    """
    report = counts.attrs.get("count_report")
    if not isinstance(report, CountReport):
        raise KeyError("this frame carries no count report; it was not made by count_events")
    return report
