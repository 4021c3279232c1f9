"""Saving figures: :func:`save_figure`, the one function that writes figure files.

A saved figure is the same bytes on every run and on every machine:

- fixed size and resolution (:data:`analysis.figures.plotting.STYLE`), one
  font, a fixed SVG hash salt, and no date or software stamp in the files;
- what is drawn is first rounded to what the eye can see
  (:func:`round_drawn`): a fitted number that another CPU's linear algebra
  moves in its 9th significant digit draws the same coordinates, where the
  SVG, which prints six decimals of a point, would otherwise change;
- each file is written beside its final name and then renamed over it, so a
  reader never sees a file half written, and an interrupted run leaves the
  previous file in place.

Examples
--------
>>> import tempfile, pathlib
>>> from analysis.figures.plotting import new_figure
>>> with tempfile.TemporaryDirectory() as tmp:
...     [p.name for p in save_figure(new_figure(), pathlib.Path(tmp) / "empty")]
['empty.png', 'empty.svg']
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import numpy as np

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

FORMATS: Final = ("png", "svg")
"""Formats every figure is saved in."""

DRAWN_DIGITS: Final = 4
"""Significant digits that :func:`round_drawn` keeps of each axis's span (linear
axes) or of each value (log axes): a drawn point moves by at most a thousandth
of its axis, less than a pixel of the saved figures."""

Rounder = Callable[[Any], np.ndarray]
"""Rounds an array of one axis's data coordinates."""

_POW10: Final = np.array([float(10**k) for k in range(23)])  # exact in binary64


def _round_decimals(values: Any, decimals: Any) -> np.ndarray:
    """Round to ``decimals`` places, by exact powers of ten: the same bits on any machine.

    ``decimals`` may be an array (one per value) and negative (tens, hundreds).
    Values whose rounding would need a power beyond 10**22 are returned as they are.
    """
    v = np.asarray(values, dtype=float)
    d = np.broadcast_to(np.asarray(decimals, dtype=np.int64), v.shape)
    far = np.abs(d) > 22
    scale = _POW10[np.where(far, 0, np.abs(d))]
    with np.errstate(invalid="ignore", over="ignore"):
        out = np.where(d >= 0, np.rint(v * scale) / scale, np.rint(v / scale) * scale)
    return np.where(far | ~np.isfinite(v), v, out)


_DECADES: Final = np.array([float(f"1e{k}") for k in range(-300, 301)])  # parsed exactly
"""Powers of ten from 1e-300 to 1e300, as the nearest binary64 numbers."""


def _exponent(values: Any) -> np.ndarray:
    """``floor(log10(|v|))`` of each value (0 for zero and non-finite values).

    Found by comparison with :data:`_DECADES`, not by a logarithm, whose last
    bit may differ between math libraries: 1000 must be 3 on every machine.
    """
    v = np.abs(np.asarray(values, dtype=float))
    ok = np.isfinite(v) & (v > 0)
    found = np.searchsorted(_DECADES, np.where(ok, v, 1.0), side="right") - 1 - 300
    return np.where(ok, found, 0).astype(np.int64)


def _axis_rounder(axis: Axis, limits: tuple[float, float], digits: int) -> Rounder:
    """Return the rounding of one axis: by its span if linear, value by value if log."""
    if axis.get_scale() == "log":
        return lambda v: _round_decimals(v, digits - 1 - _exponent(v))
    span = abs(float(limits[1]) - float(limits[0]))
    if not np.isfinite(span) or span == 0:
        return lambda v: np.asarray(v, dtype=float)
    decimals = digits - 1 - int(_exponent(span))
    return lambda v: _round_decimals(v, decimals)


def _data_rounders(
    ax: Axes, rounders: tuple[Rounder, Rounder], coords: Any
) -> tuple[Rounder | None, Rounder | None]:
    """Rounders of the x and y coordinates given in ``coords`` (None: not data)."""
    from matplotlib.transforms import Transform

    if isinstance(coords, Transform):
        on_x, on_y = coords.contains_branch_seperately(ax.transData)
    elif isinstance(coords, str):
        on_x = on_y = coords == "data"
    elif isinstance(coords, tuple) and len(coords) == 2:
        on_x, on_y = (c == "data" for c in coords)
    else:
        on_x = on_y = False
    return (rounders[0] if on_x else None, rounders[1] if on_y else None)


def _columns(xy: Any, rx: Rounder | None, ry: Rounder | None) -> np.ndarray:
    out = np.array(xy, dtype=float, copy=True).reshape(-1, 2)
    if rx is not None:
        out[:, 0] = rx(out[:, 0])
    if ry is not None:
        out[:, 1] = ry(out[:, 1])
    return out


