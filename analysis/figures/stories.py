"""The project's figures: plots that tell one story of the seeds, and their builders.

Each plot here draws one story and carries its labels: CEP's confirmed
attacks beside SOHR's running totals and the project's sample, the sweep
campaigns counted up through 2024, the seed report's episode day by day, the
attack rates around the 2024 launches, the allocations of the 2024 sample,
the places of the Badia.  Each ``draw_<name>`` builder below them reads the
seeds, computes what its figure shows (``count_events``, ``find_campaigns``,
``event_study``, ...) and draws it; :mod:`analysis.figures.registry` lists
every figure with its seed inputs and how to read it, and adds the source
line.  Plots that fit any count frame (``plot_counts``, ``plot_trend``) are
in :mod:`analysis.figures.plotting`.

Like every plot function of the package, the plots here take an ``ax`` (or
``axes``) or make a figure of a fixed size, return the
:class:`matplotlib.figure.Figure`, and never show or save.

Examples
--------
>>> fig = draw_places_map()
>>> fig.axes[0].get_xlabel()
'longitude (°E)'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import numpy as np
import pandas as pd

from analysis.figures.plotting import (
    _ax,
    _axes,
    _figure,
    _num,
    _summed,
    colours,
    figure_style,
    new_figure,
    plot_counts,
    plot_trend,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from analysis.stats.campaigns import Campaigns
    from analysis.stats.eventstudy import EventStudy

SEED_PUBLISHED: Final = ("2024-10-04", "2024-10-08")
"""The seed report's publication bracket (its stored copy has no date line)."""

EPISODE_DAYS: Final = ("2024-09-24", "2024-10-14")
"""Days shown around the seed report's episode."""

EVENT_STUDY_DAYS: Final = 28
"""Days before and after each launch in the event study figure."""

N_PLACEBO: Final = 999
"""Placebo campaign sets behind the event study figure's placebo p-value."""


# ======================================================================================
# Plots of one story
# ======================================================================================


