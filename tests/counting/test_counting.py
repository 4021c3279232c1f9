"""count_events: complete axes, conserved totals, honest bounds, untouched inputs.

The reference for the property tests is a deliberately naive computation: each
record is exploded into one row per day of its window with ``pd.date_range``,
and the rows are summed with ``groupby`` and ``resample``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import ALLOCATIONS, FREQ_ALIASES, count_events, count_report
from analysis.records.loading import load_events
from analysis.records.schema import EVENT_TYPES

DAY0 = pd.Timestamp("2024-01-20")


def frame(rows: list[tuple]) -> pd.DataFrame:
    """Records from (type, start, end, count, low, high[, admin1]) tuples."""
    cols = ["event_type", "date_start", "date_end", "count", "count_low", "count_high"]
    if rows and len(rows[0]) == 7:
        cols.append("admin1")
    df = pd.DataFrame(rows, columns=cols)
    df["date_start"] = pd.to_datetime(df["date_start"])
    df["date_end"] = pd.to_datetime(df["date_end"])
    for c in ("count", "count_low", "count_high"):
        df[c] = df[c].astype(float)
    return df


records = st.lists(
    st.tuples(
        st.sampled_from(EVENT_TYPES),
        st.integers(0, 120),  # start offset (days)
        st.integers(0, 40),  # window length - 1
        st.integers(0, 40),  # count
        st.sampled_from(["exact", "more_than", "about", "dozens", "between"]),
        st.sampled_from(["Homs", "Raqqa", None]),
    ),
    min_size=1,
    max_size=25,
)


def to_frame(recs) -> pd.DataFrame:
    rows = []
    for etype, off, width, n, qual, admin in recs:
        start = DAY0 + pd.Timedelta(days=off)
        end = start + pd.Timedelta(days=width)
        c, lo, hi = {
            "exact": (n, n, n),
            "more_than": (n + 1, n + 1, np.nan),
            "about": (n, np.nan, np.nan),
            "dozens": (np.nan, 20, np.nan),
            "between": (np.nan, n, n + 5),
        }[qual]
        rows.append((etype, start, end, c, lo, hi, admin))
    return frame(rows)


def naive_daily(events: pd.DataFrame, allocate: str) -> pd.DataFrame:
    """Independent route: one row per record-day, then sum per type and day."""
    parts = []
    for rec in events.itertuples(index=False):
        point = rec.count
        if np.isnan(point):
            both = (rec.count_low + rec.count_high) / 2
            point = rec.count_low if np.isnan(rec.count_high) else both
        days = pd.date_range(rec.date_start, rec.date_end, freq="D")
        if allocate == "start":
            days, share = days[:1], 1.0
        elif allocate == "end":
            days, share = days[-1:], 1.0
        else:
            share = 1.0 / len(days)
        parts.append(
            pd.DataFrame({"event_type": rec.event_type, "day": days, "count": point * share})
        )
    exploded = pd.concat(parts)
    return exploded.groupby(["event_type", "day"])["count"].sum()


@given(records, st.sampled_from(["spread", "start", "end"]))
def test_daily_counts_equal_a_naive_explode(recs, allocate):
    events = to_frame(recs)
    daily = count_events(events, freq="D", allocate=allocate)
    expected = naive_daily(events, allocate)
    got = daily.set_index(["event_type", "period"])["count"]
    got = got[got != 0]
    got.index = got.index.set_levels(got.index.levels[0].astype(str), level=0)
    got.index.names = ["event_type", "day"]
    pd.testing.assert_series_equal(
        got.sort_index(),
        expected[expected != 0].sort_index(),
        check_names=False,
        check_index_type=False,
        rtol=1e-9,
    )


@settings(max_examples=30)
@given(records, st.sampled_from(ALLOCATIONS))
def test_daily_weekly_monthly_yearly_totals_equal_the_records_total(recs, allocate):
    events = to_frame(recs)
    point = events["count"].fillna(
        events["count_low"].where(
            events["count_high"].isna(), (events["count_low"] + events["count_high"]) / 2
        )
    )
    total = point.sum()
    if allocate == "spread_integer":
        # each series (type x group) keeps its own total, rounded half up
        keys = [events["event_type"], events["admin1"].fillna("<NA>")]
        total = np.floor(point.groupby(keys).sum() + 0.5).sum()
    for freq in ("D", "W-SUN", "W-FRI", "MS", "QS", "YS"):
        counts = count_events(events, freq=freq, by="admin1", allocate=allocate)
        for col in ("count", "count_low", "count_high"):
            assert counts[col].ge(0).all()
        assert counts["count"].sum() == pytest.approx(total, rel=1e-9, abs=1e-6)
        per_type = counts.groupby("event_type", observed=True)["count"].sum()
        expected = point.groupby(events["event_type"]).sum()
        if allocate != "spread_integer":
            for etype, value in expected.items():
                assert per_type[etype] == pytest.approx(value, abs=1e-6)
        # the bounds bound the count in every period, under every allocation
        assert (counts["count_low"] <= counts["count"] + 1e-9).all()
        assert (counts["count"] <= counts["count_high"] + 1e-9).all()


@given(records)
def test_input_frames_are_untouched(recs):
    events = to_frame(recs)
    before = events.copy(deep=True)
    count_events(events, freq="MS", by="admin1", allocate="spread_integer")
    pd.testing.assert_frame_equal(events, before)


@given(records, st.sampled_from(["D", "W-SUN", "MS"]))
def test_the_time_axis_is_complete_and_stays_inside_coverage(recs, freq):
    events = to_frame(recs)
    counts = count_events(events, freq=freq)
    lo, hi = events["date_start"].min(), events["date_end"].max()
    periods = counts["period"].drop_duplicates().sort_values()
    expected = pd.period_range(lo, hi, freq=FREQ_ALIASES[freq]).start_time
    assert periods.tolist() == list(expected)
    sizes = counts.groupby("event_type", observed=True).size()
    assert (sizes == sizes.iloc[0]).all()
    assert counts.groupby("period")["days"].first().sum() == (hi - lo).days + 1


def test_a_window_crossing_a_month_edge_is_split_by_its_days():
    events = frame([("attack", "2024-01-29", "2024-02-07", 10, 10, 10)])
    monthly = count_events(events, freq="MS", event_types=["attack"])
    assert monthly["count"].tolist() == [3.0, 7.0]
    assert monthly["records"].tolist() == [1, 1]
    assert monthly["days"].tolist() == [3, 7]


def test_thirty_strikes_in_three_days_give_ten_a_day():
    events = frame([("airstrike", "2024-10-03", "2024-10-05", 30, 30, 30)])
    daily = count_events(events, event_types=["airstrike"])
    assert daily["count"].tolist() == [10.0, 10.0, 10.0]
    start = count_events(events, allocate="start", event_types=["airstrike"])
    assert start["count"].tolist() == [30.0, 0.0, 0.0]
    end = count_events(events, allocate="end", event_types=["airstrike"])
    assert end["count"].tolist() == [0.0, 0.0, 30.0]
    assert end["records"].tolist() == [0, 0, 1]


def test_spread_integer_uses_largest_remainder_and_conserves_the_total():
    events = frame([("airstrike", "2024-10-01", "2024-10-03", 31, 31, 31)])
    daily = count_events(events, allocate="spread_integer", event_types=["airstrike"])
    assert daily["count"].tolist() == [11.0, 10.0, 10.0]
    many = frame(
        [
            ("attack", "2024-01-01", "2024-01-07", 5, 5, 5),
            ("attack", "2024-01-03", "2024-01-09", 4, 4, 4),
        ]
    )
    daily = count_events(many, allocate="spread_integer", event_types=["attack"])
    assert (daily["count"] == daily["count"].round()).all()
    assert daily["count"].sum() == 9


def test_spread_integer_keeps_the_bounds_around_the_count_in_every_period():
    # Jan 2-3 count 1; Jan 3-6 count 3, at least 2; Jan 4-5 count 2.  Rounded
    # one by one, Jan 2 got count 0 but count_low 1.
    events = frame(
        [
            ("attack", "2024-01-02", "2024-01-03", 1, np.nan, np.nan),
            ("attack", "2024-01-03", "2024-01-06", 3, 2, np.nan),
            ("attack", "2024-01-04", "2024-01-05", 2, np.nan, 2),
        ]
    )
    daily = count_events(events, allocate="spread_integer", event_types=["attack"])
    assert daily["count"].tolist() == [0.0, 1.0, 2.0, 2.0, 1.0]
    assert daily["count"].sum() == 6
    assert (daily["count_low"] <= daily["count"]).all()
    assert (daily["count"] <= daily["count_high"]).all()
    assert daily["count_low"].tolist() == [0.0, 1.0, 1.0, 1.0, 1.0]
    assert (daily["count_low"] == daily["count_low"].round()).all()


def test_spread_integer_rounds_the_finite_periods_of_an_open_series():
    events = frame(
        [
            ("airstrike", "2024-10-01", "2024-10-03", 31, 31, np.nan),  # more than 30
            ("airstrike", "2024-10-05", "2024-10-06", 3, 3, 3),
        ]
    )
    daily = count_events(events, allocate="spread_integer", event_types=["airstrike"])
    high = daily["count_high"].tolist()
    assert high[:3] == [np.inf] * 3
    # The count rounds to 10, 10, 10, 0, 2, 2 (the series' remainders of 1/3 and 1/2
    # go to the last days), so the upper bound of 1.5 a day rounds up to 2, 2 there,
    # not 2, 1: an upper bound gives way upwards, never below the count.
    assert daily["count"].tolist() == [10.0, 10.0, 10.0, 0.0, 2.0, 2.0]
    assert high[3:] == [0.0, 2.0, 2.0]
    free = count_events(events.iloc[[1]], allocate="spread_integer", event_types=["airstrike"])
    assert free["count_high"].tolist() == [2.0, 1.0]  # alone, 1.5 a day keeps its total


def test_a_huge_count_does_not_change_the_counts_of_other_days():
    # In floating point, 1e18 on Jan 1 made the 3 of Jan 2 a 0 and the 5 of Jan 3 a 2,
    # and 1e16 made the 3 a 4.
    for huge in (1e18, 1e16, 2.0**61):
        events = frame(
            [
                ("attack", "2024-01-01", "2024-01-01", huge, huge, huge),
                ("attack", "2024-01-02", "2024-01-02", 3, 3, 3),
                ("attack", "2024-01-03", "2024-01-03", 5, 5, 5),
            ]
        )
        for allocate in ALLOCATIONS:
            daily = count_events(events, allocate=allocate, event_types=["attack"])
            assert daily["count"].tolist() == [huge, 3.0, 5.0], (huge, allocate)
            assert daily["count_low"].tolist() == [huge, 3.0, 5.0]
            assert daily["count_high"].tolist() == [huge, 3.0, 5.0]
        weekly = count_events(events, freq="W-SUN", event_types=["attack"])
        assert weekly["count"].tolist() == [huge + 8.0]


def test_a_huge_spread_count_leaves_a_small_neighbour_exact():
    events = frame(
        [
            ("attack", "2024-01-01", "2024-01-07", 7e17, 7e17, 7e17),
            ("attack", "2024-01-08", "2024-01-10", 1, 1, 1),
            ("sweep", "2024-01-02", "2024-01-02", 1e15, np.nan, np.nan),
        ]
    )
    daily = count_events(events, event_types=["attack", "sweep"])
    attack = daily.loc[daily["event_type"] == "attack", "count"].tolist()
    assert attack == [1e17] * 7 + [0.333333333] * 3


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ((np.inf, np.inf, np.inf), r"column 'count' has values \[inf\] at rows \[1\]; counts and"),
        ((np.nan, np.inf, np.nan), r"column 'count_low' has values \[inf\] at rows \[1\]"),
        ((2.0**63, 1, np.nan), r"column 'count' has values \[9.2\d*e\+18\] at rows \[1\]"),
        ((1, 1, 2.0**62), r"column 'count_high' has values \[4.6\d*e\+18\] at rows \[1\]"),
    ],
)
def test_infinite_or_impossible_counts_are_clear_errors(bad, message):
    events = frame(
        [
            ("attack", "2024-01-01", "2024-01-01", 1, 1, 1),
            ("attack", "2024-01-02", "2024-01-03", *bad),
            ("attack", "2024-01-04", "2024-01-05", 2, 2, 2),
        ]
    )
    with pytest.raises(ValueError, match=message):
        count_events(events)
    with pytest.raises(ValueError, match=message):  # not even one day of it is counted
        count_events(events, start="2024-01-04")


def test_open_and_unknown_counts_never_become_zero_or_nan():
    events = frame(
        [
            ("airstrike", "2024-10-03", "2024-10-06", 31, 31, np.nan),  # more than 30
            ("attack", "2024-01-01", "2024-01-31", np.nan, 20, np.nan),  # dozens
            ("sweep", "2024-01-01", "2024-01-01", 17, np.nan, np.nan),  # about 17
            ("attack", "2024-01-05", "2024-01-05", np.nan, 20, 25),  # between 20 and 25
        ]
    )
    monthly = count_events(events, freq="MS").set_index(["event_type", "period"])
    jan, octo = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-10-01")
    assert monthly.loc[("airstrike", octo), ["count", "count_low"]].tolist() == [31, 31]
    assert monthly.loc[("airstrike", octo), "count_high"] == np.inf
    assert monthly.loc[("attack", jan), "count"] == 20 + 22.5
    assert monthly.loc[("attack", jan), "count_low"] == 40
    assert monthly.loc[("attack", jan), "count_high"] == np.inf
    assert monthly.loc[("attack", jan), "records_no_count"] == 2
    assert monthly.loc[("sweep", jan), ["count", "count_low", "count_high"]].tolist() == [
        17,
        1,
        np.inf,
    ]
    assert not monthly[["count", "count_low", "count_high"]].isna().any().any()
    assert count_report(monthly.reset_index()).records_no_count == 2


def test_aggregates_are_left_out_unless_asked_for():
    events = frame(
        [
            ("sweep", "2024-01-01", "2024-10-06", 17, np.nan, np.nan),
            ("sweep", "2024-10-02", "2024-10-02", 1, 1, 1),
        ]
    ).assign(is_aggregate=[True, False])
    counts = count_events(events, freq="MS", event_types=["sweep"])
    assert counts["count"].sum() == 1
    assert counts["period"].min() == pd.Timestamp("2024-10-01")
    report = count_report(counts)
    assert (report.records_in, report.records_counted, report.aggregates_excluded) == (2, 1, 1)
    with_agg = count_events(events, freq="MS", event_types=["sweep"], include_aggregates=True)
    assert with_agg["count"].sum() == pytest.approx(18)


def test_coverage_window_zero_fills_and_reports_what_falls_outside():
    events = frame(
        [
            ("attack", "2024-03-10", "2024-03-10", 1, 1, 1),
            ("attack", "2024-03-30", "2024-04-02", 4, 4, 4),
            ("attack", "2024-06-01", "2024-06-01", 1, 1, 1),
        ]
    )
    counts = count_events(
        events, freq="MS", start="2024-02-01", end="2024-03-31", event_types=["attack"]
    )
    assert counts["period"].dt.strftime("%Y-%m").tolist() == ["2024-02", "2024-03"]
    assert counts["count"].tolist() == [0.0, 3.0]
    report = count_report(counts)
    assert report.outside_window == 1
    assert report.partly_outside == 1
    assert report.count_outside_window == pytest.approx(2 + 1)
    assert report.records_counted + report.outside_window == report.records_in


def test_partial_periods_say_how_many_days_they_cover():
    events = frame([("attack", "2024-01-15", "2024-03-10", 1, 1, 1)])
    monthly = count_events(events, freq="MS", event_types=["attack"])
    assert monthly["days"].tolist() == [17, 29, 10]


def test_weeks_are_labelled_by_their_first_day_for_any_anchor():
    events = frame([("attack", "2024-10-02", "2024-10-02", 1, 1, 1)])  # a Wednesday
    for freq, first in [
        ("W-SUN", "2024-09-30"),
        ("W-FRI", "2024-09-28"),
        ("W-TUE", "2024-10-02"),
        ("W", "2024-09-30"),
    ]:
        counts = count_events(events, freq=freq, event_types=["attack"])
        assert counts["period"].tolist() == [pd.Timestamp(first)], freq


def test_by_groups_keep_missing_values_as_their_own_group():
    events = frame(
        [
            ("attack", "2024-01-01", "2024-01-01", 1, 1, 1, "Homs"),
            ("attack", "2024-01-02", "2024-01-02", 2, 2, 2, None),
        ]
    )
    counts = count_events(events, freq="MS", by="admin1", event_types=["attack"])
    assert counts["count"].sum() == 3
    assert len(counts) == 2
    assert counts["admin1"].isna().sum() == 1


def test_by_two_columns_and_categorical_groups():
    events = frame(
        [
            ("attack", "2024-01-01", "2024-01-01", 1, 1, 1, "Homs"),
            ("attack", "2024-01-02", "2024-01-02", 2, 2, 2, "Raqqa"),
        ]
    ).assign(actor=["Islamic State", "Islamic State"])
    events["admin1"] = events["admin1"].astype("category")
    counts = count_events(events, freq="MS", by=["admin1", "actor"], event_types=["attack"])
    assert counts[["admin1", "actor", "count"]].values.tolist() == [
        ["Homs", "Islamic State", 1.0],
        ["Raqqa", "Islamic State", 2.0],
    ]
    assert isinstance(counts["admin1"].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"freq": "2W"}, "freq '2W' is not supported"),
        ({"allocate": "middle"}, "allocate 'middle'"),
        ({"multi": "both"}, r"multi 'both' is not one of \['split', 'each', 'joint'\]"),
        ({"by": "event_type"}, r"by \['event_type'\] names a column .*\(\['event_type'\]\)"),
        ({"by": ["admin1", "admin1"]}, r"names a column twice"),
        ({"by": "region"}, r"lack the column\(s\) \['region'\]$"),
        ({"value": "killed"}, r"lack the column\(s\) \['killed'\]$"),
        ({"event_types": ["attack"]}, r"values \['airstrike'\] at rows \[1\]"),
    ],
)
def test_bad_arguments_are_clear_errors(kwargs, message):
    events = frame(
        [
            ("attack", "2024-01-01", "2024-01-01", 1, 1, 1),
            ("airstrike", "2024-01-01", "2024-01-01", 1, 1, 1),
        ]
    )
    with pytest.raises(ValueError, match=message):
        count_events(events, **kwargs)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ((-4, -4, -4), r"column 'count' has negative values \[-4.0\] at rows \[1\]; counts must"),
        ((np.nan, -3, np.nan), r"column 'count_low' has negative values \[-3.0\] at rows \[1\]"),
        (
            (np.nan, 5, 2),
            r"count_low is above count_high at rows \[1\] \(count_low, count_high: "
            r"\[\(5.0, 2.0\)\]\); count_low <= count <= count_high must hold",
        ),
        ((6, 1, 5), r"count is above count_high at rows \[1\] \(count, count_high: \[\(6.0, 5.0\)"),
        (
            (1, 3, np.nan),
            r"count_low is above count at rows \[1\] \(count_low, count: \[\(3.0, 1.0\)",
        ),
    ],
)
def test_negative_counts_and_bounds_out_of_order_are_clear_errors(bad, message):
    events = frame(
        [
            ("attack", "2024-01-01", "2024-01-01", 1, 1, 1),
            ("attack", "2024-01-02", "2024-01-03", *bad),
        ]
    )
    with pytest.raises(ValueError, match=message):
        count_events(events)


def test_loaded_records_count_end_to_end():
    from analysis.records.loading import load_events

    events = load_events(
        pd.DataFrame(
            {
                "event_id": ["s", "w"],
                "event_type": ["airstrike", "sweep"],
                "date_start": ["2024-10-03", "2024-10-02"],
                "date_end": ["2024-10-06", "2024-10-02"],
                "count": ["31", "1"],
                "count_low": ["31", "1"],
                "count_high": ["", "1"],
            }
        )
    )
    daily = count_events(events, freq="D")
    assert len(daily) == 5 * len(EVENT_TYPES)
    strikes = daily[daily["event_type"] == "airstrike"]
    assert strikes["count"].tolist() == [0, 7.75, 7.75, 7.75, 7.75]


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_any_time_unit_counts_alike_and_missing_dates_are_named(unit):
    events = pd.DataFrame(
        {
            "event_type": ["attack", "sweep", "attack"],
            "date_start": pd.to_datetime(["2024-01-01", "2024-01-03", "1969-12-30"]),
            "date_end": pd.to_datetime(
                ["2024-01-02 18:00", "2024-01-05 00:00", "1970-01-02 00:00"]
            ),
            "count": [2.0, 3.0, 4.0],
        }
    )
    in_unit = events.astype(
        {"date_start": f"datetime64[{unit}]", "date_end": f"datetime64[{unit}]"}
    )
    monthly = count_events(in_unit, freq="MS", event_types=["attack", "sweep"])
    expected = count_events(
        events.astype({"date_start": "datetime64[ns]", "date_end": "datetime64[ns]"}),
        freq="MS",
        event_types=["attack", "sweep"],
    )
    pd.testing.assert_frame_equal(monthly, expected)
    # a record before 1970 is split over its days like any other
    assert monthly.loc[monthly["period"] == "1969-12-01", "count"].sum() == pytest.approx(2.0)
    for column, row in (("date_end", 1), ("date_start", 0)):
        broken = in_unit.copy()
        broken.loc[row, column] = pd.NaT
        with pytest.raises(ValueError, match=rf"'{column}' has missing dates at rows \[{row}\]"):
            count_events(broken)


@pytest.mark.parametrize("allocate", ["spread", "spread_integer", "start", "end"])
def test_an_inf_upper_bound_is_open_like_an_empty_one_and_stays_in_its_window(allocate):
    """'more than 30' may come as count_high empty or inf: both are open, and neither
    leaks into the periods after the record's window (inf - inf would be NaN there)."""
    import warnings

    def frame(high: str) -> pd.DataFrame:
        return load_events(
            pd.DataFrame(
                {
                    "event_id": ["a", "b"],
                    "event_type": ["airstrike", "airstrike"],
                    "date_start": ["2024-10-01", "2024-10-05"],
                    "date_end": ["2024-10-03", "2024-10-05"],
                    "count": ["31", "1"],
                    "count_low": ["31", "1"],
                    "count_high": [high, "1"],
                }
            )
        )

    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        as_inf = count_events(frame("inf"), freq="D", allocate=allocate)
        as_empty = count_events(frame(""), freq="D", allocate=allocate)
    pd.testing.assert_frame_equal(as_inf, as_empty)
    strikes = as_inf[as_inf["event_type"] == "airstrike"].set_index("period")
    assert np.isinf(strikes["count_high"].loc[:"2024-10-03"]).any()
    assert strikes.loc["2024-10-04":, "count_high"].tolist() == [0.0, 1.0]


