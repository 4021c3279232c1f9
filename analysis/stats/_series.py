"""Pick one count series out of a ``count_events`` frame (private helpers).

The statistics modules all start from the tidy frame that
:func:`analysis.counting.count.count_events` returns (one row per ``period`` x
``event_type`` [x by-groups] with ``days`` and ``count``).  These helpers check
that frame loudly and reduce it to one series: ``period``, ``days``, ``count``.

Examples
--------
>>> import pandas as pd
>>> counts = pd.DataFrame({
...     "period": pd.to_datetime(["2024-01-01", "2024-02-01"] * 2),
...     "event_type": ["attack", "attack", "sweep", "sweep"],
...     "days": [31, 29, 31, 29], "count": [4.0, 2.0, 1.0, 0.0]})
>>> select_series(counts, "attack")
      period  days  count
0 2024-01-01    31    4.0
1 2024-02-01    29    2.0
"""

from __future__ import annotations

from typing import Final, Literal

import numpy as np
import pandas as pd

TimeUnit = Literal["period", "day", "week", "month", "quarter", "year"]
TIME_UNITS: Final[tuple[str, ...]] = ("period", "day", "week", "month", "quarter", "year")

_COUNT_COLUMNS: Final = ("period", "days", "count")
_DAYS_PER: Final[dict[str, float]] = {
    "day": 1.0,
    "week": 7.0,
    "month": 365.2425 / 12,
    "quarter": 365.2425 / 4,
    "year": 365.2425,
}
_MONTHS_PER: Final[dict[str, int]] = {"month": 1, "quarter": 3, "year": 12}


def select_series(
    counts: pd.DataFrame, event_type: str | None, *, what: str = "counts"
) -> pd.DataFrame:
    """Return one event type's series: ``period``, ``days``, ``count``, sorted.

    By-group rows of the same period are summed (``days`` is the period's
    coverage, the same for every group, so it is not summed).  Raises
    ``ValueError`` naming the column, value and rule when the frame does not
    fit.  The input frame is not modified.
    """
    if not isinstance(counts, pd.DataFrame):
        raise TypeError(
            f"{what} must be a pandas DataFrame from count_events, got {type(counts).__name__}"
        )
    missing = [c for c in _COUNT_COLUMNS if c not in counts.columns]
    if missing:
        raise ValueError(
            f"{what}: column(s) {missing} missing; rule: a count frame from "
            "count_events has columns period, event_type, days, count"
        )
    frame = _pick_event_type(counts, event_type, what)
    if frame.empty:
        raise ValueError(f"{what}: no rows; rule: a series needs at least one period")
    period = pd.to_datetime(frame["period"])
    days = pd.to_numeric(frame["days"], errors="coerce")
    count = pd.to_numeric(frame["count"], errors="coerce")
    for name, ok in (
        ("days", days.notna() & (days > 0)),
        ("count", count.notna() & (count >= 0) & np.isfinite(count)),
    ):
        bad = ~ok
        if bad.any():
            i = bad.to_numpy().nonzero()[0][0]
            raise ValueError(
                f"{what}: row {frame.index[i]!r}, column {name}, value "
                f"{frame[name].iloc[i]!r}; rule: {name} must be a "
                f"{'positive' if name == 'days' else 'finite non-negative'} number"
            )
    tidy = pd.DataFrame(
        {"period": period.to_numpy(), "days": days.to_numpy(), "count": count.to_numpy(dtype=float)}
    )
    if tidy["period"].is_unique:
        out = tidy.sort_values("period", kind="stable").reset_index(drop=True)
    else:
        out = (
            tidy.groupby("period", sort=True)
            .agg(days=("days", "max"), count=("count", "sum"))
            .reset_index()
        )
    out["period"] = out["period"].astype("datetime64[ns]")
    return out


def _pick_event_type(counts: pd.DataFrame, event_type: str | None, what: str) -> pd.DataFrame:
    if "event_type" not in counts.columns:
        if event_type is not None:
            raise ValueError(f"{what}: no column event_type to select {event_type!r} from")
        return counts
    types = sorted(str(t) for t in pd.unique(counts["event_type"].astype("string").dropna()))
    if event_type is None:
        if len(types) > 1:
            raise ValueError(
                f"{what}: column event_type holds {types}; rule: pass "
                "event_type= to choose one series"
            )
        return counts
    if event_type not in types:
        raise ValueError(
            f"{what}: column event_type has no rows with value {event_type!r} "
            f"(it holds {types}); rule: event_type must be present"
        )
    return counts.loc[counts["event_type"].astype("string") == event_type]


def infer_period_unit(periods: pd.Series) -> str:
    """Return the series' own period: day, week, month, quarter or year.

    Examples
    --------
    >>> infer_period_unit(pd.Series(pd.to_datetime(["2024-01-01", "2024-03-01"])))
    'month'
    """
    p = pd.DatetimeIndex(periods).sort_values()
    if len(p) < 2:
        return "day"
    step = float(np.min(np.diff(_day_numbers(p))))
    if p.is_month_start.all() and step >= 28:
        months = np.diff(p.year * 12 + p.month)
        m = int(np.min(months))
        return {1: "month", 3: "quarter", 12: "year"}.get(m, "month")
    if step >= 7 and step % 7 == 0:
        return "week"
    return "day"


def elapsed(periods: pd.Series, unit: str) -> np.ndarray:
    """Return time since the first period, in ``unit`` (a float per period).

    Month, quarter and year units count calendar months when every period
    starts a month (so months of 28..31 days are one step each); otherwise the
    elapsed days are divided by the unit's mean length.

    Examples
    --------
    >>> p = pd.Series(pd.to_datetime(["2024-01-01", "2024-02-01", "2024-04-01"]))
    >>> elapsed(p, "month").tolist()
    [0.0, 1.0, 3.0]
    """
    p = pd.DatetimeIndex(periods)
    if unit not in _DAYS_PER:
        raise ValueError(f"time unit must be one of {TIME_UNITS}, got {unit!r}")
    if unit in _MONTHS_PER and p.is_month_start.all():
        months = (p.year * 12 + p.month).to_numpy()
        return (months - months.min()) / _MONTHS_PER[unit]
    d = _day_numbers(p)
    return (d - d.min()) / _DAYS_PER[unit]


def _day_numbers(p: pd.DatetimeIndex) -> np.ndarray:
    """Days since 1970-01-01 as floats, whatever the index's time resolution."""
    return p.to_numpy().astype("datetime64[D]").astype(np.int64).astype(float)
