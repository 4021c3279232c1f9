"""Read an ACLED export into event records.

ACLED's terms of use forbid redistributing its rows, so the project ships no
ACLED data: bring your own export (the ACLED Explorer, the export tool or
the API, as CSV) and read it with :func:`read_acled`, or with
:func:`read_acled_export` to get the export's own span (its coverage) and
rejected rows as well.  The tests run on SYNTHETIC rows written by code in
each layout.

Layouts
-------
Column names are matched without regard to case (older exports write them
in capitals).  Other columns may be present too (an index column, ``iso3``,
population columns).

``acled_2023``
    The 31 columns of exports since ACLED's March 2023 changes:
    ``event_id_cnty, event_date, year, time_precision, disorder_type,
    event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2,
    assoc_actor_2, inter2, interaction, civilian_targeting, iso, region,
    country, admin1, admin2, admin3, location, latitude, longitude,
    geo_precision, source, source_scale, notes, fatalities, tags, timestamp``.
``acled_2019``
    The exports of 2019 to early 2023: ``data_id, iso, event_id_cnty,
    event_id_no_cnty, event_date, ..., fatalities, timestamp, iso3``, with
    ``sub_event_type`` but no ``disorder_type``, ``civilian_targeting`` or
    ``tags``.  ``disorder_type`` is then derived from ``event_type`` as ACLED
    defines it: battles, explosions/remote violence and violence against
    civilians are political violence (so is the ``Mob violence`` sub-event
    of riots; ``Excessive force against protesters`` is both political
    violence and a demonstration); other protests and riots are
    demonstrations; strategic developments are their own.
``acled_2023_monadic``, ``acled_2019_monadic``
    The same without ``actor2``, ``assoc_actor_2`` and ``inter2``: a
    monadic export gives each actor of an event its own row, under the same
    ``event_id_cnty``.  The rows of one event become one record, as the
    dyadic export has it: the first row's actor is ``actor1``, the second
    row's ``actor2`` (the reader's result counts the rows it merged).

The layout used before 2019 (``gwno``, ``ally_actor_1``, no
``sub_event_type``, event types such as ``Remote violence`` and
``Battle-No change of territory``) is refused with a message naming it:
without ``sub_event_type`` an air strike cannot be told from shelling or a
roadside bomb, and ACLED's current exports hold the same events recoded.

Dates and windows
-----------------
``event_date`` is read in every form ACLED and spreadsheet programs write
it: ``2024-03-15`` (API), ``15 March 2024`` (export tool),
``15-March-2024`` (exports of 2018-2021), ``15-Mar-24`` and ``9-May-20``
(an export opened and saved in Excel), ``15-Mar-2024``.  The column is
parsed with the format of its first value; other formats are tried only on
the rows that fail.  Where the file has a ``year`` column it must agree.

``window="precision"`` (the default) makes ``time_precision`` the record's
window:

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

``window="coded"`` puts every row on ACLED's own ``event_date`` (a one-day
window; ``date_precision`` still says what ACLED knew): weekly counts are
then a plain count of rows by ``event_date``, as ACLED's own weekly figures
are made.  ACLED's weeks run Saturday to Friday: count with
``count_events(events, freq="W-FRI")`` to compare with them.

Either way the export's coverage is its own span, earliest to latest
``event_date`` (:attr:`SourceRecords.coverage` of :func:`read_acled_export`),
not the windows', which reach beyond it: a month-precision row of 3 March
spreads over March, but an export that ends on 3 March says nothing of the
4th.  ACLED's own coded day is kept in ``acled_event_date``.

Types
-----
In this order, on actor *names*, never on words inside them:

1. ``sub_event_type`` ``Air/drone strike`` -> ``airstrike``.
2. The Islamic State as ``actor1`` (or one of the names in
   ``assoc_actor_1``) of a political-violence event -> ``attack``:
   :data:`~analysis.sources.places.IS_ACTOR_PATTERN` wants a name that *is*
   IS (``Islamic State (Syria)``), not one that mentions it (``Global
   Coalition Against Daesh`` is not IS, and neither is anything on the
   second side).  ACLED's actor order carries no direction in general, but
   in its attacks, bombings and abductions the first actor is the one who
   acted.  ``acled_is_attribution`` says ``named``.
3. Only with ``suspected_is``: an ``Unidentified Armed Group`` as
   ``actor1`` of a political-violence event in the Badia governorates
   (:data:`~analysis.sources.places.BADIA_GOVERNORATES`, or the ones
   given) -> ``attack``, ``acled_is_attribution`` ``suspected``.  CEP and
   other trackers of the insurgency count these unclaimed bombings and
   ambushes as suspected IS attacks; ACLED does not attribute them, so the
   option is off by default.  Aleppo's north has many unattributed bombings
   that are not IS's: pass the governorates you mean.
4. Sweep or combing wording in ``notes``
   (:data:`analysis.sources.classifying.SWEEP_PATTERN`) in an operation by
   state or allied forces (``inter1`` state or external forces, or an
   ``actor1`` in :data:`~analysis.sources.places.STATE_OR_ALLIED_ACTOR_PATTERN`)
   that is not a protest or riot -> ``sweep``.  Sweeping in other senses
   (street sweepers, a sweep kick, mine sweeping) does not count.
5. Anything else -> ``other``.  No row is dropped.

Examples
--------
>>> import io
>>> row = dict.fromkeys(ACLED_COLUMNS, "")
>>> row.update(event_id_cnty="SYN1", event_date="15 March 2024", year="2024",
...            time_precision="3", sub_event_type="Air/drone strike",
...            event_type="Explosions/Remote violence", fatalities="0",
...            notes="SYNTHETIC example row, not a real event.")
>>> read = acled_to_events(pd.DataFrame([row]))
>>> read.layout, read.events.loc[0, ["event_type", "date_precision"]].tolist()
('acled_2023', ['airstrike', 'month'])
>>> [str(read.events.loc[0, c].date()) for c in ("date_start", "date_end")]
['2024-03-01', '2024-03-31']
>>> str(read.coverage.start), str(read.coverage.end)
('2024-03-15', '2024-03-15')
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd

from analysis.records.reading import (
    Errors,
    LayoutError,
    RecordLines,
    missing_columns,
    read_raw_csv,
)
from analysis.records.validating import Validated
from analysis.sources._reading import (
    ProblemLog,
    SourceRecords,
    canonical_records,
    join_strings,
    matches,
    matches_names,
    parse_dates,
    parse_numbers,
    record_rows,
    rejects_table,
    remove_matches,
    span_coverage,
    stripped,
)
from analysis.sources.classifying import SWEEP_PATTERN
from analysis.sources.places import (
    BADIA_GOVERNORATES,
    IS_ACTOR_PATTERN,
    STATE_OR_ALLIED_ACTOR_PATTERN,
    STATE_OR_ALLIED_INTER,
    UNIDENTIFIED_ACTOR_PATTERN,
    normalise_governorates,
)

WeekWindow = Literal["centred", "wide"]
Window = Literal["precision", "coded"]
AcledLayout = Literal["acled_2023", "acled_2019", "acled_2023_monadic", "acled_2019_monadic"]

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
"""The 31 columns of an ACLED export since March 2023, in order."""

ACLED_2019_COLUMNS: Final[tuple[str, ...]] = (
    "data_id",
    "iso",
    "event_id_cnty",
    "event_id_no_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
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
    "timestamp",
    "iso3",
)
"""The 31 columns of an ACLED export of 2019 to early 2023, in order."""

SECOND_ACTOR_COLUMNS: Final[tuple[str, ...]] = ("actor2", "assoc_actor_2", "inter2")
"""The columns a monadic export leaves out: its second actor has a row of its own."""

LAYOUTS: Final[dict[str, tuple[str, ...]]] = {
    "acled_2023": ACLED_COLUMNS,
    "acled_2019": ACLED_2019_COLUMNS,
    "acled_2023_monadic": tuple(c for c in ACLED_COLUMNS if c not in SECOND_ACTOR_COLUMNS),
    "acled_2019_monadic": tuple(c for c in ACLED_2019_COLUMNS if c not in SECOND_ACTOR_COLUMNS),
}
"""Every layout read, by name, with its columns."""

READ_COLUMNS: Final[tuple[str, ...]] = (
    "event_id_cnty",
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
)
"""The columns the reader needs in every layout (a dyadic one needs ``actor2`` too)."""

DATE_FORMATS: Final[tuple[str, ...]] = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d-%B-%Y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d %b %Y",
)
"""The forms of ``event_date`` read: ``2024-03-15``, ``15 March 2024``,
``15-March-2024``, ``15-Mar-24``, ``15-Mar-2024``, ``15 Mar 2024``."""

PRECISION_BY_TIME_PRECISION: Final[dict[str, str]] = {"1": "day", "2": "week", "3": "month"}
"""ACLED ``time_precision`` -> schema ``date_precision``."""

POLITICAL_VIOLENCE_EVENT_TYPES: Final[tuple[str, ...]] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
)
"""ACLED event types that are political violence, whatever their sub-event."""

NOT_SWEEP_PATTERN: Final[re.Pattern[str]] = re.compile(
    r"\bstreet[- ]?sweep\w*|\bsweepers?\b|\bsweep(?:s|ing)?[- ]kicks?\b|\bmine[- ]?sweep\w*|"
    r"\bchimney[- ]?sweep\w*",
    re.IGNORECASE,
)
"""Sweeping that is not a security operation: street sweepers, a sweep kick, mine sweeping."""

_LEGACY_MARKERS: Final[tuple[str, ...]] = ("gwno", "ally_actor_1", "ally_actor_2")
_SEPT: Final = re.compile(r"\bSept\b", re.IGNORECASE)


def detect_acled_layout(columns: Sequence[str], *, source: str | Path = "<columns>") -> AcledLayout:
    """Tell which ACLED layout a file's columns are (names compared in lower case).

    Parameters
    ----------
    columns : sequence of str
        The file's column names.
    source : str or pathlib.Path, optional
        The file, named in the error.

    Returns
    -------
    {'acled_2023', 'acled_2019', 'acled_2023_monadic', 'acled_2019_monadic'}

    Raises
    ------
    LayoutError
        If the columns are not an ACLED export, are the layout used before
        2019, or lack a column the reader needs: the message says which
        layout the file looks like and what it misses.

    Examples
    --------
    >>> detect_acled_layout(ACLED_COLUMNS), detect_acled_layout(ACLED_2019_COLUMNS)
    ('acled_2023', 'acled_2019')
    >>> detect_acled_layout(LAYOUTS["acled_2023_monadic"])
    'acled_2023_monadic'
    >>> detect_acled_layout(["GWNO", "EVENT_ID_CNTY", "EVENT_DATE", "EVENT_TYPE", "ALLY_ACTOR_1"])
    Traceback (most recent call last):
    ...
    analysis.records.reading.LayoutError: <columns>: an ACLED export in the layout used before ...
    """
    have = {str(c).strip().lower() for c in columns}
    if not {"event_id_cnty", "event_date"} & have:
        gap = missing_columns(list(have), ACLED_COLUMNS)
        raise LayoutError(
            f"{source}: not an ACLED export: misses {len(gap)} of the {len(ACLED_COLUMNS)} "
            f"columns of ACLED's current layout: {', '.join(gap)}"
        )
    if have & set(_LEGACY_MARKERS) and "sub_event_type" not in have:
        gap = missing_columns(list(have), READ_COLUMNS)
        raise LayoutError(
            f"{source}: an ACLED export in the layout used before 2019 (gwno, ally_actor_1, "
            f"event types such as 'Remote violence'), which is not read: it misses "
            f"{', '.join(gap)} (ally_actor_1 is the later assoc_actor_1), and without "
            "sub_event_type an air strike cannot be told from shelling or a bomb; ACLED's "
            "current exports hold the same events recoded: export them again"
        )
    monadic = "actor2" not in have
    era = "2023" if "disorder_type" in have else "2019"
    layout = f"acled_{era}" + ("_monadic" if monadic else "")
    needed = READ_COLUMNS if monadic else (*READ_COLUMNS, "actor2")
    gap = missing_columns(list(have), needed)
    if gap:
        raise LayoutError(
            f"{source}: an ACLED export ({layout}, {len(LAYOUTS[layout])} columns) that misses "
            f"{len(gap)} column(s) the reader needs: {', '.join(gap)}"
        )
    return layout  # type: ignore[return-value]


def parse_acled_dates(values: pd.Series) -> pd.Series:
    """Parse a column of ACLED ``event_date`` values in any of :data:`DATE_FORMATS`.

    Returns
    -------
    pandas.Series
        ``datetime64[ns]`` days, ``NaT`` where a value is blank or in no known form.

    Examples
    --------
    >>> days = parse_acled_dates(pd.Series(["2024-03-15", "15 March 2024", "15-Mar-24",
    ...                                     "9-May-20", "30-Sept-24", "15/03/2024"]))
    >>> days.dt.strftime("%Y-%m-%d").tolist()
    ['2024-03-15', '2024-03-15', '2024-03-15', '2020-05-09', '2024-09-30', nan]
    """
    parsed = parse_dates(values, DATE_FORMATS)
    sept = parsed.isna() & values.fillna("").astype("str").str.contains("Sept", case=False)
    if sept.any():  # "30-Sept-24", as some spreadsheet locales abbreviate September
        fixed = values[sept].astype("str").str.replace(_SEPT, "Sep", regex=True)
        parsed[sept] = parse_dates(fixed, DATE_FORMATS)
    return parsed


def parse_acled_date(text: str) -> pd.Timestamp | None:
    """Parse one ACLED ``event_date`` (any of :data:`DATE_FORMATS`); None if it is none.

    Examples
    --------
    >>> parse_acled_date("15 March 2024") == parse_acled_date("15-Mar-24")
    True
    >>> parse_acled_date("15/03/2024") is None
    True
    """
    day = parse_acled_dates(pd.Series([text], dtype="object")).iloc[0]
    return None if pd.isna(day) else pd.Timestamp(day)


def acled_windows(
    dates: pd.Series,
    time_precision: pd.Series,
    *,
    window: Window = "precision",
    week_window: WeekWindow = "centred",
) -> tuple[pd.Series, pd.Series]:
    """Return the windows ``(start, end)`` of events dated ``dates`` at their precisions.

    Parameters
    ----------
    dates : pandas.Series
        ACLED's ``event_date`` (datetime64).
    time_precision : pandas.Series
        ACLED's codes ``'1'``, ``'2'``, ``'3'`` (strings); other codes give ``NaT``.
    window : {'precision', 'coded'}, default 'precision'
        ``precision``: the windows of the module docstring; ``coded``: the
        coded day itself.
    week_window : {'centred', 'wide'}, default 'centred'
        Window of a week-precision event: 7 days centred on the date, or the
        13 days ``date - 6 .. date + 6``.

    Raises
    ------
    ValueError
        If ``window`` or ``week_window`` is not a supported value.

    Examples
    --------
    >>> d = pd.Series(pd.to_datetime(["2024-03-15"] * 3))
    >>> start, end = acled_windows(d, pd.Series(["1", "2", "3"]))
    >>> [f"{s:%m-%d}..{e:%m-%d}" for s, e in zip(start, end)]
    ['03-15..03-15', '03-12..03-18', '03-01..03-31']
    >>> start, end = acled_windows(d, pd.Series(["1", "2", "3"]), window="coded")
    >>> [f"{s:%m-%d}..{e:%m-%d}" for s, e in zip(start, end)]
    ['03-15..03-15', '03-15..03-15', '03-15..03-15']
    """
    if window not in ("precision", "coded"):
        raise ValueError(f"window must be 'precision' or 'coded', not {window!r}")
    if week_window not in ("centred", "wide"):
        raise ValueError(f"week_window must be 'centred' or 'wide', not {week_window!r}")
    day = dates.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    known = time_precision.isin(list(PRECISION_BY_TIME_PRECISION)).to_numpy()
    if window == "coded":
        start = end = np.where(known, day, np.datetime64("NaT"))
    else:
        tp = time_precision.to_numpy(dtype=object)
        half = np.timedelta64(3 if week_window == "centred" else 6, "D")
        month = day.astype("datetime64[M]")
        start = np.select(
            [tp == "1", tp == "2", tp == "3"],
            [day, day - half, month.astype("datetime64[D]")],
            np.datetime64("NaT"),
        )
        end = np.select(
            [tp == "1", tp == "2", tp == "3"],
            [day, day + half, (month + 1).astype("datetime64[D]") - np.timedelta64(1, "D")],
            np.datetime64("NaT"),
        )
    return (
        pd.Series(start.astype("datetime64[ns]"), index=dates.index),
        pd.Series(end.astype("datetime64[ns]"), index=dates.index),
    )


def derive_disorder_type(event_type: pd.Series, sub_event_type: pd.Series) -> pd.Series:
    """Return ACLED's ``disorder_type`` of events from their event and sub-event types.

    For exports made before ``disorder_type`` existed (module docstring);
    an unknown event type gives ``""``.

    Examples
    --------
    >>> derive_disorder_type(
    ...     pd.Series(["Battles", "Riots", "Riots", "Protests", "Strategic developments"]),
    ...     pd.Series(["Armed clash", "Mob violence", "Violent demonstration",
    ...                "Excessive force against protesters", "Arrests"])).tolist()
    ['Political violence', 'Political violence', 'Demonstrations', \
'Political violence; Demonstrations', 'Strategic developments']
    """
    kind = stripped(event_type).str.lower()
    sub = stripped(sub_event_type).str.lower()
    political = kind.isin([t.lower() for t in POLITICAL_VIOLENCE_EVENT_TYPES])
    out = np.select(
        [
            political | ((kind == "riots") & (sub == "mob violence")),
            (kind == "protests") & (sub == "excessive force against protesters"),
            kind.isin(["protests", "riots"]),
            kind == "strategic developments",
        ],
        [
            "Political violence",
            "Political violence; Demonstrations",
            "Demonstrations",
            "Strategic developments",
        ],
        "",
    )
    return pd.Series(out, index=event_type.index, dtype="str")


def merge_monadic(raw: pd.DataFrame) -> tuple[pd.DataFrame, np.ndarray]:
    """Fold a monadic export's rows into one row per event, as the dyadic export has it.

    The first row of each ``event_id_cnty`` keeps its actor as ``actor1``;
    the second row's ``actor1``, ``assoc_actor_1`` and ``inter1`` become
    ``actor2``, ``assoc_actor_2`` and ``inter2``.  A third row of the same
    event is kept as a row of its own (its repeated id is then reported).
    Rows with a blank id are never merged.  The input is not modified.

    Returns
    -------
    rows : pandas.DataFrame
        One row per event, in the order of their first rows.
    positions : numpy.ndarray
        The position in ``raw`` of each returned row.

    Examples
    --------
    >>> raw = pd.DataFrame({"event_id_cnty": ["SYN1", "SYN2", "SYN1"],
    ...     "actor1": ["Islamic State (Syria)", "Protesters (Syria)", "Civilians (Syria)"],
    ...     "assoc_actor_1": ["", "", ""], "inter1": ["2", "6", "7"]})
    >>> rows, positions = merge_monadic(raw)
    >>> rows[["event_id_cnty", "actor1", "actor2", "inter2"]].values.tolist()
    [['SYN1', 'Islamic State (Syria)', 'Civilians (Syria)', '7'], \
['SYN2', 'Protesters (Syria)', '', '']]
    >>> positions.tolist()
    [0, 1]
    """
    ids = stripped(raw["event_id_cnty"]).reset_index(drop=True)
    rank = ids.groupby(ids).cumcount().to_numpy().copy()
    rank[(ids == "").to_numpy()] = 0
    keep = np.flatnonzero(rank != 1)
    seconds = np.flatnonzero(rank == 1)
    rows = raw.iloc[keep].reset_index(drop=True)
    mapped = ids.iloc[keep].map(pd.Series(seconds, index=ids.iloc[seconds].to_numpy()))
    partner = mapped.where(rank[keep] == 0).to_numpy(dtype="float64")
    found = ~np.isnan(partner)
    take = partner[found].astype(np.int64)
    for own, other in zip(("actor1", "assoc_actor_1", "inter1"), SECOND_ACTOR_COLUMNS, strict=True):
        values = np.full(len(rows), "", dtype=object)
        values[found] = stripped(raw[own]).to_numpy(dtype=object)[take]
        rows[other] = pd.Series(values, dtype="str")
    return rows, keep


def _check_rows(raw: pd.DataFrame, log: ProblemLog) -> dict[str, pd.Series]:
    """Check the ACLED columns the records rest on; return them parsed."""
    ids = stripped(raw["event_id_cnty"])
    log.flag(
        ids == "", "event_id_cnty", raw["event_id_cnty"], "required_value", "a value is required"
    )
    log.flag(
        (ids != "") & ids.duplicated(keep=False),
        "event_id_cnty",
        raw["event_id_cnty"],
        "duplicate_id",
        "event_id_cnty must be unique (a monadic export's two rows of "
        "one event are merged; a third is not)",
    )
    text = stripped(raw["event_date"])
    dates = parse_acled_dates(text)
    log.flag(text == "", "event_date", raw["event_date"], "required_value", "a value is required")
    log.flag(
        dates.isna() & (text != ""),
        "event_date",
        raw["event_date"],
        "date_unparseable",
        "must be a date as ACLED or a spreadsheet writes it (2024-03-15, 15 March 2024, 15-Mar-24)",
    )
    if "year" in raw.columns:
        year = parse_numbers(raw["year"])
        log.flag(
            dates.notna() & year.notna() & (dates.dt.year != year),
            "event_date",
            raw["event_date"],
            "date_year",
            "the date's year must be the file's year column",
        )
    precision = stripped(raw["time_precision"])
    log.flag(
        ~precision.isin(list(PRECISION_BY_TIME_PRECISION)),
        "time_precision",
        raw["time_precision"],
        "date_precision",
        "must be 1, 2 or 3 (ACLED time_precision)",
    )
    parsed = {"event_id_cnty": ids, "event_date": dates, "time_precision": precision}
    for col in ("fatalities", "latitude", "longitude"):
        written = stripped(raw[col])
        parsed[col] = parse_numbers(written, strip=False)
        log.flag(
            parsed[col].isna() & (written != ""),
            col,
            raw[col],
            "number_unparseable",
            "must be a number",
        )
    log.flag(
        parsed["fatalities"] < 0,
        "fatalities",
        raw["fatalities"],
        "negative",
        "must not be negative",
    )
    log.flag_coordinates(parsed, raw)
    return parsed


def classify_acled_events(
    rows: pd.DataFrame, *, suspected_is: bool | Collection[str] = False
) -> tuple[np.ndarray, np.ndarray]:
    """Return the event type and IS attribution of ACLED rows (rules in the module docstring).

    Parameters
    ----------
    rows : pandas.DataFrame
        ACLED rows as strings, with ``disorder_type`` (or derived), ``event_type``,
        ``sub_event_type``, ``actor1``, ``assoc_actor_1``, ``inter1``, ``admin1``, ``notes``.
    suspected_is : bool or collection of str, default False
        Count unidentified armed groups' political violence as suspected IS
        attacks: ``True`` in :data:`~analysis.sources.places.BADIA_GOVERNORATES`,
        or in the governorates given (names as :data:`~analysis.sources.places.GOVERNORATES`).

    Returns
    -------
    event_type : numpy.ndarray
        ``airstrike``, ``attack``, ``sweep`` or ``other`` per row.
    attribution : numpy.ndarray
        ``named`` (IS is the actor), ``suspected`` or ``""``.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "disorder_type": ["Political violence"] * 3,
    ...     "event_type": ["Battles", "Battles", "Explosions/Remote violence"],
    ...     "sub_event_type": ["Armed clash", "Armed clash", "Remote explosive/landmine/IED"],
    ...     "actor1": ["Islamic State (Syria)", "QSD: Syrian Democratic Forces",
    ...                "Unidentified Armed Group (Syria)"],
    ...     "assoc_actor_1": ["", "Global Coalition Against Daesh", ""],
    ...     "inter1": ["Rebel group", "Rebel group", "Rebel group"],
    ...     "admin1": ["Homs", "Deir ez Zor", "Homs"], "notes": ["SYNTHETIC"] * 3})
    >>> [t.tolist() for t in classify_acled_events(rows)]
    [['attack', 'other', 'other'], ['named', '', '']]
    >>> classify_acled_events(rows, suspected_is=True)[0].tolist()
    ['attack', 'other', 'attack']
    """
    political = (
        stripped(rows["disorder_type"])
        .str.lower()
        .str.contains("political violence", regex=False)
        .to_numpy()
    )
    airstrike = (stripped(rows["sub_event_type"]).str.lower() == "air/drone strike").to_numpy()
    named = political & (
        matches_names(IS_ACTOR_PATTERN, rows["actor1"])
        | matches_names(IS_ACTOR_PATTERN, rows["assoc_actor_1"])
    )
    suspected = np.zeros(len(rows), dtype=bool)
    if suspected_is is not False:
        places = BADIA_GOVERNORATES if suspected_is is True else tuple(suspected_is)
        where = normalise_governorates(stripped(rows["admin1"])).isin(places).to_numpy()
        suspected = political & where & matches_names(UNIDENTIFIED_ACTOR_PATTERN, rows["actor1"])
    attack = ~airstrike & (named | suspected)
    state = np.array(stripped(rows["inter1"]).str.lower().isin(STATE_OR_ALLIED_INTER))
    state |= matches_names(STATE_OR_ALLIED_ACTOR_PATTERN, rows["actor1"])
    crowd = stripped(rows["event_type"]).str.lower().isin(["protests", "riots"]).to_numpy()
    sweep = state & ~crowd & ~airstrike & ~attack
    if sweep.any():  # the notes are read only where a sweep could be
        notes = rows["notes"].iloc[np.flatnonzero(sweep)]
        sweep[sweep] = matches(SWEEP_PATTERN, remove_matches(NOT_SWEEP_PATTERN, notes))
    event_type = np.select([airstrike, attack, sweep], ["airstrike", "attack", "sweep"], "other")
    attribution = np.select([attack & named, attack], ["named", "suspected"], "")
    return event_type.astype(object), attribution.astype(object)


def acled_to_events(
    raw: pd.DataFrame,
    *,
    source: str | Path = "<frame>",
    lines: Sequence[int] | None = None,
    window: Window = "precision",
    week_window: WeekWindow = "centred",
    suspected_is: bool | Collection[str] = False,
) -> SourceRecords:
    """Check ACLED rows (all strings, as read) and map them to records, a column at a time.

    Parameters
    ----------
    raw : pandas.DataFrame
        An export read as strings (``dtype=str, keep_default_na=False``), in
        any layout of the module docstring.  Not modified.
    source : str or pathlib.Path, optional
        The file, named in errors and problems.
    lines : sequence of int, optional
        The 1-based line of each row of ``raw``.
    window, week_window, suspected_is
        As for :func:`read_acled`.

    Returns
    -------
    SourceRecords
        One record per event (module docstring), the rows rejected, the
        problems (each naming the export's own column), the export's coverage
        (earliest..latest ``event_date``), its layout, and how many rows a
        monadic export merged.

    Raises
    ------
    LayoutError
        If the columns are not a layout the reader takes (the message says
        which layout they look like and what is missing).
    ValueError
        If ``window``, ``week_window`` or ``suspected_is`` is not supported.
    """
    if window not in ("precision", "coded"):
        raise ValueError(f"window must be 'precision' or 'coded', not {window!r}")
    if week_window not in ("centred", "wide"):
        raise ValueError(f"week_window must be 'centred' or 'wide', not {week_window!r}")
    if isinstance(suspected_is, str):
        raise ValueError("suspected_is must be True, False or a collection of governorates")
    rows_read = len(raw)
    columns = [str(c).strip().lower() for c in raw.columns]
    layout = detect_acled_layout(columns, source=source)
    frame = raw.set_axis(columns, axis=1)
    frame = frame.loc[:, ~pd.Index(columns).duplicated()]
    positions = np.arange(rows_read)
    file_ids = frame["event_id_cnty"]
    if layout.endswith("_monadic"):
        frame, positions = merge_monadic(frame)
    frame = frame.reset_index(drop=True)
    row_lines = None if lines is None else RecordLines(np.asarray(lines)[positions])
    n = len(frame)
    derived = "disorder_type" not in frame.columns
    if derived:
        frame = frame.assign(
            disorder_type=derive_disorder_type(frame["event_type"], frame["sub_event_type"])
        )
    log = ProblemLog(source, row_lines, lines)
    reading = getattr(lines, "problems", None) or []
    log.flag_reading_problems(reading, record_rows(reading, positions, file_ids))
    parsed = _check_rows(frame, log)
    start, end = acled_windows(
        parsed["event_date"], parsed["time_precision"], window=window, week_window=week_window
    )
    event_type, attribution = classify_acled_events(frame, suspected_is=suspected_is)
    office = stripped(frame["source"])
    parts: list[pd.Series | str] = [
        "ACLED ",
        frame["event_type"],
        " / ",
        frame["sub_event_type"],
        "; event_date ",
        frame["event_date"],
        "; time_precision ",
        frame["time_precision"],
    ]
    for col in (
        "disorder_type",
        "geo_precision",
        "interaction",
        "civilian_targeting",
        "source_scale",
        "tags",
        "timestamp",
    ):
        if col in frame.columns:
            parts += [f"; {col} ", frame[col]]
    if derived:
        parts.append(" (derived from event_type)")
    if layout.endswith("_monadic"):
        parts.append("; monadic export: actor2 from the event's second row")
    records = canonical_records(
        {
            "event_id": join_strings("acled-", parsed["event_id_cnty"]),
            "event_type": event_type,
            "date_start": start,
            "date_end": end,
            "date_precision": parsed["time_precision"].map(PRECISION_BY_TIME_PRECISION),
            "count": 1.0,
            "count_low": 1.0,
            "count_high": 1.0,
            "actor": frame["actor1"],
            "target": frame["actor2"],
            "location": frame["location"],
            "admin1": normalise_governorates(stripped(frame["admin1"])),
            "latitude": parsed["latitude"],
            "longitude": parsed["longitude"],
            "killed": parsed["fatalities"],
            "source": join_strings("ACLED; ", office).where(office != "", "ACLED"),
            "source_id": parsed["event_id_cnty"],
            "notes": join_strings(*parts),
            "evidence": frame["notes"],
        },
        n,
        extras=[
            ("acled_event_date", parsed["event_date"]),
            ("acled_disorder_type", frame["disorder_type"]),
            ("acled_event_type", frame["event_type"]),
            ("acled_sub_event_type", frame["sub_event_type"]),
            ("acled_actor1", frame["actor1"]),
            ("acled_assoc_actor_1", frame["assoc_actor_1"]),
            ("acled_actor2", frame["actor2"]),
            ("acled_assoc_actor_2", frame.get("assoc_actor_2", pd.Series("", index=frame.index))),
            ("acled_time_precision", parsed["time_precision"]),
            ("acled_is_attribution", pd.Series(attribution, dtype="str")),
        ],
        clean={"event_id", "source", "source_id", "notes"},
    )
    problems = log.table()
    bad = log.bad_rows(n)
    return SourceRecords(
        events=records.loc[~bad].reset_index(drop=True) if bad.any() else records,
        rejects=rejects_table(frame, bad, problems, row_lines),
        problems=problems,
        coverage=span_coverage(
            parsed["event_date"].min(),
            parsed["event_date"].max(),
            source,
            "the export's own span: earliest to latest event_date",
        ),
        layout=layout,
        rows=rows_read,
        merged=rows_read - n,
    )


def read_acled_export(
    path: str | Path,
    *,
    window: Window = "precision",
    week_window: WeekWindow = "centred",
    suspected_is: bool | Collection[str] = False,
) -> SourceRecords:
    """Read an ACLED export with everything around its records: coverage, rejects, layout.

    Parameters
    ----------
    path : str or pathlib.Path
        Your own ACLED export (CSV, optionally gzipped), in any layout of the
        module docstring.
    window, week_window, suspected_is
        As for :func:`read_acled`.

    Returns
    -------
    SourceRecords
        ``events`` (valid records), ``rejects`` and ``problems`` (each naming
        the export's own column), ``coverage`` (the export's own span,
        earliest..latest ``event_date``: count over it, not over the
        records' windows), ``layout``, ``rows`` read and ``merged`` (rows of
        a monadic export folded into their event's first row).

    Raises
    ------
    LayoutError
        If the file is not an ACLED layout the reader takes, or not UTF-8.

    See Also
    --------
    read_acled : the records alone, raising on any bad row.

    Examples
    --------
    >>> import csv, pathlib, tempfile
    >>> days = ["2024-03-15", "2024-04-02"]
    >>> rows = [dict.fromkeys(ACLED_COLUMNS, "") | {
    ...     "event_id_cnty": f"SYN{i}", "event_date": day, "time_precision": "3",
    ...     "notes": "SYNTHETIC example row."} for i, day in enumerate(days)]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = pathlib.Path(tmp) / "export.csv"
    ...     with path.open("w", newline="", encoding="utf-8") as fh:
    ...         writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS)
    ...         _ = writer.writeheader(), writer.writerows(rows)
    ...     export = read_acled_export(path)
    >>> [f"{day:%Y-%m-%d}" for day in (export.coverage.start, export.coverage.end)]
    ['2024-03-15', '2024-04-02']
    >>> f"{export.events['date_end'].max():%Y-%m-%d}"  # the windows reach beyond it
    '2024-04-30'
    """
    raw, lines = read_raw_csv(path)
    return acled_to_events(
        raw,
        source=path,
        lines=lines,
        window=window,
        week_window=week_window,
        suspected_is=suspected_is,
    )


def read_acled(
    path: str | Path,
    *,
    errors: Errors = "raise",
    window: Window = "precision",
    week_window: WeekWindow = "centred",
    suspected_is: bool | Collection[str] = False,
) -> pd.DataFrame | Validated:
    """Read an ACLED export (CSV, optionally gzipped) into validated event records.

    Parameters
    ----------
    path : str or pathlib.Path
        Your own ACLED export, in any layout of the module docstring (other
        columns may be present too).
    errors : {'raise', 'reject'}, default 'raise'
        ``raise``: return the events, or raise if any row is invalid.
        ``reject``: return :class:`~analysis.records.validating.Validated`;
        events + rejects = the export's events (a monadic export's rows of
        one event count once).
    window : {'precision', 'coded'}, default 'precision'
        ``precision``: each record's window from ``time_precision``;
        ``coded``: each record on ACLED's ``event_date`` (module docstring).
    week_window : {'centred', 'wide'}, default 'centred'
        Window of ``time_precision`` 2 events with ``window="precision"``.
    suspected_is : bool or collection of str, default False
        Count political violence by unidentified armed groups in the Badia
        governorates (``True``) or in the governorates given as suspected IS
        attacks (module docstring, rule 3).

    Returns
    -------
    pandas.DataFrame or Validated
        One record per event, ``count`` 1; ``event_id`` is ``acled-`` +
        ``event_id_cnty``, kept in ``source_id``; ``fatalities`` -> ``killed``
        (ACLED gives one figure, so ``killed_low``/``killed_high`` stay empty);
        ACLED's ``notes`` -> ``evidence``; ACLED's coded day, types, actors,
        ``time_precision`` and the IS attribution in ``acled_*`` columns.
        For the export's coverage, use :func:`read_acled_export`.

    Raises
    ------
    LayoutError
        If the file is not an ACLED layout the reader takes (the message
        says which layout it looks like and what it misses), or not UTF-8.
    analysis.records.validating.EventValidationError
        With ``errors="raise"``, if a row is invalid: the message names the
        file, line, row, the export's own column (``event_date``,
        ``time_precision``, ``fatalities``, ...), the value and the rule.

    See Also
    --------
    read_acled_export : the same, with coverage, rejects and layout.
    analysis.sources.ucdp.read_ucdp_ged : the UCDP reader.

    Examples
    --------
    ACLED's rows may not be shipped, so this example writes one SYNTHETIC row
    in the export layout:

    >>> import csv, pathlib, tempfile
    >>> row = dict.fromkeys(ACLED_COLUMNS, "")
    >>> row.update(event_id_cnty="SYN1", event_date="2024-03-15", time_precision="2",
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
    ['acled-SYN1', 'attack', 'week']
    >>> float(events.loc[0, "killed"])
    2.0
    >>> [str(events.loc[0, c].date()) for c in ("date_start", "date_end")]
    ['2024-03-12', '2024-03-18']
    """
    if errors not in ("raise", "reject"):
        raise ValueError(f"errors must be 'raise' or 'reject', not {errors!r}")
    read = read_acled_export(
        path, window=window, week_window=week_window, suspected_is=suspected_is
    )
    return read.validated() if errors == "reject" else read.events_or_raise()
