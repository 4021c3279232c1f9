"""Plot functions: counts, published totals, campaigns, trends, event studies, places.

Every function draws on an ``ax`` (or ``axes``) it is given, or on a new
figure of a fixed size when none is, and returns the
:class:`matplotlib.figure.Figure`.  None of them shows or saves:
:func:`analysis.figures.registry.save_figure` is the one function that saves, and the
registry in :mod:`analysis.figures.registry` builds the project's figures from the
seeds.  The functions draw what they are given; computing the counts and
statistics is the caller's job (``count_events``, ``fit_trend``, ...), so a
figure shows exactly the numbers a notebook prints.

Figures made here without an ``ax`` are not registered with pyplot: they
display in a notebook as the value of a cell, and are freed when dropped.
Arabic text is shaped by matplotlib itself (3.11 and later) in DejaVu Sans,
the font matplotlib ships, which covers the Arabic letters the gazetteer uses
(a test checks every name).

Examples
--------
>>> import pandas as pd
>>> from analysis.counting import count_events
>>> events = pd.DataFrame({
...     "event_id": ["a", "b"], "event_type": ["airstrike", "attack"],
...     "date_start": pd.to_datetime(["2024-10-01", "2024-10-02"]),
...     "date_end": pd.to_datetime(["2024-10-03", "2024-10-02"]),
...     "count": [30.0, 1.0], "count_low": [30.0, 1.0], "count_high": [30.0, 1.0]})
>>> fig = plot_counts(count_events(events, freq="D"), title="Three days")
>>> fig.axes[0].get_title(loc="left")
'Three days'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from analysis.stats.campaigns import Campaigns
    from analysis.stats.changepoints import Changepoints
    from analysis.stats.eventstudy import EventStudy
    from analysis.stats.trends import TrendFit

FONT_FAMILY: Final = "DejaVu Sans"
"""The one font of every figure: shipped with matplotlib, covers Arabic."""

STYLE: Final[dict[str, Any]] = {
    "font.family": FONT_FAMILY,
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.labelsize": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "svg.hashsalt": "badia-analysis",
    "svg.fonttype": "path",
    "path.simplify": True,
    "date.autoformatter.month": "%b\n%Y",
}
"""Matplotlib settings of every figure (applied by :func:`figure_style`)."""

FIGSIZE: Final = (8.0, 4.0)
"""Size in inches of a single-panel figure."""


def colours() -> dict[str, str]:
    """Return the colour of each event type and series (seaborn's colour-blind palette).

    Returns
    -------
    dict of str to str
        Hex colours keyed by event type (``airstrike``, ``sweep``, ``attack``,
        ``other``), source (``CEP``, ``SOHR``, ``sample``) and role
        (``trend``, ``break``, ``spread``, ``start``, ``bracket``).

    Examples
    --------
    >>> colours()["attack"]
    '#d55e00'
    """
    import seaborn as sns

    palette = sns.color_palette("colorblind").as_hex()
    return {
        "airstrike": palette[0],
        "sweep": palette[2],
        "attack": palette[3],
        "other": palette[7],
        "CEP": palette[4],
        "SOHR": palette[1],
        "sample": palette[3],
        "trend": "#333333",
        "break": palette[4],
        "spread": palette[0],
        "start": palette[1],
        "bracket": "#eeeeee",
    }


def figure_style() -> Any:
    """Return a context manager that applies :data:`STYLE`.

    Returns
    -------
    contextlib.AbstractContextManager
        ``matplotlib.rc_context(STYLE)``.

    Examples
    --------
    >>> with figure_style():
    ...     fig = new_figure()
    >>> fig.get_size_inches().tolist()
    [8.0, 4.0]
    """
    import matplotlib as mpl

    return mpl.rc_context(STYLE)  # type: ignore[arg-type]  # the stubs list keys as Literals


def new_figure(
    nrows: int = 1, ncols: int = 1, *, figsize: tuple[float, float] = FIGSIZE, **kwargs: Any
) -> Figure:
    """Return a new figure with a grid of axes, not registered with pyplot.

    Parameters
    ----------
    nrows, ncols : int
        Grid of axes.
    figsize : tuple of float
        Width and height in inches.
    **kwargs
        Passed to :meth:`matplotlib.figure.Figure.subplots`.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> len(new_figure(2, 1).axes)
    2
    """
    from matplotlib.figure import Figure

    with figure_style():
        fig = Figure(figsize=figsize, layout="constrained")
        fig.subplots(nrows, ncols, squeeze=False, **kwargs)
    return fig


def _ax(ax: Axes | None, figsize: tuple[float, float] = FIGSIZE) -> Axes:
    return new_figure(figsize=figsize).axes[0] if ax is None else ax


def _axes(
    axes: Sequence[Axes] | None, n: int, figsize: tuple[float, float], **kw: Any
) -> list[Axes]:
    if axes is None:
        return list(new_figure(n, 1, figsize=figsize, **kw).axes)
    got = list(np.ravel(np.asarray(axes, dtype=object)))
    if len(got) != n:
        raise ValueError(f"axes: expected {n} axes, got {len(got)}")
    return got


def _figure(ax: Axes) -> Figure:
    fig = ax.get_figure(root=True)
    assert fig is not None  # an Axes always belongs to a figure
    return fig  # type: ignore[return-value]


def _num(when: Any) -> float:
    """Return a date as matplotlib's date number (what its axes take for a datetime)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(pd.Timestamp(when)))


def _edges(periods: pd.Series, days: pd.Series) -> np.ndarray:
    """Edges of consecutive periods: each start, and the last start plus its days."""
    starts = pd.to_datetime(periods).to_numpy("datetime64[D]")
    last = starts[-1] + np.timedelta64(int(days.iloc[-1]), "D")
    return np.append(starts, last).astype("datetime64[ns]")


def _unit(periods: pd.Series) -> str:
    from analysis.stats._series import infer_period_unit

    return infer_period_unit(pd.Series(pd.to_datetime(periods)).drop_duplicates())


def _summed(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per period x event type, summing any ``by`` groups."""
    cols = ["count", "count_low", "count_high", "records", "records_no_count"]
    have = [c for c in cols if c in counts.columns]
    keys = ["period", "event_type"]
    extra = [c for c in counts.columns if c not in [*keys, "days", *cols]]
    if not extra:
        return counts
    out = counts.groupby(keys, as_index=False, observed=True, sort=True)[have].sum()
    days = counts.groupby(keys, observed=True, sort=True)["days"].first().to_numpy()
    return out.assign(days=days)


def plot_counts(
    counts: pd.DataFrame,
    *,
    event_type: str | Sequence[str] | None = None,
    ax: Axes | None = None,
    bounds: bool = True,
    title: str | None = None,
    label: str | None = None,
    colour: str | None = None,
    linestyle: str = "-",
) -> Figure:
    """Draw counts per period, one step line per event type, with their bounds.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`analysis.counting.count.count_events` output.  ``by`` groups are
        summed.  Not modified.
    event_type : str or sequence of str, optional
        Types to draw (default: every type with a non-zero count, or all).
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure when omitted.
    bounds : bool, default True
        Shade the range from ``count_low`` to ``count_high``.  Where the
        upper bound is open (``inf``: "more than 30") the shade stops at the
        count and a caret marks the period.
    title : str, optional
        Axes title.
    label : str, optional
        Legend label (default: the event type).
    colour : str, optional
        Line colour (default: the event type's, :func:`colours`).
    linestyle : str, default "-"
        Line style.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.counting import count_events
    >>> events = pd.DataFrame({
    ...     "event_id": ["a"], "event_type": ["airstrike"],
    ...     "date_start": pd.to_datetime(["2024-10-01"]),
    ...     "date_end": pd.to_datetime(["2024-10-03"]),
    ...     "count": [31.0], "count_low": [31.0], "count_high": [float("inf")]})
    >>> fig = plot_counts(count_events(events, freq="D"))
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['airstrike', 'no upper bound']
    """
    ax = _ax(ax)
    table = _summed(counts)
    if isinstance(event_type, str):
        types = [event_type]
    elif event_type is not None:
        types = list(event_type)
    else:
        totals = table.groupby("event_type", observed=True)["count"].sum()
        types = [str(t) for t in totals.index if totals[t] > 0] or [str(t) for t in totals.index]
    missing = sorted(set(types) - {str(t) for t in table["event_type"].unique()})
    if missing:
        raise ValueError(f"plot_counts: event_type {missing} not in the counts")
    palette = colours()
    open_marked = False
    with figure_style():
        for kind in types:
            rows = table[table["event_type"].astype(str) == kind].sort_values("period")
            edges = _edges(rows["period"], rows["days"])
            colour_ = colour or palette.get(kind, palette["other"])
            ax.stairs(
                rows["count"].to_numpy(float),
                edges,
                color=colour_,
                lw=1.4,
                ls=linestyle,
                label=label or kind,
            )
            if bounds:
                low = rows["count_low"].to_numpy(float)
                high = rows["count_high"].to_numpy(float)
                finite = np.where(np.isfinite(high), high, rows["count"].to_numpy(float))
                ax.stairs(
                    finite,
                    edges,
                    baseline=np.minimum(low, finite),
                    fill=True,
                    color=colour_,
                    alpha=0.2,
                    lw=0,
                )
                is_open = np.isinf(high)
                if is_open.any():
                    mids = edges[:-1] + (edges[1:] - edges[:-1]) / 2
                    ax.plot(
                        mids[is_open],
                        finite[is_open],
                        ls="none",
                        marker="^",
                        ms=4,
                        color=colour_,
                        label=None if open_marked else "no upper bound",
                    )
                    open_marked = True
        unit = _unit(table["period"])
        ax.set_ylabel(f"events per {unit}")
        if title:
            ax.set_title(title, loc="left")
        ax.legend(loc="upper left")
    return _figure(ax)


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


def plot_trend(
    counts: pd.DataFrame,
    trend: TrendFit,
    changepoints: Changepoints | None = None,
    *,
    event_type: str,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw a count series with its fitted trend, interval and change points.

    Parameters
    ----------
    counts : pandas.DataFrame
        ``count_events`` output holding ``event_type``.
    trend : analysis.stats.trends.TrendFit
        :func:`analysis.stats.trends.fit_trend` of the same series.
    changepoints : analysis.stats.changepoints.Changepoints, optional
        Break dates as vertical lines, each segment's rate as a level.
    event_type : str
        The series drawn.
    ax : matplotlib.axes.Axes, optional
        Where to draw.
    title : str, optional
        Axes title (default: the type and the trend's rate ratio).

    Returns
    -------
    matplotlib.figure.Figure
    """
    ax = _ax(ax)
    palette = colours()
    with figure_style():
        plot_counts(counts, event_type=event_type, ax=ax, bounds=False)
        f = trend.fitted.sort_values("period")
        mids = pd.to_datetime(f["period"]) + pd.to_timedelta(f["days"] / 2, unit="D")
        ax.plot(
            mids,
            f["fitted"],
            color=palette["trend"],
            lw=1.4,
            label=f"{trend.family} trend: × {trend.rate_ratio:.3f} per {trend.time_unit}",
        )
        ax.fill_between(
            mids,
            f["fitted_low"],
            f["fitted_high"],
            color=palette["trend"],
            alpha=0.12,
            lw=0,
            label="95% interval of the trend",
        )
        if changepoints is not None:
            seg = changepoints.segments
            per = f["days"].mean()
            for i, row in enumerate(seg.itertuples(index=False)):
                ax.hlines(
                    float(row.rate) * per,  # type: ignore[arg-type]
                    _num(row.start),
                    _num(row.end),
                    color=palette["break"],
                    lw=2,
                    label="segment rate (change points)" if i == 0 else "_nolegend_",
                )
            for i, when in enumerate(changepoints.breakpoints):
                ax.axvline(
                    _num(when),
                    color=palette["break"],
                    lw=1,
                    ls=":",
                    label="change point" if i == 0 else None,
                )
        ax.set_title(
            title
            or f"{event_type}: rate ratio {trend.rate_ratio:.3f} per "
            f"{trend.time_unit} (95% CI {trend.ci_low:.3f}–{trend.ci_high:.3f})",
            loc="left",
        )
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5)
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