def plot_attacks_by_source(
    cep: pd.DataFrame,
    sohr: pd.DataFrame,
    sample: pd.DataFrame,
    campaigns: Campaigns,
    *,
    ax: Axes | None = None,
) -> Figure:
    """Draw attacks per month from three sources side by side, with the sweep launches.

    Parameters
    ----------
    cep : pandas.DataFrame
        CEP's monthly confirmed attacks: ``period``, ``count`` and
        ``qualifier`` (``at_least`` is marked with "≥").
    sohr : pandas.DataFrame
        SOHR's operations per month implied by its running totals
        (:func:`analysis.sources.totals.implied_per_period`): ``period``, ``count``,
        ``count_low``, ``count_high``, ``days``, ``days_covered``.
    sample : pandas.DataFrame
        Monthly ``count_events`` of the project's sample, ``attack`` rows.
    campaigns : analysis.stats.campaigns.Campaigns
        Dated launches are drawn as triangles; a reported total with no
        dates is written out, never drawn as dates.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    ax = _ax(ax, (9.0, 4.6))
    palette = colours()
    width = np.timedelta64(8, "D")
    with figure_style():
        c = cep.sort_values("period")
        x = pd.to_datetime(c["period"]).to_numpy("datetime64[D]") + np.timedelta64(6, "D")
        ax.bar(
            x,
            c["count"],
            width=width,
            color=palette["CEP"],
            label="CEP: confirmed attacks, 5 governorates",
        )
        for xi, (val, qual) in zip(x, zip(c["count"], c["qualifier"], strict=True), strict=True):
            if qual == "at_least":
                ax.annotate("≥", (xi, val), ha="center", va="bottom", fontsize=8)
        months = pd.to_datetime(sohr["period"])
        for month in months[~months.isin(pd.to_datetime(c["period"]))]:
            ax.annotate(
                "no CEP figure",
                (month.to_datetime64() + np.timedelta64(6, "D"), 0),
                ha="center",
                va="bottom",
                fontsize=6,
                color=palette["CEP"],
                rotation=90,
                xytext=(0, 2),
                textcoords="offset points",
            )
        s = sohr.sort_values("period")
        x = x_sohr = pd.to_datetime(s["period"]).to_numpy("datetime64[D]") + np.timedelta64(15, "D")
        err = np.vstack([s["count"] - s["count_low"], s["count_high"] - s["count"]])
        ax.bar(
            x,
            s["count"],
            width=width,
            color=palette["SOHR"],
            yerr=err,
            error_kw={"lw": 0.8, "capsize": 2},
            label="SOHR: operations from running totals\n(range: approximate as-of dates)",
        )
        for xi, (val, cov, days) in zip(
            x, zip(s["count"], s["days_covered"], s["days"], strict=True), strict=True
        ):
            if cov < days:
                ax.annotate(
                    f"{cov} of {days} days",
                    (xi, val),
                    ha="center",
                    va="bottom",
                    fontsize=6,
                    rotation=90,
                    xytext=(0, 4),
                    textcoords="offset points",
                )
        a = _summed(sample)
        a = a[a["event_type"].astype(str) == "attack"].sort_values("period")
        x = pd.to_datetime(a["period"]).to_numpy("datetime64[D]") + np.timedelta64(24, "D")
        ax.bar(
            x,
            a["count"],
            width=width,
            color=palette["sample"],
            label="project sample: attacks in news reports",
        )
        top = 1.3 * max(c["count"].max(), s["count"].max(), a["count"].max())
        ax.set_ylim(0, top)
        for xi, high in zip(x_sohr, s["count_high"], strict=True):
            if high > top:
                ax.annotate(
                    f"range to {high:.0f}",
                    (xi, top),
                    ha="left",
                    va="top",
                    fontsize=6.5,
                    xytext=(3, -2),
                    textcoords="offset points",
                )
        _mark_launches(ax, campaigns)
        ax.set_ylabel("attacks per month")
        ax.set_title(
            "ISIS attacks in central Syria by month, 2024: three sources count different things",
            loc="left",
        )
        ax.legend(
            loc="upper right",
            bbox_to_anchor=(1.0, 0.92),
            fontsize=7.5,
            frameon=True,
            framealpha=0.92,
            edgecolor="none",
        ).set_zorder(5)
    return _figure(ax)


def _mark_launches(ax: Axes, campaigns: Campaigns, *, y: float | None = None) -> None:
    """Triangles at the dated launches and the reported total as text."""
    palette = colours()
    iv = campaigns.intervals
    lo, hi = ax.get_xlim()
    import matplotlib.dates as mdates

    lo_d, hi_d = mdates.num2date(lo).date(), mdates.num2date(hi).date()
    shown = iv[(iv["start"].dt.date >= lo_d) & (iv["start"].dt.date <= hi_d)]
    top = ax.get_ylim()[1] if y is None else y
    ax.plot(
        shown["start"],
        np.full(len(shown), top * 0.98),
        ls="none",
        marker="v",
        ms=8,
        color=palette["sweep"],
        label=f"sweep campaign launches with a date ({len(shown)})",
        clip_on=False,
    )
    for r in campaigns.reported.itertuples(index=False):
        text = (
            f"reported: about {r.reported_total:.0f} sweep campaigns "
            f"{r.date_start:%-d %b}–{r.date_end:%-d %b %Y} ({r.source}):\n"
            f"{r.documented_in_window:.0f} dated here, "
            f"{r.undocumented:.0f} undated and not drawn"
        )
        ax.plot(
            [],
            [],
            ls="none",
            marker=f"${r.reported_total:.0f}$",
            ms=9,
            color=palette["sweep"],
            label=text,
        )


def plot_cumulative(
    running: pd.DataFrame,
    campaigns: Campaigns,
    *,
    year: int = 2024,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """Draw a running total of operations above the cumulative count of sweep campaigns.

    Parameters
    ----------
    running : pandas.DataFrame
        :func:`analysis.sources.totals.implied_counts` output: ``interval_end``,
        ``total_end``, ``end_precision``, ``source``, ``metric``; approximate
        as-of dates get a horizontal error bar of ``days_max - days``.
    campaigns : analysis.stats.campaigns.Campaigns
        Dated launches become a step; a reported total becomes one point at
        the end of its window.
    year : int
        Launches of this year are counted from 1 January.
    axes : sequence of two matplotlib.axes.Axes, optional
        Top and bottom panels.

    Returns
    -------
    matplotlib.figure.Figure
    """
    top, bottom = _axes(axes, 2, (8.0, 6.0), sharex=True)
    palette = colours()
    with figure_style():
        r = running.sort_values("interval_end")
        approx = (r["end_precision"] == "approx").to_numpy()
        slack = (r["days_max"] - r["days"]).clip(lower=0).to_numpy()
        origin = pd.Timestamp(r["interval_start"].min())
        xs = np.append(origin.to_datetime64(), r["interval_end"].to_numpy())
        ys = np.append(0.0, r["total_end"].to_numpy(float))
        top.plot(
            xs,
            ys,
            color=palette["SOHR"],
            marker="o",
            ms=3.5,
            lw=1.4,
            label=f"{r['source'].iloc[0]}: running total of ISIS {r['metric'].iloc[0]}",
        )
        xerr = np.where(approx, slack, 0).astype("timedelta64[D]")
        top.errorbar(
            r["interval_end"].to_numpy()[approx],
            r["total_end"].to_numpy(float)[approx],
            xerr=xerr[approx],
            ls="none",
            color=palette["SOHR"],
            lw=0.8,
            capsize=2,
            label="as-of date approximate (±days)",
        )
        top.set_ylabel("operations since 1 January")
        top.set_ylim(bottom=0)
        top.set_title(f"ISIS operations and sweep campaigns, {year}: running totals", loc="left")
        top.legend(loc="upper left")

        iv = campaigns.intervals
        dated = iv[iv["start"].dt.year == year].sort_values("start")
        steps = np.cumsum(dated["n_campaigns"].to_numpy(float))
        start = np.datetime64(f"{year}-01-01")
        bottom.step(
            np.append(start, dated["start"].to_numpy()),
            np.append(0.0, steps),
            where="post",
            color=palette["sweep"],
            lw=1.6,
            label=f"documented launches in the sample ({int(steps[-1]) if len(steps) else 0})",
        )
        bottom.plot(dated["start"], steps, ls="none", marker="v", ms=6, color=palette["sweep"])
        rep = campaigns.reported
        for row in rep.itertuples(index=False):
            bottom.errorbar(
                [_num(row.date_end)],
                [float(row.reported_total)],  # type: ignore[arg-type]
                ls="none",
                marker="D",
                ms=7,
                color="black",
                label=f"reported: about {row.reported_total:.0f} ({row.source}, as of early Oct)",
            )
            bottom.annotate(
                f"about {row.reported_total:.0f}\n(no dates given)",
                (row.date_end, row.reported_total),
                xytext=(-8, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=8,
            )
        bottom.set_ylabel("sweep campaigns since 1 January")
        bottom.set_ylim(
            0,
            max([float(steps[-1]) if len(steps) else 0.0, *rep["reported_total"].tolist()]) * 1.15
            + 1,
        )
        bottom.legend(loc="upper left")
        bottom.set_xlim(_num(start), _num(f"{year}-12-31"))
    return _figure(top)


def plot_episode(
    daily: pd.DataFrame,
    campaigns: Campaigns,
    *,
    published: tuple[str, str] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw a report's episode day by day: counts over their windows, launches, publication.

    Parameters
    ----------
    daily : pandas.DataFrame
        Daily ``count_events`` of the report's records (not aggregates).
    campaigns : analysis.stats.campaigns.Campaigns
        Sweep launches to mark.
    published : (str, str), optional
        First and last possible publication day, shaded.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    ax = _ax(ax)
    palette = colours()
    with figure_style():
        if published is not None:
            lo, hi = pd.Timestamp(published[0]), pd.Timestamp(published[1]) + pd.Timedelta(days=1)
            ax.axvspan(
                _num(lo),
                _num(hi),
                color=palette["bracket"],
                zorder=0,
                label=f"published between {published[0]} and {published[1]}",
            )
        strikes = daily[daily["event_type"].astype(str) == "airstrike"]
        plot_counts(strikes, event_type="airstrike", ax=ax, label="airstrikes (spread over window)")
        for row in campaigns.intervals.itertuples(index=False):
            ax.axvline(
                _num(row.start),
                color=palette["sweep"],
                lw=1.5,
                ls="--",
                label=f"sweep launched {row.start:%-d %b %Y}",
            )
        import matplotlib.dates as mdates

        ax.xaxis.set_major_locator(mdates.DayLocator(bymonthday=[1, 8, 15, 22]))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
        ax.set_ylim(0, 1.6 * ax.get_ylim()[1])
        total = strikes[["count", "count_low", "count_high"]].sum()
        high = "no upper bound" if np.isinf(total["count_high"]) else f"{total['count_high']:.0f}"
        ax.text(
            0.99,
            0.7,
            f"strikes in the window: {total['count']:.0f} "
            f"(at least {total['count_low']:.0f}, {high})",
            transform=ax.transAxes,
            ha="right",
            va="top",
            fontsize=8,
        )
        ax.set_title("The seed report's episode, day by day", loc="left")
        ax.set_ylabel("strikes per day")
        ax.legend(loc="upper left", fontsize=7.5)
    return _figure(ax)


def plot_event_study(study: EventStudy, *, ax: Axes | None = None) -> Figure:
    """Draw each campaign's rate ratio and the pooled one, with 95% intervals.

    Parameters
    ----------
    study : analysis.stats.eventstudy.EventStudy
        :func:`analysis.stats.eventstudy.event_study` result.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    ax = _ax(ax, (8.0, 4.4))
    palette = colours()
    per = study.per_campaign.sort_values("campaign")
    pooled = study.pooled
    with figure_style():
        labels = [
            f"{r.campaign}. {r.start:%-d %b %Y}" + (" (overlaps)" if r.overlaps_other else "")
            for r in per.itertuples(index=False)
        ]
        y = np.arange(len(per))[::-1] + 1.5
        ok = np.isfinite(per["rate_ratio"].to_numpy(float))
        rr = per["rate_ratio"].to_numpy(float)
        lo = per["ci_low"].to_numpy(float)
        hi = per["ci_high"].to_numpy(float)
        ax.errorbar(
            rr[ok],
            y[ok],
            xerr=np.vstack([rr[ok] - lo[ok], hi[ok] - rr[ok]]),
            ls="none",
            marker="o",
            color=palette["attack"],
            capsize=2,
            label=f"one campaign: {pooled.contrast} vs {study.pre} days before",
        )
        ax.errorbar(
            [pooled.rate_ratio],
            [0.0],
            xerr=[[pooled.rate_ratio - pooled.ci_low], [pooled.ci_high - pooled.rate_ratio]],
            ls="none",
            marker="D",
            ms=8,
            color="black",
            capsize=3,
            label=f"pooled: {pooled.rate_ratio:.2f} ({pooled.ci_low:.2f}–"
            f"{pooled.ci_high:.2f}), placebo p = {pooled.placebo_p_value:.2f}",
        )
        ax.axvline(1.0, color="#777777", lw=1)
        ax.set_xscale("log")
        ax.set_yticks([0.0, *y.tolist()], ["pooled", *labels])
        ax.set_xlabel(f"{study.outcome} rate ratio ({pooled.contrast} vs before; log scale)")
        ax.grid(axis="x", color="#dddddd", lw=0.6)
        ax.set_title(
            f"Attack rates around {pooled.n_campaigns} dated sweep campaigns (95% intervals)",
            loc="left",
        )
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.16), fontsize=7.5)
    return _figure(ax)


