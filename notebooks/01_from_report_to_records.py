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
# # 01 · From a report to records
#
# One Arabic news report (Al-Araby Al-Jadeed, early October 2024) about Russian
# air strikes and a sweep campaign against Islamic State cells in the Syrian
# Badia, followed all the way to a daily time series:
#
# 1. the report as shipped in `seeds/seed_article/`, with its provenance;
# 2. its records, hand-coded by the annotation guidelines;
# 3. the records the rule-based extractor (`analysis.extraction`) reads from
#    the same text, each beside the words it rests on;
# 4. their daily counts, with each record's count spread over its date window.
#
# The stored copy carries no date line. Its provenance sidecar records the
# publication day as a bracket, `2024-10-04..2024-10-08`; the extractor takes
# the bracket as it is and gives every record the union of its possible windows
# over the five days, so the uncertainty about the day stays visible in the
# records instead of being resolved by a guess.

# %%
# %matplotlib inline
import analysis as an
from analysis.config import SEED_ARTICLE_TEXT

# %% tags=["parameters"]
# Publication date passed to the extractor: a day ("2024-10-06") or a bracket
# ("first..last").  Empty: the bracket recorded in the seed's provenance sidecar.
published = ""
# Frequency of the counts at the end ("D" daily, "W-FRI" weeks ending Friday).
freq = "D"
# How a record's count is allocated over its window: "spread" evenly, or all
# on the first day ("start").
allocate = "spread"

# %% [markdown]
# ## The report and its provenance

# %%
meta = an.read_provenance(SEED_ARTICLE_TEXT)
{key: meta[key] for key in ("title_en", "producer", "published", "published_note", "licence")}

# %%
text = an.seed_article_text()
print(text)

# %% [markdown]
# The report opens with a summary ("استمع إلى الملخص") that repeats the body; the
# guidelines and the extractor leave it out. The body gives "more than 30" strikes
# "in the past 72 hours", a sweep campaign launched "last Wednesday", and two
# running totals since the start of the year: "dozens" of IS attacks and "about
# 17" sweep campaigns.

# %% [markdown]
# ## The hand-coded records
#
# Four records, coded by hand by the annotation guidelines. The two running
# totals are *period aggregates* (`is_aggregate`): they describe the whole year
# so far and are never counted as events unless asked for.

# %%
seed = an.load_seed_records()
seed[
    [
        "event_id",
        "event_type",
        "is_aggregate",
        "date_start",
        "date_end",
        "date_precision",
        "count",
        "count_low",
        "count_high",
        "actor",
        "location",
    ]
]

# %% [markdown]
# ## What the extractor reads from the same text
#
# `extract_events` is a set of rules, not a trained model
# (`docs/extraction.md`). Every record it returns is marked
# `is_machine_extracted` and keeps the exact span of the report it rests on.

# %%
extracted = an.extract_events(
    text,
    published=published or meta["published"],
    source=meta["producer"],
    source_url=meta["url"],
)
extracted[
    ["event_type", "is_aggregate", "date_start", "date_end", "count", "count_low", "count_high"]
]

# %% [markdown]
# Each record beside its evidence: the span of the original text (character
# offsets into the string printed above), the window, the count as the report
# words it, the places matched in the gazetteer, and the extractor's notes.

# %%
an.tabulate_evidence(extracted)

# %% [markdown]
# Extracted against hand-coded, field by field (`True`: the two agree).

# %%
comparison = an.compare_records(extracted, seed)
comparison[["pairing", "event_type", "window", "count", "places", "governorates", "actor"]]

# %% [markdown]
# ## Daily counts
#
# `count_events` turns the records into a complete series: one row per day and
# event type inside the coverage window, with zeros where nothing was reported.
# A record whose date is known only to a window has its count spread evenly over
# the window's days (`allocate="spread"`); `count_low` and `count_high` carry its
# bounds ("more than 30" has no upper bound, so `count_high` is infinite). The
# aggregates are left out, and the count report says so.

# %%
daily = an.count_events(extracted, freq=freq, allocate=allocate)
print(an.count_report(daily))
daily.query("event_type in ['airstrike', 'sweep']")

# %% [markdown]
# ## Figure: the seed report's episode

# %%
an.build_figure("seed_report_episode")

# %% [markdown]
# ## What this can and cannot say
#
# - One report is one reporter's account. "More than 30" strikes is a lower
#   bound with no upper bound, and "the past 72 hours" is counted back from a
#   publication day we know only within five days, so the strikes' window is
#   wider than three days: the daily values are an even spread of a count over
#   its possible days, not days on which strikes were observed.
# - "Dozens" of attacks and "about 17" campaigns are running totals. They say
#   how much happened in 2024 by the report's account; they carry no dates and
#   cannot be placed on a daily axis.
# - The comparison above shows how far the extractor agrees with the hand
#   coding here, but this report was in view when the rules were written, so
#   agreement on it proves little. The honest estimate of the extractor's
#   accuracy is its first-run score on held-out passages (`docs/extraction.md`).

# %% [markdown]
# ## Figures
#
# This notebook shows `figures/seed_report_episode.png` (and `.svg`), built from
# the registry in `analysis.figures`. Every registered figure is rebuilt, byte for
# byte, by `make figures` (`python -m analysis figures`).
