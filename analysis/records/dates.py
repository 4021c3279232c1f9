"""Parse the date columns of records: days, and the windows of a year or a month.

A date is a calendar day, written ISO 8601 (``2024-10-02``; a time of day is
allowed and dropped).  In ``date_start`` and ``date_end`` a date may also be a
year (``2024``) or a month (``2024-10``): it stands for its whole window, so
that ``date_start`` takes the window's first day and ``date_end`` its last.
``date_start=2024, date_end=2024`` is 2024-01-01..2024-12-31;
``date_start=2024-10, date_end=2024-10`` is 2024-10-01..2024-10-31;
``date_start=2023, date_end=2024-03`` is 2023-01-01..2024-03-31.

What is not a day of the package's range is a problem of its row, never a
crash: text that is not a date (``date_unparseable``), a date with a time
zone (``date_timezone``: which day ``2024-10-02T01:00+03:00`` is depends on
the zone), a day outside :data:`~analysis.records.schema.DATE_MIN` ..
:data:`~analysis.records.schema.DATE_MAX` (``date_range``), and a year or a
month where a day is needed (``date_partial``, e.g. in ``published``).

Examples
--------
>>> import pandas as pd
>>> raw = pd.Series(["2024", "2024-10", "2024-10-02", "2300-01-01", ""])
>>> start = parse_dates(raw, window="start")
>>> [None if pd.isna(d) else str(d.date()) for d in start.days]
['2024-01-01', '2024-10-01', '2024-10-02', None, None]
>>> [None if pd.isna(d) else str(d.date()) for d in parse_dates(raw, window="end").days]
['2024-12-31', '2024-10-31', '2024-10-02', None, None]
>>> start.forms.tolist()
['year', 'month', 'day', '', '']
>>> start.problems
{3: 'date_range'}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal, NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa

from analysis.records._columns import blank_values, encode, string_array, stripped_text
from analysis.records.schema import DATE_MAX, DATE_MIN

Window = Literal["start", "end", "day"]

_TIME_ZONE: Final = re.compile(
    r"\d:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)$"
)
"""A time of day followed by a zone (``Z``, ``+03:00``, ``-0500``): the end of a zoned timestamp."""

_FIRST_YEAR: Final = pd.Timestamp(DATE_MIN).year
_LAST_YEAR: Final = pd.Timestamp(DATE_MAX).year


@dataclass(frozen=True)
class ParsedDates:
    """A date column parsed into days.

    Attributes
    ----------
    days : pandas.Series
        ``datetime64[ns]`` at midnight; ``NaT`` where blank or a problem.
    forms : numpy.ndarray
        ``'day'``, ``'month'`` or ``'year'``: how each date was written
        (``''`` where blank or a problem).
    problems : dict
        Row position -> rule, for each value that is not a day of the range.
    """

    days: pd.Series
    forms: np.ndarray
    problems: dict[int, str]


def parse_dates(raw: pd.Series, *, window: Window = "day") -> ParsedDates:
    """Parse a raw date column (strings, or already typed) into days.

    Parameters
    ----------
    raw : pandas.Series
        The column as read: text, or a ``datetime64`` column.
    window : {'start', 'end', 'day'}, default 'day'
        What a year or a month becomes: its first day (``'start'``), its
        last day (``'end'``), or a problem (``'day'``: rule ``date_partial``).

    Returns
    -------
    ParsedDates
        The days, how each was written, and the problems found.
    """
    column = parse_date_column(raw, window=window)
    problems = {
        int(pos): DATE_RULES[column.rules[pos]] for pos in np.flatnonzero(column.rules).tolist()
    }
    forms = np.asarray(FORMS, dtype="<U5")[column.forms]
    return ParsedDates(pd.Series(column.days, index=raw.index), forms, problems)


FORMS: Final = ("", "day", "month", "year")
"""How a date was written, by the codes of :attr:`DateColumn.forms` (``''``: blank or a problem)."""

DATE_RULES: Final = ("", "date_unparseable", "date_range", "date_timezone", "date_partial")
"""The rules a date may break, by the codes of :attr:`DateColumn.rules` (``''``: none)."""


class DateColumn(NamedTuple):
    """A date column parsed into arrays, one value per row.

    Attributes
    ----------
    days : numpy.ndarray
        ``datetime64[ns]`` at midnight; ``NaT`` where blank or a problem.
    forms : numpy.ndarray
        int8 codes into :data:`FORMS`.
    rules : numpy.ndarray
        int8 codes into :data:`DATE_RULES`: the rule each value broke, 0 for none.
    blank : numpy.ndarray
        Whether each value is missing or only white space.
    """

    days: np.ndarray
    forms: np.ndarray
    rules: np.ndarray
    blank: np.ndarray

    def take(self, codes: np.ndarray) -> DateColumn:
        """Return the values at ``codes``: each row's value from the parse of the distinct ones."""
        return DateColumn(self.days[codes], self.forms[codes], self.rules[codes], self.blank[codes])


