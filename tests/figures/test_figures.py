"""The figure registry and the plot functions: structure, sources, byte-stable files."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis import config
from analysis.counting import count_events
from analysis.figures import plotting, stories, sweeps
from analysis.figures.registry import FIGURES, build_figure, build_figures, list_figures
from analysis.figures.saving import FORMATS, save_figure
from analysis.sources.datasets import load_badia_2024, load_badia_2024_coverage, load_totals
from analysis.sources.places import load_places, place_mentions
from analysis.sources.provenance import source_line
from analysis.sources.totals import implied_counts, implied_per_period
from analysis.stats.campaigns import find_campaigns

EXPECTED = {
    "attacks_2024_by_source",
    "cumulative_2024",
    "seed_report_episode",
    "ucdp_badia_2016_2019",
    "event_study_2024",
    "allocation_views",
    "places_map",
}


def _events(rows: list[tuple[str, str, str, float, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(len(rows))],
            "event_type": [r[0] for r in rows],
            "date_start": pd.to_datetime([r[1] for r in rows]),
            "date_end": pd.to_datetime([r[2] for r in rows]),
            "count": [r[3] for r in rows],
            "count_low": [r[4] for r in rows],
            "count_high": [r[5] for r in rows],
        }
    )


@pytest.fixture(scope="module")
def built() -> dict[str, Figure]:
    return {name: build_figure(name) for name in FIGURES}


# -- the registry ---------------------------------------------------------------------


def test_registry_holds_the_issue_figures_with_their_inputs():
    assert set(FIGURES) == EXPECTED
    table = list_figures()
    assert table["name"].tolist() == list(FIGURES)
    for spec in FIGURES.values():
        assert spec.inputs, spec.name
        for path in spec.inputs:
            assert path.is_file(), path
            assert path.is_relative_to(config.SEEDS_DIR), path


def test_every_figure_carries_the_source_line_of_its_inputs(built):
    for name, fig in built.items():
        # wrapped to the figure's width: the same words, broken at spaces only
        assert " ".join(fig.get_supxlabel().split()) == source_line(*FIGURES[name].inputs), name
        assert fig.get_supxlabel().startswith("Data: ")


def test_every_figure_has_titled_labelled_axes(built):
    for name, fig in built.items():
        axes = [ax for ax in fig.axes if ax.get_visible()]
        assert axes, name
        assert any(ax.get_title(loc="left") for ax in axes), name
        for ax in axes:
            assert ax.get_ylabel() or ax.get_xlabel() or ax.get_yticklabels(), (name, ax)
            assert ax.has_data(), (name, ax.get_title(loc="left"))


def test_building_leaves_no_pyplot_figure_open(built):
    assert plt.get_fignums() == []


def test_unknown_figure_names_are_refused_with_the_list():
    with pytest.raises(KeyError, match="no figure 'nope'; registered: attacks_2024_by_source"):
        build_figure("nope")


def test_committed_figures_are_what_the_seeds_build_byte_for_byte(tmp_path):
    """`make figures` twice leaves git clean: a fresh build equals the committed files."""
    written = build_figures(out_dir=tmp_path)
    assert sorted(p.name for p in written) == sorted(
        f"{name}.{ext}" for name in FIGURES for ext in FORMATS
    )
    for path in written:
        committed = config.FIGURES_DIR / path.name
        assert committed.is_file(), f"{committed} is not committed: run make figures"
        assert path.read_bytes() == committed.read_bytes(), f"{path.name} differs: make figures"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_saving_one_figure_twice_gives_identical_bytes(name, tmp_path):
    """The layout does not drift between draws (legends are placed at fixed distances)."""
    fig = build_figure(name)
    first = save_figure(fig, tmp_path / "a" / "x")
    second = save_figure(fig, tmp_path / "b" / "x")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_saving_twice_gives_identical_bytes_without_stamps(tmp_path):
    fig = build_figure("allocation_views")
    first = save_figure(fig, tmp_path / "a" / "x")
    second = save_figure(fig, tmp_path / "b" / "x")
    for a, b in zip(first, second, strict=True):
        assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg
    assert "matplotlib.org" not in svg.split("<g ", 1)[0].lower()
    assert b"Software" not in first[0].read_bytes()[:400]


FITTED = ("ucdp_badia_2016_2019", "event_study_2024")
"""The registered figures that draw numbers fitted by the count-model kernel."""


def _perturbing(monkeypatch: pytest.MonkeyPatch, factor: float) -> list[int]:
    """Multiply every float of every count-model fit by ``factor``, where each stats
    module calls the kernel; return a list that counts the calls."""
    import dataclasses

    from analysis.stats import _countmodels

    real = _countmodels.irls
    calls: list[int] = []

    def perturbed(*args, **kwargs):
        fit = real(*args, **kwargs)
        calls.append(1)
        changed = {
            f.name: getattr(fit, f.name) * factor
            for f in dataclasses.fields(fit)
            if isinstance(getattr(fit, f.name), float | np.ndarray)
        }
        return dataclasses.replace(fit, **changed)

    bound = [m for name, m in sys.modules.items() if name.startswith("analysis.stats")]
    patched = [m for m in bound if getattr(m, "irls", None) is real]
    assert _countmodels in patched
    for module in patched:
        monkeypatch.setattr(module, "irls", perturbed)
    return calls


@pytest.mark.slow
@pytest.mark.parametrize("factor", [1 + 1e-12, 1 - 1e-12, 1 + 1e-10, 1 - 1e-10])
def test_figures_are_the_same_bytes_with_the_fitted_numbers_perturbed(
    factor, tmp_path, monkeypatch
):
    """What another CPU does to the fits (their last digits) does not reach the files."""
    import analysis.stats.changepoints
    import analysis.stats.eventstudy
    import analysis.stats.trends  # noqa: F401  (loaded, so their kernel binding is patched)

    calls = _perturbing(monkeypatch, factor)
    for name in FITTED:
        before = len(calls)
        for path in save_figure(build_figure(name), tmp_path / name):
            committed = config.FIGURES_DIR / path.name
            assert path.read_bytes() == committed.read_bytes(), f"{path.name} at x{factor!r}"
        assert len(calls) > before, f"{name} fits no count model: update FITTED"


@pytest.mark.slow
def test_figures_are_the_same_bytes_under_another_cpus_linear_algebra(tmp_path):
    """OpenBLAS picks its kernels by CPU; forcing an older one moves the fitted numbers by
    up to 1e-8 (without the rounding of save_figure the SVGs changed in their last digits)."""
    import os

    env = {**os.environ, "OPENBLAS_CORETYPE": "Nehalem"}
    run = [sys.executable, "-m", "analysis", "figures", *FITTED, "--out", str(tmp_path)]
    subprocess.run(run, env=env, capture_output=True, check=True)
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (config.FIGURES_DIR / path.name).read_bytes(), path.name
    assert len(list(tmp_path.iterdir())) == 2 * len(FITTED)


def test_command_lists_and_refuses_unknown_names():
    run = [sys.executable, "-m", "analysis", "figures"]
    listed = subprocess.run([*run, "--list"], capture_output=True, text=True, check=True)
    assert all(name in listed.stdout for name in EXPECTED)
    bad = subprocess.run([*run, "nope"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2
    assert "unknown figure(s) ['nope']" in bad.stderr


# -- Arabic ---------------------------------------------------------------------------


def test_the_figure_font_has_a_glyph_for_every_arabic_name():
    """DejaVu Sans ships with matplotlib (installed by `make setup`); matplotlib shapes
    the letters itself, so every code point of the gazetteer's names must be in it."""
    from fontTools.ttLib import TTFont
    from matplotlib import font_manager

    path = font_manager.findfont(plotting.FONT_FAMILY, fallback_to_default=False)
    cmap = TTFont(path).getBestCmap()
    names = "".join(load_places()["name_ar"])
    missing = sorted({ch for ch in names if not ch.isspace() and ord(ch) not in cmap})
    assert missing == []


