"""count_events(value=...): deaths (or any numeric column) counted like events.

The reference is an independent pandas computation: every record exploded
into one row per day of its window, its value shared out, summed with
``groupby``; bounds taken from ``killed_low``/``killed_high`` where given, else
the value itself.
"""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import count_events, count_report
from analysis.records.schema import EVENT_TYPES

DAY0 = pd.Timestamp("2024-03-01")

tolls = st.lists(
    st.tuples(
        st.sampled_from(EVENT_TYPES),
        st.integers(0, 90),  # start offset (days)
        st.integers(0, 20),  # window length - 1
        st.integers(0, 50),  # killed
        st.sampled_from(["exact", "range", "at_least", "unknown"]),
        st.sampled_from(["Homs", "Raqqa", "Deir ez-Zor"]),
    ),
    min_size=1,
    max_size=20,
)


def to_frame(recs) -> pd.DataFrame:
    rows = []
    for etype, off, width, n, kind, admin in recs:
        start = DAY0 + pd.Timedelta(days=off)
        killed, low, high = {
            "exact": (n, np.nan, np.nan),
            "range": (n, max(n - 2, 0), n + 3),
            "at_least": (np.nan, n, np.nan),
            "unknown": (np.nan, np.nan, np.nan),
        }[kind]
        rows.append(
            {
                "event_type": etype,
                "date_start": start,
                "date_end": start + pd.Timedelta(days=width),
                "count": 1.0,
                "admin1": admin,
                "killed": float(killed),
                "killed_low": float(low),
                "killed_high": float(high),
            }
        )
    return pd.DataFrame(rows)


