"""Sweep campaigns as dated intervals, with the reported total beside them.

:func:`find_campaigns` turns the ``sweep`` records of an events frame into
numbered campaign intervals (launch to end), the input of
:func:`analysis.stats.eventstudy.event_study`.  A launch a report only bounds
("more than a week before 13 June") keeps its window (``launch_earliest``,
``launch_latest``); the interval is anchored on one day of it (the middle,
by default) and the event study also reports its estimate over launch days
drawn within the windows.  When a period aggregate says more
campaigns happened than the records document ("about 17 campaigns since the
start of the year" against a handful of dated launches), both numbers are
kept side by side: the undocumented campaigns are real but undated, and no
analysis here can place them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

DEFAULT_DURATION_DAYS: Final = 7
"""Assumed length of a campaign whose end no report gives, in days (launch day
included).  An analyst's assumption, not a reported figure: vary it."""

LaunchAnchor = Literal["earliest", "middle", "latest"]
LAUNCH_ANCHORS: Final[tuple[str, ...]] = ("earliest", "middle", "latest")
"""Where a campaign's interval is placed when its launch is known only to a window:
on the window's first day, its middle day (the earlier of the two middle days when
the window has an even number of days), or its last day."""

_INTERVAL_COLUMNS: Final = [
    "campaign",
    "event_id",
    "launch_earliest",
    "start",
    "launch_latest",
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
        ``event_id``; ``launch_earliest`` and ``launch_latest``, the first
        and last day the launch can have happened (equal for a launch known
        to the day); ``start``, the launch day the interval is anchored on
        (inside that window, by ``launch_anchor``); ``end`` (last day,
        inclusive); ``end_known`` (False where ``end`` is ``start + default
        duration - 1``, so that the interval moves with the launch);
        ``duration_days`` (``end - start + 1``); ``launch_window_days``
        (``launch_latest - launch_earliest + 1``: 1 for a launch known to the
        day); ``n_campaigns`` (campaigns the record stands for, usually 1);
        ``overlaps_previous`` (starts before an earlier campaign ended);
        ``source``.
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
    launch_anchor : str
        Where ``start`` sits inside a launch window: ``earliest``,
        ``middle`` or ``latest`` (see :data:`LAUNCH_ANCHORS`).
    outside : pandas.DataFrame
        Sweep records left out because their launch window is not wholly
        inside the ``coverage`` passed to :func:`find_campaigns` (empty
        without one): ``event_id``, ``launch_earliest``, ``launch_latest``,
        ``source``.  In the ``documented`` count, not in ``intervals``.
    coverage : tuple of pandas.Timestamp or None
        First and last day of that coverage; None when none was passed.
    """

    intervals: pd.DataFrame = field(repr=False)
    documented: int
    reported_total: float | None
    undocumented: float | None
    reported: pd.DataFrame = field(repr=False)
    default_duration_days: int
    launch_anchor: str = "middle"
    outside: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    coverage: tuple[pd.Timestamp, pd.Timestamp] | None = None

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
        if self.coverage is not None:
            lo, hi = (d.date() for d in self.coverage)
            lines.append(
                f"{len(self.intervals)} launched inside the coverage {lo}..{hi}"
                + (
                    f"; left out, launched outside it: {len(self.outside)}"
                    if len(self.outside)
                    else ""
                )
            )
            lines += [
                f"  - {r['event_id']}: launch {r['launch_earliest'].date()}"
                + (
                    f"..{r['launch_latest'].date()}"
                    if r["launch_latest"] != r["launch_earliest"]
                    else ""
                )
                for r in self.outside.to_dict("records")
            ]
        for r in self.intervals.to_dict("records"):
            flags = [] if r["end_known"] else [f"end assumed ({self.default_duration_days} d)"]
            if r["launch_window_days"] > 1:
                flags.append(
                    f"launch {r['launch_earliest'].date()}..{r['launch_latest'].date()} "
                    f"({r['launch_window_days']} days), placed on its {self.launch_anchor} day"
                )
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
    anchor: LaunchAnchor = "middle",
    coverage: Any = None,
) -> Campaigns:
    """List sweep campaigns as numbered intervals from launch to end.

    Every record with ``event_type == "sweep"`` that is not a period aggregate
    is one interval.  Its launch window is ``date_start..date_end``: one day
    for a launch a report dates, several for one it only bounds ("more than
    a week before 13 June"); both ends are kept as ``launch_earliest`` and
    ``launch_latest``.  The interval is anchored on one day of that window,
    ``start`` (``anchor``: by default the middle day, the earlier of the two
    middle days when the window has an even number of days), and runs to
    ``ends[event_id]`` where the caller knows the end, else to ``start +
    default_duration_days - 1``.  A known end also bounds the launch: a
    campaign cannot start after it ended, so ``launch_latest`` is at most
    the end.  :func:`analysis.stats.eventstudy.event_study` reports its
    headline on the anchored intervals and, beside it, over launch dates
    drawn within the windows (``EventStudy.over_launches``).

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
    anchor : {'middle', 'earliest', 'latest'}
        The day of a launch window the interval is anchored on.  ``middle``
        (default) is at most half the window from the true launch;
        ``earliest`` places every uncertain campaign too early, which biases
        an event study when windows are wide (``docs/methods.md``).  A
        launch known to the day is anchored on that day whatever the choice.
    coverage : Coverage or (start, end), optional
        The period an analysis covers (e.g. ``load_badia_2024_coverage()``,
        or a pair of dates): only campaigns whose whole launch window lies
        inside it are intervals; the others are listed in ``outside``, so
        that one campaign set serves every statistic and figure of that
        analysis.  Without it every sweep record is an interval.

    Returns
    -------
    Campaigns
        ``intervals`` frame, ``documented``, ``reported_total``,
        ``undocumented``, ``launch_anchor``; prints a summary.

    Raises
    ------
    ValueError
        A sweep record whose ``date_end`` is before its ``date_start``, an
        ``ends`` entry that names no sweep record or lies before the
        earliest possible launch, an unknown ``anchor``.

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
    ...     "date_end": pd.to_datetime(["2024-04-25", "2024-03-03", "2024-03-05",
    ...                                 "2024-10-06"]),
    ...     "count": [1.0, 1.0, 1.0, 17.0],
    ...     "is_aggregate": [False, False, False, True]})
    >>> camps = find_campaigns(events, ends={"s2": "2024-03-12"})
    >>> camps.intervals[["campaign", "event_id", "start", "end", "end_known"]]
       campaign event_id      start        end  end_known
    0         1       s2 2024-03-03 2024-03-12       True
    1         2       s1 2024-04-22 2024-04-28      False
    >>> camps.intervals[["launch_earliest", "launch_latest", "launch_window_days"]]
      launch_earliest launch_latest  launch_window_days
    0      2024-03-03    2024-03-03                   1
    1      2024-04-19    2024-04-25                   7
    >>> camps.documented, camps.reported_total, camps.undocumented
    (2, 17.0, 15.0)
    >>> find_campaigns(events, anchor="earliest").intervals["start"].dt.day.tolist()
    [3, 19]
    >>> april = find_campaigns(events, coverage=("2024-04-01", "2024-12-31"))
    >>> april.intervals["event_id"].tolist(), april.outside["event_id"].tolist()
    (['s1'], ['s2'])
    """
    if default_duration_days < 1:
        raise ValueError(f"default_duration_days must be at least 1, got {default_duration_days}")
    if anchor not in LAUNCH_ANCHORS:
        raise ValueError(f"anchor must be one of {LAUNCH_ANCHORS}, got {anchor!r}")
    _check_columns(events)
    is_agg = (
        events["is_aggregate"].fillna(False).astype(bool)
        if "is_aggregate" in events.columns
        else pd.Series(False, index=events.index)
    )
    is_sweep = events["event_type"].astype("string") == "sweep"
    records = events.loc[is_sweep & ~is_agg]
    table = _interval_table(records, ends or {}, default_duration_days, anchor)
    documented = int(table["n_campaigns"].sum())
    bounds = None if coverage is None else _coverage_bounds(coverage)
    outside = table.iloc[:0]
    if bounds is not None:
        inside = (table["launch_earliest"] >= bounds[0]) & (table["launch_latest"] <= bounds[1])
        outside = table.loc[~inside]
        table = table.loc[inside].reset_index(drop=True)
        table["campaign"] = np.arange(1, len(table) + 1)
        prev_end = table["end"].cummax().shift(1)
        table["overlaps_previous"] = (table["start"] <= prev_end).fillna(False).astype(bool)

    reported = _reported(events.loc[is_sweep & is_agg], table)
    if reported_total is not None:
        total: float | None = float(reported_total)
        undocumented: float | None = max(0.0, float(reported_total) - documented)
    elif len(reported):
        head = reported.sort_values(["date_end", "reported_total"]).iloc[-1]
        total, undocumented = float(head["reported_total"]), float(head["undocumented"])
    else:
        total, undocumented = None, None
    return Campaigns(
        intervals=table,
        documented=documented,
        reported_total=total,
        undocumented=undocumented,
        reported=reported,
        default_duration_days=int(default_duration_days),
        launch_anchor=anchor,
        outside=outside[["event_id", "launch_earliest", "launch_latest", "source"]].reset_index(
            drop=True
        ),
        coverage=bounds,
    )


def _coverage_bounds(coverage: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of a coverage: a Coverage or a ``(start, end)`` pair."""
    from analysis.sources.provenance import coverage_days

    first, last = coverage_days(coverage, "campaigns")
    return pd.Timestamp(first), pd.Timestamp(last)


