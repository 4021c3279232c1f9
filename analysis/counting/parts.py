"""A part of the records read into arrays, with the checks a count needs.

:func:`read_part` reads the few columns a count uses from a chunk of rows (or
a Dask partition) into NumPy arrays: days since 1970-01-01, the count and its
bounds, integer codes of the event type and of each ``by`` column.  It checks
what the count relies on (dates present and in order, known event types,
counts not negative, bounds in order) and raises naming the rows that break
it, counted in the whole frame (``offset``) and the partition (``where``).

Examples
--------
>>> import pandas as pd
>>> from analysis.counting.options import count_options
>>> rows = pd.DataFrame({"event_type": ["attack"],
...     "date_start": pd.to_datetime(["1970-01-02"]),
...     "date_end": pd.to_datetime(["1970-01-04"]), "count": [3.0]})
>>> part = read_part(rows, count_options())
>>> part.d0.tolist(), part.d1.tolist(), part.count.tolist()
([1], [3], [3.0])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from analysis.counting.exact import COUNT_LIMIT
from analysis.counting.options import LIST_SEPARATOR, CountOptions

_NAT: Final = np.iinfo(np.int64).min
_UNITS_PER_DAY: Final[dict[str, int]] = {
    "ns": 86_400_000_000_000,
    "us": 86_400_000_000,
    "ms": 86_400_000,
    "s": 86_400,
    "D": 1,
}


def describe_rows(where: str, positions: np.ndarray, offset: int = 0) -> str:
    """Name the first ten of ``positions`` as rows of the whole frame, in an error message.

    Examples
    --------
    >>> import numpy as np
    >>> describe_rows("partition 2, ", np.array([3, 5]), offset=100)
    'partition 2, rows [103, 105]'
    """
    return f"{where}rows {(positions[:10] + offset).tolist()}"


def _day_numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray, int]:
    """Calendar days since 1970-01-01 (floor), int64, a new array.

    Returns the days, the raw integers they come from (a view) and the day a
    missing date (``NaT``) floors to: no day at or below it is a real one
    unless its raw value says so.
    """
    arr = values.to_numpy()
    if arr.dtype.kind != "M":
        arr = values.to_numpy(dtype="datetime64[ns]")
    unit = np.datetime_data(arr.dtype)[0]
    if unit not in _UNITS_PER_DAY:
        arr, unit = arr.astype("datetime64[ns]"), "ns"
    raw = arr.view(np.int64)
    per_day = _UNITS_PER_DAY[unit]
    days = raw // per_day if per_day != 1 else raw.copy()
    return days, raw, _NAT // per_day


def _extreme(values: np.ndarray, skip: np.ndarray | None, *, largest: bool) -> int:
    """Smallest (or largest) of ``values`` outside the rows ``skip``.

    ``values`` is briefly changed at those rows and then restored.
    """
    if skip is None:
        return int(values.max() if largest else values.min())
    saved = values[skip]
    info = np.iinfo(values.dtype)
    values[skip] = info.min if largest else info.max
    try:
        return int(values.max() if largest else values.min())
    finally:
        values[skip] = saved


def _numbers(values: pd.Series) -> np.ndarray:
    if values.dtype == np.float64:
        return values.to_numpy()
    return pd.to_numeric(values).to_numpy(dtype=float, na_value=np.nan)


def _encode(values: pd.Series) -> tuple[np.ndarray, list[Any], bool]:
    """Encode values as integer codes (-1 = missing).

    Returns the codes, the labels they stand for, and whether the labels are a
    categorical's categories.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(), list(values.cat.categories), True
    if getattr(values.dtype, "storage", None) == "pyarrow" and hasattr(
        values.array, "__arrow_array__"
    ):
        # Arrow strings: encode with Arrow directly (what pandas.factorize does, minus
        # the wrapping).  Codes are in order of first appearance, like factorize.
        import pyarrow as pa
        import pyarrow.compute as pc

        arrow = values.array.__arrow_array__()
        chunks = [
            c for c in (arrow.chunks if isinstance(arrow, pa.ChunkedArray) else [arrow]) if len(c)
        ]
        if not chunks:
            return np.empty(0, dtype=np.int32), [], False
        # Encoding a chunked array shares one dictionary over its chunks.
        encoded = pa.chunked_array(chunks, type=chunks[0].type).dictionary_encode()
        dictionary = encoded.chunk(0).dictionary
        if any(not c.dictionary.equals(dictionary) for c in encoded.chunks[1:]):
            encoded = pa.chunked_array([encoded.combine_chunks()])  # pragma: no cover
            dictionary = encoded.chunk(0).dictionary
        codes = np.concatenate(
            [pc.fill_null(c.indices, -1).to_numpy(zero_copy_only=False) for c in encoded.chunks]
        )
        return codes, dictionary.to_pylist(), False
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    return codes, list(uniques), False


