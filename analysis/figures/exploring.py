"""Explore counts interactively: event type, governorate, frequency and allocation.

:func:`explore` is the one entry point.  In JupyterLab it returns controls
(``ipywidgets`` dropdowns) that redraw the chart of :func:`analysis.figures.plotting.plot_counts`
whenever one of them changes; anywhere else it returns the static
:class:`matplotlib.figure.Figure` for the chosen options.  The logic behind
both is plain and testable without a kernel: :func:`explore_options` says what
the controls offer for a given frame, :func:`explore_counts` computes the
counts drawn for one choice.

How a governorate counts records
--------------------------------
``admin1`` holds a record's governorate, several of them ``;``-separated
(``'Homs;Raqqa'``), or ``multiple`` where the record's places span several
governorates that the source does not name.  A governorate's counts are those
of :func:`analysis.count_events` with ``by="admin1"``, under its ``multi``
rule, the same as anywhere else in the package: by default (``'split'``) a
record of two governorates counts half under each, so the governorates'
series add up to the total; ``multi='each'`` counts it whole under each
(:func:`in_governorate` says which records name a governorate), and
``multi='joint'`` keeps ``'Homs;Raqqa'`` as a choice of its own.  A name
matches a whole ``;``-part, never a part of a name.  ``multiple`` is a choice
of its own: no named governorate includes those records, since nothing says
which governorates they are in.  Records without ``admin1`` are counted only
under "All".

Examples
--------
>>> from analysis.sources.datasets import load_badia_2024
>>> from analysis.figures.exploring import explore_options
>>> explore_options(load_badia_2024())["admin1"]
('Deir ez-Zor', 'Hama', 'Homs', 'Raqqa', 'multiple')
"""

from __future__ import annotations

import base64
import importlib.util
import io
import re
import sys
from typing import TYPE_CHECKING, Any, Final

import pandas as pd

from analysis.counting import ALLOCATIONS, FREQ_ALIASES, MULTI, count_events, count_report
from analysis.counting.options import Allocation, Multi
from analysis.counting.parts import list_parts
from analysis.records.schema import EVENT_TYPES, EventType

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["explore", "explore_counts", "explore_options", "explore_title", "in_governorate"]

ALL: Final = "All"
"""The label of the "every event type" and "every governorate" choices."""

MULTIPLE: Final = "multiple"
"""The ``admin1`` value of a record spread over governorates it does not name."""

EXPLORE_FREQS: Final[tuple[str, ...]] = ("D", "W-FRI", "MS")
"""The frequencies the controls offer (any ``count_events`` frequency may be passed)."""

_FREQ_WORDS: Final[dict[str, str]] = {
    "D": "daily",
    "W": "weekly",
    "M": "monthly",
    "Q": "quarterly",
    "Y": "yearly",
}


def in_governorate(admin1: pd.Series, name: str) -> pd.Series:
    """Tell which records name a governorate: ``name`` is a whole ``;``-part of ``admin1``.

    These are the records counted under ``name`` with ``multi='each'``.

    Parameters
    ----------
    admin1 : pandas.Series
        ``admin1`` values: a governorate, several ``;``-separated, or
        ``multiple``.  Spaces around a part are ignored; case is not.
    name : str
        A governorate, or ``'multiple'`` for the records marked so.

    Returns
    -------
    pandas.Series
        Boolean, aligned with ``admin1``; False where ``admin1`` is missing.

    Examples
    --------
    >>> import pandas as pd
    >>> admin1 = pd.Series(["Homs;Raqqa", "Homs", "Homsi", "multiple", None])
    >>> in_governorate(admin1, "Homs").tolist()
    [True, True, False, False, False]
    """
    pattern = rf"(?:^|;)\s*{re.escape(name)}\s*(?:;|$)"
    found = admin1.astype("string").str.contains(pattern, regex=True)
    return found.fillna(False).astype(bool)


def _counted(events: pd.DataFrame) -> pd.DataFrame:
    """Return the records a count adds up (period aggregates are left out, as count_events does)."""
    if "is_aggregate" not in events.columns:
        return events
    return events.loc[~events["is_aggregate"].fillna(False).astype(bool)]