def anchor_launches(
    earliest: pd.Series, latest: pd.Series, anchor: LaunchAnchor = "middle"
) -> pd.Series:
    """Return the day each launch window is anchored on.

    Parameters
    ----------
    earliest, latest : pandas.Series
        First and last possible launch days (datetime64, normalised).
    anchor : {'middle', 'earliest', 'latest'}
        ``middle``: ``earliest + (width - 1) // 2`` days, the middle day, or
        the earlier of the two middle days when the window has an even number
        of days (so a two-day window is anchored on its first day).

    Returns
    -------
    pandas.Series
        The anchored launch days, with the index of ``earliest``.

    Examples
    --------
    >>> import pandas as pd
    >>> lo = pd.Series(pd.to_datetime(["2024-06-01", "2024-04-19", "2024-03-03"]))
    >>> hi = pd.Series(pd.to_datetime(["2024-06-13", "2024-04-20", "2024-03-03"]))
    >>> anchor_launches(lo, hi).dt.strftime("%d %b").tolist()
    ['07 Jun', '19 Apr', '03 Mar']
    >>> anchor_launches(lo, hi, "latest").dt.day.tolist()
    [13, 20, 3]
    """
    if anchor not in LAUNCH_ANCHORS:
        raise ValueError(f"anchor must be one of {LAUNCH_ANCHORS}, got {anchor!r}")
    if anchor == "earliest":
        return earliest.copy()
    if anchor == "latest":
        return latest.copy()
    half = (latest - earliest).dt.days // 2
    return earliest + pd.to_timedelta(half, unit="D")


