"""The figure registry: every figure of ``figures/``, its builder and its seed inputs.

``python -m analysis figures`` (what ``make figures`` runs) rebuilds every
registered figure from ``seeds/`` into ``figures/`` as PNG and SVG, byte for
byte the same on every run: fixed size and resolution, one font, a fixed SVG
hash salt, and no date or software stamp in the files.  Each figure carries
a source line built from the sidecars of its inputs
(:func:`analysis.sources.provenance.source_line`), never typed by hand.

To add a figure: write a builder (no arguments, returns a Figure drawn with
:mod:`analysis.figures.plotting`) and register it with :func:`register`, naming the
seed files it reads.

Examples
--------
>>> from analysis.figures.registry import FIGURES
>>> "seed_report_episode" in FIGURES
True
>>> FIGURES["seed_report_episode"].inputs[0].name
'records.csv'
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

import pandas as pd

from analysis import config

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from analysis.stats.campaigns import Campaigns

FORMATS: Final = ("png", "svg")
"""Formats every figure is saved in."""

SEED_PUBLISHED: Final = ("2024-10-04", "2024-10-08")
"""The seed report's publication bracket (its stored copy has no date line)."""

EPISODE_DAYS: Final = ("2024-09-24", "2024-10-14")
"""Days shown around the seed report's episode."""

EVENT_STUDY_DAYS: Final = 28
"""Days before and after each launch in the event study figure."""

N_PLACEBO: Final = 999
"""Placebo campaign sets behind the event study figure's placebo p-value."""


@dataclass(frozen=True)
class FigureSpec:
    """One registered figure.

    Attributes
    ----------
    name : str
        File stem in ``figures/`` (``<name>.png``, ``<name>.svg``).
    title : str
        What the figure shows, in a line.
    builder : callable
        Draws the figure from the seeds; takes no argument, returns a Figure.
    inputs : tuple of pathlib.Path
        Seed files it reads, cited in its source line in this order.
    reading : str
        How to read it: what it shows and what it cannot show, for
        ``docs/figures.md``.
    """

    name: str
    title: str
    builder: Callable[[], Figure]
    inputs: tuple[Path, ...]
    reading: str = ""


FIGURES: dict[str, FigureSpec] = {}
"""Every registered figure, by name, in the order they are built."""


def register(
    name: str, title: str, *inputs: Path, reading: str = ""
) -> Callable[[Callable[[], Figure]], Callable[[], Figure]]:
    """Register a figure builder under ``name`` (a decorator).

    Parameters
    ----------
    name : str
        File stem of the figure.
    title : str
        One line on what it shows.
    *inputs : pathlib.Path
        The seed files it reads.
    reading : str, optional
        How to read it (``docs/figures.md``).

    Returns
    -------
    callable
        The decorator; it returns the builder unchanged.
    """

    def decorate(builder: Callable[[], Figure]) -> Callable[[], Figure]:
        if name in FIGURES:
            raise ValueError(f"figure {name!r} is registered twice")
        FIGURES[name] = FigureSpec(name, title, builder, tuple(inputs), reading)
        return builder

    return decorate


def list_figures() -> pd.DataFrame:
    """Return the registry as a table.

    Returns
    -------
    pandas.DataFrame
        One row per figure: ``name``, ``title``, ``inputs`` (seed paths
        relative to the repository, ``;``-separated), ``files``.

    Examples
    --------
    >>> list_figures()["name"].tolist()[:2]
    ['attacks_2024_by_source', 'cumulative_2024']
    """
    rows = [
        {
            "name": s.name,
            "title": s.title,
            "inputs": ";".join(str(p.relative_to(config.ROOT_DIR)) for p in s.inputs),
            "files": ";".join(f"figures/{s.name}.{ext}" for ext in FORMATS),
        }
        for s in FIGURES.values()
    ]
    return pd.DataFrame(rows, columns=["name", "title", "inputs", "files"])


def figures_markdown() -> str:
    """Return the registry as Markdown, the text of ``docs/figures.md``.

    Returns
    -------
    str
        A section per figure: the picture, how to read it, its inputs and
        its source line.

    Examples
    --------
    >>> print(figures_markdown().splitlines()[0])
    # Figures
    """
    from analysis.sources.provenance import source_line

    lines = [
        "# Figures",
        "",
        "Every figure in `figures/` is rebuilt from `seeds/` by `make figures`",
        "(`python -m analysis figures`), byte for byte the same on every run, as PNG and SVG.",
        "This page is generated from the registry in `analysis/figures.py`",
        "(`python -m analysis figures --markdown > docs/figures.md`; a test keeps it current).",
        "",
    ]
    for spec in FIGURES.values():
        inputs = ", ".join(f"`{p.relative_to(config.ROOT_DIR)}`" for p in spec.inputs)
        lines += [
            f"## `{spec.name}`",
            "",
            f"![{spec.title}](../figures/{spec.name}.png)",
            "",
            f"**{spec.title}.** {spec.reading}",
            "",
            f"- inputs: {inputs}",
            f"- source line: {source_line(*spec.inputs)}",
            f"- builder: `analysis.figures.{spec.builder.__name__}`; "
            f"`an.build_figure({spec.name!r})` draws it in a notebook",
            "",
        ]
    return "\n".join(lines)


