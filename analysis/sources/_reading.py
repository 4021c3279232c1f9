"""Column-at-a-time helpers the source readers share (private).

The readers of outside files (:mod:`analysis.sources.acled`,
:mod:`analysis.sources.ucdp`) check each file against the rules of its own
layout and build canonical records a whole column at a time: regular
expressions run in Arrow's RE2 engine over a column, dates are parsed per
column with known formats (other formats only for the rows that fail), and
every problem names the file's own column.  The records they build have the
types and column order :func:`analysis.records.validating.validate_events`
gives (a test checks that validating them changes nothing).

Examples
--------
>>> import re
>>> first_match(re.compile("b+"), pd.Series(["abb", "cc"])).tolist()
[1, -1]
>>> parse_dates(pd.Series(["2024-03-15", "15 March 2024", "soon"]),
...             ("%Y-%m-%d", "%d %B %Y")).dt.strftime("%Y-%m-%d").tolist()
['2024-03-15', '2024-03-15', nan]
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.records.schema import (
    BOOLEAN_COLUMNS,
    COLUMN_ORDER,
    COLUMNS,
    DATE_COLUMNS,
    DATE_PRECISIONS,
    EVENT_TYPES,
    STRING_COLUMNS,
)
from analysis.records.validating import RULES, EventValidationError, Validated
from analysis.sources.provenance import Coverage

PROBLEM_COLUMNS = ("file", "line", "row", "column", "value", "rule", "message")
"""The columns of a problems table, as :class:`~analysis.records.validating.Validated` has them."""


def span_coverage(first: Any, last: Any, source: str | Path, what: str) -> Coverage | None:
    """Return the span a source file covers, from its earliest to its latest date (inclusive).

    A period inside it with no events is a zero; outside it the file says
    nothing.  None for a file with no readable date.

    Examples
    --------
    >>> span = span_coverage(pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-03"), "a.csv", "")
    >>> str(span)
    '2024-03-01..2024-03-03 (declared for a.csv)'
    >>> span_coverage(pd.NaT, pd.NaT, "a.csv", "") is None
    True
    """
    if pd.isna(first) or pd.isna(last):
        return None
    return Coverage(pd.Timestamp(first).date(), pd.Timestamp(last).date(), what, Path(source))


@dataclass(frozen=True)
class SourceRecords:
    """A source file read into records, with what it covers and what it rejected.

    Attributes
    ----------
    events : pandas.DataFrame
        Valid records in the canonical types and column order, the reader's
        extra columns after them.
    rejects : pandas.DataFrame
        Rejected rows as read, with ``row`` (0-based), ``line`` (1-based line
        in the file) and ``problems``.
    problems : pandas.DataFrame
        One row per problem: ``file``, ``line``, ``row``, ``column`` (the
        file's own column), ``value``, ``rule``, ``message``.
    coverage : analysis.Coverage or None
        The file's own span: earliest..latest event date of its rows (not of
        the records' windows, which may reach beyond it); None where no row
        has a readable date.  ``count_events(..., coverage=...)`` takes it.
    layout : str
        The layout the file was read as.
    rows : int
        Data rows in the file.
    merged : int
        Rows folded into another row's record (the second row of a
        two-actor event in a monadic ACLED export); ``len(events) +
        len(rejects) + merged == rows``.
    """

    events: pd.DataFrame
    rejects: pd.DataFrame
    problems: pd.DataFrame
    coverage: Coverage | None
    layout: str
    rows: int
    merged: int = 0

    def validated(self) -> Validated:
        """Return ``(events, rejects, problems)`` as a :class:`Validated`."""
        return Validated(self.events, self.rejects, self.problems)

    def events_or_raise(self) -> pd.DataFrame:
        """Return the events, or raise one error listing every problem.

        Raises
        ------
        analysis.records.validating.EventValidationError
            If any row was rejected.
        """
        if len(self.rejects):
            raise EventValidationError(self.problems, self.rows - self.merged)
        return self.events


def arrow_strings(values: pd.Series | pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """Return a column of strings as an Arrow array (no copy where it is one already)."""
    if isinstance(values, (pa.Array, pa.ChunkedArray)):
        return values
    if isinstance(values.dtype, (pd.StringDtype, pd.ArrowDtype)):
        return pa.array(values)
    return pa.array(values.astype("str"))


def first_match(
    pattern: re.Pattern[str], values: pd.Series | pa.Array | pa.ChunkedArray
) -> np.ndarray:
    """Return where ``pattern`` first matches in each string (-1 where it does not).

    The pattern runs in Arrow's RE2 engine, a whole column at a time; the
    offset is in UTF-8 bytes, so offsets compare correctly within one string.
    Missing values never match.

    Parameters
    ----------
    pattern : re.Pattern
        A pattern in the common subset of Python's and RE2's syntax (no
        look-around, no back-references); ``re.IGNORECASE`` is honoured.
    values : pandas.Series or pyarrow.Array
        Strings.

    Returns
    -------
    numpy.ndarray
        int64 offsets, -1 where there is no match.
    """
    if not len(values):
        return np.empty(0, dtype=np.int64)
    found = pc.find_substring_regex(
        arrow_strings(values), pattern=pattern.pattern, ignore_case=bool(pattern.flags & re.I)
    )
    return np.asarray(pc.fill_null(found, -1), dtype=np.int64)


def matches(pattern: re.Pattern[str], values: pd.Series) -> np.ndarray:
    """Return whether ``pattern`` matches somewhere in each string (False for missing)."""
    return first_match(pattern, values) >= 0


def matches_names(pattern: re.Pattern[str], values: pd.Series) -> np.ndarray:
    """Like :func:`matches`, for a column of few distinct values (names): each is searched once.

    Examples
    --------
    >>> matches_names(re.compile("^Is"), pd.Series(["Islamic State", "Civilians"] * 2)).tolist()
    [True, False, True, False]
    """
    codes, uniques = pd.factorize(values.fillna("").astype("str"))
    found = matches(pattern, stripped(pd.Series(uniques, dtype="str")))
    return found[codes]


def remove_matches(pattern: re.Pattern[str], values: pd.Series) -> pd.Series:
    """Return the strings with every match of ``pattern`` taken out."""
    flags = "(?i)" if pattern.flags & re.I else ""
    out = pc.replace_substring_regex(
        arrow_strings(values), pattern=flags + pattern.pattern, replacement=""
    )
    return pd.Series(pd.arrays.ArrowStringArray(out), index=values.index)


def stripped(values: pd.Series) -> pd.Series:
    """Return the strings without surrounding white space, missing values as ``""``."""
    return values.fillna("").astype("str").str.strip()


def parse_dates(values: pd.Series, formats: Sequence[str]) -> pd.Series:
    """Parse a column of dates with known formats, trying each only on the rows still unparsed.

    The format of the first value goes first, so a file in one format is
    parsed in one vectorised pass; other formats run only on the rows that
    failed.  Values are stripped; a blank or unparseable value gives ``NaT``.

    Parameters
    ----------
    values : pandas.Series
        Dates as written.
    formats : sequence of str
        ``strftime`` formats, in the order to try them.

    Returns
    -------
    pandas.Series
        ``datetime64[ns]`` days, ``NaT`` where no format fits.
    """
    codes, uniques = pd.factorize(values.fillna("").astype("str"))  # a file has few days
    text = stripped(pd.Series(uniques, dtype="str"))
    out = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[ns]")
    todo = np.array(text != "", dtype=bool)
    if todo.any():
        first = text[todo].iloc[0]
        formats = sorted(formats, key=lambda f: not _fits(first, f))
    for fmt in formats:
        if not todo.any():
            break
        rows = np.flatnonzero(todo)
        parsed = pd.to_datetime(text.iloc[rows], format=fmt, errors="coerce")
        ok = parsed.notna().to_numpy()
        out[rows[ok]] = parsed.to_numpy(dtype="datetime64[ns]")[ok]
        todo[rows[ok]] = False
    days = out.astype("datetime64[D]").astype("datetime64[ns]")
    return pd.Series(days[codes], index=values.index)


def _fits(text: str, fmt: str) -> bool:
    try:
        pd.to_datetime(text, format=fmt)
    except ValueError:
        return False
    return True


def parse_numbers(values: pd.Series, *, strip: bool = True) -> pd.Series:
    """Parse a column of numbers; blank or unparseable values give NaN.

    ``strip=False`` skips stripping values the caller has stripped already.
    """
    text = stripped(values) if strip else values
    strings = arrow_strings(text)
    try:  # Arrow's cast, when every value is a number or blank
        floats = pc.cast(pc.if_else(pc.equal(strings, ""), None, strings), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")
    return pd.Series(np.asarray(pc.fill_null(floats, np.nan)), index=values.index)


def join_strings(*parts: pd.Series | str) -> pd.Series:
    """Concatenate columns and literal strings element-wise in one pass (missing as empty).

    Examples
    --------
    >>> join_strings("id ", pd.Series(["a", None]), "!").tolist()
    ['id a!', 'id !']
    """
    index = next(p.index for p in parts if isinstance(p, pd.Series))
    large = pa.large_string()
    arrays = [
        arrow_strings(stripped(p)).cast(large)
        if isinstance(p, pd.Series)
        else pa.scalar(p, type=large)
        for p in parts
    ]
    joined = pc.binary_join_element_wise(*arrays, pa.scalar("", type=large))
    return pd.Series(pd.arrays.ArrowStringArray(joined), index=index)


class ProblemLog:
    """Collect the problems of a file's rows, each naming the file's own column.

    Parameters
    ----------
    source : str or pathlib.Path
        The file (named in every problem).
    lines : sequence of int, optional
        The 1-based line of each row.
    file_lines : sequence of int, optional
        The 1-based line of each row of the file, where the rows checked are
        not the file's (a monadic ACLED export's merged rows).
    """

    def __init__(
        self,
        source: str | Path,
        lines: Sequence[int] | None,
        file_lines: Sequence[int] | None = None,
    ) -> None:
        self.source = str(source)
        self.lines = lines
        self.file_lines = file_lines
        self._parts: list[pd.DataFrame] = []

    def flag(
        self, mask: np.ndarray | pd.Series, column: str, values: pd.Series, rule: str, message: str
    ) -> None:
        """Record a problem for every row where ``mask`` is true, showing its value."""
        rows = np.flatnonzero(np.asarray(mask, dtype=bool))
        if not len(rows):
            return
        shown = values.iloc[rows].astype("object").where(values.iloc[rows].notna(), None)
        self._parts.append(
            pd.DataFrame(
                {
                    "row": rows,
                    "column": column,
                    "value": shown.to_numpy(),
                    "rule": rule,
                    "message": message,
                }
            )
        )

    def flag_coordinates(
        self, parsed: Mapping[str, pd.Series], raw: Mapping[str, pd.Series] | pd.DataFrame
    ) -> None:
        """Flag latitudes outside -90..90 and longitudes outside -180..180 (both readers' rule)."""
        for column, limit in (("latitude", 90), ("longitude", 180)):
            self.flag(
                parsed[column].abs() > limit,
                column,
                raw[column],
                f"{column}_range",
                f"must be between -{limit} and {limit}",
            )

    def flag_reading_problems(
        self, problems: Sequence[dict[str, object]], rows: np.ndarray | None = None
    ) -> None:
        """Record the problems the CSV reader found in single rows (``lines.problems``).

        A row with more or fewer fields than the header (rule
        ``field_count``) is a problem of its record, named by its line.

        Parameters
        ----------
        problems : sequence of dict
            ``row`` (position in the file's rows), ``column``, ``value``,
            ``rule``, as :attr:`~analysis.records.reading.RecordLines.problems`
            has them.
        rows : numpy.ndarray, optional
            For each problem, the row of the records it belongs to, where
            that is not its position in the file (a merged row); the problem
            keeps the line of its own row.
        """
        if not len(problems):
            return
        own = np.asarray([p["row"] for p in problems], dtype=np.int64)
        part = pd.DataFrame(
            {
                "row": own if rows is None else np.asarray(rows, dtype=np.int64),
                "column": [p["column"] for p in problems],
                "value": [p["value"] for p in problems],
                "rule": [p["rule"] for p in problems],
                "message": [RULES.get(str(p["rule"]), str(p["rule"])) for p in problems],
            }
        )
        if rows is not None and self.file_lines is not None:
            part["line"] = np.asarray(self.file_lines, dtype=np.int64)[own]
        self._parts.append(part)

    def bad_rows(self, n: int) -> np.ndarray:
        """Return a boolean mask of the ``n`` rows that have a problem."""
        bad = np.zeros(n, dtype=bool)
        for part in self._parts:
            bad[part["row"].to_numpy()] = True
        return bad

    def table(self) -> pd.DataFrame:
        """Return every problem, one row each, sorted by row, column and rule."""
        if not self._parts:
            return pd.DataFrame({c: pd.Series(dtype="object") for c in PROBLEM_COLUMNS})
        table = pd.concat(self._parts, ignore_index=True)
        table = table.sort_values(["row", "column", "rule"], kind="stable", ignore_index=True)
        table.insert(0, "file", self.source)
        lines = self.lines
        line = [lines[r] if lines is not None else None for r in table["row"]]
        if "line" in table.columns:  # a problem of a merged row keeps its own line
            own = table.pop("line")
            line = [x if pd.isna(o) else int(o) for x, o in zip(line, own, strict=True)]
        table.insert(1, "line", line)
        table["value"] = table["value"].map(lambda v: None if v is None else str(v))
        return table[list(PROBLEM_COLUMNS)]


def rejects_table(
    raw: pd.DataFrame, bad: np.ndarray, problems: pd.DataFrame, lines: Sequence[int] | None
) -> pd.DataFrame:
    """Return the rejected rows as read, with ``row``, ``line`` and their ``problems``."""
    rows = np.flatnonzero(bad)
    rejects = raw.iloc[rows].reset_index(drop=True) if len(rows) else raw.iloc[:0].copy()
    rejects.insert(0, "row", rows)
    rejects.insert(1, "line", [lines[int(r)] if lines is not None else None for r in rows])
    summary: dict[int, list[str]] = {}
    for row, col, rule in zip(problems["row"], problems["column"], problems["rule"], strict=True):
        summary.setdefault(int(row), []).append(rule if col is None else f"{col}: {rule}")
    rejects["problems"] = ["; ".join(summary[int(r)]) for r in rows]
    return rejects


def canonical_records(
    columns: dict[str, Any],
    n: int,
    extras: Iterable[tuple[str, Any]] = (),
    clean: Collection[str] = (),
) -> pd.DataFrame:
    """Build records in the canonical types and column order from typed columns.

    Parameters
    ----------
    columns : dict
        Schema column -> values (array or Series of length ``n``, or a
        scalar).  Strings are stripped and blanks become missing, as
        validation does; schema columns not given are added empty.
    n : int
        Number of records.
    extras : iterable of (name, values)
        The reader's own columns, kept after the schema's, as given.
    clean : collection of str
        String columns given already stripped (``str`` Series), not stripped again.

    Returns
    -------
    pandas.DataFrame
        Index 0..n-1.
    """
    data: dict[str, Any] = {}
    for name in COLUMN_ORDER:
        kind = COLUMNS[name].kind
        value = columns.get(name)
        if isinstance(value, pd.Series):
            value = value.reset_index(drop=True)
        if name in STRING_COLUMNS:
            if value is None:
                data[name] = pd.Series(pd.NA, index=range(n), dtype="string")
            else:
                series = value if isinstance(value, pd.Series) else pd.Series(value, index=range(n))
                text = series if name in clean else stripped(series)
                data[name] = text.astype("string").mask(text == "")
        elif name in DATE_COLUMNS:
            data[name] = pd.Series(
                np.datetime64("NaT") if value is None else value, index=range(n)
            ).astype("datetime64[ns]")
        elif name in BOOLEAN_COLUMNS:
            data[name] = pd.Series(False if value is None else value, index=range(n), dtype=bool)
        elif name == "event_type":
            data[name] = pd.Categorical(np.asarray(value), categories=EVENT_TYPES)
        elif name == "date_precision":
            data[name] = pd.Categorical(np.asarray(value), categories=DATE_PRECISIONS)
        elif kind == "integer":
            data[name] = pd.Series(pd.NA if value is None else value, index=range(n), dtype="Int64")
        else:
            data[name] = pd.Series(
                np.nan if value is None else value, index=range(n), dtype="float64"
            )
    for name, value in extras:
        data[name] = value.reset_index(drop=True) if isinstance(value, pd.Series) else value
    return pd.DataFrame(data, index=range(n))


def record_rows(
    problems: Sequence[dict[str, object]], positions: np.ndarray, ids: pd.Series
) -> np.ndarray:
    """Return the record each of the file's rows with a problem belongs to.

    ``positions`` is the file row of each record (ascending) and ``ids`` the
    file's event ids: a row merged into another (a monadic ACLED export's
    second row of an event) belongs to the record of its id's first row.
    """
    found = []
    for problem in problems:
        row = int(str(problem["row"]))
        at = int(np.searchsorted(positions, row))
        if at == len(positions) or positions[at] != row:  # merged into its event's first row
            same = np.flatnonzero((stripped(ids) == stripped(ids).iloc[row]).to_numpy())
            at = int(np.searchsorted(positions, same[0]))
        found.append(at)
    return np.asarray(found, dtype=np.int64)
