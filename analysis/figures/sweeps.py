"""The 2024 sweep campaigns against attacks: their plots and the builders of their figures.

Three registered figures tell this story: ``attacks_2024_by_source`` (attacks
per month from CEP, SOHR's running totals and our record, every dated or
windowed launch drawn on them, and how much of CEP's count our record
holds), ``cumulative_2024`` (SOHR's running total against the campaigns
counted up) and ``event_study_2024`` (attack rates around the dated
launches, drawn from :func:`analysis.stats.studies.study_campaigns`, the
call notebook 03 prints).  The campaigns of every figure here are those
launched inside the 2024 record's declared coverage.

Like every plot function of the package, the plots here take an ``ax`` or
make a figure of a fixed size, return the
:class:`matplotlib.figure.Figure`, and never show or save.

Examples
--------
>>> fig = draw_event_study_2024()
>>> fig.axes[1].get_yticklabels()[0].get_text()
'pooled, launch windows'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

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
    legend_below,
    new_figure,
)
from analysis.sources.provenance import Coverage, coverage_days

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from analysis.stats.campaigns import Campaigns
    from analysis.stats.eventstudy import EventStudy
    from analysis.stats.studies import CampaignStudy

EVENT_STUDY_DAYS: Final = 28
"""Days before and after each launch in the event study figure."""

N_PLACEBO: Final = 999
"""Placebo campaign sets behind the event study figure's placebo p-value."""


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
        for month, xi in zip(months, x_sohr, strict=True):
            if month not in set(pd.to_datetime(c["period"])):
                ax.annotate(
                    "no CEP figure",
                    (xi - step, 0),
                    xytext=(0, 2),
                    textcoords="offset points",
                    color=palette["CEP"],
                    **note_style,
                )
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
        _month_axis(ax, year)
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