def plot_event_profile(study: EventStudy, *, ax: Axes | None = None) -> Figure:
    """Draw the outcome's daily rate before, during and after the launches.

    The thin line is the mean count on each day relative to the launch, over
    the campaigns that reach that day (day 0 = launch); the bands are the
    pooled windows' rates (``study.windows``: before, during, after) with their
    95% intervals, so "before" and "after" read off the same axis.

    Parameters
    ----------
    study : analysis.stats.eventstudy.EventStudy
        :func:`analysis.stats.eventstudy.event_study` result.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    ax = _ax(ax)
    palette = colours()
    per = study.per_campaign
    duration = int(np.median((per["end"] - per["start"]).dt.days + 1))
    spans = {
        "pre": (-study.pre - 0.5, -0.5),
        "during": (-0.5, duration - 0.5),
        "post": (duration - 0.5, duration + study.post - 0.5),
    }
    names = {"pre": "before", "during": "during", "post": "after"}
    windows = study.windows.set_index("window")
    with figure_style():
        prof = study.profile
        ax.plot(
            prof["relative_day"],
            prof["mean_count"],
            color="#999999",
            lw=0.9,
            drawstyle="steps-mid",
            label="mean per campaign, each day",
        )
        ax.axvspan(*spans["during"], color=palette["sweep"], alpha=0.12, lw=0)
        for key, (a, b) in spans.items():
            if key not in windows.index:
                continue
            w = windows.loc[key]
            ax.fill_between(
                [a, b],
                [w["rate_low"]] * 2,
                [w["rate_high"]] * 2,
                color=palette["attack"],
                alpha=0.18,
                lw=0,
            )
            ax.hlines(w["rate"], a, b, color=palette["attack"], lw=2)
            ax.annotate(
                f"{names[key]}\n{w['rate']:.2f}/day",
                ((a + b) / 2, w["rate_high"]),
                ha="center",
                va="bottom",
                fontsize=7.5,
                xytext=(0, 2),
                textcoords="offset points",
            )
        ax.plot([], [], color=palette["attack"], lw=2, label="pooled window rate, 95% interval")
        ax.axvline(0, color=palette["sweep"], lw=1.2, ls="--", label="launch (day 0)")
        ax.set_xlabel("days from the campaign's launch")
        ax.set_ylabel(f"{study.outcome}s per day")
        ax.set_ylim(bottom=0)
        ax.set_title(f"{study.outcome.capitalize()}s per day around the launches", loc="left")
        ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.16), fontsize=7.5)
    return _figure(ax)


def plot_allocation_views(
    views: Mapping[str, Mapping[str, pd.DataFrame]],
    *,
    event_type: str,
    axes: Sequence[Axes] | None = None,
) -> Figure:
    """Draw the same records per day, week and month under different allocations.

    Parameters
    ----------
    views : mapping of str to mapping of str to pandas.DataFrame
        ``{panel title: {allocation label: count_events output}}``, one panel
        per frequency.
    event_type : str
        The series drawn.
    axes : sequence of matplotlib.axes.Axes, optional
        One per panel.

    Returns
    -------
    matplotlib.figure.Figure
    """
    panels = _axes(axes, len(views), (8.0, 2.4 * len(views)), sharex=True)
    palette = colours()
    with figure_style():
        # One colour and dash per allocation, in order; cycled past four.
        styles = [("spread", "-"), ("start", "--"), ("sweep", ":"), ("other", "-.")]
        for ax, (name, by_alloc) in zip(panels, views.items(), strict=True):
            for i, (alloc, counts) in enumerate(by_alloc.items()):
                role, ls = styles[i % len(styles)]
                plot_counts(
                    counts,
                    event_type=event_type,
                    ax=ax,
                    bounds=False,
                    label=alloc,
                    colour=palette[role],
                    linestyle=ls,
                    title=name,
                )
    return _figure(panels[0])


def plot_places(
    places: pd.DataFrame,
    mentions: pd.Series | None = None,
    *,
    ax: Axes | None = None,
    label_min: int | None = 1,
    title: str | None = None,
) -> Figure:
    """Draw gazetteer places by longitude and latitude, labelled in English and Arabic.

    Parameters
    ----------
    places : pandas.DataFrame
        :func:`analysis.sources.datasets.load_places` output; places without
        coordinates are listed in a note, not drawn.
    mentions : pandas.Series, optional
        Records per place (:func:`analysis.sources.datasets.place_mentions`), by
        ``name_en``: sets the marker size.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    label_min : int or None, default 1
        Label the places named by at least this many records (0: every
        place; None: none); the others are drawn unlabelled.
    title : str, optional
        Axes title.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if label_min is not None and label_min < 0:
        raise ValueError(f"plot_places: label_min must be >= 0 or None, not {label_min}")
    ax = _ax(ax, (8.0, 6.5))
    import seaborn as sns
    from matplotlib.lines import Line2D

    table = places.copy()
    table["records"] = (
        0 if mentions is None else table["name_en"].map(mentions).fillna(0).astype(int)
    )
    located = table[table["latitude"].notna() & table["longitude"].notna()]
    missing = table.loc[table["latitude"].isna() | table["longitude"].isna(), "name_en"]
    governorates = sorted(located["admin1"].unique())
    hues = dict(
        zip(governorates, sns.color_palette("colorblind", len(governorates)).as_hex(), strict=True)
    )
    with figure_style():
        for gov in governorates:
            g = located[located["admin1"] == gov]
            ax.scatter(
                g["longitude"],
                g["latitude"],
                s=12 + 14 * g["records"].to_numpy(),
                color=hues[gov],
                alpha=0.75,
                edgecolor="white",
                lw=0.5,
            )
        if label_min is not None:
            show = located[located["records"] >= label_min]
            for row in show.sort_values("name_en").itertuples(index=False):
                ax.annotate(
                    f"{row.name_en} {row.name_ar}",
                    (row.longitude, row.latitude),
                    xytext=(3, 2),
                    textcoords="offset points",
                    fontsize=6.5,
                )
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
        ax.set_aspect("equal", adjustable="datalim")
        ax.grid(True, color="#eeeeee", lw=0.5)
        if title:
            ax.set_title(title, loc="left")
        handles = [
            Line2D([], [], ls="none", marker="o", color=hues[g], label=g) for g in governorates
        ]
        if mentions is not None:
            handles += [
                Line2D(
                    [],
                    [],
                    ls="none",
                    marker="o",
                    color="#999999",
                    ms=np.sqrt(12 + 14 * n),
                    label=f"{n} record{'s' * (n != 1)}",
                )
                for n in (1, 5, 20)
                if n <= int(table["records"].max()) and table["records"].max() > 1
            ]
        ax.legend(handles=handles, loc="lower left", fontsize=7)
        if len(missing):
            ax.text(
                0.0,
                -0.12,
                "Not located, not drawn: " + ", ".join(missing.tolist()),
                transform=ax.transAxes,
                fontsize=6.5,
                va="top",
                wrap=True,
            )
    return _figure(ax)


