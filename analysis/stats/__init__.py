"""Statistics for small, bursty event counts.

- :mod:`~analysis.stats.trends`: negative binomial trend, Mann-Kendall/Sen,
  seasonal decomposition, lead-lag.
- :mod:`~analysis.stats.changepoints`: change points with a count-model cost.
- :mod:`~analysis.stats.campaigns`: sweep campaigns as dated intervals, with
  their launch windows.
- :mod:`~analysis.stats.eventstudy`: rates before, during and after campaigns,
  anchored and over launch days within their windows.
- :mod:`~analysis.stats.launchwindows`: the estimate over launch days drawn
  within their windows, and the interval that holds the dates' uncertainty.
- :mod:`~analysis.stats.studies`: one campaign set per analysis, its counts
  and its event study together.
- :mod:`~analysis.stats.simulate`: synthetic series with a known truth.
- :mod:`~analysis.stats._countmodels`, :mod:`~analysis.stats._series`,
  :mod:`~analysis.stats._windows`: the count-model kernels, series selection
  and event-study window labels the methods share.

Examples
--------
>>> from analysis import stats
>>> "find_campaigns" in stats.__all__
True
"""

from analysis._lazy import attach

__getattr__, __dir__, __all__ = attach(
    __name__,
    {
        "fit_trend": "analysis.stats.trends",
        "TrendFit": "analysis.stats.trends",
        "mann_kendall": "analysis.stats.trends",
        "MannKendall": "analysis.stats.trends",
        "decompose_series": "analysis.stats.trends",
        "Decomposition": "analysis.stats.trends",
        "lead_lag": "analysis.stats.trends",
        "LeadLag": "analysis.stats.trends",
        "detect_changepoints": "analysis.stats.changepoints",
        "Changepoints": "analysis.stats.changepoints",
        "find_campaigns": "analysis.stats.campaigns",
        "Campaigns": "analysis.stats.campaigns",
        "anchor_launches": "analysis.stats.campaigns",
        "event_study": "analysis.stats.eventstudy",
        "EventStudy": "analysis.stats.eventstudy",
        "PooledEffect": "analysis.stats.eventstudy",
        "LaunchWindowEffect": "analysis.stats.launchwindows",
        "study_campaigns": "analysis.stats.studies",
        "campaign_length_sensitivity": "analysis.stats.studies",
        "CampaignStudy": "analysis.stats.studies",
        "simulate_counts": "analysis.stats.simulate",
        "simulate_campaigns": "analysis.stats.simulate",
        "simulate_launch_windows": "analysis.stats.simulate",
        "SYNTHETIC_EVENT_TYPE": "analysis.stats.simulate",
    },
)
