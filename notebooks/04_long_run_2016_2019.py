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
# # 04 · The long run: 2016–2019 from UCDP
#
# The 2024 sample is a few dozen records. For a longer view, the UCDP
# Georeferenced Event Dataset (GED) codes every event of organised violence
# with at least one death, from news and NGO reports, with a date, a place and
# the sides involved. This notebook takes the UCDP events of 2016 to November
# 2019 in which the Islamic State is a side, in the five Badia governorates,
# counts air strikes and IS attacks per month, and asks how their frequency
# changed: a negative-binomial trend, change points (PELT), and a seasonal
# decomposition.
#
# Event types come from the package's headline classifier
# (`analysis.sources.classifying`), which reads UCDP's short event descriptions; many
# events stay `other` (clashes, shelling, executions). The period covers the
# fall of the IS territorial "caliphate", so a long-run decline is expected;
# the question is when it happened and how sharp it was.

# %%
# %matplotlib inline
import analysis as an

# %% [markdown]
# ## Parameters

# %% tags=["parameters"]
# Monthly counts ("MS"); the trend is reported per year.
freq = "MS"
time_unit = "year"
# Event types to follow.
event_types = ["airstrike", "attack"]
# Change-point cost ("negbin", or "poisson" for contrast) and penalty ("bic", "mbic").
cost = "negbin"
penalty = "bic"

# %% [markdown]
# ## The events

# %%
ucdp = an.load_ucdp_badia()
ucdp["event_type"].value_counts()

# %%
ucdp.groupby(["admin1", "event_type"]).size().unstack(fill_value=0)

# %% [markdown]
# UCDP dates most events to the day; some only to a few days, a month or a
# year. Counting spreads those over their window, as for the 2024 sample.

# %%
ucdp["date_precision"].value_counts()

# %%
monthly = an.count_events(ucdp, freq=freq)
print(an.count_report(monthly))

# %%
an.plot_counts(monthly, event_type="airstrike", title="Air strikes per month (UCDP, IS-involved)")

# %% [markdown]
# ## Deaths
#
# UCDP gives each event a best estimate of the dead with a low and a high
# estimate. `value="killed"` counts them as it counts events: spread over each
# event's window, with the low and high estimates as bounds. Deaths per week
# per governorate is one call.

# %%
deaths = an.count_events(ucdp, freq="W", by="admin1", value="killed")
print(an.count_report(deaths))

# %%
# Per year, for a table: the same call with freq="Y".
yearly = an.count_events(ucdp, freq="Y", by="admin1", value="killed")
yearly.pivot_table(index="admin1", columns="period", values="killed", aggfunc="sum").round()

# %% [markdown]
# ## Trend
#
# The rate ratio is the factor by which the monthly rate changes per year, from
# a negative-binomial model with exposure (days per month) and a small-sample
# rule for its interval. A straight line on the log scale summarises; it hides
# a rise then fall, which the change points below show.

# %%
trends = {
    event_type: an.fit_trend(monthly, event_type, time_unit=time_unit) for event_type in event_types
}
for fit in trends.values():
    print(fit, end="\n\n")

# %% [markdown]
# ## Change points
#
# PELT finds the segmentation into periods of constant rate that best fits the
# counts, with a penalty per break. The negative-binomial cost allows for
# bursty months; the Poisson cost finds breaks in noise (`docs/methods.md`).

# %%
changes = {
    event_type: an.detect_changepoints(monthly, event_type, cost=cost, penalty=penalty)
    for event_type in event_types
}
for found in changes.values():
    print(found, end="\n\n")

# %% [markdown]
# ## Seasonality
#
# STL decomposition with a 12-month cycle. `seasonal_strength` near 0 means the
# cycle is not distinguishable from noise; four years give only four repeats of
# each month.

# %%
for event_type in event_types:
    print(f"{event_type}: {an.decompose_series(monthly, event_type)}")

# %% [markdown]
# ## Figure

# %%
an.build_figure("ucdp_badia_2016_2019")

# %% [markdown]
# ## What this can and cannot say
#
# - UCDP records events with at least one death that reached its sources.
#   Air strikes and attacks without fatalities are not here, and coverage
#   follows the media and NGO reporting UCDP reads, which changed as the war
#   did.
# - The event types are read from short descriptions by rules. The
#   classifier's measured accuracy is in `docs/classifier.md`; counts of
#   `airstrike` and `attack` are estimates of those categories, not UCDP's own.
# - "IS-involved" means IS is named as a side. After the territorial defeat,
#   many attacks are attributed loosely or not at all.
# - Change-point dates mark where the rate of *recorded* events shifted.
#   Whether they match known turns (the offensives of 2017, the fall of
#   al-Baghuz in March 2019) is for a chronology to confirm, not the counts.
# - These are 2016–2019 counts from a different source and selection than the
#   2024 sample: they give context for the 2024 question, not a baseline to
#   subtract.

# %% [markdown]
# ## Figures
#
# This notebook shows `figures/ucdp_badia_2016_2019` (PNG and SVG). Every
# registered figure is rebuilt, byte for byte, by `make figures`
# (`python -m analysis figures`).
