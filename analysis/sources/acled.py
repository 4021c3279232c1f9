"""Read an ACLED export into event records.

ACLED's terms of use forbid redistributing its rows, so the project ships no
ACLED data: bring your own export (the ACLED Explorer or API, CSV) and read
it with :func:`read_acled`.  The tests run on synthetic rows written in the
same layout.

The layout is ACLED's 31-column export (since its March 2023 column changes):
``event_id_cnty, event_date, year, time_precision, disorder_type, event_type,
sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2,
interaction, civilian_targeting, iso, region, country, admin1, admin2, admin3,
location, latitude, longitude, geo_precision, source, source_scale, notes,
fatalities, tags, timestamp``.

Dates and windows
-----------------
``event_date`` is read as ISO (``2024-03-15``) or as ACLED writes it in
exports (``15 March 2024``).  ``time_precision`` says how well ACLED knew the
day, and becomes the record's window:

======  ==================================  ===================================
code    ACLED meaning                       window built here
======  ==================================  ===================================
1       the day is known                    ``event_date`` .. ``event_date``
                                            (precision ``day``)
2       only the week (or weekend) is       ``week_window="centred"``: the 7 days
        known; ACLED codes a day inside     ``event_date - 3 .. event_date + 3``
        that week                           (the week, if the coded day is its
                                            middle); ``"wide"``: ``-6 .. +6``,
                                            which holds the week wherever the
                                            coded day lies (precision ``week``)
3       only the month is known; ACLED      the calendar month of ``event_date``
        codes a day inside that month       (precision ``month``), wherever the
                                            coded day lies
======  ==================================  ===================================

ACLED's own weekly figures use weeks that run Saturday to Friday; count with
``count_events(events, freq="W-FRI")`` to compare with them.

Types
-----
In this order: ``sub_event_type`` ``Air/drone strike`` -> ``airstrike``; an
Islamic State actor as ``actor1`` or ``assoc_actor_1`` of a political-violence
event -> ``attack`` (ACLED's actor order carries no direction in general, but
in its attacks, bombings and abductions the first actor is the one who acted);
sweep or combing wording in ``notes``
(:data:`analysis.sources.classifying.SWEEP_PATTERN`) -> ``sweep``; anything else ->
``other``.  No row is dropped.

Examples
--------
>>> import io
>>> row = dict.fromkeys(ACLED_COLUMNS, "")
>>> row.update(event_id_cnty="SYR0001", event_date="15 March 2024",
...            time_precision="3", sub_event_type="Air/drone strike",
...            event_type="Explosions/Remote violence", fatalities="0",
...            notes="SYNTHETIC example row, not a real event.")
>>> frame = acled_to_events(pd.DataFrame([row]))
>>> frame.loc[0, ["event_type", "date_start", "date_end", "date_precision"]].tolist()
['airstrike', '2024-03-01', '2024-03-31', 'month']
"""

from __future__ import annotations

from pathlib import Path
from typing import Final, Literal

import pandas as pd

from analysis.records.reading import Errors, LayoutError, finish, missing_columns, read_raw_csv
from analysis.records.validating import Validated
from analysis.sources.classifying import SWEEP_PATTERN
from analysis.sources.places import IS_ACTOR_PATTERN, normalise_governorate

WeekWindow = Literal["centred", "wide"]

ACLED_COLUMNS: Final[tuple[str, ...]] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
"""The 31 columns of an ACLED export, in order."""

PRECISION_BY_TIME_PRECISION: Final[dict[str, str]] = {"1": "day", "2": "week", "3": "month"}
"""ACLED ``time_precision`` -> schema ``date_precision``."""


def parse_acled_date(text: str) -> pd.Timestamp | None:
    """Parse an ACLED ``event_date``: ISO ``2024-03-15`` or ``15 March 2024``.

    Returns
    -------
    pandas.Timestamp or None
        None where the text is neither form.

    Examples
    --------
    >>> parse_acled_date("15 March 2024") == parse_acled_date("2024-03-15")
    True
    >>> parse_acled_date("15/03/2024") is None
    True
    """
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return pd.Timestamp(pd.to_datetime(text, format=fmt))
        except ValueError:
            continue
    return None


