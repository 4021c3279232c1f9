"""detect_changepoints and the PELT search behind it.

PELT is checked against plain optimal partitioning and, on short series,
against enumerating every segmentation; detection against simulated series
with a known break.
"""

from __future__ import annotations

import itertools
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.special import gammaln
from scipy.stats import nbinom, poisson

from analysis.config import VALIDATION_DIR
from analysis.stats.changepoints import _SegmentCost, detect_changepoints, segment_series
from analysis.stats.simulate import simulate_counts


def _brute_force(y, d, alpha, penalty, min_size):
    """Best segmentation by trying every set of breaks (tiny n only)."""
    n = len(y)
    cost = _SegmentCost(np.asarray(y, float), np.asarray(d, float), alpha)
    best, best_bounds = np.inf, None
    for k in range(n):
        for breaks in itertools.combinations(range(1, n), k):
            bounds = [0, *breaks, n]
            if min(np.diff(bounds)) < min_size:
                continue
            total = (
                sum(float(cost(np.array([s]), e)[0]) for s, e in itertools.pairwise(bounds))
                + penalty * k
            )
            if total < best - 1e-9:
                best, best_bounds = total, bounds
    return best_bounds


@pytest.mark.slow  # 60 enumerations of every segmentation: about 5 s
@settings(max_examples=60, deadline=None)
@given(
    y=st.lists(st.integers(0, 9), min_size=4, max_size=11),
    alpha=st.sampled_from([0.0, 0.3, 2.0]),
    penalty=st.floats(0.5, 8.0),
    min_size=st.integers(1, 3),
)
def test_pelt_equals_brute_force_on_short_series(y, alpha, penalty, min_size):
    y = np.asarray(y, float)
    d = np.ones(len(y))
    if len(y) < min_size:
        return
    got = segment_series(y, d, alpha=alpha, penalty=penalty, min_size=min_size)
    want = _brute_force(y, d, alpha, penalty, min_size)
    cost = _SegmentCost(y, d, alpha)

    def total(b):
        return sum(float(cost(np.array([s]), e)[0]) for s, e in itertools.pairwise(b)) + penalty * (
            len(b) - 2
        )

    assert total(got) == pytest.approx(total(want), abs=1e-7)


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    alpha=st.sampled_from([0.0, 0.5]),
    min_size=st.integers(1, 8),
    unequal=st.booleans(),
)
def test_pelt_pruning_keeps_the_optimum_of_optimal_partitioning(seed, alpha, min_size, unequal):
    # exact ML segment costs (Poisson, or NB on equal-length periods): pruning is exact
    assume(alpha == 0 or not unequal)
    rng = np.random.default_rng(seed)
    n = 80
    lam = np.r_[np.full(30, 1.0), np.full(25, 4.0), np.full(25, 0.5)]
    y = rng.poisson(lam).astype(float)
    d = rng.choice([28.0, 30.0, 31.0], n) / 30 if unequal else np.ones(n)
    pen = 2 * np.log(n)
    pruned = segment_series(y, d, alpha=alpha, penalty=pen, min_size=min_size)
    full = segment_series(y, d, alpha=alpha, penalty=pen, min_size=min_size, prune=False)
    assert pruned == full


def test_segment_cost_is_minus_twice_the_poisson_loglik_up_to_a_constant():
    y = np.array([0.0, 3.0, 1.0, 4.0])
    d = np.array([1.0, 2.0, 1.0, 2.0])
    cost = _SegmentCost(y, d, 0.0)
    lam = y.sum() / d.sum()
    loglik = poisson.logpmf(y, lam * d).sum()
    const = -2 * (np.sum(y * np.log(d)) - np.sum(gammaln(y + 1)))
    assert float(cost(np.array([0]), 4)[0]) == pytest.approx(-2 * loglik - const)


