"""One campaign set per analysis: the campaigns, the counts and the event study together.

:func:`study_campaigns` finds the sweep campaigns of an events frame inside
one coverage, counts the outcome day by day over the same coverage and runs
:func:`analysis.stats.eventstudy.event_study` on both.  A notebook that
prints the study and a figure that draws it call it with the same
arguments, so they cannot speak of different campaigns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from analysis.stats.campaigns import Campaigns, LaunchAnchor
    from analysis.stats.eventstudy import EventStudy

EXHAUSTIVE_LAUNCH_DRAWS = 5000
"""Launch-date sets :func:`study_campaigns` allows: every combination of the
2024 record's launch windows (416 inside 2024) is fitted, so its
``over_launches`` has no Monte Carlo error."""


@dataclass(frozen=True, eq=False)
class CampaignStudy:
    """Campaigns, daily counts and their event study over one coverage (:func:`study_campaigns`).

    Attributes
    ----------
    campaigns : Campaigns
        The campaigns launched inside the coverage (``intervals``), those
        left out (``outside``) and the reported total beside them.
    daily : pandas.DataFrame
        Daily counts of every event type over the coverage.
    study : EventStudy
        The event study of ``outcome`` around ``campaigns``.
    coverage : tuple of pandas.Timestamp
        First and last day of the analysis.
    """

    campaigns: Campaigns
    daily: pd.DataFrame = field(repr=False)
    study: EventStudy = field(repr=False)
    coverage: tuple[pd.Timestamp, pd.Timestamp]

    @property
    def n_dated(self) -> int:
        """Campaigns in the study: launched inside the coverage, dated or windowed."""
        return len(self.campaigns.intervals)

    def reading(self) -> str:
        """Return one sentence that reads the headline as its interval allows.

        An interval that holds 1 is "no detectable change", whatever the point
        estimate; one that does not is a change of that size, not an effect.
        """
        over = self.study.over_launches
        lo, hi = over.ci_low, over.ci_high
        window = self.study.pooled.contrast
        n, total = self.n_dated, self.campaigns.reported_total
        of = f" of the about {total:g} reported" if total is not None else ""
        if not (lo <= 1.0 <= hi):
            word = "fewer" if hi < 1 else "more"
            change = f"{word} reported attacks per day {window} campaigns than before them"
        else:
            change = f"no detectable change in reported attacks per day {window} campaigns"
        return (
            f"{n} dated campaign{'s' if n != 1 else ''}{of}: {change} (rate ratio "
            f"{over.rate_ratio:.2f}, 95% interval {lo:.2f} to {hi:.2f} over the launch windows; "
            f"placebo p = {self.study.pooled.placebo_p_value:.2f})"
        )

    def summary(self) -> str:
        """Return the campaign set, the study and the reading."""
        lo, hi = (d.date() for d in self.coverage)
        return "\n".join(
            [
                f"Campaign study over {lo}..{hi}",
                str(self.campaigns),
                str(self.study),
                self.reading(),
            ]
        )

    def __str__(self) -> str:
        return self.summary()


def study_campaigns(
    events: pd.DataFrame,
    coverage: Any,
    *,
    outcome: str = "attack",
    pre: int = 28,
    post: int = 28,
    default_duration_days: int = 7,
    anchor: LaunchAnchor = "middle",
    reported_total: float | None = None,
    n_placebo: int = 999,
    n_launch_draws: int = EXHAUSTIVE_LAUNCH_DRAWS,
    seed: int = 0,
) -> CampaignStudy:
    """Study the outcome around the campaigns launched inside one coverage.

    The campaigns are :func:`analysis.stats.campaigns.find_campaigns` of
    ``events`` with ``coverage`` (a launch window not wholly inside it is
    left out and listed); the counts are
    ``count_events(events, freq="D", coverage=coverage)``; the study is
    :func:`analysis.stats.eventstudy.event_study` of the two.

    Parameters
    ----------
    events : pandas.DataFrame
        Validated events, sweeps and the outcome among them (sweep
        aggregates, if present, give the reported total).  Not modified.
    coverage : Coverage or (start, end)
        The period the analysis covers, as declared for the events
        (``load_badia_2024_coverage()``).
    outcome : str
        Event type whose rate is studied.
    pre, post : int
        Days before launch and after the end.
    default_duration_days : int
        Assumed campaign length where no end is known.
    anchor : {'middle', 'earliest', 'latest'}
        The day of a launch window the headline places a launch on.
    reported_total : float, optional
        A reported number of campaigns to set beside the dated ones.
    n_placebo : int
        Placebo campaign sets.
    n_launch_draws : int
        Most launch-date sets for ``over_launches`` (by default enough for
        every combination of the 2024 windows).
    seed : int
        Seed of the placebo and launch draws.

    Returns
    -------
    CampaignStudy
        ``campaigns``, ``daily``, ``study``, ``coverage``; prints the campaign
        set, the study and a one-sentence reading.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)  # SYNTHETIC records: attacks, and two sweeps
    >>> days = pd.date_range("2024-01-01", "2024-12-31")
    >>> hit = days[rng.random(len(days)) < 0.3]
    >>> events = pd.DataFrame({
    ...     "event_id": [f"a{i}" for i in range(len(hit))] + ["s0", "s1", "s2"],
    ...     "event_type": ["attack"] * len(hit) + ["sweep"] * 3,
    ...     "date_start": list(hit) + list(pd.to_datetime(["2023-12-20", "2024-03-04",
    ...                                                   "2024-07-01"])),
    ...     "date_end": list(hit) + list(pd.to_datetime(["2023-12-20", "2024-03-04",
    ...                                                 "2024-07-09"])),
    ...     "count": 1.0})
    >>> result = study_campaigns(events, ("2024-01-01", "2024-12-31"), n_placebo=19)
    >>> result.n_dated, result.study.pooled.n_campaigns
    (2, 2)
    >>> result.campaigns.outside["event_id"].tolist()
    ['s0']
    >>> result.study.over_launches.n_draws  # every launch day of the 9-day window
    9
    """
    from analysis.counting import count_events
    from analysis.stats.campaigns import find_campaigns
    from analysis.stats.eventstudy import event_study

    campaigns = find_campaigns(
        events,
        default_duration_days=default_duration_days,
        reported_total=reported_total,
        anchor=anchor,
        coverage=coverage,
    )
    daily = count_events(events, freq="D", coverage=coverage)
    study = event_study(
        daily,
        campaigns,
        outcome=outcome,
        pre=pre,
        post=post,
        n_placebo=n_placebo,
        n_launch_draws=n_launch_draws,
        seed=seed,
    )
    bounds = campaigns.coverage
    assert bounds is not None  # set by find_campaigns from coverage
    return CampaignStudy(campaigns=campaigns, daily=daily, study=study, coverage=bounds)


def campaign_length_sensitivity(
    events: pd.DataFrame,
    coverage: Any,
    durations: Sequence[int],
    **options: Any,
) -> pd.DataFrame:
    """Run :func:`study_campaigns` once per assumed campaign length; one row each.

    A campaign whose end no report gives lasts ``default_duration_days``; this
    says how much the pooled estimates rest on that assumption.

    Parameters
    ----------
    events, coverage
        As for :func:`study_campaigns`.
    durations : sequence of int
        The lengths to try, in days.
    **options
        Any other argument of :func:`study_campaigns` (``outcome``, ``pre``,
        ``post``, ``n_placebo``, ``seed``, ...).

    Returns
    -------
    pandas.DataFrame
        Indexed by ``duration_days``: the pooled ``rate_ratio``, ``ci_low``,
        ``ci_high`` and ``placebo_p_value`` (launches on their anchor days),
        ``over_launches`` with ``over_launches_low``/``_high`` (over every
        launch day the windows allow) and ``n_campaigns``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> days = pd.date_range("2024-01-01", "2024-06-30")
    >>> rng = np.random.default_rng(0)
    >>> attacks = pd.DataFrame({"event_type": "attack", "date_start": days,
    ...     "date_end": days, "count": rng.poisson(0.5, len(days)).astype(float)})
    >>> sweeps = pd.DataFrame({"event_type": "sweep", "count": 1.0,
    ...     "date_start": pd.to_datetime(["2024-02-10", "2024-04-20"]),
    ...     "date_end": pd.to_datetime(["2024-02-10", "2024-04-20"])})
    >>> events = pd.concat([attacks, sweeps], ignore_index=True)
    >>> events["event_id"] = [f"e{i}" for i in range(len(events))]
    >>> table = campaign_length_sensitivity(events, ("2024-01-01", "2024-06-30"), [3, 7],
    ...                                     n_placebo=19)
    >>> table.index.tolist(), table["n_campaigns"].tolist()
    ([3, 7], [2, 2])
    """
    rows = {}
    for days in durations:
        study = study_campaigns(events, coverage, default_duration_days=days, **options).study
        pooled, over = study.pooled, study.over_launches
        rows[days] = {
            "rate_ratio": pooled.rate_ratio,
            "ci_low": pooled.ci_low,
            "ci_high": pooled.ci_high,
            "placebo_p_value": pooled.placebo_p_value,
            "over_launches": over.rate_ratio,
            "over_launches_low": over.ci_low,
            "over_launches_high": over.ci_high,
            "n_campaigns": pooled.n_campaigns,
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("duration_days")
