"""The options of one count, checked in one place.

:func:`count_options` turns :func:`~analysis.counting.count.count_events`'
arguments into one frozen :class:`CountOptions`; every later step (reading
the records, planning the axes, accumulating, finishing the frame, the Dask
path) reads its choices from that object and nowhere else.  A new option is a
field here, its check in :func:`count_options`, and the step that uses it.

Examples
--------
>>> options = count_options("W-FRI", by="admin1", allocate="start")
>>> options.freq, options.by, options.allocate, options.multi
('W-FRI', ('admin1',), 'start', 'split')
>>> count_options("ME", value="killed").columns
('days', 'records', 'killed', 'killed_low', 'killed_high', 'records_no_killed')
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
import pandas as pd

from analysis.records.schema import EVENT_TYPES

if TYPE_CHECKING:
    from analysis.sources.provenance import Coverage

Allocation = Literal["spread", "spread_integer", "start", "end"]
ALLOCATIONS: Final[tuple[str, ...]] = ("spread", "spread_integer", "start", "end")
"""How a record's count is placed on the days of its window."""

FREQ_ALIASES: Final[dict[str, str]] = {
    "D": "D",
    "W": "W-SUN",
    **{f"W-{d}": f"W-{d}" for d in ("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN")},
    "MS": "M",
    "M": "M",
    "ME": "M",
    "QS": "Q",
    "QS-JAN": "Q",
    "Q": "Q",
    "QE": "Q",
    "QE-DEC": "Q",
    "YS": "Y",
    "YS-JAN": "Y",
    "Y": "Y",
    "YE": "Y",
    "YE-DEC": "Y",
}
"""Supported ``freq`` values and the pandas period each stands for.

``W-<DAY>`` follows pandas: weeks that *end* on that day (``W-SUN`` runs
Monday to Sunday, ``W-FRI`` Saturday to Friday, the week ACLED uses).
``M``, ``Q`` and ``Y`` (which pandas 3 no longer takes as offsets) are the
months, quarters and years of ``MS``, ``QS`` and ``YS``.  A period is
labelled by its first day, except under :data:`END_LABELLED`."""

END_LABELLED: Final[frozenset[str]] = frozenset({"ME", "QE", "QE-DEC", "YE", "YE-DEC"})
"""The ``freq`` values whose periods are labelled by their *last* day (as pandas'
``ME``, ``QE``, ``YE``): the same periods as ``MS``, ``QS``, ``YS``."""

Multi = Literal["split", "each", "joint"]
MULTI: Final[tuple[str, ...]] = ("split", "each", "joint")
"""How a record listing several ``;``-separated values of a ``by`` column is grouped.

``split`` divides its count (and bounds) evenly among the listed values,
``each`` counts it whole under each of them, ``joint`` keeps the list as a
group of its own."""

LIST_SEPARATOR: Final = ";"
"""What separates the values of a list in a record's cell (``'Homs;Raqqa'``)."""

_COLUMN_SYNONYMS: Final[dict[str, str]] = {
    "governorate": "admin1",
    "province": "admin1",
    "region": "admin1",
    "type": "event_type",
    "date": "date_start",
}
"""Names analysts type for the record's columns (lower case), for the missing-column hint."""

COUNT_COLUMNS: Final[tuple[str, ...]] = (
    "days",
    "records",
    "count",
    "count_low",
    "count_high",
    "records_no_count",
)
"""Columns of a count frame after ``period``, ``event_type`` and the ``by`` columns
(with ``value='killed'``, ``count`` stands for ``killed`` in every name: see
:func:`value_columns`)."""


