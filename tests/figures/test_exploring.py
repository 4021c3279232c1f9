"""The explorer: its options, its counts, the static figure and the widget controls."""

import importlib.util
import sys

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure
from pandas.testing import assert_frame_equal

from analysis.counting import ALLOCATIONS, count_events, count_report
from analysis.figures.exploring import (
    explore,
    explore_counts,
    explore_options,
    explore_title,
    in_governorate,
)
from analysis.sources.datasets import load_badia_2024

needs_widgets = pytest.mark.skipif(
    importlib.util.find_spec("ipywidgets") is None, reason="ipywidgets not installed"
)


@pytest.fixture
def drawn(monkeypatch):
    """Record every call of plot_counts, which still draws."""
    from analysis.figures import plotting

    real = plotting.plot_counts
    calls = []

    def recording(counts, **kwargs):
        calls.append({"counts": counts.copy(), **kwargs})
        return real(counts, **kwargs)

    monkeypatch.setattr(plotting, "plot_counts", recording)
    yield calls
    plt.close("all")


@pytest.fixture(scope="module")
def badia():
    return load_badia_2024()


def _events(admin1):
    """One attack a day from 2024-01-01, one record per admin1 value."""
    n = len(admin1)
    days = pd.date_range("2024-01-01", periods=n, freq="D")
    return pd.DataFrame(
        {
            "event_id": [f"e{i}" for i in range(n)],
            "event_type": ["attack"] * n,
            "date_start": days,
            "date_end": days,
            "count": [1.0] * n,
            "count_low": [1.0] * n,
            "count_high": [1.0] * n,
            "admin1": pd.array(admin1, dtype="string"),
        }
    )


def _titles(fig):
    return [ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center", "right")]


def _series(fig):
    """The legend's series labels (the marker of open upper bounds is not a series)."""
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    return [t for t in texts if t != "no upper bound"]


def _reference(
    events, event_type=None, governorate=None, freq="W-FRI", allocate="spread", multi="split"
):
    """count_events on a frame filtered (and divided) by hand, on the window of all records.

    A record naming ``governorate`` among k governorates enters with its count
    and bounds divided by k under ``multi='split'``, whole under ``'each'``.
    """
    subset = events
    if event_type is not None:
        subset = subset[subset["event_type"] == event_type]
    if governorate is not None:
        parts = [
            [p.strip() for p in str(v).split(";") if p.strip()] if pd.notna(v) else []
            for v in subset["admin1"]
        ]
        named = [governorate in p for p in parts]
        share = [
            1 / len(p) if multi == "split" and n else 1.0 for p, n in zip(parts, named, strict=True)
        ]
        subset = subset.assign(
            count=subset["count"] * share,
            count_low=subset["count_low"].fillna(subset["count"].clip(upper=1)) * share,
            count_high=subset["count_high"] * share,
        )[named]
    types_ = (
        [event_type]
        if event_type
        else sorted(
            set(events["event_type"].astype(str)),
            key=["airstrike", "sweep", "attack", "other"].index,
        )
    )
    return count_events(
        subset,
        freq=freq,
        allocate=allocate,
        start=events["date_start"].min(),
        end=events["date_end"].max(),
        event_types=types_,
    )


def _controls(box):
    import ipywidgets as widgets

    (row, output) = box.children
    assert isinstance(output, widgets.Output)
    dropdowns = {d.description: d for d in row.children}
    assert all(isinstance(d, widgets.Dropdown) for d in dropdowns.values())
    return dropdowns, output


# -- options and governorate matching ---------------------------------------------


def test_options_come_from_the_records(badia):
    options = explore_options(badia)
    assert options["event_type"] == ("airstrike", "sweep", "attack")
    assert options["admin1"] == ("Deir ez-Zor", "Hama", "Homs", "Raqqa", "multiple")
    assert options["freq"] == ("D", "W-FRI", "MS")
    assert options["allocate"] == ALLOCATIONS


def test_options_split_governorates_and_skip_aggregates():
    events = _events(["Homs;Raqqa", " Hama ", None, "Aleppo"])
    events["is_aggregate"] = [False, False, False, True]
    assert explore_options(events)["admin1"] == ("Hama", "Homs", "Raqqa")


def test_governorate_matches_whole_parts_only():
    admin1 = pd.Series(["Homs;Raqqa", "Raqqa; Homs", "Homsi", "North Homs", "multiple", None])
    assert in_governorate(admin1, "Homs").tolist() == [True, True, False, False, False, False]
    assert in_governorate(admin1, "multiple").tolist() == [False] * 4 + [True, False]


def test_governorate_counts_follow_the_multi_rule_of_count_events():
    events = _events(["Homs;Raqqa", "Homs", "Raqqa", "multiple", "Deir ez-Zor;Raqqa"])
    homs = explore_counts(events, admin1="Homs", freq="D")  # split: half of Homs;Raqqa
    assert homs["count"].sum() == 1.5
    assert homs.loc[homs["count"] > 0, "period"].dt.day.tolist() == [1, 2]
    raqqa = explore_counts(events, admin1="Raqqa", freq="D")
    assert raqqa["count"].sum() == 2.0
    grouped = count_events(
        events, freq="D", by="admin1", start="2024-01-01", end="2024-01-05", event_types=["attack"]
    )
    for name in ("Homs", "Raqqa", "Deir ez-Zor", "multiple"):
        mine = grouped.loc[grouped["admin1"] == name, "count"].to_numpy()
        assert explore_counts(events, admin1=name, freq="D")["count"].tolist() == list(mine)
    # each: the whole record under each governorate it names
    assert explore_counts(events, admin1="Homs", freq="D", multi="each")["count"].sum() == 2.0
    assert explore_counts(events, admin1="Raqqa", freq="D", multi="each")["count"].sum() == 3.0
    # joint: the list is a choice of its own
    assert explore_options(events, multi="joint")["admin1"] == (
        "Deir ez-Zor;Raqqa",
        "Homs",
        "Homs;Raqqa",
        "Raqqa",
        "multiple",
    )
    joint = explore_counts(events, admin1="Homs;Raqqa", freq="D", multi="joint")
    assert joint["count"].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]
    assert explore_counts(events, admin1="Homs", freq="D", multi="joint")["count"].sum() == 1.0


