"""event_study: window labels, pooled rate ratios, placebo test, calibration."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.config import VALIDATION_DIR
from analysis.stats.campaigns import find_campaigns
from analysis.stats.eventstudy import event_study
from analysis.stats.simulate import simulate_campaigns, simulate_counts

OUT = "synthetic_attack"


def _daily(y, start="2024-01-01"):
    return pd.DataFrame(
        {
            "period": pd.date_range(start, periods=len(y), freq="D"),
            "event_type": "attack",
            "days": 1,
            "count": np.asarray(y, float),
        }
    )


def _camps(pairs, start="2024-01-01"):
    first = pd.Timestamp(start)
    return pd.DataFrame(
        {
            "start": [first + pd.Timedelta(days=s) for s, _ in pairs],
            "end": [first + pd.Timedelta(days=e) for _, e in pairs],
        }
    )


Y = (np.arange(40) % 4).astype(float)
CAMPS = _camps([(10, 12), (16, 17)])


def test_overlapping_windows_are_labelled_during_then_post_then_pre():
    study = event_study(_daily(Y), CAMPS, pre=4, post=3, n_placebo=0)
    label = study.daily["window"].astype(str).to_numpy()
    want = np.full(40, "other", dtype=object)
    want[6:10] = "pre"
    want[[10, 11, 12, 16, 17]] = "during"
    want[[13, 14, 15, 18, 19, 20]] = "post"
    assert label.tolist() == want.tolist()
    assert study.overlap_days == 4  # days 12..15 lie in both campaigns' windows
    win = study.windows.set_index("window")
    for name in ("pre", "during", "post", "other"):
        assert win.loc[name, "count"] == Y[want == name].sum()
        assert win.loc[name, "days"] == (want == name).sum()
    assert win["count"].sum() == Y.sum()
    assert any("2 or more" in c or "two or more" in c for c in study.caveats)


def test_per_campaign_uses_each_campaigns_own_windows():
    study = event_study(_daily(Y), CAMPS, pre=4, post=3, n_placebo=0)
    pc = study.per_campaign
    assert pc["pre_count"].tolist() == [Y[6:10].sum(), Y[12:16].sum()]
    assert pc["during_count"].tolist() == [Y[10:13].sum(), Y[16:18].sum()]
    assert pc["post_count"].tolist() == [Y[13:16].sum(), Y[18:21].sum()]
    assert pc["during_days"].tolist() == [3.0, 2.0]
    assert pc["overlaps_other"].tolist() == [True, True]
    rr0 = (Y[10:13].sum() / 3) / (Y[6:10].sum() / 4)
    assert pc["rate_ratio"].iloc[0] == pytest.approx(rr0)


def test_known_campaign_effect_is_recovered():
    truth, hits, logs = 0.4, 0, []
    for seed in range(25):
        camps = simulate_campaigns(6, n_days=366, duration_days=14, seed=seed)
        sim = simulate_counts(
            366, base_rate=1.0, alpha=0.5, campaigns=camps, campaign_effect=truth, seed=seed
        )
        study = event_study(sim, camps, outcome=OUT, n_placebo=0)
        logs.append(np.log(study.pooled.rate_ratio))
        hits += study.pooled.ci_low <= truth <= study.pooled.ci_high
    assert np.exp(np.mean(logs)) == pytest.approx(truth, rel=0.1)
    assert hits >= 21  # 25 runs at 95% coverage: fewer than 21 has probability < 1%


@pytest.mark.slow
def test_under_no_effect_model_and_placebo_tests_reject_about_5_percent():
    reps, pois_rej = 60, 0
    model_p, placebo_p = np.empty(reps), np.empty(reps)
    for seed in range(reps):
        camps = simulate_campaigns(6, n_days=366, seed=2000 + seed)
        sim = simulate_counts(366, base_rate=0.5, alpha=1.0, seed=3000 + seed)
        study = event_study(sim, camps, outcome=OUT, n_placebo=19, seed=seed)
        model_p[seed] = study.pooled.p_value
        placebo_p[seed] = study.pooled.placebo_p_value
        pois_rej += (
            event_study(sim, camps, outcome=OUT, family="poisson", n_placebo=0).pooled.p_value
            < 0.05
        )
    model_rej = int(np.sum(model_p < 0.05))
    tol = 3 * np.sqrt(0.05 * 0.95 / reps)
    assert model_rej / reps <= 0.05 + tol
    # 19 placebos: the smallest placebo p-value is 1/20, so a rejection is p <= 0.05
    assert np.mean(placebo_p <= 0.05) <= 0.05 + tol
    assert pois_rej >= model_rej
    # and not by never rejecting: under no effect the p-values are about uniform
    # (these seeds: model mean 0.50, KS p 0.98; placebo p on 1/20..1, mean 0.54;
    # a mean's standard error is about 0.037)
    assert 0.35 <= np.mean(model_p) <= 0.65
    assert stats.kstest(model_p, "uniform").pvalue > 0.001
    assert 0.4 <= np.mean(placebo_p) <= 0.7


def test_placebo_finds_a_strong_effect_and_is_seeded():
    camps = simulate_campaigns(5, n_days=300, duration_days=10, seed=1)
    sim = simulate_counts(
        300, base_rate=1.0, alpha=0.3, campaigns=camps, campaign_effect=3.0, seed=1
    )
    a = event_study(sim, camps, outcome=OUT, n_placebo=99, seed=5)
    b = event_study(sim, camps, outcome=OUT, n_placebo=99, seed=5)
    c = event_study(sim, camps, outcome=OUT, n_placebo=99, seed=6)
    assert a.pooled.placebo_p_value == pytest.approx(0.01)  # no placebo as extreme
    assert a.pooled.placebo_p_value == b.pooled.placebo_p_value
    np.testing.assert_array_equal(a.placebo_rate_ratios, b.placebo_rate_ratios)
    assert not np.array_equal(a.placebo_rate_ratios, c.placebo_rate_ratios)
    assert len(a.placebo_rate_ratios) == a.pooled.n_placebo == 99
    assert a.pooled.rate_ratio > 2


@pytest.mark.parametrize("contrast", ["during", "post"])
@pytest.mark.parametrize("family", ["negbin", "poisson"])
@pytest.mark.parametrize("trend", [True, False])
def test_options_pick_the_window_and_model(contrast, family, trend):
    camps = simulate_campaigns(4, n_days=300, duration_days=7, min_gap_days=45, seed=3)
    post_effect = camps.assign(
        start=camps["end"] + pd.Timedelta(days=1), end=camps["end"] + pd.Timedelta(days=21)
    )
    sim = simulate_counts(
        300,
        base_rate=1.0,
        alpha=0.2 if family == "negbin" else 0.0,
        campaigns=post_effect,
        campaign_effect=2.5,
        seed=4,
    )
    study = event_study(
        sim,
        camps,
        outcome=OUT,
        pre=21,
        post=21,
        contrast=contrast,
        family=family,
        trend=trend,
        n_placebo=0,
    )
    assert study.pooled.contrast == contrast
    assert study.family == family
    assert study.trend == trend
    assert (study.pooled.alpha == 0) == (family == "poisson")
    names_with_trend = study.model.params.shape[0]
    assert names_with_trend == 4 + trend  # intercept, during, post, other (+ trend)
    win = study.windows.set_index("window")
    assert study.pooled.rate_ratio == pytest.approx(win.loc[contrast, "rate_ratio"])
    if contrast == "post":
        assert study.pooled.ci_low > 1.3
    else:
        assert study.pooled.ci_low < 1.5


def test_accepts_campaigns_result_and_reports_campaigns_outside_coverage():
    events = pd.DataFrame(
        {
            "event_id": ["s1", "s2"],
            "event_type": ["sweep", "sweep"],
            "date_start": pd.to_datetime(["2024-03-01", "2025-06-01"]),
            "date_end": pd.to_datetime(["2024-03-01", "2025-06-01"]),
            "count": [1.0, 1.0],
        }
    )
    camps = find_campaigns(events)
    sim = simulate_counts(200, base_rate=0.5, seed=8).assign(event_type="attack")
    study = event_study(sim, camps, n_placebo=19)
    assert study.pooled.n_campaigns == 1
    assert study.per_campaign["in_coverage"].tolist() == [True, False]
    assert any("outside the counts' coverage" in c for c in study.caveats)
    prof = study.profile
    assert prof["relative_day"].iloc[0] == -28
    assert prof["relative_day"].iloc[-1] == 6 + 28
    launch = prof.set_index("relative_day").loc[0]
    assert launch["mean_count"] == sim.set_index("period").loc["2024-03-01", "count"]
    assert "rate ratio during vs pre" in str(study)


def test_input_checks_and_no_mutation():
    frame = _daily(Y)
    before, camps_before = frame.copy(), CAMPS.copy()
    event_study(frame, CAMPS, pre=4, post=3, n_placebo=5)
    pd.testing.assert_frame_equal(frame, before)
    pd.testing.assert_frame_equal(CAMPS, camps_before)
    with pytest.raises(ValueError, match="complete"):
        event_study(frame.drop(index=5), CAMPS, pre=4, n_placebo=0)
    monthly = frame.assign(period=pd.date_range("2020-01-01", periods=40, freq="MS"))
    with pytest.raises(ValueError, match="not daily"):
        event_study(monthly, CAMPS, n_placebo=0)
    with pytest.raises(ValueError, match="coverage"):
        event_study(frame, _camps([(100, 101)]), n_placebo=0)
    with pytest.raises(ValueError, match="end must not be before start"):
        event_study(frame, _camps([(10, 8)]), n_placebo=0)
    with pytest.raises(ValueError, match="contrast"):
        event_study(frame, CAMPS, contrast="after", n_placebo=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="reference window"):
        event_study(frame, _camps([(0, 3)]), n_placebo=0)


def test_clustered_counts_raise_the_autocorrelation_flag():
    camps = simulate_campaigns(5, n_days=366, seed=12)
    blocky = simulate_counts(366, base_rate=1.0, alpha=0.8, block_periods=14, seed=12)
    iid = simulate_counts(366, base_rate=1.0, alpha=0.8, seed=12)
    flagged = event_study(blocky, camps, outcome=OUT, n_placebo=0)
    plain = event_study(iid, camps, outcome=OUT, n_placebo=0)
    assert flagged.residual_autocorrelation_p < 0.01
    assert any("quote placebo_p_value" in c for c in flagged.caveats)
    assert plain.residual_autocorrelation_p > 0.05
    assert not any("autocorrelated" in c for c in plain.caveats)


def test_pooled_rate_ratios_match_golden_numbers_from_independent_route():
    """validation/golden_eventstudy.py: statsmodels NB ML fit, GLM HAC, hand labels."""
    golden = json.loads((VALIDATION_DIR / "golden_eventstudy.json").read_text(encoding="utf-8"))[
        "event_study"
    ]
    daily = pd.DataFrame(golden["series"]).assign(
        period=lambda f: pd.to_datetime(f["period"]), event_type="attack", days=1.0
    )
    camps = pd.DataFrame(golden["campaigns"]).apply(pd.to_datetime)
    want = golden["result"]
    windows = pd.DataFrame([{"window": w, **v} for w, v in want["windows"].items()]).astype(
        {"days": float}
    )
    for contrast in ("during", "post"):
        study = event_study(
            daily, camps, pre=golden["pre"], post=golden["post"], contrast=contrast, n_placebo=0
        )
        got = study.pooled
        assert got.alpha == pytest.approx(want["alpha"], rel=1e-4)
        for key in ("rate_ratio", "ci_low", "ci_high", "p_value"):
            assert getattr(got, key) == pytest.approx(want[contrast][key], rel=1e-4), key
    pd.testing.assert_frame_equal(study.windows[["window", "days", "count"]], windows)
    other = study.windows.set_index("window").loc["other"]
    assert other["rate_ratio"] == pytest.approx(want["other"]["rate_ratio"], rel=1e-4)
    assert other["p_value"] == pytest.approx(want["other"]["p_value"], rel=1e-4)


def test_no_events_give_nan_estimates_and_a_caveat_without_warnings():
    camps = _camps([(60, 66), (120, 126)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study = event_study(_daily(np.zeros(200)), camps, n_placebo=49)
    pooled = study.pooled
    for value in (pooled.rate_ratio, pooled.ci_low, pooled.ci_high, pooled.p_value):
        assert np.isnan(value)
    assert np.isnan(pooled.placebo_p_value)
    assert pooled.n_placebo == 0
    assert np.isnan(study.residual_autocorrelation_p)
    assert study.per_campaign["rate_ratio"].isna().all()
    assert any("no attack events" in c and "not identified" in c for c in study.caveats)
    assert not any("placebo sets could be placed" in c for c in study.caveats)
    assert study.model is None


def test_a_window_without_events_has_no_rate_ratio():
    y = np.ones(200)
    y[60:67] = 0.0  # nothing during the campaign
    study = event_study(_daily(y), _camps([(60, 66)]), n_placebo=19)
    assert np.isnan(study.pooled.rate_ratio)
    during = study.windows.set_index("window").loc["during"]
    assert np.isnan(during["rate_ratio"])
    assert during["rate_high"] > 0
    post = study.windows.set_index("window").loc["post"]
    assert np.isfinite(post["rate_ratio"])
    assert any("during windows: its rate ratio is not identified" in c for c in study.caveats)