def explore_options(events: pd.DataFrame, multi: Multi = "split") -> dict[str, tuple[str, ...]]:
    """Return what each control offers for these records, keyed by argument name.

    Parameters
    ----------
    events : pandas.DataFrame
        Validated records (as from :func:`analysis.load_events`); not modified.
    multi : {'split', 'each', 'joint'}, default 'split'
        How records listing several governorates are counted (see the module
        notes); under ``'joint'`` a list is a governorate choice of its own.

    Returns
    -------
    dict of str to tuple of str
        ``event_type``: the types of the counted records (period aggregates
        are never counted), in :data:`analysis.records.schema.EVENT_TYPES` order;
        ``admin1``: the governorates named in ``admin1`` parts (under
        ``'joint'``: the ``admin1`` values), sorted, then ``'multiple'`` if
        some record is marked so; ``freq``:
        :data:`EXPLORE_FREQS`; ``allocate``: every allocation.  "All" is not
        listed: it is ``None`` for ``event_type`` and ``admin1``.

    Examples
    --------
    >>> import pandas as pd
    >>> events = pd.DataFrame({"event_type": ["attack", "airstrike"],
    ...     "admin1": ["Raqqa;Homs", "multiple"]})
    >>> explore_options(events)["admin1"]
    ('Homs', 'Raqqa', 'multiple')
    >>> explore_options(events)["event_type"]
    ('airstrike', 'attack')
    >>> explore_options(events, multi="joint")["admin1"]
    ('Raqqa;Homs', 'multiple')
    """
    counted = _counted(events)
    present = set(counted["event_type"].dropna().astype(str))
    types = tuple(t for t in EVENT_TYPES if t in present)
    names: set[str] = set()
    if "admin1" in counted.columns:
        for value in counted["admin1"].dropna().astype(str).unique():
            names.update([value] if multi == "joint" else list_parts(value))
    governorates = tuple(sorted(names - {MULTIPLE}))
    if MULTIPLE in names:
        governorates += (MULTIPLE,)
    return {
        "event_type": types,
        "admin1": governorates,
        "freq": EXPLORE_FREQS,
        "allocate": ALLOCATIONS,
    }


def _check_choice(
    events: pd.DataFrame,
    event_type: str | None,
    admin1: str | None,
    freq: str,
    allocate: str,
    multi: Multi = "split",
) -> None:
    """Raise a ValueError naming the argument and its allowed values."""
    if multi not in MULTI:
        raise ValueError(f"explore: multi {multi!r} is not one of {list(MULTI)}")
    if event_type is not None and event_type not in EVENT_TYPES:
        raise ValueError(
            f"explore: event_type {event_type!r} is not one of {list(EVENT_TYPES)} "
            "(or None for all)"
        )
    if admin1 is not None:
        if "admin1" not in events.columns:
            raise ValueError(f"explore: admin1 {admin1!r} given, but events have no admin1 column")
        allowed = explore_options(events, multi)["admin1"]
        if admin1 not in allowed:
            raise ValueError(
                f"explore: admin1 {admin1!r} is not one of {list(allowed)} (or None for all)"
            )
    if freq not in FREQ_ALIASES:
        raise ValueError(f"explore: freq {freq!r} is not one of {sorted(FREQ_ALIASES)}")
    if allocate not in ALLOCATIONS:
        raise ValueError(f"explore: allocate {allocate!r} is not one of {list(ALLOCATIONS)}")


def explore_counts(
    events: pd.DataFrame,
    event_type: EventType | None = None,
    admin1: str | None = None,
    freq: str = "W-FRI",
    allocate: Allocation = "spread",
    multi: Multi = "split",
) -> pd.DataFrame:
    """Count the records of one choice of event type and governorate.

    The input frame is not modified.

    The time axis is the coverage window of *all* the counted records, so
    that every choice is drawn on the same axis, and a governorate or type
    with no records in a period is a zero there (a choice with no records at
    all is zero throughout).

    Parameters
    ----------
    events : pandas.DataFrame
        Validated records (as from :func:`analysis.load_events`).
    event_type : str, optional
        One of :data:`analysis.records.schema.EVENT_TYPES`; ``None`` for every type
        present in ``events`` (one series each).
    admin1 : str, optional
        A governorate of :func:`explore_options` (``'multiple'`` included);
        ``None`` for all records.
    freq : str, default 'W-FRI'
        A frequency of :func:`analysis.count_events` (``'D'``, ``'W-<DAY>'``,
        ``'MS'``, ``'QS'``, ``'YS'``, ...).
    allocate : {'spread', 'spread_integer', 'start', 'end'}, default 'spread'
        How a record's count is placed on its window's days.
    multi : {'split', 'each', 'joint'}, default 'split'
        How a record listing several governorates counts under each (see the
        module notes).

    Returns
    -------
    pandas.DataFrame
        :func:`analysis.count_events` of the selected records: for a
        governorate, its rows of ``count_events(..., by="admin1",
        multi=multi)`` without the ``admin1`` column, with the report of that
        count (every governorate's records of the chosen types).

    Raises
    ------
    ValueError
        For an option outside its allowed values (the message lists them), or
        records with nothing to count.

    Examples
    --------
    >>> from analysis.sources.datasets import load_badia_2024
    >>> events = load_badia_2024()
    >>> homs = explore_counts(events, "attack", "Homs", freq="MS")
    >>> summer = homs["period"].between("2024-05-01", "2024-07-01")
    >>> print(homs.loc[summer, ["period", "records", "count"]].to_string(
    ...     index=False, float_format="{:.2f}".format))
        period  records  count
    2024-05-01       10  12.44
    2024-06-01        8   6.28
    2024-07-01        2   2.00

    Every choice shares the axis of all records, so a governorate without
    sweeps is a row of zeros rather than an error:

    >>> hama = explore_counts(events, "sweep", "Hama", freq="MS")
    >>> hama["period"].min(), hama["count"].sum()
    (Timestamp('2023-08-01 00:00:00'), np.float64(0.0))
    """
    _check_choice(events, event_type, admin1, freq, allocate, multi)
    counted = _counted(events)
    if counted.empty:
        raise ValueError("explore: events hold no records to count (none, or only aggregates)")
    window = {"start": counted["date_start"].min(), "end": counted["date_end"].max()}
    if event_type is None:
        types = list(explore_options(events)["event_type"])
        subset = events
    else:
        types = [event_type]
        subset = events.loc[events["event_type"] == event_type]
    options: dict[str, Any] = {"freq": freq, "allocate": allocate, "event_types": types}
    if admin1 is None:
        return count_events(subset, **window, **options)
    grouped = count_events(subset, by="admin1", multi=multi, **window, **options)
    chosen = grouped["admin1"].eq(admin1).fillna(False).to_numpy(dtype=bool)
    if not chosen.any():  # no record of these types there: zeros on the common axis
        result = count_events(subset.iloc[:0], **window, **options)
    else:
        result = grouped.loc[chosen].drop(columns="admin1").reset_index(drop=True)
    result.attrs = {"count_report": count_report(grouped).to_dict()}
    return result


