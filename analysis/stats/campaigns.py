"""Sweep campaigns as dated intervals, with the reported total beside them.

:func:`find_campaigns` turns the ``sweep`` records of an events frame into
numbered campaign intervals (launch to end), the input of
:func:`analysis.stats.eventstudy.event_study`.  When a period aggregate says more
campaigns happened than the records document ("about 17 campaigns since the
start of the year" against a handful of dated launches), both numbers are
kept side by side: the undocumented campaigns are real but undated, and no
analysis here can place them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import pandas as pd

DEFAULT_DURATION_DAYS: Final = 7
"""Assumed length of a campaign whose end no report gives, in days (launch day
included).  An analyst's assumption, not a reported figure: vary it."""

_INTERVAL_COLUMNS: Final = [
    "campaign",
    "event_id",
    "start",
    "end",
    "end_known",
    "duration_days",
    "launch_window_days",
    "n_campaigns",
    "overlaps_previous",
    "source",
]


@dataclass(frozen=True, eq=False)
class Campaigns:
    """Sweep campaigns as intervals (returned by :func:`find_campaigns`).

    Attributes
    ----------
    intervals : pandas.DataFrame
        One row per sweep record, in launch order: ``campaign`` (1, 2, ...),
        ``event_id``, ``start`` (launch day), ``end`` (last day, inclusive),
        ``end_known`` (False where ``end`` is ``start + default duration - 1``),
        ``duration_days``, ``launch_window_days`` (1 for a launch known to the
        day; more where the report only bounds it), ``n_campaigns`` (campaigns
        the record stands for, usually 1), ``overlaps_previous`` (starts before
        an earlier campaign ended), ``source``.
    documented : int
        Campaigns the records document (sum of ``n_campaigns``).
    reported_total : float or None
        Campaigns a period aggregate reports (e.g. "about 17"), or the number
        passed in; None when there is none.
    undocumented : float or None
        ``reported_total`` minus the documented campaigns launched inside the
        aggregate's window (not below 0): campaigns known to have happened
        but not dated by any record.
    reported : pandas.DataFrame
        Every sweep aggregate record: ``event_id``, ``date_start``,
        ``date_end``, ``reported_total``, ``documented_in_window``,
        ``undocumented``, ``source``.
    default_duration_days : int
        The duration assumed where no end is known.
    """

    intervals: pd.DataFrame = field(repr=False)
    documented: int
    reported_total: float | None
    undocumented: float | None
    reported: pd.DataFrame = field(repr=False)
    default_duration_days: int

    def __len__(self) -> int:
        return len(self.intervals)

    def summary(self) -> str:
        """Return the campaigns, one line each, and the reported total."""
        lines = [
            f"{self.documented} documented sweep campaign(s)"
            + (
                f"; {self.reported_total:g} reported, {self.undocumented:g} undated"
                if self.reported_total is not None and self.undocumented is not None
                else ""
            )
        ]
        for r in self.intervals.to_dict("records"):
            flags = [] if r["end_known"] else [f"end assumed ({self.default_duration_days} d)"]
            if r["launch_window_days"] > 1:
                flags.append(f"launch known within {r['launch_window_days']} days")
            if r["overlaps_previous"]:
                flags.append("overlaps an earlier campaign")
            lines.append(
                f"  {r['campaign']}. {r['start'].date()}..{r['end'].date()} ({r['event_id']})"
                + (f" [{'; '.join(flags)}]" if flags else "")
            )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary()


