"""Change points: the dates when the rate of events shifted.

:func:`detect_changepoints` splits a count series into segments with a
constant rate each, placing the breaks where the counts say the rate changed.
It answers "when", which a single trend line cannot: a series that rose and
fell, or jumped once, shows up as segments.

The method is PELT (Killick, Fearnhead and Eckley 2012): the exact optimum of
"segment costs + a penalty per break", found fast by pruning start points
that can no longer win.  The segment cost is minus twice the maximised
log-likelihood of a Poisson or negative binomial model with one rate per
segment and the period's ``days`` as exposure.

What the breaks cannot say
--------------------------
A break is a change in *reported* events: a new outlet, a lost source or a
news cycle moves the counts as much as a change on the ground does.  The
penalty decides how much evidence a break needs; with a few dozen events, only
large, lasting shifts are found, and a break date is uncertain by days to
weeks.  Read breaks together with the segment intervals, not alone.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Final, Literal

import numpy as np
import pandas as pd
from scipy.special import gammaln

from analysis.stats._countmodels import POISSON_ALPHA, fit_count_model, nb_loglik, rate_interval
from analysis.stats._series import infer_period_unit, select_series

Cost = Literal["poisson", "negbin"]
Penalty = Literal["bic", "mbic"]
PENALTIES: Final[tuple[str, ...]] = ("bic", "mbic")
DEFAULT_MIN_SIZE: Final[dict[str, int]] = {
    "day": 14,
    "week": 4,
    "month": 3,
    "quarter": 2,
    "year": 2,
}
"""Default shortest segment, by the series' period: two weeks of days, four
weeks, three months.  Shorter segments let a single burst of reports pass for
a change of regime."""

DEFAULT_BLOCK: Final[dict[str, int]] = {"day": 7, "week": 1, "month": 1, "quarter": 1, "year": 1}
"""Default number of periods summed into one unit of the search: a week of
days; weekly and coarser series are searched period by period."""

_MAX_ALPHA_ROUNDS: Final = 5
_PLACE_WINDOW: Final = 4
"""A break found on units is placed on its period within this many units either side."""


@dataclass(frozen=True, eq=False)
class Changepoints:
    """Change points of a count series (returned by :func:`detect_changepoints`).

    Attributes
    ----------
    breakpoints : tuple of pandas.Timestamp
        First period of each new segment: the date from which the new rate
        holds.  Empty when the counts show no change worth the penalty.
    segments : pandas.DataFrame
        One row per segment: ``segment`` (1, 2, ...), ``start`` (first day),
        ``end`` (last day), ``n_periods``, ``days``, ``count``, ``rate`` (events
        per day), ``rate_low``, ``rate_high`` (95% interval of the rate).
    series : pandas.DataFrame
        The series with its segment, for plotting: ``period``, ``days``,
        ``count``, ``segment``, ``fitted`` (segment rate x days).
    cost : str
        ``poisson`` or ``negbin``.
    alpha : float
        Dispersion used by the negbin cost (0 for Poisson), estimated with the
        segments found, on the counts of the search units (``block`` periods
        summed).
    penalty : float
        Penalty per break, on the -2 log-likelihood scale.
    penalty_rule : str
        How the penalty was chosen (``bic``, ``mbic`` or ``given``).
    min_size : int
        Shortest segment allowed, in periods.
    block : int
        Periods summed into one unit of the search (7 for daily series by
        default); 1 searches period by period.
    caveats : tuple of str
        What limits these breaks (no events, breaks dropped because they
        rested on a single unit, ...).
    """

    breakpoints: tuple[pd.Timestamp, ...]
    segments: pd.DataFrame = field(repr=False)
    series: pd.DataFrame = field(repr=False)
    cost: str
    alpha: float
    penalty: float
    penalty_rule: str
    min_size: int
    block: int = 1
    caveats: tuple[str, ...] = ()

    def summary(self) -> str:
        """Return one line per segment, in words."""
        spread = (
            "no extra variation found, alpha = 0"
            if self.cost == "negbin" and self.alpha < POISSON_ALPHA
            else f"alpha = {self.alpha:.3g}"
        )
        unit = "" if self.block == 1 else f", searched in blocks of {self.block} periods"
        lines = [
            f"{len(self.breakpoints)} change point(s) ({self.cost} cost, {spread}, "
            f"penalty {self.penalty:.1f} per break [{self.penalty_rule}],"
            f" segments of at least {self.min_size} periods{unit})"
        ]
        for row in self.segments.to_dict("records"):
            lines.append(
                f"  segment {row['segment']}: {row['start'].date()}..{row['end'].date()}: "
                f"{row['count']:g} events in {row['days']:g} days, {row['rate']:.3g}/day "
                f"(95% CI {row['rate_low']:.3g} to {row['rate_high']:.3g})"
            )
        lines += [f"  caveat: {c}" for c in self.caveats]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def detect_changepoints(
    counts: pd.DataFrame,
    event_type: str | None = None,
    *,
    cost: Cost = "negbin",
    penalty: Penalty | float = "bic",
    min_size: int | None = None,
    block: int | None = None,
) -> Changepoints:
    """Find the dates where the rate of events changed.

    Parameters
    ----------
    counts : pandas.DataFrame
        Output of ``count_events`` (``period``, ``event_type``, ``days``,
        ``count``); by-group rows of a period are summed.  Not modified.
    event_type : str, optional
        Which series; required when ``counts`` holds several.
    cost : {'negbin', 'poisson'}
        Segment likelihood.  ``negbin`` (default) allows counts to vary more
        than Poisson within a segment, with one dispersion ``alpha`` shared by
        all segments.  ``alpha`` is estimated in rounds: first with one rate
        for the whole series (which overstates it when the rate does change,
        making the first search cautious), then with the segments found,
        until the segments stop changing (at most 5 rounds).  ``poisson``
        assumes Poisson counts: on clustered counts it finds too many breaks.
    penalty : {'bic', 'mbic'} or float
        Cost of adding a break, on the -2 log-likelihood scale.  ``bic``
        (default): ``2 * log(n)`` for n periods, since a break adds two
        parameters (a rate and a date).  ``mbic``: ``3 * log(n)``, stricter,
        in the spirit of the modified BIC of Zhang and Siegmund (2007).  A
        number sets it directly (larger = fewer breaks).
    min_size : int, optional
        Shortest segment in periods.  Default by the series' period: 14 days,
        4 weeks, 3 months, 2 quarters or years.
    block : int, optional
        Periods summed into one unit of the search.  Default 7 for daily
        series (the search runs on weekly totals, then each break is placed
        on its day), 1 otherwise.  Summing days makes the cost hold when
        reports cluster in time: see Notes.

    Returns
    -------
    Changepoints
        ``breakpoints`` (dates), ``segments`` (rates with 95% intervals),
        ``series`` (for plotting) and ``caveats``; prints a summary.

    Notes
    -----
    The search.  PELT (exact optimal segmentation) runs on the counts of
    ``block`` consecutive periods (weeks of a daily series), with ``days``
    as exposure and the penalty of the ``n`` periods.  Daily reports cluster
    over days to weeks (a surge, a quiet spell); a day-level count model
    treats those days as independent and reads each surge as a regime: on a
    stationary SYNTHETIC series with its rate moving in 14-day blocks, the
    day-level search found a break in 36% of years.  On weekly totals, the
    negative binomial dispersion absorbs the clustering within a week and
    part of that between weeks, and the same series split in 2-3%
    (``validation/calibration.md``).  Each break found on the weekly totals
    is then placed on its day: the day within four weeks either side that
    maximises the Poisson likelihood of the two segments beside it.

    One unit is not a regime.  A break whose evidence rests on a single unit
    (one month with 200 reports among months of 3) is dropped: each break
    must still pay its penalty when any one unit of the two segments beside
    it is set aside (given the rate of the rest of its segment).  Dropped
    breaks are named in ``caveats``.

    Intervals.  The segment rate is ``count / days``.  Its 95% interval is the
    exact (Garwood) Poisson interval for the Poisson cost, for a segment with
    no events and when the estimated dispersion is nil (``alpha`` below
    1e-6); otherwise a Wald interval on the log scale with variance
    ``1/count + alpha * sum(D**2) / days_total**2``, ``D`` the days of each
    search unit.  The negbin cost evaluates each segment at that rate, which
    is its exact maximum-likelihood estimate when all units have the same
    length and a close approximation otherwise.  Break dates are estimated,
    not known: a burst near a boundary moves a break by a few periods.

    Limits.  With few events (a handful a month, as in most Badia series) only
    large changes can be found: a segment resting on a dozen events has a wide
    interval, and finding no break does not show that the rate stayed the
    same.  Clustering that lasts longer than a block passes partly for
    regimes (a stationary series with 28-day surges split in 16% of
    SYNTHETIC years).  The counts are of *reported* events: a break can be a
    change in who reported, how closely, or with what access (an outlet
    starting or stopping, attention moving to another front), not in the
    fighting; check a break against a second source before reading it as a
    change on the ground.  The penalty decides how many breaks are found and
    is a choice, not a test: rerun with ``penalty="mbic"`` and a larger
    number and report the breaks that survive.  The segment intervals are
    conditional on the breaks found in the same data, so they are narrower
    than the uncertainty really is.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)  # synthetic: the rate triples on day 60
    >>> lam = np.r_[np.full(60, 0.5), np.full(60, 1.5)]
    >>> counts = pd.DataFrame({
    ...     "period": pd.date_range("2024-01-01", periods=120, freq="D"),
    ...     "event_type": "attack", "days": 1, "count": rng.poisson(lam).astype(float)})
    >>> cps = detect_changepoints(counts, "attack")
    >>> [str(b.date()) for b in cps.breakpoints]
    ['2024-02-25']
    >>> cps.segments[["segment", "n_periods", "count"]]
       segment  n_periods  count
    0        1         55   34.0
    1        2         65  116.0
    """
    if cost not in ("poisson", "negbin"):
        raise ValueError(f"cost must be 'poisson' or 'negbin', got {cost!r}")
    series = select_series(counts, event_type, what="detect_changepoints counts")
    n = len(series)
    unit = infer_period_unit(series["period"])
    min_size = DEFAULT_MIN_SIZE[unit] if min_size is None else min_size
    block = DEFAULT_BLOCK[unit] if block is None else block
    if min_size < 1 or block < 1:
        raise ValueError(f"min_size and block must be at least 1, got {min_size} and {block}")
    pen, rule = _penalty_value(penalty, n)
    y = series["count"].to_numpy(dtype=float)
    d = series["days"].to_numpy(dtype=float)
    if n < min_size:
        raise ValueError(
            f"detect_changepoints: {n} periods; rule: at least min_size "
            f"({min_size}) periods are needed"
        )
    units = _Units(y, d, block)
    caveats: list[str] = []
    if y.sum() == 0:
        bounds, alpha = [0, n], 0.0
        caveats.append("no events in the series: no change of rate can be found")
    else:
        min_units = max(1, -(-min_size // block))
        ub, alpha = _search(units.y, units.d, cost, pen, min_units)
        ub, dropped = _drop_single_unit_breaks(units.y, units.d, ub, alpha, pen)
        periods_all = series["period"].reset_index(drop=True)
        what = "block starting" if block > 1 else "period"
        caveats += [
            f"the break at {periods_all[units.edges[b]].date()} was dropped: it rested "
            f"on one {what} {periods_all[units.edges[i]].date()}"
            for b, i in dropped
        ]
        bounds = _place_breaks(y, d, [units.edges[b] for b in ub], block, min_size)
    periods = series["period"].reset_index(drop=True)
    seg_rows = []
    seg_id = np.empty(n, dtype=int)
    for k, (s, e) in enumerate(itertools.pairwise(bounds), start=1):
        seg_id[s:e] = k
        c, dd = float(y[s:e].sum()), float(d[s:e].sum())
        lo, hi = rate_interval(c, dd, _unit_days_sq(d[s:e], block), alpha)
        seg_rows.append(
            {
                "segment": k,
                "start": periods[s],
                "end": periods[e - 1] + pd.Timedelta(days=float(d[e - 1]) - 1),
                "n_periods": e - s,
                "days": dd,
                "count": c,
                "rate": c / dd,
                "rate_low": lo,
                "rate_high": hi,
            }
        )
    segments = pd.DataFrame(seg_rows)
    rates = segments["rate"].to_numpy()[seg_id - 1]
    out_series = series.assign(segment=seg_id, fitted=rates * d)
    return Changepoints(
        breakpoints=tuple(pd.Timestamp(periods[b]) for b in bounds[1:-1]),
        segments=segments,
        series=out_series,
        cost=cost,
        alpha=float(alpha),
        penalty=pen,
        penalty_rule=rule,
        min_size=int(min_size),
        block=int(block),
        caveats=tuple(caveats),
    )


def _penalty_value(penalty: Penalty | float, n: int) -> tuple[float, str]:
    """Penalty per break on the -2 log-likelihood scale, and its rule's name."""
    if isinstance(penalty, str):
        if penalty not in PENALTIES:
            raise ValueError(f"penalty must be one of {PENALTIES} or a number, got {penalty!r}")
        return (2.0 if penalty == "bic" else 3.0) * float(np.log(max(n, 2))), penalty
    pen = float(penalty)
    if not np.isfinite(pen) or pen < 0:
        raise ValueError(f"penalty must be a non-negative number, got {penalty!r}")
    return pen, "given"


