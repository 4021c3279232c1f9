"""Golden numbers for fit_trend, computed by an independent route.

The series below is SYNTHETIC: 24 hand-typed monthly counts (not data), the
last month covering only 15 of its 31 days.  This script fits the models
with statsmodels' discrete ``NegativeBinomial`` (joint maximum likelihood of
the coefficients and alpha) and ``GLM`` Poisson, then applies the documented
small-sample rule by hand with NumPy/SciPy:

- NB: standard error of the trend from the inverse Fisher information
  ``(X' W X)^-1`` with ``W = mu / (1 + alpha * mu)``, scaled by
  ``max(1, Pearson chi2 / (n - 3))``; Student's t with ``n - 3`` df.
- Poisson: plain Wald z.

It does not import ``analysis``.  Run ``python validation/golden_trend.py``
to rewrite ``validation/golden_trend.json``; ``tests/test_trends.py`` compares
``fit_trend`` with it.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

HERE = Path(__file__).resolve().parent
OUT = HERE / "golden_trend.json"

# SYNTHETIC, hand-typed: monthly counts for 2022-01 .. 2023-12.
COUNTS = [14, 9, 22, 11, 7, 18, 12, 25, 9, 6, 16, 10, 21, 8, 5, 13, 19, 7, 11, 4, 15, 9, 6, 3]
PERIODS = pd.date_range("2022-01-01", periods=24, freq="MS")
DAYS = PERIODS.days_in_month.to_numpy().astype(float)
DAYS[-1] = 15.0  # the last month is only half covered


def main() -> None:
    y = np.asarray(COUNTS, dtype=float)
    n = len(y)
    t = np.arange(n, dtype=float)  # months since the first period
    x = sm.add_constant(t)
    offset = np.log(DAYS)

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = sm.NegativeBinomial(y, x, offset=offset, loglike_method="nb2").fit(
            method="newton", maxiter=200, tol=1e-12, disp=0
        )
    beta, alpha = nb.params[:2], float(nb.params[2])
    mu = np.exp(x @ beta + offset)
    w = mu / (1 + alpha * mu)
    cov = np.linalg.inv(x.T @ (x * w[:, None]))
    df = n - 3
    pearson = float(np.sum((y - mu) ** 2 / (mu + alpha * mu**2)) / df)
    scale = max(1.0, pearson)
    se = float(np.sqrt(cov[1, 1] * scale))
    q = float(stats.t.ppf(0.975, df))
    negbin = {
        "rate_ratio": float(np.exp(beta[1])),
        "ci_low": float(np.exp(beta[1] - q * se)),
        "ci_high": float(np.exp(beta[1] + q * se)),
        "p_value": float(2 * stats.t.sf(abs(beta[1]) / se, df)),
        "alpha": alpha,
        "scale": scale,
        "loglik": float(nb.llf),
    }

    pois = sm.GLM(y, x, family=sm.families.Poisson(), offset=offset).fit()
    b, s = float(pois.params[1]), float(pois.bse[1])
    z = float(stats.norm.ppf(0.975))
    poisson = {
        "rate_ratio": float(np.exp(b)),
        "ci_low": float(np.exp(b - z * s)),
        "ci_high": float(np.exp(b + z * s)),
        "p_value": float(2 * stats.norm.sf(abs(b) / s)),
        "alpha": 0.0,
    }
    golden = {
        "note": "SYNTHETIC hand-typed series; computed by validation/golden_trend.py "
        "with statsmodels discrete NegativeBinomial + GLM Poisson, not analysis",
        "series": {
            "period": [str(p.date()) for p in PERIODS],
            "days": DAYS.tolist(),
            "count": COUNTS,
        },
        "negbin": negbin,
        "poisson": poisson,
    }
    OUT.write_text(json.dumps(golden, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"negbin": negbin, "poisson": poisson}, indent=2))


if __name__ == "__main__":
    main()
