"""study_campaigns: one campaign set for the counts, the event study and its reading."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.counting import count_events
from analysis.stats.campaigns import find_campaigns
from analysis.stats.eventstudy import event_study
from analysis.stats.simulate import simulate_campaigns, simulate_counts, simulate_launch_windows
from analysis.stats.studies import campaign_length_sensitivity, study_campaigns

COVERAGE = ("2024-01-01", "2024-12-31")


def _records(effect, seed, window_days=1):
    """SYNTHETIC event records: one attack record per simulated event, one sweep per campaign."""
    camps = simulate_campaigns(
        6, n_days=366, duration_days=7, margin_days=40, min_gap_days=14, seed=seed
    )
    sim = simulate_counts(
        366, base_rate=1.0, alpha=0.3, campaigns=camps, campaign_effect=effect, seed=seed
    )
    days = np.repeat(sim["period"].to_numpy(), sim["count"].to_numpy().astype(int))
    hidden = simulate_launch_windows(camps, window_days, seed=seed)
    # one more launch before the coverage, with a window reaching into it
    lo = [*hidden["launch_earliest"], pd.Timestamp("2023-12-28")]
    hi = [*hidden["launch_latest"], pd.Timestamp("2024-01-02")]
    events = pd.DataFrame(
        {
            "event_id": [f"a{i}" for i in range(len(days))] + [f"s{i}" for i in range(len(lo))],
            "event_type": ["attack"] * len(days) + ["sweep"] * len(lo),
            "date_start": list(days) + lo,
            "date_end": list(days) + hi,
            "count": 1.0,
        }
    )
    return events, hidden


def test_one_campaign_set_serves_the_counts_and_the_study():
    events, hidden = _records(effect=1.0, seed=3, window_days=3)
    result = study_campaigns(events, COVERAGE, n_placebo=49, seed=2)
    camps = result.campaigns
    # the launch whose window starts before the coverage is listed, not studied
    assert camps.outside["event_id"].tolist() == ["s6"]
    assert len(camps.intervals) == result.n_dated == 6
    assert result.study.pooled.n_campaigns == 6
    assert camps.documented == 7
    assert not any("outside the counts' coverage" in c for c in result.study.caveats)
    pd.testing.assert_series_equal(
        camps.intervals["launch_earliest"], hidden["launch_earliest"], check_names=False
    )
    assert result.daily["period"].min() == pd.Timestamp(COVERAGE[0])
    assert result.daily["period"].max() == pd.Timestamp(COVERAGE[1])
    # the same numbers by hand, from the same pieces
    by_hand = event_study(
        count_events(events, freq="D", coverage=COVERAGE),
        find_campaigns(events, coverage=COVERAGE),
        n_placebo=49,
        seed=2,
        n_launch_draws=3**6,
    )
    assert result.study.pooled.rate_ratio == pytest.approx(by_hand.pooled.rate_ratio)
    assert result.study.pooled.placebo_p_value == by_hand.pooled.placebo_p_value
    assert result.study.over_launches.exhaustive
    assert result.study.over_launches.ci_low == pytest.approx(by_hand.over_launches.ci_low)
    assert "left out, launched outside it: 1" in str(result)


def test_the_reading_follows_the_interval():
    strong, _ = _records(effect=0.15, seed=5)
    none, _ = _records(effect=1.0, seed=5)
    fewer = study_campaigns(strong, COVERAGE, n_placebo=0)
    same = study_campaigns(none, COVERAGE, n_placebo=0)
    assert fewer.study.over_launches.ci_high < 1
    assert "fewer reported attacks per day during campaigns" in fewer.reading()
    over = same.study.over_launches
    assert over.ci_low <= 1 <= over.ci_high
    assert "no detectable change" in same.reading()
    assert same.reading().startswith("6 dated campaigns")


def test_coverage_must_be_a_pair_in_order():
    events, _ = _records(effect=1.0, seed=1)
    with pytest.raises(ValueError, match="before it starts"):
        find_campaigns(events, coverage=("2024-12-31", "2024-01-01"))
    with pytest.raises(ValueError, match="coverage must be a Coverage or a"):
        find_campaigns(events, coverage="2024")


def test_the_length_sensitivity_is_one_study_per_length():
    events, _ = _records(effect=0.5, seed=4, window_days=3)
    options = {"n_placebo": 19, "seed": 1, "n_launch_draws": 50}
    table = campaign_length_sensitivity(events, COVERAGE, [3, 14], **options)
    assert table.index.tolist() == [3, 14]
    for days in (3, 14):
        alone = study_campaigns(events, COVERAGE, default_duration_days=days, **options).study
        row = table.loc[days]
        assert row["rate_ratio"] == alone.pooled.rate_ratio
        assert row["placebo_p_value"] == alone.pooled.placebo_p_value
        assert row["over_launches_low"] == alone.over_launches.ci_low
        assert row["n_campaigns"] == alone.pooled.n_campaigns == 6
    # a longer assumed campaign is another study, not the same numbers
    assert table.loc[3, "rate_ratio"] != table.loc[14, "rate_ratio"]