def build_figure(name: str) -> Figure:
    """Build one registered figure, with its source line.

    Parameters
    ----------
    name : str
        A name of :data:`FIGURES`.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    KeyError
        For a name that is not registered (the message lists the names).

    Examples
    --------
    >>> fig = build_figure("places_map")
    >>> fig.get_supxlabel().startswith("Data: ")
    True
    """
    from analysis.figures.plotting import figure_style
    from analysis.sources.provenance import source_line

    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; registered: {', '.join(FIGURES)}")
    spec = FIGURES[name]
    with figure_style():
        fig = spec.builder()
        fig.supxlabel(source_line(*spec.inputs), x=0.005, ha="left", fontsize=6.5, color="#555555")
    return fig


def save_figure(fig: Figure, stem: str | Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Save a figure byte-stably: the one function that writes figure files.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.
    stem : str or pathlib.Path
        Path without suffix; ``.png`` and ``.svg`` are added.
    formats : sequence of str
        Among ``png``, ``svg``.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from analysis.figures.plotting import new_figure
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = save_figure(new_figure(), pathlib.Path(tmp) / "empty")
    ...     [p.name for p in paths]
    ['empty.png', 'empty.svg']
    """
    from analysis.figures.plotting import figure_style

    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with figure_style():
        for ext in formats:
            if ext not in metadata:
                raise ValueError(f"save_figure: format {ext!r} is not one of {list(metadata)}")
            path = stem.with_name(f"{stem.name}.{ext}")
            fig.savefig(path, format=ext, metadata=metadata[ext])
            written.append(path)
    return written


def build_figures(
    names: Sequence[str] | None = None, out_dir: str | Path = config.FIGURES_DIR
) -> list[Path]:
    """Build and save registered figures.

    Parameters
    ----------
    names : sequence of str, optional
        Figures to build (default: all, in registry order).
    out_dir : str or pathlib.Path
        Folder to write to (default ``figures/``).

    Returns
    -------
    list of pathlib.Path
        Every file written.
    """
    written: list[Path] = []
    for name in names or list(FIGURES):
        fig = build_figure(name)
        written += save_figure(fig, Path(out_dir) / name)
    return written


def cli(argv: Sequence[str]) -> int:
    """Run ``python -m analysis figures [NAME ...] [--out DIR] [--list]``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis figures",
        description="Rebuild the registered figures from seeds/ (PNG and SVG).",
    )
    parser.add_argument("names", nargs="*", help="figures to build (default: all)")
    parser.add_argument("--out", default=str(config.FIGURES_DIR), help="output folder")
    parser.add_argument("--list", action="store_true", help="list the figures and exit")
    parser.add_argument(
        "--markdown", action="store_true", help="print docs/figures.md (the registry) and exit"
    )
    args = parser.parse_args(list(argv))
    if args.markdown:
        sys.stdout.write(figures_markdown())
        return 0
    if args.list:
        print(list_figures().to_string(index=False))  # noqa: T201 (the command's output)
        return 0
    unknown = [n for n in args.names if n not in FIGURES]
    if unknown:
        parser.error(f"unknown figure(s) {unknown}; registered: {', '.join(FIGURES)}")
    for path in build_figures(args.names or None, args.out):
        shown = path.relative_to(config.ROOT_DIR) if path.is_relative_to(config.ROOT_DIR) else path
        print(shown)  # noqa: T201 (the command's output)
    return 0


# ======================================================================================
# The project's figures
# ======================================================================================


def _sample_campaigns() -> Campaigns:
    """Dated sweep launches of the 2024 sample, with the seed report's "about 17"."""
    from analysis.sources.datasets import load_badia_2024
    from analysis.stats.campaigns import find_campaigns

    return find_campaigns(load_badia_2024(seed_aggregates=True))


@register(
    "attacks_2024_by_source",
    "ISIS attacks per month in 2024: CEP, SOHR (implied by running totals), the project's sample",
    config.BADIA_2024_TOTALS,
    config.BADIA_2024_EVENTS,
    config.SEED_ARTICLE_RECORDS,
    reading="Three sources that count different things, side by side and never added: CEP's "
    "confirmed attacks in five governorates (it published no figure for February and August), "
    "SOHR's ISIS operations in the government-held Badia per month, implied by differencing its "
    "running totals (error bars: the range its approximate as-of dates allow; November covers "
    "1-10 November only), and the attacks in the project's sample of news reports (a sample of "
    "coverage, not a count). Triangles are the sweep launches the sample dates; the seed "
    "report's 'about 17' campaigns since January is stated in the legend, not drawn as dates.",
)
def _attacks_2024_by_source() -> Figure:
    from analysis.counting import count_events
    from analysis.figures.plotting import plot_attacks_by_source
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


