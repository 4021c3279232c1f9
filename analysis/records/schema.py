"""The event-record model: one schema for every record the package handles.

Every loader, reader and the extractor produce frames with these columns, and
:func:`analysis.count_events` consumes them.  This module is the single place
that says what each column means, its type and its unit; ``docs/schema.md`` is
generated from it (``python -m analysis schema``) and a test keeps the two equal.

A *record* stands for one or more events of one kind reported together: "more
than 30 airstrikes in 72 hours" is one record with ``count_low = 31``, an open
``count_high`` and a three-day window.  A *period aggregate* ("about 17 sweep
campaigns since January") is a record with ``is_aggregate = True``; it is kept
and shown beside counts, but :func:`analysis.count_events` never adds it to
them unless asked to.

Examples
--------
>>> from analysis.records.schema import COLUMNS, EVENT_TYPES, REQUIRED_COLUMNS
>>> EVENT_TYPES
('airstrike', 'sweep', 'attack', 'other')
>>> REQUIRED_COLUMNS
('event_id', 'event_type', 'date_start', 'date_end', 'count')
>>> COLUMNS["count_high"].unit
'events'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

EventType = Literal["airstrike", "sweep", "attack", "other"]
EVENT_TYPES: Final[tuple[str, ...]] = ("airstrike", "sweep", "attack", "other")
"""Supported values of ``event_type``.  ``other`` exists so that a classifier
never has to drop a row it cannot place."""

DatePrecision = Literal["day", "days", "week", "month", "year"]
DATE_PRECISIONS: Final[tuple[str, ...]] = ("day", "days", "week", "month", "year")
"""Supported values of ``date_precision``: how well the window is known.
``day`` is a known day (or a night spanning two days), ``days`` a window of a
few days (UCDP ``date_prec`` 2, "in the past 72 hours"), ``week``, ``month``,
``year`` a window known only to that resolution."""

COUNT_MAX: Final = 1_000_000_000
"""Largest value a count, a bound, a toll or a text offset may take.