class _Units:
    """The series summed into search units of ``block`` periods (the last may be shorter)."""

    def __init__(self, y: np.ndarray, d: np.ndarray, block: int) -> None:
        n = len(y)
        self.edges = [*range(0, n, block), n]
        starts = np.array(self.edges[:-1])
        self.y = np.add.reduceat(y, starts)
        self.d = np.add.reduceat(d, starts)


def _unit_days_sq(d: np.ndarray, block: int) -> float:
    """Sum of squared days of a segment's units of ``block`` periods."""
    return float(np.sum(np.add.reduceat(d, np.arange(0, len(d), block)) ** 2))


def _search(
    y: np.ndarray, d: np.ndarray, cost: str, penalty: float, min_size: int
) -> tuple[list[int], float]:
    """PELT with the cost's dispersion estimated in rounds; returns bounds and alpha."""
    if cost == "poisson":
        return segment_series(y, d, alpha=0.0, penalty=penalty, min_size=min_size), 0.0
    n = len(y)
    alpha = _alpha_given_segments(y, d, [0, n])
    bounds = segment_series(y, d, alpha=alpha, penalty=penalty, min_size=min_size)
    for _ in range(_MAX_ALPHA_ROUNDS):
        new_alpha = _alpha_given_segments(y, d, bounds)
        new_bounds = segment_series(y, d, alpha=new_alpha, penalty=penalty, min_size=min_size)
        alpha = new_alpha
        if new_bounds == bounds:
            break
        bounds = new_bounds
    return bounds, alpha


