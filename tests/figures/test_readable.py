"""Figures a reader can read: no two texts overlap, legends clear of the data, colours
told apart (also by colour-blind readers), labels placed the same way every time."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PathCollection, PolyCollection
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from analysis.figures import plotting
from analysis.figures.labelling import label_points
from analysis.figures.registry import FIGURES, build_figure
from analysis.figures.saving import round_drawn
from analysis.figures.stories import SEVERAL_GOVERNORATES

# -- drawing a registered figure as save_figure writes its PNG ------------------------


def _drawn(name: str) -> tuple[Figure, object]:
    """The figure built, rounded and drawn twice at the PNG's resolution (as saved)."""
    fig = build_figure(name)
    round_drawn(fig)
    fig.set_dpi(plotting.STYLE["savefig.dpi"])
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # the first draw settles what is placed at draw time
    canvas.draw()
    return fig, canvas.get_renderer()


@pytest.fixture(scope="module")
def drawn() -> dict[str, tuple[Figure, object]]:
    return {name: _drawn(name) for name in FIGURES}


def _texts(fig: Figure, renderer: object) -> list[tuple[Text, Bbox, str]]:
    """Every visible, non-empty text with its extent (an annotation's without its leader)
    and the axis whose tick label it is ('' for other texts)."""
    ticks: dict[int, str] = {}
    undrawn: set[int] = set()  # tick labels matplotlib keeps but does not draw (out of view)
    for i, ax in enumerate(fig.axes):
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            tolerance = 1e-9 * max(1.0, abs(high - low))
            for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]:
                shown = low - tolerance <= tick.get_loc() <= high + tolerance
                for label in (tick.label1, tick.label2):
                    ticks[id(label)] = f"{i}{axis.axis_name}"
                    if not shown:
                        undrawn.add(id(label))
    out = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip() or id(text) in undrawn:
            continue
        box = Text.get_window_extent(text, renderer)
        if box.width <= 0 or box.height <= 0:
            continue
        out.append((text, box, ticks.get(id(text), "")))
    return out


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_two_texts_of_a_registered_figure_overlap(name, drawn):
    """Titles, axis labels, annotations, legend entries, notes and the source line: no two
    overlap; tick labels are checked against the texts and against those of their own
    axis. Every text is inside the figure."""
    fig, renderer = drawn[name]
    texts = _texts(fig, renderer)
    assert len(texts) > 5, name
    page = fig.bbox
    outside = [
        text.get_text()
        for text, box, _ in texts
        if box.x0 < page.x0 - 1
        or box.x1 > page.x1 + 1
        or box.y0 < page.y0 - 1
        or box.y1 > page.y1 + 1
    ]
    assert outside == [], name
    clashes = [
        (a.get_text(), b.get_text())
        for (a, box_a, tick_a), (b, box_b, tick_b) in itertools.combinations(texts, 2)
        if (not tick_a or not tick_b or tick_a == tick_b) and box_a.overlaps(box_b)
    ]
    assert clashes == [], name


def test_the_text_check_finds_overlapping_texts():
    """The check above fails where two texts do overlap."""
    fig = plotting.new_figure()
    ax = fig.axes[0]
    ax.set_title("a title", loc="left")
    ax.text(0.5, 0.5, "one label", transform=ax.transAxes)
    ax.text(0.52, 0.5, "another label", transform=ax.transAxes)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    texts = _texts(fig, canvas.get_renderer())
    assert any(a.overlaps(b) for (_, a, _), (_, b, _) in itertools.combinations(texts, 2))


