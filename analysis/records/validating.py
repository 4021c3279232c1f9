"""Validate event records against the schema, loudly and completely.

:func:`validate_events` parses a raw frame (strings from a CSV, or typed columns
from Parquet or a caller) into the canonical types of :mod:`analysis.records.schema`
and checks every rule below.  Value rules are declared as a :mod:`pandera`
schema; type parsing is done first so that a value that does not parse is
reported with its own rule instead of vanishing into a missing value.

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

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final, NamedTuple, cast

import numpy as np
import pandas as pd

from analysis.records.dates import Window, parse_dates
from analysis.records.schema import (
    BOOLEAN_COLUMNS,
    COLUMN_ORDER,
    COLUMNS,
    COUNT_MAX,
    DATE_COLUMNS,
    DATE_MAX,
    DATE_MIN,
    DATE_PRECISIONS,
    EVENT_TYPES,
    OPEN_BOUND_COLUMNS,
    REQUIRED_COLUMNS,
    STRING_COLUMNS,
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


def _blank(raw: pd.Series) -> pd.Series:
    """Return True where a raw value is missing or only white space."""
    if raw.dtype == object or pd.api.types.is_string_dtype(raw.dtype):
        stripped = raw.astype("string").str.strip()
        return (stripped.isna() | (stripped == "")).fillna(True).astype(bool)
    return raw.isna()


def _parse_numbers(raw: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(raw.dtype):
        return pd.Series(np.nan, index=raw.index)
    if pd.api.types.is_numeric_dtype(raw.dtype):
        return raw.astype("float64")
    text = raw.astype("string").str.strip()
    return pd.to_numeric(text, errors="coerce").astype("float64")


def _parse_booleans(raw: pd.Series) -> pd.Series:
    if pd.api.types.is_bool_dtype(raw.dtype) and not raw.isna().any():
        return raw.astype(bool)
    text = raw.astype("string").str.strip().str.lower()
    out = pd.Series(pd.NA, index=raw.index, dtype="boolean")
    out[text.isin(_TRUE).fillna(False).astype(bool)] = True
    out[text.isin(_FALSE).fillna(False).astype(bool)] = False
    return out


def _parse_strings(raw: pd.Series) -> pd.Series:
    text = raw.astype("string").str.strip()
    return text.mask(text == "")


def _build_pandera_schema():
    """Declare the value rules with pandera; check names are rule ids."""
    import pandera.pandas as pa

    def nonneg(col: str) -> pa.Column:
        return pa.Column(
            float,
            nullable=True,
            required=False,
            checks=pa.Check.ge(0, name="negative", ignore_na=True),
        )

    def frame_check(rule: str, fn: Callable[[pd.DataFrame], pd.Series]) -> pa.Check:
        return pa.Check(fn, name=rule, element_wise=False)

    def le_or_na(a: pd.Series, b: pd.Series) -> pd.Series:
        return (a.isna() | b.isna() | (a <= b)).astype(bool)

    columns = {
        "event_id": pa.Column(str, nullable=True, unique=False),
        "event_type": pa.Column(
            str,
            nullable=True,
            checks=pa.Check.isin(EVENT_TYPES, name="event_type", ignore_na=True),
        ),
        "date_precision": pa.Column(
            str,
            nullable=True,
            required=False,
            checks=pa.Check.isin(DATE_PRECISIONS, name="date_precision", ignore_na=True),
        ),
        "latitude": pa.Column(
            float,
            nullable=True,
            required=False,
            checks=pa.Check.in_range(-90, 90, name="latitude_range", ignore_na=True),
        ),
        "longitude": pa.Column(
            float,
            nullable=True,
            required=False,
            checks=pa.Check.in_range(-180, 180, name="longitude_range", ignore_na=True),
        ),
    }
    for col in (
        "count",
        "count_low",
        "count_high",
        "killed",
        "killed_low",
        "killed_high",
        "wounded",
        "evidence_start",
        "evidence_end",
    ):
        columns[col] = nonneg(col)
    checks = [
        frame_check("date_order", lambda df: le_or_na(df["date_start"], df["date_end"])),
        frame_check("count_missing", lambda df: df["count"].notna() | df["count_low"].notna()),
        frame_check(
            "bounds_order",
            lambda df: (
                le_or_na(df["count_low"], df["count"])
                & le_or_na(df["count"], df["count_high"])
                & le_or_na(df["count_low"], df["count_high"])
            ),
        ),
        frame_check(
            "evidence_order", lambda df: le_or_na(df["evidence_start"], df["evidence_end"])
        ),
    ]
    return pa.DataFrameSchema(columns, checks=checks, strict=False, coerce=False)


# The columns a frame-level rule involves: the first is reported as the
# problem's column, and the value shows all of them.
_FRAME_RULE_COLUMNS: Final[dict[str, tuple[str, ...]]] = {
    "date_order": ("date_end", "date_start"),
    "count_missing": ("count", "count_low"),
    "bounds_order": ("count", "count_low", "count_high"),
    "evidence_order": ("evidence_end", "evidence_start"),
}

# The rule a column-level pandera check stands for.
_COLUMN_RULES: Final[dict[str, str]] = {
    "event_type": "event_type",
    "date_precision": "date_precision",
    "latitude": "latitude_range",
    "longitude": "longitude_range",
}


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
    n = len(frame)
    _raise_missing_columns(frame, name, has_lines=bool(source))
    raw = frame.reset_index(drop=True)
    typed, problems = _parse_columns(raw)
    ids = typed["event_id"]
    problems += _flagged(raw, ids.notna() & ids.duplicated(keep=False), "event_id", "duplicate_id")
    problems += _pandera_problems(typed, raw)
    problems += list(reading_problems or [])
    for c in raw.columns:
        if c not in COLUMNS:
            typed[c] = raw[c]
    table = _problem_table(problems, name, line_numbers)
    bad = np.zeros(n, dtype=bool)
    bad[table["row"].astype(int).to_numpy()] = True
    events = _canonical(typed.loc[~bad].reset_index(drop=True))
    return Validated(events, _rejects(raw, bad, table, line_numbers), table)


def _raise_missing_columns(frame: pd.DataFrame, name: str, *, has_lines: bool) -> None:
    """Raise :class:`EventValidationError` if a column is missing or named twice."""
    columns = pd.Index(frame.columns)
    found = [(c, "duplicate_column") for c in columns[columns.duplicated()].unique()]
    found += [(c, "missing_column") for c in REQUIRED_COLUMNS if c not in columns]
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


def _flagged(raw: pd.DataFrame, mask: pd.Series, column: str, rule: str) -> list[dict[str, object]]:
    """One problem for each row where ``mask`` holds, showing the raw value."""
    values = raw[column] if column in raw.columns else None
    return [
        {
            "row": int(pos),
            "column": column,
            "value": None if values is None else values.iloc[pos],
            "rule": rule,
        }
        for pos in np.flatnonzero(mask.to_numpy(dtype=bool))
    ]


def _absent(kind: str, index: pd.Index) -> pd.Series | bool | float:
    """Return the value of an optional column the input does not have."""
    if kind == "boolean":
        return False
    if kind == "date":
        return pd.Series(pd.NaT, index=index, dtype="datetime64[ns]")
    if kind in ("number", "integer"):
        return np.nan
    return pd.Series(pd.NA, index=index, dtype="string")


_WINDOWS: Final[dict[str, Window]] = {"date_start": "start", "date_end": "end"}
"""What a year or a month in a date column becomes: a window's first or last day."""