# ======================================================================================
# Builders: from the seeds to each registered figure
# ======================================================================================


def _sample_campaigns() -> Campaigns:
    """Dated sweep launches of the 2024 sample, with the seed report's "about 17"."""
    from analysis.sources.datasets import load_badia_2024
    from analysis.stats.campaigns import find_campaigns

    return find_campaigns(load_badia_2024(seed_aggregates=True))


def draw_attacks_2024_by_source() -> Figure:
    """Draw ``attacks_2024_by_source``: attacks per month in 2024 from three sources.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.counting import count_events
    from analysis.sources.datasets import load_badia_2024, load_totals
    from analysis.sources.totals import implied_counts, implied_per_period

    totals = load_totals()
    cep = totals[
        (totals["source"] == "CEP")
        & (totals["metric"] == "attacks")
        & (totals["kind"] == "period")
        & (totals["period_start"].dt.year == 2024)
    ].rename(columns={"period_start": "period", "value": "count"})
    sohr = implied_per_period(implied_counts(totals, source="SOHR", metric="operations"))
    events = load_badia_2024()
    attacks = events[(events["event_type"] == "attack") & (events["date_start"].dt.year == 2024)]
    sample = count_events(
        attacks,
        freq="MS",
        start="2024-01-01",
        end="2024-11-30",
    )
    return plot_attacks_by_source(cep, sohr, sample, _sample_campaigns())


def draw_cumulative_2024() -> Figure:
    """Draw ``cumulative_2024``: SOHR's running total above the sweep campaigns counted up.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.sources.datasets import load_totals
    from analysis.sources.totals import implied_counts

    running = implied_counts(load_totals(), source="SOHR", metric="operations")
    return plot_cumulative(running, _sample_campaigns())


