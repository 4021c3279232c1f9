"""Validate event records against the schema, loudly and completely.

:func:`validate_events` parses a raw frame (strings from a CSV, or typed columns
from Parquet or a caller) into the canonical types of :mod:`analysis.records.schema`
and checks every rule below, each a whole column at a time: a column's text
is read once as Arrow strings, each distinct value is parsed once (a file of
a million records holds a few thousand distinct days and a few dozen
counts), and range, order and bounds rules are array comparisons.  Type
parsing comes first, so that a value that does not parse is reported with
its own rule instead of vanishing into a missing value.

Nothing is dropped silently: every input row ends either in
``Validated.events`` or in ``Validated.rejects``, and
``len(events) + len(rejects) == len(input)``.  Each problem names the file,
the line, the row, the column, the value and the rule it broke (:data:`RULES`).
Dates are parsed by :mod:`analysis.records.dates`: a year or a month in
``date_start``/``date_end`` becomes its window, and fills ``date_precision``.

Examples
--------
>>> import pandas as pd
>>> raw = pd.DataFrame({
...     "event_id": ["a", "b"], "event_type": ["attack", "raid"],
...     "date_start": ["2024-10-02", "2024-10-02"],
...     "date_end": ["2024-10-02", "2024-10-01"], "count": ["1", "1"]})
>>> result = validate_events(raw, source="example.csv")
>>> len(result.events), len(result.rejects)
(1, 1)
>>> print(result.problems[["row", "column", "rule"]].to_string(index=False))
 row     column       rule
   1   date_end date_order
   1 event_type event_type
>>> result.problems.loc[0, "value"]
'date_end=2024-10-01, date_start=2024-10-02'
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple, cast

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analysis.records._columns import (
    TextColumns,
    blank_values,
    encode,
    encode_columns,
    nulls_for_empty,
    string_array,
)
from analysis.records.dates import (
    DATE_RULES,
    DateColumn,
    Window,
    parse_date_column,
    parse_date_values,
)
from analysis.records.schema import (
    COLUMN_ORDER,
    COLUMNS,
    COUNT_MAX,
    DATE_MAX,
    DATE_MIN,
    DATE_PRECISIONS,
    EVENT_TYPES,
    OPEN_BOUND_COLUMNS,
    REQUIRED_COLUMNS,
)

RULES: Final[dict[str, str]] = {
    "missing_column": "the column is required",
    "duplicate_column": "each column must be named once",
    "field_count": "a row must have as many fields as the header",
    "required_value": "a value is required",
    "date_unparseable": (
        "must be an ISO 8601 date (YYYY-MM-DD; date_start and date_end may also be a "
        "year YYYY or a month YYYY-MM)"
    ),
    "date_range": f"must be a day from {DATE_MIN} to {DATE_MAX}",
    "date_timezone": (
        "must be a calendar day without a time zone (which day a zoned time falls on "
        "depends on the zone)"
    ),
    "date_partial": (
        "must be a full date YYYY-MM-DD (only date_start and date_end may be a year or a month)"
    ),
    "precision_mismatch": (
        "date_precision must not be finer than the dates as written (a year needs 'year', "
        "a month 'month' or 'year')"
    ),
    "number_unparseable": "must be a number",
    "not_finite": "must be finite (only count_high and killed_high may be inf: no upper bound)",
    "above_maximum": f"must be at most {COUNT_MAX:,}",
    "integer": "must be a whole number",
    "boolean_unparseable": "must be true or false",
    "event_type": f"must be one of {', '.join(EVENT_TYPES)}",
    "date_precision": f"must be one of {', '.join(DATE_PRECISIONS)}",
    "duplicate_id": "event_id must be unique",
    "negative": "must not be negative",
    "date_order": "date_end must not be before date_start",
    "count_missing": "count or count_low must be given",
    "bounds_order": "count_low <= count <= count_high must hold where given",
    "latitude_range": "must be between -90 and 90",
    "longitude_range": "must be between -180 and 180",
    "evidence_order": "evidence_end must not be before evidence_start",
}
"""Every validation rule: its id and what it requires."""

_TRUE: Final = frozenset({"true", "t", "yes", "y", "1"})
_FALSE: Final = frozenset({"false", "f", "no", "n", "0"})
_PROBLEM_COLUMNS: Final = ["file", "line", "row", "column", "value", "rule", "message"]
_MAX_MESSAGE_LINES: Final = 200


class Validated(NamedTuple):
    """The outcome of validation.

    Attributes
    ----------
    events : pandas.DataFrame
        Valid records in canonical types and column order; the index is
        0..n-1.
    rejects : pandas.DataFrame
        Rejected input rows as read, with ``row`` (0-based position in the
        input), ``line`` (1-based line in the file, where known) and
        ``problems`` (every rule the row broke).
    problems : pandas.DataFrame
        One row per problem: ``file``, ``line``, ``row``, ``column``,
        ``value``, ``rule``, ``message``.
    """

    events: pd.DataFrame
    rejects: pd.DataFrame
    problems: pd.DataFrame


class EventValidationError(ValueError):
    """Input that breaks the event schema.

    The message lists every problem (file, line, row, column, value, rule);
    the full table is in :attr:`problems`.

    Parameters
    ----------
    problems : pandas.DataFrame
        One row per problem, columns as in :attr:`Validated.problems`.
    n_rows : int
        How many input rows were read.
    """

    def __init__(self, problems: pd.DataFrame, n_rows: int) -> None:
        self.problems = problems
        self.n_rows = n_rows
        super().__init__(format_problems(problems, n_rows))


def format_problems(problems: pd.DataFrame, n_rows: int) -> str:
    """Describe problems in one message, one line each.

    Parameters
    ----------
    problems : pandas.DataFrame
        A problems table as in :attr:`Validated.problems`.
    n_rows : int
        How many input rows were read.

    Returns
    -------
    str
        A header line and one line per problem (at most 200, then a count).
    """
    file = problems["file"].iloc[0] if len(problems) else "<frame>"
    bad_rows = problems["row"].dropna().nunique()
    head = f"{file}: {len(problems)} problem(s)"
    head += f" in {bad_rows} of {n_rows} row(s)" if bad_rows else ""
    lines = [head + ":"]
    for p in problems.head(_MAX_MESSAGE_LINES).to_dict("records"):
        where = [str(p["file"])]
        if not _is_na(p["line"]):
            where.append(f"line {int(p['line'])}")
        if not _is_na(p["row"]):
            where.append(f"row {int(p['row'])}")
        if not _is_na(p["column"]):
            where.append(f"column {p['column']!r}")
        value = "" if _is_na(p["value"]) else f", value {p['value']!r}"
        lines.append(f"  {', '.join(where)}{value}: [{p['rule']}] {p['message']}")
    if len(problems) > _MAX_MESSAGE_LINES:
        lines.append(f"  ... and {len(problems) - _MAX_MESSAGE_LINES} more (see .problems)")
    return "\n".join(lines)


def validate_events(
    frame: pd.DataFrame,
    *,
    source: str | Path | None = None,
    line_numbers: Sequence[int] | None = None,
    reading_problems: Sequence[dict[str, object]] | None = None,
) -> Validated:
    """Parse and check event records; split them into valid rows and rejects.

    The input frame is not modified.

    Parameters
    ----------
    frame : pandas.DataFrame
        Raw records: strings as read from a file, or typed columns.  Columns
        outside the schema are kept, after the schema's columns.
    source : str or pathlib.Path, optional
        Name of the file the rows came from, used in every problem.
    line_numbers : sequence of int, optional
        The 1-based line of each row, where the caller knows them (the CSV
        reader does: :func:`analysis.records.reading.read_raw_csv`).
    reading_problems : sequence of dict, optional
        Problems of single rows found while reading the file (keys ``row``,
        ``column``, ``value``, ``rule``; e.g. a row with the wrong number of
        fields): those rows are rejected too.

    Returns
    -------
    Validated
        ``events`` (canonical types, schema column order), ``rejects`` and
        ``problems``.

    Raises
    ------
    EventValidationError
        If a required column is missing or a column is named twice: then no
        row can be valid.

    See Also
    --------
    analysis.load_events : read a file and validate it.
    analysis.records.schema : the columns, their types and units.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"event_id": ["x"], "event_type": ["airstrike"],
    ...     "date_start": ["2024-10-03"], "date_end": ["2024-10-06"],
    ...     "count": [""], "count_low": ["31"]})
    >>> ok = validate_events(raw)
    >>> ok.events.loc[0, ["count", "count_low", "count_high"]].tolist()
    [nan, 31.0, nan]
    """
    name = str(source) if source is not None else "<frame>"
    _raise_missing_columns(frame, name, has_lines=bool(source))
    raw = frame if _has_plain_index(frame) else frame.reset_index(drop=True)
    found = _Problems(raw)
    typed = _parse_columns(raw, found)
    _check_values(typed, found)
    found.extend(reading_problems or [])
    table = found.table(name, line_numbers)
    bad = np.zeros(len(raw), dtype=bool)
    bad[table["row"].to_numpy(dtype=np.int64)] = True
    events = _canonical(typed, raw, ~bad if len(table) else None)
    return Validated(events, _rejects(raw, bad, table, line_numbers), table)


def _has_plain_index(frame: pd.DataFrame) -> bool:
    index = frame.index
    return isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1


def _raise_missing_columns(frame: pd.DataFrame, name: str, *, has_lines: bool) -> None:
    """Raise :class:`EventValidationError` if a column is missing or named twice."""
    columns = list(frame.columns)
    seen: set[object] = set()
    repeated: list[object] = []
    for c in columns:
        if c in seen and c not in repeated:
            repeated.append(c)
        seen.add(c)
    found = [(c, "duplicate_column") for c in repeated]
    found += [(c, "missing_column") for c in REQUIRED_COLUMNS if c not in seen]
    if not found:
        return
    table = pd.DataFrame(
        [
            {
                "file": name,
                "line": 1 if has_lines else None,
                "row": None,
                "column": c,
                "value": None,
                "rule": rule,
                "message": RULES[rule],
            }
            for c, rule in found
        ],
        columns=_PROBLEM_COLUMNS,
    )
    raise EventValidationError(table, len(frame))


class _Problems:
    """The problems found so far: rows, the column, the raw values shown, the rule."""

    def __init__(self, raw: pd.DataFrame) -> None:
        self.raw = raw
        self.rows: list[int] = []
        self.columns: list[object] = []
        self.values: list[object] = []
        self.rules: list[str] = []

    def flag(self, mask: np.ndarray, column: str, rule: str) -> None:
        """One problem for each row where ``mask`` holds, showing the raw value."""
        rows = np.flatnonzero(mask)
        if len(rows):
            self.add(rows, column, self.shown(column, rows), rule)

    def add(self, rows: np.ndarray, column: object, values: list[object], rule: str) -> None:
        self.rows += rows.tolist()
        self.columns += [column] * len(rows)
        self.values += values
        self.rules += [rule] * len(rows)

    def shown(self, column: str, rows: np.ndarray) -> list[object]:
        """Return the raw values of a column at ``rows`` (None for all if the column is absent)."""
        if column not in self.raw.columns:
            return [None] * len(rows)
        return list(self.raw[column].iloc[rows].array)

    def shown_together(self, columns: Sequence[str], rows: np.ndarray) -> list[object]:
        """``'a=1, b=2'`` for each row: the raw values of several columns (blank where missing)."""
        parts = []
        for c in columns:
            values = self.shown(c, rows)
            parts.append([f"{c}={'' if _is_na(v) else v}" for v in values])
        return [", ".join(row) for row in zip(*parts, strict=True)]

    def extend(self, problems: Sequence[dict[str, object]]) -> None:
        for p in problems:
            self.rows.append(int(cast(Any, p["row"])))
            self.columns.append(p["column"])
            self.values.append(p["value"])
            self.rules.append(str(p["rule"]))

    def table(self, name: str, line_numbers: Sequence[int] | None) -> pd.DataFrame:
        """One row per problem, sorted by row, column and rule, with file, line and message."""
        if not self.rows:
            return _empty_problems()
        table = pd.DataFrame(
            {"row": self.rows, "column": self.columns, "value": self.values, "rule": self.rules}
        )
        table = table.drop_duplicates(["row", "column", "rule"]).sort_values(
            ["row", "column", "rule"], kind="stable"
        )
        table.insert(0, "file", name)
        rows = table["row"].to_numpy(dtype=np.int64)
        lines = None if line_numbers is None else np.asarray(line_numbers)[rows].tolist()
        table.insert(1, "line", lines if lines is not None else [None] * len(rows))
        table["message"] = table["rule"].map(RULES)
        table["value"] = table["value"].map(lambda v: None if v is None or pd.isna(v) else str(v))
        return table.reset_index(drop=True)[_PROBLEM_COLUMNS]


_EMPTY_PROBLEMS: list[pd.DataFrame] = []


def _empty_problems() -> pd.DataFrame:
    """Return an empty problems table, with the columns of :attr:`Validated.problems`."""
    if not _EMPTY_PROBLEMS:
        table = pd.DataFrame([], columns=["row", "column", "value", "rule"])
        table.insert(0, "file", "")
        table.insert(1, "line", [])
        table["message"] = table["rule"].map(RULES)
        table["value"] = table["value"].map(lambda v: v)
        _EMPTY_PROBLEMS.append(table[_PROBLEM_COLUMNS])
    return _EMPTY_PROBLEMS[0].copy(deep=False)


# ------------------------------------------------------------------ parsing
_LIMITED_UNITS: Final = ("events", "people", "characters")
"""Units of the number columns that may not exceed :data:`COUNT_MAX`."""

_WINDOWS: Final[dict[str, Window]] = {"date_start": "start", "date_end": "end"}
"""What a year or a month in a date column becomes: a window's first or last day."""


