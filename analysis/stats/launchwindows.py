"""Launches known only to a window: the event study over launch days within them.

A report that only bounds a launch ("more than a week before 13 June") gives
a window of days, not a date.  :func:`analysis.stats.eventstudy.event_study`
places each launch on one anchor day for its headline and, through
:func:`over_launches_effect`, redoes the pooled estimate with the launches
drawn within their windows (:class:`LaunchWindowEffect`), and keeps its
placebo campaigns off every day a real campaign can have held
(:func:`possible_spans`).  :func:`mixture_summary` turns the draws into one
interval that holds both the sampling error and the dates' uncertainty.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Final

import numpy as np
from scipy import optimize, stats

from analysis.stats._countmodels import irls
from analysis.stats._windows import WINDOWS, Spec, design_matrix, variances, window_labels

N_LAUNCH_DRAWS: Final = 200
"""Launch-date sets drawn for ``EventStudy.over_launches`` when the windows
allow more combinations than this (else every combination is used)."""


@dataclass(frozen=True, eq=False)
class LaunchWindowEffect:
    """The pooled rate ratio over launch days within their windows (``EventStudy.over_launches``).

    Each draw places every campaign's launch on one day of its window
    (uniformly, independently), moves its interval with it (an assumed end
    moves, a known end stays) and refits the pooled model at the anchored
    fit's dispersion.  With every launch known to the day there is one set,
    the anchored one, and these numbers are the anchored ones.

    Attributes
    ----------
    rate_ratio : float
        Median of the combined distribution below: the central estimate over
        launch dates.
    ci_low, ci_high : float
        95% interval that includes the launch dates' uncertainty: the 2.5%
        and 97.5% points of the equal-weight mixture of the draws' sampling
        distributions (each draw's Student t on the log scale, centred on
        its estimate, with its standard error).  Its variance is the mean
        within-draw variance plus the variance between draws, as in Rubin's
        rules for multiple imputation.
    p_value : float
        Two-sided p-value of "rate ratio = 1" under the same mixture
        (below 0.05 exactly when the interval excludes 1).
    draws_low, draws_high : float
        2.5% and 97.5% points of the draws' point estimates: how far the
        launch dates alone move the estimate.
    n_draws : int
        Launch-date sets fitted (1: every launch known to the day; 0: no
        estimate to draw).
    exhaustive : bool
        Every combination of launch days was used (no random draws, no
        Monte Carlo error).
    n_uncertain : int
        Campaigns in the coverage whose launch is known only to a window.
    max_window_days : int
        The widest of their windows.
    launch_share : float
        Share of the interval's log-scale variance that comes from the
        launch dates (between-draw variance over the total).
    n_unidentified : int
        Draws whose rate ratio was not identified (no events in a window);
        left out of the numbers above.
    draw_rate_ratios : numpy.ndarray
        Each draw's point estimate.
    seed : int
        Seed of the random draws.

    Examples
    --------
    >>> import numpy as np
    >>> effect = LaunchWindowEffect(0.8, 0.3, 2.1, 0.6, 0.7, 0.9, 200, False, 2, 13, 0.1, 0,
    ...                             np.full(200, 0.8), 0)
    >>> print(effect)  # doctest: +NORMALIZE_WHITESPACE
    over launch days within their windows: rate ratio 0.800 (95% CI 0.300 to 2.100),
    p = 0.6; the draws' estimates 0.700 to 0.900 (2.5-97.5%, 200 seeded draws;
    2 launches known to a window of up to 13 days; 10% of the variance from the dates)
    """

    rate_ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    draws_low: float
    draws_high: float
    n_draws: int
    exhaustive: bool
    n_uncertain: int
    max_window_days: int
    launch_share: float
    n_unidentified: int
    draw_rate_ratios: np.ndarray = field(repr=False)
    seed: int = 0

    def __str__(self) -> str:
        if self.n_uncertain == 0:
            return "every launch known to the day: no launch dates to draw"
        how = "every combination" if self.exhaustive else f"{self.n_draws} seeded draws"
        return (
            f"over launch days within their windows: rate ratio {self.rate_ratio:.3f} "
            f"(95% CI {self.ci_low:.3f} to {self.ci_high:.3f}), p = {self.p_value:.3g}; "
            f"the draws' estimates {self.draws_low:.3f} to {self.draws_high:.3f} "
            f"(2.5-97.5%, {how}; {self.n_uncertain} launch"
            f"{'es' if self.n_uncertain > 1 else ''} known to a window of up to "
            f"{self.max_window_days} days; {self.launch_share:.0%} of the variance from the dates)"
        )


def ends_for(idx: dict[str, np.ndarray], starts: np.ndarray) -> np.ndarray:
    """Last days of campaigns launched on ``starts``: a known end stays, an assumed one moves."""
    return np.where(idx["end_known"], idx["end"], starts + (idx["end"] - idx["start"]))


def possible_spans(idx: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Days a real campaign can have held: each launch window through its latest end."""
    blocked = np.zeros(n, bool)
    last = ends_for(idx, idx["latest"])
    for lo, hi in zip(idx["earliest"].tolist(), last.tolist(), strict=True):
        blocked[max(lo, 0) : max(min(hi, n - 1) + 1, 0)] = True
    return blocked