def test_places_are_labelled_in_english_and_arabic():
    places = load_places()
    fig = stories.plot_places(places, pd.Series({"Palmyra": 3}), label_min=1)
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "Palmyra\nتدمر" in labels
    assert len(labels) == 1 + 1  # the one named place and the note of unlocated ones
    assert labels[0].startswith("Not located, not drawn: ")


# -- plot functions -------------------------------------------------------------------


def test_plot_counts_draws_one_line_per_type_on_the_given_ax():
    events = _events(
        [
            ("airstrike", "2024-10-01", "2024-10-03", 30, 30, np.inf),
            ("attack", "2024-10-02", "2024-10-02", 1, 1, 1),
        ]
    )
    counts = count_events(events, freq="D")
    fig = plotting.new_figure(1, 2)
    ax = fig.axes[1]
    out = plotting.plot_counts(counts, ax=ax, title="t")
    assert out is fig
    assert fig.axes[0].has_data() is False
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["airstrike", "no upper bound", "attack"]
    assert ax.get_ylabel() == "events per day"
    assert ax.get_legend().get_bbox_to_anchor().x0 >= ax.bbox.x1  # right of the axes
    # the airstrike line holds the spread count: 10 a day over three days
    steps = [p for p in ax.patches if p.get_label() == "airstrike"]
    assert len(steps) == 1
    np.testing.assert_allclose(steps[0].get_data().values, [10, 10, 10])