def test_a_source_line_wider_than_its_figure_is_wrapped_inside_it():
    """Broken after a source's ";" where it can be, between words where one source alone
    is too wide; every line ends inside the figure."""
    line = "Data: " + "; ".join(f"source number {i} with a long name" for i in range(12))
    fig = plotting.new_figure(figsize=(4.0, 3.0))
    text = plotting.add_source_line(fig, line)
    lines = text.get_text().split("\n")
    assert len(lines) > 2
    assert " ".join(lines) == line
    assert all(one.endswith(";") for one in lines[:-1])
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    box = Text.get_window_extent(text, canvas.get_renderer())
    assert fig.bbox.x0 <= box.x0
    assert box.x1 <= fig.bbox.x1
    # one source wider than the figure: broken between its words
    text = plotting.add_source_line(fig, "Data: " + "a very long source name " * 12)
    assert all(len(one) < 100 for one in text.get_text().split("\n"))
    canvas.draw()
    box = Text.get_window_extent(text, canvas.get_renderer())
    assert box.x1 <= fig.bbox.x1
    # unwrapped, the check of every registered figure would find the line outside
    fig.supxlabel(line, x=0.005, ha="left", fontsize=plotting.SOURCE_FONTSIZE)
    canvas.draw()
    assert Text.get_window_extent(fig._supxlabel, canvas.get_renderer()).x1 > fig.bbox.x1


# -- legends clear of the data ----------------------------------------------------------


def _data_hits(ax: object, box: Bbox) -> list[str]:
    """Labels of the data artists of ``ax`` that reach into ``box`` (display units)."""
    hits = []
    for line in ax.lines:  # type: ignore[attr-defined]
        path = line.get_transform().transform_path(line.get_path())
        if not len(path.vertices):
            continue
        if line.get_linestyle() in ("None", "none", "", " "):
            if box.count_contains(path.vertices):
                hits.append(f"line {line.get_label()}")
        elif path.intersects_bbox(box, filled=False):
            hits.append(f"line {line.get_label()}")
    for patch in ax.patches:  # type: ignore[attr-defined]
        path = patch.get_transform().transform_path(patch.get_path())
        if path.intersects_bbox(box, filled=True):
            hits.append(f"patch {patch.get_label()}")
    for coll in ax.collections:  # type: ignore[attr-defined]
        if isinstance(coll, PathCollection):
            offsets = coll.get_offset_transform().transform(coll.get_offsets())
            if box.count_contains(offsets):
                hits.append(f"points {coll.get_label()}")
        elif isinstance(coll, LineCollection | PolyCollection):
            for path in coll.get_paths():
                drawn = coll.get_transform().transform_path(path)
                filled = isinstance(coll, PolyCollection) and not isinstance(coll, LineCollection)
                if drawn.intersects_bbox(box, filled=filled):
                    hits.append(f"collection {coll.get_label()}")
                    break
    return hits


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_no_legend_of_a_registered_figure_covers_data(name, drawn):
    """Every legend (of an axes or of the figure) is clear of every line, bar, band,
    point and whisker of every axes of the figure."""
    fig, renderer = drawn[name]
    legends = [lg for ax in fig.axes if (lg := ax.get_legend()) is not None] + fig.legends
    assert legends, name
    for legend in legends:
        box = legend.get_window_extent(renderer)
        for ax in fig.axes:
            assert _data_hits(ax, box) == [], (name, [t.get_text() for t in legend.texts][:2])


def test_the_legend_check_finds_a_legend_over_data():
    fig = plotting.new_figure()
    ax = fig.axes[0]
    ax.plot([0, 1], [1, 1], label="a line across the top")
    ax.plot([0, 1], [0, 0])
    legend = ax.legend(loc="upper left")
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    assert _data_hits(ax, legend.get_window_extent(canvas.get_renderer()))


def test_the_points_under_the_issue_are_fixed(drawn):
    """The legends promised outside the data are outside their axes; the launch markers
    of the attacks figure sit above its axes."""
    for name, index in [
        ("attacks_2024_by_source", 0),
        ("seed_report_episode", 0),
        ("seed_report_episode", 1),
        ("places_map", 0),
        ("event_study_2024", 0),
        ("event_study_2024", 1),
    ]:
        fig, renderer = drawn[name]
        ax = fig.axes[index]
        legend = ax.get_legend().get_window_extent(renderer)
        assert not legend.overlaps(ax.get_window_extent(renderer)), (name, index)
    fig, renderer = drawn["attacks_2024_by_source"]
    ax = fig.axes[0]
    launches = next(line for line in ax.lines if line.get_label().startswith("sweep campaign"))
    tops = launches.get_transform().transform(launches.get_xydata())[:, 1]
    assert (tops >= ax.get_window_extent(renderer).y1).all()