def explore_title(
    event_type: str | None = None,
    admin1: str | None = None,
    freq: str = "W-FRI",
    allocate: str = "spread",
) -> str:
    """Return the chart title of one choice.

    Examples
    --------
    >>> explore_title(None, "Homs", "MS", "start")
    'All event types, Homs: monthly (MS), start allocation'
    >>> explore_title("attack", "multiple")
    'attack, several governorates (multiple): weekly (W-FRI), spread allocation'
    """
    what = "All event types" if event_type is None else event_type
    if admin1 is None:
        where = "all governorates"
    elif admin1 == MULTIPLE:
        where = f"several governorates ({MULTIPLE})"
    else:
        where = admin1
    return f"{what}, {where}: {_freq_label(freq)}, {allocate} allocation"


def _freq_label(freq: str) -> str:
    """``'weekly (W-FRI)'``: the word for a frequency, then the alias."""
    word = _FREQ_WORDS.get(FREQ_ALIASES.get(freq, freq)[:1], "per period")
    return f"{word} ({freq})"


def _in_kernel() -> bool:
    """Tell whether this runs in an IPython kernel (Jupyter), without importing IPython."""
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _draw(
    events: pd.DataFrame,
    event_type: EventType | None,
    admin1: str | None,
    freq: str,
    allocate: Allocation,
    multi: Multi = "split",
) -> Figure:
    from analysis.figures.plotting import plot_counts

    counts = explore_counts(events, event_type, admin1, freq, allocate, multi)
    # Every type of the choice is drawn, a type without records as a line of zeros.
    types = [str(t) for t in counts["event_type"].unique()]
    return plot_counts(
        counts, event_type=types, title=explore_title(event_type, admin1, freq, allocate)
    )


