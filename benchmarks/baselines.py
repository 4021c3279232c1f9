"""The usual ways of counting windowed events per day, as benchmark baselines.

Each function takes a validated events frame and returns the daily count,
spread evenly over each record's window, per ``event_type`` x ``admin1``:
one row per (``period``, ``event_type``, ``admin1``) cell that some record
touches, with ``count`` (the record's count shared over its days) and
``records`` (records whose window covers the day).  The record's count is
what :func:`analysis.count_events` uses: the point count, else the midpoint of
``[count_low, count_high]`` where both are known, else ``count_low``.
Period aggregates are left out, as ``count_events`` does by default.

They differ only in how the windows are expanded into days:

- :func:`count_daily_duckdb`: DuckDB, ``unnest(range(n))`` per record;
- :func:`count_daily_duckdb_file`: the same, DuckDB reading the CSV or Parquet file;
- :func:`count_daily_pandas_explode`: NumPy ``np.repeat`` then a pandas groupby;
- :func:`count_daily_polars`: polars ``date_ranges`` then ``explode``;
- :func:`count_daily_date_range_loop`: one ``pd.date_range`` per record then
  ``explode`` (slow: the benchmark runs it on a sample only).

:func:`compare_with_count_events` checks a baseline's result against
``count_events``' result (cells the baseline lacks must be zeros there).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

_KEYS = ["period", "event_type", "admin1"]


def _counted(events: pd.DataFrame) -> pd.DataFrame:
    return events.loc[~events["is_aggregate"].to_numpy(dtype=bool)]


def _effective_count(events: pd.DataFrame) -> np.ndarray:
    count = events["count"].to_numpy(dtype=np.float64)
    low = events["count_low"].to_numpy(dtype=np.float64)
    high = events["count_high"].to_numpy(dtype=np.float64)
    fallback = np.where(np.isnan(high), low, (low + high) / 2)
    return np.where(np.isnan(count), fallback, count)


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({"event_type": str, "admin1": str, "records": np.int64,
                          "count": np.float64})
    frame["period"] = frame["period"].astype("datetime64[ns]")
    return frame.sort_values(_KEYS, ignore_index=True)[[*_KEYS, "count", "records"]]


def count_daily_duckdb(events: pd.DataFrame, *, threads: int | None = None) -> pd.DataFrame:
    """Daily spread counts with DuckDB: ``unnest(range(n))`` expands each window.

    Examples
    --------
    >>> events = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs"],
    ...     "is_aggregate": [False], "date_start": pd.to_datetime(["2024-01-01"]),
    ...     "date_end": pd.to_datetime(["2024-01-02"]), "count": [3.0],
    ...     "count_low": [3.0], "count_high": [3.0]})
    >>> count_daily_duckdb(events)["count"].tolist()
    [1.5, 1.5]
    """
    import duckdb

    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    cols = ["event_type", "admin1", "is_aggregate", "date_start", "date_end",
            "count", "count_low", "count_high"]
    con.register("events", events[cols])
    result = con.execute(
        """
        WITH r AS (
            SELECT CAST(event_type AS VARCHAR) AS event_type, admin1,
                   CAST(date_start AS DATE) AS first_day,
                   date_diff('day', date_start, date_end) + 1 AS n,
                   coalesce("count", (count_low + count_high) / 2, count_low) AS c
            FROM events WHERE NOT is_aggregate
        ), days AS (
            SELECT event_type, admin1, first_day, c / n AS share, unnest(range(n)) AS d
            FROM r
        )
        SELECT first_day + CAST(d AS INTEGER) AS period, event_type, admin1,
               sum(share) AS "count", count(*) AS records
        FROM days GROUP BY ALL
        """
    ).df()
    con.close()
    return _tidy(result)


_FILE_SQL = """
    WITH r AS (
        SELECT CAST(event_type AS VARCHAR) AS event_type, CAST(admin1 AS VARCHAR) AS admin1,
               CAST(date_start AS DATE) AS first_day,
               date_diff('day', CAST(date_start AS DATE), CAST(date_end AS DATE)) + 1 AS n,
               coalesce("count", (count_low + count_high) / 2, count_low) AS c
        FROM {source} WHERE NOT is_aggregate
    ), days AS (
        SELECT event_type, admin1, first_day, c / n AS share, unnest(range(n)) AS d FROM r
    )
    SELECT first_day + CAST(d AS INTEGER) AS period, event_type, admin1,
           sum(share) AS "count", count(*) AS records
    FROM days GROUP BY ALL