def draw_seed_report_episode() -> Figure:
    """Draw ``seed_report_episode``: the seed report day by day, and the places it names.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.counting import count_events
    from analysis.sources.datasets import load_seed_records
    from analysis.sources.places import load_places, place_mentions
    from analysis.stats.campaigns import find_campaigns

    records = load_seed_records()
    events = records[~records["is_aggregate"]]
    daily = count_events(events, freq="D", start=EPISODE_DAYS[0], end=EPISODE_DAYS[1])
    fig = new_figure(1, 2, figsize=(11.0, 4.6), width_ratios=[1.5, 1.0])
    left, right = fig.axes
    plot_episode(daily, find_campaigns(events), published=SEED_PUBLISHED, ax=left)
    places = load_places()
    mentions = place_mentions(events, places)
    named = places[places["name_en"].map(mentions) > 0]
    plot_places(named, mentions, ax=right, title="Places the report names")
    return fig


def draw_ucdp_badia_2016_2019() -> Figure:
    """Draw ``ucdp_badia_2016_2019``: UCDP airstrikes and IS attacks per month, with trends.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.counting import count_events
    from analysis.sources.datasets import load_ucdp_badia
    from analysis.stats.changepoints import detect_changepoints
    from analysis.stats.trends import fit_trend

    monthly = count_events(load_ucdp_badia(), freq="MS")
    fig = new_figure(2, 1, figsize=(9.0, 6.4), sharex=True)
    for ax, kind in zip(fig.axes, ("airstrike", "attack"), strict=True):
        trend = fit_trend(monthly, event_type=kind)
        breaks = detect_changepoints(monthly, event_type=kind)
        plot_trend(monthly, trend, breaks, event_type=kind, ax=ax)
    return fig