def test_empty_periods_are_plain_zeros_not_negative_zeros():
    """The difference array leaves float residue like -1e-17 in empty periods; rounded,
    it must print as 0, not -0."""
    from analysis.sources.datasets import load_badia_2024

    monthly = count_events(load_badia_2024(), freq="MS", start="2024-01-01", end="2024-12-31")
    for column in ("count", "count_low", "count_high"):
        assert not np.signbit(monthly[column]).any(), column


def test_the_count_report_survives_a_parquet_round_trip(tmp_path):
    events = pd.DataFrame(
        {
            "event_type": ["attack", "attack", "sweep"],
            "date_start": pd.to_datetime(["2024-01-30", "2024-03-01", "2024-01-01"]),
            "date_end": pd.to_datetime(["2024-02-02", "2024-03-01", "2024-10-06"]),
            "count": [2.0, 1.0, 17.0],
            "count_low": [2.0, 1.0, 17.0],
            "count_high": [2.0, np.inf, 17.0],
            "is_aggregate": [False, False, True],
        }
    )
    counts = count_events(events, freq="MS", start="2024-01-01", end="2024-02-29")
    report = count_report(counts)
    assert (report.records_in, report.aggregates_excluded, report.outside_window) == (3, 1, 1)
    assert report.partly_outside == 0
    path = tmp_path / "counts.parquet"
    counts.to_parquet(path)
    back = pd.read_parquet(path)
    assert count_report(back) == report
    pd.testing.assert_frame_equal(back, counts)


def test_a_frame_without_a_readable_report_says_so():
    broken = pd.DataFrame({"x": [1]})
    broken.attrs = {"count_report": {"records_in": "many"}}
    with pytest.raises(KeyError, match="cannot be read"):
        count_report(broken)
    with pytest.raises(KeyError, match="not made by count_events"):
        count_report(pd.DataFrame({"x": [1]}))
