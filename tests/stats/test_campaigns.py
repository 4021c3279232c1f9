"""campaigns: sweep records as numbered intervals, reported totals beside them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from analysis.stats.campaigns import (
    DEFAULT_DURATION_DAYS,
    LAUNCH_ANCHORS,
    Campaigns,
    anchor_launches,
    find_campaigns,
)


def _events(rows):
    frame = pd.DataFrame(
        rows,
        columns=[
            "event_id",
            "event_type",
            "date_start",
            "date_end",
            "count",
            "count_low",
            "is_aggregate",
            "source",
        ],
    )
    for col in ("date_start", "date_end"):
        frame[col] = pd.to_datetime(frame[col])
    frame["count"] = frame["count"].astype(float)
    frame["count_low"] = frame["count_low"].astype(float)
    frame["is_aggregate"] = frame["is_aggregate"].astype(bool)
    return frame


EVENTS = _events(
    [
        ("s3", "sweep", "2024-06-06", "2024-06-06", 1, 1, False, "outlet A"),
        ("s1", "sweep", "2024-03-03", "2024-03-03", 1, 1, False, "outlet B"),
        ("s2", "sweep", "2024-03-07", "2024-03-10", np.nan, 2, False, "outlet C"),
        ("a1", "attack", "2024-03-05", "2024-03-05", 1, 1, False, "outlet A"),
        ("agg", "sweep", "2024-01-01", "2024-06-01", 17, np.nan, True, "seed report"),
        ("agg_attacks", "attack", "2024-01-01", "2024-06-01", 150, 150, True, "outlet D"),
    ]
)


def test_sweeps_become_numbered_intervals_in_launch_order():
    camps = find_campaigns(EVENTS, ends={"s3": "2024-06-20"})
    iv = camps.intervals
    assert iv["campaign"].tolist() == [1, 2, 3]
    assert iv["event_id"].tolist() == ["s1", "s2", "s3"]
    # s2's launch window is 7..10 March: anchored on its middle day (the earlier of two)
    assert iv["start"].tolist() == list(pd.to_datetime(["2024-03-03", "2024-03-08", "2024-06-06"]))
    assert iv["end"].tolist() == list(pd.to_datetime(["2024-03-09", "2024-03-14", "2024-06-20"]))
    assert iv["end_known"].tolist() == [False, False, True]
    assert iv["duration_days"].tolist() == [7, 7, 15]
    assert iv["launch_window_days"].tolist() == [1, 4, 1]
    assert iv["n_campaigns"].tolist() == [1, 2, 1]  # "several sweeps": count_low 2
    assert iv["overlaps_previous"].tolist() == [False, True, False]
    assert iv["source"].tolist() == ["outlet B", "outlet C", "outlet A"]
    assert len(camps) == 3
    assert DEFAULT_DURATION_DAYS == 7


WINDOWED = _events(
    [
        ("w13", "sweep", "2024-06-01", "2024-06-13", 1, 1, False, "outlet A"),
        ("w8", "sweep", "2024-01-05", "2024-01-12", 1, 1, False, "outlet B"),
        ("w1", "sweep", "2024-03-03", "2024-03-03", 1, 1, False, "outlet C"),
    ]
)


@pytest.mark.parametrize(
    ("anchor", "starts"),
    [
        ("middle", ["2024-01-08", "2024-03-03", "2024-06-07"]),
        ("earliest", ["2024-01-05", "2024-03-03", "2024-06-01"]),
        ("latest", ["2024-01-12", "2024-03-03", "2024-06-13"]),
    ],
)
def test_a_launch_window_is_kept_and_the_interval_sits_on_its_anchor(anchor, starts):
    camps = find_campaigns(WINDOWED, anchor=anchor)
    iv = camps.intervals
    assert iv["event_id"].tolist() == ["w8", "w1", "w13"]
    assert iv["launch_earliest"].tolist() == list(
        pd.to_datetime(["2024-01-05", "2024-03-03", "2024-06-01"])
    )
    assert iv["launch_latest"].tolist() == list(
        pd.to_datetime(["2024-01-12", "2024-03-03", "2024-06-13"])
    )
    assert iv["launch_window_days"].tolist() == [8, 1, 13]
    assert iv["start"].tolist() == list(pd.to_datetime(starts))
    assert ((iv["launch_earliest"] <= iv["start"]) & (iv["start"] <= iv["launch_latest"])).all()
    assert (iv["end"] - iv["start"]).dt.days.eq(DEFAULT_DURATION_DAYS - 1).all()
    assert camps.launch_anchor == anchor
    assert f"placed on its {anchor} day" in str(camps)
    assert "launch 2024-06-01..2024-06-13 (13 days)" in str(camps)
    assert list(iv.columns[2:6]) == ["launch_earliest", "start", "launch_latest", "end"]


def test_anchor_launches_takes_the_earlier_middle_day_of_an_even_window():
    lo = pd.Series(pd.to_datetime(["2024-04-19", "2024-01-05", "2024-03-03"]))
    hi = pd.Series(pd.to_datetime(["2024-04-20", "2024-01-12", "2024-03-05"]))
    got = anchor_launches(lo, hi)
    assert got.tolist() == list(pd.to_datetime(["2024-04-19", "2024-01-08", "2024-03-04"]))
    assert set(LAUNCH_ANCHORS) == {"earliest", "middle", "latest"}
    with pytest.raises(ValueError, match="anchor must be one of"):
        anchor_launches(lo, hi, "centre")  # type: ignore[arg-type]


def test_a_known_end_bounds_the_launch_window():
    camps = find_campaigns(WINDOWED, ends={"w13": "2024-06-05"})
    row = camps.intervals.set_index("event_id").loc["w13"]
    # the launch cannot be after the end: 1..5 June, anchored on the 3rd
    assert row["launch_latest"] == pd.Timestamp("2024-06-05")
    assert row["launch_window_days"] == 5
    assert row["start"] == pd.Timestamp("2024-06-03")
    assert row["end"] == pd.Timestamp("2024-06-05")
    assert row["duration_days"] == 3
    with pytest.raises(ValueError, match=r"ends\['w13'\] = 2024-05-31 is before the launch"):
        find_campaigns(WINDOWED, ends={"w13": "2024-05-31"})


def test_a_window_that_ends_before_it_starts_is_named():
    bad = WINDOWED.copy()
    bad.loc[0, "date_end"] = pd.Timestamp("2024-05-30")
    with pytest.raises(ValueError, match="'w13', column date_end, value 2024-05-30") as err:
        find_campaigns(bad)
    assert "rule: a launch window ends on or after its first day" in str(err.value)
    with pytest.raises(ValueError, match="anchor must be one of"):
        find_campaigns(WINDOWED, anchor="first")  # type: ignore[arg-type]


def test_reported_total_sits_beside_documented_campaigns():
    camps = find_campaigns(EVENTS)
    assert camps.documented == 4
    # only s1 and s2 (3 campaigns) were launched inside the aggregate's window
    assert camps.reported_total == 17.0
    assert camps.undocumented == 14.0
    assert camps.reported["event_id"].tolist() == ["agg"]
    assert camps.reported["documented_in_window"].tolist() == [3]
    text = str(camps)
    assert "17 reported" in text
    assert "end assumed (7 d)" in text


def test_reported_total_can_be_given_and_is_absent_without_aggregates():
    given = find_campaigns(EVENTS, reported_total=5)
    assert (given.reported_total, given.undocumented) == (5.0, 1.0)
    none = find_campaigns(EVENTS.loc[~EVENTS["is_aggregate"]])
    assert none.reported_total is None
    assert none.undocumented is None
    assert none.reported.empty


@pytest.mark.parametrize("duration", [1, 3, 14])
def test_default_duration_sets_unknown_ends(duration):
    iv = find_campaigns(EVENTS, default_duration_days=duration).intervals
    assert (iv["duration_days"] == duration).all()
    assert (iv["end"] - iv["start"]).dt.days.eq(duration - 1).all()


def test_campaigns_does_not_mutate_and_checks_input():
    before = EVENTS.copy()
    result = find_campaigns(EVENTS)
    pd.testing.assert_frame_equal(EVENTS, before)
    assert isinstance(result, Campaigns)
    with pytest.raises(ValueError, match="'zz'"):
        find_campaigns(EVENTS, ends={"zz": "2024-01-01"})
    with pytest.raises(ValueError, match="before the launch"):
        find_campaigns(EVENTS, ends={"s1": "2024-03-01"})
    with pytest.raises(ValueError, match="before the launch 2024-03-07"):
        find_campaigns(EVENTS, ends={"s2": "2024-03-06"})  # window 7..10 March
    with pytest.raises(ValueError, match="default_duration_days"):
        find_campaigns(EVENTS, default_duration_days=0)
    with pytest.raises(ValueError, match=r"\['date_end'\] missing"):
        find_campaigns(EVENTS.drop(columns="date_end"))


def test_frame_without_optional_columns_works():
    bare = EVENTS[["event_id", "event_type", "date_start", "date_end", "count"]].iloc[:3]
    camps = find_campaigns(bare)
    assert camps.intervals["n_campaigns"].tolist() == [1, 1, 1]  # empty count -> 1
    assert camps.intervals["source"].isna().all()


def test_the_old_name_campaigns_still_works_and_says_it_is_deprecated():
    import analysis as an

    with pytest.warns(FutureWarning, match="find_campaigns"):
        old = an.campaigns(EVENTS)
    assert_frame_equal(old.intervals, find_campaigns(EVENTS).intervals)


def test_the_docstring_says_what_limits_the_campaign_intervals():
    notes = (find_campaigns.__doc__ or "").split("Notes\n    -----")[1]
    for limit in ("ends are assumed", "Few campaigns are dated", "made news"):
        assert limit in notes, limit