def find_campaigns(
    events: pd.DataFrame,
    *,
    default_duration_days: int = DEFAULT_DURATION_DAYS,
    ends: Mapping[str, Any] | None = None,
    reported_total: float | None = None,
) -> Campaigns:
    """List sweep campaigns as numbered intervals from launch to end.

    Every record with ``event_type == "sweep"`` that is not a period aggregate
    is one interval.  ``date_start`` is taken as the launch: for a launch
    known only within a window (``date_end > date_start``, e.g. "last week"),
    this is the earliest day it can have happened, and the window's width is
    kept in ``launch_window_days`` so that uncertain launches can be dropped
    or shifted in a sensitivity check.  Reports rarely say when a sweep
    ended: the end is ``ends[event_id]`` where the caller knows it, else
    ``start + default_duration_days - 1``.

    Parameters
    ----------
    events : pandas.DataFrame
        Validated events (``load_events``): ``event_id``, ``event_type``,
        ``date_start``, ``date_end``, ``count``; optional ``count_low``,
        ``is_aggregate``, ``source``.  Not modified.
    default_duration_days : int
        Assumed campaign length where no end is known (launch day included).
        7 is an assumption, not a reported figure; rerun with 3 and 14 and
        report whether conclusions change.
    ends : mapping of event_id to date, optional
        Known last days of campaigns (from a report of the campaign's end).
    reported_total : float, optional
        A reported number of campaigns to set beside the documented ones;
        by default taken from the latest sweep aggregate record
        (``is_aggregate``), if any.  For the 2024 seeds, the "about 17"
        campaigns are in the published totals, not in the events file: pass
        the ``sweep_campaigns`` value of ``load_reported_totals()``.

    Returns
    -------
    Campaigns
        ``intervals`` frame, ``documented``, ``reported_total``,
        ``undocumented``; prints a summary.

    Notes
    -----
    The documented campaigns are a sample of what happened: news reports
    name the campaigns that made news.  When ``undocumented`` is large (12
    of "about 17"), an event study over the documented ones describes those
    campaigns, not the campaigning as a whole.  Campaigns that overlap are
    flagged, not merged.

    Limits.  Most ends are assumed, not reported: ``default_duration_days``
    sets every window an analysis compares, so a "during" or "after" effect
    is partly a product of that choice (rerun with 3 and 14 days).  A launch
    is the day a report dates it, which may be the day it was announced.
    Few campaigns are dated (a handful a year), so a pooled estimate over
    them moves with any one of them, and its interval says so only in part.
    The campaigns that made news are unlikely to be typical: larger ones, or
    ones launched after a spate of attacks, are more likely to be reported,
    which can make attacks look as if they rise before or fall after a
    campaign when they only led to its being reported.

    Examples
    --------
    >>> import pandas as pd
    >>> events = pd.DataFrame({  # synthetic records
    ...     "event_id": ["s1", "s2", "a1", "agg"],
    ...     "event_type": ["sweep", "sweep", "attack", "sweep"],
    ...     "date_start": pd.to_datetime(["2024-04-19", "2024-03-03", "2024-03-05",
    ...                                   "2024-01-01"]),
    ...     "date_end": pd.to_datetime(["2024-04-20", "2024-03-03", "2024-03-05",
    ...                                 "2024-10-06"]),
    ...     "count": [1.0, 1.0, 1.0, 17.0],
    ...     "is_aggregate": [False, False, False, True]})
    >>> camps = find_campaigns(events, ends={"s2": "2024-03-12"})
    >>> camps.intervals[["campaign", "event_id", "start", "end", "end_known"]]
       campaign event_id      start        end  end_known
    0         1       s2 2024-03-03 2024-03-12       True
    1         2       s1 2024-04-19 2024-04-25      False
    >>> camps.documented, camps.reported_total, camps.undocumented
    (2, 17.0, 15.0)
    """
    if default_duration_days < 1:
        raise ValueError(f"default_duration_days must be at least 1, got {default_duration_days}")
    _check_columns(events)
    is_agg = (
        events["is_aggregate"].fillna(False).astype(bool)
        if "is_aggregate" in events.columns
        else pd.Series(False, index=events.index)
    )
    is_sweep = events["event_type"].astype("string") == "sweep"
    records = events.loc[is_sweep & ~is_agg]
    aggregates = events.loc[is_sweep & is_agg]

    start = pd.to_datetime(records["date_start"]).dt.normalize()
    window_end = pd.to_datetime(records["date_end"]).dt.normalize()
    ids = records["event_id"].astype("string")
    known = _known_ends(ends or {}, ids, start)
    end = start + pd.Timedelta(days=default_duration_days - 1)
    end_known = ids.isin(list(known)).to_numpy()
    end = end.where(~end_known, ids.map(known))
    n_camp = _n_campaigns(records)
    table = pd.DataFrame(
        {
            "event_id": ids.to_numpy(),
            "start": start.to_numpy(),
            "end": end.to_numpy(),
            "end_known": end_known,
            "launch_window_days": ((window_end - start).dt.days + 1).to_numpy(dtype=int),
            "n_campaigns": n_camp,
            "source": (
                records["source"].astype("string").to_numpy()
                if "source" in records.columns
                else pd.NA
            ),
        }
    )
    table = table.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)
    table["start"] = table["start"].astype("datetime64[ns]")
    table["end"] = pd.to_datetime(table["end"]).astype("datetime64[ns]")
    table["duration_days"] = (table["end"] - table["start"]).dt.days + 1
    prev_end = table["end"].cummax().shift(1)
    table["overlaps_previous"] = (table["start"] <= prev_end).fillna(False).astype(bool)
    table.insert(0, "campaign", np.arange(1, len(table) + 1))
    table["source"] = table["source"].astype("string")
    table = table[_INTERVAL_COLUMNS]
    documented = int(table["n_campaigns"].sum())

    reported = _reported(aggregates, table)
    if reported_total is not None:
        total = float(reported_total)
        undocumented: float | None = max(0.0, total - documented)
    elif len(reported):
        head = reported.sort_values(["date_end", "reported_total"]).iloc[-1]
        total, undocumented = float(head["reported_total"]), float(head["undocumented"])
    else:
        total, undocumented = None, None  # type: ignore[assignment]
    return Campaigns(
        intervals=table,
        documented=documented,
        reported_total=total,
        undocumented=undocumented,
        reported=reported,
        default_duration_days=int(default_duration_days),
    )


