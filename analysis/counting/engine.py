"""The counting engine: records into difference arrays over days and groups.

The computation runs in steps that also run partition by partition (see
:mod:`analysis.counting.scaling`): read a chunk of rows into arrays
(:func:`analysis.counting.parts.read_part`) and scan it for the coverage
window, the labels of the ``by`` columns and the groups present
(:func:`scan_events`); fix a common day axis and group numbering
(:func:`plan_counts`); add each chunk's records into difference arrays on
those axes (:func:`count_partial`); sum and finish
(:func:`analysis.counting.finishing.finish_counts`).

A pandas frame is read whole in chunks on a few threads, planned once and
counted (:func:`count_frame`).  A Dask partition is counted on its own axes in
one pass (:func:`count_local`) and partitions are merged on the union of their
axes (:func:`merge_counts`), so that the data are read once.

Each record adds its daily share at its first day and subtracts it after its
last, weighted ``numpy.bincount`` calls per quantity; a cumulative sum (in
:mod:`~analysis.counting.finishing`) gives every day of every group at once.
The shares are summed exactly, as integers (:mod:`~analysis.counting.exact`),
so that no record, however large its count, changes another's.  The cost
grows with the number of records plus days x groups, not with the length of
the windows.

Examples
--------
>>> import pandas as pd
>>> from analysis.counting.finishing import finish_counts
>>> from analysis.counting.options import count_options
>>> options = count_options(by="admin1")
>>> part = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs"],
...     "date_start": pd.to_datetime(["2024-01-02"]),
...     "date_end": pd.to_datetime(["2024-01-03"]), "count": [2.0]})
>>> plan = plan_counts([scan_events(part, options)], options)
>>> counts = finish_counts(count_partial(part, plan), plan)
>>> counts.loc[counts["event_type"] == "attack", "count"].tolist()
[1.0, 1.0]
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import operator
import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from analysis.counting.exact import add_limbs, difference_limbs
from analysis.counting.options import CountOptions, check_columns, columns_used
from analysis.counting.parts import Part, lookup, read_part

_CHUNK_ROWS: Final = 1 << 20


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


def _seen_codes(part: Part) -> tuple[np.ndarray, list[int]]:
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


def _scan_part(part: Part) -> EventScan:
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
        n_rows=part.records,
        n_aggregates=part.aggregates,
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
    >>> from analysis.counting.options import count_options
    >>> part = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs"],
    ...     "date_start": pd.to_datetime(["2024-01-02"]),
    ...     "date_end": pd.to_datetime(["2024-01-03"]), "count": [2.0]})
    >>> scan = scan_events(part, count_options(by="admin1"))
    >>> scan.groups
    {('Homs',)}
    """
    check_columns(part.columns, options)
    return _scan_part(read_part(part, options, where))


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
    >>> from analysis.counting.options import count_options
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
    ``count_high``: exact sums in int64 limbs, shape ``(limbs, bins)``, see
    :mod:`~analysis.counting.exact`), or adds 1 at its first day and at its
    last day (``starts``/``ends``, for all records, those with an open upper
    bound and those with no count of their own).  The last element of each
    array takes the rows not counted.
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
    records_multi: int = 0
    records_widened: int = 0

    def __add__(self, other: PartialCounts) -> PartialCounts:
        return PartialCounts(
            *(_plus(a, b) for a, b in zip(self._values(), other._values(), strict=True))
        )

    def __iadd__(self, other: PartialCounts) -> PartialCounts:
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            if isinstance(mine, np.ndarray) and mine.shape == theirs.shape:
                mine += theirs
            else:
                setattr(self, name, _plus(mine, theirs))
        return self

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self.__dataclass_fields__)


def _plus(a: Any, b: Any) -> Any:
    """Add ``a`` and ``b``; exact limb arrays of different lengths are padded."""
    if isinstance(a, np.ndarray) and a.ndim == 2:
        return add_limbs(a, b)
    return a + b


def _series_base(part: Part, plan: CountPlan, columns: int) -> np.ndarray:
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
        group = dense[lookup(part.by_labels[0], index, len(plan.labels[0]))]
        table = np.add.outer(np.roll(group, 1), np.roll(type_offset, 1)).ravel()
        small = len(table) < np.iinfo(np.int32).max
        flat = np.multiply(part.by_codes[0], n_types + 1, dtype=np.int32 if small else np.int64)
        flat += part.type_code
        flat += n_types + 2
        return table[flat]
    combo = np.zeros(part.n_rows, dtype=np.int64)
    for codes, labels, glabels in zip(part.by_codes, part.by_labels, plan.labels, strict=True):
        index = {v: j for j, v in enumerate(glabels)}
        combo = combo * (len(glabels) + 1) + lookup(labels, index, len(glabels))[codes]
    base = dense[combo]
    base += type_offset[part.type_code]
    return base