@register(
    "cumulative_2024",
    "SOHR's running total of ISIS operations against the cumulative count of sweep campaigns",
    config.BADIA_2024_TOTALS,
    config.BADIA_2024_EVENTS,
    config.SEED_ARTICLE_RECORDS,
    reading="Top: SOHR's running total of ISIS operations since 1 January 2024 as reported "
    "(horizontal bars: as-of dates known only to within a few days). Bottom: the cumulative "
    "count of sweep campaigns whose launch the sample dates, against the one reported total "
    "('about 17' by early October, with no dates). The gap between the step and the point is "
    "the campaigns no report in the sample dates.",
)
def _cumulative_2024() -> Figure:
    from analysis.figures.plotting import plot_cumulative
    from analysis.sources.datasets import load_totals
    from analysis.sources.totals import implied_counts

    running = implied_counts(load_totals(), source="SOHR", metric="operations")
    return plot_cumulative(running, _sample_campaigns())


@register(
    "seed_report_episode",
    "The seed report day by day: 'more than 30' strikes over their window, the sweep launch, "
    "the places named",
    config.SEED_ARTICLE_RECORDS,
    config.GAZETTEER,
    reading="Left: the seed report's 'more than 30' Russian strikes spread evenly over their "
    "window (1-8 October: 'the past 72 hours' from any publication day of the 4-8 October "
    "bracket), 31 as the lower bound and carets for the open upper bound; the dashed line is "
    "the sweep launched 'last Wednesday', 2 October; grey is the publication bracket. Right: "
    "the places the report names, from the gazetteer, in English and Arabic.",
)
def _seed_report_episode() -> Figure:
    from analysis.counting import count_events
    from analysis.figures.plotting import new_figure, plot_episode, plot_places
    from analysis.sources.datasets import load_places, load_seed_records, place_mentions
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


@register(
    "ucdp_badia_2016_2019",
    "UCDP events involving IS in five Badia governorates per month, 2016-2019: airstrikes and "
    "IS attacks, negative binomial trend and change points",
    config.UCDP_GED_SYRIA,
    reading="UCDP GED events with IS as a side in Homs, Deir ez-Zor, Raqqa, Hama and Aleppo "
    "per month, typed by the headline classifier (docs/classifier.md) as airstrikes or IS "
    "attacks. Black: the negative binomial trend with its 95% interval (rate ratio per month "
    "in the title); purple: change points (PELT, negative binomial cost, BIC penalty) and each "
    "segment's mean. A log-linear trend is a summary of four years, not a model of the war: "
    "the change points show where the level shifted.",
)
def _ucdp_badia_2016_2019() -> Figure:
    from analysis.counting import count_events
    from analysis.figures.plotting import new_figure, plot_trend
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


@register(
    "event_study_2024",
    "Attack rates before, during and after the dated sweep campaigns: pooled by window, and "
    "each campaign against the four weeks before it, with the placebo p-value",
    config.BADIA_2024_EVENTS,
    reading="Left: attacks per day in the 28 days before the launches, during the campaigns "
    "(launch plus an assumed 7 days) and in the 28 days after, pooled over the campaigns with "
    "95% intervals, over the mean of each day. Right: each campaign's rate during against "
    "before, and the pooled rate ratio with its 95% "
    "interval and the placebo p-value (999 sets of random pseudo-campaigns). Intervals that "
    "span 1 widely mean the sample cannot tell; campaigns follow surges of attacks, so this "
    "describes, it does not measure a causal effect.",
)
def _event_study_2024() -> Figure:
    from analysis.counting import count_events
    from analysis.figures.plotting import new_figure, plot_event_profile, plot_event_study
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


@register(
    "allocation_views",
    "The 2024 sample's airstrikes per day, week and month, spread over their windows or put on "
    "their first day",
    config.BADIA_2024_EVENTS,
    reading="The same airstrike records of the 2024 sample per day, per ACLED week (Saturday "
    "to Friday) and per month: solid, each record's count spread evenly over its window; "
    "dashed, all of it on the window's first day. Spreading turns a report over a week or a "
    "month into a low, flat rate instead of a one-day spike; the totals agree under both.",
)
def _allocation_views() -> Figure:
    from analysis.counting import count_events
    from analysis.figures.plotting import plot_allocation_views
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


@register(
    "places_map",
    "The gazetteer's places in English and Arabic, sized by how many records name them",
    config.GAZETTEER,
    config.BADIA_2024_EVENTS,
    config.SEED_ARTICLE_RECORDS,
    reading="Every located place of the gazetteer by longitude and latitude, coloured by "
    "governorate and sized by how many records (the 2024 sample and the seed report) name it; "
    "places named twice or more are labelled in English and Arabic. Places without verified "
    "coordinates are listed, not drawn. There is no basemap: the package downloads nothing.",
)
def _places_map() -> Figure:
    from analysis.figures.plotting import plot_places
    from analysis.sources.datasets import (
        load_badia_2024,
        load_places,
        load_seed_records,
        place_mentions,
    )

    places = load_places()
    events = pd.concat([load_badia_2024(), load_seed_records()], ignore_index=True)
    mentions = place_mentions(events[~events["is_aggregate"]], places)
    return plot_places(
        places,
        mentions,
        label_min=2,
        title="Badia places, sized by the records that name them (labels: two or more)",
    )
