# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 02 · Counts: daily, weekly, monthly
#
# The 2024 event sample (`seeds/badia_2024/events.csv`): records of IS attacks,
# air strikes and government sweep campaigns in the Badia gathered from public
# news reports, each with its date window, count and source. This notebook
# counts them by day, by week (weeks ending on Friday) and by month, shows what
# allocating a record's count over its window does, and sets the sample beside
# the totals that other sources published for the same year: the Counter
# Extremism Project's (CEP) monthly counts of attacks and the running totals of
# IS operations reported by the Syrian Observatory for Human Rights (SOHR).
#
# The sample is a **sample of reports**, not a count of events. Its monthly
# numbers say how many attacks made it into the articles we gathered; the
# published totals say how many their compilers counted. Neither is the
# number of attacks that happened.

# %%
# %matplotlib inline
import pandas as pd

import analysis as an

# %% [markdown]
# ## Parameters

# %% tags=["parameters"]
# Coverage window of the counts: days outside it are no data, not zeros.
start = "2024-01-01"
end = "2024-12-31"
# The three views of the same records.
freqs = ["D", "W-FRI", "MS"]
# Event type for the side-by-side tables.
event_type = "attack"
# SOHR's running totals to turn into interval counts.
sohr_source = "SOHR"
sohr_metric = "operations"

# %% [markdown]
# ## The sample

# %%
events = an.load_badia_2024()
events["event_type"].value_counts()

# %%
events[["event_id", "event_type", "date_start", "date_end", "count", "admin1", "source"]].head(10)

# %% [markdown]
# Where the records come from: a few outlets (and SOHR, directly or as cited
# by others) supply most of them, so the sample inherits their attention.

# %%
events["source"].value_counts().head(10)

# %% [markdown]
# ## Daily, weekly and monthly counts
#
# Every view is complete inside the coverage window: a period with no
# reported event is a zero. The totals per event type are the same in every
# view (up to rounding of the spread fractions): changing the frequency
# regroups the same counts.

# %%
counts = {freq: an.count_events(events, freq=freq, start=start, end=end) for freq in freqs}
pd.DataFrame({freq: c.groupby("event_type")["count"].sum() for freq, c in counts.items()}).round(6)

# %% [markdown]
# What went in and what was left out: records dated before the window (the
# sample holds a few from late 2023) and records with no count.

# %%
print(an.count_report(counts["MS"]))

# %%
an.plot_counts(counts["W-FRI"], event_type=event_type, title=f"{event_type}s per week (sample)")

# %% [markdown]
# ## What the allocation does
#
# A record known only to a window ("early January", "last week") is either
# spread evenly over the window's days (`spread`, the default) or put on its
# first day (`start`). Monthly totals barely move; daily and weekly series do,
# because a week-long window becomes seven fractional days instead of one spike.

# %%
pd.DataFrame(
    {
        allocate: an.count_events(events, freq="MS", allocate=allocate, start=start, end=end)
        .query("event_type == @event_type")
        .set_index("period")["count"]
        for allocate in ["spread", "start"]
    }
).round(2)

# %%
an.build_figure("allocation_views")

# %% [markdown]
# ## The published totals
#
# `load_totals()` holds every published aggregate figure the project uses, each
# with its source, period, qualifier ("exact", "at least", "about") and URL.

# %%
totals = an.load_totals()
totals.groupby(["source", "metric"]).size()

# %% [markdown]
# CEP publishes attacks per month (some months are missing), beside the
# monthly counts of the sample.

# %%
cep = totals.query("source == 'CEP' and metric == 'attacks'")
by_source = pd.concat(
    {
        "sample": counts["MS"].query("event_type == @event_type").set_index("period")["count"],
        "CEP": cep.set_index("period_start")["value"],
        "CEP qualifier": cep.set_index("period_start")["qualifier"],
    },
    axis=1,
)
by_source.round(1)

# %% [markdown]
# Over the months both report, the sample's total against CEP's:

# %%
by_source.dropna()[["sample", "CEP"]].sum().round(1)

# %% [markdown]
# SOHR publishes running totals ("N operations since the start of the year")
# on irregular dates, some of them approximate. `implied_counts` turns
# consecutive totals into counts per interval, with bounds on each interval's
# length and daily rate where an as-of date is approximate.

# %%
sohr = an.implied_counts(totals, source=sohr_source, metric=sohr_metric)
print(f"{sohr_source} {sohr_metric} in the intervals: {sohr['count'].sum():g}")
sohr[["interval_start", "interval_end", "days_min", "days_max", "count", "rate_low", "rate_high"]]

# %% [markdown]
# ## Figures: the sources side by side

# %%
an.build_figure("attacks_2024_by_source")

# %%
an.build_figure("cumulative_2024")

# %%
an.build_figure("places_map")

# %% [markdown]
# ## What this can and cannot say
#
# - The sample's monthly counts are a fraction of CEP's and SOHR's (the sums
#   above): it holds the attacks that were reported in the articles we
#   gathered, not every attack. Its *shape* over the year is what it can offer,
#   and even the shape moves with news attention and with which outlets we read.
# - CEP and SOHR count differently (scope, what counts as an attack, how
#   incidents are grouped), so their numbers are not expected to agree with
#   each other either. Where they move together, the movement is more credible
#   than either level.
# - SOHR's implied interval counts rest on as-of dates that are sometimes
#   approximate: read the rate bounds, not only the rate, for short intervals.
# - Monthly totals are robust to the allocation choice; daily and weekly
#   series are not. Daily statistics on window-dated records rest on the
#   even-spread assumption.

# %% [markdown]
# ## Explore
#
# In JupyterLab, `explore` gives controls for event type, governorate,
# frequency and allocation that redraw the chart; outside a live notebook it
# returns a static figure.

# %%
an.explore(events)

# %% [markdown]
# ## Figures
#
# This notebook shows `figures/allocation_views`, `figures/attacks_2024_by_source`,
# `figures/cumulative_2024` and `figures/places_map` (PNG and SVG). Every
# registered figure is rebuilt, byte for byte, by `make figures`
# (`python -m analysis figures`).