LABEL_BACKING: Final = {"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85}
"""A text's backing where lines of data may run behind it."""

CEP_LABEL: Final = "CEP: confirmed attacks, 5 governorates"
SOHR_LABEL: Final = "SOHR: operations from running totals\n(range: approximate as-of dates)"
SAMPLE_LABEL: Final = "project sample: attacks in news reports"
BAR_LABELS: Final = (CEP_LABEL, SOHR_LABEL, SAMPLE_LABEL)


def plot_record_coverage(
    cep: pd.DataFrame,
    sample: pd.DataFrame,
    *,
    coverage: Coverage | tuple[Any, Any] | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Draw how much of CEP's monthly count of attacks our record holds, month by month.

    Each bar is the month's attacks in our record as a share of CEP's
    confirmed attacks, with both numbers written over it; a month without a
    CEP figure, or outside the record's declared coverage, says so instead of
    a bar.  A low bar is a month where our
    record is thin, not a quiet month.  CEP counts confirmed attacks in five
    governorates and the record counts attacks news reports describe, so the
    share is a guide to where the record is thin, not a completeness rate.

    Parameters
    ----------
    cep : pandas.DataFrame
        CEP's monthly confirmed attacks: ``period`` (month start), ``count``.
    sample : pandas.DataFrame
        Monthly ``count_events`` of our record, ``attack`` rows (records with
        a window spread over its days, so a month's count can be fractional).
    coverage : (start, end), optional
        The record's declared coverage (a :class:`~analysis.Coverage` has
        ``start`` and ``end``; a pair of dates does too): months wholly
        outside it are marked "outside the record's coverage", not drawn as
        a share.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> months = pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"])
    >>> cep = pd.DataFrame({"period": months[[0, 2]], "count": [33.0, 69.0]})
    >>> ours = pd.DataFrame({"period": months, "event_type": "attack", "count": [15.0, 16, 13]})
    >>> ax = plot_record_coverage(cep, ours).axes[0]
    >>> [t.get_text() for t in ax.texts]
    ['15 of 33', 'no CEP figure', '13 of 69']
    >>> ax = plot_record_coverage(cep, ours, coverage=("2024-01-01", "2024-02-29")).axes[0]
    >>> " ".join([t.get_text() for t in ax.texts][-1].split())
    "outside the record's coverage"
    """
    from matplotlib.ticker import PercentFormatter

    ax = _ax(ax, (9.0, 2.6))
    palette = colours()
    summed = _summed(sample)
    ours: pd.Series = summed[summed["event_type"].astype(str) == "attack"].set_index("period")[
        "count"
    ]
    theirs = cep.set_index(pd.to_datetime(cep["period"]))["count"].astype(float)
    months = pd.DatetimeIndex(sorted(set(ours.index) | set(theirs.index)))
    first, last = (
        (pd.Timestamp.min, pd.Timestamp.max)
        if coverage is None
        else tuple(map(pd.Timestamp, coverage_days(coverage, "plot_record_coverage")))
    )
    year = int(months.year.to_series().mode().iloc[0]) if len(months) else 2024
    year_months, centres = _months_of(year)
    note_style: dict[str, Any] = {"ha": "center", "va": "bottom", "fontsize": 6.5}
    with figure_style():
        outside: list[list[float]] = []  # runs of adjacent months outside the coverage
        for k, (month, centre) in enumerate(zip(year_months, centres, strict=True)):
            if month > last or month + pd.offsets.MonthEnd(0) < first:
                if outside and outside[-1][-1] == centres[k - 1]:
                    outside[-1].append(centre)
                else:
                    outside.append([centre])
                continue
            if month not in months:
                continue
            have = float(ours.loc[month]) if month in ours.index else 0.0
            if month not in theirs.index:
                ax.annotate(
                    "no CEP figure",
                    (centre, 0),
                    xytext=(0, 2),
                    textcoords="offset points",
                    color=palette["CEP"],
                    **note_style,
                )
                continue
            share = have / float(theirs[month])
            ax.bar(centre, share, width=20, color=palette["sample"])
            ax.annotate(
                f"{'<1' if 0 < have < 0.5 else f'{have:.0f}'} of {theirs[month]:.0f}",
                (centre, share),
                xytext=(0, 2),
                textcoords="offset points",
                **note_style,
            )
        for run in outside:
            ax.annotate(
                "outside the record's coverage"
                if len(run) > 1
                else "outside the\nrecord's coverage",
                (sum(run) / len(run), 0),
                xytext=(0, 2),
                textcoords="offset points",
                color="#555555",
                **note_style,
            )
        ax.axhline(1.0, color="#777777", lw=0.8, ls=":")
        ax.set_ylim(0, max(1.2, 1.2 * ax.get_ylim()[1]))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        _month_axis(ax, year)
        ax.set_ylabel("share of CEP's count")
        ax.set_title(
            f"Where our record is thin: attacks in it per month as a share of CEP's count, {year}",
            loc="left",
            fontsize=9.5,
        )
    return _figure(ax)


def _months_of(year: int) -> tuple[pd.DatetimeIndex, list[float]]:
    """Return the months of ``year`` and the axis position of each month's middle."""
    months = pd.date_range(f"{year}-01-01", periods=12, freq="MS")
    return months, [_num(m + pd.Timedelta(hours=12 * m.days_in_month)) for m in months]


def _month_axis(ax: Axes, year: int) -> None:
    """Label a year's x axis with month names at the months' middles, ticks at their bounds."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FixedFormatter, FixedLocator

    months, centres = _months_of(year)
    ax.set_xlim(_num(months[0]), _num(f"{year + 1}-01-01"))
    ax.xaxis.set_major_locator(FixedLocator(centres))
    ax.xaxis.set_major_formatter(FixedFormatter([f"{m:%b}" for m in months]))
    ax.xaxis.set_minor_locator(mdates.MonthLocator())
    ax.tick_params(axis="x", which="major", length=0)
    ax.tick_params(axis="x", which="minor", length=4)


def _coverage_note(row: object) -> str:
    """Say which days of a month a total covers: '1–10 Nov only' (or 'N of M days only')."""
    start = getattr(row, "covered_from", None)
    end = getattr(row, "covered_to", None)
    if start is not None and end is not None and pd.notna(start) and pd.notna(end):
        start, end = pd.Timestamp(start), pd.Timestamp(end)
        return f"{start.day}–{end.day} {end:%b} only"
    return f"{getattr(row, 'days_covered')} of {getattr(row, 'days')} days only"  # noqa: B009


def _mark_launches(ax: Axes, campaigns: Campaigns) -> None:
    """Mark every dated or windowed launch above the plot and on it; the reported total as text.

    A triangle just above the plot marks each launch on the day its interval
    is anchored on; a launch a report only bounds also gets a bar above the
    plot over its window and a light band over the data on those days.  The
    markers sit above the axes (in the title's padding), so they cover no
    data; a reported total without dates is a legend entry, never a date,
    and launches outside the year shown are named in the legend.
    """
    import matplotlib.dates as mdates
    from matplotlib.transforms import ScaledTranslation, blended_transform_factory

    palette = colours()
    iv = campaigns.intervals
    lo, hi = ax.get_xlim()
    lo_d, hi_d = mdates.num2date(lo).date(), mdates.num2date(hi).date()
    inside = (iv["start"].dt.date >= lo_d) & (iv["start"].dt.date <= hi_d)
    shown, hidden = iv[inside], iv[~inside]
    fig = _figure(ax)
    above = blended_transform_factory(ax.transData, ax.transAxes) + ScaledTranslation(
        0, 5 / 72, fig.dpi_scale_trans
    )
    windowed = shown[shown["launch_window_days"] > 1]
    day = pd.Timedelta(days=1)
    for r in windowed.itertuples(index=False):
        first, last = _num(r.launch_earliest), _num(r.launch_latest + day)
        ax.axvspan(first, last, color=palette["sweep"], alpha=0.13, lw=0, zorder=0)
        ax.plot(
            [first, last],
            [1.0, 1.0],
            color=palette["sweep"],
            lw=3,
            solid_capstyle="butt",
            clip_on=False,
            transform=above,
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
    if len(windowed):
        widths = ", ".join(f"{w:d}" for w in windowed["launch_window_days"].tolist())
        ax.plot(
            [],
            [],
            color=palette["sweep"],
            lw=3,
            label=f"{len(windowed)} of them known to a window of days ({widths}): "
            "bar above, band on the bars;\nthe triangle is the window's middle day",
        )
    outside = campaigns.outside
    dated_outside = [
        f"{_day_span(r.launch_earliest, r.launch_latest)} {r.launch_latest:%Y}"
        if r.launch_latest != r.launch_earliest
        else f"{r.launch_earliest:%-d %b %Y}"
        for r in pd.concat([hidden, outside]).itertuples(index=False)
    ]
    if dated_outside:
        ax.plot(
            [],
            [],
            ls="none",
            label=f"and {len(dated_outside)} dated before or after this year, not drawn: "
            + "; ".join(dated_outside),
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


def plot_event_study(
    study: EventStudy, *, reported_total: float | None = None, ax: Axes | None = None
) -> Figure:
    """Draw each campaign's rate ratio and the pooled one, anchored and over launch windows.

    Each campaign has its rate ratio with the launch on its window's middle
    day (a dot) and, for a launch known only to a window, the interval over
    every launch day of the window (a thinner line under it).  The two pooled
    rows are the headline on the middle days (with the placebo p-value) and
    the estimate over launch windows, whose interval holds the dates'
    uncertainty too.

    Parameters
    ----------
    study : analysis.stats.eventstudy.EventStudy
        :func:`analysis.stats.eventstudy.event_study` result.
    reported_total : float, optional
        Campaigns reported in all ("about 17"), named in the title.
    ax : matplotlib.axes.Axes, optional
        Where to draw.

    Returns
    -------
    matplotlib.figure.Figure
    """
    ax = _ax(ax, (8.0, 4.8))
    palette = colours()
    per = study.per_campaign.sort_values("campaign")
    pooled, over = study.pooled, study.over_launches
    windowed = (per["launch_latest"] > per["launch_earliest"]).to_numpy()
    with figure_style():
        labels = [
            f"{r.campaign}. {r.start:%-d %b %Y}"
            + (f" ({_day_span(r.launch_earliest, r.launch_latest)})" if wide else "")
            + (" *" if r.overlaps_other else "")
            for r, wide in zip(per.itertuples(index=False), windowed.tolist(), strict=True)
        ]
        y = np.arange(len(per))[::-1] + 2.2
        rr = per["rate_ratio"].to_numpy(float)
        lo = per["ci_low"].to_numpy(float)
        hi = per["ci_high"].to_numpy(float)
        ok = np.isfinite(rr)
        ax.errorbar(
            rr[ok],
            y[ok],
            xerr=np.vstack([rr[ok] - lo[ok], hi[ok] - rr[ok]]),
            ls="none",
            marker="o",
            color=palette["attack"],
            capsize=2,
            label=f"one campaign, launch on its window's middle day: {pooled.contrast} vs "
            f"{study.pre} days before",
        )
        w_rr = per["rate_ratio_over_launches"].to_numpy(float)
        w_lo = per["ci_low_over_launches"].to_numpy(float)
        w_hi = per["ci_high_over_launches"].to_numpy(float)
        w_ok = windowed & np.isfinite(w_rr) & (w_lo > 0)
        if w_ok.any():
            ax.errorbar(
                w_rr[w_ok],
                y[w_ok] - 0.3,
                xerr=np.vstack([w_rr[w_ok] - w_lo[w_ok], w_hi[w_ok] - w_rr[w_ok]]),
                ls="none",
                marker="o",
                ms=4,
                mfc="white",
                lw=0.9,
                color=palette["attack"],
                capsize=1.5,
                label="the same over every launch day of its window",
            )
        ax.errorbar(
            [pooled.rate_ratio],
            [0.8],
            xerr=[[pooled.rate_ratio - pooled.ci_low], [pooled.ci_high - pooled.rate_ratio]],
            ls="none",
            marker="D",
            ms=7,
            color="black",
            capsize=3,
            label=f"pooled, middle days: {pooled.rate_ratio:.2f} ({pooled.ci_low:.2f}–"
            f"{pooled.ci_high:.2f}), placebo p = {pooled.placebo_p_value:.2f}",
        )
        ax.errorbar(
            [over.rate_ratio],
            [0.0],
            xerr=[[over.rate_ratio - over.ci_low], [over.ci_high - over.rate_ratio]],
            ls="none",
            marker="D",
            ms=7,
            mfc="white",
            color="black",
            capsize=3,
            label=f"pooled over launch windows: {over.rate_ratio:.2f} ({over.ci_low:.2f}–"
            f"{over.ci_high:.2f}), the dates' uncertainty included",
        )
        ax.axvline(1.0, color="#777777", lw=1)
        ax.set_xscale("log")
        ends = np.r_[lo[ok], hi[ok], w_lo[w_ok], w_hi[w_ok], pooled.ci_low, over.ci_low]
        ends = ends[np.isfinite(ends) & (ends > 0)]
        ax.set_xlim(max(ends.min(), 1e-3) / 1.5, min(ends.max(), 1e3) * 1.5)
        ax.set_yticks(
            [0.0, 0.8, *y.tolist()], ["pooled, launch windows", "pooled, middle days", *labels]
        )
        ax.set_ylim(-0.6, float(y.max()) + 0.6)
        ax.set_xlabel(
            f"{study.outcome} rate ratio, {pooled.contrast} vs before (log scale; 95% intervals)"
        )
        ax.grid(axis="x", color="#dddddd", lw=0.6)
        of = f" of about {reported_total:g}" if reported_total is not None else ""
        ax.set_title(
            f"Attack rates around {pooled.n_campaigns} dated campaigns{of}",
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


def _sample_campaigns() -> Campaigns:
    """Return the record's launches inside its declared coverage, beside the "about 17"."""
    from analysis.sources.datasets import load_badia_2024, load_badia_2024_coverage
    from analysis.stats.campaigns import find_campaigns

    return find_campaigns(
        load_badia_2024(seed_aggregates=True), coverage=load_badia_2024_coverage()
    )


def draw_attacks_2024_by_source() -> Figure:
    """Draw ``attacks_2024_by_source``: attacks per month from three sources, and our coverage.

    Returns
    -------
    matplotlib.figure.Figure
    """
    from analysis.counting import count_events
    from analysis.sources.datasets import load_badia_2024, load_badia_2024_coverage, load_totals
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
    attacks = events[events["event_type"] == "attack"]
    coverage = load_badia_2024_coverage()
    sample = count_events(attacks, freq="MS", coverage=coverage)
    fig = new_figure(2, 1, figsize=(9.0, 8.6), height_ratios=[3.0, 1.15])
    plot_attacks_by_source(cep, sohr, sample, _sample_campaigns(), ax=fig.axes[0])
    plot_record_coverage(cep, sample, coverage=coverage, ax=fig.axes[1])
    return fig


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


def _day_span(first: Any, last: Any) -> str:
    """Write a span of days short: '19–20 Apr', '1–13 Jun', '28 Nov–2 Dec'."""
    first, last = pd.Timestamp(first), pd.Timestamp(last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%-d}–{last:%-d %b}"
    return f"{first:%-d %b}–{last:%-d %b}"


def draw_event_study_2024() -> Figure:
    """Draw ``event_study_2024``: attack rates around the dated sweep campaigns of 2024.

    The study is :func:`analysis.stats.studies.study_campaigns` of the 2024
    record over its declared coverage, with its default parameters: the call
    notebook 03 prints.

    Returns
    -------
    matplotlib.figure.Figure
    """
    result = campaign_study_2024()
    fig = new_figure(1, 2, figsize=(12.5, 5.4), width_ratios=[1.0, 1.15])
    plot_event_profile(result.study, ax=fig.axes[0])
    plot_event_study(result.study, reported_total=result.campaigns.reported_total, ax=fig.axes[1])
    return fig


def campaign_study_2024() -> CampaignStudy:
    """Return the study ``event_study_2024`` draws: the 2024 record over its declared coverage.

    Returns
    -------
    analysis.stats.studies.CampaignStudy
    """
    from analysis.sources.datasets import load_badia_2024, load_badia_2024_coverage
    from analysis.stats.studies import study_campaigns

    return study_campaigns(
        load_badia_2024(seed_aggregates=True),
        load_badia_2024_coverage(),
        pre=EVENT_STUDY_DAYS,
        post=EVENT_STUDY_DAYS,
        n_placebo=N_PLACEBO,
    )
