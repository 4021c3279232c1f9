"""Load event records from CSV, Parquet or a frame, validated against the schema.

Examples
--------
>>> from analysis.records.loading import load_events
>>> import pandas as pd
>>> events = load_events(pd.DataFrame({
...     "event_id": ["B24-061"], "event_type": ["airstrike"],
...     "date_start": ["2024-10-03"], "date_end": ["2024-10-06"],
...     "count": ["31"], "count_low": ["31"], "count_high": [""]}))
>>> events.loc[0, "date_end"] - events.loc[0, "date_start"]
Timedelta('3 days 00:00:00')
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal, overload

import pandas as pd

from analysis.records.reading import FileFormatError, RecordLines, read_raw_csv
from analysis.records.validating import EventValidationError, Validated, validate_events

CSV_SUFFIXES = (".csv", ".csv.gz", ".csv.bz2", ".csv.zip", ".csv.xz")
PARQUET_SUFFIXES = (".parquet", ".pq")


def read_raw(path: str | Path) -> tuple[pd.DataFrame, RecordLines | None]:
    """Read a file of records as it is, without parsing or checking values.

    CSV is read as UTF-8 (with or without a byte-order mark) with every value
    kept as text, so that validation can report a value that does not parse
    (:func:`analysis.records.reading.read_raw_csv`).

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` (optionally compressed) or ``.parquet`` file.

    Returns
    -------
    frame : pandas.DataFrame
        The file's rows; CSV cells as strings, ``""`` for an empty cell.
    lines : RecordLines or None
        For CSV, the line on which each row starts and the rows with the
        wrong number of fields.

    Raises
    ------
    FileFormatError
        If the file cannot be read: not UTF-8, empty, a damaged compressed or
        Parquet file, an unclosed quote, a duplicated column, another delimiter.
    ValueError
        If the suffix is not supported.
    """
    path = Path(path)
    name = path.name.lower()
    if name.endswith(PARQUET_SUFFIXES):
        try:
            return pd.read_parquet(path), None
        except (OSError, ValueError) as err:
            raise FileFormatError(f"{path}: not a readable Parquet file: {err}") from err
    if not name.endswith(CSV_SUFFIXES):
        supported = ", ".join(CSV_SUFFIXES + PARQUET_SUFFIXES)
        raise ValueError(f"{path}: unsupported file type; expected one of {supported}")
    return read_raw_csv(path)


@overload
def load_events(
    source: str | Path | pd.DataFrame, *, errors: Literal["raise"] = ...
) -> pd.DataFrame: ...
@overload
def load_events(source: str | Path | pd.DataFrame, *, errors: Literal["reject"]) -> Validated: ...
def load_events(
    source: str | Path | pd.DataFrame, *, errors: Literal["raise", "reject"] = "raise"
) -> pd.DataFrame | Validated:
    """Read event records and validate them against the schema.

    Parameters
    ----------
    source : str, pathlib.Path or pandas.DataFrame
        A CSV file (UTF-8, with or without BOM; ``.csv.gz`` too), a Parquet
        file, or a frame of records.  A frame is not modified.  Dates may be a
        year or a month in ``date_start``/``date_end`` (a window: see
        :mod:`analysis.records.dates`).
    errors : {'raise', 'reject'}, default 'raise'
        ``'raise'``: any problem raises one :class:`EventValidationError`
        listing every bad row.  ``'reject'``: return the valid records and a
        table of rejected rows, which together hold every input row.

    Returns
    -------
    pandas.DataFrame or Validated
        With ``errors='raise'``, the validated records in canonical types and
        column order (see :mod:`analysis.records.schema`).  With ``errors='reject'``, a
        :class:`Validated` ``(events, rejects, problems)``.

    Raises
    ------
    EventValidationError
        With ``errors='raise'``, if any row breaks a rule; always, if a
        required column is missing.
    FileFormatError
        If the file cannot be read at all (see :func:`read_raw`); the message
        names the file.
    ValueError
        If the file type is not supported or ``errors`` is unknown.

    See Also
    --------
    analysis.validate_events : the rules and the rejects table.
    analysis.count_events : counts per day, week or month.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({
    ...     "event_id": ["a", "b"], "event_type": ["attack", "attack"],
    ...     "date_start": ["2024-01-09", "not a date"],
    ...     "date_end": ["2024-01-09", "2024-01-10"], "count": ["1", "1"]})
    >>> events, rejects, problems = load_events(raw, errors="reject")
    >>> len(events), len(rejects)
    (1, 1)
    >>> rejects.loc[0, "problems"]
    'date_start: date_unparseable'
    """
    if errors not in ("raise", "reject"):
        raise ValueError(f"errors must be 'raise' or 'reject', not {errors!r}")
    lines = None
    if isinstance(source, pd.DataFrame):
        raw, name = source, None
    else:
        (raw, lines), name = read_raw(source), str(source)
    result = validate_events(
        raw,
        source=name,
        line_numbers=lines,
        reading_problems=None if lines is None else lines.problems,
    )
    if errors == "reject":
        return result
    if len(result.problems):
        raise EventValidationError(result.problems, len(raw))
    return result.events