def _set_cost(y: np.ndarray, d: np.ndarray, alpha: float) -> float:
    """-2 x the log-likelihood of counts at one rate, their ML rate ``sum(y) / sum(d)``."""
    lam = float(y.sum() / d.sum())
    return -2.0 * nb_loglik(y, lam * d, alpha if alpha >= POISSON_ALPHA else 0.0)


def _robust_gain(
    y: np.ndarray, d: np.ndarray, s: int, b: int, e: int, alpha: float
) -> tuple[float, int]:
    """Return the break's smallest gain over setting aside one unit, and that unit.

    The break ``b`` parts ``[s, b)`` from ``[b, e)``; its gain is the drop in
    cost from one rate to two.  A unit is set aside by giving it the rate of
    the rest of its own segment, so the segment keeps its length.
    """
    best, worst_unit = np.inf, s
    yy = y[s:e].astype(float)
    dd = d[s:e]
    for i in range(s, e):
        lo, hi = (s, b) if i < b else (b, e)
        rest = float(y[lo:hi].sum() - y[i]), float(d[lo:hi].sum() - d[i])
        if rest[1] <= 0:
            gain = 0.0
        else:
            yi = yy.copy()
            yi[i - s] = rest[0] / rest[1] * d[i]
            k = b - s
            gain = (
                _set_cost(yi, dd, alpha)
                - _set_cost(yi[:k], dd[:k], alpha)
                - _set_cost(yi[k:], dd[k:], alpha)
            )
        if gain < best:
            best, worst_unit = gain, i
    return best, worst_unit