def test_negbin_segment_cost_matches_scipy_nbinom_on_daily_series():
    y = np.array([0.0, 3.0, 1.0, 7.0, 0.0, 2.0])
    alpha = 0.7
    full = _SegmentCost(y, np.ones(6), alpha)
    lam = y.mean()
    r = 1 / alpha
    loglik = nbinom.logpmf(y, r, r / (r + lam)).sum()
    const = -2 * (-np.sum(gammaln(y + 1)))
    assert float(full(np.array([0]), 6)[0]) == pytest.approx(-2 * loglik - const)


def _daily(y, start="2024-01-01", event_type="attack"):
    return pd.DataFrame(
        {
            "period": pd.date_range(start, periods=len(y), freq="D"),
            "event_type": event_type,
            "days": 1,
            "count": np.asarray(y, float),
        }
    )


@pytest.mark.parametrize("cost", ["negbin", "poisson"])
def test_a_known_break_is_found_near_its_date(cost):
    found = 0
    for seed in range(12):
        sim = simulate_counts(
            240, base_rate=0.4, alpha=0.3, break_at=120, break_ratio=3.0, seed=seed
        )
        cps = detect_changepoints(sim, cost=cost)
        dates = [(b - sim["period"].iloc[120]).days for b in cps.breakpoints]
        found += any(abs(x) <= 10 for x in dates)
    assert found >= 10


def test_negbin_cost_finds_fewer_false_breaks_than_poisson_in_clustered_counts():
    nb_breaks, pois_breaks = 0, 0
    for seed in range(10):
        sim = simulate_counts(300, base_rate=1.0, alpha=1.5, seed=500 + seed)
        nb_breaks += len(detect_changepoints(sim, cost="negbin").breakpoints)
        pois_breaks += len(detect_changepoints(sim, cost="poisson").breakpoints)
    assert nb_breaks <= 3
    assert pois_breaks > 3 * max(nb_breaks, 1)


def test_segments_frame_adds_up_and_matches_breakpoints():
    sim = simulate_counts(200, base_rate=0.3, alpha=0.2, break_at=90, break_ratio=4.0, seed=2)
    cps = detect_changepoints(sim)
    seg = cps.segments
    assert seg["count"].sum() == sim["count"].sum()
    assert seg["days"].sum() == 200
    assert seg["n_periods"].sum() == 200
    assert list(seg["start"].iloc[1:]) == list(cps.breakpoints)
    assert (
        seg["start"].iloc[1:].to_numpy() == (seg["end"].iloc[:-1] + pd.Timedelta(days=1)).to_numpy()
    ).all()
    assert ((seg["rate_low"] <= seg["rate"]) & (seg["rate"] <= seg["rate_high"])).all()
    assert cps.series["fitted"].sum() == pytest.approx(sim["count"].sum())
    assert cps.series["segment"].max() == len(seg)
    assert "segment 1" in str(cps)
    assert f"alpha = {cps.alpha:.3g}" in str(cps)


def test_penalty_options_and_min_size():
    sim = simulate_counts(300, base_rate=0.5, alpha=0.0, break_at=100, break_ratio=2.0, seed=11)
    bic = detect_changepoints(sim, cost="poisson", penalty="bic")
    mbic = detect_changepoints(sim, cost="poisson", penalty="mbic")
    assert bic.penalty == pytest.approx(2 * np.log(300))
    assert mbic.penalty == pytest.approx(3 * np.log(300))
    assert len(mbic.breakpoints) <= len(bic.breakpoints)
    assert detect_changepoints(sim, cost="poisson", penalty=1e6).breakpoints == ()
    loose = detect_changepoints(sim, cost="poisson", penalty=0.5, min_size=20)
    assert loose.segments["n_periods"].min() >= 20
    assert loose.penalty_rule == "given"
    with pytest.raises(ValueError, match="penalty"):
        detect_changepoints(sim, penalty="aic")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="penalty"):
        detect_changepoints(sim, penalty=-1.0)
    with pytest.raises(ValueError, match="cost"):
        detect_changepoints(sim, cost="normal")  # type: ignore[arg-type]