def draw_event_study_2024() -> Figure:
    """Draw ``event_study_2024``: attack rates around the dated sweep campaigns of 2024.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.counting import count_events
    from analysis.sources.datasets import load_badia_2024
    from analysis.stats.campaigns import find_campaigns
    from analysis.stats.eventstudy import event_study

    events = load_badia_2024()
    daily = count_events(events, freq="D")
    study = event_study(
        daily,
        find_campaigns(events),
        outcome="attack",
        pre=EVENT_STUDY_DAYS,
        post=EVENT_STUDY_DAYS,
        n_placebo=N_PLACEBO,
    )
    fig = new_figure(1, 2, figsize=(12.0, 4.8), width_ratios=[1.0, 1.1])
    plot_event_profile(study, ax=fig.axes[0])
    plot_event_study(study, ax=fig.axes[1])
    return fig


def draw_allocation_views() -> Figure:
    """Draw ``allocation_views``: the 2024 airstrikes per day, week and month, two allocations.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.counting import count_events
    from analysis.sources.datasets import load_badia_2024

    events = load_badia_2024()
    strikes = events[events["date_start"].dt.year == 2024]
    panels = {
        "Airstrikes in the 2024 sample, per day": "D",
        "per week (Saturday to Friday, as ACLED)": "W-FRI",
        "per month": "MS",
    }
    views = {
        title: {
            "spread over the window": count_events(strikes, freq=freq, allocate="spread"),
            "start of the window": count_events(strikes, freq=freq, allocate="start"),
        }
        for title, freq in panels.items()
    }
    return plot_allocation_views(views, event_type="airstrike")


def draw_places_map() -> Figure:
    """Draw ``places_map``: the gazetteer's places, sized by the records that name them.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.sources.datasets import load_badia_2024, load_seed_records
    from analysis.sources.places import load_places, place_mentions

    places = load_places()
    events = pd.concat([load_badia_2024(), load_seed_records()], ignore_index=True)
    mentions = place_mentions(events[~events["is_aggregate"]], places)
    return plot_places(
        places,
        mentions,
        label_min=2,
        title="Badia places, sized by the records that name them (labels: two or more)",
    )