def _interval_table(
    records: pd.DataFrame, ends: Mapping[str, Any], default_duration_days: int, anchor: LaunchAnchor
) -> pd.DataFrame:
    """One row per sweep record: launch window, anchored interval, flags (in launch order)."""
    earliest = pd.to_datetime(records["date_start"]).dt.normalize()
    latest = pd.to_datetime(records["date_end"]).dt.normalize()
    ids = records["event_id"].astype("string")
    _check_windows(ids, earliest, latest)
    known = _known_ends(ends, ids, earliest)
    end_known = ids.isin(list(known)).to_numpy()
    known_end = pd.Series(pd.to_datetime(ids.map(known)), index=ids.index, dtype="datetime64[ns]")
    # A campaign cannot have started after its known end.
    latest = latest.where(~end_known | (latest <= known_end), known_end)
    start = anchor_launches(earliest, latest, anchor)
    end = (start + pd.Timedelta(days=default_duration_days - 1)).where(~end_known, known_end)
    table = pd.DataFrame(
        {
            "event_id": ids.to_numpy(),
            "launch_earliest": earliest.to_numpy(),
            "start": start.to_numpy(),
            "launch_latest": latest.to_numpy(),
            "end": end.to_numpy(),
            "end_known": end_known,
            "launch_window_days": ((latest - earliest).dt.days + 1).to_numpy(dtype=int),
            "n_campaigns": _n_campaigns(records),
            "source": (
                records["source"].astype("string").to_numpy()
                if "source" in records.columns
                else pd.NA
            ),
        }
    )
    table = table.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)
    for col in ("launch_earliest", "start", "launch_latest", "end"):
        table[col] = pd.to_datetime(table[col]).astype("datetime64[ns]")
    table["duration_days"] = (table["end"] - table["start"]).dt.days + 1
    prev_end = table["end"].cummax().shift(1)
    table["overlaps_previous"] = (table["start"] <= prev_end).fillna(False).astype(bool)
    table.insert(0, "campaign", np.arange(1, len(table) + 1))
    table["source"] = table["source"].astype("string")
    return table[_INTERVAL_COLUMNS]


def _check_columns(events: pd.DataFrame) -> None:
    if not isinstance(events, pd.DataFrame):
        raise TypeError(f"events must be a pandas DataFrame, got {type(events).__name__}")
    need = ["event_id", "event_type", "date_start", "date_end", "count"]
    missing = [c for c in need if c not in events.columns]
    if missing:
        raise ValueError(
            f"campaigns: column(s) {missing} missing; rule: events need {need} (use load_events)"
        )


def _check_windows(ids: pd.Series, earliest: pd.Series, latest: pd.Series) -> None:
    bad = (latest < earliest).to_numpy()
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"campaigns: sweep record {ids.iloc[i]!r}, column date_end, value "
            f"{latest.iloc[i].date()} is before date_start {earliest.iloc[i].date()}; "
            "rule: a launch window ends on or after its first day"
        )


def _known_ends(ends: Mapping[str, Any], ids: pd.Series, earliest: pd.Series) -> dict[str, Any]:
    known: dict[str, Any] = {}
    lookup = dict(zip(ids.tolist(), earliest.tolist(), strict=True))
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
                f"{lookup[key].date()} (the earliest possible); rule: a campaign ends "
                "on or after its launch"
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
