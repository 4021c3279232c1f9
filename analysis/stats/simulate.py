"""SYNTHETIC count series with a known truth, for checking the methods.

Nothing here is data.  These generators draw overdispersed counts
(negative binomial, as a gamma-Poisson mixture) whose trend, change point
and campaign effect are set by the caller, so that a method can be checked
against the truth it should recover: the tests, ``validation/`` and the
notebooks' "methods check" use them (:func:`simulate_launch_windows` hides
known launch days inside windows, as reports that only bound a launch do).
Every frame they return has ``attrs["synthetic"] = True`` and
``attrs["truth"]`` with the parameters, and its ``event_type`` defaults to
``synthetic_attack`` so that it cannot be mistaken for real counts in a table
or figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from analysis.stats.campaigns import LaunchAnchor

SYNTHETIC_EVENT_TYPE = "synthetic_attack"


def simulate_counts(
    n_periods: int,
    *,
    freq: Literal["D", "MS"] = "D",
    start: str = "2024-01-01",
    base_rate: float = 0.5,
    rate_ratio: float = 1.0,
    alpha: float = 0.5,
    break_at: int | None = None,
    break_ratio: float = 1.0,
    campaigns: pd.DataFrame | None = None,
    campaign_effect: float = 1.0,
    block_periods: int = 1,
    event_type: str = SYNTHETIC_EVENT_TYPE,
    seed: int = 0,
) -> pd.DataFrame:
    """Draw a SYNTHETIC count series shaped like ``count_events`` output.

    The expected count of period ``t`` is
    ``days_t * base_rate * rate_ratio**t * break_ratio**[t >= break_at] *
    campaign_effect**[t inside a campaign]``, and the count is negative
    binomial with that mean and variance ``mean + alpha * mean**2``
    (``alpha = 0``: Poisson).

    Parameters
    ----------
    n_periods : int
        Length of the series.
    freq : {'D', 'MS'}
        Daily or monthly periods (monthly ``days`` are the calendar days).
    start : str
        First period.
    base_rate : float
        Events per day at the first period.
    rate_ratio : float
        Trend: the rate is multiplied by this per period.
    alpha : float
        Overdispersion (0 = Poisson).
    break_at : int, optional
        Index of the first period after a change point.
    break_ratio : float
        Rate multiplier from ``break_at`` on.
    campaigns : pandas.DataFrame, optional
        ``start`` and ``end`` (inclusive) of campaigns (daily series only).
    campaign_effect : float
        Rate multiplier on days inside a campaign.
    block_periods : int
        Periods sharing one gamma rate multiplier.  1 (default) gives
        independent negative binomial counts; 14 on a daily series gives
        fortnight-long quiet spells and surges (counts clustered in time), which
        a day-level count model does not capture.
    event_type : str
        Label of the series; ``synthetic_attack`` by default.
    seed : int
        Seed of the random draws.

    Returns
    -------
    pandas.DataFrame
        ``period``, ``event_type``, ``days``, ``count``, ``expected``; with
        ``attrs["synthetic"]`` and ``attrs["truth"]``.

    Examples
    --------
    >>> sim = simulate_counts(6, freq="MS", base_rate=1.0, alpha=0.0, seed=1)
    >>> sim.attrs["synthetic"], sim["days"].tolist()
    (True, [31, 29, 31, 30, 31, 30])
    >>> sim["expected"].tolist()
    [31.0, 29.0, 31.0, 30.0, 31.0, 30.0]
    """
    if n_periods < 1:
        raise ValueError(f"n_periods must be at least 1, got {n_periods}")
    if alpha < 0 or base_rate <= 0:
        raise ValueError("alpha must be >= 0 and base_rate > 0")
    periods = pd.date_range(start, periods=n_periods, freq=freq)
    days = periods.days_in_month.to_numpy() if freq == "MS" else np.ones(n_periods, dtype=int)
    t = np.arange(n_periods)
    mu = days * base_rate * rate_ratio ** t.astype(float)
    if break_at is not None:
        mu = mu * np.where(t >= break_at, break_ratio, 1.0)
    if campaigns is not None and len(campaigns):
        if freq != "D":
            raise ValueError("campaign effects are simulated on daily series only")
        inside = np.zeros(n_periods, bool)
        for s, e in zip(
            pd.to_datetime(campaigns["start"]), pd.to_datetime(campaigns["end"]), strict=True
        ):
            inside |= (periods >= s) & (periods <= e)
        mu = mu * np.where(inside, campaign_effect, 1.0)
    rng = np.random.default_rng(seed)
    if block_periods < 1:
        raise ValueError(f"block_periods must be at least 1, got {block_periods}")
    if block_periods == 1 or alpha == 0:
        counts = draw_negbin(rng, mu, alpha)
    else:
        n_blocks = -(-n_periods // block_periods)
        shared = rng.gamma(1.0 / alpha, alpha, size=n_blocks)
        counts = rng.poisson(mu * np.repeat(shared, block_periods)[:n_periods])
    out = pd.DataFrame(
        {
            "period": periods.astype("datetime64[ns]"),
            "event_type": event_type,
            "days": days,
            "count": counts.astype(float),
            "expected": mu,
        }
    )
    truth: dict[str, Any] = {
        "base_rate": base_rate,
        "rate_ratio": rate_ratio,
        "alpha": alpha,
        "break_at": break_at,
        "break_ratio": break_ratio,
        "campaign_effect": campaign_effect,
        "block_periods": block_periods,
        "seed": seed,
    }
    out.attrs["synthetic"] = True
    out.attrs["truth"] = truth
    return out


def draw_negbin(rng: np.random.Generator, mu: np.ndarray, alpha: float) -> np.ndarray:
    """Draw NB2 counts (gamma-Poisson) with means ``mu`` and dispersion ``alpha``.

    Examples
    --------
    >>> import numpy as np
    >>> x = draw_negbin(np.random.default_rng(0), np.full(20000, 4.0), 0.5)
    >>> round(float(x.mean()), 1), round(float(x.var()) / 12, 1)
    (4.0, 1.0)
    """
    mu = np.asarray(mu, dtype=float)
    if alpha == 0:
        return rng.poisson(mu)
    return rng.poisson(mu * rng.gamma(1.0 / alpha, alpha, size=mu.shape))


def simulate_campaigns(
    n_campaigns: int,
    *,
    start: str = "2024-01-01",
    n_days: int = 365,
    duration_days: int = 7,
    margin_days: int = 28,
    min_gap_days: int = 0,
    seed: int = 0,
) -> pd.DataFrame:
    """Draw SYNTHETIC campaign intervals at random, non-overlapping dates.

    Launches are drawn uniformly from the days that leave ``margin_days``
    before the launch and after the end inside ``[start, start + n_days)``,
    with at least ``min_gap_days`` between one campaign's end and the next
    launch.

    Parameters
    ----------
    n_campaigns : int
        How many campaigns.
    start : str
        First day of the coverage.
    n_days : int
        Length of the coverage in days.
    duration_days : int
        Length of each campaign, launch day included.
    margin_days : int
        Days kept free at both ends of the coverage.
    min_gap_days : int
        Days between campaigns.
    seed : int
        Seed.

    Returns
    -------
    pandas.DataFrame
        ``campaign``, ``start``, ``end``; ``attrs["synthetic"] = True``.

    Examples
    --------
    >>> camps = simulate_campaigns(3, seed=2)
    >>> len(camps), bool((camps["end"] - camps["start"]).dt.days.eq(6).all())
    (3, True)
    """
    rng = np.random.default_rng(seed)
    first = pd.Timestamp(start)
    lo, hi = margin_days, n_days - margin_days - duration_days
    if hi < lo:
        raise ValueError("coverage too short for the margins and the duration")
    for _ in range(10_000):
        s = np.sort(rng.choice(np.arange(lo, hi + 1), size=n_campaigns, replace=False))
        if n_campaigns < 2 or np.all(np.diff(s) >= duration_days + min_gap_days):
            break
    else:
        raise ValueError("could not place the campaigns without overlap; fewer or shorter")
    starts = first + pd.to_timedelta(s, unit="D")
    out = pd.DataFrame(
        {
            "campaign": np.arange(1, n_campaigns + 1),
            "start": starts.astype("datetime64[ns]"),
            "end": (starts + pd.Timedelta(days=duration_days - 1)).astype("datetime64[ns]"),
        }
    )
    out.attrs["synthetic"] = True
    return out


def simulate_launch_windows(
    campaigns: pd.DataFrame,
    window_days: int | Sequence[int],
    *,
    anchor: LaunchAnchor = "middle",
    seed: int = 0,
) -> pd.DataFrame:
    """Hide SYNTHETIC campaigns' true launch days inside launch windows of known width.

    Each campaign's true launch is placed uniformly at random within a window
    of ``window_days`` days (so the window says no more than a report that
    bounds a launch), and the interval is then anchored as
    :func:`analysis.stats.campaigns.find_campaigns` anchors it, with the
    campaign's true length.  The truth stays in ``true_start`` and
    ``true_end`` for checking what an event study recovers.

    Parameters
    ----------
    campaigns : pandas.DataFrame
        ``start`` and ``end`` (inclusive): the true campaigns, e.g. from
        :func:`simulate_campaigns`.  Not modified.
    window_days : int or sequence of int
        Width of every launch window, or one width per campaign (1: the
        launch is known to the day).
    anchor : {'middle', 'earliest', 'latest'}
        The day of the window ``start`` is placed on.
    seed : int
        Seed of the launches' positions within their windows.

    Returns
    -------
    pandas.DataFrame
        ``campaign``, ``launch_earliest``, ``start``, ``launch_latest``,
        ``end``, ``end_known`` (False), ``launch_window_days``,
        ``true_start``, ``true_end``; ``attrs["synthetic"] = True`` and
        ``attrs["truth"]``.

    Examples
    --------
    >>> camps = simulate_campaigns(3, seed=2)
    >>> hidden = simulate_launch_windows(camps, 7, seed=1)
    >>> bool(hidden["launch_window_days"].eq(7).all())
    True
    >>> inside = (hidden["launch_earliest"] <= hidden["true_start"]) & (
    ...     hidden["true_start"] <= hidden["launch_latest"])
    >>> bool(inside.all()), hidden.attrs["synthetic"]
    (True, True)
    >>> bool(((hidden["start"] - hidden["launch_earliest"]).dt.days == 3).all())
    True
    """
    from analysis.stats.campaigns import anchor_launches

    true_start = pd.to_datetime(campaigns["start"]).dt.normalize().reset_index(drop=True)
    true_end = pd.to_datetime(campaigns["end"]).dt.normalize().reset_index(drop=True)
    width = np.broadcast_to(np.asarray(window_days, dtype=int), (len(campaigns),)).copy()
    if (width < 1).any():
        raise ValueError(f"window_days must be at least 1, got {window_days}")
    rng = np.random.default_rng(seed)
    before = rng.integers(0, width)  # days of the window before the true launch
    earliest = true_start - pd.to_timedelta(before, unit="D")
    latest = earliest + pd.to_timedelta(width - 1, unit="D")
    start = anchor_launches(earliest, latest, anchor)
    out = pd.DataFrame(
        {
            "campaign": (
                campaigns["campaign"].to_numpy()
                if "campaign" in campaigns.columns
                else np.arange(1, len(campaigns) + 1)
            ),
            "launch_earliest": earliest.astype("datetime64[ns]"),
            "start": start.astype("datetime64[ns]"),
            "launch_latest": latest.astype("datetime64[ns]"),
            "end": (start + (true_end - true_start)).astype("datetime64[ns]"),
            "end_known": False,
            "launch_window_days": width,
            "true_start": true_start.astype("datetime64[ns]"),
            "true_end": true_end.astype("datetime64[ns]"),
        }
    )
    out.attrs["synthetic"] = True
    out.attrs["truth"] = {"window_days": width.tolist(), "anchor": anchor, "seed": seed}
    return out