def _parse_columns(raw: pd.DataFrame, found: _Problems) -> dict[str, Any]:
    """Parse every schema column (absent optional ones empty) into arrays, in schema order.

    Values are NumPy arrays (numbers, days, booleans, category codes) and
    Arrow strings (``""`` as null); ``date_precision`` is filled from dates
    written as a year or a month.
    """
    given = {col: raw[col] for col in COLUMN_ORDER if col in raw.columns}
    text = _Text(given)
    typed: dict[str, Any] = {}
    blanks: dict[str, np.ndarray] = {}
    forms: dict[str, np.ndarray] = {}
    for col in COLUMN_ORDER:
        kind = COLUMNS[col].kind
        if col not in given:
            typed[col] = _absent(kind, len(raw))
            continue
        if kind == "date":
            parsed = _parse_date(given[col], col, text, found)
            typed[col], forms[col], blanks[col] = parsed.days, parsed.forms, parsed.blank
        elif kind in ("number", "integer"):
            typed[col], blanks[col] = _parse_number(given[col], col, text, found)
        elif kind == "boolean":
            typed[col], blanks[col] = _parse_boolean(given[col], col, text, found)
        elif kind == "category":
            typed[col], blanks[col] = _parse_category(col, text, found)
        else:
            typed[col], blanks[col] = text.string(col)
        if COLUMNS[col].required and col != "count":
            found.flag(blanks[col], col, "required_value")
    missing_precision = blanks.get("date_precision", np.ones(len(raw), dtype=bool))
    _fill_precision(typed, forms, missing_precision, found)
    return typed