def _figure_output(figure: Figure, title: str) -> dict[str, Any]:
    """One Output message showing ``figure`` as a PNG (whatever the matplotlib backend)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    png = base64.b64encode(buffer.getvalue()).decode("ascii")
    return {
        "output_type": "display_data",
        "data": {"image/png": png, "text/plain": f"<Figure: {title}>"},
        "metadata": {},
    }


def _labelled(values: tuple[str, ...], labels: dict[str, str] | None = None) -> list[Any]:
    return [((labels or {}).get(v, v), v) for v in values]


def _widget(
    events: pd.DataFrame,
    event_type: EventType | None,
    admin1: str | None,
    freq: str,
    allocate: Allocation,
    multi: Multi = "split",
) -> Any:
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    options = explore_options(events, multi)
    types = options["event_type"] + (
        (event_type,) if event_type and event_type not in options["event_type"] else ()
    )
    freqs = options["freq"] + ((freq,) if freq not in options["freq"] else ())
    freq_labels = {f: _freq_label(f) for f in freqs}
    layout = {"description_width": "initial"}
    controls = {
        "event_type": widgets.Dropdown(
            options=[(ALL, ALL), *_labelled(types)],
            value=event_type or ALL,
            description="Event type",
            style=layout,
        ),
        "admin1": widgets.Dropdown(
            options=[(ALL, ALL), *_labelled(options["admin1"])],
            value=admin1 or ALL,
            description="Governorate",
            style=layout,
        ),
        "freq": widgets.Dropdown(
            options=_labelled(freqs, freq_labels),
            value=freq,
            description="Frequency",
            style=layout,
        ),
        "allocate": widgets.Dropdown(
            options=_labelled(options["allocate"]),
            value=allocate,
            description="Allocation",
            style=layout,
        ),
    }
    output = widgets.Output()

    def redraw(change: object = None) -> None:
        values = {name: control.value for name, control in controls.items()}
        kind = None if values["event_type"] == ALL else values["event_type"]
        place = None if values["admin1"] == ALL else values["admin1"]
        title = explore_title(kind, place, values["freq"], values["allocate"])
        try:
            figure = _draw(events, kind, place, values["freq"], values["allocate"], multi)
        except ValueError as error:  # shown where the chart would be, not lost in a log
            output.outputs = ({"output_type": "stream", "name": "stderr", "text": f"{error}\n"},)
            return
        try:
            output.outputs = (_figure_output(figure, title),)
        finally:
            plt.close(figure)

    for control in controls.values():
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox(list(controls.values())), output])


def explore(
    events: pd.DataFrame,
    *,
    event_type: EventType | None = None,
    admin1: str | None = None,
    freq: str = "W-FRI",
    allocate: Allocation = "spread",
    multi: Multi = "split",
    interactive: bool | None = None,
) -> Any:
    """Chart counts by event type, governorate, frequency and allocation; in Jupyter, with controls.

    The input frame is not modified.  The counts are those of
    :func:`explore_counts`, drawn by :func:`analysis.figures.plotting.plot_counts`
    (one line per event type, a band between ``count_low`` and
    ``count_high``) under the title of :func:`explore_title`.

    Parameters
    ----------
    events : pandas.DataFrame
        Validated records, e.g. :func:`analysis.sources.datasets.load_badia_2024`.
    event_type : str, optional
        The type drawn first; ``None`` (default) for every type present.
    admin1 : str, optional
        The governorate drawn first (see the module notes on how ``;``-parts
        and ``multiple`` count); ``None`` (default) for all records.
    freq : str, default 'W-FRI'
        A :func:`analysis.count_events` frequency; the controls offer
        ``'D'``, ``'W-FRI'`` and ``'MS'`` (and ``freq`` if it is another).
    allocate : {'spread', 'spread_integer', 'start', 'end'}, default 'spread'
        How a record's count is placed on its window's days.
    multi : {'split', 'each', 'joint'}, default 'split'
        How a record listing several governorates counts under each, as in
        :func:`analysis.count_events`.
    interactive : bool, optional
        ``True`` for the controls, ``False`` for a static figure; ``None``
        (default) for the controls when running in an IPython kernel with
        ``ipywidgets`` installed, else the figure.

    Returns
    -------
    ipywidgets.VBox or matplotlib.figure.Figure
        Interactive: a row of dropdowns (event type, governorate, frequency,
        allocation; "All" for every type or governorate) above an ``Output``
        that redraws the chart on every change.  Each chart is rendered to a
        PNG in the ``Output`` and its figure closed, so figures do not pile
        up.  Static: the figure of the given options (not shown, not saved).

    Raises
    ------
    ValueError
        For an option outside its allowed values (the message names the
        argument and lists them).
    ImportError
        If ``interactive=True`` and ``ipywidgets`` is not installed (it comes
        with the ``notebooks`` extra).

    See Also
    --------
    explore_options : what the controls offer for a frame.
    explore_counts : the counts drawn for one choice.

    Examples
    --------
    Outside a notebook (or with ``interactive=False``) the result is a figure:

    >>> from analysis.sources.datasets import load_badia_2024
    >>> fig = explore(load_badia_2024(), event_type="attack", admin1="Homs",
    ...               freq="MS", interactive=False)
    >>> type(fig).__name__
    'Figure'
    >>> fig.axes[0].get_title(loc="left")
    'attack, Homs: monthly (MS), spread allocation'

    In JupyterLab, ``explore(load_badia_2024())`` as a cell's last line shows
    the controls.
    """
    _check_choice(events, event_type, admin1, freq, allocate, multi)
    if interactive is None:
        interactive = _in_kernel() and importlib.util.find_spec("ipywidgets") is not None
    if not interactive:
        return _draw(events, event_type, admin1, freq, allocate, multi)
    if importlib.util.find_spec("ipywidgets") is None:
        raise ImportError(
            "explore: interactive=True needs ipywidgets; "
            "install it with `pip install badia-analysis[notebooks]`"
        )
    return _widget(events, event_type, admin1, freq, allocate, multi)