def value_columns(value: str) -> tuple[str, ...]:
    """Return the columns of a count frame of ``value`` after ``period``, ``event_type``, ``by``.

    Examples
    --------
    >>> value_columns("count") == COUNT_COLUMNS
    True
    >>> value_columns("killed")[2:]
    ('killed', 'killed_low', 'killed_high', 'records_no_killed')
    """
    return ("days", "records", value, f"{value}_low", f"{value}_high", f"records_no_{value}")


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
    value : str
        The column summed: ``'count'``, or another numeric column such as
        ``'killed'`` (its bounds in ``<value>_low`` and ``<value>_high``).
    multi : str
        One of :data:`MULTI`.
    label : str
        ``'start'`` or ``'end'``: whether a period is labelled by its first or
        its last day (:data:`END_LABELLED`).
    coverage_source : str or None
        Where the coverage window was declared (a file name), if it was.
    """

    freq: str
    allocate: str
    by: tuple[str, ...]
    event_types: tuple[str, ...]
    include_aggregates: bool
    start: int | None
    end: int | None
    value: str = "count"
    multi: str = "split"
    label: str = "start"
    coverage_source: str | None = None

    @property
    def period(self) -> str:
        """The pandas period code of ``freq`` (``'D'``, ``'W-FRI'``, ``'M'``, ...)."""
        return FREQ_ALIASES[self.freq]

    @property
    def bounds(self) -> tuple[str, str]:
        """The columns of ``value``'s lower and upper bounds."""
        return f"{self.value}_low", f"{self.value}_high"

    @property
    def columns(self) -> tuple[str, ...]:
        """The count frame's columns after ``period``, ``event_type`` and ``by``."""
        return value_columns(self.value)


def count_options(
    freq: str = "D",
    by: str | list[str] | tuple[str, ...] | None = None,
    allocate: Allocation = "spread",
    start: str | pd.Timestamp | None = None,
    end: str | pd.Timestamp | None = None,
    *,
    include_aggregates: bool = False,
    event_types: list[str] | tuple[str, ...] | None = None,
    value: str = "count",
    multi: Multi = "split",
    coverage: Coverage | tuple[Any, Any] | None = None,
) -> CountOptions:
    """Check :func:`~analysis.counting.count.count_events`' options; return them.

    Parameters
    ----------
    freq, by, allocate, start, end, include_aggregates, event_types, value, multi, coverage
        As in :func:`~analysis.counting.count.count_events`.

    Returns
    -------
    CountOptions
        The options, checked.

    Raises
    ------
    ValueError
        For an unknown ``freq``, ``allocate`` or ``multi``, a ``value`` that
        is not a column name, a ``start`` or ``end`` that is not a date, an
        ``end`` before ``start``, or a ``start``/``end`` outside ``coverage``.

    Examples
    --------
    >>> count_options("MS", by="admin1").by
    ('admin1',)
    >>> count_options("fortnight")
    Traceback (most recent call last):
    ...
    ValueError: count_events: freq 'fortnight' is not supported; use one of ['D', ...]
    >>> count_options(coverage=("2024-01-01", "2024-12-31"), start="2023-12-01")
    Traceback (most recent call last):
    ...
    ValueError: count_events: start 2023-12-01 is outside the coverage 2024-01-01..2024-12-31; ...
    """
    if freq not in FREQ_ALIASES:
        raise ValueError(
            f"count_events: freq {freq!r} is not supported; use one of {sorted(FREQ_ALIASES)}"
        )
    if allocate not in ALLOCATIONS:
        raise ValueError(f"count_events: allocate {allocate!r} is not one of {list(ALLOCATIONS)}")
    if multi not in MULTI:
        raise ValueError(f"count_events: multi {multi!r} is not one of {list(MULTI)}")
    if not isinstance(value, str) or not value:
        raise ValueError(f"count_events: value {value!r} must be the name of a numeric column")
    by_cols = () if by is None else (by,) if isinstance(by, str) else tuple(by)
    taken = [c for c in by_cols if c in ("period", "event_type", *value_columns(value))]
    if taken or len(set(by_cols)) < len(by_cols):
        raise ValueError(
            f"count_events: by {list(by_cols)} names a column twice or a column every count "
            f"has already ({taken or 'repeated'}); each count is per period and event_type"
        )
    lo, hi, source = _window(start, end, coverage)
    return CountOptions(
        freq=freq,
        allocate=allocate,
        by=by_cols,
        event_types=tuple(EVENT_TYPES if event_types is None else event_types),
        include_aggregates=include_aggregates,
        start=lo,
        end=hi,
        value=value,
        multi=multi,
        label="end" if freq in END_LABELLED else "start",
        coverage_source=source,
    )