def test_monthly_series_uses_days_as_exposure_and_default_min_size():
    periods = pd.date_range("2020-01-01", periods=24, freq="MS")
    days = periods.days_in_month.to_numpy()
    y = np.where(np.arange(24) < 12, 1.0, 5.0) * days  # rate 1/day, then 5/day
    frame = pd.DataFrame({"period": periods, "event_type": "attack", "days": days, "count": y})
    cps = detect_changepoints(frame, cost="poisson")
    assert cps.min_size == 3
    assert cps.breakpoints == (pd.Timestamp("2021-01-01"),)
    assert cps.segments["rate"].to_numpy() == pytest.approx([1.0, 5.0])
    nb = detect_changepoints(frame, cost="negbin")
    assert nb.breakpoints == (pd.Timestamp("2021-01-01"),)
    # counts exactly at their segment rate: no extra variation, said in words
    assert nb.alpha < 1e-6
    assert "no extra variation found, alpha = 0" in str(nb)
    assert "alpha = 0.3" not in str(nb)


def test_zero_count_segment_gets_an_upper_bound():
    y = np.r_[np.zeros(30), np.full(30, 2.0)]
    cps = detect_changepoints(_daily(y), cost="poisson")
    first = cps.segments.iloc[0]
    assert first["count"] == 0
    assert first["rate_low"] == 0
    assert first["rate_high"] == pytest.approx(3.6889 / 30, rel=1e-3)


def test_input_is_not_mutated_and_errors_are_clear():
    frame = _daily([1, 0, 2, 0, 1] * 10)
    before = frame.copy()
    detect_changepoints(frame)
    pd.testing.assert_frame_equal(frame, before)
    with pytest.raises(ValueError, match="min_size"):
        detect_changepoints(_daily([1, 2, 3]))
    with pytest.raises(ValueError, match="no rows with value 'sweep'"):
        detect_changepoints(frame, "sweep")


def test_breaks_match_golden_numbers_from_independent_route():
    """validation/golden_eventstudy.py: exhaustive search with scipy's Poisson pmf."""
    golden = json.loads((VALIDATION_DIR / "golden_eventstudy.json").read_text(encoding="utf-8"))[
        "changepoints"
    ]
    counts = pd.DataFrame(golden["series"]).assign(
        period=lambda f: pd.to_datetime(f["period"]), event_type="attack", days=1.0
    )
    cps = detect_changepoints(counts, cost="poisson", min_size=golden["min_size"])
    want = golden["result"]
    assert cps.penalty == pytest.approx(want["penalty"])
    assert list(cps.breakpoints) == [counts["period"].iloc[b] for b in want["breaks"]]


def test_the_docstring_says_what_limits_a_change_point():
    notes = (detect_changepoints.__doc__ or "").split("Notes\n    -----")[1]
    for limit in ("few events", "reported", "penalty"):
        assert limit in notes, limit


def _clustered_year(seed, rate=0.15, break_ratio=1.0):
    """SYNTHETIC: a year of daily counts whose rate moves in 14-day gamma blocks (CV 1)."""
    return simulate_counts(
        365,
        base_rate=rate,
        alpha=1.0,
        block_periods=14,
        break_at=182 if break_ratio != 1.0 else None,
        break_ratio=break_ratio,
        seed=seed,
    )


def test_clustered_stationary_years_rarely_split():
    # 500 runs in validation/calibration.md: about 2% with a break (36% day by day)
    sims = [_clustered_year(70_000 + i) for i in range(40)]
    weekly = sum(len(detect_changepoints(s).breakpoints) > 0 for s in sims)
    daily = sum(len(detect_changepoints(s, block=1).breakpoints) > 0 for s in sims)
    assert weekly <= 4
    assert daily >= 7  # the day-level search on the same years: surges become regimes


def test_a_clustered_shift_is_found_within_45_days():
    found = 0
    for i in range(30):
        sim = _clustered_year(71_000 + i, rate=0.5, break_ratio=0.1)
        truth = sim["period"].iloc[182]
        found += any(abs((b - truth).days) <= 45 for b in detect_changepoints(sim).breakpoints)
    assert found >= 24


