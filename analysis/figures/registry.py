"""The figure registry: every figure of ``figures/``, its builder and its seed inputs.

``python -m analysis figures`` (what ``make figures`` runs) rebuilds every
registered figure from ``seeds/`` into ``figures/`` as PNG and SVG with
:func:`analysis.figures.saving.save_figure`, byte for byte the same on every
run.  Each figure carries a source line built from the sidecars of its
inputs (:func:`analysis.sources.provenance.source_line`), never typed by hand.

The project's figures are registered at the end of this module, one
:func:`register` call each: name, title, builder, the seed files it reads and
how to read it.  Their builders and the plots that tell their stories are in
:mod:`analysis.figures.stories`.  To add a figure: write a builder there (no
arguments, returns a Figure) and register it here, naming the seed files it
reads.

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
from typing import TYPE_CHECKING

import pandas as pd

from analysis import config
from analysis.figures import stories, sweeps
from analysis.figures.saving import FORMATS, save_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure


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
    name: str, title: str, builder: Callable[[], Figure], *inputs: Path, reading: str = ""
) -> FigureSpec:
    """Register a figure: its name, title, builder and seed inputs.

    Parameters
    ----------
    name : str
        File stem of the figure.
    title : str
        One line on what it shows.
    builder : callable
        Takes no argument and returns the Figure, drawn from ``inputs``.
    *inputs : pathlib.Path
        The seed files it reads.
    reading : str, optional
        How to read it (``docs/figures.md``).

    Returns
    -------
    FigureSpec
        The entry added to :data:`FIGURES`.

    Raises
    ------
    ValueError
        If ``name`` is registered already.
    """
    if name in FIGURES:
        raise ValueError(f"figure {name!r} is registered twice")
    FIGURES[name] = FigureSpec(name, title, builder, tuple(inputs), reading)
    return FIGURES[name]


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
        "(`python -m analysis figures`), byte for byte the same on every run and every machine,",
        "as PNG and SVG: what is drawn is rounded to four significant digits of each axis's span",
        "first (`analysis.figures.saving.round_drawn`).",
        "This page is generated from the registry in `analysis/figures/registry.py`",
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
            f"- builder: `{spec.builder.__module__}.{spec.builder.__name__}`; "
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
    from analysis.figures.plotting import add_source_line, figure_style
    from analysis.sources.provenance import source_line

    if name not in FIGURES:
        raise KeyError(f"no figure {name!r}; registered: {', '.join(FIGURES)}")
    spec = FIGURES[name]
    with figure_style():
        fig = spec.builder()
        add_source_line(fig, source_line(*spec.inputs))
    return fig


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
        folder = out_dir if isinstance(out_dir, Path) else Path(out_dir)
        written += save_figure(fig, folder / name)
    return written


def cli(argv: Sequence[str]) -> int:
    """Run ``python -m analysis figures [NAME ...] [--out DIR] [--list]``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis figures",
        description="Rebuild the registered figures from seeds/ (PNG and SVG).",
    )
    parser.add_argument("names", nargs="*", help="figures to build (default: all)")
    parser.add_argument("--out", type=Path, default=config.FIGURES_DIR, help="output folder")
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
    try:
        written = build_figures(args.names or None, args.out)
    except FileNotFoundError as err:  # the seeds or figures/ are not at hand
        parser.exit(1, f"{parser.prog}: {err}\n")
    for path in written:
        shown = path.relative_to(config.ROOT_DIR) if path.is_relative_to(config.ROOT_DIR) else path
        print(shown)  # noqa: T201 (the command's output)
    return 0


# ======================================================================================
# The project's figures (builders in analysis.figures.stories and .sweeps)
# ======================================================================================

register(
    "attacks_2024_by_source",
    "ISIS attacks per month in 2024: CEP, SOHR (implied by running totals), the project's "
    "record, every dated launch; and where the record is thin against CEP",
    sweeps.draw_attacks_2024_by_source,
    config.BADIA_2024_REPORTED_TOTALS,
    config.BADIA_2024_RECORD,
    config.SEED_ARTICLE_RECORDS,
    reading="Three sources that count different things, side by side and never added: CEP's "
    "confirmed attacks in five governorates (it published no figure for February and August), "
    "SOHR's ISIS operations in the government-held Badia per month, implied by differencing its "
    "running totals (error bars: the range its approximate as-of dates allow; a month the totals "
    "cover only in part says which days, '1–10 Nov only'), and the attacks in the project's "
    "sample of news reports (a sample of coverage, not a count). Each month's three bars are "
    "centred on its tick; 'at least' marks a CEP figure given as a lower bound. Triangles above "
    "the plot are the sweep launches of 2024 the record dates, on the day the analysis places "
    "them; a launch a report only bounds also has a bar above the plot over its window of days "
    "and a light band over the bars on those days. The legend gives how many are dated, to a "
    "day or to a window, names the launch dated before 2024 that is not drawn, and sets the "
    "seed report's 'about 17' campaigns since January beside the dated ones, not drawn as "
    "dates. Bottom: the record's attacks in each month as a share of CEP's count, with both "
    "numbers; a low bar is a month the record is thin, not a quiet month, and a month without "
    "a CEP figure says so.",
)

