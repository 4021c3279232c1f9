"""count_events on a Dask DataFrame equals count_events on the same records in pandas.

The sums are exact, so however the records are split (partitions, chunks of
rows) the counts are the same to the last bit.
"""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

from analysis.counting import ALLOCATIONS, count_events, count_report, engine
from analysis.counting.engine import count_local, merge_counts
from analysis.counting.finishing import finish_counts
from analysis.counting.options import count_options
from analysis.records.schema import EVENT_TYPES

FREQS = ["D", "W-SUN", "W-FRI", "MS", "QS", "YS"]


def make_records(n: int = 300, seed: int = 7) -> pd.DataFrame:
    """Small random records with every kind of count, missing groups and aggregates."""
    rng = np.random.default_rng(seed)
    start = pd.Timestamp("2023-11-20") + pd.to_timedelta(rng.integers(0, 200, n), unit="D")
    end = start + pd.to_timedelta(rng.integers(0, 40, n), unit="D")
    point = rng.integers(1, 30, n).astype(float)
    kind = rng.integers(0, 5, n)  # exact, more than, about, dozens, between
    count = np.where(kind >= 3, np.nan, point)
    low = np.select([kind == 2, kind == 3], [np.nan, 20.0], point)
    high = np.select([kind == 0, kind == 4], [point, point + 5], np.nan)
    return pd.DataFrame(
        {
            "event_id": [f"r{i}" for i in range(n)],
            "event_type": pd.Categorical(rng.choice(EVENT_TYPES, n), categories=EVENT_TYPES),
            "is_aggregate": rng.random(n) < 0.05,
            "date_start": start,
            "date_end": end,
            "count": count,
            "count_low": low,
            "count_high": high,
            "admin1": pd.array(
                rng.choice(["Homs", "Raqqa", "Deir ez-Zor", None], n), dtype="string"
            ),
        }
    )


@pytest.fixture(scope="module")
def records() -> pd.DataFrame:
    return make_records()


def assert_same_counts(events: pd.DataFrame, partitions: int, **options) -> None:
    distributed = dd.from_pandas(events, npartitions=partitions)
    with dask.config.set(scheduler="synchronous"):
        got = count_events(distributed, **options)
    expected = count_events(distributed.compute(), **options)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert count_report(got) == count_report(expected)


@pytest.mark.parametrize("allocate", ALLOCATIONS)
@pytest.mark.parametrize("freq", FREQS)
def test_every_freq_and_allocation_equals_pandas(records, freq, allocate):
    assert_same_counts(records, 3, freq=freq, by="admin1", allocate=allocate)


@pytest.mark.parametrize("allocate", ALLOCATIONS)
def test_without_groups_and_with_aggregates_equals_pandas(records, allocate):
    assert_same_counts(records, 4, freq="W-SUN", allocate=allocate, include_aggregates=True)


def test_a_coverage_window_cutting_records_equals_pandas(records):
    for allocate in ALLOCATIONS:
        assert_same_counts(
            records,
            5,
            freq="MS",
            by="admin1",
            allocate=allocate,
            start="2024-01-10",
            end="2024-04-20",
        )


def test_two_by_columns_and_categorical_groups_equal_pandas(records):
    events = records.assign(
        admin1=records["admin1"].astype("category"),
        actor=np.where(np.arange(len(records)) % 3 == 0, "Islamic State", "Russian air force"),
    )
    assert_same_counts(events, 3, freq="MS", by=["admin1", "actor"])


def test_partitions_with_a_group_or_type_of_their_own_equal_pandas(records):
    events = records.sort_values("admin1", na_position="first", ignore_index=True)
    assert_same_counts(events, 6, freq="D", by="admin1")


def test_partitions_covering_different_days_equal_pandas(records):
    # Sorted by date, each partition counts on its own stretch of days; the
    # merged counts must line the stretches up on the whole window.
    events = records.sort_values(["date_start", "date_end"], ignore_index=True)
    for allocate in ALLOCATIONS:
        assert_same_counts(events, 7, freq="D", by="admin1", allocate=allocate)
        assert_same_counts(events, 5, freq="W-FRI", allocate=allocate)


def test_a_partition_of_aggregates_only_or_empty_equals_pandas(records):
    counted = records.assign(is_aggregate=False)
    aggregates = records.head(20).assign(is_aggregate=True, admin1="Palmyra only")
    parts = [
        dd.from_pandas(counted.head(150), npartitions=1),
        dd.from_pandas(aggregates, npartitions=1),
        dd.from_pandas(counted.iloc[150:150], npartitions=1),
        dd.from_pandas(counted.iloc[150:], npartitions=1),
    ]
    distributed = dd.concat(parts)
    assert distributed.npartitions == 4
    with dask.config.set(scheduler="synchronous"):
        got = count_events(distributed, freq="MS", by="admin1")
    expected = count_events(distributed.compute(), freq="MS", by="admin1")
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert count_report(got).aggregates_excluded == 20
    assert "Palmyra only" not in set(got["admin1"])