# -- colours -------------------------------------------------------------------------------

_SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
# Colour-blindness simulation in linear RGB (Machado, Oliveira and Fernandes 2009, severity 1).
_CVD = {
    "deuteranopia": np.array(
        [
            [0.367322, 0.860646, -0.227968],
            [0.280085, 0.672501, 0.047413],
            [-0.011820, 0.042940, 0.968881],
        ]
    ),
    "protanopia": np.array(
        [
            [0.152286, 1.052583, -0.204868],
            [0.114503, 0.786281, 0.099216],
            [-0.003882, -0.048116, 1.051998],
        ]
    ),
    "tritanopia": np.array(
        [
            [1.255528, -0.076749, -0.178779],
            [-0.078411, 0.930809, 0.147602],
            [0.004733, 0.691367, 0.303900],
        ]
    ),
}


def _linear(colour: str) -> np.ndarray:
    rgb = np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _lab(linear_rgb: np.ndarray) -> np.ndarray:
    xyz = _SRGB_TO_XYZ @ np.clip(linear_rgb, 0, 1) / (_SRGB_TO_XYZ @ np.ones(3))  # D65 white
    d = 6 / 29
    f = np.where(xyz > d**3, np.cbrt(xyz), xyz / (3 * d**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _delta_e2000(lab1: np.ndarray, lab2: np.ndarray) -> float:
    """CIEDE2000 colour difference (Sharma, Wu and Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dh = h2p - h1p
    if c1p * c2p == 0:
        dh = 0.0
    elif dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    elif h1p + h2p < 360:
        h_mean = (h1p + h2p + 360) / 2
    else:
        h_mean = (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * np.cos(np.radians(h_mean - 30))
        + 0.24 * np.cos(np.radians(2 * h_mean))
        + 0.32 * np.cos(np.radians(3 * h_mean + 6))
        - 0.20 * np.cos(np.radians(4 * h_mean - 63))
    )
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c = 1 + 0.045 * cp_mean
    s_h = 1 + 0.015 * cp_mean * t
    r_t = (
        -2
        * np.sqrt(cp_mean**7 / (cp_mean**7 + 25**7))
        * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2))))
    )
    return float(
        np.sqrt(
            (d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h)
        )
    )


def test_the_colour_difference_matches_published_reference_pairs():
    """Three pairs of the CIEDE2000 test data of Sharma, Wu and Dalal (2005)."""
    pairs = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((50.0, 2.5, 0.0), (50.0, 0.0, -2.5), 4.3065),
    ]
    for lab1, lab2, expected in pairs:
        assert _delta_e2000(np.array(lab1), np.array(lab2)) == pytest.approx(expected, abs=1e-4)


def _closest(colours: list[str], vision: str) -> float:
    matrix = _CVD.get(vision, np.eye(3))
    labs = [_lab(matrix @ _linear(c)) for c in colours]
    return min(_delta_e2000(a, b) for a, b in itertools.combinations(labs, 2))


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia", "tritanopia"])
def test_group_colours_are_told_apart(vision):
    """Lines per governorate and the governorates of the maps: every two colours of the
    palette differ clearly, also as colour-blind readers see them."""
    needed = 20.0 if vision == "normal" else 10.0
    assert _closest(list(plotting.GROUP_PALETTE), vision) >= needed


@pytest.mark.parametrize("vision", ["normal", "deuteranopia", "protanopia", "tritanopia"])
def test_colours_drawn_together_are_told_apart(vision):
    """The three sources and the launches of the attacks figure; the event types."""
    palette = plotting.colours()
    needed = 20.0 if vision == "normal" else 9.0
    assert _closest([palette[k] for k in ("CEP", "SOHR", "sample", "sweep")], vision) >= needed
    assert _closest([palette[k] for k in ("airstrike", "sweep", "attack")], vision) >= needed


def test_the_colour_check_fails_for_the_old_pinks():
    """The map's former Homs and Suwayda pinks are not told apart by the check."""
    assert _closest(["#cc78bc", "#fbafe4"], "normal") < 20
    assert _closest(["#de8f05", "#d55e00"], "deuteranopia") < 10  # former SOHR and sample


def test_each_governorate_keeps_its_colour_in_every_figure(drawn):
    def colours_by_legend(fig: Figure, index: int) -> dict[str, str]:
        from matplotlib.colors import to_hex

        legend = fig.axes[index].get_legend()
        return {
            t.get_text(): to_hex(h.get_color())
            for t, h in zip(legend.texts, legend.legend_handles, strict=True)
            if "record" not in t.get_text()
        }

    whole = colours_by_legend(drawn["places_map"][0], 0)
    named = colours_by_legend(drawn["seed_report_episode"][0], 1)
    assert named == {g: whole[g] for g in named}
    # one colour per governorate, Homs and Suwayda included; a place of several governorates
    # ("Homs;Deir ez-Zor") is not a governorate of its own: it is drawn apart, in grey
    assert not [g for g in whole if ";" in g]
    assert whole[SEVERAL_GOVERNORATES] == "#999999"
    assert len(set(whole.values())) == len(whole)


# -- label placement -------------------------------------------------------------------------


def _placed(fig: Figure) -> list[tuple[str, bool, tuple[float, float]]]:
    from analysis.figures.labelling import LabelPlacer

    out = []
    for ax in fig.axes:
        for placer in [a for a in ax.artists if isinstance(a, LabelPlacer)]:
            out += [(t.get_text(), t.get_visible(), tuple(t.xyann)) for t in placer.labels]
    return out


def test_labels_are_placed_the_same_way_on_every_build(drawn):
    for name in ("places_map", "seed_report_episode"):
        again, _ = _drawn(name)
        assert _placed(again) == _placed(drawn[name][0]), name
        assert _placed(again), name


def test_every_named_place_of_the_maps_is_labelled_clear_of_the_points(drawn):
    """No label is left out, and none covers a marker (its own or another's)."""
    for name in ("places_map", "seed_report_episode"):
        fig, renderer = drawn[name]
        placed = _placed(fig)
        assert placed, name
        assert all(visible for _, visible, _ in placed), name
        ax = fig.axes[-1] if name == "seed_report_episode" else fig.axes[0]
        from analysis.figures.labelling import LabelPlacer, _hits_circle, _marker_circles

        circles = _marker_circles(ax)
        placer = next(a for a in ax.artists if isinstance(a, LabelPlacer))
        for label in placer.labels:
            box = Text.get_window_extent(label, renderer)
            assert not _hits_circle(box, circles).any(), (name, label.get_text())


def test_a_label_with_no_room_is_left_out_and_named_in_the_note():
    fig = plotting.new_figure(figsize=(2.0, 1.5))
    ax = fig.axes[0]
    ax.scatter(np.arange(12.0), np.zeros(12), s=20)
    note = ax.annotate(
        "", (0, 0), xycoords="axes fraction", xytext=(0, -20), textcoords="offset points", va="top"
    )
    placer = label_points(
        ax,
        [f"a long label {i}" for i in range(12)],
        np.arange(12.0),
        np.zeros(12),
        note=note,
        names=[f"place {i}" for i in range(12)],
    )
    FigureCanvasAgg(fig).draw()
    assert placer.unplaced
    shown = [t for t in placer.labels if t.get_visible()]
    assert len(shown) + len(placer.unplaced) == 12
    assert note.get_text() == "Not labelled for lack of room: " + ", ".join(placer.unplaced)
    renderer = fig.canvas.get_renderer()
    boxes = [Text.get_window_extent(t, renderer) for t in shown]
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))


