"""Count regression kernels shared by trends, change points and event studies.

Private module: small, fast NumPy code for the negative binomial (NB2) and
Poisson log-linear models with an exposure offset, so that the placebo loops
and simulation studies can refit a model thousands of times.  The public
functions return the matching :mod:`statsmodels` results object for users who
want more, and the tests check these kernels against statsmodels.

The NB2 model: ``y_i ~ NB(mean mu_i, variance mu_i + alpha * mu_i**2)`` with
``log mu_i = log(exposure_i) + x_i @ beta``.  ``alpha = 0`` is the Poisson
model.  ``alpha`` is estimated by maximising the profile log-likelihood over
``log(alpha)`` (each evaluation refits ``beta`` by IRLS); the covariance of
``beta`` is the inverse expected (Fisher) information at the estimate, as in
statsmodels' GLM.

Examples
--------
>>> import numpy as np
>>> y = np.array([3.0, 0.0, 7.0, 1.0, 9.0, 2.0, 12.0, 4.0])
>>> design = np.column_stack([np.ones(8), np.arange(8.0)])
>>> fit = fit_count_model(y, design, np.zeros(8), family="negbin")
>>> bool(fit.alpha > 0), fit.converged
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import gammaln, xlogy
from scipy.stats import chi2, norm

Family = Literal["negbin", "poisson"]
FAMILIES: Final[tuple[str, ...]] = ("negbin", "poisson")

ALPHA_BOUNDS: Final[tuple[float, float]] = (1e-8, 1e3)
"""Search range of the NB dispersion; an estimate at the lower bound means the
data show no overdispersion (the NB model is then the Poisson model)."""

POISSON_ALPHA: Final = 1e-6
"""An NB2 dispersion below this is treated as none: the model is Poisson (its
intervals are then the exact Poisson ones)."""

Z95: Final = 1.959963984540054
"""The 97.5% quantile of the standard normal: half-width of a 95% Wald interval."""

_MAX_ITER: Final = 50
_TOL: Final = 1e-9
_LOGLIK_TOL: Final = 1e-8
"""A fit is converged when less than this much log-likelihood is left to gain."""
_ETA_CLIP: Final = 30.0


@dataclass(frozen=True)
class CountFit:
    """Estimates of one count model fit (kernel result, not public)."""

    beta: np.ndarray
    cov: np.ndarray
    alpha: float
    mu: np.ndarray
    loglik: float
    converged: bool


def nb_loglik(y: np.ndarray, mu: np.ndarray, alpha: float) -> float:
    """Return the NB2 (or Poisson when ``alpha == 0``) log-likelihood.

    Works for non-integer ``y`` (spread counts) through the gamma function.

    Examples
    --------
    >>> import numpy as np
    >>> round(nb_loglik(np.array([0.0, 2.0]), np.array([1.0, 1.0]), 0.0), 4)
    -2.6931
    """
    if alpha <= 0:
        return float(np.sum(xlogy(y, mu) - mu - gammaln(y + 1.0)))
    r = 1.0 / alpha
    return float(
        np.sum(
            gammaln(y + r)
            - gammaln(r)
            - gammaln(y + 1.0)
            + r * np.log(r / (r + mu))
            + xlogy(y, mu / (r + mu))
        )
    )


def irls(
    y: np.ndarray,
    design: np.ndarray,
    offset: np.ndarray,
    alpha: float,
    start: np.ndarray | None = None,
) -> CountFit:
    """Fit ``beta`` of a log-link NB2 (Poisson if ``alpha == 0``) model by IRLS.

    Parameters
    ----------
    y, design, offset : numpy.ndarray
        Counts (n,), design matrix (n, p) and log-exposure offset (n,).
    alpha : float
        Fixed NB2 dispersion (0 for Poisson).
    start : numpy.ndarray, optional
        Starting coefficients.

    Returns
    -------
    CountFit
        Coefficients, inverse Fisher information, fitted means, log-likelihood.

    Examples
    --------
    >>> import numpy as np
    >>> fit = irls(np.array([2.0, 4.0]), np.ones((2, 1)), np.zeros(2), 0.0)
    >>> round(float(np.exp(fit.beta[0])), 6)
    3.0
    """
    n, p = design.shape
    if start is None:
        ybar = max(float(np.mean(y / np.exp(offset))), 1e-3)
        beta = np.zeros(p)
        # Start at the mean rate: least squares of log(rate) on design is unstable
        # with zeros, so use the intercept-like direction only.
        eta = np.full(n, np.log(ybar)) + offset
        mu = np.exp(eta)
        z = eta - offset + (y - mu) / mu
        w = mu / (1.0 + alpha * mu)
        beta = _wls(design, z, w)
    else:
        beta = np.asarray(start, dtype=float).copy()
    converged = False
    for _ in range(_MAX_ITER):
        eta = np.clip(design @ beta + offset, -_ETA_CLIP, _ETA_CLIP)
        mu = np.exp(eta)
        w = mu / (1.0 + alpha * mu)
        z = eta - offset + (y - mu) / mu
        beta_new = _wls(design, z, w)
        step = float(np.max(np.abs(beta_new - beta)))
        beta = beta_new
        if step <= _TOL * (1.0 + float(np.max(np.abs(beta)))):
            converged = True
            break
    eta = np.clip(design @ beta + offset, -_ETA_CLIP, _ETA_CLIP)
    mu = np.exp(eta)
    w = mu / (1.0 + alpha * mu)
    info = design.T @ (design * w[:, None])
    try:
        cov = np.linalg.inv(info)
    except np.linalg.LinAlgError:
        cov = np.full((p, p), np.nan)
    if not converged:
        # IRLS converges linearly on NB2 and can crawl on an outlier; what
        # matters is whether the likelihood is at its maximum: the Newton
        # decrement (the log-likelihood still to gain) is below _LOGLIK_TOL.
        score = design.T @ ((y - mu) / (1.0 + alpha * mu))
        gain = float(score @ cov @ score) / 2.0
        converged = bool(np.isfinite(gain) and gain <= _LOGLIK_TOL)
    return CountFit(beta, cov, float(alpha), mu, nb_loglik(y, mu, alpha), converged)


def _wls(design: np.ndarray, z: np.ndarray, w: np.ndarray) -> np.ndarray:
    xw = design * w[:, None]
    try:
        return np.linalg.solve(design.T @ xw, xw.T @ z)
    except np.linalg.LinAlgError:
        sw = np.sqrt(w)
        coef, *_ = np.linalg.lstsq(design * sw[:, None], z * sw, rcond=None)
        return coef


def fit_count_model(
    y: np.ndarray,
    design: np.ndarray,
    offset: np.ndarray,
    family: Family = "negbin",
    alpha: float | None = None,
) -> CountFit:
    """Fit a Poisson or NB2 model; NB2's ``alpha`` by profile maximum likelihood.

    Parameters
    ----------
    y, design, offset : numpy.ndarray
        Counts, design matrix and log-exposure offset.
    family : {'negbin', 'poisson'}
        Model family.
    alpha : float, optional
        Fix the NB2 dispersion instead of estimating it.

    Returns
    -------
    CountFit
        The fit at the estimated (or given) dispersion.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([0.0, 5.0, 1.0, 8.0, 0.0, 6.0])
    >>> fit_count_model(y, np.ones((6, 1)), np.zeros(6), "poisson").alpha
    0.0
    """
    y = np.asarray(y, dtype=float)
    design = np.asarray(design, dtype=float)
    offset = np.asarray(offset, dtype=float)
    if family == "poisson":
        return irls(y, design, offset, 0.0)
    if family != "negbin":
        raise ValueError(f"family must be one of {FAMILIES}, got {family!r}")
    if alpha is not None:
        return irls(y, design, offset, float(alpha))
    pois = irls(y, design, offset, 0.0)
    start = pois.beta

    def negll(log_alpha: float) -> float:
        return -irls(y, design, offset, float(np.exp(log_alpha)), start=start).loglik

    lo, hi = np.log(ALPHA_BOUNDS[0]), np.log(ALPHA_BOUNDS[1])
    # A coarse grid first: the profile can be flat near alpha = 0, and a
    # bounded Brent search from the middle of a 25-unit range may miss the
    # interior optimum on short series.
    grid = np.linspace(np.log(1e-4), np.log(1e2), 9)
    values = [negll(g) for g in grid]
    k = int(np.argmin(values))
    a = grid[max(k - 1, 0)] if k > 0 else lo
    b = grid[min(k + 1, len(grid) - 1)] if k < len(grid) - 1 else hi
    res = minimize_scalar(negll, bounds=(a, b), method="bounded", options={"xatol": 1e-7})
    best_log_alpha = float(res.x)
    if negll(lo) <= res.fun:
        best_log_alpha = lo
    return irls(y, design, offset, float(np.exp(best_log_alpha)), start=start)


def wald(estimate: float, se: float) -> tuple[float, float, float]:
    """Return the 95% Wald interval on the ratio scale and the two-sided p-value.

    Examples
    --------
    >>> lo, hi, p = wald(0.0, 1.0)
    >>> round(lo, 3), round(hi, 3), p
    (0.141, 7.099, 1.0)
    """
    if not np.isfinite(se) or se <= 0:
        return float("nan"), float("nan"), float("nan")
    p = float(2.0 * norm.sf(abs(estimate) / se))
    return float(np.exp(estimate - Z95 * se)), float(np.exp(estimate + Z95 * se)), p


def rate_interval(count: float, days: float, days_sq: float, alpha: float) -> tuple[float, float]:
    """Return the 95% interval of a rate ``count / days`` (events per day).

    For Poisson counts (``alpha`` below :data:`POISSON_ALPHA`) and for a zero
    count, the exact (Garwood) Poisson interval.  For NB2 counts, a Wald interval on the log
    scale with variance ``1/count + alpha * days_sq / days**2``, where
    ``days_sq`` is the sum of the squared period lengths (the variance of a
    sum of NB2 counts whose means are proportional to the days).

    Examples
    --------
    >>> lo, hi = rate_interval(0.0, 30.0, 30.0, 0.0)
    >>> lo, round(hi * 30, 4)
    (0.0, 3.6889)
    >>> lo, hi = rate_interval(20.0, 10.0, 10.0, 0.5)
    >>> bool(lo < 2.0 < hi)
    True
    """
    if count == 0 or alpha < POISSON_ALPHA:
        lo = 0.0 if count == 0 else float(chi2.ppf(0.025, 2 * count) / 2 / days)
        hi = float(chi2.ppf(0.975, 2 * count + 2) / 2 / days)
        return lo, hi
    se = float(np.sqrt(1.0 / count + alpha * days_sq / days**2))
    rate = count / days
    return rate * float(np.exp(-Z95 * se)), rate * float(np.exp(Z95 * se))


def hac_cov(
    design: np.ndarray, y: np.ndarray, mu: np.ndarray, alpha: float, bread: np.ndarray, lags: int
) -> np.ndarray:
    """Newey-West (Bartlett kernel) sandwich covariance of NB2/Poisson coefficients.

    Robust to a misspecified variance and to serial correlation of the scores
    up to ``lags`` periods apart (counts clustered in time).  ``bread`` is the
    inverse Fisher information (``CountFit.cov``).

    Examples
    --------
    >>> import numpy as np
    >>> x = np.ones((4, 1)); y = np.array([1.0, 3.0, 2.0, 2.0]); mu = np.full(4, 2.0)
    >>> bread = np.array([[1 / 8]])
    >>> round(float(hac_cov(x, y, mu, 0.0, bread, 0)[0, 0]), 4)
    0.0312
    """
    scores = design * ((y - mu) / (1.0 + alpha * mu))[:, None]
    meat = scores.T @ scores
    for lag in range(1, min(lags, len(y) - 1) + 1):
        weight = 1.0 - lag / (lags + 1.0)
        cross = scores[lag:].T @ scores[:-lag]
        meat += weight * (cross + cross.T)
    return bread @ meat @ bread