def reference(events: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Deaths per period, type and governorate by exploding every record into its days."""
    parts = []
    for rec in events.itertuples(index=False):
        days = pd.date_range(rec.date_start, rec.date_end, freq="D")
        if np.isnan(rec.killed):
            low = 0.0 if np.isnan(rec.killed_low) else rec.killed_low
            point, high = low, np.inf
        else:
            point = rec.killed
            low = point if np.isnan(rec.killed_low) else rec.killed_low
            high = point if np.isnan(rec.killed_high) else rec.killed_high
        parts.append(
            pd.DataFrame(
                {
                    "event_type": rec.event_type,
                    "admin1": rec.admin1,
                    "day": days,
                    "killed": point / len(days),
                    "killed_low": low / len(days),
                    "killed_high": high / len(days),
                    "no_killed": int(np.isnan(rec.killed)),
                }
            )
        )
    exploded = pd.concat(parts, ignore_index=True)
    exploded["period"] = exploded["day"].dt.to_period(freq).dt.start_time
    return exploded.groupby(["event_type", "admin1", "period"]).agg(
        killed=("killed", "sum"),
        killed_low=("killed_low", "sum"),
        killed_high=("killed_high", "sum"),
    )


@settings(max_examples=40, deadline=None)
@given(tolls, st.sampled_from(["D", "W-FRI", "MS"]))
def test_deaths_per_period_equal_an_independent_explode(recs, freq):
    events = to_frame(recs)
    counts = count_events(events, freq=freq, by="admin1", value="killed")
    expected = reference(events, {"D": "D", "W-FRI": "W-FRI", "MS": "M"}[freq])
    got = counts.assign(event_type=counts["event_type"].astype(str)).set_index(
        ["event_type", "admin1", "period"]
    )
    got = got.loc[expected.index]
    for column in ("killed", "killed_low"):
        np.testing.assert_allclose(got[column], expected[column], rtol=1e-9, atol=1e-6)
    finite = np.isfinite(expected["killed_high"])
    np.testing.assert_allclose(
        got.loc[finite.to_numpy(), "killed_high"], expected.loc[finite, "killed_high"], atol=1e-6
    )
    assert np.isinf(got.loc[~finite.to_numpy(), "killed_high"]).all()
    # periods no record touches are zeros
    others = counts.set_index(["event_type", "admin1", "period"]).index.difference(got.index)
    rest = counts.set_index(["event_type", "admin1", "period"]).loc[others]
    assert (rest["killed"] == 0).all()


@settings(max_examples=30, deadline=None)
@given(tolls, st.sampled_from(["spread", "start", "end"]))
def test_total_deaths_are_the_same_per_day_week_and_month(recs, allocate):
    events = to_frame(recs)
    point = events["killed"].fillna(events["killed_low"]).fillna(0.0)
    totals = {}
    for freq in ("D", "W-FRI", "MS", "ME", "QS", "YS"):
        counts = count_events(events, freq=freq, by="admin1", allocate=allocate, value="killed")
        totals[freq] = counts["killed"].sum()
        assert (counts["killed_low"] <= counts["killed"] + 1e-9).all()
        assert (counts["killed"] <= counts["killed_high"] + 1e-9).all()
        report = count_report(counts)
        assert report.records_no_count == int(events["killed"].isna().sum())
    for freq, total in totals.items():
        assert total == pytest.approx(point.sum(), abs=1e-6), freq


def test_deaths_per_week_per_governorate_is_one_call():
    events = pd.DataFrame(
        {
            "event_type": ["attack", "attack", "attack", "airstrike"],
            "admin1": ["Homs", "Homs", "Raqqa", "Raqqa"],
            "date_start": pd.to_datetime(["2024-01-05", "2024-01-06", "2024-01-06", "2024-01-08"]),
            "date_end": pd.to_datetime(["2024-01-05", "2024-01-06", "2024-01-09", "2024-01-08"]),
            "count": [1.0, 1.0, 1.0, 3.0],
            "killed": [4.0, np.nan, 8.0, 2.0],
        }
    )
    weekly = count_events(
        events, freq="W-FRI", by="admin1", value="killed", event_types=["airstrike", "attack"]
    )
    assert list(weekly.columns) == [
        "period",
        "event_type",
        "admin1",
        "days",
        "records",
        "killed",
        "killed_low",
        "killed_high",
        "records_no_killed",
    ]
    attacks = weekly[weekly["event_type"] == "attack"].set_index(["admin1", "period"])
    fri, sat = pd.Timestamp("2023-12-30"), pd.Timestamp("2024-01-06")  # weeks from Saturday
    assert attacks.loc[("Homs", fri), ["killed", "killed_low", "killed_high"]].tolist() == [4, 4, 4]
    # a toll nobody reported: counted as a record, 0 in the sum, no upper bound
    assert attacks.loc[("Homs", sat), ["records", "killed", "records_no_killed"]].tolist() == [
        1,
        0,
        1,
    ]
    assert attacks.loc[("Homs", sat), "killed_high"] == np.inf
    assert attacks.loc[("Raqqa", sat), "killed"] == 8.0
    strikes = weekly[weekly["event_type"] == "airstrike"]
    assert strikes["killed"].sum() == 2.0
    report = count_report(weekly)
    assert (report.value, report.records_no_count) == ("killed", 1)
    assert "records_no_killed: 1" in report.as_text()


def test_bounds_are_taken_where_given_and_the_value_stands_for_them_elsewhere():
    events = pd.DataFrame(
        {
            "event_type": ["attack"] * 3,
            "date_start": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "date_end": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "count": [1.0] * 3,
            "killed": [5.0, 10.0, np.nan],
            "killed_low": [3.0, np.nan, 2.0],
            "killed_high": [np.nan, np.inf, 6.0],
        }
    )
    daily = count_events(events, value="killed", event_types=["attack"])
    assert daily["killed"].tolist() == [5.0, 10.0, 4.0]  # the midpoint of 2..6
    assert daily["killed_low"].tolist() == [3.0, 10.0, 2.0]
    assert daily["killed_high"].tolist() == [5.0, np.inf, 6.0]
    assert daily["records_no_killed"].tolist() == [0, 0, 1]
    # without bound columns the value is both bounds
    bare = count_events(events.drop(columns=["killed_low", "killed_high"]).iloc[:2], value="killed")
    bare = bare[bare["event_type"] == "attack"]
    assert bare["killed_low"].tolist() == bare["killed_high"].tolist() == [5.0, 10.0]


@pytest.mark.parametrize(
    ("column", "bad", "message"),
    [
        ("killed", -1.0, r"column 'killed' has negative values \[-1.0\] at rows \[1\]"),
        ("killed_low", -2.0, r"column 'killed_low' has negative values \[-2.0\] at rows \[1\]"),
        ("killed_high", 2.0**63, r"column 'killed_high' has values \[9.2\d*e\+18\] at rows \[1\]"),
    ],
)
def test_bad_values_are_errors_named_after_the_value(column, bad, message):
    events = pd.DataFrame(
        {
            "event_type": ["attack"] * 2,
            "date_start": pd.to_datetime(["2024-01-01", "2024-01-02"]),
            "date_end": pd.to_datetime(["2024-01-01", "2024-01-02"]),
            "count": [1.0, 1.0],
            "killed": [1.0, 5.0],
            "killed_low": [1.0, np.nan],
            "killed_high": [1.0, np.nan],
        }
    )
    events.loc[1, column] = bad
    with pytest.raises(ValueError, match=message):
        count_events(events, value="killed")


def test_bounds_that_miss_their_own_value_are_widened_and_reported():
    # UCDP's best is now and then outside its own low..high
    events = pd.DataFrame(
        {
            "event_type": ["attack"] * 3,
            "date_start": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "date_end": pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]),
            "count": [1.0] * 3,
            "killed": [4.0, 10.0, np.nan],
            "killed_low": [5.0, 9.0, 2.0],
            "killed_high": [5.0, 9.0, 6.0],
        }
    )
    daily = count_events(events, value="killed", event_types=["attack"])
    assert daily["killed"].tolist() == [4.0, 10.0, 4.0]
    assert daily["killed_low"].tolist() == [4.0, 9.0, 2.0]
    assert daily["killed_high"].tolist() == [5.0, 10.0, 6.0]
    notes = count_report(daily).notes
    assert notes == (
        "2 record(s) give killed outside their own killed_low..killed_high; "
        "their bounds were widened to hold it",
    )
    # bounds that contradict each other, with no value to settle them, are an error
    events.loc[2, ["killed_low", "killed_high"]] = [7.0, 3.0]
    with pytest.raises(ValueError, match=r"killed_low is above killed_high at rows \[2\]"):
        count_events(events, value="killed")


def test_another_numeric_column_counts_the_same_way():
    events = pd.DataFrame(
        {
            "event_type": ["attack", "attack"],
            "date_start": pd.to_datetime(["2024-01-01", "2024-01-01"]),
            "date_end": pd.to_datetime(["2024-01-02", "2024-01-01"]),
            "count": [1.0, 1.0],
            "wounded": [4.0, 1.0],
        }
    )
    daily = count_events(events, value="wounded", event_types=["attack"])
    assert daily["wounded"].tolist() == [3.0, 2.0]
    assert "records_no_wounded" in daily.columns
    assert "count" not in daily.columns


@pytest.mark.parametrize("multi", ["split", "each", "joint"])
@pytest.mark.parametrize("freq", ["D", "W-FRI", "ME"])
def test_the_dask_path_gives_identical_deaths(freq, multi):
    rng = np.random.default_rng(3)
    n = 200
    start = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 120, n), unit="D")
    killed = rng.integers(0, 30, n).astype(float)
    killed[rng.random(n) < 0.2] = np.nan
    events = pd.DataFrame(
        {
            "event_type": rng.choice(["attack", "airstrike"], n),
            "date_start": start,
            "date_end": start + pd.to_timedelta(rng.integers(0, 10, n), unit="D"),
            "count": 1.0,
            "killed": killed,
            "killed_low": np.where(rng.random(n) < 0.3, killed / 2, np.nan),
            "admin1": pd.array(
                rng.choice(["Homs", "Raqqa", "Homs;Raqqa", "Deir ez-Zor;Homs"], n), dtype="string"
            ),
        }
    )
    options = {
        "freq": freq,
        "by": "admin1",
        "value": "killed",
        "multi": multi,
        "coverage": ("2024-01-15", "2024-04-10"),
    }
    with dask.config.set(scheduler="synchronous"):
        got = count_events(dd.from_pandas(events, npartitions=4), **options)
    expected = count_events(events, **options)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert count_report(got) == count_report(expected)
