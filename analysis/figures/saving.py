"""Saving figures: :func:`save_figure`, the one function that writes figure files.

Files are byte for byte the same on every run: fixed size and resolution
(:data:`analysis.figures.plotting.STYLE`), one font, a fixed SVG hash salt,
and no date or software stamp in the files.

Examples
--------
>>> import tempfile, pathlib
>>> from analysis.figures.plotting import new_figure
>>> with tempfile.TemporaryDirectory() as tmp:
...     [p.name for p in save_figure(new_figure(), pathlib.Path(tmp) / "empty")]
['empty.png', 'empty.svg']
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from matplotlib.figure import Figure

FORMATS: Final = ("png", "svg")
"""Formats every figure is saved in."""


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