def _pick(ks: np.ndarray, kl: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``ks[rows], kl[rows]``, one array twice where ``ks`` is ``kl``."""
    s = ks[rows]
    return s, s if kl is ks else kl[rows]


def _edges(size: int, s: np.ndarray, e: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Count the records starting at each bin, and those whose last day it is."""
    started = np.bincount(s, minlength=size)
    return started, started.copy() if e is s else np.bincount(e, minlength=size)


def _points_without_count(part: Part) -> tuple[np.ndarray, np.ndarray]:
    """Find the rows with no count of their own, and the count each enters with.

    That is the midpoint of its bounds, or its lower bound where the upper one
    is open (:func:`~analysis.counting.parts.read_part` has made sure that
    every counted row has one or the other).
    """
    special = part.special
    no_count = special[np.isnan(part.special_values[0])]
    lo_, hi_ = part.low[no_count], part.high[no_count]
    return no_count, np.where(np.isnan(hi_), lo_, (lo_ + hi_) / 2)


@dataclass
class _Windows:
    """Where each row of a part goes in the difference arrays, and how much a day.

    ``ks`` and ``kl`` are the bins of the first and last day counted (one
    array twice for ``start`` and ``end`` allocation); ``rate`` is what the row
    adds on each of those days; ``point`` the count it enters with.
    """

    ks: np.ndarray
    kl: np.ndarray
    rate: np.ndarray
    point: np.ndarray
    width: np.ndarray | None  # days of each window, where it is not kl - ks + 1
    inside: np.ndarray | None  # rows with a day inside the coverage window; None: all
    partly: np.ndarray | None  # rows with days inside and outside it; None: none


def _windows(
    part: Part, plan: CountPlan, columns: int, no_count: np.ndarray, point_nc: np.ndarray
) -> _Windows:
    """Place every row's window on the plan's bins, clipped to the coverage window.

    Consumes the part's day arrays.  The difference arrays subtract on the bin
    after the last: a bincount at ``kl`` shifted by one.
    """
    lo, hi = plan.first_day, plan.last_day
    count, d0, d1 = part.count, part.d0, part.d1
    base = _series_base(part, plan, columns)
    whole = (
        part.first_day is None
        or part.last_day is None
        or (part.first_day >= lo and part.last_day <= hi)
    )
    point = count
    if len(no_count) and (plan.options.allocate in ("start", "end") or not whole):
        point = count.copy()
        point[no_count] = point_nc
    if plan.options.allocate in ("start", "end"):
        day = d0 if plan.options.allocate == "start" else d1
        inside = (day >= lo) & (day <= hi) if not whole else None
        ks = np.add(base, day, out=base)
        return _Windows(ks, ks, point, point, None, inside, None)
    if whole:  # every counted row lies inside the coverage window: no clipping
        rate = np.subtract(d1, d0, dtype=np.float64)
        rate += 1.0
        width_nc = rate[no_count]
        with np.errstate(divide="ignore", invalid="ignore"):  # rows not counted
            np.divide(count, rate, out=rate)
            rate[no_count] = point_nc / width_nc
        ks = np.add(base, d0, out=d0)
        return _Windows(ks, np.add(base, d1, out=base), rate, point, None, None, None)
    c0, c1 = np.maximum(d0, lo), np.minimum(d1, hi)
    inside = c0 <= c1
    partly = inside & ((c0 > d0) | (c1 < d1))
    ks = base + c0
    kl = np.add(base, c1, out=base)
    width = (d1 - d0 + 1).astype(np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = point / width
    return _Windows(ks, kl, rate, point, width, inside, partly)


def _trash_uncounted(
    part: Part, plan: CountPlan, win: _Windows, trash: int
) -> tuple[np.ndarray, float]:
    """Send rows not counted to the trash bin; return their positions, and the count lost.

    Rows not counted are period aggregates left out and rows wholly outside
    the coverage window; the count lost is what falls outside the window.
    """
    lost = 0.0
    trashed = [np.empty(0, dtype=np.intp)]
    skip = part.skip
    # Under multi='each' a record's copies each carry its whole count: what falls
    # outside the window is counted once, on the first copy.
    once = None
    if plan.options.multi == "each" and part.extra is not None:
        once = np.ones(part.n_rows, dtype=bool)
        once[part.extra] = False
    if win.inside is not None:  # counted rows wholly outside the window
        outside = ~win.inside
        if skip is not None:
            outside[skip] = False
        out = np.flatnonzero(outside)
        lost = float(np.sum(win.point[out], where=True if once is None else once[out]))
        win.ks[out] = trash
        win.kl[out] = trash
        trashed.append(out)
    if skip is not None:  # rows not counted (disjoint from the rows above)
        win.ks[skip] = trash
        win.kl[skip] = trash
        trashed.append(skip)
        if win.partly is not None:
            win.partly[skip] = False
    if win.partly is not None and win.width is not None and win.partly.any():
        lo, hi = plan.first_day, plan.last_day
        idx = np.flatnonzero(win.partly if once is None else win.partly & once)
        kept_days = np.minimum(part.d1[idx], hi) - np.maximum(part.d0[idx], lo) + 1
        lost += float((win.point[idx] * (1 - kept_days / win.width[idx])).sum())
    return np.concatenate(trashed), lost


def _bound_shares(
    part: Part, plan: CountPlan, win: _Windows, point_nc: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Share out what ``count_low`` and ``count_high`` add beyond the count, on the special rows.

    Returns those two, the rows (of the special ones) whose upper bound is
    open, and those with no count of their own.
    """
    # Copies (few rows): they are changed below, and the part stays as it was read.
    point_s, low_s, high_s = (v.copy() for v in part.special_values)
    special_no_count = np.isnan(point_s)
    point_s[special_no_count] = point_nc
    missing_low = np.isnan(low_s)
    low_s[missing_low] = np.minimum(1.0, point_s[missing_low])
    open_high = ~np.isfinite(high_s)  # empty (unknown) or inf (open): no upper bound
    high_s[open_high] = 0.0
    low_s -= point_s
    high_s -= point_s
    if plan.options.allocate not in ("start", "end"):
        special = part.special
        if win.width is not None:
            days = win.width[special]
        else:
            days = win.kl[special] - win.ks[special] + 1
        with np.errstate(divide="ignore", invalid="ignore"):  # rows not counted
            low_s /= days
            high_s /= days
    return low_s, high_s, open_high, special_no_count


def _accumulate(part: Part, plan: CountPlan) -> PartialCounts:
    """Add one part's records into difference arrays over the plan's axes.

    Consumes ``part`` (its day arrays are reused for bin numbers).
    """
    columns = plan.last_day - plan.first_day + 2  # the days of the window, then the day after
    trash = plan.n_groups * columns  # one bin for every row not counted
    size = trash + 1
    no_count, point_nc = _points_without_count(part)
    win = _windows(part, plan, columns, no_count, point_nc)
    trashed, lost = _trash_uncounted(part, plan, win, trash)
    ks, kl = win.ks, win.kl
    # (rows sent to the trash may hold anything: their shares count as 0)
    count_d = difference_limbs(size, ks, kl, win.rate, zero=trashed, nonnegative=True)
    starts, ends = _edges(size, ks, kl)
    # count_low and count_high differ from the count on the special rows only
    # (few): add the differences there.
    low_s, high_s, open_high, special_no_count = _bound_shares(part, plan, win, point_nc)
    ks_s, kl_s = _pick(ks, kl, part.special)
    in_trash = np.flatnonzero(ks_s == trash)
    low_d = add_limbs(count_d, difference_limbs(size, ks_s, kl_s, low_s, zero=in_trash))
    high_d = add_limbs(count_d, difference_limbs(size, ks_s, kl_s, high_s, zero=in_trash))
    open_s, open_e = _edges(size, *_pick(ks_s, kl_s, open_high))
    no_count_s, no_count_e = _edges(size, *_pick(ks_s, kl_s, special_no_count))
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
        count_outside_window=lost,
        **_tally(part, win, no_count, trashed, trash),
    )


def _tally(
    part: Part, win: _Windows, no_count: np.ndarray, trashed: np.ndarray, trash: int
) -> dict[str, int]:
    """Count the records (not the rows: see ``Part.extra``) for the count report."""
    ks = win.ks
    partly = 0 if win.partly is None else int(np.count_nonzero(win.partly))
    tally = {
        "records_counted": part.n_rows - len(trashed),
        "partly_outside": partly,
        "records_no_count": int(np.count_nonzero(ks[no_count] != trash)),
        "records_multi": 0,
        "records_widened": part.widened,
    }
    if part.extra is None or part.listed is None:
        return tally
    # Copies of a record share its window and its type: all or none are kept.
    copy = np.zeros(part.n_rows, dtype=bool)
    copy[part.extra] = True
    tally["records_counted"] -= int(np.count_nonzero(ks[part.extra] != trash))
    if win.partly is not None:
        tally["partly_outside"] -= int(np.count_nonzero(win.partly[part.extra]))
    tally["records_no_count"] -= int(np.count_nonzero((ks[no_count] != trash) & copy[no_count]))
    tally["records_multi"] = int(np.count_nonzero(ks[part.listed] != trash))
    return tally


def count_partial(part: pd.DataFrame, plan: CountPlan, *, where: str = "") -> PartialCounts:
    """Count one part of the records (a chunk, a Dask partition) on the plan's axes.

    The second of two passes (see :func:`scan_events`); the parts' results add
    up with ``+`` and :func:`~analysis.counting.finishing.finish_counts` turns
    the sum into the count frame.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.counting.finishing import finish_counts
    >>> from analysis.counting.options import count_options
    >>> opts = count_options()
    >>> part = pd.DataFrame({"event_type": ["attack"],
    ...     "date_start": pd.to_datetime(["2024-01-02"]),
    ...     "date_end": pd.to_datetime(["2024-01-03"]), "count": [2.0]})
    >>> plan = plan_counts([scan_events(part, opts)], opts)
    >>> counts = finish_counts(count_partial(part, plan) + count_partial(part, plan), plan)
    >>> counts.loc[counts["event_type"] == "attack", "count"].tolist()
    [2.0, 2.0]
    """
    check_columns(part.columns, plan.options)
    n = len(part)
    total = None
    for a in range(0, max(n, 1), _CHUNK_ROWS):  # chunks bound the temporary arrays
        chunk = part.iloc[a : a + _CHUNK_ROWS]
        partial = _accumulate(read_part(chunk, plan.options, where, offset=a), plan)
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


def count_frame(
    frame: pd.DataFrame,
    options: CountOptions,
    *,
    where: str = "",
    offset: int = 0,
    threads: bool = True,
) -> LocalCounts:
    """Count a pandas frame in chunks of rows: read, scan, plan, accumulate."""
    check_columns(frame.columns, options)
    n = len(frame)
    columns = frame[[c for c in columns_used(options) if c in frame.columns]]
    bounds = _chunk_bounds(n) if threads else [(0, n)]
    mapper = _map if threads else map
    parts: list[Part | None] = list(
        mapper(
            lambda ab: read_part(
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
    >>> from analysis.counting.finishing import finish_counts
    >>> from analysis.counting.options import count_options
    >>> opts = count_options(by="admin1")
    >>> parts = [pd.DataFrame({"event_type": ["attack"], "admin1": [name],
    ...     "date_start": pd.to_datetime([day]), "date_end": pd.to_datetime([day]),
    ...     "count": [1.0]}) for name, day in [("Raqqa", "2024-01-05"), ("Homs", "2024-01-02")]]
    >>> merged = merge_counts(count_local(parts[0], opts), count_local(parts[1], opts), opts)
    >>> counts = finish_counts(merged.partial, merged.plan)
    >>> counts.groupby("admin1")["count"].sum().to_dict()
    {'Homs': 1.0, 'Raqqa': 1.0}
    """
    check_columns(part.columns, options)
    columns = part[[c for c in columns_used(options) if c in part.columns]]
    total = None
    for a in range(0, max(len(part), 1), _CHUNK_ROWS):  # one chunk's arrays at a time
        counted = count_frame(
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
        lead = values.shape[:-1]  # exact sums have one row per limb
        moved = np.zeros((*lead, new.n_groups * new_cols + 1), dtype=values.dtype)
        target = moved[..., :-1].reshape(*lead, n_new, n_types, new_cols)
        target[..., rows, :, offset : offset + old_cols] = values[..., :-1].reshape(
            *lead, n_old, n_types, old_cols
        )
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
