"""The project's figures: plots that tell one story of the seeds, and their builders.

Each plot here draws one story and carries its labels: the seed report's
episode day by day, the allocations of the 2024 record, the places of the
Badia, UCDP's airstrikes and attacks with their trends.  Each
``draw_<name>`` builder below them reads the seeds, computes what its figure
shows and draws it; :mod:`analysis.figures.registry` lists every figure with
its seed inputs and how to read it, and adds the source line.  The 2024
campaigns against attacks (attacks by source, the cumulative count, the
event study) are in :mod:`analysis.figures.sweeps`; plots that fit any count
frame (``plot_counts``, ``plot_trend``) are in
:mod:`analysis.figures.plotting`.

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
    GROUP_PALETTE,
    _ax,
    _axes,
    _figure,
    _num,
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

SEED_PUBLISHED: Final = ("2024-10-04", "2024-10-08")
"""The seed report's publication bracket (its stored copy has no date line)."""

EPISODE_DAYS: Final = ("2024-09-24", "2024-10-14")
"""Days shown around the seed report's episode."""


# ======================================================================================
# Plots of one story
# ======================================================================================


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