def test_plot_counts_refuses_grouped_counts_without_by_and_checks_types():
    """Groups are never summed silently: a record listed under several groups would
    count more than once. The message names the group column to pass."""
    events = _events(
        [
            ("attack", "2024-01-01", "2024-01-01", 1, 1, 1),
            ("attack", "2024-01-01", "2024-01-01", 2, 2, 2),
        ]
    ).assign(admin1=["Homs", "Raqqa"])
    counts = count_events(events, freq="D", by="admin1")
    with pytest.raises(ValueError, match=r"groups in \['admin1'\]; pass by='admin1'"):
        plotting.plot_counts(counts, event_type="attack")
    with pytest.raises(ValueError, match=r"by='governorate' is not a group column"):
        plotting.plot_counts(counts, by="governorate")
    with pytest.raises(ValueError, match=r"event_type \['sweep'\] not in the counts"):
        plotting.plot_counts(
            counts[counts["event_type"] == "attack"], event_type="sweep", by="admin1"
        )


def test_plot_functions_do_not_modify_their_inputs():
    events = load_badia_2024()
    before = events.copy()
    counts = count_events(events, freq="MS")
    counts_before = counts.copy()
    plotting.plot_counts(counts)
    places = load_places()
    places_before = places.copy()
    stories.plot_places(places, place_mentions(events, places))
    pd.testing.assert_frame_equal(events, before)
    pd.testing.assert_frame_equal(counts, counts_before)
    pd.testing.assert_frame_equal(places, places_before)


def test_attacks_by_source_marks_dated_launches_and_writes_the_reported_total():
    totals = load_totals()
    cep = totals[(totals["source"] == "CEP") & (totals["metric"] == "attacks")].rename(
        columns={"period_start": "period", "value": "count"}
    )
    sohr = implied_per_period(implied_counts(totals, source="SOHR", metric="operations"))
    sample = count_events(
        load_badia_2024().query("event_type == 'attack'"), freq="MS", start="2024-01-01"
    )
    camps = find_campaigns(load_badia_2024(seed_aggregates=True))
    fig = sweeps.plot_attacks_by_source(cep, sohr, sample, camps)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    dated = int((camps.intervals["start"].dt.year == 2024).sum())
    assert f"sweep campaign launches with a date ({dated})" in labels
    reported = next(t for t in labels if t.startswith("reported: about 17"))
    assert f"{dated} dated here, {17 - dated} undated" in reported
    # a launch known to a window: a bar above the plot over its days, named in the legend
    iv = camps.intervals
    windowed = iv[(iv["launch_window_days"] > 1) & (iv["start"].dt.year == 2024)]
    bars = [line for line in ax.lines if line.get_label().startswith("_") and line.get_lw() == 3]
    assert len(bars) == len(windowed)
    assert any(t.startswith(f"{len(windowed)} of them known to a window") for t in labels)
    # the launch dated before 2024 is named, not drawn
    assert "and 1 dated before or after this year, not drawn: 3–4 Dec 2023" in labels
    # three bar series: CEP, SOHR (with its range), the sample
    assert len(ax.containers) >= 3
    assert ax.get_ylabel() == "attacks per month"