def launch_draws(idx: dict[str, np.ndarray], n_draws: int, seed: int) -> tuple[np.ndarray, bool]:
    """Return launch day indices, one row per draw: every combination if few enough, else seeded."""
    width = idx["width"]
    combos = math.prod(int(w) for w in width)
    if combos <= n_draws:
        grids = np.meshgrid(*[np.arange(w) for w in width.tolist()], indexing="ij")
        offsets = np.stack([g.ravel() for g in grids], axis=1)
        return idx["earliest"] + offsets, True
    # A stream of its own, so that the placebo sets stay those of ``seed`` alone.
    # Balanced: each launch day of a window is drawn equally often (to within one),
    # in an order shuffled independently per campaign (a Latin hypercube over days).
    rng = np.random.default_rng([seed, 1])
    offsets = np.column_stack(
        [rng.permutation(np.resize(np.arange(w), n_draws)) for w in width.tolist()]
    )
    return idx["earliest"] + offsets, False


def draw_estimate(spec: Spec, starts: np.ndarray, ends: np.ndarray) -> tuple[float, float, float]:
    """Log rate ratio, its standard error and df for one set of campaign dates (NaN if none)."""
    nan = (float("nan"),) * 3
    n, y = spec.n, spec.y
    in_cov = (starts >= 0) & (starts < n)
    if not in_cov.any():
        return nan  # type: ignore[return-value]
    labels, _ = window_labels(n, starts[in_cov], ends[in_cov], spec.pre, spec.post)
    code = WINDOWS.index(spec.contrast)
    if not y[labels == 0].any() or not y[labels == code].any():
        return nan  # type: ignore[return-value]
    design, names = design_matrix(labels, spec.t)
    fit = irls(y, design, spec.offset, spec.alpha)
    var, df, _ = variances(y, design, fit, spec.family, spec.hac_lags)
    k = names.index(spec.contrast)
    return float(fit.beta[k]), float(np.sqrt(var[k])), df