def parse_date_column(raw: pd.Series, *, window: Window = "day") -> DateColumn:
    """Parse a raw date column into arrays, each distinct text parsed once.

    A file of a million records holds a few thousand distinct days: they
    are parsed (years, months, days, times of day, zones, as
    :func:`parse_dates` describes) and each row takes its value's result.

    Examples
    --------
    >>> column = parse_date_column(pd.Series(["2024-10", "2024-10-02", "x", "2024-10"]),
    ...                            window="end")
    >>> [str(d)[:10] for d in column.days]
    ['2024-10-31', '2024-10-02', 'NaT', '2024-10-31']
    >>> [FORMS[f] for f in column.forms], [DATE_RULES[r] for r in column.rules]
    (['month', 'day', '', 'month'], ['', '', 'date_unparseable', ''])
    """
    if isinstance(raw.dtype, pd.DatetimeTZDtype):
        zoned = raw.notna().to_numpy(dtype=bool)
        return DateColumn(
            np.full(len(raw), np.datetime64("NaT"), dtype="datetime64[ns]"),
            np.zeros(len(raw), dtype=np.int8),
            np.where(zoned, _RULE_CODE["date_timezone"], 0).astype(np.int8),
            ~zoned,
        )
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return _typed_days(raw.to_numpy())
    codes, values = encode(stripped_text(raw))
    return parse_date_values(values, window=window).take(codes)


def parse_date_values(values: pa.Array, *, window: Window = "day") -> DateColumn:
    """Parse stripped date texts (null where missing), one result per value."""
    parsed = _text_days(pd.Series(string_array(values)), window)
    forms = np.select(
        [parsed.forms == form for form in FORMS[1:]], list(range(1, len(FORMS))), 0
    ).astype(np.int8)
    rules = np.zeros(len(values), dtype=np.int8)
    for pos, rule in parsed.problems.items():
        rules[pos] = _RULE_CODE[rule]
    days = parsed.days.to_numpy(dtype="datetime64[ns]")
    return DateColumn(days, forms, rules, blank_values(values))


_RULE_CODE: Final = {rule: code for code, rule in enumerate(DATE_RULES)}

_FIRST_DAY: Final = np.datetime64(DATE_MIN, "D")
_LAST_DAY: Final = np.datetime64(DATE_MAX, "D")


def _typed_days(values: np.ndarray) -> DateColumn:
    """Days of a ``datetime64`` column, checked against the range."""
    days = values.astype("datetime64[D]")  # floors a time of day to its day
    outside = (days < _FIRST_DAY) | (days > _LAST_DAY)  # NaT compares False
    if outside.any():
        days = np.where(outside, np.datetime64("NaT"), days)
    present = ~np.isnat(days)
    return DateColumn(
        days.astype("datetime64[ns]"),
        np.where(present, _FORM_CODE["day"], 0).astype(np.int8),
        np.where(outside, _RULE_CODE["date_range"], 0).astype(np.int8),
        np.isnat(values),
    )


_FORM_CODE: Final = {form: code for code, form in enumerate(FORMS)}


def _in_range(parsed: pd.Series) -> tuple[pd.Series, dict[int, str]]:
    """Normalise to days in ``datetime64[ns]``; days outside the range become problems."""
    outside = parsed.notna() & ((parsed < pd.Timestamp(DATE_MIN)) | (parsed >= _AFTER_MAX))
    problems = {int(pos): "date_range" for pos in np.flatnonzero(outside.to_numpy())}
    kept = parsed.mask(outside) if problems else parsed
    return kept.dt.normalize().astype("datetime64[ns]"), problems


_AFTER_MAX: Final = pd.Timestamp(DATE_MAX) + pd.Timedelta(days=1)