A number above it is a typo or a corrupted file, never a report; it is a
problem of its row (rule ``above_maximum``).  ``count_high`` and
``killed_high`` may also be ``inf``: no upper bound."""

OPEN_BOUND_COLUMNS: Final[tuple[str, ...]] = ("count_high", "killed_high")
"""Upper bounds that may be ``inf`` (or empty): no upper bound."""

DATE_MIN: Final = "1678-01-01"
DATE_MAX: Final = "2261-12-31"
"""The days a date may take: the range of the canonical type, ``datetime64[ns]``."""

ColumnKind = Literal["string", "category", "date", "number", "integer", "boolean"]


@dataclass(frozen=True)
class Column:
    """One column of the event-record schema.

    Parameters
    ----------
    name : str
        Column name.
    kind : {'string', 'category', 'date', 'number', 'integer', 'boolean'}
        Logical type.  ``date`` columns hold calendar days (``datetime64``,
        normalised to midnight); ``number`` columns are floats where NaN means
        *not reported*; ``category`` columns take values from a closed set.
    required : bool
        Whether a file must have the column.  Optional columns that are absent
        are added empty (all missing), except ``is_aggregate`` and
        ``is_machine_extracted``, which default to False.
    unit : str
        Unit of the values, or ``""`` where none applies.
    description : str
        What the column means, in words.
    """

    name: str
    kind: ColumnKind
    required: bool
    unit: str
    description: str


_COLUMN_LIST: Final[tuple[Column, ...]] = (
    Column(
        "event_id",
        "string",
        True,
        "",
        "Identifier of the record, unique within a data set (e.g. `B24-061`, `ucdp-123456`).",
    ),
    Column(
        "event_type",
        "category",
        True,
        "",
        "What happened: `airstrike` (strikes by aircraft or drones), `sweep` (a ground sweep "
        "or combing campaign, dated by its launch), `attack` (an attack by Islamic State "
        "cells), `other` (anything a reader or classifier could not place).",
    ),
    Column(
        "is_aggregate",
        "boolean",
        False,
        "",
        "True for a period aggregate (a running or period total such as 'about 17 "
        "campaigns since January'): kept and shown, never added to counts by default.",
    ),
    Column(
        "date_start",
        "date",
        True,
        "day",
        "First day of the window in which the event happened (inclusive).",
    ),
    Column(
        "date_end",
        "date",
        True,
        "day",
        "Last day of the window (inclusive); equal to `date_start` for a known day.",
    ),
    Column(
        "date_precision",
        "category",
        False,
        "",
        "How the window was known: `day`, `days`, `week`, `month` or `year`.",
    ),
    Column(
        "count",
        "number",
        True,
        "events",
        "How many events (strikes, attacks or campaigns) the record stands for; the "
        "report's own number. Empty where the report gives none ('dozens', 'several', "
        "'between 20 and 25'); `count_low` must then be given.",
    ),
    Column(
        "count_low",
        "number",
        False,
        "events",
        "Smallest number the wording supports ('more than 30' gives 31, 'dozens' 20); "
        "empty where unknown ('about 17').",
    ),
    Column(
        "count_high",
        "number",
        False,
        "events",
        "Largest number the wording supports; empty where the wording sets no upper "
        "bound ('more than 30') or where it is unknown.",
    ),
    Column(
        "actor",
        "string",
        False,
        "",
        "Who carried it out, in short English ('Russian air force', 'Islamic State').",
    ),
    Column("target", "string", False, "", "Who or what was targeted, as reported."),
    Column(
        "location",
        "string",
        False,
        "",
        "Places named for the record, `;`-separated, as canonical gazetteer names where "
        "matched, else as written in the source.",
    ),
    Column(
        "admin1",
        "string",
        False,
        "",
        "Governorate(s) of those places, `;`-separated without repeats, or `multiple`.",
    ),
    Column("latitude", "number", False, "degrees", "WGS84 latitude of the record's place."),
    Column("longitude", "number", False, "degrees", "WGS84 longitude of the record's place."),
    Column("killed", "number", False, "people", "People killed as first reported (UCDP: `best`)."),
    Column("killed_low", "number", False, "people", "Lowest reported death toll (UCDP: `low`)."),
    Column("killed_high", "number", False, "people", "Highest reported death toll (UCDP: `high`)."),
    Column("wounded", "number", False, "people", "People wounded as first reported."),
    Column(
        "source",
        "string",
        False,
        "",
        "Who reported it: outlet or data set (e.g. `Al-Araby Al-Jadeed`, `UCDP GED 19.1`).",
    ),
    Column("source_url", "string", False, "", "Address of the report the record comes from."),
    Column(
        "source_id",
        "string",
        False,
        "",
        "The record's identifier in its source data set (UCDP `id`, ACLED `event_id_cnty`).",
    ),
    Column("published", "date", False, "day", "Publication date of the report."),
    Column(
        "notes",
        "string",
        False,
        "",
        "Free text: how the record was dated, overlaps, aircraft counts, disagreements.",
    ),
    Column(
        "evidence",
        "string",
        False,
        "",
        "The exact text the record rests on: a span of the report, or a source headline.",
    ),
    Column(
        "evidence_start",
        "integer",
        False,
        "characters",
        "Offset of `evidence` in the report text (0-based, in Python `str` indices).",
    ),
    Column(
        "evidence_end",
        "integer",
        False,
        "characters",
        "End offset of `evidence` (exclusive): `text[evidence_start:evidence_end] == evidence`.",
    ),
    Column(
        "is_machine_extracted",
        "boolean",
        False,
        "",
        "True for records produced by the extractor, awaiting human review.",
    ),
)

COLUMNS: Final[dict[str, Column]] = {c.name: c for c in _COLUMN_LIST}
"""Every schema column by name, in canonical order."""

COLUMN_ORDER: Final[tuple[str, ...]] = tuple(COLUMNS)
"""Canonical column order of a validated events frame."""

REQUIRED_COLUMNS: Final[tuple[str, ...]] = tuple(c.name for c in _COLUMN_LIST if c.required)
"""Columns every input must have."""

DATE_COLUMNS: Final[tuple[str, ...]] = tuple(c.name for c in _COLUMN_LIST if c.kind == "date")
NUMBER_COLUMNS: Final[tuple[str, ...]] = tuple(
    c.name for c in _COLUMN_LIST if c.kind in ("number", "integer")
)
BOOLEAN_COLUMNS: Final[tuple[str, ...]] = tuple(c.name for c in _COLUMN_LIST if c.kind == "boolean")
STRING_COLUMNS: Final[tuple[str, ...]] = tuple(c.name for c in _COLUMN_LIST if c.kind == "string")

MULTI_VALUE_SEPARATOR: Final[str] = ";"
"""Separator of several places in ``location`` and governorates in ``admin1``."""


def schema_markdown() -> str:
    """Return the schema as a Markdown table, the text of ``docs/schema.md``.

    Returns
    -------
    str
        A Markdown document with one table row per column.

    Examples
    --------
    >>> print(schema_markdown().splitlines()[0])
    # The event-record schema
    """
    lines = [
        "# The event-record schema",
        "",
        "Generated from `analysis/records/schema.py` by `python -m analysis schema`; do not "
        "edit by hand.",
        "",
        "| column | type | required | unit | meaning |",
        "|---|---|---|---|---|",
    ]
    for c in _COLUMN_LIST:
        lines.append(
            f"| `{c.name}` | {c.kind} | {'yes' if c.required else 'no'} | {c.unit} "
            f"| {c.description} |"
        )
    lines += [
        "",
        f"`event_type` takes one of: {', '.join(f'`{t}`' for t in EVENT_TYPES)}.",
        f"`date_precision` takes one of: {', '.join(f'`{p}`' for p in DATE_PRECISIONS)}.",
        "",
        "## Counts and their bounds",
        "",
        "For each record `count_low <= count <= count_high` wherever the values are given,",
        "and at least one of `count` and `count_low` is given. How the annotation",
        "guidelines turn wording into the triple:",
        "",
        "| wording | count | count_low | count_high |",
        "|---|---|---|---|",
        "| exact N | N | N | N |",
        "| more than N | N+1 | N+1 | empty |",
        "| at least N | N | N | empty |",
        "| about N | N | empty | empty |",
        "| between N and M | empty | N | M |",
        "| dozens | empty | 20 | empty |",
        "| several, a series, a plural with no number | empty | 2 | empty |",
        "| a singular with no number | 1 | 1 | 1 |",
        "",
        f"Counts, bounds, tolls and offsets are at most {COUNT_MAX:,} and finite; only "
        f"{' and '.join(f'`{c}`' for c in OPEN_BOUND_COLUMNS)} may be `inf` (no upper bound).",
        "",
        "## Dates",
        "",
        "A date is a day written `YYYY-MM-DD` (a time of day is allowed and dropped), from",
        f"{DATE_MIN} to {DATE_MAX}. In `date_start` and `date_end` it may also be a year",
        "(`YYYY`) or a month (`YYYY-MM`): the window then runs from the first day of",
        "`date_start`'s year or month to the last day of `date_end`'s, and an empty",
        "`date_precision` becomes `year` or `month` (the coarser of the two).",
        "",
        "| date_start | date_end | window | date_precision |",
        "|---|---|---|---|",
        "| 2024 | 2024 | 2024-01-01..2024-12-31 | year |",
        "| 2024-10 | 2024-10 | 2024-10-01..2024-10-31 | month |",
        "| 2023 | 2024-03 | 2023-01-01..2024-03-31 | year |",
        "| 2024-10 | 2024-10-15 | 2024-10-01..2024-10-15 | month |",
        "",
        "A `date_precision` given in the file is kept if it is as coarse as the dates or",
        "coarser (`2024-10` with `year`); one finer than the dates (`2024` with `day` or",
        "`month`) rejects the row (`precision_mismatch`). A date with a time zone",
        "(`2024-10-02T10:00+03:00`) rejects its row too: which day it is depends on the zone.",
        "",
    ]
    return "\n".join(lines)


def cli(argv: list[str]) -> int:
    """``python -m analysis schema``: print :func:`schema_markdown`."""
    import sys

    if argv:
        sys.stderr.write("usage: python -m analysis schema > docs/schema.md\n")
        return 2
    sys.stdout.write(schema_markdown())
    return 0
