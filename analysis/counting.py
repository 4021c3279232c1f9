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
>>> from analysis.counting import count_events
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

from dataclasses import asdict, dataclass
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from analysis.schema import EVENT_TYPES

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


def _days(values: pd.Series, column: str) -> np.ndarray:
    """Calendar days since 1970-01-01 as int64; raise on missing dates."""
    days = values.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    missing = np.isnat(days)
    if missing.any():
        rows = np.flatnonzero(missing)[:10].tolist()
        raise ValueError(
            f"count_events: column {column!r} has missing dates at rows {rows}; "
            "validate the records with analysis.load_events first"
        )
    return days.astype(np.int64)


def _numbers(events: pd.DataFrame, column: str) -> np.ndarray:
    if column not in events.columns:
        return np.full(len(events), np.nan)
    return pd.to_numeric(events[column]).to_numpy(dtype=float, na_value=np.nan)


def _codes(values: pd.Series) -> tuple[np.ndarray, list[Any]]:
    """Integer codes and labels of a column; missing values get their own code."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.int64)
        labels: list[Any] = list(values.cat.categories)
    else:
        codes_, uniques = pd.factorize(values, use_na_sentinel=True)
        codes, labels = codes_.astype(np.int64), list(uniques)
    if (codes < 0).any():
        codes = np.where(codes < 0, len(labels), codes)
        labels.append(_NA_LABEL)
    return codes, labels


def _type_codes(values: pd.Series, event_types: list[str]) -> np.ndarray:
    if isinstance(values.dtype, pd.CategoricalDtype):
        # Recode the categories, not the rows: fast on large frames.
        lookup = np.array(
            [event_types.index(c) if c in event_types else -1 for c in values.cat.categories]
            + [-1],
            dtype=np.int64,
        )
        codes = lookup[values.cat.codes.to_numpy()]
    else:
        codes = pd.Index(event_types).get_indexer(values.astype(object)).astype(np.int64)
    if (codes < 0).any():
        rows = np.flatnonzero(codes < 0)[:10].tolist()
        found = sorted({str(v) for v in values.iloc[rows]})
        raise ValueError(
            f"count_events: column 'event_type' has values {found} at rows {rows} "
            f"outside the counted types {event_types}"
        )
    return codes


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
        :data:`analysis.schema.EVENT_TYPES`.  A record of another type is an
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
        date or an event type outside ``event_types``.

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
    if freq not in FREQ_ALIASES:
        raise ValueError(
            f"count_events: freq {freq!r} is not supported; use one of {sorted(FREQ_ALIASES)}"
        )
    if allocate not in ALLOCATIONS:
        raise ValueError(f"count_events: allocate {allocate!r} is not one of {list(ALLOCATIONS)}")
    by_cols = [] if by is None else [by] if isinstance(by, str) else list(by)
    types = list(EVENT_TYPES if event_types is None else event_types)
    missing = [
        c
        for c in ["event_type", "date_start", "date_end", "count", *by_cols]
        if c not in events.columns
    ]
    if missing:
        raise ValueError(f"count_events: events lack the column(s) {missing}")

    n_in = len(events)
    if "is_aggregate" in events.columns and not include_aggregates:
        is_agg = events["is_aggregate"].fillna(False).to_numpy(dtype=bool)
    else:
        is_agg = np.zeros(n_in, dtype=bool)
    frame = events.loc[~is_agg] if is_agg.any() else events

    d0 = _days(frame["date_start"], "date_start")
    d1 = _days(frame["date_end"], "date_end")
    if (d1 < d0).any():
        rows = np.flatnonzero(d1 < d0)[:10].tolist()
        raise ValueError(f"count_events: date_end is before date_start at rows {rows}")
    if start is None and len(d0) == 0:
        raise ValueError("count_events: no records to count and no start/end given")
    lo = int(d0.min()) if start is None else _day_of(start)
    hi = int(d1.max()) if end is None else _day_of(end)
    if hi < lo:
        raise ValueError(f"count_events: end {end} is before start {start}")

    cnt = _numbers(frame, "count")
    low = _numbers(frame, "count_low")
    high = _numbers(frame, "count_high")
    no_count = np.isnan(cnt)
    point = np.where(no_count, np.where(np.isnan(high), low, (low + high) / 2), cnt)
    if np.isnan(point).any():
        rows = np.flatnonzero(np.isnan(point))[:10].tolist()
        raise ValueError(f"count_events: records at rows {rows} have neither count nor count_low")
    low_eff = np.where(np.isnan(low), np.minimum(1.0, point), low)
    open_high = np.isnan(high)
    high_fin = np.where(open_high, 0.0, high)

    type_code = _type_codes(frame["event_type"], types)
    combo = np.zeros(len(frame), dtype=np.int64)
    by_labels: list[list[Any]] = []
    n_space = 1
    for col in by_cols:
        codes, labels = _codes(frame[col])
        combo = combo * len(labels) + codes
        by_labels.append(labels)
        n_space *= len(labels)
    # The combinations seen, numbered densely in order (a bincount, not a sort).
    seen = np.bincount(combo, minlength=n_space) > 0
    combo_used = np.flatnonzero(seen)
    combo_code = (np.cumsum(seen) - 1)[combo]
    n_types = len(types)
    group = combo_code.astype(np.int64) * n_types + type_code
    n_groups = max(len(combo_used), 1 if not by_cols else 0) * n_types

    if allocate in ("start", "end"):
        day = d0 if allocate == "start" else d1
        c0 = c1 = day
        inside = (day >= lo) & (day <= hi)
        share = np.ones(len(frame))
    else:
        c0, c1 = np.maximum(d0, lo), np.minimum(d1, hi)
        inside = c0 <= c1
        share = (c1 - c0 + 1) / (d1 - d0 + 1)
    partly = inside & (share < 1)

    first, cover_first = _period_bounds(lo, hi, freq)
    n_days = hi - lo + 1
    offsets = cover_first - lo
    days_per_period = np.diff(np.append(offsets, n_days))

    g = group[inside]
    s = (c0[inside] - lo).astype(np.int64)
    e = (c1[inside] - lo).astype(np.int64)
    width = (d1 - d0 + 1)[inside] if allocate not in ("start", "end") else np.ones(len(g))
    width = width.astype(float)

    def spread(weights: np.ndarray) -> np.ndarray:
        """Daily series per group of weights shared over each record's window."""
        rate = weights / width
        size = n_groups * (n_days + 1)
        diff = np.bincount(g * (n_days + 1) + s, rate, minlength=size)
        diff -= np.bincount(g * (n_days + 1) + e + 1, rate, minlength=size)
        daily = np.cumsum(diff.reshape(n_groups, n_days + 1), axis=1)[:, :n_days]
        return np.add.reduceat(daily, offsets, axis=1) if len(offsets) else daily

    def overlapping(mask: np.ndarray | None) -> np.ndarray:
        """Count the records (optionally a subset) whose window meets each period."""
        gs, ss, es = (g, s, e) if mask is None else (g[mask], s[mask], e[mask])
        size = n_groups * n_days
        starts = np.bincount(gs * n_days + ss, minlength=size).reshape(n_groups, n_days)
        ends = np.bincount(gs * n_days + es, minlength=size).reshape(n_groups, n_days)
        started = np.cumsum(starts, axis=1)
        ended = np.cumsum(ends, axis=1)
        last_day = np.append(offsets[1:], n_days) - 1
        ended_before = np.where(offsets > 0, ended[:, np.maximum(offsets - 1, 0)], 0)
        return started[:, last_day] - ended_before

    count_p = spread(point[inside])
    low_p = spread(low_eff[inside])
    high_p = spread(high_fin[inside])
    open_p = overlapping(open_high[inside]) > 0
    high_p = np.where(open_p, np.inf, high_p)
    records_p = overlapping(None)
    no_count_p = overlapping(no_count[inside])

    count_p, low_p, high_p = (np.round(a, _ROUND_DECIMALS) for a in (count_p, low_p, high_p))
    if allocate == "spread_integer":
        count_p, low_p = _largest_remainder(count_p), _largest_remainder(low_p)
        high_p = _largest_remainder(high_p)

    n_periods = len(first)
    out: dict[str, Any] = {}
    if by_cols:
        combos = np.repeat(combo_used, n_types * n_periods)
        for i in range(len(by_cols) - 1, -1, -1):
            labels = by_labels[i]
            idx = combos % len(labels)
            combos = combos // len(labels)
            values = np.array([None if x is _NA_LABEL else x for x in labels], dtype=object)
            out[by_cols[i]] = values[idx]
    n_combos = n_groups // n_types
    result = pd.DataFrame(
        {
            "period": np.tile(first.astype("datetime64[D]"), n_groups).astype("datetime64[ns]"),
            "event_type": pd.Categorical(
                np.tile(np.repeat(np.array(types, dtype=object), n_periods), n_combos),
                categories=types,
            ),
            **{c: out[c] for c in by_cols},
            "days": np.tile(days_per_period, n_groups).astype(np.int64),
            "records": records_p.ravel().astype(np.int64),
            "count": count_p.ravel(),
            "count_low": low_p.ravel(),
            "count_high": high_p.ravel(),
            "records_no_count": no_count_p.ravel().astype(np.int64),
        }
    )
    for col in by_cols:
        if events[col].dtype != object and not isinstance(events[col].dtype, pd.CategoricalDtype):
            result[col] = result[col].astype(events[col].dtype)
        elif isinstance(events[col].dtype, pd.CategoricalDtype):
            result[col] = pd.Categorical(result[col], categories=events[col].cat.categories)
    report = CountReport(
        records_in=n_in,
        records_counted=int(inside.sum()),
        aggregates_excluded=int(is_agg.sum()),
        outside_window=int((~inside).sum()),
        partly_outside=int(partly.sum()),
        records_no_count=int(no_count[inside].sum()),
        count_outside_window=float(
            np.round((point * (1 - np.where(inside, share, 0))).sum(), _ROUND_DECIMALS)
        ),
        start=pd.Timestamp(np.datetime64(lo, "D")),
        end=pd.Timestamp(np.datetime64(hi, "D")),
    )
    result.attrs["count_report"] = report
    return result


def _day_of(value: str | pd.Timestamp) -> int:
    ts = pd.Timestamp(value)
    if ts is pd.NaT:
        raise ValueError(f"count_events: {value!r} is not a date")
    return int(np.datetime64(ts.normalize().to_datetime64(), "D").astype(np.int64))


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