_LIMITED_UNITS: Final = ("events", "people", "characters")
"""Units of the number columns that may not exceed :data:`COUNT_MAX`."""


def _parse_column(
    raw: pd.DataFrame, col: str
) -> tuple[pd.Series, list[dict[str, object]], np.ndarray | None]:
    """Parse one schema column into its kind.

    Returns it, the problems found and, for a date column, how each date was
    written (``'day'``, ``'month'``, ``'year'``).
    """
    column = raw[col]
    blank = _blank(column)
    kind = COLUMNS[col].kind
    problems: list[dict[str, object]] = []
    forms = None
    if kind == "date":
        dates = parse_dates(column, window=_WINDOWS.get(col, "day"))
        parsed, forms = dates.days, dates.forms
        problems += [
            {"row": row, "column": col, "value": column.iloc[row], "rule": rule}
            for row, rule in sorted(dates.problems.items())
        ]
    elif kind in ("number", "integer"):
        parsed = _parse_numbers(column)
        problems += _number_problems(raw, col, parsed, blank)
    elif kind == "boolean":
        parsed = _parse_booleans(column)
        problems += _flagged(raw, parsed.isna() & ~blank, col, "boolean_unparseable")
        parsed = parsed.fillna(False).astype(bool)
    else:
        parsed = _parse_strings(column)
    if COLUMNS[col].required and col != "count":
        problems += _flagged(raw, blank, col, "required_value")
    return parsed, problems, forms


