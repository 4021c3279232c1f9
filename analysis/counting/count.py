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

Another numeric column is summed the same way with ``value=``: with
``value='killed'`` the frame holds ``killed``, ``killed_low``, ``killed_high``
and ``records_no_killed``.  Its bounds are ``killed_low`` and ``killed_high``
where a record gives them, else its ``killed`` itself; a record with no
``killed`` enters with the midpoint of its bounds (its lower bound being 0 if
not given), or with 0 and an open upper bound when it gives none: the toll is
unknown, and ``records_no_killed`` says how many such records a period holds.

Records listing several places
------------------------------
A cell of a ``by`` column may list several values, ``;``-separated
(``admin1 = 'Homs;Raqqa'``).  ``multi`` says how such a record is grouped:
``'split'`` (the default) divides its count and bounds evenly among the
listed values, so the groups add up to the total; ``'each'`` counts it whole
under each value, so the groups add up to more than the total (the count
report says so in its notes); ``'joint'`` keeps ``'Homs;Raqqa'`` as a group of
its own.  Under ``'split'`` and ``'each'`` spaces around a value are dropped
(``' Hama '`` is ``'Hama'``) and a cell listing nothing (``';'``) is a missing
value.  ``multiple`` (places in governorates the source does not name) is one
value like any other.

The algorithm is a difference array (:mod:`analysis.counting.engine`): each
record adds its daily share at its first day and subtracts it after its last,
and a cumulative sum gives every day of every group at once.  Its cost grows
with the number of records plus days x groups, not with the length of the
windows.  The shares are summed exactly, as integers
(:mod:`analysis.counting.exact`): a record of 1e18 events beside one of 3
leaves the 3 a 3, in every period.  The options are checked in one place
(:mod:`analysis.counting.options`); a Dask DataFrame is counted partition by
partition (:mod:`analysis.counting.scaling`).

Examples
--------
>>> import pandas as pd
>>> from analysis.counting.count import count_events
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

from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.counting.engine import count_frame, plan_counts
from analysis.counting.finishing import CountReport, finish_counts
from analysis.counting.options import Allocation, CountOptions, Multi, count_options