def _absent(kind: str, n: int) -> Any:
    """Return the values of an optional column the input does not have."""
    if kind == "boolean":
        return np.zeros(n, dtype=bool)
    if kind == "date":
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]")
    if kind in ("number", "integer"):
        return np.full(n, np.nan)
    if kind == "category":
        return np.full(n, -1, dtype=np.int64)
    return pa.chunked_array([pa.nulls(n, pa.large_string())])


def _read_as_text(kind: str, column: pd.Series) -> bool:
    """Whether a column is parsed from its text (else it is typed already)."""
    dtype = column.dtype
    if kind in ("string", "category"):
        return True
    if kind == "date":
        return not pd.api.types.is_datetime64_any_dtype(dtype)
    if kind == "boolean":
        return not (pd.api.types.is_bool_dtype(dtype) and not column.isna().any())
    return not pd.api.types.is_numeric_dtype(dtype)  # bool dtype too: no number


_JOINED_CELLS: Final = 100_000
"""Up to this many cells, the text columns are stripped and encoded joined (few kernel calls);
above, each column is encoded first and only its distinct values are stripped."""


class _Text:
    """The schema columns read as text, each Arrow kernel run once for all of them.

    Plain strings are stripped with ``""`` as null; the others (categories,
    and numbers, dates and booleans written as text) are stripped and
    encoded together, so that each distinct value is parsed once.
    """

    def __init__(self, given: dict[str, pd.Series]) -> None:
        kinds = {col: COLUMNS[col].kind for col in given}
        plain = [c for c in given if kinds[c] == "string"]
        parsed = [c for c in given if kinds[c] != "string" and _read_as_text(kinds[c], given[c])]
        self.plain = TextColumns(given, plain)
        strings = nulls_for_empty(self.plain.all) if plain else self.plain.all
        self.strings = strings
        self.string_blank = np.asarray(pc.is_null(strings), dtype=bool)
        self.names = parsed
        n = len(next(iter(given.values()))) if given else 0
        if n * len(parsed) <= _JOINED_CELLS:  # a few kernel calls for all columns at once
            texts = TextColumns(given, parsed)
            codes, self.distinct = encode(texts.all)
            self._codes = {col: codes[slice(*texts.span(col))] for col in parsed}
        else:
            codes_by_place, self.distinct = encode_columns([given[col] for col in parsed])
            self._codes = {col: codes_by_place[i] for i, col in enumerate(parsed)}
        self.blank = blank_values(self.distinct)
        self._numbers: np.ndarray | None = None
        self._booleans: np.ndarray | None = None

    def __contains__(self, col: str) -> bool:
        return col in self.names

    def string(self, col: str) -> tuple[pa.ChunkedArray, np.ndarray]:
        """Return a string column, stripped with ``""`` as null, and where it is blank."""
        start, stop = self.plain.span(col)
        return self.strings.slice(start, stop - start), self.string_blank[start:stop]

    def codes_of(self, col: str) -> np.ndarray:
        return self._codes[col]

    def used(self, columns: Sequence[str]) -> np.ndarray:
        """Return the distinct values the columns hold (positions in :attr:`distinct`)."""
        present = np.zeros(len(self.distinct), dtype=bool)
        for col in columns:
            present[self.codes_of(col)] = True
        return np.flatnonzero(present)

    def numbers(self) -> np.ndarray:
        """Each distinct value as a number (NaN where blank or not one), parsed once."""
        if self._numbers is None:
            kind = ("number", "integer")
            used = self.used([c for c in self.names if COLUMNS[c].kind in kind])
            self._numbers = np.full(len(self.distinct), np.nan)
            self._numbers[used] = _numbers(self.distinct.take(pa.array(used)))
        return self._numbers

    def booleans(self) -> np.ndarray:
        """Each distinct value's place in ``_TRUE_OR_FALSE`` (-1 if neither)."""
        if self._booleans is None:
            lower = pc.utf8_lower(self.distinct)
            self._booleans = np.asarray(pc.fill_null(pc.index_in(lower, _TRUE_OR_FALSE), -1))
        return self._booleans