def _monthly(y, start="2024-01-01"):
    periods = pd.date_range(start, periods=len(y), freq="MS")
    return pd.DataFrame(
        {"period": periods, "event_type": "attack", "days": periods.days_in_month, "count": y}
    )


def test_one_outlier_month_is_not_a_regime():
    frame = _monthly(np.array([3, 2, 4, 3, 2, 3, 200, 3, 2, 4, 3, 2], float))
    cps = detect_changepoints(frame)
    assert cps.breakpoints == ()
    assert any("rested on one period 2024-07-01" in c for c in cps.caveats)
    assert "2024-07-01" in str(cps)
    # a real level shift of the same length is kept
    shifted = _monthly(np.array([3, 2, 4, 3, 2, 3, 40, 45, 38, 42, 39, 41], float))
    assert detect_changepoints(shifted).breakpoints == (pd.Timestamp("2024-07-01"),)


def test_a_break_found_on_weekly_totals_is_placed_on_its_day():
    y = np.r_[np.tile([0.0, 1.0], 40), np.tile([2.0, 3.0], 40)]  # the rate changes on day 80
    cps = detect_changepoints(_daily(y))
    assert cps.block == 7
    assert cps.breakpoints == (pd.Timestamp("2024-01-01") + pd.Timedelta(days=80),)
    assert "blocks of 7 periods" in str(cps)
    assert detect_changepoints(_daily(y), block=1).breakpoints == cps.breakpoints
    with pytest.raises(ValueError, match="block"):
        detect_changepoints(_daily(y), block=0)


def test_no_events_give_one_segment_and_a_caveat():
    cps = detect_changepoints(_daily(np.zeros(60)))
    assert cps.breakpoints == ()
    assert cps.segments["rate"].tolist() == [0.0]
    assert cps.segments["rate_high"].iloc[0] == pytest.approx(3.6889 / 60, rel=1e-3)
    assert any("no events" in c for c in cps.caveats)


def _coal():
    golden = json.loads((VALIDATION_DIR / "golden_coal.json").read_text(encoding="utf-8"))
    frame = pd.DataFrame(
        {
            "period": pd.to_datetime([f"{y}-01-01" for y in golden["years"]]),
            "event_type": "disaster",
            "days": golden["days"],
            "count": np.asarray(golden["counts"], float),
        }
    )
    return frame, golden


def test_golden_coal_counts_are_the_published_dates_per_year():
    dates = pd.read_csv(VALIDATION_DIR / "coal_disasters.csv")["date"]
    frame, _ = _coal()
    assert len(dates) == 191 == frame["count"].sum()
    assert frame["count"].iloc[0] == int((np.floor(dates) == 1851).sum())


@pytest.mark.parametrize("cost", ["negbin", "poisson"])
def test_coal_mining_break_is_1892_as_the_exhaustive_search_finds(cost):
    frame, golden = _coal()
    cps = detect_changepoints(frame, cost=cost)
    single = golden["single_break"]
    assert cps.breakpoints[0] == pd.Timestamp(f"{single['year']}-01-01")
    first = cps.segments.iloc[0]
    assert first["count"] == single["events_before"]
    assert first["count"] / first["n_periods"] == pytest.approx(single["rate_before_per_year"])
    assert [b.year for b in cps.breakpoints] == golden["bic"]["break_years"]
    assert cps.penalty == pytest.approx(golden["bic"]["penalty"])


def test_coal_last_segment_gets_the_exact_interval_at_nil_dispersion():
    frame, golden = _coal()
    cps = detect_changepoints(frame)
    assert cps.alpha < 1e-6
    last, want = cps.segments.iloc[-1], golden["last_segment"]
    assert last["count"] == want["count"] == 4
    assert last["rate_low"] == pytest.approx(want["exact_rate_low_per_day"], rel=1e-9)
    assert last["rate_high"] == pytest.approx(want["exact_rate_high_per_day"], rel=1e-9)
