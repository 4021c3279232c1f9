"""The count-model kernels agree with statsmodels; the calibration script runs."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
import warnings

import numpy as np
import pytest
import statsmodels.api as sm

from analysis.config import VALIDATION_DIR
from analysis.stats._countmodels import fit_count_model, hac_cov, irls, nb_loglik


@pytest.mark.parametrize(("n", "alpha", "seed"), [(24, 0.5, 1), (60, 1.5, 2), (300, 0.2, 3)])
def test_negbin_fit_matches_statsmodels_discrete_negativebinomial(n, alpha, seed):
    rng = np.random.default_rng(seed)
    t = np.arange(n, dtype=float)
    days = rng.choice([28.0, 30.0, 31.0], n)
    mu = days * 0.2 * np.exp(0.01 * t)
    y = rng.poisson(mu * rng.gamma(1 / alpha, alpha, n)).astype(float)
    x = sm.add_constant(t)
    ours = fit_count_model(y, x, np.log(days))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = sm.NegativeBinomial(y, x, offset=np.log(days)).fit(
            method="newton", disp=0, maxiter=200, tol=1e-12
        )
    np.testing.assert_allclose(ours.beta, ref.params[:2], rtol=1e-5, atol=1e-7)
    assert ours.alpha == pytest.approx(ref.params[2], rel=1e-4)
    assert ours.loglik == pytest.approx(ref.llf, rel=1e-9)
    glm = sm.GLM(
        y, x, offset=np.log(days), family=sm.families.NegativeBinomial(alpha=ours.alpha)
    ).fit(tol=1e-12)
    np.testing.assert_allclose(np.sqrt(np.diag(ours.cov)), glm.bse, rtol=1e-5)


def test_poisson_fit_and_loglik_match_statsmodels_glm():
    rng = np.random.default_rng(4)
    x = np.column_stack([np.ones(40), rng.normal(size=40)])
    y = rng.poisson(np.exp(0.5 + 0.3 * x[:, 1])).astype(float)
    ours = fit_count_model(y, x, np.zeros(40), "poisson")
    ref = sm.GLM(y, x, family=sm.families.Poisson()).fit(tol=1e-12)
    np.testing.assert_allclose(ours.beta, ref.params, rtol=1e-7)
    np.testing.assert_allclose(ours.cov, ref.cov_params(), rtol=1e-6)
    assert nb_loglik(y, ref.mu, 0.0) == pytest.approx(ref.llf)
    assert irls(y, x, np.zeros(40), 0.0).converged


def test_equidispersed_counts_give_alpha_at_the_poisson_boundary():
    y = np.array([5.0, 5, 5, 5, 5, 5, 5, 5])
    fit = fit_count_model(y, np.ones((8, 1)), np.zeros(8))
    assert fit.alpha < 1e-6


def test_hac_matches_statsmodels_glm_hac_for_poisson():
    rng = np.random.default_rng(5)
    n = 200
    x = np.column_stack([np.ones(n), (np.arange(n) % 30 < 7).astype(float)])
    y = rng.poisson(np.repeat(rng.gamma(2, 0.5, n // 10), 10)).astype(float)
    fit = fit_count_model(y, x, np.zeros(n), "poisson")
    ref = sm.GLM(y, x, family=sm.families.Poisson()).fit(
        cov_type="HAC", cov_kwds={"maxlags": 10, "use_correction": False}, tol=1e-12
    )
    ours = hac_cov(x, y, fit.mu, 0.0, fit.cov, 10)
    np.testing.assert_allclose(ours, ref.cov_params(), rtol=1e-5)


def test_calibration_script_runs_and_reports_every_test(monkeypatch, tmp_path):
    spec = importlib.util.spec_from_file_location("calibration", VALIDATION_DIR / "calibration.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "calibration", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    rows, seconds = module.run(sims=2, n_placebo=3)
    assert len(rows) == 47
    assert all(r.sims == 2 for r in rows)
    text = module.report(rows, seconds, 2, 3)
    assert json.loads(module.to_json(rows, seconds, 2, 3))["rows"][0]["sims"] == 2
    assert "| test | runs | share | 95% interval |" in text
    assert "Seeds: " in text
    assert "`nproc`" in text
    # --render rebuilds the same report from the saved numbers
    out = tmp_path / "calibration.md"
    out.with_suffix(".json").write_text(module.to_json(rows, seconds, 2, 3), encoding="utf-8")
    assert module.main(["--render", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == module.report(rows, round(seconds, 1), 2, 3)
    # --only re-runs some groups and marks the rows it keeps from the saved run
    few, _ = module.run(sims=2, n_placebo=3, only=("changepoint",))
    assert {r.scenario for r in few} < {r.scenario for r in rows}
    assert not any(r.note for r in module.merge(rows, few))  # same code: nothing to mark
    older = [dataclasses.replace(r, code="older") for r in rows]
    merged = module.merge(older, few)
    assert len(merged) == len(rows)
    assert all(bool(r.note) == (r.scenario not in {f.scenario for f in few}) for r in merged)
    assert "Note: carried over" in module.report(merged, 1.0, 2, 3)


def test_committed_calibration_report_matches_its_numbers_and_is_calibrated():
    """validation/calibration.md is the rendering of calibration.json (>= 500 runs)."""
    saved = json.loads((VALIDATION_DIR / "calibration.json").read_text(encoding="utf-8"))
    assert saved["sims"] >= 500
    text = (VALIDATION_DIR / "calibration.md").read_text(encoding="utf-8")
    for r in saved["rows"]:
        assert f"| {r['test']} | {r['rejections']}/{r['sims']} |" in text
        ours = r["test"].startswith(("fit_trend negbin", "event_study negbin"))
        clustered = "-day blocks" in r["scenario"]  # the model p-value is known to drift there
        if (ours and not clustered) or "placebo" in r["test"]:
            assert r["interval_95"][0] <= 0.05, r  # not above nominal beyond chance
    by_test = {(r["scenario"], r["test"]): r for r in saved["rows"]}
    cp = [r for (scenario, _), r in by_test.items() if scenario.startswith("change points")]
    for r in cp:
        default = r["test"].startswith("detect_changepoints default")
        if default and "14-day" in r["scenario"]:
            assert r["rate"] <= 0.15, r  # clustered stationary years rarely split
        if r["test"].startswith("default: a break within 45 days"):
            assert r["rate"] >= 0.80, r  # the clustered shift is found
        if "outlier" in r["scenario"]:
            assert r["rejections"] == 0, r


def test_a_slow_irls_fit_at_the_likelihood_maximum_counts_as_converged():
    # an outlier makes NB2 IRLS crawl: the step tolerance is not met in 50 iterations
    y = np.array([3, 2, 4, 3, 2, 3, 200, 3, 2, 4, 3, 2], float)
    design = np.column_stack([np.ones(12), np.arange(12.0)])
    fit = fit_count_model(y, design, np.zeros(12), "negbin")
    ref = sm.GLM(y, design, family=sm.families.NegativeBinomial(alpha=fit.alpha))
    ref = ref.fit(tol=1e-13, maxiter=1000)
    assert fit.converged
    assert fit.beta == pytest.approx(ref.params, abs=1e-6)
    # a fit stopped far from the maximum is not converged
    early = irls(y, design, np.zeros(12), fit.alpha, start=np.array([0.0, 0.5]))
    assert early.converged == (abs(early.loglik - fit.loglik) < 1e-6)