def _round_line(ax: Axes, rounders: tuple[Rounder, Rounder], line: Any) -> bool:
    rx, ry = _data_rounders(ax, rounders, line.get_transform())
    if rx is not None or ry is not None:
        xy = _columns(line.get_xydata(), rx, ry)
        line.set_data(xy[:, 0], xy[:, 1])
    return True


def _round_patch(ax: Axes, rounders: tuple[Rounder, Rounder], patch: Any) -> bool:
    from matplotlib.patches import Polygon, Rectangle, StepPatch

    rx, ry = _data_rounders(ax, rounders, patch.get_data_transform())
    if rx is None and ry is None:
        return True  # placed in axes or figure coordinates: nothing computed to round
    if isinstance(patch, Rectangle):
        x0, y0, x1, y1 = patch.get_bbox().extents
        if rx is not None:
            (x0, x1) = rx([x0, x1])
            patch.set_x(x0)
            patch.set_width(x1 - x0)
        if ry is not None:
            (y0, y1) = ry([y0, y1])
            patch.set_y(y0)
            patch.set_height(y1 - y0)
        return True
    if isinstance(patch, StepPatch):
        values, edges, baseline = patch.get_data()
        vertical = patch.orientation == "vertical"
        along, across = (rx, ry) if vertical else (ry, rx)
        units = (ax.xaxis if vertical else ax.yaxis).convert_units
        patch.set_data(
            values=None if across is None else across(values),
            edges=None if along is None else along(units(np.asarray(edges))),
            # the stubs say float; matplotlib takes a baseline per step too
            baseline=None if across is None or baseline is None else across(baseline),  # type: ignore[arg-type]
        )
        return True
    if isinstance(patch, Polygon):
        patch.set_xy(_columns(patch.get_xy(), rx, ry))
        return True
    return False


def _round_collection(ax: Axes, rounders: tuple[Rounder, Rounder], coll: Any) -> bool:
    rx, ry = _data_rounders(ax, rounders, coll.get_transform())
    if rx is not None or ry is not None:
        for path in coll.get_paths():
            if path.readonly:
                return False
            path.vertices = _columns(path.vertices, rx, ry)
    ox, oy = _data_rounders(ax, rounders, coll.get_offset_transform())
    if ox is not None or oy is not None:
        coll.set_offsets(_columns(coll.get_offsets(), ox, oy))
    coll.stale = True
    return True


def _round_text(ax: Axes, rounders: tuple[Rounder, Rounder], text: Any) -> bool:
    from matplotlib.text import Annotation

    if isinstance(text, Annotation):
        rx, ry = _data_rounders(ax, rounders, text.xycoords)
        if rx is not None or ry is not None:
            x, y = text.xy
            point = (ax.xaxis.convert_units(x), ax.yaxis.convert_units(y))
            text.xy = tuple(_columns([point], rx, ry)[0])
        at = text.xycoords if text.anncoords is None else text.anncoords
        rx, ry = _data_rounders(ax, rounders, at)
    else:
        rx, ry = _data_rounders(ax, rounders, text.get_transform())
    if rx is not None or ry is not None:
        text.set_position(tuple(_columns([text.get_unitless_position()], rx, ry)[0]))
    return True


def _round_image(ax: Axes, rounders: tuple[Rounder, Rounder], image: Any) -> bool:
    rx, ry = _data_rounders(ax, rounders, image.get_transform())
    left, right, bottom, top = image.get_extent()
    if rx is not None:
        left, right = rx([left, right])
    if ry is not None:
        bottom, top = ry([bottom, top])
    image.set_extent((left, right, bottom, top))
    return True


def _round_artist(ax: Axes, rounders: tuple[Rounder, Rounder], artist: Artist) -> bool:
    """Round one artist of ``ax`` in place; False if it has data it cannot round."""
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    handlers: tuple[tuple[type, Callable[..., bool]], ...] = (
        (Line2D, _round_line),
        (Patch, _round_patch),
        (Collection, _round_collection),
        (Text, _round_text),
        (AxesImage, _round_image),
    )
    for kind, handler in handlers:
        if isinstance(artist, kind):
            return handler(ax, rounders, artist)
    rx, ry = _data_rounders(ax, rounders, artist.get_transform())
    return rx is None and ry is None