def mixture_summary(
    estimates: np.ndarray, std_errors: np.ndarray, df: np.ndarray | float
) -> tuple[float, float, float, float]:
    """Median, 95% interval and p-value of an equal-weight mixture of Student t laws.

    Each component is ``estimates[k] + std_errors[k] * T(df[k])`` on the log
    scale (``df = inf``: normal).  Returns ``(median, low, high, p)`` on the
    ratio scale, ``p`` the two-sided mixture probability beyond 0 (ratio 1).
    Components that are not finite are left out; NaNs if none is left.

    Parameters
    ----------
    estimates, std_errors : numpy.ndarray
        Log-scale estimates and their standard errors, one per component.
    df : numpy.ndarray or float
        Degrees of freedom of each component (or one for all).

    Returns
    -------
    tuple of float
        ``(median, ci_low, ci_high, p_value)``.

    Examples
    --------
    >>> import numpy as np
    >>> med, lo, hi, p = mixture_summary(np.array([0.0]), np.array([1.0]), np.inf)
    >>> round(med, 6), round(lo, 3), round(hi, 3), round(p, 6)
    (1.0, 0.141, 7.099, 1.0)
    >>> med, lo, hi, p = mixture_summary(np.log([0.5, 2.0]), np.array([0.1, 0.1]), np.inf)
    >>> round(med, 3), round(lo, 2), round(hi, 2)
    (1.0, 0.42, 2.4)
    """
    b = np.asarray(estimates, dtype=float)
    se = np.asarray(std_errors, dtype=float)
    dfs = np.broadcast_to(np.asarray(df, dtype=float), b.shape)
    ok = np.isfinite(b) & np.isfinite(se) & (se > 0)
    if not ok.any():
        return (float("nan"),) * 4  # type: ignore[return-value]
    b, se, dfs = b[ok], se[ok], dfs[ok]

    def cdf(x: float) -> float:
        return float(np.mean(stats.t.cdf((x - b) / se, dfs)))

    lo_x, hi_x = float(np.min(b - 60 * se)), float(np.max(b + 60 * se))
    points = [
        optimize.brentq(lambda x, q=q: cdf(x) - q, lo_x, hi_x, xtol=1e-12)
        for q in (0.5, 0.025, 0.975)
    ]
    at_one = cdf(0.0)
    p = min(1.0, 2 * min(at_one, 1 - at_one))
    return float(np.exp(points[0])), float(np.exp(points[1])), float(np.exp(points[2])), p


def over_launches_effect(
    spec: Spec,
    idx: dict[str, np.ndarray],
    in_cov: np.ndarray,
    anchored: tuple[float, float, float, float],
    n_draws: int,
    seed: int,
) -> LaunchWindowEffect:
    """Redo the pooled estimate over launch days drawn within their windows."""
    rr, lo, hi, p = anchored
    n_uncertain = int(np.sum((idx["width"] > 1) & in_cov))
    widest = int(idx["width"][in_cov].max())
    if n_uncertain == 0 or not np.isfinite(rr) or n_draws < 1:
        done = int(np.isfinite(rr))
        return LaunchWindowEffect(
            rr, lo, hi, p, rr, rr, done, True, n_uncertain, widest, 0.0, 0,
            np.full(done, rr), seed,
        )  # fmt: skip
    starts, exhaustive = launch_draws(idx, n_draws, seed)
    fits = np.array([draw_estimate(spec, s, ends_for(idx, s)) for s in starts])
    b, se, df = fits[:, 0], fits[:, 1], fits[:, 2]
    ok = np.isfinite(b)
    med, ci_lo, ci_hi, p_mix = mixture_summary(b, se, df)
    between = float(np.var(b[ok])) if ok.any() else float("nan")
    share = between / (between + float(np.mean(se[ok] ** 2))) if ok.any() else float("nan")
    q_lo, q_hi = np.quantile(b[ok], [0.025, 0.975]) if ok.any() else (np.nan, np.nan)
    return LaunchWindowEffect(
        rate_ratio=med,
        ci_low=ci_lo,
        ci_high=ci_hi,
        p_value=p_mix,
        draws_low=float(np.exp(q_lo)),
        draws_high=float(np.exp(q_hi)),
        n_draws=len(starts),
        exhaustive=exhaustive,
        n_uncertain=n_uncertain,
        max_window_days=widest,
        launch_share=share,
        n_unidentified=int(np.sum(~ok)),
        draw_rate_ratios=np.exp(b),
        seed=seed,
    )