def test_nothing_to_count_raises_as_pandas_does(records):
    aggregates = records.assign(is_aggregate=True)
    with pytest.raises(ValueError, match="no records to count"):
        count_events(aggregates)
    with (
        dask.config.set(scheduler="synchronous"),
        pytest.raises(ValueError, match="no records to count"),
    ):
        count_events(dd.from_pandas(aggregates, npartitions=3))


def test_merging_local_counts_in_either_order_equals_one_count(records):
    options = count_options(freq="D", by="admin1")
    early = records[records["date_start"] < "2024-02-01"]
    late = records[records["date_start"] >= "2024-02-01"].assign(admin1="Hama")
    a, b = count_local(early, options), count_local(late, options)
    assert a.plan.last_day != b.plan.last_day
    assert a.plan.labels != b.plan.labels
    expected = count_events(pd.concat([early, late]), freq="D", by="admin1")
    for first, second in ((a, b), (b, a)):
        merged = merge_counts(first, second, options)
        got = finish_counts(merged.partial, merged.plan, {"admin1": records["admin1"].dtype})
        pd.testing.assert_frame_equal(got, expected, check_exact=True)


def test_threads_scheduler_and_partitioned_parquet(records, tmp_path):
    for i, part in enumerate(np.array_split(np.arange(len(records)), 3)):
        records.iloc[part].to_parquet(tmp_path / f"part-{i}.parquet", index=False)
    loaded = dd.read_parquet(tmp_path)
    assert loaded.npartitions >= 2
    with dask.config.set(scheduler="threads", num_workers=2):
        got = count_events(loaded, freq="D", by="admin1")
    expected = count_events(loaded.compute(), freq="D", by="admin1")
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got["count"].sum() == pytest.approx(expected["count"].sum(), rel=1e-12)


def test_errors_name_the_partition_and_its_rows(records):
    events = records.assign(is_aggregate=False)
    events["event_type"] = events["event_type"].astype(str)
    events.loc[len(events) - 2, "event_type"] = "raid"
    with (
        dask.config.set(scheduler="synchronous"),
        pytest.raises(ValueError, match=r"values \['raid'\] at partition 2, rows \[\d+\]"),
    ):
        count_events(dd.from_pandas(events, npartitions=3))


def test_the_input_is_not_computed_into_memory_or_changed(records):
    distributed = dd.from_pandas(records, npartitions=3)
    before = distributed.compute()
    with dask.config.set(scheduler="synchronous"):
        count_events(distributed, freq="MS", by="admin1")
    pd.testing.assert_frame_equal(distributed.compute(), before)


@pytest.mark.slow
def test_the_same_call_runs_on_a_distributed_cluster(records):
    from dask.distributed import Client, LocalCluster

    distributed = dd.from_pandas(records, npartitions=4)
    expected = count_events(
        distributed.compute(), freq="MS", by="admin1", allocate="spread_integer"
    )
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster),
    ):
        got = count_events(distributed, freq="MS", by="admin1", allocate="spread_integer")
    pd.testing.assert_frame_equal(got, expected, check_exact=True)


@pytest.mark.parametrize("chunk_rows", [1, 16, 97])
def test_counting_in_small_chunks_equals_counting_whole(records, monkeypatch, chunk_rows):
    # Large frames are counted in chunks of rows (on threads for pandas, one
    # after another within a Dask partition); chunks of a few rows must give
    # the same result as one chunk.
    expected = {freq: count_events(records, freq=freq, by="admin1") for freq in ("D", "MS")}
    monkeypatch.setattr(engine, "_CHUNK_ROWS", chunk_rows)
    for freq, whole in expected.items():
        chunked = count_events(records, freq=freq, by="admin1")
        pd.testing.assert_frame_equal(chunked, whole, check_exact=True)
        assert count_report(chunked) == count_report(whole)
    assert_same_counts(records, 2, freq="W-FRI", by="admin1", allocate="spread_integer")


def test_errors_in_a_later_chunk_name_the_row_in_the_whole_frame(records, monkeypatch):
    monkeypatch.setattr(engine, "_CHUNK_ROWS", 16)
    events = records.assign(is_aggregate=False)
    events.loc[203, "date_end"] = events.loc[203, "date_start"] - pd.Timedelta(days=1)
    with pytest.raises(ValueError, match=r"date_end is before date_start at rows \[203\]"):
        count_events(events)
    with (
        dask.config.set(scheduler="synchronous"),
        pytest.raises(ValueError, match=r"partition 0, rows \[203\]"),
    ):
        count_events(dd.from_pandas(events, npartitions=1))


def test_a_negative_count_in_a_later_chunk_names_its_row_and_partition(records, monkeypatch):
    monkeypatch.setattr(engine, "_CHUNK_ROWS", 16)
    events = records.assign(is_aggregate=False)
    events.loc[203, ["count", "count_low", "count_high"]] = -4.0
    with pytest.raises(ValueError, match=r"'count' has negative values \[-4.0\] at rows \[203\]"):
        count_events(events)
    with (
        dask.config.set(scheduler="synchronous"),
        pytest.raises(ValueError, match=r"'count' has negative .* partition 0, rows \[203\]"),
    ):
        count_events(dd.from_pandas(events, npartitions=1))