def _check_columns(events: pd.DataFrame) -> None:
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"events must be a pandas DataFrame, got {type(events).__name__}")
    need = ["event_id", "event_type", "date_start", "date_end", "count"]
    missing = [c for c in need if c not in events.columns]
    if missing:
        raise ValueError(
            f"campaigns: column(s) {missing} missing; rule: events need {need} (use load_events)"
        )


def _known_ends(ends: Mapping[str, Any], ids: pd.Series, start: pd.Series) -> dict[str, Any]:
    known: dict[str, Any] = {}
    lookup = dict(zip(ids.tolist(), start.tolist(), strict=True))
    for key, value in ends.items():
        if key not in lookup:
            raise ValueError(
                f"campaigns: ends has event_id {key!r}, value {value!r}; rule: "
                "ends must name sweep records of events"
            )
        day = pd.Timestamp(value).normalize()
        if day < lookup[key]:
            raise ValueError(
                f"campaigns: ends[{key!r}] = {day.date()} is before the launch "
                f"{lookup[key].date()}; rule: a campaign ends on or after its "
                "launch"
            )
        known[key] = day
    return known


def _n_campaigns(records: pd.DataFrame) -> np.ndarray:
    """Campaigns each record stands for: count, else count_low, else 1."""
    n = pd.to_numeric(records["count"], errors="coerce")
    if "count_low" in records.columns:
        n = n.fillna(pd.to_numeric(records["count_low"], errors="coerce"))
    return n.fillna(1.0).round().clip(lower=1).astype(int).to_numpy()


def _reported(aggregates: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for rec in aggregates.to_dict("records"):
        value = rec["count"]
        if pd.isna(value):
            value = rec.get("count_low", np.nan)
        if pd.isna(value):
            continue
        lo, hi = pd.Timestamp(rec["date_start"]), pd.Timestamp(rec["date_end"])
        inside = table.loc[(table["start"] >= lo) & (table["start"] <= hi), "n_campaigns"]
        doc = int(inside.sum())
        rows.append(
            {
                "event_id": rec["event_id"],
                "date_start": lo,
                "date_end": hi,
                "reported_total": float(value),
                "documented_in_window": doc,
                "undocumented": max(0.0, float(value) - doc),
                "source": rec.get("source", pd.NA),
            }
        )
    cols = [
        "event_id",
        "date_start",
        "date_end",
        "reported_total",
        "documented_in_window",
        "undocumented",
        "source",
    ]
    return pd.DataFrame(rows, columns=cols)