def test_the_coverage_panel_sets_our_monthly_records_against_cep(built):
    ax = built["attacks_2024_by_source"].axes[1]
    totals = load_totals()
    cep = totals[
        (totals["source"] == "CEP")
        & (totals["metric"] == "attacks")
        & (totals["kind"] == "period")
        & (totals["period_start"].dt.year == 2024)
    ].set_index("period_start")["value"]
    # each record's count spread evenly over the days of its window, summed by month
    attacks = load_badia_2024().query("event_type == 'attack'")
    per_month: dict[pd.Timestamp, float] = {}
    for rec in attacks.itertuples(index=False):
        days = pd.date_range(rec.date_start, rec.date_end, freq="D")
        for day in days:
            month = day.to_period("M").to_timestamp()
            per_month[month] = per_month.get(month, 0.0) + rec.count / len(days)
    coverage = load_badia_2024_coverage()
    covered = pd.date_range(coverage.start, coverage.end, freq="MS")
    cep = cep[cep.index.isin(covered)]
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("no CEP figure") == len(covered) - len(cep)
    # the months after the coverage are marked once, not drawn as shares
    assert [t for t in texts if "coverage" in t] == ["outside the record's coverage"]
    shown = [t for t in texts if " of " in t]
    assert shown == [
        f"{'<1' if 0 < per_month.get(m, 0) < 0.5 else round(per_month.get(m, 0))} of {v:.0f}"
        for m, v in cep.items()
    ]
    heights = sorted(p.get_height() for p in ax.patches)
    assert heights[-1] <= 1.0  # no month of our record reaches CEP's count


def test_event_study_plot_has_a_row_per_campaign_and_the_pooled_row(built):
    ax = built["event_study_2024"].axes[1]
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    n = sweeps.campaign_study_2024().n_dated
    assert ticks[:2] == ["pooled, launch windows", "pooled, middle days"]
    assert len(ticks) == n + 2
    assert "1–13 Jun" in " ".join(ticks)  # a launch window is named beside its middle day
    assert ax.get_xscale() == "log"
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "placebo p" in " ".join(legend)
    # a starred campaign is explained in the legend, last
    if any(t.endswith(" *") for t in ticks):
        assert legend[-1].startswith("* its 28 days before to 28 days after share days")
    assert not any("overlaps" in t for t in ticks)


def test_ucdp_figure_has_a_panel_per_type_with_trend_and_breaks(built):
    fig = built["ucdp_badia_2016_2019"]
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles[0].startswith("airstrike: rate ratio")
    assert titles[1].startswith("attack:")
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert any(label.startswith("negbin log-linear trend") for label in labels)
        assert "change point" in labels


def test_allocation_views_has_a_panel_per_frequency_and_both_allocations(built):
    fig = built["allocation_views"]
    assert [ax.get_ylabel() for ax in fig.axes] == [
        "events per day",
        "events per week",
        "events per month",
    ]
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        assert labels == ["spread over the window", "start of the window"]
        # both allocations conserve the total: the areas under the steps agree
        totals = [p.get_data().values.sum() for p in ax.patches if p.get_label() in labels]
        assert totals[0] == pytest.approx(totals[1])


def test_seed_episode_shows_the_open_bound_the_sweep_and_the_bracket(built):
    left, right = built["seed_report_episode"].axes
    labels = [t.get_text() for t in left.get_legend().get_texts()]
    assert "no upper bound" in labels
    assert "sweep launched 2 Oct 2024" in labels
    assert "published between 2024-10-04 and 2024-10-08" in labels
    title = left.get_legend().get_title().get_text()
    assert title == "strikes in the window: 31 (at least 31, no upper bound)"
    assert right.get_title(loc="left") == "Places the report names"


