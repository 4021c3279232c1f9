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
import analysis as an

# %% [markdown]
# ## Parameters

# %% tags=["parameters"]
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
# These are the defaults of `study_campaigns`, which the figure below uses.
n_placebo = 999
n_shifts = 999
max_lag = 28
seed = 0

# %% [markdown]
# ## The campaigns we can date, and the ones we cannot

# %% [markdown]
# The record comes with the seed report's period aggregates ("about 17"
# campaigns and "dozens" of attacks since January): they are never counted as
# events, and the campaigns set the reported total beside the launches dated
# inside the same window.

# %%
events = an.load_badia_2024(seed_aggregates=True)
coverage = an.load_badia_2024_coverage()
print(coverage)
events.loc[events["is_aggregate"], ["event_id", "event_type", "date_start", "date_end", "count"]]

# %% [markdown]
# **One campaign set for this notebook.** `study_campaigns` finds the
# campaigns launched inside the record's declared coverage (January to October
# 2024: November gave no event while CEP counts attacks, December only events
# after the collapse, so they stay outside), counts
# attacks day by day over the same coverage, and runs the event study on the
# two. Everything below, and the figure, uses this one result: the December
# 2023 launch lies outside the coverage and is listed as left out, not
# silently dropped or silently added.

# %%
sweeps = an.study_campaigns(
    events,
    coverage,
    outcome=outcome,
    pre=pre,
    post=post,
    default_duration_days=default_duration_days,
    n_placebo=n_placebo,
    seed=seed,
)
camps = sweeps.campaigns
print(camps)
camps.reported

# %%
camps.intervals[
    [
        "campaign",
        "event_id",
        "launch_earliest",
        "start",
        "launch_latest",
        "end",
        "end_known",
        "launch_window_days",
        "source",
    ]
]

# %% [markdown]
# Six launches of 2024 are dated, two to the day and four to a window (two
# of two days, one of eight, and early June's of thirteen, 1-13 June, which
# holds the dates both reports give); `start` is the window's middle day.
# Against the "about 17" reported by early October, eleven campaigns happened
# that no report we found dates. Where `end_known` is False, the end is the
# assumed length, not a reported date. Whatever follows describes the dated
# campaigns, not the campaigning of the year as a whole.

# %%
print(f"dated inside the coverage: {sweeps.n_dated}; reported: {camps.reported_total:g}")

# %% [markdown]
# ## The trend in reported attacks
#
# Before comparing windows around launches: how do the sample's attack counts
# move over the year? A negative-binomial trend with a small-sample rule
# (`fit_trend`), and Mann-Kendall beside it.

# %%
daily = sweeps.daily
monthly = an.count_events(events, freq="MS", coverage=coverage)
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
# pseudo-campaigns placed at random on days that no real campaign can have
# held (its launch window through its latest end).
#
# Two estimates: the headline places each windowed launch on its middle day;
# the second redoes it over every combination of launch days within the
# windows, and its interval holds the dates' uncertainty too. Quote the
# second: a launch placed on the wrong day dilutes the contrast.

# %%
study = sweeps.study
print(study)

# %%
study.windows.round(3)

# %% [markdown]
# Each campaign on its own (its own windows, no relabelling), anchored and over
# its launch window. With a handful of attacks in each window, single-campaign
# intervals span most of the plausible range.

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
an.campaign_length_sensitivity(
    events,
    coverage,
    durations,
    outcome=outcome,
    pre=pre,
    post=post,
    n_placebo=n_placebo,
    seed=seed,
).round(3)

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
#
# The registered figure is drawn from `study_campaigns` on the same record
# and coverage with the parameters above (its defaults): the same six
# campaigns and the same numbers as the study printed here.

# %%
an.build_figure("event_study_2024")

# %% [markdown]
# ## An honest reading

# %%
print(sweeps.reading())

# %% [markdown]
# Six of the "about 17" campaigns are dated, and around them the reported
# attack rate during a campaign is not detectably different from the rate in
# the four weeks before: the ratio is below 1, but its interval runs from a
# large fall to a near doubling, and four in five placebo sets of random
# dates give a ratio at least as far from 1. Read it with these in mind:
#
# - **Few campaigns.** The pooled estimate rests on six dated launches out of
#   the reported total. Its interval is wide; an interval that includes 1 is
#   what "the data cannot tell" looks like, not evidence of no effect.
# - **Launch windows.** Four launches are known only to a window; the launch
#   dates alone move the estimate over a wide range (the draws' spread in the
#   summary), and nearly half the interval's variance comes from them.
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
