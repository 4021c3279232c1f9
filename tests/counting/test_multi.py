"""count_events(by=..., multi=...): one rule for records that list several places.

The reference divides (or repeats) each record by hand before counting it
with ``multi='joint'``, which takes the cells as they are.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.counting import MULTI, count_events, count_report

PLACES = ["Homs", "Raqqa", "Hama"]


def records(admin1, count=None, low=None, high=None, start="2024-01-01") -> pd.DataFrame:
    n = len(admin1)
    days = pd.date_range(start, periods=n, freq="D")
    return pd.DataFrame(
        {
            "event_type": ["attack"] * n,
            "date_start": days,
            "date_end": days,
            "count": [1.0] * n if count is None else count,
            "count_low": [np.nan] * n if low is None else low,
            "count_high": [np.nan] * n if high is None else high,
            "admin1": admin1,
        }
    )


def by_place(counts: pd.DataFrame, column: str = "count") -> dict:
    return counts.groupby("admin1", dropna=False)[column].sum().to_dict()


def by_hand(events: pd.DataFrame, multi: str) -> pd.DataFrame:
    """Each record listing k places as k rows, its numbers divided by k (split) or not."""
    rows = []
    for rec in events.to_dict("records"):
        cell = rec["admin1"]
        parts = cell.split(";") if isinstance(cell, str) else []
        parts = list(dict.fromkeys(p.strip() for p in parts if p.strip())) or [None]
        share = 1.0 / len(parts) if multi == "split" else 1.0
        low = rec["count_low"]
        if np.isnan(low) and not np.isnan(rec["count"]):
            low = min(1.0, rec["count"])  # what an unknown lower bound means
        rows += [
            {
                **rec,
                "admin1": p,
                "count": rec["count"] * share,
                "count_low": low * share,
                "count_high": rec["count_high"] * share,
            }
            for p in parts
        ]
    return pd.DataFrame(rows)


def test_split_divides_a_record_of_two_governorates_between_them():
    events = records(["Homs;Raqqa", "Homs"], count=[3.0, 1.0])
    counts = count_events(events, freq="MS", by="admin1", event_types=["attack"])
    assert by_place(counts) == {"Homs": 2.5, "Raqqa": 1.5}
    assert counts["count"].sum() == 4.0  # totals preserved
    assert by_place(counts, "records") == {"Homs": 2, "Raqqa": 1}
    report = count_report(counts)
    assert (report.records_in, report.records_counted, report.records_multi) == (2, 2, 1)
    assert report.multi == "split"
    assert "divided evenly" in report.notes[0]


def test_each_counts_the_whole_record_under_every_governorate_and_says_so():
    events = records(["Homs;Raqqa", "Homs"], count=[3.0, 1.0])
    counts = count_events(events, freq="MS", by="admin1", multi="each", event_types=["attack"])
    assert by_place(counts) == {"Homs": 4.0, "Raqqa": 3.0}
    assert counts["count"].sum() == 7.0  # more than the records' 4
    report = count_report(counts)
    assert report.records_counted == 2
    assert "add up to more than the records' total" in report.notes[0]


def test_joint_keeps_the_list_as_a_group_of_its_own():
    events = records(["Homs;Raqqa", "Homs"], count=[3.0, 1.0])
    counts = count_events(events, freq="MS", by="admin1", multi="joint", event_types=["attack"])
    assert by_place(counts) == {"Homs": 1.0, "Homs;Raqqa": 3.0}
    assert count_report(counts).notes == ()


def test_split_is_the_default():
    events = records(["Homs;Raqqa"])
    assert by_place(count_events(events, by="admin1")) == {"Homs": 0.5, "Raqqa": 0.5}


def test_bounds_split_the_same_way_and_an_unknown_lower_bound_is_not_multiplied():
    # "more than 30" in three governorates; "about 17" (lower bound unknown: at least 1)
    events = records(
        ["Homs;Raqqa;Hama", "Homs;Raqqa"],
        count=[31.0, 17.0],
        low=[31.0, np.nan],
        high=[np.nan, np.nan],
    )
    counts = count_events(events, freq="MS", by="admin1", event_types=["attack"])
    low = by_place(counts, "count_low")
    assert low["Hama"] == pytest.approx(31 / 3)
    assert low["Homs"] == pytest.approx(31 / 3 + 0.5)
    assert sum(low.values()) == pytest.approx(32.0)  # as counted without groups
    assert np.isinf(counts["count_high"]).all()
    whole = count_events(events, freq="MS", event_types=["attack"])
    assert whole["count_low"].sum() == pytest.approx(32.0)


def test_spaces_repeats_and_empty_parts_are_cleaned():
    events = records(["Raqqa; Homs;Raqqa", "Homs;", ";", None], count=[2.0, 1.0, 1.0, 1.0])
    counts = count_events(events, freq="MS", by="admin1", event_types=["attack"])
    got = by_place(counts)
    assert got.pop("Homs") == 2.0
    assert got.pop("Raqqa") == 1.0
    assert list(got.values()) == [2.0]  # ";" lists nothing: missing, with the missing one
    assert pd.isna(next(iter(got)))


def test_categorical_groups_get_the_listed_values_as_categories():
    events = records(["Homs;Raqqa", "Hama"])
    events["admin1"] = pd.Categorical(events["admin1"], categories=["Hama", "Homs;Raqqa", "Aleppo"])
    counts = count_events(events, freq="MS", by="admin1", event_types=["attack"])
    assert list(counts["admin1"].cat.categories) == ["Hama", "Homs", "Raqqa", "Aleppo"]
    assert by_place(counts) == {"Hama": 1.0, "Homs": 0.5, "Raqqa": 0.5}


def test_two_listed_columns_split_over_every_combination():
    events = records(["Homs;Raqqa"], count=[4.0]).assign(actor=["IS;unknown"])
    counts = count_events(events, by=["admin1", "actor"], event_types=["attack"])
    assert counts["count"].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert counts[["admin1", "actor"]].to_numpy().tolist() == [
        ["Homs", "IS"],
        ["Homs", "unknown"],
        ["Raqqa", "IS"],
        ["Raqqa", "unknown"],
    ]
    assert count_report(counts).records_multi == 1


def test_errors_name_the_rows_of_the_input_not_of_the_copies():
    events = records(["Homs;Raqqa;Hama", "Homs", "Raqqa"], count=[1.0, 1.0, -2.0])
    with pytest.raises(ValueError, match=r"negative values \[-2.0\] at rows \[2\]"):
        count_events(events, by="admin1")


def test_what_falls_outside_the_window_is_reported_once_per_record():
    events = records(["Homs;Raqqa", "Homs;Raqqa"], count=[4.0, 4.0])
    events.loc[1, "date_end"] = events.loc[1, "date_start"] + pd.Timedelta(days=3)
    for multi in MULTI:
        counts = count_events(events, by="admin1", multi=multi, start="2024-01-03")
        report = count_report(counts)
        assert (report.records_in, report.records_counted, report.outside_window) == (2, 1, 1)
        assert report.partly_outside == 1
        assert report.count_outside_window == pytest.approx(4.0 + 1.0)


listed = st.lists(
    st.tuples(
        st.integers(0, 60),  # start offset
        st.integers(0, 20),  # window length - 1
        st.integers(0, 30),  # count
        st.sampled_from(["exact", "more_than", "about", "dozens"]),
        st.lists(st.sampled_from([*PLACES, "multiple"]), min_size=0, max_size=3),
    ),
    min_size=1,
    max_size=15,
)


def to_frame(recs) -> pd.DataFrame:
    rows = []
    for off, width, n, qual, places in recs:
        start = pd.Timestamp("2024-02-01") + pd.Timedelta(days=off)
        c, lo, hi = {
            "exact": (n, n, n),
            "more_than": (n + 1, n + 1, np.nan),
            "about": (n, np.nan, np.nan),
            "dozens": (np.nan, 20, np.nan),
        }[qual]
        rows.append(
            {
                "event_type": "attack",
                "date_start": start,
                "date_end": start + pd.Timedelta(days=width),
                "count": float(c),
                "count_low": float(lo),
                "count_high": float(hi),
                "admin1": ";".join(places) if places else None,
            }
        )
    return pd.DataFrame(rows)


@settings(max_examples=40, deadline=None)
@given(listed, st.sampled_from(["split", "each"]), st.sampled_from(["D", "W-FRI", "MS"]))
def test_split_and_each_equal_records_divided_or_repeated_by_hand(recs, multi, freq):
    events = to_frame(recs)
    got = count_events(events, freq=freq, by="admin1", multi=multi, event_types=["attack"])
    expected = count_events(
        by_hand(events, multi), freq=freq, by="admin1", multi="joint", event_types=["attack"]
    )
    for column in ("count", "count_low", "count_high", "records", "records_no_count"):
        np.testing.assert_allclose(got[column], expected[column], rtol=1e-9, atol=1e-9)
    assert got["admin1"].tolist() == expected["admin1"].tolist()
    if multi == "split":  # totals preserved, in every period
        whole = count_events(events, freq=freq, event_types=["attack"])
        per_period = got.groupby("period")["count"].sum()
        np.testing.assert_allclose(per_period, whole["count"], rtol=1e-9, atol=1e-9)
    report, plain = (
        count_report(got),
        count_report(count_events(events, freq=freq, event_types=["attack"])),
    )
    assert report.records_counted == plain.records_counted == len(events)
    assert report.records_no_count == plain.records_no_count
