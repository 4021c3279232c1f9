"""fit_trend, mann_kendall, decompose_series and lead_lag.

Statistics are checked against simulated counts with a known truth, against
pymannkendall, and against golden numbers computed by an independent route
(validation/golden_trend.py).
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pymannkendall
import pytest
import statsmodels.api as sm
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.config import VALIDATION_DIR
from analysis.stats.simulate import simulate_counts
from analysis.stats.trends import decompose_series, fit_trend, lead_lag, mann_kendall


def _monthly(counts, days=None, start="2024-01-01", event_type="attack"):
    periods = pd.date_range(start, periods=len(counts), freq="MS")
    return pd.DataFrame(
        {
            "period": periods,
            "event_type": event_type,
            "days": periods.days_in_month if days is None else days,
            "count": np.asarray(counts, dtype=float),
        }
    )


def _golden_frame():
    golden = json.loads((VALIDATION_DIR / "golden_trend.json").read_text(encoding="utf-8"))
    frame = pd.DataFrame(golden["series"]).assign(event_type="synthetic")
    frame["period"] = pd.to_datetime(frame["period"])
    return golden, frame


@pytest.mark.parametrize("family", ["negbin", "poisson"])
def test_fit_trend_matches_golden_numbers_from_independent_route(family):
    golden, frame = _golden_frame()
    fit = fit_trend(frame, family=family)
    want = golden[family]
    for key in ("rate_ratio", "ci_low", "ci_high", "p_value"):
        assert getattr(fit, key) == pytest.approx(want[key], rel=1e-5), key
    assert fit.alpha == pytest.approx(want["alpha"], rel=1e-4, abs=1e-9)
    if family == "negbin":
        assert fit.scale == pytest.approx(want["scale"], rel=1e-5)


def test_naive_poisson_is_more_confident_than_negbin_on_overdispersed_series():
    _, frame = _golden_frame()
    nb, pois = fit_trend(frame), fit_trend(frame, family="poisson")
    assert (pois.ci_high - pois.ci_low) < (nb.ci_high - nb.ci_low)
    assert pois.p_value < nb.p_value


@pytest.mark.slow
def test_trend_recovers_known_rate_ratio_and_interval_covers_about_95_percent():
    truth, reps = 0.97, 120
    hits, estimates = 0, []
    for seed in range(reps):
        sim = simulate_counts(36, freq="MS", base_rate=1.0, rate_ratio=truth, alpha=0.3, seed=seed)
        fit = fit_trend(sim)
        estimates.append(np.log(fit.rate_ratio))
        hits += fit.ci_low <= truth <= fit.ci_high
    # binomial tolerance: 3 standard errors around 0.95 for `reps` runs
    tol = 3 * np.sqrt(0.95 * 0.05 / reps)
    assert 0.95 - tol <= hits / reps <= min(1.0, 0.95 + tol)
    assert np.exp(np.mean(estimates)) == pytest.approx(truth, abs=0.005)


@pytest.mark.slow
def test_under_no_trend_negbin_rejects_about_5_percent_and_poisson_far_more():
    reps, pois_rej = 120, 0
    nb_p = np.empty(reps)
    for seed in range(reps):
        sim = simulate_counts(24, freq="MS", base_rate=10 / 30, alpha=0.5, seed=10_000 + seed)
        nb_p[seed] = fit_trend(sim).p_value
        pois_rej += fit_trend(sim, family="poisson").p_value < 0.05
    tol = 3 * np.sqrt(0.05 * 0.95 / reps)
    assert np.mean(nb_p < 0.05) <= 0.05 + tol
    assert pois_rej / reps > 0.2
    # and not by never rejecting: under no trend the p-values are about uniform
    # (these seeds: median 0.56, KS p 0.11; the median's standard error is 0.046)
    assert 0.35 <= np.median(nb_p) <= 0.65
    assert stats.kstest(nb_p, "uniform").pvalue > 0.001


def test_days_offset_makes_a_partial_last_period_honest():
    days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 10]
    counts = [2 * d for d in days]  # exactly two events a day throughout
    fit = fit_trend(_monthly(counts, days=days), family="poisson")
    assert fit.rate_ratio == pytest.approx(1.0, abs=1e-8)
    naive = fit_trend(_monthly(counts, days=[30] * 12), family="poisson")
    assert naive.rate_ratio < 0.99


def test_time_units_rescale_the_rate_ratio():
    sim = simulate_counts(30, freq="MS", base_rate=0.8, rate_ratio=1.03, alpha=0.2, seed=4)
    per_month = fit_trend(sim, time_unit="period")
    assert per_month.time_unit == "month"
    assert fit_trend(sim, time_unit="month").rate_ratio == pytest.approx(per_month.rate_ratio)
    assert fit_trend(sim, time_unit="quarter").rate_ratio == pytest.approx(per_month.rate_ratio**3)
    assert fit_trend(sim, time_unit="year").rate_ratio == pytest.approx(per_month.rate_ratio**12)
    # day and week units measure elapsed days, so months of 28..31 days differ slightly
    day = fit_trend(sim, time_unit="day").rate_ratio
    week = fit_trend(sim, time_unit="week").rate_ratio
    assert np.log(day) * 365.2425 / 12 == pytest.approx(np.log(per_month.rate_ratio), rel=0.02)
    assert np.log(week) == pytest.approx(7 * np.log(day), rel=1e-6)


def test_missing_months_are_placed_in_calendar_time():
    full = _monthly([10, 12, 14, 16, 18, 20, 22, 24])
    gappy = full.drop(index=[2, 3]).reset_index(drop=True)
    a, b = fit_trend(full, family="poisson"), fit_trend(gappy, family="poisson")
    assert b.rate_ratio == pytest.approx(a.rate_ratio, rel=0.02)
    assert b.n_periods == 6


def test_result_frames_and_model_agree():
    sim = simulate_counts(24, freq="MS", base_rate=0.5, alpha=0.4, seed=7)
    fit = fit_trend(sim)
    assert list(fit.fitted.columns) == [
        "period",
        "days",
        "count",
        "fitted",
        "fitted_low",
        "fitted_high",
    ]
    assert (fit.fitted["fitted_low"] <= fit.fitted["fitted"]).all()
    assert (fit.fitted["fitted"] <= fit.fitted["fitted_high"]).all()
    assert fit.model.params[1] == pytest.approx(np.log(fit.rate_ratio), rel=1e-4)
    # Poisson score equations: the fitted counts add up to the observed total
    pois = fit_trend(sim, family="poisson")
    assert pois.fitted["fitted"].sum() == pytest.approx(sim["count"].sum(), rel=1e-6)
    text = str(fit)
    assert "rate ratio per month" in text
    assert "Mann-Kendall" in text
    assert "events/day per month" in text
    assert f"dispersion alpha = {fit.alpha:.3g}," in text
    # counts exactly on a log-linear curve: nothing beyond Poisson, said in words
    days = pd.date_range("2024-01-01", periods=12, freq="MS").days_in_month.to_numpy()
    exact = fit_trend(_monthly((days * np.exp(0.1 * np.arange(12))).round(6), days=days))
    assert exact.alpha < 1e-6
    assert "dispersion alpha = 0 (no variation beyond Poisson found)" in str(exact)


def test_poisson_family_has_no_dispersion_and_negbin_estimates_one():
    sim = simulate_counts(36, freq="MS", base_rate=0.5, alpha=0.8, seed=3)
    assert fit_trend(sim, family="poisson").alpha == 0.0
    assert 0.3 < fit_trend(sim).alpha < 2.0


def test_fit_trend_sums_by_groups_and_does_not_mutate_input():
    base = _monthly([3, 5, 4, 6, 7, 6, 8, 9])
    split = pd.concat(
        [
            base.assign(admin1="Homs", count=base["count"] - 1),
            base.assign(admin1="Raqqa", count=1.0),
        ],
        ignore_index=True,
    )
    before = split.copy()
    a = fit_trend(base, family="poisson")
    b = fit_trend(split, family="poisson")
    pd.testing.assert_frame_equal(split, before)
    assert b.rate_ratio == pytest.approx(a.rate_ratio)


def test_fit_trend_errors_name_the_problem():
    frame = pd.concat([_monthly([1, 2, 3, 4, 5]), _monthly([1, 1, 1, 1, 1], event_type="sweep")])
    with pytest.raises(ValueError, match="pass event_type"):
        fit_trend(frame)
    with pytest.raises(ValueError, match="'airstrike'"):
        fit_trend(frame, "airstrike")
    with pytest.raises(ValueError, match="column count"):
        fit_trend(_monthly([1, -2, 3, 4, 5]))
    with pytest.raises(ValueError, match=r"missing"):
        fit_trend(_monthly([1, 2, 3, 4]).drop(columns="days"))
    with pytest.raises(ValueError, match="at least 4"):
        fit_trend(_monthly([1, 2, 3]))
    with pytest.raises(ValueError, match="family"):
        fit_trend(_monthly([1, 2, 3, 4]), family="ols")  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=4, max_size=30))
def test_mann_kendall_matches_pymannkendall(values):
    x = np.asarray(values, dtype=float)
    ours = mann_kendall(x)
    ref = pymannkendall.original_test(x)
    assert ours.s == pytest.approx(ref.s)
    assert ours.var_s == pytest.approx(ref.var_s)
    assert ours.z == pytest.approx(ref.z, abs=1e-12)
    assert ours.p_value == pytest.approx(ref.p, abs=1e-12)
    assert ours.tau == pytest.approx(ref.Tau)
    assert ours.sen_slope == pytest.approx(ref.slope, abs=1e-12)
    assert ours.intercept == pytest.approx(ref.intercept, abs=1e-12)


def test_decompose_series_finds_a_weekly_cycle_and_not_in_shuffled_counts():
    rng = np.random.default_rng(0)
    days = pd.date_range("2024-01-01", periods=140, freq="D")
    lam = np.where(days.day_of_week == 4, 5.0, 0.5)
    y = rng.poisson(lam).astype(float)
    frame = pd.DataFrame({"period": days, "event_type": "attack", "days": 1, "count": y})
    dec = decompose_series(frame)
    comp = dec.components
    assert np.allclose(comp["trend"] + comp["seasonal"] + comp["resid"], comp["observed"])
    friday = days.day_of_week == 4
    assert comp.loc[friday, "seasonal"].mean() > comp.loc[~friday, "seasonal"].mean() + 2.0
    assert dec.seasonal_strength > 0.6
    shuffled = frame.assign(count=rng.permutation(y))
    assert decompose_series(shuffled).seasonal_strength < dec.seasonal_strength - 0.3
    root = decompose_series(frame, transform="sqrt")
    assert root.transform == "sqrt"
    assert root.components["observed"].to_numpy() == pytest.approx(np.sqrt(y))
    assert "cycle of 7" in str(dec)


def test_decompose_series_needs_two_cycles():
    frame = _monthly(list(range(20)))
    with pytest.raises(ValueError, match="two full cycles"):
        decompose_series(frame)
    assert decompose_series(frame, seasonal_period=4).seasonal_period == 4


def _pair(sweeps, attacks):
    days = pd.date_range("2024-01-01", periods=len(sweeps), freq="D")
    return pd.concat(
        [
            pd.DataFrame(
                {
                    "period": days,
                    "event_type": "sweep",
                    "days": 1,
                    "count": np.asarray(sweeps, float),
                }
            ),
            pd.DataFrame(
                {
                    "period": days,
                    "event_type": "attack",
                    "days": 1,
                    "count": np.asarray(attacks, float),
                }
            ),
        ],
        ignore_index=True,
    )


@pytest.mark.parametrize("method", ["pearson", "spearman"])
def test_lead_lag_finds_a_known_lag(method):
    rng = np.random.default_rng(5)
    sweeps = (rng.random(300) < 0.06).astype(float)
    attacks = rng.poisson(0.3, 300) + 2 * np.roll(sweeps, 4)
    ll = lead_lag(_pair(sweeps, attacks), max_lag=10, n_shifts=299, method=method)
    assert ll.best_lag == 4
    assert ll.familywise_p_value < 0.01
    row = ll.table.set_index("lag").loc[4]
    assert row["correlation"] > row["null_high"]
    assert len(ll.table) == 21
    assert "lag 4" in str(ll)


def test_lead_lag_familywise_p_is_not_too_small_for_independent_series():
    small = 0
    for seed in range(30):
        rng = np.random.default_rng(100 + seed)
        sweeps = (rng.random(200) < 0.05).astype(float)
        attacks = rng.poisson(0.4, 200).astype(float)
        small += (
            lead_lag(_pair(sweeps, attacks), max_lag=7, n_shifts=99, seed=seed).familywise_p_value
            < 0.05
        )
    assert small <= 6  # 30 runs at 5%: more than 6 has probability < 0.3%


def test_lead_lag_is_deterministic_and_checks_input():
    rng = np.random.default_rng(2)
    frame = _pair((rng.random(80) < 0.1).astype(float), rng.poisson(1, 80))
    a = lead_lag(frame, max_lag=5, n_shifts=50, seed=9)
    b = lead_lag(frame, max_lag=5, n_shifts=50, seed=9)
    pd.testing.assert_frame_equal(a.table, b.table)
    with pytest.raises(ValueError, match="longer than"):
        lead_lag(frame, max_lag=20)
    with pytest.raises(ValueError, match="method"):
        lead_lag(frame, method="kendall")  # type: ignore[arg-type]


def test_summary_names_the_period_and_the_trend_unit_apart():
    periods = pd.date_range("2024-01-01", periods=12, freq="MS")
    counts = pd.DataFrame(
        {
            "period": periods,
            "event_type": "attack",
            "days": periods.days_in_month,
            "count": [3.0, 5, 2, 4, 6, 3, 2, 5, 4, 3, 2, 4],
        }
    )
    first = fit_trend(counts, time_unit="year").summary().splitlines()
    assert first[0].startswith("Trend in event counts, 2024-01-01..2024-12-01 (12 month periods")
    assert first[1].startswith("  rate ratio per year: ")


def _months(y):
    periods = pd.date_range("2024-01-01", periods=len(y), freq="MS")
    return pd.DataFrame(
        {"period": periods, "event_type": "attack", "days": periods.days_in_month, "count": y}
    )


def test_an_outlier_month_fits_like_statsmodels_and_is_not_flagged_as_unconverged():
    frame = _months(np.array([3, 2, 4, 3, 2, 3, 200, 3, 2, 4, 3, 2], float))
    fit = fit_trend(frame)
    assert not any("converge" in c for c in fit.caveats)
    ref = sm.GLM(
        frame["count"].to_numpy(),
        np.column_stack([np.ones(12), np.arange(12.0)]),
        family=sm.families.NegativeBinomial(alpha=fit.alpha),
        offset=np.log(frame["days"].to_numpy(float)),
    ).fit(tol=1e-13, maxiter=1000)
    assert np.log(fit.rate_ratio) == pytest.approx(ref.params[1], abs=1e-6)


@pytest.mark.parametrize(
    ("y", "why"),
    [
        (np.zeros(12), "no events"),
        (np.r_[np.zeros(11), 1.0], "last period"),
        (np.r_[4.0, np.zeros(11)], "first period"),
    ],
)
@pytest.mark.parametrize("family", ["negbin", "poisson"])
def test_unidentified_trends_are_nan_with_a_caveat_not_an_error(y, why, family):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_trend(_months(y), family=family)
    for value in (fit.rate_ratio, fit.ci_low, fit.ci_high, fit.p_value):
        assert np.isnan(value)
    assert any(why in c and "not identified" in c for c in fit.caveats)
    assert "not identified" in str(fit)
    assert fit.model is None


def test_one_event_inside_the_series_is_still_identified():
    fit = fit_trend(_months(np.r_[np.zeros(5), 1.0, np.zeros(6)]))
    assert np.isfinite(fit.rate_ratio)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(10, 60))
@example(seed=998, n=10)  # the corrected variance is negative: pymannkendall's p is NaN
def test_hamed_rao_mann_kendall_matches_pymannkendall(seed, n):
    rng = np.random.default_rng(seed)
    x = np.cumsum(rng.normal(size=n)) + rng.poisson(2.0, n)
    ours = mann_kendall(x, correction="hamed_rao")
    ref = pymannkendall.hamed_rao_modification_test(x)
    assert ours.var_s == pytest.approx(ref.var_s, rel=1e-9)
    assert ours.p_value == pytest.approx(ref.p, rel=1e-9, abs=1e-12, nan_ok=True)
    assert ours.variance_factor == pytest.approx(ref.var_s / mann_kendall(x).var_s, rel=1e-9)


def test_a_negative_hamed_rao_factor_gives_no_p_value_and_says_why():
    # SYNTHETIC: a short random walk whose rank autocorrelations make the factor negative
    rng = np.random.default_rng(4625)
    x = np.cumsum(rng.normal(size=10)) + rng.poisson(2.0, 10)
    ours = mann_kendall(x, correction="hamed_rao")
    assert ours.variance_factor < 0
    assert np.isnan(ours.p_value)
    assert np.isnan(ours.z)
    assert "not identified" in str(ours)
    assert np.isnan(pymannkendall.hamed_rao_modification_test(x).p)
    plain = mann_kendall(x)
    assert np.isfinite(plain.p_value)
    assert "not identified" not in str(plain)


def test_hamed_rao_mann_kendall_holds_its_level_on_autocorrelated_series():
    # SYNTHETIC AR(1) noise, phi 0.6, no trend: the plain test rejects far too often
    rng = np.random.default_rng(5)
    plain = corrected = 0
    for _ in range(200):
        e = rng.normal(size=60)
        x = np.empty(60)
        x[0] = e[0]
        for t in range(1, 60):
            x[t] = 0.6 * x[t - 1] + e[t]
        plain += mann_kendall(x).p_value < 0.05
        corrected += mann_kendall(x, correction="hamed_rao").p_value < 0.05
    assert plain >= 40
    assert corrected <= 0.6 * plain


def test_summary_says_which_mann_kendall_ran():
    sim = simulate_counts(24, freq="MS", base_rate=0.3, seed=3)
    assert "assuming independent periods" in str(fit_trend(sim))
    assert "Hamed-Rao" in str(fit_trend(sim, mk_correction="hamed_rao"))
    with pytest.raises(ValueError, match="correction"):
        mann_kendall([1, 2, 3, 4], correction="yue")  # type: ignore[arg-type]
