"""The options of one count, checked in one place.

:func:`count_options` turns :func:`~analysis.counting.count.count_events`'
arguments into one frozen :class:`CountOptions`; every later step (reading
the records, planning the axes, accumulating, finishing the frame, the Dask
path) reads its choices from that object and nowhere else.  A new option is a
field here, its check in :func:`count_options`, and the step that uses it.

Examples
--------
>>> options = count_options("W-FRI", by="admin1", allocate="start")
>>> options.freq, options.by, options.allocate
('W-FRI', ('admin1',), 'start')
"""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class CountOptions:
    """The checked options of one count; the same for every part of the records.

    Made by :func:`count_options` only.

    Attributes
    ----------
    freq : str
        A key of :data:`FREQ_ALIASES`.
    allocate : str
        One of :data:`ALLOCATIONS`.
    by : tuple of str
        The columns counted separately.
    event_types : tuple of str
        The event types reported, in order.
    include_aggregates : bool
        Whether period aggregates are counted.
    start, end : int or None
        The coverage window given by the caller, in days since 1970-01-01
        (inclusive); None: from the records.
    """

    freq: str
    allocate: str
    by: tuple[str, ...]
    event_types: tuple[str, ...]
    include_aggregates: bool
    start: int | None
    end: int | None

    @property
    def period(self) -> str:
        """The pandas period code of ``freq`` (``'D'``, ``'W-FRI'``, ``'M'``, ...)."""
        return FREQ_ALIASES[self.freq]


def count_options(
    freq: str = "D",
    by: str | list[str] | tuple[str, ...] | None = None,
    allocate: Allocation = "spread",
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    *,
    include_aggregates: bool = False,
    event_types: list[str] | tuple[str, ...] | None = None,
) -> CountOptions:
    """Check :func:`~analysis.counting.count.count_events`' options; return them.

    Parameters
    ----------
    freq, by, allocate, start, end, include_aggregates, event_types
        As in :func:`~analysis.counting.count.count_events`.

    Returns
    -------
    CountOptions
        The options, checked.

    Raises
    ------
    ValueError
        For an unknown ``freq`` or ``allocate``, a ``start`` or ``end`` that
        is not a date, or an ``end`` before ``start``.

    Examples
    --------
    >>> count_options("MS", by="admin1").by
    ('admin1',)
    >>> count_options("fortnight")
    Traceback (most recent call last):
    ...
    ValueError: count_events: freq 'fortnight' is not supported; use one of ['D', ...]
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


def check_columns(columns: Any, options: CountOptions) -> None:
    """Raise if the records lack a column the count needs.

    Examples
    --------
    >>> check_columns(["event_type", "date_start", "date_end"], count_options())
    Traceback (most recent call last):
    ...
    ValueError: count_events: events lack the column(s) ['count']
    """
    missing = [
        c
        for c in ["event_type", "date_start", "date_end", "count", *options.by]
        if c not in columns
    ]
    if missing:
        raise ValueError(f"count_events: events lack the column(s) {missing}")


def _day_of(value: str | pd.Timestamp) -> int:
    ts = pd.Timestamp(value)
    if ts is pd.NaT:
        raise ValueError(f"count_events: {value!r} is not a date")
    return int(ts.normalize().to_datetime64().astype("datetime64[D]").astype(np.int64))