def test_labels_do_not_cross_a_wall():
    """The event profile's window rates never cross the launch line."""
    fig = plotting.new_figure()
    ax = fig.axes[0]
    ax.set_xlim(-10, 10)
    ax.set_ylim(0, 1)
    placer = label_points(ax, ["a label wider than its place"], [0.0], [0.5], walls=[0.0])
    FigureCanvasAgg(fig).draw()
    box = Text.get_window_extent(placer.labels[0], fig.canvas.get_renderer())
    wall = ax.transData.transform((0.0, 0.0))[0]
    assert placer.labels[0].get_visible()
    assert box.x0 > wall or box.x1 < wall


def test_the_event_profile_labels_stay_off_the_launch_line(drawn):
    fig, renderer = drawn["event_study_2024"]
    ax = fig.axes[0]
    launch = ax.transData.transform((0.0, 0.0))[0]
    notes = [t for t in ax.texts if t.get_text().split("\n")[0] in ("before", "during", "after")]
    assert len(notes) == 3
    for note in notes:
        box = Text.get_window_extent(note, renderer)
        assert box.x1 < launch or box.x0 > launch, note.get_text()


def test_the_map_is_drawn_to_equal_scale_at_its_latitude(drawn):
    fig, _ = drawn["places_map"]
    ax = fig.axes[0]
    lats = np.concatenate([c.get_offsets()[:, 1] for c in ax.collections if len(c.get_offsets())])
    middle = (lats.min() + lats.max()) / 2
    assert ax.get_aspect() == pytest.approx(1 / np.cos(np.radians(middle)))
    # one degree of latitude is drawn 1/cos(latitude) times as long as one of longitude
    (x0, y0), (x1, y1) = ax.transData.transform([(38.0, 35.0), (39.0, 36.0)])
    assert (y1 - y0) / (x1 - x0) == pytest.approx(1 / np.cos(np.radians(middle)), rel=1e-3)


