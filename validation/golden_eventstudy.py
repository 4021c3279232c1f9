"""Golden numbers for event_study, computed by an independent route.

The series below is SYNTHETIC: 200 daily counts drawn once from a seeded
negative binomial generator in this script (not data), with three
pseudo-campaigns, two of whose windows overlap.  This script labels each day
by the documented rule with a plain loop (during, else post, else pre, else
other), fits the pooled model with statsmodels' discrete ``NegativeBinomial``
(joint maximum likelihood of the coefficients and alpha), and applies the
documented standard-error rule with statsmodels and SciPy:

- model variance: the inverse Fisher information of ``GLM`` with the
  ``NegativeBinomial(alpha)`` family at the ML alpha, scaled by
  ``max(1, Pearson chi2 / df)``;
- HAC variance: ``GLM(...).fit(cov_type="HAC", maxlags=pre)`` (Bartlett
  kernel, no small-sample correction);
- the larger of the two, Student's t with ``df = n - parameters - 1``.

It also computes the change points of a short SYNTHETIC series by brute
force over every segmentation with at most two breaks, with the Poisson
log-likelihood from ``scipy.stats.poisson`` and the BIC penalty
``2 log n`` per break.

It does not import ``analysis``.  Run ``python validation/golden_eventstudy.py``
to rewrite ``validation/golden_eventstudy.json``; ``tests/test_eventstudy.py``
and ``tests/test_changepoints.py`` compare with it.
"""

from __future__ import annotations

import itertools
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats

HERE = Path(__file__).resolve().parent
OUT = HERE / "golden_eventstudy.json"

N_DAYS = 200
FIRST_DAY = "2024-01-01"
# SYNTHETIC pseudo-campaigns (day index of launch, last day), windows of 2 and 3 overlap.
CAMPAIGNS = [(40, 46), (100, 109), (125, 131)]
PRE = POST = 14
WINDOWS = ("pre", "during", "post", "other")

# SYNTHETIC change-point series: 60 days, the rate jumps from 0.5 to 2 on day 25.
CP_SEED = 11
CP_MIN_SIZE = 5


def synthetic_counts() -> np.ndarray:
    """Daily NB2 counts, mean 0.8 (0.4 during campaigns), alpha 0.5, seeded."""
    rng = np.random.default_rng(20241125)
    mean = np.full(N_DAYS, 0.8)
    for s, e in CAMPAIGNS:
        mean[s : e + 1] = 0.4
    r = 1 / 0.5
    return rng.negative_binomial(r, r / (r + mean)).astype(float)


def day_labels() -> list[str]:
    labels = []
    for day in range(N_DAYS):
        if any(s <= day <= e for s, e in CAMPAIGNS):
            labels.append("during")
        elif any(e < day <= e + POST for s, e in CAMPAIGNS):
            labels.append("post")
        elif any(s - PRE <= day < s for s, e in CAMPAIGNS):
            labels.append("pre")
        else:
            labels.append("other")
    return labels


def event_study_golden(y: np.ndarray) -> dict[str, object]:
    labels = np.asarray(day_labels())
    t_years = np.arange(N_DAYS) / 365.25
    design = np.column_stack(
        [np.ones(N_DAYS)]
        + [(labels == w).astype(float) for w in WINDOWS[1:]]
        + [t_years - t_years.mean()]
    )
    offset = np.zeros(N_DAYS)  # one day per period
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nb = sm.NegativeBinomial(y, design, offset=offset, loglike_method="nb2").fit(
            method="newton", maxiter=200, tol=1e-12, disp=0
        )
    alpha = float(nb.params[-1])
    family = sm.families.NegativeBinomial(alpha=alpha)
    glm = sm.GLM(y, design, family=family, offset=offset).fit(start_params=nb.params[:-1])
    hac = sm.GLM(y, design, family=family, offset=offset).fit(
        start_params=nb.params[:-1],
        cov_type="HAC",
        cov_kwds={"maxlags": PRE, "use_correction": False},
    )
    beta = nb.params[:-1]
    mu = np.exp(design @ beta + offset)
    df = N_DAYS - design.shape[1] - 1
    pearson = float(np.sum((y - mu) ** 2 / (mu + alpha * mu**2)) / df)
    var = np.maximum(np.diag(glm.cov_params()) * max(1.0, pearson), np.diag(hac.cov_params()))
    q = float(stats.t.ppf(0.975, df))
    out: dict[str, object] = {"alpha": alpha}
    for k, name in enumerate(WINDOWS[1:], start=1):
        b, se = float(beta[k]), float(np.sqrt(var[k]))
        out[name] = {
            "rate_ratio": float(np.exp(b)),
            "ci_low": float(np.exp(b - q * se)),
            "ci_high": float(np.exp(b + q * se)),
            "p_value": float(2 * stats.t.sf(abs(b) / se, df)),
        }
    out["windows"] = {
        w: {"days": int((labels == w).sum()), "count": float(y[labels == w].sum())} for w in WINDOWS
    }
    return out


def changepoint_counts() -> np.ndarray:
    rng = np.random.default_rng(CP_SEED)
    return rng.poisson(np.r_[np.full(25, 0.5), np.full(35, 2.0)]).astype(float)


def changepoints_golden(y: np.ndarray) -> dict[str, object]:
    """Best segmentation with at most two breaks by exhaustive search."""
    n = len(y)
    penalty = 2 * np.log(n)

    def cost(a: int, b: int) -> float:
        rate = y[a:b].mean()
        return -2 * float(np.sum(stats.poisson.logpmf(y[a:b], rate))) if rate > 0 else 0.0

    best = (cost(0, n), ())
    for k in (1, 2):
        for breaks in itertools.combinations(range(CP_MIN_SIZE, n - CP_MIN_SIZE + 1), k):
            bounds = (0, *breaks, n)
            if any(b - a < CP_MIN_SIZE for a, b in itertools.pairwise(bounds)):
                continue
            total = sum(cost(a, b) for a, b in itertools.pairwise(bounds)) + k * penalty
            if total < best[0]:
                best = (total, breaks)
    return {"breaks": list(best[1]), "penalised_cost": best[0], "penalty": float(penalty)}


def main() -> None:
    y = synthetic_counts()
    cp_y = changepoint_counts()
    golden = {
        "note": "SYNTHETIC seeded series; computed by validation/golden_eventstudy.py with "
        "statsmodels (NegativeBinomial, GLM HAC) and scipy, not analysis",
        "event_study": {
            "series": {
                "period": [
                    str(d.date()) for d in pd.date_range(FIRST_DAY, periods=N_DAYS, freq="D")
                ],
                "count": y.tolist(),
            },
            "campaigns": [
                {
                    "start": str((pd.Timestamp(FIRST_DAY) + pd.Timedelta(days=s)).date()),
                    "end": str((pd.Timestamp(FIRST_DAY) + pd.Timedelta(days=e)).date()),
                }
                for s, e in CAMPAIGNS
            ],
            "pre": PRE,
            "post": POST,
            "result": event_study_golden(y),
        },
        "changepoints": {
            "series": {
                "period": [
                    str(d.date()) for d in pd.date_range(FIRST_DAY, periods=len(cp_y), freq="D")
                ],
                "count": cp_y.tolist(),
            },
            "min_size": CP_MIN_SIZE,
            "result": changepoints_golden(cp_y),
        },
    }
    OUT.write_text(json.dumps(golden, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v["result"] for k, v in golden.items() if k != "note"}, indent=2))


if __name__ == "__main__":
    main()