def _parse_date(column: pd.Series, col: str, text: _Text, found: _Problems) -> DateColumn:
    window = _WINDOWS.get(col, "day")
    if col in text:
        used = text.used([col])
        where = np.zeros(len(text.distinct), dtype=np.int64)
        where[used] = np.arange(len(used))
        values = parse_date_values(text.distinct.take(pa.array(used)), window=window)
        parsed = values.take(where[text.codes_of(col)])
    else:
        parsed = parse_date_column(column, window=window)
    for code in np.unique(parsed.rules[parsed.rules > 0]).tolist():
        found.flag(parsed.rules == code, col, DATE_RULES[code])
    return parsed


def _parse_number(
    column: pd.Series, col: str, text: _Text, found: _Problems
) -> tuple[np.ndarray, np.ndarray]:
    """Numbers that do not parse, are not finite, too large, or not whole where they must be."""
    dtype = column.dtype
    if col in text:
        codes = text.codes_of(col)
        values, blank = text.numbers()[codes], text.blank[codes]
    elif pd.api.types.is_bool_dtype(dtype):
        values, blank = np.full(len(column), np.nan), column.isna().to_numpy(dtype=bool)
    elif isinstance(dtype, np.dtype):
        values = column.to_numpy(dtype=np.float64, copy=True)
        blank = np.isnan(values)
    else:  # a nullable type: NaN may be a value, NA is missing
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        blank = column.isna().to_numpy(dtype=bool)
    found.flag(np.isnan(values) & ~blank, col, "number_unparseable")
    infinite = np.isinf(values)
    if col in OPEN_BOUND_COLUMNS:  # inf is an open upper bound
        infinite &= values < 0
    found.flag(infinite, col, "not_finite")
    finite = np.isfinite(values)
    if COLUMNS[col].unit in _LIMITED_UNITS:
        found.flag(finite & (values > COUNT_MAX), col, "above_maximum")
    if COLUMNS[col].kind == "integer":
        found.flag(finite & (values != np.floor(values)), col, "integer")
    return values, blank


