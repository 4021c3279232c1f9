"""Helpers shared by the readers of outside data sets (UCDP GED, ACLED).

Private: the public readers are :func:`analysis.sources.ucdp.read_ucdp_ged` and
:func:`analysis.sources.acled.read_acled`.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import pandas as pd

from analysis.records.validating import EventValidationError, Validated, validate_events

Errors = Literal["raise", "reject"]


class LayoutError(ValueError):
    """A file whose columns are not the layout a reader expects.

    The message names the file, the layout(s) tried and the missing columns.
    """


def read_text(path: str | Path) -> str:
    """Return a text file's contents, gunzipped if its name ends in ``.gz``."""
    path = Path(path)
    if path.name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as fh:
            return fh.read()
    return path.read_text(encoding="utf-8-sig")


def read_raw_csv(path: str | Path) -> tuple[pd.DataFrame, list[int]]:
    """Read a CSV file as strings, with the 1-based line where each record starts.

    Nothing is converted: empty cells are ``""``, so a reader sees every value
    exactly as written.

    Parameters
    ----------
    path : str or pathlib.Path
        A CSV file, optionally gzipped (``.gz``).

    Returns
    -------
    frame : pandas.DataFrame
        All columns as strings.
    lines : list of int
        The line on which each data record starts (quoted fields may span lines).
    """
    text = read_text(path)
    try:  # pyarrow's parser first (several times faster); pandas' own where it refuses
        frame = pd.read_csv(
            io.BytesIO(text.encode("utf-8")), dtype=str, keep_default_na=False, engine="pyarrow"
        )
    except (pd.errors.ParserError, ValueError):
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    bare_cr = "\r" in text and text.count("\r") != text.count("\r\n")
    if not bare_cr and text.count("\n") == len(frame) + text.endswith("\n"):
        # one line per record (no line break inside a field, no blank line)
        return frame, list(range(2, len(frame) + 2))
    reader = csv.reader(io.StringIO(text))
    lines: list[int] = []
    previous_end = 0
    for i, _ in enumerate(reader):
        if i > 0:
            lines.append(previous_end + 1)
        previous_end = reader.line_num
    return frame, lines[: len(frame)]


def missing_columns(columns: Sequence[str], required: Sequence[str]) -> list[str]:
    """Return the required columns that ``columns`` lacks, in the required order."""
    have = set(columns)
    return [c for c in required if c not in have]


def finish(
    frame: pd.DataFrame, *, source: str | Path, lines: list[int] | None, errors: Errors
) -> pd.DataFrame | Validated:
    """Validate a reader's canonical frame; raise on rejects or return them.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per input row, schema columns plus any reader extras.
    source : str or pathlib.Path
        The file the rows came from (named in every problem).
    lines : list of int, optional
        The 1-based line of each row.
    errors : {'raise', 'reject'}
        ``raise``: return the events, or raise :class:`EventValidationError`
        listing every problem if any row is invalid.  ``reject``: return the
        :class:`~analysis.records.validating.Validated` triple.
    """
    if errors not in ("raise", "reject"):
        raise ValueError(f"errors must be 'raise' or 'reject', not {errors!r}")
    checked = validate_events(frame, source=str(source), line_numbers=lines)
    assert len(checked.events) + len(checked.rejects) == len(frame)
    if errors == "reject":
        return checked
    if len(checked.rejects):
        raise EventValidationError(checked.problems, len(frame))
    return checked.events