def _drop_single_unit_breaks(
    y: np.ndarray, d: np.ndarray, bounds: list[int], alpha: float, penalty: float
) -> tuple[list[int], list[tuple[int, int]]]:
    """Drop, weakest first, each break that no longer pays its penalty without one unit."""
    bounds = list(bounds)
    dropped: list[tuple[int, int]] = []
    while len(bounds) > 2:
        gains = [
            _robust_gain(y, d, bounds[j - 1], bounds[j], bounds[j + 1], alpha)
            for j in range(1, len(bounds) - 1)
        ]
        j = int(np.argmin([g for g, _ in gains]))
        if gains[j][0] >= penalty:
            break
        dropped.append((bounds[j + 1], gains[j][1]))
        del bounds[j + 1]
    return bounds, dropped


def _place_breaks(
    y: np.ndarray, d: np.ndarray, bounds: list[int], block: int, min_size: int
) -> list[int]:
    """Move each break found on units to its period: the Poisson ML date nearby."""
    if block == 1:
        return bounds
    cy, cd = np.r_[0.0, np.cumsum(y)], np.r_[0.0, np.cumsum(d)]

    def cost(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        c, dd = cy[b] - cy[a], cd[b] - cd[a]
        with np.errstate(divide="ignore", invalid="ignore"):
            return -2.0 * np.where(c > 0, c * np.log(np.where(c > 0, c / dd, 1.0)) - c, 0.0)

    out = list(bounds)
    for j in range(1, len(out) - 1):
        s, b, e = out[j - 1], out[j], out[j + 1]
        lo, hi = (
            max(s + min_size, b - _PLACE_WINDOW * block + 1),
            min(e - min_size, b + _PLACE_WINDOW * block - 1),
        )
        if hi <= lo:
            continue
        p = np.arange(lo, hi + 1)
        total = cost(np.full(len(p), s), p) + cost(p, np.full(len(p), e))
        out[j] = int(p[np.argmin(total)])
    return out


def _alpha_given_segments(y: np.ndarray, d: np.ndarray, bounds: list[int]) -> float:
    """ML dispersion of an NB model with one rate per segment."""
    n = len(y)
    design = np.zeros((n, len(bounds) - 1))
    for k, (s, e) in enumerate(itertools.pairwise(bounds)):
        design[s:e, k] = 1.0
    keep = design.sum(axis=0) > 0
    return fit_count_model(y, design[:, keep], np.log(d), "negbin").alpha


class _SegmentCost:
    """Minus twice the maximised log-likelihood of segments ``[s, t)``, vectorised over s."""

    def __init__(self, y: np.ndarray, d: np.ndarray, alpha: float) -> None:
        self.y, self.d = y, d
        self.cy = np.r_[0.0, np.cumsum(y)]
        self.cd = np.r_[0.0, np.cumsum(d)]
        self.poisson = alpha < POISSON_ALPHA
        self.equal_days = bool(np.all(d == d[0]))
        if not self.poisson:
            self.r = 1.0 / alpha
            # Terms that do not depend on the rate, summed with cumulative sums.
            base = gammaln(y + self.r) - gammaln(self.r) + self.r * np.log(self.r)
            self.cbase = np.r_[0.0, np.cumsum(base)]

    def __call__(self, s: np.ndarray, t: int) -> np.ndarray:
        c = self.cy[t] - self.cy[s]
        dd = self.cd[t] - self.cd[s]
        lam = c / dd
        with np.errstate(divide="ignore", invalid="ignore"):
            log_lam = np.where(c > 0, np.log(np.where(c > 0, lam, 1.0)), 0.0)
        if self.poisson:
            return -2.0 * (c * log_lam - c)
        r = self.r
        if self.equal_days:
            mid = (r * (t - s) + c) * np.log(r + lam * self.d[0])
        else:
            mid = np.array(
                [
                    np.sum((r + self.y[si:t]) * np.log(r + lam_i * self.d[si:t]))
                    for si, lam_i in zip(s, lam, strict=True)
                ]
            )
        base = self.cbase[t] - self.cbase[s]
        return -2.0 * (base - mid + c * log_lam)


def segment_series(
    y: np.ndarray,
    d: np.ndarray,
    *,
    alpha: float,
    penalty: float,
    min_size: int,
    prune: bool = True,
) -> list[int]:
    """Optimal segmentation by PELT (or plain optimal partitioning without pruning).

    Minimises ``sum of segment costs + penalty * number of breaks`` over all
    segmentations whose segments have at least ``min_size`` periods.

    Parameters
    ----------
    y, d : numpy.ndarray
        Counts and days (exposure) per period.
    alpha : float
        NB dispersion (0 = Poisson cost).
    penalty : float
        Penalty per break.
    min_size : int
        Shortest segment.
    prune : bool
        PELT pruning (exact; ``False`` gives the O(n^2) optimal partitioning,
        kept to check PELT against).

    Returns
    -------
    list of int
        Segment boundaries ``[0, b1, ..., n]`` (break ``b`` = first index of a
        new segment).

    Examples
    --------
    >>> import numpy as np
    >>> y = np.r_[np.zeros(10), np.full(10, 5.0)]
    >>> segment_series(y, np.ones(20), alpha=0.0, penalty=6.0, min_size=3)
    [0, 10, 20]
    """
    n = len(y)
    cost = _SegmentCost(np.asarray(y, float), np.asarray(d, float), alpha)
    f = np.full(n + 1, np.inf)
    f[0] = -penalty
    last = np.zeros(n + 1, dtype=int)
    candidates: list[int] = [0]
    pruned_at: dict[int, int] = {}
    for t in range(min_size, n + 1):
        s_new = t - min_size
        if s_new >= min_size and np.isfinite(f[s_new]):
            candidates.append(s_new)
        s_arr = np.array(candidates, dtype=int)
        values = f[s_arr] + cost(s_arr, t) + penalty
        k = int(np.argmin(values))
        f[t], last[t] = values[k], s_arr[k]
        if prune:
            # Pruning rule of PELT: s can never be the last break for any later
            # end if F(s) + C(s, t) > F(t).  With a minimum segment length the
            # argument only covers ends at least min_size after t, so a pruned
            # start is kept until then.
            worse = values - penalty > f[t] + 1e-9
            for si, w in zip(s_arr.tolist(), worse.tolist(), strict=True):
                if w and si not in pruned_at:
                    pruned_at[si] = t
            candidates = [
                si for si in candidates if si not in pruned_at or t + 1 < pruned_at[si] + min_size
            ]
    bounds = [n]
    while bounds[-1] > 0:
        bounds.append(int(last[bounds[-1]]))
    return bounds[::-1]
