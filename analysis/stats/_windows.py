"""The window labels and model pieces every event-study refit shares.

:mod:`analysis.stats.eventstudy` fits the pooled model on the anchored
campaigns and on placebo sets; :mod:`analysis.stats.launchwindows` refits it
over launch days drawn within their windows.  Both label days and build the
design here, so that every refit is the same model.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
from scipy import stats

from analysis.stats._countmodels import Z95, hac_cov

WINDOWS: Final[tuple[str, ...]] = ("pre", "during", "post", "other")
"""Window labels, from the reference (``pre``) on."""


@dataclass(frozen=True)
class Spec:
    """What every refit of the pooled model shares (anchored, placebo, launch draws)."""

    y: np.ndarray
    offset: np.ndarray
    t: np.ndarray | None
    n: int
    pre: int
    post: int
    contrast: str
    family: str
    hac_lags: int
    alpha: float


def two_sided_p(stat: float, df: float) -> float:
    tt = abs(stat)
    return float(2 * (stats.t.sf(tt, df) if np.isfinite(df) else stats.norm.sf(tt)))


def window_labels(
    n: int, s: np.ndarray, e: np.ndarray, pre: int, post: int
) -> tuple[np.ndarray, int]:
    """Pooled window label per day (codes into WINDOWS) and the overlap day count."""
    during = np.zeros(n, bool)
    after = np.zeros(n, bool)
    before = np.zeros(n, bool)
    hits = np.zeros(n, int)
    for si, ei in zip(s.tolist(), e.tolist(), strict=True):
        lo, hi = max(si - pre, 0), min(ei + post, n - 1)
        if hi >= lo:
            hits[lo : hi + 1] += 1
        before[max(si - pre, 0) : max(si, 0)] = True
        during[max(si, 0) : max(min(ei, n - 1) + 1, 0)] = True
        after[min(ei + 1, n) : min(ei + post, n - 1) + 1] = True
    labels = np.full(n, 3)
    labels[before] = 0
    labels[after] = 2
    labels[during] = 1
    return labels, int(np.sum(hits >= 2))


def design_matrix(labels: np.ndarray, t: np.ndarray | None) -> tuple[np.ndarray, list[str]]:
    cols, names = [np.ones(len(labels))], ["intercept"]
    for code, name in enumerate(WINDOWS[1:], start=1):
        m = labels == code
        if m.any():
            cols.append(m.astype(float))
            names.append(name)
    if t is not None:
        cols.append(t - t.mean())
        names.append("trend_per_year")
    return np.column_stack(cols), names


def variances(
    y: np.ndarray, design: np.ndarray, fit: Any, family: str, hac_lags: int
) -> tuple[np.ndarray, float, float]:
    """Coefficient variances (the larger of scaled-model and HAC), df and the t quantile."""
    scale, df = small_sample(y, fit.mu, fit.alpha, design.shape[1], family)
    var = np.diag(fit.cov) * scale
    if family == "negbin":
        hac = hac_cov(design, y, fit.mu, fit.alpha, fit.cov, hac_lags)
        var = np.maximum(var, np.diag(hac))
    q = float(stats.t.ppf(0.975, df)) if np.isfinite(df) else Z95
    return var, df, q


def small_sample(
    y: np.ndarray, mu: np.ndarray, alpha: float, p: int, family: str
) -> tuple[float, float]:
    if family == "poisson":
        return 1.0, float("inf")
    df = float(max(len(y) - p - 1, 1))
    pearson = float(np.sum((y - mu) ** 2 / (mu + alpha * mu**2)) / df)
    return max(1.0, pearson), df