def test_multi_panel_plots_take_their_axes_and_check_the_number():
    fig = plotting.new_figure(2, 1)
    running = implied_counts(load_totals(), source="SOHR", metric="operations")
    camps = find_campaigns(load_badia_2024())
    assert sweeps.plot_cumulative(running, camps, axes=fig.axes) is fig
    with pytest.raises(ValueError, match="expected 2 axes, got 1"):
        sweeps.plot_cumulative(running, camps, axes=fig.axes[:1])


# -- documentation ---------------------------------------------------------------------


def test_docs_figures_page_is_what_the_registry_writes():
    from analysis.figures.registry import figures_markdown

    page = (config.DOCS_DIR / "figures.md").read_text(encoding="utf-8")
    assert page == figures_markdown(), "regenerate: make docs"
    for spec in FIGURES.values():
        assert spec.reading, f"{spec.name} has no reading for docs/figures.md"


def test_readme_names_every_figure_with_its_file():
    readme = (config.ROOT_DIR / "README.md").read_text(encoding="utf-8")
    for name in FIGURES:
        assert f"(figures/{name}.png)" in readme, name


def test_the_readme_reading_of_the_event_study_holds():
    """The README says: six dated campaigns of about 17, the December 2023 launch left out;
    both pooled intervals span 1, the placebo p-value is far from small, and every
    campaign's own interval spans 1 too; recompute it as the figure does."""
    result = sweeps.campaign_study_2024()
    study = result.study
    assert result.n_dated == 6
    assert result.campaigns.reported_total == 17
    assert result.campaigns.outside["launch_earliest"].dt.strftime("%Y-%m").tolist() == ["2023-12"]
    assert study.pooled.ci_low < 1 < study.pooled.ci_high
    assert study.over_launches.ci_low < 1 < study.over_launches.ci_high
    assert study.pooled.placebo_p_value > 0.2
    per = study.per_campaign
    assert ((per["ci_low"] < 1) & (per["ci_high"] > 1)).all()
    assert ((per["ci_low_over_launches"] < 1) & (per["ci_high_over_launches"] > 1)).all()
    assert "no detectable change" in result.reading()
    readme = (config.ROOT_DIR / "README.md").read_text(encoding="utf-8")
    pooled, over = study.pooled, study.over_launches
    for quoted in (
        f"rate ratio of {pooled.rate_ratio:.2f} (95% interval {pooled.ci_low:.2f}–"
        f"{pooled.ci_high:.2f}, placebo p = {pooled.placebo_p_value:.2f})",
        f"{over.rate_ratio:.2f} ({over.ci_low:.2f}–{over.ci_high:.2f}) over every launch day",
    ):
        assert quoted in " ".join(readme.split()), quoted


def test_notebook_03_prints_the_study_the_figure_draws(built):
    """Notebook 03's parameters are those the figure's study is built with, and the figure
    shows that study's numbers: one campaign set, the same numbers."""
    import ast
    import inspect

    from analysis.stats.studies import study_campaigns

    text = (config.NOTEBOOKS_DIR / "03_sweeps_against_attacks.py").read_text(encoding="utf-8")
    cell = text.split('# %% tags=["parameters"]')[1].split("# %%")[0]
    params = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(cell).body
        if isinstance(node, ast.Assign)
    }
    defaults = {k: v.default for k, v in inspect.signature(study_campaigns).parameters.items()}
    assert params["pre"] == params["post"] == sweeps.EVENT_STUDY_DAYS
    assert params["n_placebo"] == sweeps.N_PLACEBO
    for name in ("outcome", "default_duration_days", "seed"):
        assert params[name] == defaults[name], name
    assert "an.study_campaigns(" in text
    assert "an.find_campaigns(" not in text
    assert "an.event_study(" not in text
    result = sweeps.campaign_study_2024()
    ax = built["event_study_2024"].axes[1]
    legend = " ".join(t.get_text() for t in ax.get_legend().get_texts())
    pooled, over = result.study.pooled, result.study.over_launches
    assert f"{pooled.rate_ratio:.2f} ({pooled.ci_low:.2f}–{pooled.ci_high:.2f})" in legend
    assert f"placebo p = {pooled.placebo_p_value:.2f}" in legend
    assert f"{over.rate_ratio:.2f} ({over.ci_low:.2f}–{over.ci_high:.2f})" in legend
    assert ax.get_title(loc="left") == (
        f"Attack rates around {result.n_dated} dated campaigns of about 17"
    )