def _numbers(text: pa.Array) -> np.ndarray:
    """Parse stripped strings as numbers; NaN where blank or not a number.

    Arrow's parser where it takes every value, else pandas' ``to_numeric``
    (the same numbers: both read decimal and exponent forms, ``inf`` and
    ``nan`` alike, and refuse the rest).
    """
    present = pc.if_else(pc.equal(text, ""), pa.scalar(None, text.type), text)
    try:
        numbers = pc.cast(present, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        series = pd.Series(string_array(present))
        return pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    return np.asarray(pc.fill_null(numbers, np.nan), dtype=np.float64)


_TRUE_OR_FALSE: Final = pa.array(sorted(_TRUE) + sorted(_FALSE))


def _parse_boolean(
    column: pd.Series, col: str, text: _Text, found: _Problems
) -> tuple[np.ndarray, np.ndarray]:
    """Parse true or false as written (``true``, ``yes``, ``1``, ...; any case); blank is false."""
    if col not in text:
        return column.to_numpy(dtype=bool, copy=True), np.zeros(len(column), dtype=bool)
    codes = text.codes_of(col)
    known, blank = text.booleans()[codes], text.blank[codes]
    found.flag((known < 0) & ~blank, col, "boolean_unparseable")
    return (known >= 0) & (known < len(_TRUE)), blank


_CATEGORIES: Final[dict[str, tuple[str, ...]]] = {
    "event_type": EVENT_TYPES,
    "date_precision": DATE_PRECISIONS,
}
_CATEGORY_DTYPES: Final = {
    col: pd.CategoricalDtype(list(values)) for col, values in _CATEGORIES.items()
}


def _parse_category(col: str, text: _Text, found: _Problems) -> tuple[np.ndarray, np.ndarray]:
    """Codes into the column's supported values (-1 where blank or not one of them)."""
    known = np.asarray(pc.fill_null(pc.index_in(text.distinct, pa.array(_CATEGORIES[col])), -1))
    codes = text.codes_of(col)
    blank = text.blank[codes]
    found.flag((known[codes] < 0) & ~blank, col, col)
    return known[codes], blank


_RANK: Final[dict[str, int]] = {p: i for i, p in enumerate(DATE_PRECISIONS)}
_RANK_OF_FORM: Final = np.array([_RANK["day"], _RANK["day"], _RANK["month"], _RANK["year"]])
"""The precision a date implies by how it was written (codes of ``dates.FORMS``)."""


def _fill_precision(
    typed: dict[str, Any], forms: dict[str, np.ndarray], given_blank: np.ndarray, found: _Problems
) -> None:
    """Fill ``date_precision`` from dates written as a year or a month (in place).

    The window's precision is the coarser of the two dates' forms.  A given
    ``date_precision`` finer than that is a problem (``precision_mismatch``);
    an equal or coarser one is kept.
    """
    implied = np.maximum(*(_RANK_OF_FORM[forms[col]] for col in ("date_start", "date_end")))
    partial = implied > _RANK["day"]
    if not partial.any():
        return
    given = typed["date_precision"]
    typed["date_precision"] = np.where(partial & given_blank, implied, given)
    mismatch = np.flatnonzero(partial & (given >= 0) & (given < implied))
    if len(mismatch):
        shown = [c for c in ("date_precision", "date_start", "date_end") if c in found.raw]
        values = found.shown_together(shown, mismatch)
        found.add(mismatch, "date_precision", values, "precision_mismatch")


_NOT_NEGATIVE: Final = (
    "count",
    "count_low",
    "count_high",
    "killed",
    "killed_low",
    "killed_high",
    "wounded",
    "evidence_start",
    "evidence_end",
)
_RANGES: Final = {
    "latitude": (-90, 90, "latitude_range"),
    "longitude": (-180, 180, "longitude_range"),
}


def _check_values(typed: dict[str, Any], found: _Problems) -> None:
    """Check the rules on parsed values: unique ids, signs, ranges, order and bounds."""
    ids = typed["event_id"]
    if len(pc.unique(ids)) < len(ids) - max(ids.null_count - 1, 0):  # some id repeats
        codes, distinct = encode(ids)
        repeated = np.bincount(codes, minlength=len(distinct)) > 1
        repeated &= ~np.asarray(pc.is_null(distinct), dtype=bool)
        found.flag(repeated[codes], "event_id", "duplicate_id")
    for col in _NOT_NEGATIVE:
        found.flag(typed[col] < 0, col, "negative")
    for col, (low, high, rule) in _RANGES.items():
        values = typed[col]
        found.flag(~np.isnan(values) & ~((values >= low) & (values <= high)), col, rule)
    count, low, high = typed["count"], typed["count_low"], typed["count_high"]
    _flag_together(found, typed["date_start"] > typed["date_end"], "date_order")
    _flag_together(found, np.isnan(count) & np.isnan(low), "count_missing")
    _flag_together(found, (low > count) | (count > high) | (low > high), "bounds_order")
    _flag_together(found, typed["evidence_start"] > typed["evidence_end"], "evidence_order")


# The columns a rule on several columns involves: the first is reported as
# the problem's column, and the value shows all of them.
_FRAME_RULE_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "date_order": ("date_end", "date_start"),
    "count_missing": ("count", "count_low"),
    "bounds_order": ("count", "count_low", "count_high"),
    "evidence_order": ("evidence_end", "evidence_start"),
}