def lookup(labels: list[Any], index: dict[Any, int], missing: int) -> np.ndarray:
    """Map local labels to global codes; position -1 (a missing value) maps to ``missing``."""
    return np.array([index.get(v, missing) for v in labels] + [missing], dtype=np.int64)


@dataclass
class Part:
    """One part of the records, read into arrays (the rows a count uses).

    Counting a part consumes it: its day arrays become bin numbers.  Under
    ``multi='split'`` or ``'each'`` a record listing several values of a
    ``by`` column stands on one row per value (its copies next to each
    other): ``n_rows`` counts those rows, ``records`` the records read.
    """

    where: str
    offset: int
    n_rows: int
    skip: np.ndarray | None  # positions of rows not counted (aggregates); None: none
    first_day: int | None  # earliest date_start / latest date_end of counted rows
    last_day: int | None
    d0: np.ndarray
    d1: np.ndarray
    count: np.ndarray
    low: np.ndarray
    high: np.ndarray
    special: np.ndarray  # positions of rows whose bounds differ from their count: few
    special_values: tuple[np.ndarray, np.ndarray, np.ndarray]  # their count, low, high
    type_code: np.ndarray  # index into event_types; -1 only on rows not counted
    by_codes: list[np.ndarray]  # local codes, -1 = missing
    by_labels: list[list[Any]]
    by_categorical: list[bool]
    records: int = -1  # records read (rows of the frame); -1: n_rows
    aggregates: int = 0  # of them, period aggregates left out
    extra: np.ndarray | None = None  # rows that are a record's second, third... copy
    listed: np.ndarray | None = None  # first rows of records listing several values
    widened: int = 0  # counted rows whose bounds were widened to hold their value

    def __post_init__(self) -> None:
        if self.records < 0:
            self.records = self.n_rows
            self.aggregates = 0 if self.skip is None else len(self.skip)

    @property
    def n_counted(self) -> int:
        """Rows counted (not skipped)."""
        return self.n_rows - (0 if self.skip is None else len(self.skip))


def _flags(values: pd.Series) -> np.ndarray:
    if values.dtype == np.bool_:
        return values.to_numpy()
    return values.fillna(False).to_numpy(dtype=bool)


def read_part(frame: pd.DataFrame, options: CountOptions, where: str = "", offset: int = 0) -> Part:
    """Read and check the columns a count uses; raise naming the offending rows.

    The value summed is ``options.value`` with its bounds (see
    :func:`fill_bounds`); under ``options.multi`` ``'split'`` or ``'each'``
    the records listing several ``;``-separated values of a ``by`` column are
    then laid out one row per value (:func:`expand_lists`), after every check,
    so that errors name the rows of ``frame``.
    """
    n = len(frame)
    skip = None
    if "is_aggregate" in frame.columns and not options.include_aggregates:
        aggregates = np.flatnonzero(_flags(frame["is_aggregate"]))
        skip = aggregates if len(aggregates) else None
    d0, d1, first, last = _read_days(frame, skip, where, offset)
    type_code = _type_codes(frame, options, skip, where, offset)
    count, low, high, special, widened = _read_values(frame, options, skip, where, offset)
    values = (count[special], low[special], high[special])
    encoded = [_encode(frame[col]) for col in options.by]
    part = Part(
        where=where,
        offset=offset,
        n_rows=n,
        skip=skip,
        first_day=first,
        last_day=last,
        d0=d0,
        d1=d1,
        count=count,
        low=low,
        high=high,
        special=special,
        special_values=values,
        type_code=type_code,
        by_codes=[e[0] for e in encoded],
        by_labels=[e[1] for e in encoded],
        by_categorical=[e[2] for e in encoded],
        widened=widened,
    )
    return part if options.multi == "joint" else expand_lists(part, options)


