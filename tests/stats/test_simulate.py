"""Synthetic generators: labelled synthetic, seeded, with the truth they claim."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.stats.simulate import (
    SYNTHETIC_EVENT_TYPE,
    draw_negbin,
    simulate_campaigns,
    simulate_counts,
)


def test_counts_are_labelled_synthetic_and_seeded():
    a = simulate_counts(50, seed=3)
    b = simulate_counts(50, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert not simulate_counts(50, seed=4)["count"].equals(a["count"])
    assert a.attrs["synthetic"] is True
    assert a.attrs["truth"]["seed"] == 3
    assert (a["event_type"] == SYNTHETIC_EVENT_TYPE).all()
    assert list(a.columns) == ["period", "event_type", "days", "count", "expected"]


def test_expected_counts_carry_trend_break_and_campaign_effect():
    camps = pd.DataFrame(
        {"start": pd.to_datetime(["2024-01-11"]), "end": pd.to_datetime(["2024-01-15"])}
    )
    sim = simulate_counts(
        30,
        base_rate=2.0,
        rate_ratio=1.1,
        break_at=20,
        break_ratio=0.5,
        campaigns=camps,
        campaign_effect=3.0,
        seed=0,
    )
    t = np.arange(30)
    want = 2.0 * 1.1**t * np.where(t >= 20, 0.5, 1.0) * np.where((t >= 10) & (t <= 14), 3, 1)
    np.testing.assert_allclose(sim["expected"], want)


@pytest.mark.parametrize("alpha", [0.0, 0.5, 2.0])
def test_negbin_draws_have_the_stated_mean_and_variance(alpha):
    x = draw_negbin(np.random.default_rng(1), np.full(200_000, 3.0), alpha)
    assert x.mean() == pytest.approx(3.0, rel=0.02)
    assert x.var() == pytest.approx(3.0 + alpha * 9.0, rel=0.05)


def test_block_periods_cluster_counts_in_time():
    iid = simulate_counts(3000, base_rate=1.0, alpha=0.5, seed=2)["count"].to_numpy()
    blocky = simulate_counts(3000, base_rate=1.0, alpha=0.5, block_periods=14, seed=2)[
        "count"
    ].to_numpy()

    def lag1(x):
        return np.corrcoef(x[:-1], x[1:])[0, 1]

    assert abs(lag1(iid)) < 0.06
    assert lag1(blocky) > 0.2
    with pytest.raises(ValueError, match="block_periods"):
        simulate_counts(10, block_periods=0)


def test_monthly_series_use_calendar_days():
    sim = simulate_counts(14, freq="MS", start="2023-12-01", base_rate=1.0, seed=0)
    assert sim["days"].tolist()[:3] == [31, 31, 29]
    assert sim["period"].iloc[-1] == pd.Timestamp("2025-01-01")


def test_simulated_campaigns_do_not_overlap_and_respect_margins():
    camps = simulate_campaigns(
        8, n_days=365, duration_days=10, margin_days=28, min_gap_days=5, seed=7
    )
    assert camps.attrs["synthetic"] is True
    gaps = camps["start"].iloc[1:].to_numpy() - camps["end"].iloc[:-1].to_numpy()
    assert (gaps > np.timedelta64(5, "D")).all()
    assert camps["start"].min() >= pd.Timestamp("2024-01-29")
    assert camps["end"].max() <= pd.Timestamp("2024-12-31") - pd.Timedelta(days=28)
    with pytest.raises(ValueError, match="coverage too short"):
        simulate_campaigns(2, n_days=50, duration_days=10, margin_days=28)
