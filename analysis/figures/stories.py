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
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from analysis.figures.plotting import (
    GROUP_PALETTE,
    _ax,
    _axes,
    _figure,
    _num,
    _summed,
    colours,
    figure_style,
    group_colours,
    group_order,
    legend_below,
    legend_outside,
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

    Each month's three bars are centred on its tick; the launches are marked
    above the plot, and the legend is under it, so neither covers a bar.

    Parameters
    ----------
    cep : pandas.DataFrame
        CEP's monthly confirmed attacks: ``period``, ``count`` and
        ``qualifier`` (``at_least`` is written "at least" over its bar).
    sohr : pandas.DataFrame
        SOHR's operations per month implied by its running totals
        (:func:`analysis.sources.totals.implied_per_period`): ``period``, ``count``,
        ``count_low``, ``count_high``, ``days``, ``days_covered``; optional
        ``covered_from`` and ``covered_to`` (the days covered, written over
        a month covered only in part).
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
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedFormatter, FixedLocator

    ax = _ax(ax, (9.0, 5.4))
    palette = colours()
    width = np.timedelta64(8, "D")
    step = np.timedelta64(9, "D")

    def middles(frame: pd.DataFrame) -> np.ndarray:
        start = pd.to_datetime(frame["period"])
        days = start.dt.days_in_month.to_numpy()
        return (start.to_numpy("datetime64[h]") + (days * 12).astype("timedelta64[h]")).astype(
            "datetime64[ns]"
        )

    note_style: dict[str, Any] = {"ha": "center", "va": "bottom", "fontsize": 6, "rotation": 90}
    with figure_style():
        c = cep.sort_values("period")
        x = middles(c) - step
        ax.bar(x, c["count"], width=width, color=palette["CEP"], label=CEP_LABEL)
        for xi, (val, qual) in zip(x, zip(c["count"], c["qualifier"], strict=True), strict=True):
            if qual == "at_least":
                ax.annotate(
                    "at least",
                    (xi, val),
                    xytext=(0, 2),
                    textcoords="offset points",
                    color=palette["CEP"],
                    **note_style,
                )
        s = sohr.sort_values("period")
        x_sohr = middles(s)
        months = pd.to_datetime(s["period"])
        err = np.vstack([s["count"] - s["count_low"], s["count_high"] - s["count"]])
        ax.bar(
            x_sohr,
            s["count"],
            width=width,
            color=palette["SOHR"],
            yerr=err,
            error_kw={"lw": 0.8, "capsize": 2},
            label=SOHR_LABEL,
        )
        partial = (s["days_covered"] < s["days"]).to_numpy()
        for i, row in enumerate(s.itertuples(index=False)):
            if partial[i]:
                ax.annotate(
                    _coverage_note(row),
                    (x_sohr[i], float(row.count_high)),  # type: ignore[arg-type]
                    xytext=(0, 3),
                    textcoords="offset points",
                    color=palette["SOHR"],
                    **note_style,
                )
        a = _summed(sample)
        a = a[a["event_type"].astype(str) == "attack"].sort_values("period")
        ax.bar(
            middles(a) + step,
            a["count"],
            width=width,
            color=palette["sample"],
            label=SAMPLE_LABEL,
        )
        highest = max(float(c["count"].max()), float(s["count"].max()), float(a["count"].max()))
        whiskers = s["count_high"].to_numpy(float)
        top = max(1.25 * highest, min(1.1 * whiskers.max(), 2.0 * highest))
        ax.set_ylim(0, top)
        for xi, high in zip(x_sohr, whiskers, strict=True):
            if high > top:
                ax.annotate(
                    f"range to {high:.0f}",
                    (xi, top),
                    xytext=(3, -2),
                    textcoords="offset points",
                    ha="left",
                    va="top",
                    fontsize=6.5,
                )
        year = int(months.dt.year.mode().iloc[0]) if len(months) else 2024
        year_months = pd.date_range(f"{year}-01-01", periods=12, freq="MS")
        _say_missing_months(ax, year_months, c, s, a, note_style)
        ax.set_xlim(_num(year_months[0]), _num(f"{year + 1}-01-01"))
        centres = [_num(m + pd.Timedelta(hours=12 * m.days_in_month)) for m in year_months]
        ax.xaxis.set_major_locator(FixedLocator(centres))
        ax.xaxis.set_major_formatter(FixedFormatter([f"{m:%b}" for m in year_months]))
        ax.xaxis.set_minor_locator(mdates.MonthLocator())
        ax.tick_params(axis="x", which="major", length=0)
        ax.tick_params(axis="x", which="minor", length=4)
        _mark_launches(ax, campaigns)
        ax.set_ylabel("attacks per month")
        ax.set_title(
            f"ISIS attacks in central Syria by month, {year}: three sources count different things",
            loc="left",
            pad=14,
        )
        handles, labels = ax.get_legend_handles_labels()
        bars_first = sorted(range(len(labels)), key=lambda i: labels[i] not in BAR_LABELS)
        legend_below(
            ax,
            handles=[handles[i] for i in bars_first],
            labels=[labels[i] for i in bars_first],
            ncols=2,
            fontsize=7.5,
        )
    return _figure(ax)


def _say_missing_months(
    ax: Axes,
    year_months: pd.DatetimeIndex,
    cep: pd.DataFrame,
    sohr: pd.DataFrame,
    sample: pd.DataFrame,
    note_style: dict[str, Any],
) -> None:
    """Write over each month without a bar why it has none, so no gap reads as a zero.

    A month none of the three sources covers says "no figures from any
    source" at its tick; a month with other figures but none from CEP says
    "no CEP figure" where CEP's bar would be.
    """
    palette = colours()
    have = {
        name: set(pd.to_datetime(frame["period"]))
        for name, frame in (("CEP", cep), ("SOHR", sohr), ("sample", sample))
    }
    step = pd.Timedelta(days=9)
    for month in year_months:
        middle = month + pd.Timedelta(hours=12 * month.days_in_month)
        if not any(month in months for months in have.values()):
            text, x, colour = "no figures from any source", middle, "#777777"
        elif month not in have["CEP"]:
            text, x, colour = "no CEP figure", middle - step, palette["CEP"]
        else:
            continue
        ax.annotate(
            text,
            (_num(x), 0),
            xytext=(0, 2),
            textcoords="offset points",
            color=colour,
            **note_style,
        )


LABEL_BACKING: Final = {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
"""A text's backing where lines of data may run behind it."""

CEP_LABEL: Final = "CEP: confirmed attacks, 5 governorates"
SOHR_LABEL: Final = "SOHR: operations from running totals\n(range: approximate as-of dates)"
SAMPLE_LABEL: Final = "project sample: attacks in news reports"
BAR_LABELS: Final = (CEP_LABEL, SOHR_LABEL, SAMPLE_LABEL)


def _coverage_note(row: object) -> str:
    """Say which days of a month a total covers: '1–10 Nov only' (or 'N of M days only')."""
    start = getattr(row, "covered_from", None)
    end = getattr(row, "covered_to", None)
    if start is not None and end is not None and pd.notna(start) and pd.notna(end):
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        return f"{start.day}–{end.day} {end:%b} only"
    return f"{getattr(row, 'days_covered')} of {getattr(row, 'days')} days only"  # noqa: B009


def _mark_launches(ax: Axes, campaigns: Campaigns) -> None:
    """Triangles just above the plot at the dated launches, and the reported total as text.

    The triangles sit above the axes (in the title's padding), so they cover
    no data whatever the counts; a reported total without dates is a legend
    entry, never a date.
    """
    import matplotlib.dates as mdates
    from matplotlib.transforms import ScaledTranslation, blended_transform_factory

    palette = colours()
    iv = campaigns.intervals
    lo, hi = ax.get_xlim()
    lo_d, hi_d = mdates.num2date(lo).date(), mdates.num2date(hi).date()
    shown = iv[(iv["start"].dt.date >= lo_d) & (iv["start"].dt.date <= hi_d)]
    fig = _figure(ax)
    above = blended_transform_factory(ax.transData, ax.transAxes) + ScaledTranslation(
        0, 5 / 72, fig.dpi_scale_trans
    )
    ax.plot(
        shown["start"],
        np.ones(len(shown)),
        ls="none",
        marker="v",
        ms=8,
        color=palette["sweep"],
        label=f"sweep campaign launches with a date ({len(shown)})",
        clip_on=False,
        transform=above,
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
        from matplotlib.ticker import MaxNLocator

        bottom.yaxis.set_major_locator(MaxNLocator(integer=True))  # campaigns are whole
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

    The legend, headed by the window's total, is under the plot, so no line
    of the plot (the launches run its full height) passes through it.

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
        ax.set_ylim(0, 1.25 * ax.get_ylim()[1])
        total = strikes[["count", "count_low", "count_high"]].sum()
        high = "no upper bound" if np.isinf(total["count_high"]) else f"{total['count_high']:.0f}"
        ax.set_title("The seed report's episode, day by day", loc="left")
        ax.set_ylabel("strikes per day")
        legend_below(
            ax,
            ncols=2,
            fontsize=7.5,
            title=f"strikes in the window: {total['count']:.0f} "
            f"(at least {total['count_low']:.0f}, {high})",
            title_fontsize=8,
            alignment="left",
        )
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
            f"{r.campaign}. {r.start:%-d %b %Y}" + (" *" if r.overlaps_other else "")
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
        if per["overlaps_other"].any():
            from matplotlib.lines import Line2D

            ax.add_line(  # a legend entry without a mark: the footnote of the starred rows
                Line2D(
                    [],
                    [],
                    ls="none",
                    label=f"* its {study.pre} days before to {study.post} days after share days "
                    "with another campaign's",
                )
            )
        handles, texts = ax.get_legend_handles_labels()
        last = sorted(range(len(texts)), key=lambda i: texts[i].startswith("*"))  # footnote last
        legend_below(
            ax,
            handles=[handles[i] for i in last],
            labels=[texts[i] for i in last],
            offset=34,
            fontsize=7.5,
        )
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
    notes: list[tuple[str, float, Any]] = []
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
            notes.append((f"{names[key]}\n{w['rate']:.2f}/day", (a + b) / 2, w["rate_high"]))
        ax.plot([], [], color=palette["attack"], lw=2, label="pooled window rate, 95% interval")
        ax.axvline(0, color=palette["sweep"], lw=1.2, ls="--", label="launch (day 0)")
        ax.set_xlabel("days from the campaign's launch")
        ax.set_ylabel(f"{study.outcome}s per day")
        ax.set_ylim(bottom=0)
        ax.set_title(f"{study.outcome.capitalize()}s per day around the launches", loc="left")
        legend = legend_below(ax, offset=34, fontsize=7.5)
        # Each window's rate above its band; none may cross the launch line, and one
        # with no room is named under the legend instead.
        from analysis.figures.labelling import DIRECTIONS, label_points

        label_points(
            ax,
            [n[0] for n in notes],
            [n[1] for n in notes],
            [n[2] for n in notes],
            note=ax.annotate(
                "",
                (0.0, 0.0),
                xycoords=("axes fraction", legend),
                xytext=(0, -3),
                textcoords="offset points",
                va="top",
                fontsize=7,
            ),
            names=[n[0].replace("\n", " ") for n in notes],
            directions=[DIRECTIONS[6], DIRECTIONS[2], DIRECTIONS[3], DIRECTIONS[0], DIRECTIONS[1]],
            walls=[0.0],
            fontsize=7.5,
            # the per-day means run behind the rates: a backing keeps every digit legible
            bbox=LABEL_BACKING,
        )
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

    The map is drawn to equal scale at its middle latitude (a degree of
    latitude is drawn 1/cos(latitude) times as long as a degree of
    longitude), each governorate in its colour of
    :func:`analysis.figures.plotting.group_colours` (the same in every
    figure), with the legend right of the map.  Labels are placed by
    :func:`analysis.figures.labelling.label_points`: none overlaps another
    or a point, the places named most get the nearest positions, and a label
    with no free position is left out and named in the note under the map.

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
    ax = _ax(ax, (10.0, 7.5))
    from matplotlib.lines import Line2D

    from analysis.figures.labelling import label_points

    table = places.copy()
    table["records"] = (
        0 if mentions is None else table["name_en"].map(mentions).fillna(0).astype(int)
    )
    located = table[table["latitude"].notna() & table["longitude"].notna()]
    missing = table.loc[table["latitude"].isna() | table["longitude"].isna(), "name_en"]
    governorates = group_order(located["admin1"])
    hues = group_colours(governorates)
    shapes = {
        g: PLACE_MARKERS[i // len(GROUP_PALETTE) % len(PLACE_MARKERS)]
        for i, g in enumerate(governorates)
    }
    with figure_style():
        for gov in governorates:
            g = located[located["admin1"] == gov]
            ax.scatter(
                g["longitude"],
                g["latitude"],
                s=_marker_area(g["records"].to_numpy()),
                color=hues[gov],
                marker=shapes[gov],
                alpha=0.8,
                edgecolor="white",
                lw=0.5,
            )
        ax.set_xlabel("longitude (°E)")
        ax.set_ylabel("latitude (°N)")
        if len(located):
            _equal_scale(
                ax, located["longitude"].to_numpy(float), located["latitude"].to_numpy(float)
            )
        ax.grid(True, color="#eeeeee", lw=0.5)
        if title:
            ax.set_title(title, loc="left")
        handles = [
            Line2D([], [], ls="none", marker=shapes[g], color=hues[g], label=g)
            for g in governorates
        ]
        top = int(table["records"].max()) if len(table) else 0
        if mentions is not None and top > 1:
            handles += [
                Line2D(
                    [],
                    [],
                    ls="none",
                    marker="o",
                    color="#999999",
                    ms=float(np.sqrt(_marker_area(np.array([n]))[0])),
                    label=f"{n} record{'s' * (n != 1)}",
                )
                for n in (1, 5, 20)
                if n <= top
            ]
        legend_outside(ax, handles=handles, fontsize=7, labelspacing=0.9)
        note = ax.annotate(
            "Not located, not drawn: " + ", ".join(missing.tolist()) if len(missing) else "",
            (0.0, 0.0),
            xycoords=("axes fraction", ax.xaxis.label),  # under the axis label
            xytext=(0, -4),
            textcoords="offset points",
            fontsize=6.5,
            va="top",
            wrap=True,
        )
        if label_min is not None:
            show = located[located["records"] >= label_min]
            show = show.sort_values(["records", "name_en"], ascending=[False, True])
            label_points(
                ax,
                [f"{r.name_en}\n{r.name_ar}" for r in show.itertuples(index=False)],
                show["longitude"].to_numpy(float),
                show["latitude"].to_numpy(float),
                note=note,
                names=show["name_en"].tolist(),
                fontsize=6.5,
            )
    return _figure(ax)


MAP_SHAPE: Final = (0.6, 1.25)
"""Least and greatest height / width of a map: a narrow spread of places is given room."""


def _equal_scale(ax: Axes, lon: np.ndarray, lat: np.ndarray) -> None:
    """Fix the map's limits around the places and draw it to equal scale at its latitude.

    A degree of latitude is drawn 1/cos(latitude) times as long as a degree
    of longitude at the middle latitude.  The limits are fixed here and the
    axes box takes their shape (``adjustable="box"``), so the same map is
    drawn whatever the resolution or the number of times it is drawn.
    """
    middle = (lat.min() + lat.max()) / 2
    stretch = 1 / np.cos(np.radians(middle))
    margin = 0.06 * max(float(np.ptp(lon)), float(np.ptp(lat)) * stretch, 0.5)
    x0, x1 = lon.min() - margin, lon.max() + margin
    y0, y1 = lat.min() - margin / stretch, lat.max() + margin / stretch
    low, high = MAP_SHAPE
    shape = (y1 - y0) * stretch / (x1 - x0)
    if shape < low:  # too flat: more latitude
        grow = ((x1 - x0) * low / stretch - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    elif shape > high:  # too tall: more longitude
        grow = ((y1 - y0) * stretch / high - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(stretch, adjustable="box")


PLACE_MARKERS: Final = ("o", "s", "D", "^")
"""Marker shapes of governorates past the seventh (their colours repeat)."""


def _marker_area(records: np.ndarray) -> np.ndarray:
    """Marker area in points² of a place named by ``records`` records."""
    return 12 + 14 * np.asarray(records, dtype=float)


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
    implied = implied_counts(totals, source="SOHR", metric="operations")
    sohr = _with_coverage(implied_per_period(implied), implied)
    events = load_badia_2024()
    attacks = events[(events["event_type"] == "attack") & (events["date_start"].dt.year == 2024)]
    sample = count_events(
        attacks,
        freq="MS",
        start="2024-01-01",
        end="2024-11-30",
    )
    return plot_attacks_by_source(cep, sohr, sample, _sample_campaigns())


def _with_coverage(per_period: pd.DataFrame, implied: pd.DataFrame) -> pd.DataFrame:
    """Add ``covered_from`` and ``covered_to``: the days of each period the totals cover.

    The intervals between running totals follow one another without gaps,
    so a period's covered days run from the later of its start and the
    first interval's start to the earlier of its end and the last
    interval's end.
    """
    first = pd.Timestamp(implied["interval_start"].min())
    last = pd.Timestamp(implied["interval_end"].max())
    start = pd.to_datetime(per_period["period"])
    end = start + pd.to_timedelta(per_period["days"] - 1, unit="D")
    return per_period.assign(
        covered_from=start.where(start > first, first), covered_to=end.where(end < last, last)
    )


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