def acled_window(
    date: pd.Timestamp, time_precision: str, *, week_window: WeekWindow = "centred"
) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the window ``(start, end)`` of an event dated ``date`` at a precision.

    Parameters
    ----------
    date : pandas.Timestamp
        ACLED's ``event_date``.
    time_precision : {'1', '2', '3'}
        ACLED's code (see the module docstring).
    week_window : {'centred', 'wide'}, default 'centred'
        Window of a week-precision event: 7 days centred on the date, or the
        13 days ``date - 6 .. date + 6``.

    Raises
    ------
    ValueError
        If ``time_precision`` or ``week_window`` is not a supported value.

    Examples
    --------
    >>> d = pd.Timestamp("2024-03-15")
    >>> [str(x.date()) for x in acled_window(d, "2")]
    ['2024-03-12', '2024-03-18']
    >>> [str(x.date()) for x in acled_window(d, "2", week_window="wide")]
    ['2024-03-09', '2024-03-21']
    """
    if week_window not in ("centred", "wide"):
        raise ValueError(f"week_window must be 'centred' or 'wide', not {week_window!r}")
    if time_precision == "1":
        return date, date
    if time_precision == "2":
        half = pd.Timedelta(days=3 if week_window == "centred" else 6)
        return date - half, date + half
    if time_precision == "3":
        start = date.replace(day=1)
        return start, start + pd.offsets.MonthEnd(0)
    raise ValueError(f"time_precision must be 1, 2 or 3, not {time_precision!r}")


def classify_acled_event(row: dict[str, str]) -> str:
    """Return the event type of one ACLED row (rules in the module docstring).

    Examples
    --------
    >>> classify_acled_event({"sub_event_type": "Attack", "actor1": "Islamic State (Syria)",
    ...     "assoc_actor_1": "", "disorder_type": "Political violence", "notes": ""})
    'attack'
    >>> classify_acled_event({"sub_event_type": "Armed clash", "actor1": "Military Forces",
    ...     "assoc_actor_1": "", "disorder_type": "Political violence",
    ...     "notes": "Regime forces began a combing operation in the desert."})
    'sweep'
    """
    if row["sub_event_type"].strip().lower() == "air/drone strike":
        return "airstrike"
    is_first = IS_ACTOR_PATTERN.search(row["actor1"]) or IS_ACTOR_PATTERN.search(
        row["assoc_actor_1"]
    )
    if is_first and "political violence" in row["disorder_type"].lower():
        return "attack"
    if SWEEP_PATTERN.search(row["notes"]):
        return "sweep"
    return "other"


def check_acled_layout(columns: list[str], *, source: str | Path = "<frame>") -> None:
    """Raise :class:`LayoutError` naming the ACLED columns a file lacks.

    Examples
    --------
    >>> check_acled_layout(list(ACLED_COLUMNS))
    >>> check_acled_layout(["event_id_cnty", "event_date"])
    Traceback (most recent call last):
    ...
    analysis.records.reading.LayoutError: <frame>: not an ACLED export: misses 29 of its ...
    """
    gap = missing_columns(columns, ACLED_COLUMNS)
    if gap:
        raise LayoutError(
            f"{source}: not an ACLED export: misses {len(gap)} of its "
            f"{len(ACLED_COLUMNS)} columns: {', '.join(gap)}"
        )


def acled_to_events(
    raw: pd.DataFrame, *, source: str | Path = "<frame>", week_window: WeekWindow = "centred"
) -> pd.DataFrame:
    """Map ACLED rows (all strings) to canonical columns, one row each, unvalidated.

    A date that does not parse, or an unknown ``time_precision``, is passed on
    as written so that validation names it.  The input frame is not modified.

    Raises
    ------
    LayoutError
        If a column of the ACLED layout is missing.
    """
    check_acled_layout(list(raw.columns), source=source)
    rows = []
    records: list[dict[str, str]] = raw.to_dict("records")  # type: ignore[assignment]
    for r in records:
        tp = r["time_precision"].strip()
        date = parse_acled_date(r["event_date"])
        if date is None:
            start = end = r["event_date"]
        elif tp in PRECISION_BY_TIME_PRECISION:
            s, e = acled_window(date, tp, week_window=week_window)
            start, end = s.strftime("%Y-%m-%d"), e.strftime("%Y-%m-%d")
        else:
            start = end = date.strftime("%Y-%m-%d")
        office = r["source"].strip()
        notes = (
            f"{r['notes']} [ACLED {r['event_type']} / {r['sub_event_type']}; "
            f"event_date {r['event_date']}; time_precision {tp}; geo_precision "
            f"{r['geo_precision']}; interaction {r['interaction']}; civilian_targeting "
            f"{r['civilian_targeting']}; source_scale {r['source_scale']}; tags {r['tags']}; "
            f"timestamp {r['timestamp']}]"
        )
        rows.append(
            {
                "event_id": f"acled-{r['event_id_cnty']}",
                "event_type": classify_acled_event(r),
                "is_aggregate": "false",
                "date_start": start,
                "date_end": end,
                "date_precision": PRECISION_BY_TIME_PRECISION.get(tp, tp),
                "count": "1",
                "count_low": "1",
                "count_high": "1",
                "actor": r["actor1"],
                "target": r["actor2"],
                "location": r["location"],
                "admin1": normalise_governorate(r["admin1"]),
                "latitude": r["latitude"],
                "longitude": r["longitude"],
                "killed": r["fatalities"],
                "source": f"ACLED; {office}" if office else "ACLED",
                "source_id": r["event_id_cnty"],
                "notes": notes,
                "evidence": r["notes"],
                "acled_disorder_type": r["disorder_type"],
                "acled_event_type": r["event_type"],
                "acled_sub_event_type": r["sub_event_type"],
                "acled_actor1": r["actor1"],
                "acled_actor2": r["actor2"],
                "acled_time_precision": tp,
            }
        )
    columns = [
        "event_id",
        "event_type",
        "is_aggregate",
        "date_start",
        "date_end",
        "date_precision",
        "count",
        "count_low",
        "count_high",
        "actor",
        "target",
        "location",
        "admin1",
        "latitude",
        "longitude",
        "killed",
        "source",
        "source_id",
        "notes",
        "evidence",
        "acled_disorder_type",
        "acled_event_type",
        "acled_sub_event_type",
        "acled_actor1",
        "acled_actor2",
        "acled_time_precision",
    ]
    return pd.DataFrame(rows, columns=columns)


def read_acled(
    path: str | Path, *, errors: Errors = "raise", week_window: WeekWindow = "centred"
) -> pd.DataFrame | Validated:
    """Read an ACLED export (CSV, optionally gzipped) into validated event records.

    Parameters
    ----------
    path : str or pathlib.Path
        Your own ACLED export in the 31-column layout (other columns may be
        present too).
    errors : {'raise', 'reject'}, default 'raise'
        ``raise``: return the events, or raise if any row is invalid.
        ``reject``: return :class:`~analysis.records.validating.Validated`; events +
        rejects = input rows.
    week_window : {'centred', 'wide'}, default 'centred'
        Window of ``time_precision`` 2 events (module docstring).

    Returns
    -------
    pandas.DataFrame or Validated
        One record per row, ``count`` 1; ``event_id`` is ``acled-`` +
        ``event_id_cnty``, kept in ``source_id``; ``fatalities`` -> ``killed``;
        ACLED's ``notes`` -> ``evidence``; ACLED's types, actors and
        ``time_precision`` in ``acled_*`` columns.

    Raises
    ------
    LayoutError
        If the file lacks ACLED columns (the message lists them).
    analysis.records.validating.EventValidationError
        With ``errors="raise"``, if a date does not parse or a
        ``time_precision`` is not 1, 2 or 3 (file, line, row, column, value).

    See Also
    --------
    analysis.sources.ucdp.read_ucdp_ged : the UCDP reader.

    Examples
    --------
    ACLED's rows may not be shipped, so this example writes one SYNTHETIC row
    in the export layout:

    >>> import csv, pathlib, tempfile
    >>> row = dict.fromkeys(ACLED_COLUMNS, "")
    >>> row.update(event_id_cnty="SYR0001", event_date="2024-03-15", time_precision="2",
    ...            disorder_type="Political violence", event_type="Violence against civilians",
    ...            sub_event_type="Attack", actor1="Islamic State (Syria)", admin1="Homs",
    ...            fatalities="2", notes="SYNTHETIC example row.")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "export.csv"
    ...     with path.open("w", newline="", encoding="utf-8") as fh:
    ...         writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
    ...         _ = writer.writeheader(), writer.writerow(row)
    ...     events = read_acled(path)
    >>> events.loc[0, ["event_id", "event_type", "date_precision"]].tolist()
    ['acled-SYR0001', 'attack', 'week']
    >>> [str(events.loc[0, c].date()) for c in ("date_start", "date_end")]
    ['2024-03-12', '2024-03-18']
    """
    raw, lines = read_raw_csv(path)
    frame = acled_to_events(raw, source=path, week_window=week_window)
    return finish(frame, source=path, lines=lines, errors=errors)