def _flag_together(found: _Problems, mask: np.ndarray, rule: str) -> None:
    rows = np.flatnonzero(mask)
    if len(rows):
        columns = _FRAME_RULE_COLUMNS[rule]
        found.add(rows, columns[0], found.shown_together(columns, rows), rule)


def _canonical(typed: dict[str, Any], raw: pd.DataFrame, keep: np.ndarray | None) -> pd.DataFrame:
    """Return the valid records (``keep``; all if None) in canonical dtypes and column order."""
    data: dict[Any, Any] = {}
    for col in COLUMN_ORDER:
        values = typed[col]
        kind = COLUMNS[col].kind
        if kind == "string":
            data[col] = string_array(values if keep is None else values.filter(pa.array(keep)))
            continue
        if keep is not None:
            values = values[keep]
        if col in _CATEGORIES:
            data[col] = pd.Categorical.from_codes(values, dtype=_CATEGORY_DTYPES[col])
        elif kind == "integer":
            data[col] = pd.array(values, dtype="Int64")
        else:
            data[col] = values
    for c in raw.columns:
        if c not in COLUMNS:
            data[c] = raw[c] if keep is None else raw[c].array[keep]
    # The arrays are the function's own (and the input's columns are copied on
    # write), so the frame is built around them without copying.
    return pd.DataFrame(data, copy=False)