def test_the_counts_report_says_how_lists_were_counted():
    events = _events(["Homs;Raqqa", "Homs"])
    report = count_report(explore_counts(events, admin1="Homs", freq="D", multi="each"))
    assert report.records_multi == 1
    assert "add up to more than" in report.notes[0]


def test_multiple_is_its_own_choice_and_in_no_named_governorate():
    events = _events(["multiple", "Homs", "multiple"])
    assert explore_counts(events, admin1="multiple", freq="D")["count"].sum() == 2.0
    assert explore_counts(events, admin1="Homs", freq="D")["count"].sum() == 1.0
    assert explore_counts(events, freq="D")["count"].sum() == 3.0


def test_no_substring_match_of_a_governorate_name():
    events = _events(["Homsi", "Homs"])
    counts = explore_counts(events, admin1="Homs", freq="D")
    assert counts["count"].tolist() == [0.0, 1.0]


# -- counts ----------------------------------------------------------------------


@pytest.mark.parametrize("allocate", ALLOCATIONS)
def test_counts_of_each_allocation_match_count_events(badia, allocate):
    got = explore_counts(badia, "attack", "Homs", freq="MS", allocate=allocate)
    assert_frame_equal(got, _reference(badia, "attack", "Homs", "MS", allocate))


@pytest.mark.parametrize("freq", ["D", "W-FRI", "MS", "QS", "YS"])
def test_counts_of_each_frequency_match_count_events(badia, freq):
    assert_frame_equal(explore_counts(badia, freq=freq), _reference(badia, freq=freq))


def test_every_choice_shares_the_axis_of_all_records(badia):
    full = explore_counts(badia, freq="W-FRI")
    hama = explore_counts(badia, "sweep", "Hama", freq="W-FRI")
    assert hama["period"].tolist() == full["period"].drop_duplicates().tolist()
    assert hama["count"].sum() == 0.0


@pytest.mark.parametrize(
    ("argument", "value", "allowed"),
    [
        ("event_type", "raid", "'airstrike'"),
        ("admin1", "Hom", "'Homs'"),
        ("admin1", "Homs;Raqqa", "'multiple'"),
        ("freq", "2W", "'MS'"),
        ("allocate", "middle", "'spread_integer'"),
        ("multi", "both", "'split'"),
    ],
)
def test_invalid_option_names_argument_and_allowed_values(badia, argument, value, allowed):
    with pytest.raises(ValueError, match=rf"{argument} '{value}' is not one of .*{allowed}"):
        explore_counts(badia, **{argument: value})
    with pytest.raises(ValueError, match=rf"{argument} '{value}' is not one of"):
        explore(badia, **{argument: value}, interactive=False)


def test_governorate_without_admin1_column_is_an_error():
    events = _events(["Homs"]).drop(columns="admin1")
    with pytest.raises(ValueError, match="no admin1 column"):
        explore_counts(events, admin1="Homs")


def test_only_aggregates_is_an_error():
    events = _events(["Homs"])
    events["is_aggregate"] = True
    with pytest.raises(ValueError, match="no records to count"):
        explore_counts(events)


# -- the static figure -----------------------------------------------------------


def test_static_figure_has_title_and_one_line_per_type(badia, drawn):
    fig = explore(badia, admin1="Homs", freq="MS", interactive=False)
    assert isinstance(fig, Figure)
    title = explore_title(None, "Homs", "MS", "spread")
    assert title == "All event types, Homs: monthly (MS), spread allocation"
    assert title in _titles(fig)
    assert _series(fig) == ["airstrike", "sweep", "attack"]
    assert_frame_equal(drawn[-1]["counts"], _reference(badia, governorate="Homs", freq="MS"))


