"""Finish a count: difference arrays into the count frame and its report.

:func:`finish_counts` takes the summed difference arrays of every part of the
records and the plan they were counted on, turns them into daily values by a
cumulative sum, adds the days up into periods, rounds (``spread_integer``) and
builds the frame :func:`~analysis.counting.count.count_events` returns, with
the :class:`CountReport` that accounts for every input record.

Examples
--------
>>> import pandas as pd
>>> from analysis.counting.engine import count_partial, plan_counts, scan_events
>>> from analysis.counting.options import count_options
>>> options = count_options("MS")
>>> part = pd.DataFrame({"event_type": ["attack"],
...     "date_start": pd.to_datetime(["2024-01-31"]),
...     "date_end": pd.to_datetime(["2024-02-01"]), "count": [2.0]})
>>> plan = plan_counts([scan_events(part, options)], options)
>>> counts = finish_counts(count_partial(part, plan), plan)
>>> counts.loc[counts["event_type"] == "attack", ["period", "count"]].to_numpy().tolist()
[[Timestamp('2024-01-01 00:00:00'), 1.0], [Timestamp('2024-02-01 00:00:00'), 1.0]]
>>> CountReport.from_dict(counts.attrs["count_report"]).records_counted
1
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Final

import numpy as np
import pandas as pd

from analysis.counting.exact import normalise, to_float
from analysis.counting.options import FREQ_ALIASES
from analysis.counting.parts import list_parts

if TYPE_CHECKING:
    from analysis.counting.engine import CountPlan, PartialCounts

_ROUND_DECIMALS: Final = 9


@dataclass(frozen=True)
class CountReport:
    """What happened to every input record in a count.

    ``records_in == records_counted + aggregates_excluded + outside_window``.

    Attributes
    ----------
    records_in : int
        Rows of the input frame.
    records_counted : int
        Records with at least one day of their window (or, for ``start`` and
        ``end`` allocation, their chosen day) inside the coverage window.
    aggregates_excluded : int
        Period aggregates (``is_aggregate``) left out of the counts.
    outside_window : int
        Records that fell wholly outside the coverage window.
    partly_outside : int
        Counted records whose window reaches outside the coverage window; the
        part outside is not counted.
    records_no_count : int
        Counted records whose own value (``count``, or the column ``value``
        names) was empty.
    count_outside_window : float
        Sum of the value (as it enters the sum) that fell outside the window.
    start, end : pandas.Timestamp
        The coverage window.
    value : str
        The column summed (``'count'``, ``'killed'``, ...).
    multi : str
        How records listing several values of a ``by`` column were grouped.
    records_multi : int
        Counted records that list several values of a ``by`` column (under
        ``multi='split'`` or ``'each'``).
    coverage : str or None
        Where the coverage window was declared, if it was (a file name).
    notes : tuple of str
        Sentences a reader of the counts needs (e.g. that under
        ``multi='each'`` the groups add up to more than the total).
    """

    records_in: int
    records_counted: int
    aggregates_excluded: int
    outside_window: int
    partly_outside: int
    records_no_count: int
    count_outside_window: float
    start: pd.Timestamp
    end: pd.Timestamp
    value: str = "count"
    multi: str = "split"
    records_multi: int = 0
    coverage: str | None = None
    notes: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the report as a plain dict."""
        return asdict(self)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON types: days as ``YYYY-MM-DD``, notes as a list.

        This is the form a count frame carries in ``attrs["count_report"]``, so the
        report survives ``to_parquet``/``read_parquet`` (pandas keeps ``attrs`` as
        JSON in the file's metadata) and :meth:`from_dict` gives it back.

        Examples
        --------
        >>> import pandas as pd
        >>> day = pd.Timestamp("2024-01-01")
        >>> report = CountReport(3, 2, 1, 0, 0, 1, 0.0, day, day, notes=("a note",))
        >>> report.to_dict()["start"], report.to_dict()["notes"]
        ('2024-01-01', ['a note'])
        >>> CountReport.from_dict(report.to_dict()) == report
        True
        """
        data = self.as_dict()
        for key in ("start", "end"):
            data[key] = None if pd.isna(data[key]) else pd.Timestamp(data[key]).isoformat()
            if data[key] is not None and data[key].endswith("T00:00:00"):
                data[key] = data[key][: -len("T00:00:00")]
        data["notes"] = list(self.notes)
        data["count_outside_window"] = float(self.count_outside_window)
        for key in (
            "records_in",
            "records_counted",
            "aggregates_excluded",
            "outside_window",
            "partly_outside",
            "records_no_count",
            "records_multi",
        ):
            data[key] = int(data[key])
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CountReport:
        """Rebuild a report from :meth:`to_dict`'s form (or :meth:`as_dict`'s)."""
        fields = dict(data)
        for key in ("start", "end"):
            fields[key] = pd.NaT if fields.get(key) is None else pd.Timestamp(fields[key])
        fields["notes"] = tuple(fields.get("notes", ()))
        return cls(**fields)

    def as_text(self) -> str:
        """Return the report as lines of ``name: value``, then its notes.

        ``count`` in ``records_no_count`` and ``count_outside_window`` is the
        value's name (``records_no_killed``, ``killed_outside_window``); dates
        are written as days.

        Examples
        --------
        >>> import pandas as pd
        >>> day = pd.Timestamp("2024-01-01")
        >>> report = CountReport(3, 2, 1, 0, 0, 1, 0.0, day, day, value="killed")
        >>> for line in report.as_text().splitlines()[5:8]:
        ...     print(line)
        records_no_killed: 1
        killed_outside_window: 0.0
        start: 2024-01-01
        """
        names = {
            "records_no_count": f"records_no_{self.value}",
            "count_outside_window": f"{self.value}_outside_window",
        }
        lines = []
        for key, item in self.as_dict().items():
            if key == "notes":
                continue
            shown = item.date().isoformat() if isinstance(item, pd.Timestamp) else item
            lines.append(f"{names.get(key, key)}: {shown}")
        lines += [f"note: {note}" for note in self.notes]
        return "\n".join(lines)


def finish_counts(
    partial: PartialCounts, plan: CountPlan, by_dtypes: dict[str, Any] | None = None
) -> pd.DataFrame:
    """Turn summed difference arrays into :func:`~analysis.counting.count.count_events`' frame.

    Parameters
    ----------
    partial : analysis.counting.engine.PartialCounts
        The sum of every part's :func:`~analysis.counting.engine.count_partial`.
    plan : analysis.counting.engine.CountPlan
        The plan the parts were counted on.
    by_dtypes : dict, optional
        dtype of each ``by`` column in the records, given back to the result.

    Returns
    -------
    pandas.DataFrame
        As :func:`~analysis.counting.count.count_events` returns, with its
        :class:`CountReport` in ``attrs["count_report"]`` (as
        :meth:`CountReport.to_dict`, so it survives a Parquet round trip).
    """
    axis = _PeriodAxis.of(plan)
    values = _period_values(partial, plan, axis)
    result = _frame(plan, axis, values)
    _restore_dtypes(result, plan, by_dtypes or {})
    result.attrs["count_report"] = _report(partial, plan).to_dict()
    return result


@dataclass(frozen=True)
class _PeriodAxis:
    """The periods of a count on its day axis (days since the coverage window's first).

    Attributes
    ----------
    first : numpy.ndarray
        Each period's label (days since 1970-01-01): its first day, or its
        last day for the end-labelled frequencies (``ME``, ``QE``, ``YE``).
    offsets, last : numpy.ndarray
        The first and last day of each period inside the coverage window.
    days : numpy.ndarray
        Days of each period inside the coverage window.
    n_days : int
        Days of the coverage window.
    daily : bool
        Whether every period is one day.
    """

    first: np.ndarray
    offsets: np.ndarray
    last: np.ndarray
    days: np.ndarray
    n_days: int
    daily: bool

    @classmethod
    def of(cls, plan: CountPlan) -> _PeriodAxis:
        """Lay out the periods meeting ``plan``'s coverage window at its ``freq``."""
        lo, hi = plan.first_day, plan.last_day
        n_days = hi - lo + 1
        first, cover_first = _period_bounds(lo, hi, plan.options.freq, plan.options.label)
        offsets = cover_first - lo
        return cls(
            first=first,
            offsets=offsets,
            last=np.append(offsets[1:], n_days) - 1,
            days=np.diff(np.append(offsets, n_days)),
            n_days=n_days,
            daily=FREQ_ALIASES[plan.options.freq] == "D",
        )


def _period_values(
    partial: PartialCounts, plan: CountPlan, axis: _PeriodAxis
) -> dict[str, np.ndarray]:
    """Every quantity per series (rows) and period (columns), keyed by output column."""
    n_groups, n_days = plan.n_groups, axis.n_days

    def rows(values: np.ndarray) -> np.ndarray:
        return values[: n_groups * (n_days + 1)].reshape(n_groups, n_days + 1)

    def spread(diff: np.ndarray) -> np.ndarray:
        # Exact sums: limbs x series x days, in int64 until the last step.
        limbs = diff[:, : n_groups * (n_days + 1)].reshape(-1, n_groups, n_days + 1)
        daily = normalise(np.cumsum(limbs, axis=2)[:, :, :n_days])
        per = daily if axis.daily else np.add.reduceat(daily, axis.offsets, axis=2)
        return to_float(per)

    def overlapping(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        # Records meeting a period: started by its last day, less those ended before
        # its first.
        started = np.cumsum(rows(starts), axis=1)
        ended = np.cumsum(rows(_shift(ends)), axis=1)  # ended before each day
        return started[:, axis.last] - ended[:, axis.offsets]

    count_p = spread(partial.count)
    low_p = spread(partial.low)
    high_p = spread(partial.high)
    open_p = overlapping(partial.open_starts, partial.open_ends) > 0
    high_p = np.where(open_p, np.inf, high_p)
    # Round to what the counts can mean (shares were rounded to 2**-40 each);
    # + 0.0 turns -0.0 into 0.0.
    count_p, low_p, high_p = (np.round(a, _ROUND_DECIMALS) + 0.0 for a in (count_p, low_p, high_p))
    if plan.options.allocate == "spread_integer":
        count_p = _largest_remainder(count_p)
        low_p = _largest_remainder(low_p, at_most=count_p)
        high_p = _largest_remainder(high_p, at_least=count_p)
    names = plan.options.columns[1:]  # records, the value, its bounds, records without it
    quantities = (
        overlapping(partial.starts, partial.ends),
        count_p,
        low_p,
        high_p,
        overlapping(partial.no_count_starts, partial.no_count_ends),
    )
    return dict(zip(names, quantities, strict=True))


def _frame(plan: CountPlan, axis: _PeriodAxis, values: dict[str, np.ndarray]) -> pd.DataFrame:
    """Build the count frame: one row per ``by`` group x event type x period, in that order."""
    options = plan.options
    n_groups = plan.n_groups
    types = list(options.event_types)
    n_types = len(types)
    n_periods = len(axis.first)
    n_combos = n_groups // n_types if n_types else 0
    out: dict[str, Any] = {}
    combos = np.repeat(plan.groups, n_types * n_periods)
    for i in range(len(options.by) - 1, -1, -1):
        labels = plan.labels[i]
        combos, idx = np.divmod(combos, len(labels) + 1)
        out[options.by[i]] = np.array([*labels, None], dtype=object)[idx]
    period = np.tile(axis.first.astype("datetime64[D]"), n_groups).astype("datetime64[ns]")
    return pd.DataFrame(
        {
            "period": period,
            "event_type": pd.Categorical.from_codes(  # type: ignore[call-overload]
                np.tile(np.repeat(np.arange(n_types), n_periods), n_combos), categories=types
            ),
            **{c: out[c] for c in options.by},
            "days": np.tile(axis.days, n_groups).astype(np.int64),
            **{
                name: values[name].ravel().astype(np.int64 if name.startswith("records") else float)
                for name in options.columns[1:]
            },
        }
    )


def _restore_dtypes(result: pd.DataFrame, plan: CountPlan, by_dtypes: dict[str, Any]) -> None:
    """Give the ``by`` columns of ``result`` the records' dtypes (in place).

    A categorical's categories that list several values are replaced by those
    values, in place, unless ``multi='joint'``.
    """
    for col, dtype in by_dtypes.items():
        if isinstance(dtype, pd.CategoricalDtype):
            categories = (
                list(dtype.categories)
                if dtype.categories is not None
                else plan.labels[plan.options.by.index(col)]
            )
            if plan.options.multi != "joint":
                categories = list(dict.fromkeys(v for c in categories for v in list_parts(c)))
            result[col] = pd.Categorical(result[col], categories=categories)
        elif dtype != np.dtype(object):
            result[col] = result[col].astype(dtype)


def _report(partial: PartialCounts, plan: CountPlan) -> CountReport:
    """Account for every input record of the count."""
    counted = partial.records_counted
    options = plan.options
    return CountReport(
        records_in=plan.n_rows,
        records_counted=counted,
        aggregates_excluded=plan.n_aggregates,
        outside_window=plan.n_rows - plan.n_aggregates - counted,
        partly_outside=partial.partly_outside,
        records_no_count=partial.records_no_count,
        count_outside_window=float(np.round(partial.count_outside_window, _ROUND_DECIMALS)),
        start=pd.Timestamp(np.datetime64(plan.first_day, "D")),
        end=pd.Timestamp(np.datetime64(plan.last_day, "D")),
        value=options.value,
        multi=options.multi,
        records_multi=partial.records_multi,
        coverage=options.coverage_source,
        notes=_notes(partial, plan),
    )


def _notes(partial: PartialCounts, plan: CountPlan) -> tuple[str, ...]:
    """Return the report's sentences: how lists were grouped, where the coverage comes from."""
    options = plan.options
    notes = []
    listed = partial.records_multi
    by = ", ".join(options.by)
    if listed and options.multi == "each":
        notes.append(
            f"multi='each': {listed} record(s) listing several values of {by} are counted "
            f"whole under each value, so the groups' {options.value} add up to more than the "
            "records' total"
        )
    elif listed:
        notes.append(
            f"multi='split': {listed} record(s) listing several values of {by} are divided "
            f"evenly among them; the groups' {options.value} add up to the records' total"
        )
    if partial.records_widened:
        low, high = options.bounds
        notes.append(
            f"{partial.records_widened} record(s) give {options.value} outside their own "
            f"{low}..{high}; their bounds were widened to hold it"
        )
    if options.coverage_source is not None:
        window = f"{np.datetime64(plan.first_day, 'D')}..{np.datetime64(plan.last_day, 'D')}"
        notes.append(
            f"coverage {window} as declared for {options.coverage_source}: periods outside it "
            "are no data and are left out; records and counts outside it are in "
            "outside_window, partly_outside and count_outside_window"
        )
    return tuple(notes)


def _shift(values: np.ndarray) -> np.ndarray:
    """``values`` moved one bin on (the first bin gets 0, the last falls off)."""
    out = np.empty_like(values)
    out[0] = 0
    out[1:] = values[:-1]
    return out


def _period_bounds(
    start: int, end: int, freq: str, label: str = "start"
) -> tuple[np.ndarray, np.ndarray]:
    """Label of every period meeting [start, end], and each one's first covered day.

    The label is the period's first day, or with ``label='end'`` its last
    (the whole period's, wherever the coverage window ends).
    """
    pfreq = FREQ_ALIASES[freq]
    if pfreq == "D":
        first = np.arange(start, end + 1, dtype=np.int64)
        return first, first.copy()
    lo = pd.Timestamp(np.datetime64(start, "D"))
    hi = pd.Timestamp(np.datetime64(end, "D"))
    periods = pd.period_range(lo.to_period(pfreq), hi.to_period(pfreq), freq=pfreq)
    first = periods.start_time.to_numpy().astype("datetime64[D]").astype(np.int64)
    if label == "end":
        last = periods.end_time.to_numpy().astype("datetime64[D]").astype(np.int64)
        return last, np.maximum(first, start)
    return first, np.maximum(first, start)


def _largest_remainder(
    values: np.ndarray, *, at_most: np.ndarray | None = None, at_least: np.ndarray | None = None
) -> np.ndarray:
    """Round each row to integers keeping its total: largest remainder.

    A row's total (of its finite values; ``inf`` stays) is itself rounded half
    up (a midpoint of 2.5 becomes 3); ties between remainders go to the
    earlier period.  ``at_most`` and ``at_least`` bound each rounded value
    (a lower bound is never rounded above the rounded count, an upper bound
    never below it); where they bind, the row's total gives way, downwards
    for ``at_most`` and upwards for ``at_least``, so a bound stays a bound.

    Examples
    --------
    >>> _largest_remainder(np.array([[0.5, 1.25, 1.75, 1.75, 0.75]]))
    array([[0., 1., 2., 2., 1.]])
    >>> _largest_remainder(np.array([[0.5, 1.0, 1.0, 1.0, 0.5]]),
    ...                    at_most=np.array([[0.0, 1.0, 2.0, 2.0, 1.0]]))
    array([[0., 1., 1., 1., 1.]])
    """
    out = np.floor(values)
    if at_least is not None:
        np.maximum(out, at_least, out=out, where=np.isfinite(values))
    for i in range(values.shape[0]):
        finite = np.isfinite(values[i])
        row = np.where(finite, values[i], 0.0)
        target = int(np.floor(np.round(row.sum(), 6) + 0.5))
        short = target - int(out[i][finite].sum())
        if short <= 0:
            continue
        remainder = row - out[i]
        open_ = ~finite | (remainder <= 0)
        if at_most is not None:
            open_ |= out[i] + 1 > at_most[i]
        remainder[open_] = -np.inf
        order = np.argsort(-remainder, kind="stable")[:short]
        out[i, order[remainder[order] > -np.inf]] += 1
    return out
