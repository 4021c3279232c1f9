"""General plots: the figure style, colours, counts and trends of any count frame.

Every function draws on an ``ax`` it is given, or on a new figure of a fixed
size when none is, and returns the :class:`matplotlib.figure.Figure`.  None
of them shows or saves: :func:`analysis.figures.saving.save_figure` is the
one function that saves.  The functions draw what they are given; computing
the counts and statistics is the caller's job (``count_events``,
``fit_trend``, ...), so a figure shows exactly the numbers a notebook prints.
The plots that tell one story of the seeds, and the builders of the
registered figures, are in :mod:`analysis.figures.stories`; they share the
style and the small helpers here.

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

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from analysis.stats.changepoints import Changepoints
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