def test_static_figure_of_one_type_draws_one_line(badia, drawn):
    fig = explore(badia, event_type="airstrike", interactive=False)
    assert _series(fig) == ["airstrike"]
    assert "airstrike, all governorates: weekly (W-FRI), spread allocation" in _titles(fig)


def test_outside_a_kernel_the_default_is_the_static_figure(badia, drawn):
    assert isinstance(explore(badia), Figure)


def test_explore_leaves_the_input_frame_unchanged(badia, drawn):
    events = badia.copy()
    explore(events, event_type="attack", admin1="Homs", interactive=False)
    explore_counts(events, admin1="multiple", allocate="spread_integer")
    assert_frame_equal(events, badia)


# -- the widget ------------------------------------------------------------------


@needs_widgets
def test_widget_offers_the_options_of_the_data(badia, drawn):
    dropdowns, _ = _controls(explore(badia, interactive=True))
    assert list(dropdowns) == ["Event type", "Governorate", "Frequency", "Allocation"]
    values = {name: [v for _, v in d.options] for name, d in dropdowns.items()}
    assert values["Event type"] == ["All", "airstrike", "sweep", "attack"]
    assert values["Governorate"] == ["All", "Deir ez-Zor", "Hama", "Homs", "Raqqa", "multiple"]
    assert values["Frequency"] == ["D", "W-FRI", "MS"]
    assert values["Allocation"] == list(ALLOCATIONS)
    assert [d.value for d in dropdowns.values()] == ["All", "All", "W-FRI", "spread"]


@needs_widgets
def test_widget_starts_from_the_given_choice(badia, drawn):
    box = explore(badia, event_type="sweep", admin1="Raqqa", freq="QS", interactive=True)
    dropdowns, _ = _controls(box)
    assert [d.value for d in dropdowns.values()] == ["sweep", "Raqqa", "QS", "spread"]
    assert [v for _, v in dropdowns["Frequency"].options][-1] == "QS"
    assert_frame_equal(drawn[-1]["counts"], _reference(badia, "sweep", "Raqqa", "QS"))


@needs_widgets
def test_changing_a_dropdown_redraws_the_counts_of_that_choice(badia, drawn):
    dropdowns, output = _controls(explore(badia, interactive=True))
    assert len(drawn) == 1
    assert_frame_equal(drawn[-1]["counts"], _reference(badia))
    first = output.outputs[0]["data"]["image/png"]

    dropdowns["Governorate"].value = "Homs"
    assert len(drawn) == 2
    assert_frame_equal(drawn[-1]["counts"], _reference(badia, governorate="Homs"))
    dropdowns["Event type"].value = "attack"
    dropdowns["Frequency"].value = "MS"
    dropdowns["Allocation"].value = "end"
    assert len(drawn) == 5
    expected = _reference(badia, "attack", "Homs", "MS", "end")
    assert_frame_equal(drawn[-1]["counts"], expected)
    assert drawn[-1]["title"] == "attack, Homs: monthly (MS), end allocation"

    (shown,) = output.outputs
    assert shown["output_type"] == "display_data"
    assert shown["data"]["image/png"] != first
    assert "attack, Homs: monthly (MS), end allocation" in shown["data"]["text/plain"]


@needs_widgets
def test_widget_closes_its_figures(badia, drawn):
    plt.close("all")
    dropdowns, _ = _controls(explore(badia, interactive=True))
    for value in ["D", "MS", "W-FRI"]:
        dropdowns["Frequency"].value = value
    assert plt.get_fignums() == []


@needs_widgets
def test_widget_shows_an_error_where_the_chart_would_be(badia, drawn, monkeypatch):
    dropdowns, output = _controls(explore(badia, interactive=True))

    def failing(*args, **kwargs):
        raise ValueError("no chart today")

    monkeypatch.setattr(sys.modules["analysis.figures.plotting"], "plot_counts", failing)
    dropdowns["Governorate"].value = "Raqqa"
    assert output.outputs == (
        {"output_type": "stream", "name": "stderr", "text": "no chart today\n"},
    )


@needs_widgets
def test_widget_leaves_the_input_frame_unchanged(badia, drawn):
    events = badia.copy()
    dropdowns, _ = _controls(explore(events, interactive=True))
    dropdowns["Governorate"].value = "multiple"
    dropdowns["Allocation"].value = "spread_integer"
    assert_frame_equal(events, badia)


def test_interactive_without_ipywidgets_is_an_import_error(badia, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "ipywidgets" else real(name)
    )
    with pytest.raises(ImportError, match=r"badia-analysis\[notebooks\]"):
        explore(badia, interactive=True)


def test_a_type_without_records_in_the_choice_is_drawn_as_zeros(badia, drawn):
    hama = badia[badia["admin1"] == "Hama"]
    assert set(hama["event_type"]) == {"attack"}  # Hama: attacks only
    fig = explore(badia, admin1="Hama", interactive=False)
    assert _series(fig) == ["airstrike", "sweep", "attack"]
    counts = drawn[-1]["counts"]
    per_type = counts.groupby("event_type", observed=True)["count"].sum().tolist()
    assert per_type == [0, 0, hama["count"].sum()]