# -- the points of the figures, one by one --------------------------------------------------


def test_attacks_by_source_says_plainly_what_a_partial_month_and_a_lower_bound_are(drawn):
    fig, _ = drawn["attacks_2024_by_source"]
    ax = fig.axes[0]
    notes = [t.get_text() for t in ax.texts]
    assert "≥" not in "".join(notes)
    assert "1–10 Nov only" in notes
    assert "at least" in notes
    assert not any(" of " in n and "days" in n for n in notes)


def test_attacks_by_source_centres_each_months_bars_on_its_tick(drawn):
    import matplotlib.dates as mdates

    fig, _ = drawn["attacks_2024_by_source"]
    ax = fig.axes[0]
    ticks = ax.get_xticks()
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels[:3] == ["Jan", "Feb", "Mar"]
    from matplotlib.container import BarContainer

    bars = [b for c in ax.containers if isinstance(c, BarContainer) for b in c.patches]
    for bar in bars:
        centre = bar.get_x() + bar.get_width() / 2
        month = mdates.num2date(centre).month
        assert abs(centre - ticks[month - 1]) <= 9.5, (month, centre)
    # the three bars of a month (CEP, SOHR, sample) are centred on its tick
    march = [b.get_x() + b.get_width() / 2 for b in bars if mdates.num2date(b.get_x()).month == 3]
    assert np.mean(march) == pytest.approx(ticks[2], abs=0.5)


def test_cumulative_campaign_counts_have_whole_ticks(drawn):
    fig, _ = drawn["cumulative_2024"]
    ticks = fig.axes[1].get_yticks()
    assert np.allclose(ticks, np.round(ticks))


def test_ucdp_trend_is_one_smooth_curve_per_average_month():
    """The trend drawn is the model's rate per day times the mean month: between
    months it changes by the rate ratio, not by the months' lengths."""
    fig = build_figure("ucdp_badia_2016_2019")
    for ax in fig.axes:
        trend = next(line for line in ax.lines if "log-linear trend" in line.get_label())
        y = trend.get_ydata()
        ratios = y[1:] / y[:-1]
        assert np.ptp(ratios) < 0.01, ax.get_title(loc="left")
        rate_ratio = float(ax.get_title(loc="left").split("rate ratio ")[1].split()[0])
        assert np.median(ratios) == pytest.approx(rate_ratio, abs=2e-3)


