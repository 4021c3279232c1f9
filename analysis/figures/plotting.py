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
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

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

    The colours drawn together in one figure (the three sources and the
    sweep launches; the event types) differ by at least 20 in CIEDE2000 and
    by at least 9 under simulated colour blindness (a test computes it).

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
        "SOHR": palette[0],
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


SOURCE_FONTSIZE: Final = 6.5
"""Font size in points of a figure's source line."""


def add_source_line(fig: Figure, line: str) -> Any:
    """Write a source line under the figure, wrapped to stay inside its width.

    The line is broken after a ``;`` between sources, or between words where
    one source alone is wider than the figure, so that no part of it is cut
    off at the figure's right edge.  The width is measured in the style's
    font, so a figure gets the same breaks on every build.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, at its final size.
    line : str
        The text, e.g. from :func:`analysis.sources.provenance.source_line`.

    Returns
    -------
    matplotlib.text.Text
        The figure's ``supxlabel``.

    Examples
    --------
    >>> fig = new_figure(figsize=(3.0, 2.0))
    >>> text = add_source_line(fig, "Data: one source; another source; a third source")
    >>> print(text.get_text())
    Data: one source; another source;
    a third source
    """
    with figure_style():
        lines = _wrapped(line, fig.get_figwidth() * 72 * (1 - 2 * _SOURCE_X) - 4)
        return fig.supxlabel(
            "\n".join(lines), x=_SOURCE_X, ha="left", fontsize=SOURCE_FONTSIZE, color="#555555"
        )


_SOURCE_X: Final = 0.005
"""Left end of the source line, as a fraction of the figure's width."""


