"""Count records that do not fit in one machine's memory: Dask DataFrames.

:func:`analysis.count_events` hands a Dask DataFrame (see
:func:`analysis.counting.count.is_dask_frame`) to :func:`count_dask`, with
its checked options; :func:`count_events_dask` is the same with
``count_events``' arguments.  Partitions are counted with the same engine as a
pandas frame (:mod:`analysis.counting.engine`), in one pass over the data:

1. every partition is counted on its own axes
   (:func:`analysis.counting.engine.count_local`): its coverage window, the
   values of its ``by`` columns and the groups present, and difference arrays
   of its records over those days and groups;
2. the partitions' counts are added up in a tree, two at a time
   (:func:`analysis.counting.engine.merge_counts`), each sum on the union of
   its two parts' axes;
3. the total is finished exactly as for a pandas frame
   (:func:`analysis.counting.finishing.finish_counts`).

Only the counts (label sets and arrays of series x days) travel between
tasks and back to the caller; no partition is ever gathered.  The work runs
on whatever scheduler Dask is using: threads by default, or a
``dask.distributed`` cluster once a ``Client`` is made (see ``docs/scaling.md``).

Dask is imported only when a Dask frame is counted.

Examples
--------
>>> import pandas as pd
>>> import dask
>>> import dask.dataframe as dd
>>> from analysis import count_events
>>> events = pd.DataFrame({
...     "event_type": ["attack", "airstrike", "attack"],
...     "admin1": ["Homs", "Raqqa", "Homs"],
...     "date_start": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
...     "date_end": pd.to_datetime(["2024-01-02", "2024-01-02", "2024-01-03"]),
...     "count": [2.0, 5.0, 1.0]})
>>> partitioned = dd.from_pandas(events, npartitions=2)
>>> with dask.config.set(scheduler="synchronous"):
...     counts = count_events(partitioned, by="admin1")
>>> pd.testing.assert_frame_equal(counts, count_events(partitioned.compute(), by="admin1"))
>>> float(counts["count"].sum())
8.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis.counting.engine import LocalCounts, count_local, merge_counts, plan_counts
from analysis.counting.finishing import finish_counts
from analysis.counting.options import (
    Allocation,
    CountOptions,
    Multi,
    check_columns,
    columns_used,
    count_options,
)

if TYPE_CHECKING:
    from analysis.sources.provenance import Coverage


def _count_partition(part: pd.DataFrame, options: CountOptions, number: int) -> LocalCounts:
    return count_local(part, options, where=f"partition {number}, ")


def _tree_sum(items: list[Any], options: CountOptions) -> Any:
    """Merge delayed counts pairwise, so that no task holds more than two of them."""
    from dask import delayed

    merge = delayed(merge_counts)
    while len(items) > 1:
        items = [
            merge(items[i], items[i + 1], options) if i + 1 < len(items) else items[i]
            for i in range(0, len(items), 2)
        ]
    return items[0]


def count_events_dask(
    events: Any,
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
    """Count the records of a Dask DataFrame, partition by partition.

    Takes the same options and returns the same frame as
    :func:`analysis.count_events` (which calls this function when given a
    Dask DataFrame): a pandas frame, computed on the current Dask scheduler.
    The input is not modified.

    Parameters
    ----------
    events : dask.dataframe.DataFrame
        Records as :func:`analysis.count_events` takes them, in partitions
        (e.g. ``dask.dataframe.read_parquet`` of a folder of Parquet files).
    freq, by, allocate, start, end, include_aggregates, event_types, value, multi, coverage
        As in :func:`analysis.count_events`.

    Returns
    -------
    pandas.DataFrame
        Equal to ``count_events(events.compute(), ...)``, to the last bit (the
        sums are exact, whatever the order the parts are added in).

    Raises
    ------
    ValueError
        As :func:`analysis.count_events`; row numbers are counted within the
        partition named in the message.

    Notes
    -----
    The data are read once.  Memory on each worker is about one partition
    plus two sets of difference arrays (series x days x 9 x 8 bytes); the
    caller receives only one set.

    Examples
    --------
    >>> import pandas as pd
    >>> import dask.dataframe as dd
    >>> events = pd.DataFrame({"event_type": ["sweep"] * 4,
    ...     "date_start": pd.to_datetime(["2024-01-01", "2024-01-22", "2024-02-03",
    ...                                   "2024-03-01"]),
    ...     "date_end": pd.to_datetime(["2024-01-01", "2024-02-10", "2024-02-03",
    ...                                 "2024-03-01"]),
    ...     "count": [1.0, 20.0, 1.0, 1.0]})
    >>> monthly = count_events_dask(dd.from_pandas(events, npartitions=2), freq="MS",
    ...                             event_types=["sweep"])
    >>> print(monthly[["period", "records", "count"]].to_string(index=False))
        period  records  count
    2024-01-01        2   11.0
    2024-02-01        2   11.0
    2024-03-01        1    1.0
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
    return count_dask(events, options)


def count_dask(events: Any, options: CountOptions) -> pd.DataFrame:
    """Count the records of a Dask DataFrame with checked options.

    What :func:`analysis.count_events` calls for a Dask DataFrame, after
    checking its options with :func:`~analysis.counting.options.count_options`.

    Parameters
    ----------
    events : dask.dataframe.DataFrame
        Records in partitions.
    options : analysis.counting.options.CountOptions
        The count's options.

    Returns
    -------
    pandas.DataFrame
        As :func:`count_events_dask` returns.
    """
    import dask
    from dask import delayed

    check_columns(events.columns, options)
    frame = events[[c for c in columns_used(options) if c in events.columns]]
    parts = frame.to_delayed()
    (total,) = dask.compute(
        _tree_sum(
            [delayed(_count_partition)(part, options, i) for i, part in enumerate(parts)], options
        )
    )
    plan = total.plan or plan_counts([total.scan], options)  # raises: nothing to count
    return finish_counts(total.partial, plan, _result_dtypes(events, options.by, plan.labels))


def _result_dtypes(events: Any, by: tuple[str, ...], labels: list[list[Any]]) -> dict[str, Any]:
    """Return the ``by`` columns' dtypes (unknown categories become the plan's labels)."""
    dtypes = {}
    for col, values in zip(by, labels, strict=True):
        dtype = events[col].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            known = getattr(events[col].cat, "known", True)
            dtype = dtype if known else pd.CategoricalDtype(pd.Index(values, dtype=object))
        dtypes[col] = dtype
    return dtypes