"""


def count_daily_duckdb_file(path: str, *, threads: int | None = None) -> pd.DataFrame:
    """Daily spread counts with DuckDB straight from a CSV or Parquet file.

    DuckDB reads the file itself (``read_csv`` with its type detection, or
    ``read_parquet``), then expands each window with ``unnest(range(n))`` as
    :func:`count_daily_duckdb` does.  Nothing is validated: this is the cost
    of the count from the file when the file is trusted.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "e.csv"
    ...     _ = path.write_text("event_type,admin1,is_aggregate,date_start,date_end,count,"
    ...                         "count_low,count_high\\nattack,Homs,False,2024-01-01,2024-01-02,"
    ...                         "3,3,3\\n")
    ...     counts = count_daily_duckdb_file(str(path))
    >>> counts["count"].tolist()
    [1.5, 1.5]
    """
    import duckdb

    reader = "read_parquet" if str(path).endswith(".parquet") else "read_csv"
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    source = f"{reader}('{str(path).replace(chr(39), chr(39) * 2)}')"
    result = con.execute(_FILE_SQL.format(source=source)).df()
    con.close()
    return _tidy(result)


def count_daily_pandas_explode(events: pd.DataFrame) -> pd.DataFrame:
    """Daily spread counts with NumPy ``np.repeat`` and a pandas groupby.

    Examples
    --------
    >>> events = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs"],
    ...     "is_aggregate": [False], "date_start": pd.to_datetime(["2024-01-01"]),
    ...     "date_end": pd.to_datetime(["2024-01-02"]), "count": [3.0],
    ...     "count_low": [3.0], "count_high": [3.0]})
    >>> count_daily_pandas_explode(events)["count"].tolist()
    [1.5, 1.5]
    """
    events = _counted(events)
    start = events["date_start"].to_numpy().astype("datetime64[D]").astype(np.int32)
    end = events["date_end"].to_numpy().astype("datetime64[D]").astype(np.int32)
    n = end - start + 1
    share = _effective_count(events) / n
    # Group keys as small integer codes (what a careful pandas user does before
    # exploding: repeating strings would multiply the memory).
    type_code, types = pd.factorize(events["event_type"])
    admin_code, admins = pd.factorize(events["admin1"])
    row = np.repeat(np.arange(len(events), dtype=np.int32), n)
    offset = np.arange(len(row), dtype=np.int32) - np.repeat(
        (np.cumsum(n) - n).astype(np.int32), n)
    exploded = pd.DataFrame({
        "day": start[row] + offset,
        "type_code": type_code.astype(np.int8)[row],
        "admin_code": admin_code.astype(np.int16)[row],
        "share": share[row],
    })
    del row, offset
    result = exploded.groupby(["day", "type_code", "admin_code"], sort=False)["share"].agg(
        ["sum", "size"])
    del exploded
    result = result.rename(columns={"sum": "count", "size": "records"}).reset_index()
    return _tidy(pd.DataFrame({
        "period": result["day"].to_numpy().astype("datetime64[D]"),
        "event_type": np.asarray(types, dtype=object)[result["type_code"].to_numpy()],
        "admin1": np.asarray(admins, dtype=object)[result["admin_code"].to_numpy()],
        "count": result["count"].to_numpy(),
        "records": result["records"].to_numpy(),
    }))


def count_daily_polars(events: pd.DataFrame) -> pd.DataFrame:
    """Daily spread counts with polars ``date_ranges`` and ``explode``.

    Examples
    --------
    >>> events = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs"],
    ...     "is_aggregate": [False], "date_start": pd.to_datetime(["2024-01-01"]),
    ...     "date_end": pd.to_datetime(["2024-01-02"]), "count": [3.0],
    ...     "count_low": [3.0], "count_high": [3.0]})
    >>> count_daily_polars(events)["count"].tolist()
    [1.5, 1.5]
    """
    import polars as pl

    cols = ["event_type", "admin1", "is_aggregate", "date_start", "date_end",
            "count", "count_low", "count_high"]
    frame = pl.from_pandas(events[cols])
    start, end = pl.col("date_start").cast(pl.Date), pl.col("date_end").cast(pl.Date)
    count = pl.coalesce(
        pl.col("count"), (pl.col("count_low") + pl.col("count_high")) / 2, pl.col("count_low")
    )
    result = (
        frame.lazy()
        .filter(~pl.col("is_aggregate"))
        .select(
            # Categorical keys, so that exploding repeats codes, not strings.
            pl.col("event_type").cast(pl.String).cast(pl.Categorical),
            pl.col("admin1").cast(pl.Categorical),
            (count / ((end - start).dt.total_days() + 1)).alias("share"),
            pl.date_ranges(start, end, interval="1d").alias("period"),
        )
        .explode("period")
        .group_by(["period", "event_type", "admin1"])
        .agg(pl.col("share").sum().alias("count"), pl.len().alias("records"))
        .with_columns(pl.col("event_type", "admin1").cast(pl.String))
        .collect()
    )
    return _tidy(result.to_pandas())


def count_daily_date_range_loop(events: pd.DataFrame) -> pd.DataFrame:
    """Daily spread counts the slow usual way: a ``pd.date_range`` per record.

    Examples
    --------
    >>> events = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs"],
    ...     "is_aggregate": [False], "date_start": pd.to_datetime(["2024-01-01"]),
    ...     "date_end": pd.to_datetime(["2024-01-02"]), "count": [3.0],
    ...     "count_low": [3.0], "count_high": [3.0]})
    >>> count_daily_date_range_loop(events)["count"].tolist()
    [1.5, 1.5]
    """
    events = _counted(events).copy()
    events["share_total"] = _effective_count(events)
    events["period"] = [
        pd.date_range(s, e, freq="D") for s, e in zip(events["date_start"], events["date_end"],
                                                       strict=True)
    ]
    events["share"] = events["share_total"] / events["period"].map(len)
    exploded = events.explode("period")
    result = exploded.groupby(_KEYS, observed=True)["share"].agg(["sum", "size"])
    result = result.rename(columns={"sum": "count", "size": "records"}).reset_index()
    return _tidy(result)


def compare_with_count_events(baseline: pd.DataFrame, counted: pd.DataFrame) -> None:
    """Raise AssertionError unless a baseline agrees with ``count_events``' result.

    ``counted`` is ``count_events(events, freq="D", by=["admin1"])``: it has
    every cell of the time axis, the baseline only the cells with records.
    Cells the baseline has must match (``count`` to 1e-9 relative, ``records``
    exactly); the others must be zeros in ``counted``.
    """
    ours = _tidy(counted[[*_KEYS, "count", "records"]].copy())
    merged = ours.merge(baseline, on=_KEYS, how="outer", suffixes=("", "_baseline"),
                        indicator=True)
    only_baseline = merged["_merge"] == "right_only"
    if only_baseline.any():
        raise AssertionError(
            f"{int(only_baseline.sum())} cells in the baseline are missing from count_events:\n"
            f"{merged.loc[only_baseline].head()}"
        )
    missing = merged["_merge"] == "left_only"
    merged.loc[missing, ["count_baseline", "records_baseline"]] = 0
    np.testing.assert_array_equal(
        merged["records"].to_numpy(), merged["records_baseline"].to_numpy(dtype=np.int64),
        err_msg="records differ",
    )
    np.testing.assert_allclose(
        merged["count"].to_numpy(), merged["count_baseline"].to_numpy(dtype=np.float64),
        rtol=1e-9, atol=1e-9, err_msg="count differs",
    )