def test_the_reading_of_the_ucdp_figure_gives_the_trend_start_and_the_2016_mean():
    """The reading explains why the airstrike trend starts far above the 2016 counts,
    with both numbers: the curve's first value as drawn and the mean of the 2016 months."""
    import re

    from analysis.counting import count_events
    from analysis.sources.datasets import load_ucdp_badia

    reading = FIGURES["ucdp_badia_2016_2019"].reading
    found = re.search(r"starts near (\d+) a month against a 2016 mean of about (\d+)", reading)
    assert found is not None
    start, mean = (int(n) for n in found.groups())
    ax = build_figure("ucdp_badia_2016_2019").axes[0]
    trend = next(line for line in ax.lines if "log-linear trend" in line.get_label())
    assert start == round(float(trend.get_ydata()[0]))
    monthly = count_events(load_ucdp_badia(), freq="MS")
    strikes = monthly[(monthly["event_type"] == "airstrike") & (monthly["period"].dt.year == 2016)]
    assert len(strikes) == 12
    assert abs(mean - strikes["count"].mean()) <= 0.5
    assert start > 2 * mean  # what the reading explains


def test_the_event_profile_rates_are_legible_over_the_daily_means(drawn):
    """The per-day means run behind the window rates: each rate has an opaque backing
    drawn above every line its box meets, and at least one line does meet one (so the
    backing is needed)."""
    from matplotlib.colors import to_rgba

    fig, renderer = drawn["event_study_2024"]
    ax = fig.axes[0]
    notes = [t for t in ax.texts if t.get_text().split("\n")[0] in ("before", "during", "after")]
    assert len(notes) == 3
    crossed = 0
    for note in notes:
        box = Text.get_window_extent(note, renderer)
        backing = note.get_bbox_patch()
        assert backing is not None, note.get_text()
        assert to_rgba(backing.get_facecolor())[:3] == (1.0, 1.0, 1.0)
        assert backing.get_alpha() >= 0.8
        for line in [*ax.lines, *ax.collections]:
            if _data_hits_artist(line, box):
                crossed += 1
                assert line.get_zorder() < note.get_zorder(), note.get_text()
    assert crossed


def _data_hits_artist(artist: object, box: Bbox) -> bool:
    from matplotlib.lines import Line2D

    if isinstance(artist, Line2D):
        path = artist.get_transform().transform_path(artist.get_path())
        return len(path.vertices) > 0 and path.intersects_bbox(box, filled=False)
    if isinstance(artist, LineCollection):
        return any(
            artist.get_transform().transform_path(p).intersects_bbox(box, filled=False)
            for p in artist.get_paths()
        )
    return False


def test_the_trend_legend_says_why_the_curve_misses_the_first_counts():
    """The UCDP airstrike trend starts near twice the 2016 counts: its legend entry says
    it is one rate of change for the whole span, which cannot follow the level shifts
    drawn beside it; without change points it claims no shifts."""
    from analysis.counting import count_events
    from analysis.sources.datasets import load_ucdp_badia
    from analysis.stats.trends import fit_trend

    fig = build_figure("ucdp_badia_2016_2019")
    for ax in fig.axes:
        legend = [t.get_text() for t in ax.get_legend().texts]
        entry = next(t for t in legend if "log-linear trend" in t)
        assert "one rate of change for all of 2016–2019" in entry
        assert "cannot follow the level shifts" in entry
        assert "change point" in legend
    monthly = count_events(load_ucdp_badia(), freq="MS")
    alone = plotting.plot_trend(
        monthly, fit_trend(monthly, event_type="attack"), event_type="attack"
    )
    entry = next(t.get_text() for t in alone.axes[0].get_legend().texts if "trend" in t.get_text())
    assert "one rate of change for all of 2016–2019" in entry
    assert "level shifts" not in entry