def _wrapped(text: str, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` points: broken after "; ", else at spaces."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(1, 1, 72)  # at 72 dots per inch a dot is a point
    font = FontProperties(size=SOURCE_FONTSIZE)

    def fits(candidate: str) -> bool:
        return renderer.get_text_width_height_descent(candidate, font, ismath=False)[0] <= width

    def fill(pieces: list[str], sep: str) -> list[str]:
        lines: list[str] = []
        for piece in pieces:
            if lines and fits(lines[-1] + sep + piece):
                lines[-1] += sep + piece
            else:
                lines.append(piece)
        return lines

    parts = text.split("; ")
    sources = [part + ";" for part in parts[:-1]] + parts[-1:]  # each source keeps its ";"
    out: list[str] = []
    for line in fill(sources, " "):
        out += [line] if fits(line) else fill(line.split(" "), " ")
    return out


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


COUNT_COLUMNS: Final = (
    "period",
    "event_type",
    "days",
    "records",
    "count",
    "count_low",
    "count_high",
    "records_no_count",
)
"""Columns of a ``count_events`` frame that are not ``by`` groups."""

GROUP_PALETTE: Final = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#000000",
    "#882255",
)
"""Colours of groups (governorates, ...): Okabe and Ito's colour-blind-safe
palette without its yellow, too pale on white, and Paul Tol's wine as an
eighth colour.  Any two differ by at least
20 in CIEDE2000 and by at least 10 under simulated deuteranopia, protanopia
and tritanopia (a test computes it)."""

TYPE_STYLES: Final = ("-", "--", ":", "-.")
"""Line styles that tell event types apart where colour shows the groups."""

Kind = Literal["lines", "panels"]


def group_columns(counts: pd.DataFrame) -> list[str]:
    """Return the ``by`` columns of a count frame: every column that is not a count column.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`analysis.counting.count.count_events` output.

    Returns
    -------
    list of str

    Examples
    --------
    >>> import pandas as pd
    >>> group_columns(pd.DataFrame(columns=["period", "event_type", "admin1", "count"]))
    ['admin1']
    """
    return [str(c) for c in counts.columns if c not in COUNT_COLUMNS]


def _summed(counts: pd.DataFrame) -> pd.DataFrame:
    """One row per period x event type, summing any ``by`` groups."""
    cols = ["count", "count_low", "count_high", "records", "records_no_count"]
    have = [c for c in cols if c in counts.columns]
    keys = ["period", "event_type"]
    if not group_columns(counts):
        return counts
    out = counts.groupby(keys, as_index=False, observed=True, sort=True)[have].sum()
    days = counts.groupby(keys, observed=True, sort=True)["days"].first().to_numpy()
    return out.assign(days=days)


def group_order(values: Any) -> list[str]:
    """Return the groups present in a fixed order: Badia governorates, other governorates, rest.

    The same governorate comes first in every figure, so it has the same
    colour in every figure (:func:`group_colours`).

    Parameters
    ----------
    values : array-like
        Group values (repeats and missing values are ignored).

    Returns
    -------
    list of str

    Examples
    --------
    >>> group_order(["multiple", "Raqqa", "Homs", "Raqqa"])
    ['Homs', 'Raqqa', 'multiple']
    """
    from analysis.sources.places import BADIA_GOVERNORATES, GOVERNORATES

    known = [*BADIA_GOVERNORATES, *(g for g in GOVERNORATES if g not in BADIA_GOVERNORATES)]
    present = {str(v) for v in pd.Series(list(values), dtype=object).dropna().unique()}
    return [g for g in known if g in present] + sorted(present - set(known))


def group_colours(groups: Sequence[str]) -> dict[str, str]:
    """Return a colour per group from :data:`GROUP_PALETTE`, in the order given.

    Parameters
    ----------
    groups : sequence of str
        The groups, in the order that gets the colours (:func:`group_order`).
        The palette repeats after its eight colours: plots that can show
        more groups than that tell them apart another way or refuse.

    Returns
    -------
    dict of str to str

    Examples
    --------
    >>> group_colours(["Homs", "Raqqa"])
    {'Homs': '#0072B2', 'Raqqa': '#E69F00'}
    """
    return {g: GROUP_PALETTE[i % len(GROUP_PALETTE)] for i, g in enumerate(groups)}


def _stepped(table: pd.DataFrame) -> pd.DataFrame:
    """Return the rows seaborn draws: each period at its start and end, and its open bound.

    A line through a period's start and end rows draws its step (seaborn
    sorts stably by ``x``, so where an end meets the next start the order
    holds); ``low`` and ``high`` are the bounds, ``high`` the count where the
    upper bound is open.  A period whose upper bound is open adds a row at
    its middle with the count in ``open`` (NaN elsewhere), for its caret.
    """
    table = table.sort_values("period", kind="stable")
    start = pd.to_datetime(table["period"]).to_numpy("datetime64[ns]")
    days = pd.to_timedelta(table["days"].to_numpy(), unit="D").to_numpy()
    count = table["count"].to_numpy(float)
    high = table["count_high"].to_numpy(float) if "count_high" in table.columns else count
    low = table["count_low"].to_numpy(float) if "count_low" in table.columns else count
    shown_high = np.where(np.isfinite(high), high, count)
    base = pd.DataFrame(
        {
            "count": count,
            "low": np.minimum(low, shown_high),
            "high": shown_high,
            "open": np.nan,
        }
    )
    for col in table.columns:
        if col not in COUNT_COLUMNS:
            base[col] = table[col].astype(str).to_numpy()
    base["event_type"] = table["event_type"].astype(str).to_numpy()
    is_open = np.isinf(high)
    n = np.arange(len(table))
    marks = base[is_open].assign(
        x=start[is_open] + days[is_open] / 2,
        count=np.nan,
        low=np.nan,
        high=np.nan,
        open=count[is_open],
        at=2,
        order=n[is_open],
    )
    rows = pd.concat(
        [base.assign(x=start, at=0, order=n), base.assign(x=start + days, at=1, order=n), marks]
    )
    rows = rows.sort_values(["order", "at"], kind="stable")
    return rows.drop(columns=["order", "at"]).reset_index(drop=True)


def _compile(plot: Any) -> None:
    """Draw a seaborn objects plot on its target.

    Seaborn 0.13 passes pandas a keyword that pandas 3 deprecates; the
    warning is seaborn's own, not this package's, and is not shown.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="The copy keyword is deprecated")
        plot.plot()


def _theme() -> dict[str, Any]:
    """Return the rc settings seaborn's objects draw with: matplotlib's and :data:`STYLE`."""
    import matplotlib as mpl
    import seaborn.objects as so

    return {**{k: mpl.rcParamsDefault[k] for k in so.Plot.config.theme}, **STYLE}


def _empty_axis(ax: Axes, table: pd.DataFrame) -> None:
    """Where nothing was counted, show 0 to 1 and say so (not a span of ±0.04 around zero)."""
    high = table["count_high"] if "count_high" in table.columns else table["count"]
    if len(table) and (
        (table["count"].to_numpy(float) > 0).any() or (high.to_numpy(float) > 0).any()
    ):
        return
    if len(table):
        x = _num(pd.to_datetime(table["period"]).min())
        ax.update_datalim([(x, 0.0), (x, 1.0)], updatex=False)  # kept if more is drawn
    ax.set_ylim(0, 1, auto=None)
    records = int(table["records"].sum()) if "records" in table.columns and len(table) else 0
    ax.text(
        0.5,
        0.5,
        "no records" if records == 0 else f"no events counted ({records} records without a count)",
        transform=ax.transAxes,
        ha="center",
        va="center",
        color="#777777",
    )


def legend_outside(ax: Axes, **kw: Any) -> Any:
    """Put the legend of ``ax`` right of it, clear of whatever the data are.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes.
    **kw
        Passed to :meth:`matplotlib.axes.Axes.legend` (``handles``, ``fontsize``, ...).

    Returns
    -------
    matplotlib.legend.Legend
    """
    from matplotlib.transforms import ScaledTranslation

    # Offset in points, not in a fraction of the axes: the layout engine then makes the
    # same room whatever the axes' size, and a figure saved twice is laid out the same.
    right = ax.transAxes + ScaledTranslation(6 / 72, 0, _figure(ax).dpi_scale_trans)
    return ax.legend(
        loc="upper left", bbox_to_anchor=(1, 1), bbox_transform=right, borderaxespad=0.0, **kw
    )


def legend_below(ax: Axes, *, offset: float = 24.0, **kw: Any) -> Any:
    """Put the legend of ``ax`` under it, clear of whatever the data are.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes.
    offset : float, default 24
        Points between the bottom of the axes and the top of the legend:
        room for the tick labels (and the axis label, if any).
    **kw
        Passed to :meth:`matplotlib.axes.Axes.legend` (``ncols``, ``fontsize``, ...).

    Returns
    -------
    matplotlib.legend.Legend
    """
    from matplotlib.transforms import ScaledTranslation

    below = ax.transAxes + ScaledTranslation(0, -offset / 72, _figure(ax).dpi_scale_trans)
    return ax.legend(
        loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below, borderaxespad=0.0, **kw
    )


def plot_counts(
    counts: pd.DataFrame,
    *,
    event_type: str | Sequence[str] | None = None,
    by: str | None = None,
    kind: Kind = "lines",
    ax: Axes | None = None,
    figure: Figure | SubFigure | None = None,
    bounds: bool = True,
    title: str | None = None,
    label: str | None = None,
    colour: str | None = None,
    linestyle: str = "-",
    ncols: int | None = None,
) -> Figure:
    """Draw counts per period with their bounds: step lines per event type or group, or panels.

    Parameters
    ----------
    counts : pandas.DataFrame
        :func:`analysis.counting.count.count_events` output.  Not modified.
    event_type : str or sequence of str, optional
        Types to draw (default: every type with a non-zero count, or all).
    by : str, optional
        The ``by`` column of the counts (``admin1``, ...): one line per group
        (``kind="lines"``) or one panel per group (``kind="panels"``).  A
        frame counted with groups must name its group column; its groups are
        never summed here, because a record listed under several groups
        would then count more than once: count without ``by`` for totals.
    kind : {"lines", "panels"}, default "lines"
        ``"lines"``: one axes; with ``by``, colour shows the group and line
        style the event type (at most seven groups, as many as colours that
        can be told apart; use panels for more).  ``"panels"``: small
        multiples drawn with seaborn's objects interface, one per group (per
        event type without ``by``), on shared axes, colour showing the type.
    ax : matplotlib.axes.Axes, optional
        Where to draw lines; a new figure when omitted.
    figure : matplotlib.figure.Figure or matplotlib.figure.SubFigure, optional
        Where to draw panels; a new figure when omitted.
    bounds : bool, default True
        Shade the range from ``count_low`` to ``count_high``.  Where the
        upper bound is open (``inf``: "more than 30") the shade stops at the
        count and a caret marks the period.
    title : str, optional
        Axes title (panels: the figure's).
    label : str, optional
        Legend label of a line per event type (default: the type).
    colour : str, optional
        Colour of a line per event type (default: the type's, :func:`colours`).
    linestyle : str, default "-"
        Line style of a line per event type.
    ncols : int, optional
        Panels per row (default: up to three).

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (the root figure of a subfigure).  The legend is
        right of the axes.  Where nothing was counted the count axis runs
        from 0 to 1 and says "no records".

    Raises
    ------
    ValueError
        For an event type not in the counts, a frame with ``by`` groups and
        no ``by``, a ``by`` column that is not there, ``ax`` with panels or
        ``figure`` with lines, or more than seven groups as lines.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.counting import count_events
    >>> events = pd.DataFrame({
    ...     "event_id": ["a", "b"], "event_type": ["airstrike", "airstrike"],
    ...     "date_start": pd.to_datetime(["2024-10-01", "2024-10-02"]),
    ...     "date_end": pd.to_datetime(["2024-10-03", "2024-10-02"]),
    ...     "count": [31.0, 2.0], "count_low": [31.0, 2.0],
    ...     "count_high": [float("inf"), 2.0], "admin1": ["Homs", "Raqqa"]})
    >>> fig = plot_counts(count_events(events, freq="D"))
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['airstrike', 'no upper bound']
    >>> by_governorate = count_events(events, freq="D", by="admin1")
    >>> fig = plot_counts(by_governorate, by="admin1")
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['Homs', 'Raqqa', 'no upper bound']
    >>> fig = plot_counts(by_governorate, by="admin1", kind="panels")
    >>> [ax.get_title() for ax in fig.axes]
    ['Homs', 'Raqqa']
    """
    if kind not in ("lines", "panels"):
        raise ValueError(f"plot_counts: kind must be 'lines' or 'panels', not {kind!r}")
    groups = group_columns(counts)
    if by is not None and by not in groups:
        raise ValueError(
            f"plot_counts: by={by!r} is not a group column of the counts "
            f"(group columns: {groups or 'none'})"
        )
    keys = ["period", "event_type", *([by] if by is not None else [])]
    if counts.duplicated(keys).any():  # more than one row per period and type (and group)
        others = [g for g in groups if g != by]
        if by is None:
            raise ValueError(
                f"plot_counts: the counts hold groups in {others}; pass by={others[0]!r} for a "
                "line or panel per group, or count without by= for totals (groups are not "
                "summed here: a record listed under several groups would count more than once)"
            )
        raise ValueError(
            f"plot_counts: the counts hold groups in {others} besides by={by!r}; "
            "count by one column to plot its groups"
        )
    if kind == "panels" and ax is not None:
        raise ValueError("plot_counts: kind='panels' draws on a figure: pass figure=, not ax=")
    if kind == "lines" and figure is not None:
        raise ValueError("plot_counts: kind='lines' draws on one axes: pass ax=, not figure=")
    types = _types(counts, event_type)
    table = counts[counts["event_type"].astype(str).isin(types)]
    if kind == "panels":
        return _plot_panels(table, types, by, figure, bounds, title, ncols)
    if by is not None:
        return _plot_group_lines(table, types, by, _ax(ax), bounds, title)
    return _plot_type_lines(table, types, _ax(ax), bounds, title, label, colour, linestyle)


def _types(table: pd.DataFrame, event_type: str | Sequence[str] | None) -> list[str]:
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
    return types


def _finish_axes(ax: Axes, table: pd.DataFrame, title: str | None) -> None:
    unit = _unit(table["period"]) if len(table) else "period"
    ax.set_ylabel(f"events per {unit}")
    if title:
        ax.set_title(title, loc="left")
    _empty_axis(ax, table)


def _plot_type_lines(
    table: pd.DataFrame,
    types: list[str],
    ax: Axes,
    bounds: bool,
    title: str | None,
    label: str | None,
    colour: str | None,
    linestyle: str,
) -> Figure:
    """One step line per event type, drawn with matplotlib's ``stairs``."""
    palette = colours()
    open_marked = False
    with figure_style():
        for kind in types:
            rows = table[table["event_type"].astype(str) == kind].sort_values("period")
            if rows.empty:
                continue
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
        _finish_axes(ax, table, title)
        if ax.get_legend_handles_labels()[0]:
            legend_outside(ax)
    return _figure(ax)


def _plot_group_lines(
    table: pd.DataFrame, types: list[str], by: str, ax: Axes, bounds: bool, title: str | None
) -> Figure:
    """Draw a step line per group (colour) and event type (line style) with seaborn objects."""
    import seaborn.objects as so
    from matplotlib.lines import Line2D

    order = group_order(table[by])
    if len(order) > len(GROUP_PALETTE):
        raise ValueError(
            f"plot_counts: {len(order)} groups in {by!r} cannot be told apart by colour on one "
            f"axes (at most {len(GROUP_PALETTE)}); use kind='panels'"
        )
    hues = group_colours(order)
    dashes = dict(zip(types, TYPE_STYLES, strict=False))
    steps = _stepped(table)
    opened = bounds and bool(steps["open"].notna().any())
    plot = (
        so.Plot(steps, x="x", y="count", color=by, linestyle="event_type")
        .scale(color=so.Nominal(hues, order=order), linestyle=so.Nominal(dashes, order=types))
        .add(so.Line(linewidth=1.4), legend=False)
        .theme(_theme())
    )
    if bounds:
        # one band per group and type (line style alone would not split them)
        plot = plot.add(
            so.Band(alpha=0.15), ymin="low", ymax="high", group="event_type", legend=False
        )
    if opened:
        plot = plot.add(so.Dot(marker="^", pointsize=4), y="open", legend=False)
    with figure_style():
        if len(steps):
            _compile(plot.on(ax))
        ax.set_xlabel("")
        _finish_axes(ax, table, title)
        handles = [Line2D([], [], color=hues[g], lw=1.4, label=g) for g in order]
        if len(types) > 1:
            handles += [
                Line2D([], [], color="#333333", lw=1.2, ls=dashes[t], label=t) for t in types
            ]
        if opened:
            handles.append(
                Line2D([], [], ls="none", marker="^", ms=4, color="#333333", label="no upper bound")
            )
        if handles:
            legend_outside(ax, handles=handles)
    return _figure(ax)


def _plot_panels(
    table: pd.DataFrame,
    types: list[str],
    by: str | None,
    figure: Figure | SubFigure | None,
    bounds: bool,
    title: str | None,
    ncols: int | None,
) -> Figure:
    """Small multiples drawn with seaborn objects: a panel per group (or type), a line per type."""
    import seaborn.objects as so
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    facet = by or "event_type"
    order = group_order(table[by]) if by is not None else types
    if not order:
        raise ValueError("plot_counts: kind='panels' has no group to draw a panel for")
    wrap = ncols or min(3, len(order))
    nrows = -(-len(order) // wrap)
    palette = colours()
    hues = {t: palette.get(t, palette["other"]) for t in types}
    steps = _stepped(table)
    opened = bounds and bool(steps["open"].notna().any())
    plot = (
        so.Plot(steps, x="x", y="count", color="event_type")
        .facet(col=facet, order=order, wrap=wrap)
        .scale(color=so.Nominal(hues, order=types))
        .add(so.Line(linewidth=1.3), legend=False)
        .label(x="", y="")
        .theme(_theme())
    )
    if bounds:
        plot = plot.add(so.Band(alpha=0.2), ymin="low", ymax="high", legend=False)
    if opened:
        plot = plot.add(so.Dot(marker="^", pointsize=4), y="open", legend=False)
    with figure_style():
        if figure is None:
            figure = MplFigure(figsize=(3.0 * wrap + 1.8, 2.2 * nrows + 0.7), layout="constrained")
        _compile(plot.on(figure))
        unit = _unit(table["period"]) if len(table) else "period"
        shown = table[facet].astype(str)
        for panel in figure.axes:
            name = panel.get_title()
            if name not in order:
                continue
            panel.set_title(name, fontsize=9, fontweight="bold")
            _empty_axis(panel, table[shown == name])
        figure.supylabel(f"events per {unit}", fontsize=9)
        if title:
            figure.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=10)
        handles: list[Any] = [Line2D([], [], color=hues[t], lw=1.3, label=t) for t in types]
        if bounds:
            handles.append(Patch(color="#999999", alpha=0.35, lw=0, label="low to high bound"))
        if opened:
            handles.append(
                Line2D([], [], ls="none", marker="^", ms=4, color="#333333", label="no upper bound")
            )
        figure.legend(handles=handles, loc="outside right upper")
    root = figure.get_figure(root=True)
    assert root is not None  # a subfigure belongs to a figure
    return root  # type: ignore[return-value]


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

    The trend is drawn as the model's rate per day times the mean length of
    a period (30.4 days for months), like the change points' segment rates,
    so it is one smooth curve; the counts are those of each calendar period.
    A log-linear trend is one rate of change for the whole span: where the
    series rose and then fell it starts above or below the first counts.

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
        # The model's rate per day times the mean period length: a smooth curve, on
        # the same footing as the segment rates below (the expected count of each
        # calendar period would wiggle with its number of days).
        per = f["days"].mean()
        scale = per / f["days"]
        span = f"{pd.Timestamp(f['period'].min()):%Y}–{pd.Timestamp(f['period'].max()):%Y}"
        # Why the curve may start far from the first counts: one rate of change for the
        # whole span cannot follow the level shifts the change points find.
        shifts = changepoints is not None and len(changepoints.breakpoints) > 0
        ax.plot(
            mids,
            f["fitted"] * scale,
            color=palette["trend"],
            lw=1.4,
            label=f"{trend.family} log-linear trend: × {trend.rate_ratio:.3f} per "
            f"{trend.time_unit}\n(one rate of change for all of {span}"
            + (",\nso it cannot follow the level shifts" if shifts else "")
            + f";\ndrawn as rate per day × {per:.1f} days)",
        )
        ax.fill_between(
            mids,
            f["fitted_low"] * scale,
            f["fitted_high"] * scale,
            color=palette["trend"],
            alpha=0.12,
            lw=0,
            label="95% interval of the trend",
        )
        if changepoints is not None:
            seg = changepoints.segments
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
        legend_outside(ax, fontsize=7.5)
    return _figure(ax)