if TYPE_CHECKING:
    from analysis.sources.provenance import Coverage


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
    value: str = "count",
    multi: Multi = "split",
    coverage: Coverage | tuple[Any, Any] | None = None,
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
        ``'D'`` (days); ``'W'`` or ``'W-<DAY>'`` (weeks ending on that day, as
        in pandas: ``'W-SUN'`` is Monday..Sunday, ``'W-FRI'`` Saturday..Friday
        as ACLED counts weeks), labelled by their first day; months ``'MS'``
        or ``'M'``, quarters ``'QS'`` or ``'Q'``, years ``'YS'`` or ``'Y'``,
        labelled by their first day; or the same months, quarters and years
        labelled by their *last* day: ``'ME'``, ``'QE'``, ``'YE'`` (as pandas
        labels them).  Only the ``period`` label differs between ``'MS'`` and
        ``'ME'``: it is the calendar period's last day even where the coverage
        window ends earlier, and ``days``, the counts and the order of rows
        are the same.
    by : str or list of str, optional
        Columns to count separately, e.g. ``'admin1'``; a column missing from
        ``events`` is an error that names a close one (``'governorate'``:
        did you mean ``'admin1'``?).  Missing values form a group of their
        own.  Every combination of ``by`` values seen in the counted records
        gets every period and event type.  Cells listing several values
        (``'Homs;Raqqa'``) are grouped as ``multi`` says.
    allocate : {'spread', 'spread_integer', 'start', 'end'}, default 'spread'
        ``'spread'`` shares a record's count evenly over its window's days (30
        strikes in 3 days give 10 a day).  ``'spread_integer'`` does the same,
        then rounds each series to integers by largest remainder, keeping its
        total (rounded half up where midpoints make it fractional); the
        bounds are rounded the same way, but never across the rounded count
        (``count_low <= count <= count_high`` holds in every period), so
        that where they would, their totals give way outwards.
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
    value : str, default 'count'
        The numeric column summed.  ``'killed'`` counts deaths: the output
        columns are then named after it (``killed``, ``killed_low``,
        ``killed_high``, ``records_no_killed``), with the bounds and
        unknown values treated as the module notes say.
    multi : {'split', 'each', 'joint'}, default 'split'
        How a record listing several ``;``-separated values of a ``by``
        column is grouped: its count (and bounds) divided evenly among them,
        whole under each of them (groups then add up to more than the total),
        or as a group of its own.  See the module notes.
    coverage : Coverage or (start, end), optional
        The period the records' gathering covered, as a data set's sidecar
        declares it (:func:`analysis.read_coverage`,
        :func:`analysis.load_badia_2024_coverage`) or as a pair of dates.  It
        is the coverage window: periods outside it are absent (no data, never
        zero), and records or parts of records outside it are accounted in
        the count report.  ``start`` and ``end`` may narrow it; outside it
        they are an error.

    Returns
    -------
    pandas.DataFrame
        One row per period x event type (x ``by`` group), sorted by ``by``
        groups, then event type, then period, with columns ``period``,
        ``event_type``, the ``by`` columns, then (for ``value='count'``):

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

        With another ``value``, ``count`` in these names is that value's name
        (``killed``, ``killed_low``, ``killed_high``, ``records_no_killed``).
        :func:`count_report` gives the :class:`CountReport` that accounts for
        every input record (``result.attrs['count_report']`` holds it as JSON
        types, so it survives ``to_parquet`` and ``read_parquet``).

    Raises
    ------
    ValueError
        For an unknown ``freq``, ``allocate`` or ``multi``, a ``start`` or
        ``end`` outside ``coverage``, a missing column, a missing
        date, an end before its start, an event type outside ``event_types``,
        a record with neither count nor count_low, a negative count or bound,
        an infinite count or ``count_low``, a count or bound of 2**62 or more
        (about 4.6e18; an infinite ``count_high`` is an open bound), or bounds
        out of order (``count_low <= count <= count_high`` where given),
        naming the rows; period aggregates left out are not checked.

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

    Deaths per month and governorate, a record of two governorates split
    between them, months labelled by their last day:

    >>> attacks = pd.DataFrame({
    ...     "event_type": ["attack", "attack"], "admin1": ["Homs;Raqqa", "Homs"],
    ...     "date_start": pd.to_datetime(["2024-01-10", "2024-02-03"]),
    ...     "date_end": pd.to_datetime(["2024-01-10", "2024-02-03"]),
    ...     "count": [1.0, 1.0], "killed": [6.0, None]})
    >>> deaths = count_events(attacks, freq="ME", by="admin1", value="killed",
    ...                       event_types=["attack"])
    >>> print(deaths[["period", "admin1", "killed", "killed_high", "records_no_killed"]]
    ...       .to_string(index=False))
        period admin1  killed  killed_high  records_no_killed
    2024-01-31   Homs     3.0          3.0                  0
    2024-02-29   Homs     0.0          inf                  1
    2024-01-31  Raqqa     3.0          3.0                  0
    2024-02-29  Raqqa     0.0          0.0                  0
    """
    options = count_options(
        freq,
        by,
        allocate,
        start,
        end,
        include_aggregates=include_aggregates,
        event_types=event_types,
        value=value,
        multi=multi,
        coverage=coverage,
    )
    if is_dask_frame(events):  # partition by partition: see analysis.counting.scaling
        from analysis.counting.scaling import count_dask

        return count_dask(events, options)
    return _count_pandas(events, options)


def _count_pandas(events: pd.DataFrame, options: CountOptions) -> pd.DataFrame:
    """Count a pandas frame: read it in chunks on a few threads, plan once, finish."""
    counted = count_frame(events, options)
    plan = counted.plan or plan_counts([counted.scan], options)  # raises: nothing to count
    assert counted.partial is not None  # a plan was made, so the records were counted
    return finish_counts(counted.partial, plan, {c: events[c].dtype for c in options.by})


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
    if isinstance(report, CountReport):
        return report
    if isinstance(report, dict):
        try:
            return CountReport.from_dict(report)
        except (TypeError, ValueError) as exc:
            raise KeyError(f"this frame's count report cannot be read: {exc}") from None
    raise KeyError("this frame carries no count report; it was not made by count_events")