def _number_problems(
    raw: pd.DataFrame, col: str, parsed: pd.Series, blank: pd.Series
) -> list[dict[str, object]]:
    """Numbers that do not parse, are not finite, too large, or not whole where they must be."""
    problems = _flagged(raw, parsed.isna() & ~blank, col, "number_unparseable")
    values = parsed.to_numpy()
    infinite = np.isinf(values)
    if col in OPEN_BOUND_COLUMNS:  # inf is an open upper bound
        infinite &= values < 0
    problems += _flagged(raw, pd.Series(infinite), col, "not_finite")
    if COLUMNS[col].unit in _LIMITED_UNITS:
        too_large = np.isfinite(values) & (values > COUNT_MAX)
        problems += _flagged(raw, pd.Series(too_large), col, "above_maximum")
    if COLUMNS[col].kind == "integer":
        whole = np.isfinite(values) & (values != np.floor(values))
        problems += _flagged(raw, pd.Series(whole), col, "integer")
    return problems


def _parse_columns(raw: pd.DataFrame) -> tuple[pd.DataFrame, list[dict[str, object]]]:
    """Parse every schema column (absent optional ones added empty), in schema order."""
    typed = pd.DataFrame(index=raw.index)
    problems: list[dict[str, object]] = []
    forms: dict[str, np.ndarray] = {}
    for col in COLUMN_ORDER:
        if col not in raw.columns:
            typed[col] = _absent(COLUMNS[col].kind, raw.index)
            continue
        typed[col], found, form = _parse_column(raw, col)
        problems += found
        if form is not None:
            forms[col] = form
    problems += _fill_precision(typed, raw, forms)
    return typed, problems


_RANK: Final[dict[str, int]] = {p: i for i, p in enumerate(DATE_PRECISIONS)}


def _fill_precision(
    typed: pd.DataFrame, raw: pd.DataFrame, forms: dict[str, np.ndarray]
) -> list[dict[str, object]]:
    """Fill ``date_precision`` from dates written as a year or a month (in place).

    The window's precision is the coarser of the two dates' forms.  A given
    ``date_precision`` finer than that is a problem (``precision_mismatch``);
    an equal or coarser one is kept.
    """
    ranks = [
        np.select([forms[col] == "year", forms[col] == "month"], [_RANK["year"], _RANK["month"]], 0)
        for col in ("date_start", "date_end")
    ]
    implied = np.maximum(*ranks)
    partial = implied > _RANK["day"]
    if not partial.any():
        return []
    given = typed["date_precision"]
    given_rank = given.map(_RANK).astype("float64").to_numpy()
    fill = partial & given.isna().to_numpy()
    typed.loc[fill, "date_precision"] = [DATE_PRECISIONS[r] for r in implied[fill]]
    mismatch = partial & (given_rank < implied)
    shown = [c for c in ("date_precision", "date_start", "date_end") if c in raw.columns]
    return [
        {
            "row": int(row),
            "column": "date_precision",
            "value": ", ".join(f"{c}={raw[c].iloc[row]}" for c in shown),
            "rule": "precision_mismatch",
        }
        for row in np.flatnonzero(mismatch)
    ]