def test_event_profile_shows_the_pooled_window_rates_on_their_days(built):
    from analysis.stats.eventstudy import event_study

    ax = built["event_study_2024"].axes[0]
    assert ax.get_xlabel() == "days from the campaign's launch"
    notes = [t.get_text() for t in ax.texts if t.get_text()]  # the note of labels left out is ""
    assert [n.split("\n")[0] for n in notes] == ["before", "during", "after"]
    events = load_badia_2024()
    study = event_study(
        count_events(events, freq="D"), find_campaigns(events), pre=28, post=28, n_placebo=9
    )
    fig = sweeps.plot_event_profile(study)
    from matplotlib.collections import LineCollection

    lines = [c for c in fig.axes[0].collections if isinstance(c, LineCollection)]
    levels = sorted(c.get_segments()[0][0][1] for c in lines)
    windows = study.windows.set_index("window")["rate"]
    assert levels == pytest.approx(sorted(windows[["pre", "during", "post"]]))


def test_allocation_views_draws_every_allocation_given():
    """Four allocations in a panel (more than the two of the registered figure): none is
    dropped, each has its own line and legend entry."""
    strikes = load_badia_2024().query("event_type == 'airstrike'")
    allocs = ["spread", "spread_integer", "start", "end"]
    views = {"per week": {a: count_events(strikes, freq="W-FRI", allocate=a) for a in allocs}}
    fig = stories.plot_allocation_views(views, event_type="airstrike")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == allocs
    styles = {(p.get_edgecolor(), p.get_linestyle()) for p in fig.axes[0].patches}
    assert len(styles) == 4


# -- plot_counts by group ----------------------------------------------------------------


def _grouped() -> pd.DataFrame:
    events = _events(
        [
            ("attack", "2024-01-01", "2024-01-01", 1, 1, 1),
            ("attack", "2024-01-02", "2024-01-02", 2, 2, 4),
            ("airstrike", "2024-01-02", "2024-01-03", 31, 31, np.inf),
        ]
    ).assign(admin1=["Raqqa", "Homs", "Homs"])
    return count_events(events, freq="D", by="admin1")


def test_plot_counts_by_group_draws_a_line_per_group_and_type_in_its_colour():
    from matplotlib.colors import to_hex

    counts = _grouped()
    fig = plotting.plot_counts(counts, by="admin1")
    ax = fig.axes[0]
    legend = ax.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels == ["Homs", "Raqqa", "airstrike", "attack", "no upper bound"]
    expected = plotting.group_colours(["Homs", "Raqqa"])
    shown = {
        t.get_text(): to_hex(h.get_color())
        for t, h in zip(legend.texts, legend.legend_handles, strict=True)
    }
    assert {g: shown[g] for g in expected} == {g: c.lower() for g, c in expected.items()}
    # one step line per group and type: Homs airstrike, Homs attack, Raqqa attack, Raqqa
    # airstrike (zeros); each holds its own counts
    lines = [line for line in ax.lines if len(line.get_xdata()) > 0]
    assert len(lines) == 4
    homs = [line for line in lines if to_hex(line.get_color()) == expected["Homs"].lower()]
    assert sorted(float(np.max(line.get_ydata())) for line in homs) == [2.0, 15.5]
    # each series has its own band: two groups x two types
    assert len(ax.patches) == 4
    # the open upper bound of the Homs airstrikes is marked with carets
    assert any(len(c.get_offsets()) for c in ax.collections)