register(
    "cumulative_2024",
    "SOHR's running total of ISIS operations against the cumulative count of sweep campaigns",
    sweeps.draw_cumulative_2024,
    config.BADIA_2024_REPORTED_TOTALS,
    config.BADIA_2024_RECORD,
    config.SEED_ARTICLE_RECORDS,
    reading="Top: SOHR's running total of ISIS operations since 1 January 2024 as reported "
    "(horizontal bars: as-of dates known only to within a few days). Bottom: the cumulative "
    "count of sweep campaigns whose launch the sample dates, against the one reported total "
    "('about 17' by early October, with no dates). The gap between the step and the point is "
    "the campaigns no report in the sample dates.",
)

register(
    "seed_report_episode",
    "The seed report day by day: 'more than 30' strikes over their window, the sweep launch, "
    "the places named",
    stories.draw_seed_report_episode,
    config.SEED_ARTICLE_RECORDS,
    config.GAZETTEER,
    reading="Left: the seed report's 'more than 30' Russian strikes spread evenly over their "
    "window (1-8 October: 'the past 72 hours' from any publication day of the 4-8 October "
    "bracket), 31 as the lower bound and carets for the open upper bound; the dashed line is "
    "the sweep launched 'last Wednesday', 2 October; grey is the publication bracket; the "
    "legend under the plot is headed by the window's total. Right: the places the report "
    "names, from the gazetteer, in English and Arabic, on the same equal-scale map and in the "
    "same governorate colours as places_map.",
)

register(
    "ucdp_badia_2016_2019",
    "UCDP events involving IS in five Badia governorates per month, 2016-2019: airstrikes and "
    "IS attacks, negative binomial trend and change points",
    stories.draw_ucdp_badia_2016_2019,
    config.UCDP_GED_SYRIA,
    reading="UCDP GED events with IS as a side in Homs, Deir ez-Zor, Raqqa, Hama and Aleppo "
    "per month, typed by the headline classifier (docs/classifier.md) as airstrikes or IS "
    "attacks. Black: the negative binomial trend with its 95% interval (rate ratio per month "
    "in the title), drawn as the model's rate per day times the series' mean month "
    "(30.3 days), like the segment levels, so it is one smooth curve; purple: change "
    "points (PELT, negative binomial cost, BIC penalty) and each segment's mean. A "
    "log-linear trend is one rate of change for four years, not a model of the war: the "
    "airstrike trend starts near 108 a month against a 2016 mean of about 37 because the "
    "same line must also come down to the handful a month of 2018-2019; the change points "
    "show where the level shifted.",
)

register(
    "event_study_2024",
    "Attack rates before, during and after the sweep campaigns dated in 2024: pooled by "
    "window, and each campaign against the four weeks before it, on the launches' middle days "
    "and over their launch windows",
    sweeps.draw_event_study_2024,
    config.BADIA_2024_RECORD,
    reading="The campaigns are those launched inside the record's declared coverage (2024), "
    "found, counted and studied by study_campaigns, the call notebook 03 prints. Left: attacks "
    "per day in the 28 days before the launches, during the campaigns (launch plus an assumed "
    "7 days) and in the 28 days after, pooled over the campaigns with 95% intervals, over the "
    "mean of each day; a launch known only to a window is placed on its middle day. Right: "
    "each campaign's rate during against before, on the middle day (dot) and over every launch "
    "day of its window (open circle, thinner line); the pooled rate ratio on the middle days "
    "with the placebo p-value (999 sets of random pseudo-campaigns), and over every "
    "combination of launch days, an interval that holds the dates' uncertainty too. A starred "
    "campaign's 28 days before to 28 days after share days with another campaign's. Each "
    "window's rate is written above its band, never across the launch line. Intervals that "
    "span 1 widely mean the record cannot tell; campaigns follow surges of attacks, so this "
    "describes, it does not measure a causal effect.",
)

register(
    "allocation_views",
    "The 2024 sample's airstrikes per day, week and month, spread over their windows or put on "
    "their first day",
    stories.draw_allocation_views,
    config.BADIA_2024_RECORD,
    reading="The same airstrike records of the 2024 sample per day, per ACLED week (Saturday "
    "to Friday) and per month: solid, each record's count spread evenly over its window; "
    "dashed, all of it on the window's first day. Spreading turns a report over a week or a "
    "month into a low, flat rate instead of a one-day spike; the totals agree under both.",
)

register(
    "places_map",
    "The gazetteer's places in English and Arabic, sized by how many records name them",
    stories.draw_places_map,
    config.GAZETTEER,
    config.BADIA_2024_RECORD,
    config.SEED_ARTICLE_RECORDS,
    reading="Every located place of the gazetteer by longitude and latitude, coloured by "
    "governorate and sized by how many records (the 2024 sample and the seed report) name it; "
    "places named twice or more are labelled in English and Arabic, placed so that no label "
    "covers another or a point (a leader line joins a label set apart), and a label with no "
    "room would be named under the map. The map is drawn to equal scale at its middle latitude "
    "(a degree of latitude 1/cos(latitude) times a degree of longitude). Places without "
    "verified coordinates are listed, not drawn. There is no basemap: the package downloads "
    "nothing.",
)