def _round_limits(ax: Axes, digits: int) -> tuple[Rounder, Rounder]:
    """Fix the axes' limits (autoscaled from the data as drawn), rounded; return the rounders."""
    from matplotlib.ticker import FixedLocator

    rounders = []
    for axis, get, set_ in (
        (ax.xaxis, ax.get_xlim, ax.set_xlim),
        (ax.yaxis, ax.get_ylim, ax.set_ylim),
    ):
        limits = get()  # autoscales first, from the data as given
        rounder = _axis_rounder(axis, limits, digits)
        low, high = rounder(np.asarray(limits, dtype=float))
        if np.isfinite([low, high]).all() and low != high:
            set_(low, high, auto=None)  # autoscaling stays as it was
        for locator in (axis.get_major_locator(), axis.get_minor_locator()):
            if isinstance(locator, FixedLocator):
                # ``locs`` is FixedLocator's own attribute, missing from the stubs
                locator.locs = rounder(locator.locs)  # type: ignore[attr-defined]
        rounders.append(rounder)
    return rounders[0], rounders[1]


def round_drawn(fig: Figure, digits: int = DRAWN_DIGITS) -> list[Artist]:
    """Round, in place, every coordinate a figure draws to what the eye can see.

    First each Axes' limits are fixed at their autoscaled values, rounded;
    then every line, patch, collection, text, annotation and image drawn in
    data coordinates is rounded the same way.  On a linear axis a coordinate
    becomes a multiple of the power of ten that keeps ``digits`` significant
    digits of the axis's span (a date axis of four years: whole days; of
    three weeks: hundredths of a day), never of the value itself, which on a
    date axis would move points by days; on a log axis, ``digits`` significant
    digits of each value.  A number changed by the last digits of a
    computation (another CPU's linear algebra) draws the same coordinates,
    unless it sits within that noise of a rounding boundary.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        Modified in place: its axes no longer autoscale afterwards.
    digits : int, default DRAWN_DIGITS
        Significant digits kept of each axis's span (log axes: of each value).

    Returns
    -------
    list of matplotlib.artist.Artist
        Artists with data coordinates that this function cannot round (kinds
        other than those above), drawn as they are; empty for every figure
        of the registry.

    Examples
    --------
    >>> from analysis.figures.plotting import new_figure
    >>> fig = new_figure()
    >>> line, = fig.axes[0].plot([0.0, 1.0, 2.0], [10.0, 10.123456789, 20.0])
    >>> round_drawn(fig)
    []
    >>> line.get_ydata().tolist()
    [10.0, 10.12, 20.0]
    """
    from matplotlib.axes import Axes

    unrounded: list[Artist] = []
    axes = [a for a in fig.findobj(Axes) if isinstance(a, Axes)]
    rounders = {id(ax): _round_limits(ax, digits) for ax in axes}
    for ax in axes:
        drawn = [*ax.lines, *ax.patches, *ax.collections, *ax.texts, *ax.images, *ax.artists]
        unrounded += [a for a in drawn if not _round_artist(ax, rounders[id(ax)], a)]
    return unrounded


def _restart_layout(fig: Figure) -> None:
    """Put every Axes of a laid-out figure back in its grid cell before the layout runs.

    Constrained layout starts from where the Axes stand, and where they stand
    decides (a little) what it finds: tick labels are chosen for an axis's
    length.  Started from the same place, every save of a figure lays it out
    the same, to the last digit the SVG prints.
    """
    if fig.get_layout_engine() is None:
        return
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is not None:
            # the private setter keeps the Axes in the layout (set_position takes it out)
            ax._set_position(spec.get_position(fig), which="both")  # type: ignore[attr-defined]


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Any]:
    """Write to a temporary file beside ``path``, then rename it over ``path``."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def save_figure(fig: Figure, stem: str | Path, formats: Sequence[str] = FORMATS) -> list[Path]:
    """Save a figure byte-stably: the one function that writes figure files.

    What the figure draws is rounded first (:func:`round_drawn`, in place),
    and each file is written whole: to a temporary file in the same folder,
    then renamed over the final name.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure.  Its drawn coordinates are rounded in place.
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
    unknown = [ext for ext in formats if ext not in metadata]
    if unknown:
        raise ValueError(f"save_figure: format {unknown[0]!r} is not one of {list(metadata)}")
    stem = stem if isinstance(stem, Path) else Path(stem)  # keeps config's own Path class
    stem.parent.mkdir(parents=True, exist_ok=True)
    written = []
    with figure_style():
        round_drawn(fig)
        _restart_layout(fig)
        for ext in formats:
            path = stem.with_name(f"{stem.name}.{ext}")
            with _replacing(path) as out:
                fig.savefig(out, format=ext, metadata=metadata[ext])
            written.append(path)
    return written
