"""Read UCDP Georeferenced Event Dataset (GED) files into event records.

Two layouts are supported and told apart by their columns:

``ged_syria``
    The 41 columns of the UCDP GED Syria release (GED 19.1 codebook), e.g.
    ``seeds/ucdp/ucdp_ged_syria_2016_2019.csv.gz``.
``ged_231``
    The 49 columns of GED 23.1 and later (adds ``relid``, ``code_status``,
    the ``*_dset_id`` columns, ``where_description`` and ``gwnoa``).

Every input row becomes one record (``count`` 1; a UCDP event is one event):

=====================  ===========================================================
canonical column       from UCDP
=====================  ===========================================================
``event_id``           ``"ucdp-" + id``
``source_id``          ``id``
``event_type``         :func:`analysis.sources.classifying.classify_event_type` on
                       ``source_headline``, the sides and the deaths per side
``date_start/_end``    ``date_start`` / ``date_end`` as in the file
``date_precision``     ``date_prec``: 1 day, 2 days (2-6 days), 3 week, 4 month,
                       5 year (more than a month, within a year)
``killed`` ...         ``best``, ``low``, ``high``
``location``           ``where_coordinates``; ``latitude``, ``longitude``
``admin1``             ``adm_1`` without "governorate", in the gazetteer's names
                       (``Homs governorate`` -> ``Homs``, ``Ar Raqqah`` -> ``Raqqa``)
``actor``/``target``   the IS side and the other side, for attacks and airstrikes
``source``             ``"UCDP GED; " + source_office``
``evidence``           ``source_headline``
``notes``              conflict, dyad, deaths per side, ``where_prec``,
                       ``event_clarity``, ``source_original``, ``source_date``,
                       ``source_article``
=====================  ===========================================================

Extra columns keep what counting by conflict needs: ``ucdp_conflict_id``,
``ucdp_conflict_name``, ``ucdp_dyad_name``, ``ucdp_side_a``, ``ucdp_side_b``,
``ucdp_type_of_violence`` and ``ucdp_adm_1`` (as written in the file).

Every row is checked against the GED layout's own rules (an ``id`` given and
unique, dates, ``date_start`` <= ``date_end``, ``date_prec`` 1-5, deaths and
coordinates that are numbers in range), a whole column at a time, and each
problem names the GED column.  Nothing is dropped: a row that breaks a rule
is named in the error, or returned among the rejects with ``errors="reject"``.
UCDP's three death figures are kept as given, also where ``low`` > ``best``
or ``best`` > ``high`` (it happens in real releases).

Examples
--------
>>> from analysis.config import UCDP_DIR
>>> events = read_ucdp_ged(UCDP_DIR / "ucdp_ged231_sample1000_syria_rows.csv.gz")
>>> len(events), int(events["count"].sum())
(265, 265)
>>> detect_ucdp_layout(events.columns)
Traceback (most recent call last):
...
analysis.records.reading.LayoutError: <columns>: not a UCDP GED file of a known layout ...
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final, Literal

import numpy as np
import pandas as pd

from analysis.records.reading import Errors, LayoutError, missing_columns, read_raw_csv
from analysis.records.validating import Validated
from analysis.sources._reading import (
    ProblemLog,
    SourceRecords,
    canonical_records,
    join_strings,
    matches_names,
    parse_dates,
    parse_numbers,
    rejects_table,
    span_coverage,
    stripped,
)
from analysis.sources.classifying import classify_event_types
from analysis.sources.places import IS_SIDE_PATTERN, normalise_governorates

UcdpLayout = Literal["ged_syria", "ged_231"]

GED_SYRIA_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "year",
    "active_year",
    "type_of_violence",
    "conflict_new_id",
    "conflict_name",
    "dyad_new_id",
    "dyad_name",
    "side_a_new_id",
    "side_a",
    "side_b_new_id",
    "gwnob",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "low",
    "best",
    "high",
)
"""The 41 columns of the UCDP GED Syria release, in file order."""

GED_231_COLUMNS: Final[tuple[str, ...]] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)
"""The 49 columns of GED 23.1 and later, in file order."""

LAYOUTS: Final[dict[str, tuple[str, ...]]] = {
    "ged_231": GED_231_COLUMNS,
    "ged_syria": GED_SYRIA_COLUMNS,
}
"""Supported layouts, the most complete first."""

DATE_PRECISION_BY_DATE_PREC: Final[dict[str, str]] = {
    "1": "day",
    "2": "days",
    "3": "week",
    "4": "month",
    "5": "year",
}
"""UCDP ``date_prec`` -> schema ``date_precision``."""


def detect_ucdp_layout(columns: Sequence[str], *, source: str | Path = "<columns>") -> UcdpLayout:
    """Tell which GED layout a set of columns is.

    Parameters
    ----------
    columns : sequence of str
        A file's column names.
    source : str or pathlib.Path, optional
        The file, named in the error.

    Returns
    -------
    {'ged_syria', 'ged_231'}

    Raises
    ------
    LayoutError
        If the columns hold neither layout; the message lists the columns each
        layout misses.

    Examples
    --------
    >>> detect_ucdp_layout(GED_SYRIA_COLUMNS)
    'ged_syria'
    >>> detect_ucdp_layout(GED_231_COLUMNS)
    'ged_231'
    """
    gaps = {name: missing_columns(columns, cols) for name, cols in LAYOUTS.items()}
    for name, gap in gaps.items():
        if not gap:
            return name  # type: ignore[return-value]
    detail = "; ".join(
        f"{name} ({len(LAYOUTS[name])} columns) misses {len(gap)}: {', '.join(gap)}"
        for name, gap in gaps.items()
    )
    raise LayoutError(f"{source}: not a UCDP GED file of a known layout ({detail})")


_DATE_FORMATS: Final[tuple[str, ...]] = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M:%S")
"""How GED files write dates: ``2016-01-01``, or with a time of day in some releases."""

_DEATH_COLUMNS: Final[tuple[str, ...]] = ("best", "low", "high")


def _check_rows(raw: pd.DataFrame, log: ProblemLog) -> dict[str, pd.Series]:
    """Check the GED columns the records rest on; return them parsed."""
    ids = stripped(raw["id"])
    log.flag(ids == "", "id", raw["id"], "required_value", "a value is required")
    log.flag(
        (ids != "") & ids.duplicated(keep=False),
        "id",
        raw["id"],
        "duplicate_id",
        "id must be unique",
    )
    parsed: dict[str, pd.Series] = {"id": ids}
    for col in ("date_start", "date_end"):
        text = stripped(raw[col])
        parsed[col] = parse_dates(text, _DATE_FORMATS)
        log.flag(text == "", col, raw[col], "required_value", "a value is required")
        log.flag(
            parsed[col].isna() & (text != ""),
            col,
            raw[col],
            "date_unparseable",
            "must be a date as UCDP writes it (YYYY-MM-DD)",
        )
    order = parsed["date_end"] < parsed["date_start"]
    log.flag(
        order,
        "date_end",
        "date_end=" + stripped(raw["date_end"]) + ", date_start=" + stripped(raw["date_start"]),
        "date_order",
        "date_end must not be before date_start",
    )
    prec = stripped(raw["date_prec"])
    log.flag(
        ~prec.isin(list(DATE_PRECISION_BY_DATE_PREC)),
        "date_prec",
        raw["date_prec"],
        "date_precision",
        f"must be one of {', '.join(DATE_PRECISION_BY_DATE_PREC)} (UCDP date_prec)",
    )
    parsed["date_prec"] = prec
    for col in (*_DEATH_COLUMNS, "latitude", "longitude"):
        text = stripped(raw[col])
        parsed[col] = parse_numbers(text, strip=False)
        log.flag(
            parsed[col].isna() & (text != ""),
            col,
            raw[col],
            "number_unparseable",
            "must be a number",
        )
    for col in _DEATH_COLUMNS:
        log.flag(parsed[col] < 0, col, raw[col], "negative", "must not be negative")
    log.flag_coordinates(parsed, raw)
    return parsed


def ucdp_to_events(
    raw: pd.DataFrame, *, source: str | Path = "<frame>", lines: Sequence[int] | None = None
) -> SourceRecords:
    """Map GED rows (all strings) to records, checking each against the GED layout's rules.

    A whole column at a time: dates are parsed per column, the headline
    classifier runs over the column (:func:`classify_event_types`).  The input
    frame is not modified.

    Parameters
    ----------
    raw : pandas.DataFrame
        A GED file read as strings (``dtype=str, keep_default_na=False``).
    source : str or pathlib.Path, optional
        The file, named in errors and problems.
    lines : sequence of int, optional
        The 1-based line of each row in the file.

    Returns
    -------
    SourceRecords
        ``events`` (schema columns plus the ``ucdp_*`` extras), ``rejects``,
        ``problems`` (each naming the GED column), ``coverage`` (earliest
        ``date_start`` .. latest ``date_end``), ``layout``.

    Raises
    ------
    LayoutError
        If ``raw`` is not a known GED layout.

    Examples
    --------
    >>> row = dict.fromkeys(GED_SYRIA_COLUMNS, "") | {
    ...     "id": "1", "side_a": "Government of Syria", "side_b": "IS", "date_prec": "1",
    ...     "date_start": "2016-03-01", "date_end": "2016-03-01", "best": "9", "low": "9",
    ...     "high": "9", "deaths_a": "9", "deaths_b": "0",
    ...     "source_headline": "SYNTHETIC: IS ambush kills 9 soldiers near Palmyra"}
    >>> read = ucdp_to_events(pd.DataFrame([row]))
    >>> read.events.loc[0, ["event_type", "actor", "target"]].tolist()
    ['attack', 'IS', 'Government of Syria']
    """
    layout = detect_ucdp_layout(list(raw.columns), source=source)
    n = len(raw)
    side_a, side_b = stripped(raw["side_a"]), stripped(raw["side_b"])
    headline = stripped(raw["source_headline"])
    with ThreadPoolExecutor(1) as pool:  # the classifier's patterns beside the checks
        classified = pool.submit(
            classify_event_types,
            headline,
            side_a=side_a,
            side_b=side_b,
            deaths_a=parse_numbers(raw["deaths_a"]),
            deaths_b=parse_numbers(raw["deaths_b"]),
            deaths_civilians=parse_numbers(raw["deaths_civilians"]),
        )
        log = ProblemLog(source, lines)
        log.flag_reading_problems(getattr(lines, "problems", None) or [])
        parsed = _check_rows(raw, log)
        event_type = classified.result()
    is_a, is_b = matches_names(IS_SIDE_PATTERN, side_a), matches_names(IS_SIDE_PATTERN, side_b)
    is_side = side_a.where(is_a, side_b.where(is_b, ""))
    other_side = side_b.where(is_a, side_a.where(is_b, ""))
    attack = (event_type == "attack") & (is_a | is_b)
    strike = np.isin(event_type, ["airstrike", "sweep"]) & (is_a | is_b)
    actor = is_side.where(attack, other_side.where(strike, ""))
    target = other_side.where(attack, is_side.where(strike, ""))
    office = stripped(raw["source_office"])
    notes = join_strings(
        "UCDP conflict ",
        raw["conflict_name"],
        " (",
        raw["conflict_new_id"],
        "); dyad ",
        raw["dyad_name"],
        "; deaths side_a ",
        raw["deaths_a"],
        ", side_b ",
        raw["deaths_b"],
        ", civilians ",
        raw["deaths_civilians"],
        ", unknown ",
        raw["deaths_unknown"],
        "; where_prec ",
        raw["where_prec"],
        "; event_clarity ",
        raw["event_clarity"],
        "; source_original ",
        raw["source_original"],
        "; source_date ",
        raw["source_date"],
        "; source_article ",
        raw["source_article"],
    )
    records = canonical_records(
        {
            "event_id": "ucdp-" + parsed["id"],
            "event_type": event_type,
            "date_start": parsed["date_start"],
            "date_end": parsed["date_end"],
            "date_precision": parsed["date_prec"].map(DATE_PRECISION_BY_DATE_PREC),
            "count": 1.0,
            "count_low": 1.0,
            "count_high": 1.0,
            "actor": actor,
            "target": target,
            "location": raw["where_coordinates"],
            "admin1": normalise_governorates(stripped(raw["adm_1"])),
            "latitude": parsed["latitude"],
            "longitude": parsed["longitude"],
            "killed": parsed["best"],
            "killed_low": parsed["low"],
            "killed_high": parsed["high"],
            "source": join_strings("UCDP GED; ", office).where(office != "", "UCDP GED"),
            "source_id": parsed["id"],
            "notes": notes,
            "evidence": headline,
        },
        n,
        extras=[
            ("ucdp_conflict_id", raw["conflict_new_id"]),
            ("ucdp_conflict_name", raw["conflict_name"]),
            ("ucdp_dyad_name", raw["dyad_name"]),
            ("ucdp_side_a", raw["side_a"]),
            ("ucdp_side_b", raw["side_b"]),
            ("ucdp_type_of_violence", raw["type_of_violence"]),
            ("ucdp_adm_1", raw["adm_1"]),
        ],
        clean={"event_id", "actor", "target", "source", "source_id", "notes", "evidence"},
    )
    problems = log.table()
    bad = log.bad_rows(n)
    coverage = span_coverage(
        parsed["date_start"].min(),
        parsed["date_end"].max(),
        source,
        "the file's own span: earliest date_start to latest date_end",
    )
    return SourceRecords(
        events=records.loc[~bad].reset_index(drop=True) if bad.any() else records,
        rejects=rejects_table(raw, bad, problems, lines),
        problems=problems,
        coverage=coverage,
        layout=layout,
        rows=n,
    )


def read_ucdp_ged(path: str | Path, *, errors: Errors = "raise") -> pd.DataFrame | Validated:
    """Read a UCDP GED CSV file (gzipped or not) into validated event records.

    Each column is checked against the GED layout's rules (``id`` given and
    unique, dates, ``date_prec``, deaths, coordinates) and mapped as the
    module docstring says, a whole column at a time: a full GED release
    (~400,000 rows) reads in seconds.

    Parameters
    ----------
    path : str or pathlib.Path
        A GED file in the GED Syria (41 columns) or GED >= 23.1 (49 columns)
        layout; other columns may be present too.
    errors : {'raise', 'reject'}, default 'raise'
        ``raise``: return the events frame, or raise if any row is invalid.
        ``reject``: return :class:`~analysis.records.validating.Validated` (events,
        rejects, problems); events + rejects = input rows.

    Returns
    -------
    pandas.DataFrame or Validated
        One record per input row (see the module docstring for the mapping).

    Raises
    ------
    LayoutError
        If the file is not a known GED layout (the message names the missing
        columns), or not UTF-8.
    analysis.records.validating.EventValidationError
        With ``errors="raise"``, if a row does not parse (file, line, row,
        column, value and rule named).

    Examples
    --------
    The GED 23.1 sample (the Syria file, ``UCDP_GED_SYRIA``, reads the same way):

    >>> from analysis.config import UCDP_DIR
    >>> events = read_ucdp_ged(UCDP_DIR / "ucdp_ged231_sample1000_syria_rows.csv.gz")
    >>> print(events.loc[0, ["event_id", "date_precision", "admin1", "killed"]].to_string())
    event_id          ucdp-186940
    date_precision            day
    admin1                   Homs
    killed                   24.0
    """
    if errors not in ("raise", "reject"):
        raise ValueError(f"errors must be 'raise' or 'reject', not {errors!r}")
    raw, lines = read_raw_csv(path)
    read = ucdp_to_events(raw, source=path, lines=lines)
    return read.validated() if errors == "reject" else read.events_or_raise()