def _text_days(text: pd.Series, window: Window) -> ParsedDates:
    """Days of a text column: full dates, years and months, zoned timestamps."""
    n = len(text)
    days = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    forms = np.full(n, "", dtype="<U5")
    problems: dict[int, str] = {}
    length = text.str.len().fillna(0).to_numpy()
    filled = text.fillna("")
    partial = np.zeros(n, dtype=bool)
    for form, size in (("year", 4), ("month", 7)):
        candidates = np.flatnonzero(length == size)
        if not len(candidates):
            continue
        pattern = r"\d{4}" if form == "year" else r"\d{4}-\d{2}"
        values = filled.iloc[candidates]
        matched = candidates[values.str.fullmatch(pattern).to_numpy(dtype=bool)]
        if not len(matched):
            continue
        partial[matched] = True
        if window == "day":
            problems.update(dict.fromkeys(matched.tolist(), "date_partial"))
            continue
        found, bad = _windows(filled.iloc[matched], form, window)
        days.iloc[matched] = found
        forms[matched[~np.isnat(found)]] = form
        problems.update({int(matched[i]): rule for i, rule in bad.items()})
    rest = np.flatnonzero((length > 0) & ~partial)
    if len(rest):
        parsed, bad = _full_dates(filled.iloc[rest])
        problems.update({int(rest[i]): rule for i, rule in bad.items()})
        ok = parsed.notna().to_numpy()
        days.iloc[rest[ok]] = parsed.iloc[np.flatnonzero(ok)].to_numpy()
        forms[rest[ok]] = "day"
    return ParsedDates(days, forms, problems)


def _windows(values: pd.Series, form: str, window: Window) -> tuple[np.ndarray, dict[int, str]]:
    """First or last day of each year (``YYYY``) or month (``YYYY-MM``); problems by position."""
    year = values.str.slice(0, 4).astype(int).to_numpy()
    month = values.str.slice(5, 7).astype(int).to_numpy() if form == "month" else np.ones_like(year)
    bad_month = (month < 1) | (month > 12)
    outside = (year < _FIRST_YEAR) | (year > _LAST_YEAR)
    ok = ~bad_month & ~outside
    out = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    if ok.any():
        first = pd.to_datetime(
            pd.DataFrame({"year": year[ok], "month": month[ok], "day": 1})
        ).to_numpy()
        if window == "end":  # the day before the next window's first
            months = np.timedelta64(1 if form == "month" else 12, "M")
            following = (first.astype("datetime64[M]") + months).astype("datetime64[D]")
            first = (following - np.timedelta64(1, "D")).astype("datetime64[ns]")
        out[ok] = first
    problems = {int(i): "date_unparseable" for i in np.flatnonzero(bad_month)}
    problems.update({int(i): "date_range" for i in np.flatnonzero(outside & ~bad_month)})
    return out, problems


def _full_dates(text: pd.Series) -> tuple[pd.Series, dict[int, str]]:
    """Parse full ISO 8601 dates (a time of day dropped); positions of the problems."""
    zoned = np.zeros(len(text), dtype=bool)
    timed = np.flatnonzero(text.str.len().to_numpy() > len("YYYY-MM-DD"))  # few, usually
    if len(timed):
        zoned[timed] = text.iloc[timed].str.contains(_TIME_ZONE).to_numpy(dtype=bool)
    problems = {int(i): "date_timezone" for i in np.flatnonzero(zoned)}
    plain = text.mask(zoned) if zoned.any() else text
    try:
        parsed = pd.to_datetime(plain, format="ISO8601", errors="coerce")
        if isinstance(parsed.dtype, pd.DatetimeTZDtype):  # zones the pattern did not see
            raise ValueError("zoned")
    except (ValueError, OverflowError):
        parsed, more = _each_date(plain)
        problems.update(more)
    parsed, outside = _in_range(parsed)
    problems.update(outside)
    for i in np.flatnonzero(parsed.isna().to_numpy() & plain.notna().to_numpy()):
        problems.setdefault(int(i), "date_unparseable")
    return parsed, problems


def _each_date(text: pd.Series) -> tuple[pd.Series, dict[int, str]]:
    """Parse dates one by one, as strictly (the slow path, for a column with time zones)."""
    out = np.full(len(text), np.datetime64("NaT"), dtype="datetime64[us]")
    problems: dict[int, str] = {}
    for i, value in enumerate(text.tolist()):
        if not isinstance(value, str):
            continue
        try:
            one = pd.to_datetime(pd.Series([value]), format="ISO8601", errors="coerce")
        except (ValueError, OverflowError):
            continue
        if isinstance(one.dtype, pd.DatetimeTZDtype):
            problems[i] = "date_timezone"
        elif one.notna().iloc[0]:
            out[i] = one.iloc[0].to_datetime64()
    return pd.Series(out, index=text.index), problems