def _window(start: Any, end: Any, coverage: Any) -> tuple[int | None, int | None, str | None]:
    """Return the coverage window in days (inclusive) and where it was declared.

    ``start`` and ``end`` given with ``coverage`` narrow it; outside it they
    are an error (they would report periods nobody gathered as zeros).
    """
    lo = None if start is None else _day_of(start)
    hi = None if end is None else _day_of(end)
    source = None
    if coverage is not None:
        c_lo, c_hi, source = _coverage_days(coverage)
        text = f"{_date_text(c_lo)}..{_date_text(c_hi)}"
        for name, day in (("start", lo), ("end", hi)):
            if day is not None and not c_lo <= day <= c_hi:
                raise ValueError(
                    f"count_events: {name} {_date_text(day)} is outside the coverage {text}; "
                    "start and end may only narrow the declared coverage (periods outside "
                    "it are no data, not zeros)"
                )
        lo = c_lo if lo is None else lo
        hi = c_hi if hi is None else hi
    if lo is not None and hi is not None and hi < lo:
        raise ValueError(f"count_events: end {end} is before start {start}")
    return lo, hi, source


def _coverage_days(coverage: Any) -> tuple[int, int, str | None]:
    """First and last day of a coverage (a Coverage or a ``(start, end)`` pair), and its file."""
    from analysis.sources.provenance import Coverage, coverage_days

    if isinstance(coverage, Coverage) and coverage.gaps:
        raise ValueError(
            f"count_events: the coverage declared for {coverage.source.name} has gaps "
            f"{list(coverage.gaps)}; count each covered stretch on its own (start=, end=)"
        )
    first, last = coverage_days(coverage, "count_events")
    name = coverage.source.name if isinstance(coverage, Coverage) else None
    return _day_of(first), _day_of(last), name


def _date_text(day: int) -> str:
    return str(np.datetime64(day, "D"))


def columns_used(options: CountOptions) -> list[str]:
    """Return the columns a count reads (optional ones are used only if present).

    Examples
    --------
    >>> columns_used(count_options(by="admin1"))[-1]
    'admin1'
    >>> columns_used(count_options(value="killed"))[3:6]
    ['killed', 'killed_low', 'killed_high']
    """
    used = ["event_type", "date_start", "date_end", options.value, *options.bounds, "is_aggregate"]
    return list(dict.fromkeys([*used, *options.by]))


def check_columns(columns: Any, options: CountOptions) -> None:
    """Raise if the records lack a column the count needs; hint at a close one.

    Examples
    --------
    >>> check_columns(["event_type", "date_start", "date_end"], count_options())
    Traceback (most recent call last):
    ...
    ValueError: count_events: events lack the column(s) ['count']
    >>> check_columns(["event_type", "date_start", "date_end", "count", "admin1"],
    ...               count_options(by="governorate"))
    Traceback (most recent call last):
    ...
    ValueError: count_events: events lack the column(s) ['governorate']; did you mean 'admin1'?
    """
    present = [str(c) for c in columns]
    needed = ["event_type", "date_start", "date_end", options.value, *options.by]
    missing = [c for c in dict.fromkeys(needed) if c not in present]
    if missing:
        hints = [f"{c!r}" for c in (_close_column(m, present) for m in missing) if c]
        hint = f"; did you mean {', '.join(hints)}?" if hints else ""
        raise ValueError(f"count_events: events lack the column(s) {missing}{hint}")


def _close_column(name: str, present: list[str]) -> str | None:
    """Return the column of ``present`` that ``name`` most likely means, if any.

    Examples
    --------
    >>> _close_column("Province", ["admin1", "event_type"])
    'admin1'
    >>> _close_column("admin_1", ["admin1", "event_type"])
    'admin1'
    >>> _close_column("weather", ["admin1", "event_type"]) is None
    True
    """
    synonym = _COLUMN_SYNONYMS.get(name.strip().lower())
    if synonym in present:
        return synonym
    lower = {c.lower(): c for c in present}
    if name.lower() in lower:
        return lower[name.lower()]
    close = difflib.get_close_matches(name.lower(), list(lower), n=1, cutoff=0.6)
    return lower[close[0]] if close else None


def _day_of(value: Any) -> int:
    ts = pd.Timestamp(value)
    if ts is pd.NaT:
        raise ValueError(f"count_events: {value!r} is not a date")
    return int(ts.normalize().to_datetime64().astype("datetime64[D]").astype(np.int64))