_NO_REJECTS: dict[tuple[object, ...], pd.DataFrame] = {}


def _rejects(
    raw: pd.DataFrame, bad: np.ndarray, table: pd.DataFrame, line_numbers: Sequence[int] | None
) -> pd.DataFrame:
    """Return the rejected input rows as read, with their row, line and every rule broken."""
    if len(table):
        return _rejected_rows(raw, bad, table, line_numbers)
    key = (tuple(raw.columns), tuple(raw.dtypes))  # no rejects: the same empty table each time
    if key not in _NO_REJECTS:
        if len(_NO_REJECTS) > 100:
            _NO_REJECTS.clear()
        _NO_REJECTS[key] = _rejected_rows(raw.iloc[:0], bad[:0], table, None)
    return _NO_REJECTS[key].copy(deep=False)  # copy-on-write: the template stays as it is


def _rejected_rows(
    raw: pd.DataFrame, bad: np.ndarray, table: pd.DataFrame, line_numbers: Sequence[int] | None
) -> pd.DataFrame:
    rejects = raw.loc[bad].copy()
    rows = np.flatnonzero(bad)
    rejects.insert(0, "row", rows)
    lines = None if line_numbers is None else np.asarray(line_numbers)[rows].tolist()
    rejects.insert(1, "line", lines if lines is not None else [None] * len(rows))
    summary: dict[int, list[str]] = {}
    for row, col, rule in zip(table["row"], table["column"], table["rule"], strict=True):
        summary.setdefault(int(row), []).append(rule if _is_na(col) else f"{col}: {rule}")
    rejects["problems"] = ["; ".join(summary[int(r)]) for r in rows]
    return rejects.reset_index(drop=True)


def _is_na(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(cast(Any, value))))