def _problem_table(
    problems: list[dict[str, object]], name: str, line_numbers: Sequence[int] | None
) -> pd.DataFrame:
    """One row per problem, sorted by row, column and rule, with file, line and message."""
    table = pd.DataFrame(problems, columns=["row", "column", "value", "rule"])
    table = table.drop_duplicates(["row", "column", "rule"]).sort_values(
        ["row", "column", "rule"], kind="stable"
    )
    table.insert(0, "file", name)
    table.insert(
        1,
        "line",
        [line_numbers[int(r)] if line_numbers is not None else None for r in table["row"]],
    )
    table["message"] = table["rule"].map(RULES)
    table["value"] = table["value"].map(lambda v: None if v is None or pd.isna(v) else str(v))
    return table.reset_index(drop=True)[_PROBLEM_COLUMNS]


def _canonical(events: pd.DataFrame) -> pd.DataFrame:
    """Give valid records their canonical dtypes (in place); return them."""
    events["event_type"] = pd.Categorical(events["event_type"], categories=EVENT_TYPES)
    events["date_precision"] = pd.Categorical(events["date_precision"], categories=DATE_PRECISIONS)
    for col in ("evidence_start", "evidence_end"):
        events[col] = events[col].astype("Int64")
    for col in STRING_COLUMNS:
        events[col] = events[col].astype("string")
    for col in DATE_COLUMNS:
        events[col] = events[col].astype("datetime64[ns]")
    for col in BOOLEAN_COLUMNS:
        events[col] = events[col].astype(bool)
    return events


def _rejects(
    raw: pd.DataFrame, bad: np.ndarray, table: pd.DataFrame, line_numbers: Sequence[int] | None
) -> pd.DataFrame:
    """Return the rejected input rows as read, with their row, line and every rule broken."""
    rejects = raw.loc[bad].copy()
    rows = np.flatnonzero(bad)
    rejects.insert(0, "row", rows)
    rejects.insert(
        1, "line", [line_numbers[int(r)] if line_numbers is not None else None for r in rows]
    )
    summary: dict[int, list[str]] = {}
    for row, col, rule in zip(table["row"], table["column"], table["rule"], strict=True):
        summary.setdefault(int(row), []).append(rule if _is_na(col) else f"{col}: {rule}")
    rejects["problems"] = ["; ".join(summary[int(r)]) for r in rejects["row"]]
    return rejects.reset_index(drop=True)


def _pandera_problems(typed: pd.DataFrame, raw: pd.DataFrame) -> list[dict[str, object]]:
    """Run the pandera value rules; return one problem per failing cell."""
    import pandera.errors as pae

    checkable = typed.copy()
    for col in ("event_type", "date_precision", "event_id"):
        checkable[col] = checkable[col].astype(object)
    try:
        _build_pandera_schema().validate(checkable, lazy=True)
    except pae.SchemaErrors as err:
        cases = err.failure_cases
    else:
        return []
    out: list[dict[str, object]] = []
    for case in cases.itertuples(index=False):
        if pd.isna(case.index):
            continue
        pos = int(case.index)
        if case.schema_context == "DataFrameSchema":
            rule = str(case.check)
            columns = _FRAME_RULE_COLUMNS[rule]
            shown = [
                "" if c not in raw.columns or _is_na(raw[c].iloc[pos]) else raw[c].iloc[pos]
                for c in columns
            ]
            value: object = ", ".join(f"{c}={v}" for c, v in zip(columns, shown, strict=True))
            out.append({"row": pos, "column": columns[0], "value": value, "rule": rule})
        else:
            col = str(case.column)
            rule = _COLUMN_RULES.get(col, "negative")
            out.append({"row": pos, "column": col, "value": raw[col].iloc[pos], "rule": rule})
    return out


def _is_na(value: object) -> bool:
    return value is None or (not isinstance(value, str) and bool(pd.isna(cast(Any, value))))
