"""Published totals: read them, and turn running totals into counts per interval.

``seeds/badia_2024/badia_2024_reported_totals.csv`` holds figures that
monitors published: monthly counts (``kind = period``) and running totals
since 1 January (``kind = cumulative``, as of ``period_end``).  Two
consecutive running totals of one source and metric imply how many events
happened between them: SOHR's "117 operations since the start of the year"
on 19 April and "134" in mid-June imply 17 operations from 20 April to mid-June.

:func:`implied_counts` computes those intervals.  Rules:

- **One source, one metric, one area.**  The sources count different things
  (CEP confirmed attacks in five governorates, SOHR "operations" in the
  regime-held Badia, CENTCOM claimed attacks in Iraq and Syria): a frame
  mixing them is refused with an error, never summed.
- **Intervals.**  The first interval runs from the running total's origin
  (``period_start``) to the first as-of date; each next one from the day after
  the previous as-of date to its own.  ``count`` is the difference of the two
  totals and ``rate`` is ``count / days``.
- **Approximate as-of dates** (``end_precision = approx``: the date was
  inferred, e.g. from an undated page) are carried as uncertainty: such a
  date may be off by up to ``approx_days`` days either way (default 3).  The
  interval then spans between ``days_min`` and ``days_max`` days (at least 1),
  and ``rate_low = count / days_max``, ``rate_high = count / days_min``.
- **Qualified totals** follow the annotation guidelines: "more than N" is
  N+1 with bounds [N+1, open), "at least N" is N with bounds [N, open),
  "about N" is N with unknown bounds.  ``count`` differences the point
  values; ``count_low`` = lowest current total - highest previous total and
  ``count_high`` = highest current - lowest previous (``inf`` where open, NaN
  where unknown), with ``count_low`` at least 0 because a running total does
  not fall.
- A running total that falls (a revision, or a changed scope) gives a
  negative ``count``; it is kept and flagged in ``note``, never dropped.

Examples
--------
>>> totals = load_reported_totals()
>>> sohr = implied_counts(totals, source="SOHR", metric="operations")
>>> print(sohr[["interval_start", "interval_end", "days", "count"]].head(2).to_string())
  interval_start interval_end  days  count
0     2024-01-01   2024-01-31    31   23.0
1     2024-02-01   2024-02-15    15   18.0
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import numpy as np
import pandas as pd

from analysis.config import BADIA_2024_TOTALS
from analysis.records.reading import read_raw_csv
from analysis.records.validating import RULES

TOTALS_COLUMNS: Final[tuple[str, ...]] = (
    "source",
    "reported_via",
    "metric",
    "kind",
    "period_start",
    "period_end",
    "end_precision",
    "value",
    "qualifier",
    "scope",
    "area",
    "url",
    "notes",
)
"""Columns of the published-totals file."""

KINDS: Final[tuple[str, ...]] = ("period", "cumulative")
END_PRECISIONS: Final[tuple[str, ...]] = ("day", "approx")
QUALIFIERS: Final[tuple[str, ...]] = ("exact", "at_least", "more_than", "about")

DEFAULT_APPROX_DAYS: Final[int] = 3
"""How many days an approximate as-of date may be off, either way, by default."""


class TotalsError(ValueError):
    """Malformed published totals, or a request that would mix sources or metrics."""


def load_reported_totals(path: str | Path = BADIA_2024_TOTALS) -> pd.DataFrame:
    """Read and check the published-totals file.

    Parameters
    ----------
    path : str or pathlib.Path, default :data:`analysis.config.BADIA_2024_TOTALS`
        A CSV file with :data:`TOTALS_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        Every row, with ``period_start`` and ``period_end`` as dates, ``value``
        as float, text columns as strings (``area`` is ``""`` for the whole
        scope), and ``line``, the file line of each row.

    Raises
    ------
    TotalsError
        If a column is missing, or any value breaks a rule (a date that does
        not parse, a negative or non-numeric value, an unknown kind,
        end_precision or qualifier, a period ending before it starts).  The
        message lists every problem with file, line, column, value and rule.

    Examples
    --------
    >>> totals = load_reported_totals()
    >>> len(totals), sorted(totals["kind"].unique())
    (74, ['cumulative', 'period'])
    """
    raw, lines = read_raw_csv(path)
    missing = [c for c in TOTALS_COLUMNS if c not in raw.columns]
    if missing:
        raise TotalsError(f"{path}: missing column(s) {', '.join(missing)}")
    out = raw.copy()
    problems: list[str] = [
        f"{path}, line {lines[int(str(p['row']))]}, row {p['row']}, value {p['value']!r}: "
        f"{RULES.get(str(p['rule']), p['rule'])}"
        for p in lines.problems
    ]

    def flag(mask: pd.Series, column: str, rule: str) -> None:
        for pos in np.flatnonzero(mask.to_numpy(dtype=bool)):
            problems.append(
                f"{path}, line {lines[pos]}, row {pos}, column {column!r}, value "
                f"{raw[column].iloc[pos]!r}: {rule}"
            )

    for col in ("period_start", "period_end"):
        out[col] = pd.to_datetime(raw[col].str.strip(), format="%Y-%m-%d", errors="coerce")
        flag(out[col].isna(), col, "must be a date YYYY-MM-DD")
    out["value"] = pd.to_numeric(raw["value"].str.strip(), errors="coerce")
    flag(out["value"].isna() | (out["value"] < 0), "value", "must be a number >= 0")
    for col, allowed in (
        ("kind", KINDS),
        ("end_precision", END_PRECISIONS),
        ("qualifier", QUALIFIERS),
    ):
        flag(~raw[col].str.strip().isin(allowed), col, f"must be one of {', '.join(allowed)}")
    for col in ("source", "metric"):
        flag(raw[col].str.strip() == "", col, "a value is required")
    flag(
        out["period_end"] < out["period_start"],
        "period_end",
        "period_end must not be before period_start",
    )
    if problems:
        raise TotalsError(f"{path}: {len(problems)} problem(s):\n  " + "\n  ".join(problems))
    for col in TOTALS_COLUMNS:
        if col not in ("period_start", "period_end", "value"):
            out[col] = raw[col].str.strip().astype("string")
    out["line"] = np.asarray(lines, dtype=np.int64)
    return out


def _value_point_and_bounds(value: float, qualifier: str) -> tuple[float, float, float]:
    """Point value and bounds of a total, by the guidelines' wording rules."""
    if qualifier == "exact":
        return value, value, value
    if qualifier == "at_least":
        return value, value, np.inf
    if qualifier == "more_than":
        return value + 1, value + 1, np.inf
    return value, np.nan, np.nan  # about: bounds unknown


def _one(frame: pd.DataFrame, column: str, wanted: str | None) -> str:
    values = sorted(frame[column].unique())
    if wanted is not None:
        if wanted not in values:
            raise TotalsError(f"no cumulative totals with {column} {wanted!r}; available: {values}")
        return wanted
    if len(values) != 1:
        raise TotalsError(
            f"the totals mix {column}s {values}: pass {column}=... to choose one. Sources and "
            "metrics count different things and are never combined."
        )
    return str(values[0])


def implied_counts(
    totals: pd.DataFrame,
    *,
    source: str | None = None,
    metric: str | None = None,
    area: str = "",
    approx_days: int = DEFAULT_APPROX_DAYS,
) -> pd.DataFrame:
    """Turn consecutive running totals of one source and metric into interval counts.

    The input frame is not modified.  Rules and uncertainty: module docstring.

    Parameters
    ----------
    totals : pandas.DataFrame
        As from :func:`load_reported_totals`; only ``kind == "cumulative"``
        rows are used.
    source, metric : str, optional
        Which series.  May be omitted only where the cumulative rows hold a
        single source (or metric); a mix is refused.
    area : str, default ""
        ``""`` for the whole scope, else one governorate (SOHR's breakdowns).
    approx_days : int, default 3
        How far, in days, an approximate as-of date may be from the truth.

    Returns
    -------
    pandas.DataFrame
        One row per interval: ``source``, ``metric``, ``area``,
        ``interval_start``, ``interval_end``, ``start_precision``,
        ``end_precision``, ``days``, ``days_min``, ``days_max``,
        ``total_start`` (the previous total, 0 at the origin), ``total_end``,
        ``count``, ``count_low``, ``count_high``, ``rate``, ``rate_low``,
        ``rate_high`` (per day), ``note``.

    Raises
    ------
    TotalsError
        If the selection mixes sources, metrics or origins, holds two different
        totals for one as-of date, or is empty.

    Examples
    --------
    >>> totals = load_reported_totals()
    >>> sohr = implied_counts(totals, source="SOHR", metric="operations")
    >>> int(sohr["count"].sum()), len(sohr)
    (208, 10)
    >>> implied_counts(totals, source="SOHR")
    Traceback (most recent call last):
    ...
    analysis.sources.totals.TotalsError: the totals mix metrics [...]: pass metric=... ...
    """
    if approx_days < 0:
        raise ValueError(f"approx_days must be >= 0, not {approx_days}")
    cumulative = totals[totals["kind"] == "cumulative"]
    chosen_metric = _one(cumulative, "metric", metric)
    cumulative = cumulative[cumulative["metric"] == chosen_metric]
    chosen_source = _one(cumulative, "source", source)
    rows = cumulative[
        (cumulative["source"] == chosen_source) & (cumulative["area"].fillna("") == area)
    ]
    if rows.empty:
        raise TotalsError(
            f"no cumulative {chosen_metric!r} totals of {chosen_source!r} for area {area!r}"
        )
    origins = rows["period_start"].unique()
    if len(origins) != 1:
        raise TotalsError(
            f"{chosen_source} {chosen_metric}: running totals from different origins "
            f"{sorted(str(pd.Timestamp(o).date()) for o in origins)} cannot be differenced"
        )
    rows = rows.sort_values("period_end", kind="stable")
    clash = rows.groupby("period_end")["value"].nunique()
    if (clash > 1).any():
        day = clash[clash > 1].index[0].date()
        raise TotalsError(f"{chosen_source} {chosen_metric}: two different totals as of {day}")
    rows = rows.drop_duplicates("period_end")

    origin = pd.Timestamp(origins[0])
    out = []
    prev_end: pd.Timestamp | None = None
    prev_value, prev_bounds, prev_precision = 0.0, (0.0, 0.0), "day"
    for r in rows.to_dict("records"):
        end = pd.Timestamp(r["period_end"])
        precision = str(r["end_precision"])
        start = origin if prev_end is None else prev_end + pd.Timedelta(days=1)
        days = (end - start).days + 1
        slack = (approx_days if precision == "approx" else 0) + (
            approx_days if prev_end is not None and prev_precision == "approx" else 0
        )
        point, low_now, high_now = _value_point_and_bounds(float(r["value"]), str(r["qualifier"]))
        count = point - prev_value
        count_low = low_now - prev_bounds[1]
        count_high = high_now - prev_bounds[0]
        if count >= 0 and not np.isnan(count_low):
            count_low = max(count_low, 0.0)  # a running total does not fall
        days_min, days_max = max(1, days - slack), days + slack
        out.append(
            {
                "source": chosen_source,
                "metric": chosen_metric,
                "area": area,
                "interval_start": start,
                "interval_end": end,
                "start_precision": "day" if prev_end is None else prev_precision,
                "end_precision": precision,
                "days": days,
                "days_min": days_min,
                "days_max": days_max,
                "total_start": prev_value,
                "total_end": point,
                "count": count,
                "count_low": count_low,
                "count_high": count_high,
                "rate": count / days,
                "rate_low": count / days_max,
                "rate_high": count / days_min,
                "note": "running total fell: a revision or a change of scope" if count < 0 else "",
            }
        )
        prev_end, prev_value = end, point
        prev_bounds, prev_precision = (low_now, high_now), precision
    result = pd.DataFrame(out)
    for col in ("interval_start", "interval_end"):
        result[col] = result[col].astype("datetime64[ns]")
    return result


def implied_per_period(implied: pd.DataFrame, freq: str = "MS") -> pd.DataFrame:
    """Spread interval counts from :func:`implied_counts` over calendar periods.

    Each interval's count is shared evenly over its days (as
    ``count_events(..., allocate="spread")`` does for a record's window) and
    summed per period.  The range comes from the approximate as-of dates: a
    day of the interval carries between ``rate_low`` and ``rate_high``
    events, so ``count_low`` and ``count_high`` are the period sums of those
    daily rates (a wide range where an interval is short and its dates
    approximate).  Periods only partly covered by the intervals say so in
    ``days_covered``.

    Parameters
    ----------
    implied : pandas.DataFrame
        :func:`implied_counts` output (one source, metric and area).  Not
        modified.
    freq : str, default "MS"
        A start-labelled frequency of :func:`analysis.count_events`: ``D``,
        ``W-<DAY>``, ``MS`` (or ``M``), ``QS`` (``Q``), ``YS`` (``Y``).

    Returns
    -------
    pandas.DataFrame
        ``period`` (start date), ``days`` (days in the period),
        ``days_covered``, ``count``, ``count_low``, ``count_high``.

    Examples
    --------
    >>> sohr = implied_counts(load_reported_totals(), source="SOHR", metric="operations")
    >>> monthly = implied_per_period(sohr)
    >>> print(monthly.head(2).to_string(float_format="{:.1f}".format))
          period  days  days_covered  count  count_low  count_high
    0 2024-01-01    31            31   23.0       21.0        25.5
    1 2024-02-01    29            29   36.9       27.4        57.0
    >>> bool(round(monthly["count"].sum(), 6) == sohr["count"].sum())
    True
    """
    from analysis.counting.options import END_LABELLED, FREQ_ALIASES

    if freq not in FREQ_ALIASES or freq in END_LABELLED:
        allowed = sorted(set(FREQ_ALIASES) - END_LABELLED)
        raise ValueError(f"freq {freq!r} is not supported; use one of {allowed}")
    if implied.empty:
        raise TotalsError("implied_per_period needs at least one interval")
    days = implied["days"].to_numpy(dtype=np.int64)
    day = np.repeat(implied["interval_start"].to_numpy("datetime64[D]"), days) + (
        np.arange(days.sum()) - np.repeat(np.cumsum(days) - days, days)
    ).astype("timedelta64[D]")
    daily = pd.DataFrame(
        {
            "day": day.astype("datetime64[ns]"),
            "count": np.repeat(implied["rate"].to_numpy(float), days),
            "count_low": np.repeat(implied["rate_low"].to_numpy(float), days),
            "count_high": np.repeat(implied["rate_high"].to_numpy(float), days),
        }
    )
    periods = daily["day"].dt.to_period(FREQ_ALIASES[freq])
    daily["period"] = periods.dt.start_time.astype("datetime64[ns]")
    daily["end"] = periods.dt.end_time.dt.normalize().astype("datetime64[ns]")
    out = daily.groupby(["period", "end"], as_index=False).agg(
        days_covered=("day", "size"),
        count=("count", "sum"),
        count_low=("count_low", "sum"),
        count_high=("count_high", "sum"),
    )
    out.insert(1, "days", (out.pop("end") - out["period"]).dt.days.astype(np.int64) + 1)
    return out
