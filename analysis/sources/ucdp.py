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

Nothing is dropped: a row whose values do not parse (a bad date, an unknown
``date_prec``) is named in the error, or returned among the rejects with
``errors="reject"``.

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

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Final, Literal

import pandas as pd

from analysis.records.reading import Errors, LayoutError, finish, missing_columns, read_raw_csv
from analysis.records.validating import Validated
from analysis.sources.classifying import classify_event_type
from analysis.sources.places import IS_SIDE_PATTERN, normalise_governorate

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


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return math.nan


def _is_side(side: str) -> bool:
    return bool(IS_SIDE_PATTERN.search(side))


def ucdp_to_events(raw: pd.DataFrame, *, source: str | Path = "<frame>") -> pd.DataFrame:
    """Map GED rows (all strings) to canonical columns, one row each, unvalidated.

    The input frame is not modified.

    Parameters
    ----------
    raw : pandas.DataFrame
        A GED file read as strings (``dtype=str, keep_default_na=False``).
    source : str or pathlib.Path, optional
        The file, named in a layout error.

    Returns
    -------
    pandas.DataFrame
        Schema columns plus the ``ucdp_*`` extras, values as strings.

    Raises
    ------
    LayoutError
        If ``raw`` is not a known GED layout.
    """
    detect_ucdp_layout(list(raw.columns), source=source)
    rows = []
    for r in raw.to_dict("records"):
        deaths_a, deaths_b = _number(r["deaths_a"]), _number(r["deaths_b"])
        deaths_civ = _number(r["deaths_civilians"])
        event_type = classify_event_type(
            r["source_headline"],
            side_a=r["side_a"],
            side_b=r["side_b"],
            deaths_a=deaths_a,
            deaths_b=deaths_b,
            deaths_civilians=deaths_civ,
        )
        is_a, is_b = _is_side(r["side_a"]), _is_side(r["side_b"])
        is_side = r["side_a"] if is_a else r["side_b"] if is_b else ""
        other_side = r["side_b"] if is_a else r["side_a"] if is_b else ""
        actor, target = "", ""
        if event_type == "attack" and is_side:
            actor, target = is_side, other_side
        elif event_type in ("airstrike", "sweep") and is_side:
            actor, target = other_side, is_side
        office = r["source_office"].strip()
        notes = (
            f"UCDP conflict {r['conflict_name']} ({r['conflict_new_id']}); dyad "
            f"{r['dyad_name']}; deaths side_a {r['deaths_a']}, side_b {r['deaths_b']}, "
            f"civilians {r['deaths_civilians']}, unknown {r['deaths_unknown']}; "
            f"where_prec {r['where_prec']}; event_clarity {r['event_clarity']}; "
            f"source_original {r['source_original']}; source_date {r['source_date']}; "
            f"source_article {r['source_article']}"
        )
        rows.append(
            {
                "event_id": f"ucdp-{r['id']}",
                "event_type": event_type,
                "is_aggregate": "false",
                "date_start": r["date_start"],
                "date_end": r["date_end"],
                "date_precision": DATE_PRECISION_BY_DATE_PREC.get(
                    r["date_prec"].strip(), r["date_prec"]
                ),
                "count": "1",
                "count_low": "1",
                "count_high": "1",
                "actor": actor,
                "target": target,
                "location": r["where_coordinates"],
                "admin1": normalise_governorate(r["adm_1"]),
                "latitude": r["latitude"],
                "longitude": r["longitude"],
                "killed": r["best"],
                "killed_low": r["low"],
                "killed_high": r["high"],
                "source": f"UCDP GED; {office}" if office else "UCDP GED",
                "source_id": r["id"],
                "notes": notes,
                "evidence": r["source_headline"],
                "ucdp_conflict_id": r["conflict_new_id"],
                "ucdp_conflict_name": r["conflict_name"],
                "ucdp_dyad_name": r["dyad_name"],
                "ucdp_side_a": r["side_a"],
                "ucdp_side_b": r["side_b"],
                "ucdp_type_of_violence": r["type_of_violence"],
                "ucdp_adm_1": r["adm_1"],
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
        "killed_low",
        "killed_high",
        "source",
        "source_id",
        "notes",
        "evidence",
        "ucdp_conflict_id",
        "ucdp_conflict_name",
        "ucdp_dyad_name",
        "ucdp_side_a",
        "ucdp_side_b",
        "ucdp_type_of_violence",
        "ucdp_adm_1",
    ]
    return pd.DataFrame(rows, columns=columns)


def read_ucdp_ged(path: str | Path, *, errors: Errors = "raise") -> pd.DataFrame | Validated:
    """Read a UCDP GED CSV file (gzipped or not) into validated event records.

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
        columns).
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
    raw, lines = read_raw_csv(path)
    frame = ucdp_to_events(raw, source=path)
    return finish(frame, source=path, lines=lines, errors=errors)