def _read_values(
    frame: pd.DataFrame, options: CountOptions, skip: np.ndarray | None, where: str, offset: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """Read and check the value summed and its bounds.

    Returns the value, its lower and upper bounds (see :func:`fill_bounds`),
    the positions of the rows whose bounds differ from their value, and for a
    value other than ``count`` the number of counted rows whose bounds were
    widened to hold their value (:func:`widen_bounds`).
    """
    count, low, high = _numbers(frame[options.value]), *map(_numbers, _bounds(frame, options))
    widened = 0
    if options.value != "count":
        low, high, widened = widen_bounds(count, low, high, skip)
    # Rows whose bounds differ from their count, or that have no count: few.
    # (A comparison with NaN is unequal, so missing values land here.)  Only on
    # them can a bound be out of order or negative while the count is not.
    special = _special(count, low, high)
    too_large = np.greater_equal(count, COUNT_LIMIT).any()  # inf included
    if len(frame) - (0 if skip is None else len(skip)):
        values = (count[special], low[special], high[special])
        if np.less(count, 0).any() or too_large or _bad_bounds(*values).any():
            names = (options.value, *options.bounds)
            _raise_bad_counts((count, low, high), names, special, skip, where, offset)
        if options.value == "count":
            _check_points(count, low, special, skip, where, offset)
    if options.value != "count":
        low, high = fill_bounds(count, low, high)
        special = _special(count, low, high)
    return count, low, high, special, widened


def widen_bounds(
    value: np.ndarray, low: np.ndarray, high: np.ndarray, skip: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, int]:
    """Widen a value's bounds where they do not hold the value itself.

    Sources give tolls with bounds that do not always hold their own best
    figure (UCDP's ``best`` is now and then below its ``low`` or above its
    ``high``).  The bounds of such a row become the smallest and largest of
    the three numbers; nothing else changes.  Missing bounds are left to
    :func:`fill_bounds` (here they take the value, which is what it would do).

    Returns
    -------
    tuple
        The new lower and upper bounds, and how many rows not in ``skip``
        were widened.

    Examples
    --------
    >>> import numpy as np
    >>> low, high, n = widen_bounds(np.array([10.0, 4.0]), np.array([9.0, 5.0]),
    ...                             np.array([9.0, 5.0]))
    >>> low.tolist(), high.tolist(), n
    ([9.0, 4.0], [10.0, 5.0], 2)
    """
    outside = np.less(value, low) | np.greater(value, high)
    if skip is not None:
        outside[skip] = False
    return np.fmin(low, value), np.fmax(high, value), int(np.count_nonzero(outside))


def _special(count: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    special = np.not_equal(low, count)
    special |= np.not_equal(high, count)
    return np.flatnonzero(special)


def _read_days(
    frame: pd.DataFrame, skip: np.ndarray | None, where: str, offset: int
) -> tuple[np.ndarray, np.ndarray, int | None, int | None]:
    """Days of ``date_start`` and ``date_end``, and the first and last of the counted rows."""
    d0, raw0, nat0 = _day_numbers(frame["date_start"])
    d1, raw1, _ = _day_numbers(frame["date_end"])
    counted = len(frame) - (0 if skip is None else len(skip))
    first = last = None
    if counted:
        # One pass finds both a missing date (it floors below every real day,
        # and a missing end is before its start) and an end before its start.
        first = _extreme(d0, skip, largest=False)
        reversed_ = d1 < d0
        if skip is not None:
            reversed_[skip] = False
        if first <= nat0 or reversed_.any():
            _raise_bad_dates(raw0, raw1, d0, d1, skip, where, offset)
        last = _extreme(d1, skip, largest=True)
    return d0, d1, first, last


def _type_codes(
    frame: pd.DataFrame, options: CountOptions, skip: np.ndarray | None, where: str, offset: int
) -> np.ndarray:
    """Index of each row's event type in ``options.event_types``; raise for others."""
    types = list(options.event_types)
    codes, labels, _ = _encode(frame["event_type"])
    type_of = lookup(labels, {t: i for i, t in enumerate(types)}, -1).astype(np.int8)
    if codes.dtype == np.int8 and np.array_equal(type_of[:-1], np.arange(len(labels))):
        type_code = codes  # a categorical of exactly the counted types, in order
    else:
        type_code = type_of[codes]
    if (type_of[:-1] < 0).any() or (codes < 0).any():  # other types, or missing ones
        bad = type_code < 0
        if skip is not None:
            bad[skip] = False
        if bad.any():
            rows = np.flatnonzero(bad)
            found = sorted({str(v) for v in frame["event_type"].iloc[rows[:10]]})
            raise ValueError(
                f"count_events: column 'event_type' has values {found} at "
                f"{describe_rows(where, rows, offset)} outside the counted types {types}"
            )
    return type_code


def _bounds(frame: pd.DataFrame, options: CountOptions) -> tuple[pd.Series, pd.Series]:
    """Return the columns of the value's bounds; a missing column stands as all empty."""
    empty = pd.Series(np.full(len(frame), np.nan), index=frame.index)
    low, high = options.bounds
    return frame.get(low, empty), frame.get(high, empty)


def fill_bounds(
    value: np.ndarray, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Give a value other than ``count`` (``killed``, ...) the bounds its records imply.

    ``low`` and ``high`` are the bounds where a record gives them; where it
    does not, the value itself is both.  A record without a value keeps the
    bounds it gives, its lower bound 0 where not given and its upper bound
    open (empty) where not given: a toll nobody reported is unknown, at least
    0.  It then enters the sum with the midpoint of its bounds, or its lower
    bound where the upper is open, as a record without a count does.  (For
    ``count`` itself the engine gives an unknown ``count_low`` its meaning.)

    Returns
    -------
    tuple of numpy.ndarray
        The lower and upper bounds, new arrays.

    Examples
    --------
    >>> import numpy as np
    >>> nan = np.nan
    >>> low, high = fill_bounds(np.array([4.0, nan, nan]), np.array([nan, nan, nan]),
    ...                         np.array([nan, 10.0, nan]))
    >>> low.tolist(), high.tolist()
    ([4.0, 0.0, 0.0], [4.0, 10.0, nan])
    """
    known = ~np.isnan(value)
    low = np.where(np.isnan(low), np.where(known, value, 0.0), low)
    high = np.where(np.isnan(high) & known, value, high)
    return low, high


def _check_points(
    count: np.ndarray,
    low: np.ndarray,
    special: np.ndarray,
    skip: np.ndarray | None,
    where: str,
    offset: int,
) -> None:
    """Raise for a counted record with neither a count nor a lower bound."""
    no_point = special[np.isnan(count[special]) & np.isnan(low[special])]
    if len(no_point) and skip is not None:
        skipped = np.zeros(len(count), dtype=bool)
        skipped[skip] = True
        no_point = no_point[~skipped[no_point]]
    if len(no_point):
        rows = describe_rows(where, no_point, offset)
        raise ValueError(f"count_events: records at {rows} have neither count nor count_low")


def list_parts(value: Any) -> list[Any]:
    """Return the values a cell lists: ``'Homs;Raqqa'`` -> ``['Homs', 'Raqqa']``.

    Text is stripped of spaces around each value, and repeats are dropped; a
    cell of spaces and separators only lists nothing (a missing value).  A
    cell that is not text is one value as it is.

    Examples
    --------
    >>> list_parts("Raqqa; Homs;Raqqa"), list_parts(" Homs "), list_parts(";"), list_parts(3)
    (['Raqqa', 'Homs'], ['Homs'], [], [3])
    """
    if not isinstance(value, str):
        return [value]
    parts = (p.strip() for p in value.split(LIST_SEPARATOR))
    return list(dict.fromkeys(p for p in parts if p))


def expand_lists(part: Part, options: CountOptions) -> Part:
    """Lay out the records that list several values of a ``by`` column one row per value.

    Under ``options.multi == 'split'`` each row carries ``1/k`` of the
    record's value and bounds (``k`` values listed; with several listed
    columns, the product); under ``'each'`` the whole.  A record's copies
    stand next to each other; the part remembers which rows are copies, so
    that the count report counts records, not rows.

    Examples
    --------
    >>> import pandas as pd
    >>> from analysis.counting.options import count_options
    >>> rows = pd.DataFrame({"event_type": ["attack"], "admin1": ["Homs;Raqqa"],
    ...     "date_start": pd.to_datetime(["2024-01-02"]),
    ...     "date_end": pd.to_datetime(["2024-01-02"]), "count": [3.0]})
    >>> part = read_part(rows, count_options(by="admin1"))
    >>> part.by_labels, part.by_codes[0].tolist(), part.count.tolist(), part.records
    ([['Homs', 'Raqqa']], [0, 1], [1.5, 1.5], 1)
    """
    origin = None
    for i in range(len(part.by_labels)):
        layout = _list_layout(part.by_labels[i])
        if layout is None:
            continue
        labels, table, offsets, ks = layout
        codes = part.by_codes[i]
        if (ks == 1).all():  # no list of several values: only the labels change
            part.by_codes[i] = table[offsets[codes]]
            part.by_labels[i], part.by_categorical[i] = labels, False
            continue
        k = ks[codes]
        rows = np.repeat(np.arange(part.n_rows), k)
        copy = np.arange(len(rows)) - np.repeat(np.cumsum(k) - k, k)
        _take_rows(part, rows, None if options.multi == "each" else 1.0 / k[rows])
        part.by_codes[i] = table[offsets[codes[rows]] + copy]
        part.by_labels[i], part.by_categorical[i] = labels, False
        origin = rows if origin is None else origin[rows]
    if origin is not None:
        _mark_copies(part, origin)
    return part


def _list_layout(
    labels: list[Any],
) -> tuple[list[Any], np.ndarray, np.ndarray, np.ndarray] | None:
    """How the labels of a ``by`` column split into the values they list; None: they do not.

    Returns the new labels, then for each old label (and a last entry for a
    missing value) where its new codes start in ``table`` and how many there
    are (``ks``).
    """
    parts = [list_parts(v) for v in labels]
    if all(p == [v] for p, v in zip(parts, labels, strict=True)):
        return None
    new_labels = list(dict.fromkeys(v for p in parts for v in p))
    index = {v: j for j, v in enumerate(new_labels)}
    table: list[int] = []
    offsets, ks = [], []
    for p in [*parts, []]:  # the last: a missing value
        offsets.append(len(table))
        codes = [index[v] for v in p] or [-1]
        table.extend(codes)
        ks.append(len(codes))
    return (
        new_labels,
        np.array(table, dtype=np.int64),
        np.array(offsets, dtype=np.int64),
        np.array(ks, dtype=np.int64),
    )


def _take_rows(part: Part, rows: np.ndarray, weight: np.ndarray | None) -> None:
    """Replace the part's rows by ``rows`` of them (in place), values times ``weight``."""
    if weight is not None:
        # An unknown lower bound of a count means "at least min(1, count)" for the
        # record: make it explicit before dividing, so that the copies share it.
        # (Other values have every lower bound filled by read_values.)
        unknown = np.isnan(part.low) & ~np.isnan(part.count)
        part.low = np.where(unknown, np.minimum(1.0, part.count), part.low)
    if part.skip is not None:
        skipped = np.zeros(part.n_rows, dtype=bool)
        skipped[part.skip] = True
        part.skip = np.flatnonzero(skipped[rows])
    part.d0, part.d1, part.type_code = part.d0[rows], part.d1[rows], part.type_code[rows]
    part.by_codes = [codes[rows] for codes in part.by_codes]
    part.count, part.low, part.high = part.count[rows], part.low[rows], part.high[rows]
    if weight is not None:
        part.count = part.count * weight
        part.low = part.low * weight
        part.high = part.high * weight
    part.n_rows = len(rows)
    part.special = _special(part.count, part.low, part.high)
    part.special_values = tuple(a[part.special] for a in (part.count, part.low, part.high))


def _mark_copies(part: Part, origin: np.ndarray) -> None:
    """Note which rows repeat a record (``extra``) and which records list several values."""
    repeat = np.zeros(len(origin), dtype=bool)
    repeat[1:] = origin[1:] == origin[:-1]
    part.extra = np.flatnonzero(repeat)
    starts = np.flatnonzero(~repeat)
    lengths = np.diff(np.append(starts, len(origin)))
    part.listed = starts[lengths > 1]


def _raise_bad_dates(
    raw0: np.ndarray,
    raw1: np.ndarray,
    d0: np.ndarray,
    d1: np.ndarray,
    skip: np.ndarray | None,
    where: str,
    offset: int,
) -> None:
    """Raise for the first kind of bad date found among counted rows (if any)."""
    counted = np.ones(len(raw0), dtype=bool)
    if skip is not None:
        counted[skip] = False
    for column, raw in (("date_start", raw0), ("date_end", raw1)):
        bad = (raw == _NAT) & counted
        if bad.any():
            raise ValueError(
                f"count_events: column {column!r} has missing dates at "
                f"{describe_rows(where, np.flatnonzero(bad), offset)}; validate the records with "
                "analysis.load_events first"
            )
    bad = (d1 < d0) & counted
    if bad.any():
        rows = describe_rows(where, np.flatnonzero(bad), offset)
        raise ValueError(f"count_events: date_end is before date_start at {rows}")


_ORDER: Final = ((1, 2), (0, 2), (1, 0))
"""Pairs ``(a, b)`` of (value, low, high) for which ``a <= b`` must hold where both are given."""


def _out_of_order(c: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> list[np.ndarray]:
    """For each pair of :data:`_ORDER`, where ``a > b`` (a missing value breaks nothing)."""
    columns = (c, lo, hi)
    return [np.greater(columns[a], columns[b]) for a, b in _ORDER]


def _too_large(values: np.ndarray, *, upper: bool) -> np.ndarray:
    """Where a value or bound is at or above the limit (an infinite upper bound is open)."""
    large = np.greater_equal(values, COUNT_LIMIT)
    if upper:
        large &= ~np.isposinf(values)
    return large


def _bad_bounds(c: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Where ``0 <= low <= value <= high`` or the limit breaks (NaN breaks nothing)."""
    bad = np.less(lo, 0)
    bad |= np.less(hi, 0)
    bad |= _too_large(lo, upper=False)
    bad |= _too_large(hi, upper=True)
    for out_of_order in _out_of_order(c, lo, hi):
        bad |= out_of_order
    return bad


def _raise_bad_counts(
    arrays: tuple[np.ndarray, np.ndarray, np.ndarray],
    names: tuple[str, str, str],
    special: np.ndarray,
    skip: np.ndarray | None,
    where: str,
    offset: int,
) -> None:
    """Raise for the first kind of bad value found among counted rows (if any).

    ``arrays`` are the value, its lower and its upper bound, named by ``names``.
    """
    counted = np.ones(len(arrays[0]), dtype=bool)
    if skip is not None:
        counted[skip] = False
    for column, values in zip(names, arrays, strict=True):
        bad = np.less(values, 0) & counted
        if bad.any():
            rows = np.flatnonzero(bad)
            raise ValueError(
                f"count_events: column {column!r} has negative values "
                f"{values[rows[:10]].tolist()} at {describe_rows(where, rows, offset)}; "
                "counts must not be negative"
            )
    for i, (column, values) in enumerate(zip(names, arrays, strict=True)):
        bad = _too_large(values, upper=i == 2) & counted
        if bad.any():
            rows = np.flatnonzero(bad)
            raise ValueError(
                f"count_events: column {column!r} has values {values[rows[:10]].tolist()} at "
                f"{describe_rows(where, rows, offset)}; counts and bounds must be finite and "
                f"below 2**62 (only {names[2]} may be inf: no upper bound)"
            )
    orders = _out_of_order(*(a[special] for a in arrays))
    for (a, b), out_of_order in zip(_ORDER, orders, strict=True):
        bad = out_of_order & counted[special]
        if bad.any():
            rows = special[bad]
            pairs = list(
                zip(arrays[a][rows[:10]].tolist(), arrays[b][rows[:10]].tolist(), strict=True)
            )
            at = describe_rows(where, rows, offset)
            raise ValueError(
                f"count_events: {names[a]} is above {names[b]} at {at} "
                f"({names[a]}, {names[b]}: {pairs}); {names[1]} <= {names[0]} <= {names[2]} "
                "must hold where given"
            )
