"""Labels beside points that neither overlap one another nor cover a point.

:func:`label_points` gives each of an axes' labels one of a fixed list of
positions around its point, tried in a fixed order, and keeps the first
where the label stays inside the axes and covers no label placed before it,
no point of the axes' scatter plots and no legend drawn inside the axes; a
label placed away from its point gets a thin leader line to it.  Labels are
placed in order of priority (the caller's: the places most records name
first), so the most important take the nearest positions.  A label with no
free position is not drawn, and its name is added to the note given for it
(or to the axes' title when there is no note), never drawn over another.

Why not an iterative layout (adjustText and the like): those move labels by
small repulsions until they settle, so where a label ends up is a
floating-point result that can differ in its last digits between machines
and move when one unrelated point moves.  Here a label is in one of a few
positions or not drawn at all: the same figure gives the same choice, and
what a reader sees is stable when the data change a little.

The positions are chosen when the figure is drawn, from the extents of the
texts as rendered, after the layout engine has placed the axes and the
axes has set its aspect: a figure resized, given a source line or saved at
another resolution is laid out again for what it is.

Examples
--------
>>> from analysis.figures.plotting import new_figure
>>> fig = new_figure()
>>> ax = fig.axes[0]
>>> _ = ax.scatter([0.0, 0.01], [0.0, 0.0], s=20)
>>> placer = label_points(ax, ["one", "two"], [0.0, 0.01], [0.0, 0.0])
>>> fig.draw_without_rendering()
>>> placer.unplaced
[]
>>> a, b = (Text.get_window_extent(t) for t in placer.labels)
>>> bool(a.overlaps(b))
False
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import numpy as np
from matplotlib.artist import Artist
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Bbox

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.text import Annotation

_C45: Final = 0.7071067811865476  # cos 45°, written out: the same on every machine
_C22: Final = 0.9238795325112867  # cos 22.5°
_S22: Final = 0.3826834323650898  # sin 22.5°

DIRECTIONS: Final[tuple[tuple[float, float], ...]] = (
    (1.0, 0.0),
    (-1.0, 0.0),
    (_C45, _C45),
    (-_C45, _C45),
    (_C45, -_C45),
    (-_C45, -_C45),
    (0.0, 1.0),
    (0.0, -1.0),
)
"""Where a label goes around its point, in the order tried: right, left, the
four diagonals (above first), above, below.  Long horizontal labels fit
best beside their point."""

MORE_DIRECTIONS: Final[tuple[tuple[float, float], ...]] = (
    (_C22, _S22),
    (-_C22, _S22),
    (_C22, -_S22),
    (-_C22, -_S22),
    (_S22, _C22),
    (-_S22, _C22),
    (_S22, -_C22),
    (-_S22, -_C22),
)
"""The directions between those, tried too once a label is away from its point."""

RINGS: Final[tuple[float, ...]] = (0.0, 8.0, 16.0, 28.0, 42.0, 60.0, 80.0, 105.0, 130.0)
"""Distances in points, beyond the point's marker, at which the directions are
tried; a label on any ring but the first gets a leader line to its point."""

LEADER: Final[dict[str, Any]] = {
    "arrowstyle": "-",
    "color": "#888888",
    "lw": 0.5,
    "shrinkA": 0.5,
    "shrinkB": 2.0,
}
"""The leader line from a label set away from its point (hidden for the others)."""

_HA: Final[dict[int, Literal["left", "center", "right"]]] = {1: "left", 0: "center", -1: "right"}
_VA: Final[dict[int, Literal["bottom", "center", "top"]]] = {1: "bottom", 0: "center", -1: "top"}

PASSES: Final = 4
"""Placements tried at most: the labels left out by one go first in the next."""

PAD: Final = 1.5
"""Points of free space kept around every label."""


class LabelPlacer(Artist):
    """An artist that draws nothing and places its axes' labels before they are drawn.

    Created by :func:`label_points`; see there.  Its ``zorder`` is below
    every other artist of the axes, so it runs first when the axes draws.

    Attributes
    ----------
    labels : list of matplotlib.text.Annotation
        The labels, in order of priority.
    names : list of str
        How the note names each label.
    unplaced : list of str
        Names of the labels that had no free position at the last draw (not
        drawn).
    """

    def __init__(
        self,
        ax: Axes,
        labels: Sequence[Annotation],
        note: Text | None = None,
        names: Sequence[str] | None = None,
        note_prefix: str = "Not labelled for lack of room: ",
        directions: Sequence[tuple[float, float]] | None = None,
        walls: Sequence[float] = (),
    ) -> None:
        super().__init__()
        self.set_zorder(-1e6)
        self.set_in_layout(False)
        self.labels = list(labels)
        self.names = [t.get_text() for t in self.labels] if names is None else list(names)
        self.unplaced: list[str] = []
        self._ax = ax
        self._note = note
        self._note_text = note.get_text() if note is not None else ""
        self._note_prefix = note_prefix
        self._directions = tuple(directions) if directions is not None else None
        self._walls = tuple(walls)
        for label in self.labels:
            label.set_in_layout(False)  # always inside the axes once placed
            label.set_annotation_clip(False)

    def draw(self, renderer: RendererBase) -> None:
        """Place the labels (nothing is drawn)."""
        if not self.get_visible():
            return
        hidden = _place(self._ax, self.labels, renderer, self._directions, self._walls)
        self.unplaced = [self.names[i] for i in hidden]
        if self._note is not None:
            extra = self._note_prefix + ", ".join(self.unplaced) if self.unplaced else ""
            joined = "; ".join(t for t in (self._note_text, extra) if t)
            self._note.set_text(joined)
        self.stale = False


def label_points(
    ax: Axes,
    texts: Sequence[str],
    x: Sequence[float] | np.ndarray,
    y: Sequence[float] | np.ndarray,
    *,
    note: Text | None = None,
    names: Sequence[str] | None = None,
    directions: Sequence[tuple[float, float]] | None = None,
    walls: Sequence[float] = (),
    **text_kw: Any,
) -> LabelPlacer:
    """Label points so that no label overlaps another, a point or a legend inside the axes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes of the points, whose scatter plots
        (:class:`matplotlib.collections.PathCollection`) the labels must not cover.
    texts : sequence of str
        One label per point, in order of priority (the first gets the best
        position).
    x, y : sequence of float
        The points, in data coordinates.
    note : matplotlib.text.Text, optional
        A text to which the labels left out for lack of room are added when
        the figure is drawn ("Not labelled for lack of room: ...").
    names : sequence of str, optional
        How the note names each label (default: its text).
    directions : sequence of (float, float), optional
        Unit vectors of the positions to try around a point, in order
        (default: :data:`DIRECTIONS`, then :data:`MORE_DIRECTIONS` away from it).
    walls : sequence of float
        x positions (data) of vertical lines that no label may cross.
    **text_kw
        Passed to each :class:`matplotlib.text.Annotation` (``fontsize``, ...).

    Returns
    -------
    LabelPlacer
        The artist added to ``ax`` that places the labels at every draw; its
        ``labels`` are the annotations.
    """
    names = list(texts if names is None else names)
    if not len(texts) == len(x) == len(y) == len(names):
        raise ValueError(
            f"label_points: {len(texts)} texts and {len(names)} names for {len(x)} x and "
            f"{len(y)} y coordinates"
        )
    labels = []
    for text, xi, yi in zip(texts, x, y, strict=True):
        label = ax.annotate(
            text,
            (float(xi), float(yi)),
            xytext=(0.0, 0.0),
            textcoords="offset points",
            arrowprops=LEADER,
            **text_kw,
        )
        labels.append(label)
    placer = LabelPlacer(ax, labels, note, names, directions=directions, walls=walls)
    ax.add_artist(placer)
    return placer


def _marker_circles(ax: Axes) -> np.ndarray:
    """Every scatter marker of ``ax`` as (x, y, radius) in display units."""
    from matplotlib.collections import PathCollection

    to_pixels = ax.get_figure(root=True).dpi / 72.0  # type: ignore[union-attr]
    rows: list[np.ndarray] = []
    for coll in ax.collections:
        if not isinstance(coll, PathCollection) or not coll.get_visible():
            continue
        offsets = np.asarray(coll.get_offsets(), dtype=float).reshape(-1, 2)
        if not len(offsets):
            continue
        xy = coll.get_offset_transform().transform(offsets)
        sizes = np.broadcast_to(np.asarray(coll.get_sizes(), dtype=float), (len(xy),))
        edge = float(np.max(np.atleast_1d(coll.get_linewidth()))) / 2
        radius = (np.sqrt(sizes) / 2 + edge) * to_pixels
        rows.append(np.column_stack([xy, radius]))
    return np.vstack(rows) if rows else np.empty((0, 3))


def _hits_circle(box: Bbox, circles: np.ndarray) -> np.ndarray:
    """For each circle, whether it reaches into ``box``."""
    if not len(circles):
        return np.zeros(0, dtype=bool)
    nearest_x = np.clip(circles[:, 0], box.x0, box.x1)
    nearest_y = np.clip(circles[:, 1], box.y0, box.y1)
    return np.hypot(circles[:, 0] - nearest_x, circles[:, 1] - nearest_y) < circles[:, 2]


def _side(direction: tuple[float, float]) -> tuple[int, int]:
    """Which side of the offset point the label lies on: -1, 0 (centred) or 1, per axis."""
    return (
        int(np.sign(direction[0])) if abs(direction[0]) > 0.3 else 0,
        int(np.sign(direction[1])) if abs(direction[1]) > 0.3 else 0,
    )


def _box(
    anchor: np.ndarray, size: tuple[float, float], offset: np.ndarray, side: tuple[int, int]
) -> Bbox:
    """Return the bbox of a label of ``size`` placed at ``anchor + offset`` on ``side``."""
    width, height = size
    x = anchor[0] + offset[0] - {1: 0.0, 0: width / 2, -1: width}[side[0]]
    y = anchor[1] + offset[1] - {1: 0.0, 0: height / 2, -1: height}[side[1]]
    return Bbox.from_bounds(x, y, width, height)


def _place(
    ax: Axes,
    labels: Sequence[Annotation],
    renderer: RendererBase,
    directions: tuple[tuple[float, float], ...] | None = None,
    walls: tuple[float, ...] = (),
) -> list[int]:
    """Set each label's offset (or hide it); return the positions of the hidden ones.

    Labels are placed in their order of priority; if some find no room, the
    placement is tried again with those first (up to :data:`PASSES` times),
    and the pass that leaves out the fewest is kept (the earliest of equals).
    """
    fig = ax.get_figure(root=True)
    to_pixels = fig.dpi / 72.0  # type: ignore[union-attr]
    pad = PAD * to_pixels
    frame = ax.get_window_extent(renderer)
    circles = _marker_circles(ax)
    fixed: list[Bbox] = []
    legend = ax.get_legend()
    if legend is not None and legend.get_visible():
        box = legend.get_window_extent(renderer)
        if box.overlaps(frame):
            fixed.append(box)
    wall_x = [float(ax.transData.transform((w, 0.0))[0]) for w in walls]
    anchors = [ax.transData.transform(np.asarray(t.xy, dtype=float)) for t in labels]
    sizes = []
    for label in labels:
        label.set_rotation(0)
        extent = Text.get_window_extent(label, renderer)
        sizes.append((extent.width, extent.height))
    reaches = []
    others = []  # the markers each label must keep clear of: all but its own
    for anchor in anchors:
        own = _nearest(circles, anchor)
        reaches.append((circles[own, 2] if own is not None else 0.0) + pad)
        others.append(circles if own is None else np.delete(circles, own, axis=0))

    def attempt(order: list[int]) -> dict[int, tuple[np.ndarray, tuple[int, int], int] | None]:
        blocked = list(fixed)
        leaders: list[Path] = []
        chosen: dict[int, tuple[np.ndarray, tuple[int, int], int] | None] = {}
        for i in order:
            pick = _choose(
                anchors[i],
                sizes[i],
                reaches[i],
                to_pixels,
                pad,
                frame,
                others[i],
                blocked,
                leaders,
                directions,
                wall_x,
            )
            chosen[i] = pick
            if pick is None:
                continue
            offset, side, ring = pick
            box = _box(anchors[i], sizes[i], offset, side)
            blocked.append(box.padded(pad))
            if ring > 0:
                leaders.append(_leader_path(anchors[i], box))
        return chosen

    order = list(range(len(labels)))
    best = attempt(order)
    for _ in range(PASSES - 1):
        failed = [i for i in order if best[i] is None]
        if not failed:
            break
        order = failed + [i for i in order if i not in failed]
        again = attempt(order)
        if sum(v is None for v in again.values()) < sum(v is None for v in best.values()):
            best = again
    unplaced = []
    for i, label in enumerate(labels):
        pick = best[i]
        label.set_visible(pick is not None)
        if pick is None:
            unplaced.append(i)
            continue
        offset, side, ring = pick
        label.xyann = tuple(offset / to_pixels)
        label.set_anncoords("offset points")
        label.set_horizontalalignment(_HA[side[0]])
        label.set_verticalalignment(_VA[side[1]])
        if label.arrow_patch is not None:
            label.arrow_patch.set_visible(ring > 0)
    return unplaced


def _nearest(circles: np.ndarray, anchor: np.ndarray) -> int | None:
    if not len(circles):
        return None
    distance = np.hypot(circles[:, 0] - anchor[0], circles[:, 1] - anchor[1])
    i = int(np.argmin(distance))
    return i if distance[i] < 0.5 else None


def _choose(
    anchor: np.ndarray,
    size: tuple[float, float],
    reach: float,
    to_pixels: float,
    pad: float,
    frame: Bbox,
    circles: np.ndarray,
    blocked: list[Bbox],
    leaders: list[Path],
    directions: tuple[tuple[float, float], ...] | None,
    walls: list[float],
) -> tuple[np.ndarray, tuple[int, int], int] | None:
    """Return the first free (offset, side, ring) for a label, or None."""
    for ring, extra in enumerate(RINGS):
        distance = reach + extra * to_pixels
        if directions is not None:
            tried = directions
        else:
            tried = DIRECTIONS if ring == 0 else DIRECTIONS + MORE_DIRECTIONS
        for direction in tried:
            offset = distance * np.asarray(direction)
            side = _side(direction)
            box = _box(anchor, size, offset, side)
            if not _inside(box, frame, pad):
                continue
            padded = box.padded(pad)
            if any(padded.x0 < x < padded.x1 for x in walls):
                continue
            if any(padded.overlaps(other) for other in blocked):
                continue
            if _hits_circle(padded, circles).any():
                continue
            if any(leader.intersects_bbox(padded, filled=True) for leader in leaders):
                continue
            if ring > 0 and _leader_crosses(anchor, box, blocked, circles):
                continue
            return offset, side, ring
    return None


def _inside(box: Bbox, frame: Bbox, pad: float) -> bool:
    return bool(
        box.x0 >= frame.x0 + pad
        and box.x1 <= frame.x1 - pad
        and box.y0 >= frame.y0 + pad
        and box.y1 <= frame.y1 - pad
    )


def _leader_path(anchor: np.ndarray, box: Bbox) -> Path:
    """Return the leader from a point to the middle of its label (drawn up to its edge)."""
    return Path(np.vstack([anchor, [(box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2]]))


def _leader_crosses(
    anchor: np.ndarray, box: Bbox, blocked: list[Bbox], circles: np.ndarray
) -> bool:
    """Whether the leader from the point to the label crosses a placed label or another point."""
    segment = _leader_path(anchor, box)
    if any(segment.intersects_bbox(other, filled=True) for other in blocked):
        return True
    if not len(circles):
        return False
    start, end = np.asarray(segment.vertices, dtype=float)
    along = end - start
    length2 = float(along @ along) or 1.0
    centres = circles[:, :2]
    t = np.clip((centres - start) @ along / length2, 0.0, 1.0)
    distance = np.hypot(*(centres - (start + t[:, None] * along)).T)
    others = np.hypot(*(centres - start).T) > 0.5  # not the label's own point
    return bool((others & (distance < circles[:, 2])).any())