def test_plot_counts_panels_draw_a_panel_per_group_on_a_figure_or_subfigure():
    from matplotlib.figure import Figure as MplFigure

    counts = _grouped()
    fig = plotting.plot_counts(counts, by="admin1", kind="panels")
    titles = [ax.get_title() for ax in fig.axes if ax.get_title()]
    assert titles == ["Homs", "Raqqa"]
    assert fig.legends
    assert [t.get_text() for t in fig.legends[0].get_texts()][:2] == ["airstrike", "attack"]
    host = MplFigure(figsize=(10, 4), layout="constrained")
    left, _ = host.subfigures(1, 2)
    assert plotting.plot_counts(counts, by="admin1", kind="panels", figure=left) is host
    assert len(left.axes) == 2
    by_type = plotting.plot_counts(
        counts.groupby(["period", "event_type", "days"], as_index=False, observed=True)[
            ["records", "count", "count_low", "count_high", "records_no_count"]
        ].sum(),
        kind="panels",
    )
    assert [ax.get_title() for ax in by_type.axes if ax.get_title()] == ["airstrike", "attack"]


def test_plot_counts_takes_an_ax_for_lines_and_a_figure_for_panels():
    counts = _grouped()
    fig = plotting.new_figure()
    with pytest.raises(ValueError, match="kind='panels' draws on a figure: pass figure="):
        plotting.plot_counts(counts, by="admin1", kind="panels", ax=fig.axes[0])
    with pytest.raises(ValueError, match="kind='lines' draws on one axes: pass ax="):
        plotting.plot_counts(counts, by="admin1", figure=fig)
    with pytest.raises(ValueError, match="kind must be 'lines' or 'panels'"):
        plotting.plot_counts(counts, by="admin1", kind="facets")  # type: ignore[arg-type]
    assert plotting.plot_counts(counts, by="admin1", ax=fig.axes[0]) is fig


def test_plot_counts_refuses_more_groups_than_colours_on_one_axes():
    n = len(plotting.GROUP_PALETTE) + 1
    events = _events([("attack", "2024-01-01", "2024-01-01", 1, 1, 1)] * n).assign(
        admin1=[f"group {i}" for i in range(n)]
    )
    counts = count_events(events, freq="D", by="admin1")
    with pytest.raises(ValueError, match=f"{n} groups in 'admin1' cannot be told apart"):
        plotting.plot_counts(counts, by="admin1")
    fig = plotting.plot_counts(counts, by="admin1", kind="panels")
    assert len([ax for ax in fig.axes if ax.get_title()]) == n


def test_group_colours_follow_one_order_in_every_figure():
    assert plotting.group_order(["Raqqa", "multiple", "Suwayda", "Homs"]) == [
        "Homs",
        "Raqqa",
        "Suwayda",
        "multiple",
    ]
    assert plotting.group_colours(["Homs", "Raqqa"])["Homs"] == plotting.GROUP_PALETTE[0]


def test_plot_counts_with_nothing_counted_draws_zero_to_one_and_says_so():
    events = _events([("attack", "2024-01-01", "2024-01-01", 1, 1, 1)])
    counts = count_events(events, freq="D", start="2024-01-01", end="2024-01-05")
    nothing = counts.assign(count=0.0, count_low=0.0, count_high=0.0, records=0)
    ax = plotting.plot_counts(nothing).axes[0]
    assert ax.get_ylim() == (0.0, 1.0)
    assert [t.get_text() for t in ax.texts] == ["no records"]
    ax = plotting.plot_counts(nothing.iloc[:0]).axes[0]
    assert ax.get_ylim() == (0.0, 1.0)
    # with something counted, no such note
    ax = plotting.plot_counts(counts).axes[0]
    assert len(ax.texts) == 0
    assert ax.get_ylim()[1] > 1.0 - 1e-9


def test_explore_of_a_choice_without_records_draws_zero_to_one():
    from analysis.figures.exploring import explore

    fig = explore(
        load_badia_2024(), event_type="sweep", admin1="Raqqa", freq="MS", interactive=False
    )
    ax = fig.axes[0]
    assert ax.get_ylim() == (0.0, 1.0)
    assert "no records" in [t.get_text() for t in ax.texts]
