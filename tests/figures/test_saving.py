"""save_figure and round_drawn: what is drawn is rounded, files are replaced whole."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from analysis.figures.plotting import figure_style, new_figure
from analysis.figures.saving import DRAWN_DIGITS, round_drawn, save_figure

NOISE = (1 + 1e-12, 1 - 1e-12, 1 + 1e-10, 1 - 1e-10, 1 + 1e-8, 1 - 1e-8)
"""Relative changes of computed numbers: a CPU's other linear algebra kernels move
fitted numbers by up to about 1e-8 (measured with OpenBLAS's kernels forced in turn)."""


def _every_kind(noise: float) -> Figure:
    """Every kind of artist the figures draw, at data computed with a relative error."""
    rng = np.random.default_rng(0)
    values = rng.uniform(0.5, 80.0, 24) * noise
    days = pd.date_range("2016-01-01", periods=24, freq="MS")
    fig = new_figure(1, 2)
    ax, log_ax = fig.axes
    edges = np.append(days.to_numpy(), np.datetime64("2018-01-01"))
    ax.stairs(values, edges, baseline=values / 3, fill=True, alpha=0.2)
    ax.plot(days + pd.Timedelta(days=15.5), values * 0.9, marker="o")
    ax.fill_between(days, values * 0.8, values * 1.2, alpha=0.1)
    ax.bar(days, values / 2, width=8)
    ax.errorbar(days[:5], values[:5], yerr=values[:5] / 10, ls="none", capsize=2)
    ax.hlines(values[:3], days[0], days[5])
    ax.axvline(days[3] + pd.Timedelta(days=values[0]))
    ax.axvspan(days[4], days[4] + pd.Timedelta(days=values[1]), alpha=0.1)
    ax.axhline(values[2])
    ax.scatter(days[:4], values[:4])
    ax.annotate(f"{values[5]:.2f}", (days[5], values[5]), xytext=(0, 3), textcoords="offset points")
    ax.text(days[6], values[6], "data text")
    ax.text(0.5, 0.5, "axes text", transform=ax.transAxes)
    ax.set_ylim(0, values.max() * 1.3)
    ratios = np.exp(rng.normal(0, 0.5, 6)) * noise
    log_ax.errorbar(ratios, np.arange(6.0), xerr=[ratios * 0.3, ratios * 0.5], ls="none")
    log_ax.set_xscale("log")
    log_ax.set_yticks(np.arange(6.0) + values[:6] * 1e-4, [f"row {i}" for i in range(6)])
    return fig


def _svg(fig: Figure, *, rounded: bool) -> bytes:
    if rounded:
        assert round_drawn(fig) == []
    out = io.BytesIO()
    with figure_style():  # the fixed SVG hash salt
        fig.savefig(out, format="svg", metadata={"Date": None, "Creator": None})
    return out.getvalue()


@pytest.mark.parametrize("noise", NOISE)
def test_numbers_changed_in_their_last_digits_draw_the_same_svg(noise):
    assert _svg(_every_kind(noise), rounded=True) == _svg(_every_kind(1.0), rounded=True)


def test_unrounded_the_same_noise_changes_the_svg():
    """The case above is not empty: without rounding the SVG shows the noise."""
    assert _svg(_every_kind(1 + 1e-8), rounded=False) != _svg(_every_kind(1.0), rounded=False)


def test_a_linear_axis_keeps_four_digits_of_its_span_not_of_each_value():
    fig = new_figure()
    ax = fig.axes[0]
    days = pd.date_range("2016-01-01", "2019-12-01", freq="MS")
    (line,) = ax.plot(days + pd.Timedelta(hours=36), np.linspace(0.123456, 987.654321, len(days)))
    round_drawn(fig)
    x, y = line.get_xydata().T
    # a four-year date axis: 1,400-odd days, so tenths of days are not kept, whole days are
    drawn = ax.xaxis.convert_units((days + pd.Timedelta(hours=36)).to_numpy())
    assert (drawn - np.floor(drawn) == 0.5).all()
    np.testing.assert_array_equal(x, np.rint(drawn))  # half a day goes to the even day
    # a y-axis spanning about 1,000: whole units
    np.testing.assert_array_equal(y, np.rint(np.linspace(0.123456, 987.654321, len(days))))
    assert DRAWN_DIGITS == 4


@pytest.mark.parametrize(("top", "drawn"), [(100.0, 12.3), (99.99, 12.35), (1000.0, 12.0)])
def test_a_span_of_a_power_of_ten_is_counted_exactly(top, drawn):
    """Four digits of a span of exactly 100 are tenths, on every machine (no logarithm)."""
    fig = new_figure()
    ax = fig.axes[0]
    (line,) = ax.plot([0.0, 1.0], [12.3456, 12.3456])
    ax.set_ylim(0.0, top)
    round_drawn(fig)
    assert line.get_ydata().tolist() == [drawn, drawn]


def test_a_log_axis_keeps_four_significant_digits_of_each_value():
    fig = new_figure()
    ax = fig.axes[0]
    (line,) = ax.plot([0.0123456, 1.23456, 123.456], [0.0, 1.0, 2.0])
    ax.set_xscale("log")
    round_drawn(fig)
    assert line.get_xdata().tolist() == [0.01235, 1.235, 123.5]


def test_limits_are_rounded_and_fixed_and_rounding_twice_changes_nothing():
    fig = new_figure()
    ax = fig.axes[0]
    ax.plot([0.0, 1.0], [1.0, 3.3333333333])
    round_drawn(fig)
    low, high = ax.get_ylim()
    assert (low, high) == (0.883, 3.45)  # autoscaled with 5% margins; span 2.567: 3 decimals
    first = _svg(fig, rounded=True)
    assert _svg(fig, rounded=True) == first


def test_artists_it_cannot_round_are_named_and_drawn_as_they_are():
    fig = new_figure()
    ax = fig.axes[0]
    circle = ax.add_patch(Circle((0.3333333, 0.5), 0.1))
    ax.add_patch(Circle((0.5, 0.5), 0.1, transform=ax.transAxes))  # axes coordinates: fine
    assert round_drawn(fig) == [circle]
    assert circle.center == (0.3333333, 0.5)


def test_save_figure_rounds_what_it_saves(tmp_path):
    fig = new_figure()
    (line,) = fig.axes[0].plot([0.0, 1.0], [0.0, 1.0 / 3.0])
    save_figure(fig, tmp_path / "x", formats=["svg"])
    assert line.get_ydata().tolist() == [0.0, 0.3333]


# -- files are replaced whole ----------------------------------------------------------


def test_a_reader_sees_the_old_file_until_the_new_one_is_complete(tmp_path, monkeypatch):
    old = save_figure(new_figure(), tmp_path / "f", formats=["png"])[0].read_bytes()
    seen = []
    real = Figure.savefig

    def slow_savefig(self, fname, **kwargs):
        real(self, fname, **kwargs)
        seen.append((tmp_path / "f.png").read_bytes())  # what a reader polling now sees

    monkeypatch.setattr(Figure, "savefig", slow_savefig)
    fig = new_figure()
    fig.axes[0].plot([0, 1], [0, 1])
    (path,) = save_figure(fig, tmp_path / "f", formats=["png"])
    assert seen == [old]
    assert path.read_bytes() != old
    assert path.read_bytes().startswith(b"\x89PNG")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.png"]


def test_an_interrupted_save_leaves_the_previous_file_and_no_temporary(tmp_path, monkeypatch):
    (path,) = save_figure(new_figure(), tmp_path / "f", formats=["svg"])
    before = path.read_bytes()

    def failing_savefig(self, fname, **kwargs):
        fname.write(b"<?xml half a file")
        raise KeyboardInterrupt

    monkeypatch.setattr(Figure, "savefig", failing_savefig)
    with pytest.raises(KeyboardInterrupt):
        save_figure(new_figure(), tmp_path / "f", formats=["svg"])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.svg"]


def test_an_unknown_format_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ValueError, match="format 'jpg'"):
        save_figure(new_figure(), tmp_path / "x", formats=["png", "jpg"])
    assert list(tmp_path.iterdir()) == []
