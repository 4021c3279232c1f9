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
# # 03 · Sweep campaigns against attacks
#
# The headline question: in 2024 the Syrian government and its allies launched
# "about 17" sweep campaigns ("حملات تمشيط") against Islamic State cells in the
# Badia by early October, by one report's count. Did IS attacks become less
# frequent during or after them?
#
# The data can only approach that question. The campaigns we can date are the
# few that made the news; the attacks are those reported in a news sample;
# and campaigns are launched *because* attacks surged. The statistics below
# describe an association in reported events, with intervals wide enough to
# say how little a few campaigns can show. `docs/methods.md` explains each
# method and its limits.

# %%
# %matplotlib inline
import pandas as pd

import analysis as an

# %% [markdown]
# ## Parameters

# %% tags=["parameters"]
# Coverage of the daily and monthly counts.
start = "2024-01-01"
end = "2024-12-31"
# The outcome counted around campaign launches.
outcome = "attack"
# Days before launch (reference) and after the end of each campaign.
pre = 28
post = 28
# Assumed campaign length where no end was reported (an assumption, not data),
# and the other lengths tried in the sensitivity check.
default_duration_days = 7
durations = [3, 7, 14]
# Placebo campaign sets and circular shifts (permutation p-values); seeds fixed.
n_placebo = 999
n_shifts = 999
max_lag = 28
seed = 0

# %% [markdown]
# ## The campaigns we can date, and the ones we cannot

# %% [markdown]
# The sample's records come with the seed report's period aggregates ("about
# 17" campaigns and "dozens" of attacks since January): they are never
# counted as events, and `campaigns` sets the reported total beside the
# launches dated inside the same window.

# %%
events = an.load_badia_2024(seed_aggregates=True)
events.loc[events["is_aggregate"], ["event_id", "event_type", "date_start", "date_end", "count"]]

# %%
camps = an.find_campaigns(events, default_duration_days=default_duration_days)
print(camps)
camps.reported

# %%
camps.intervals[
    ["campaign", "event_id", "start", "end", "end_known", "launch_window_days", "source"]
]

# %% [markdown]
# Compare the dated launches with the reported total: the gap is the campaigns
# that happened but are not in the sample. Where `end_known` is False, the end
# is the assumed length, not a reported date. Whatever follows describes the
# dated campaigns, not the campaigning of the year as a whole.

# %% [markdown]
# ## The trend in reported attacks
#
# Before comparing windows around launches: how do the sample's attack counts
# move over the year? A negative-binomial trend with a small-sample rule
# (`fit_trend`), and Mann-Kendall beside it.

# %%
daily = an.count_events(events, freq="D", start=start, end=end)
monthly = an.count_events(events, freq="MS", start=start, end=end)
trend = an.fit_trend(monthly, outcome)
print(trend)

# %% [markdown]
# A trending background matters for the event study: if attacks fall through
# the year, later windows are calmer than earlier ones whatever campaigns do.
# The pooled model below includes a linear trend for that reason.

# %% [markdown]
# ## Event study: attack rates before, during and after launches
#
# Daily counts in windows around each launch: `pre` days before (the
# reference), the campaign itself (`during`), and `post` days after its end.
# Days in two campaigns' windows take one label (during > post > pre). The
# pooled rate ratio comes from a negative-binomial model with a trend; the
# placebo p-value compares it with the same statistic for sets of
# pseudo-campaigns placed at random on days outside the real ones.

# %%
study = an.event_study(
    daily, camps, outcome=outcome, pre=pre, post=post, n_placebo=n_placebo, seed=seed
)
print(study)

# %%
study.windows.round(3)

# %% [markdown]
# Each campaign on its own (its own windows, no relabelling). With a handful of
# attacks in each window, single-campaign intervals span most of the plausible
# range.

# %%
study.per_campaign

# %% [markdown]
# Residual autocorrelation of the pooled model (Ljung-Box p-value). A small
# value means attacks cluster beyond what the model allows, and the placebo
# p-value is the one to quote (`docs/methods.md`, calibration).

# %%
print(f"residual autocorrelation p = {study.residual_autocorrelation_p:.3f}")

# %% [markdown]
# ### How much rests on the assumed campaign length?

# %%
pd.DataFrame(
    {
        days: vars(
            an.event_study(
                daily,
                an.find_campaigns(events, default_duration_days=days),
                outcome=outcome,
                pre=pre,
                post=post,
                n_placebo=n_placebo,
                seed=seed,
            ).pooled
        )
        for days in durations
    }
).T[["rate_ratio", "ci_low", "ci_high", "p_value", "placebo_p_value", "n_campaigns"]]

# %% [markdown]
# ## Lead and lag: do sweeps precede attacks, or follow them?
#
# The correlation of daily sweep counts at day *t* with attack counts at
# *t + lag*, against a null band from circular shifts of the sweep series. The
# family-wise p-value accounts for looking at every lag.

# %%
lags = an.lead_lag(
    daily, leader="sweep", follower=outcome, max_lag=max_lag, n_shifts=n_shifts, seed=seed
)
print(lags)

# %%
lags.table.set_index("lag").loc[-7:7].round(3)

# %% [markdown]
# ## Figure

# %%
an.build_figure("event_study_2024")

# %% [markdown]
# ## An honest reading
#
# Read the printed numbers with these in mind:
#
# - **Few campaigns.** The pooled estimate rests on the dated launches inside
#   the coverage (the count is in the summary above), out of the reported
#   total. Its interval is wide; an interval that includes 1 is what "the data
#   cannot tell" looks like, not evidence of no effect.
# - **The placebo p-value** says how unusual the observed rate ratio is among
#   random sets of as many pseudo-campaigns in the same year. It guards
#   against the falling trend and the bursts of attacks, not against the
#   reasons below.
# - **Not causal.** Campaigns are launched after surges of attacks; attacks
#   fall back after a surge whatever happens (regression to the mean). A
#   calmer "during" window would be expected even from campaigns that did
#   nothing.
# - **Reporting bias.** A campaign draws coverage, and so does the attack
#   that prompted it; one article often reports both. Reported attacks around
#   a launch can rise or fall with attention alone. The lag-0 correlation is
#   partly an artefact of that.
# - **Assumed ends and overlapping windows.** No end is reported; the
#   sensitivity table shows how the estimate moves with the assumed length.
#   Neighbouring campaigns' windows overlap, so the labelling rule matters.
# - **A sample of reports.** The attacks are those in the articles we
#   gathered, far fewer than CEP or SOHR count (notebook 02). A complete
#   daily series of attacks and of campaign dates would be needed to answer
#   the question, and neither exists in the public record we have.

# %% [markdown]
# ## Figures
#
# This notebook shows `figures/event_study_2024` (PNG and SVG). Every
# registered figure is rebuilt, byte for byte, by `make figures`
# (`python -m analysis figures`).
