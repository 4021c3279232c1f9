"""Read Arabic news reports into event records, with the evidence beside each one.

:func:`extract_events` applies the annotation guidelines
(``docs/extraction.md`` summarises them and the method) to one report: it finds
the words that report an airstrike, a sweep campaign or an attack, groups the
mentions of one episode, and reads each record's count and bounds, date window,
places, governorates and actor from the words around it.  Each record keeps the
exact span of the report it rests on (``text[evidence_start:evidence_end] ==
evidence``) and is marked ``is_machine_extracted``: it awaits human review.

Nothing unresolved is guessed silently: a place missing from the gazetteer is
kept in its Arabic spelling; a record with no date phrase, or with one that names
no possible day (31 شباط), is dated to the publication day; a number phrase the
count wording cannot read (1.5 ألف) leaves the count unknown; each is said in
``notes``, quoting the words.

The rules are written for the language, not for particular reports; each job
has its module: the vocabulary (:mod:`~analysis.extraction.lexicon`), the
page structure (:mod:`~analysis.extraction.structure`), triggers and actors
(:mod:`~analysis.extraction.mentions`), counts
(:mod:`~analysis.extraction.counts`), dates (:mod:`~analysis.extraction.dates`),
places (:mod:`~analysis.extraction.gazetteer`) and the records
(:mod:`~analysis.extraction.assembly`).  This module holds the public verbs.

Examples
--------
>>> text = "شنت المقاتلات الروسية، اليوم الأحد، ما يزيد على 30 غارة جوية في بادية تدمر."
>>> recs = extract_events(text, published="2024-03-31")
>>> print(recs.loc[0, ["event_type", "count", "count_low", "location", "actor"]].to_string())
event_type            airstrike
count                      31.0
count_low                  31.0
location                Palmyra
actor         Russian air force
>>> text[recs.loc[0, "evidence_start"]:recs.loc[0, "evidence_end"]] == recs.loc[0, "evidence"]
True
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from analysis.extraction.arabic import normalize
from analysis.extraction.assembly import Record, event_id, extract_at
from analysis.extraction.dates import consistent_days, parse_bracket, precision_of
from analysis.extraction.gazetteer import Gazetteer, load_gazetteer
from analysis.records.schema import COLUMN_ORDER

if TYPE_CHECKING:
    import pandas as pd

Published = str | dt.date | tuple[str | dt.date, str | dt.date]
"""A publication date, or a bracket ``(first, last)`` / ``"first..last"`` when the
day is known only within a range."""


def extract_records(
    text: str,
    published: Published,
    source_url: str | None = None,
    source: str | None = None,
    gazetteer: Gazetteer | str | Path | None = None,
) -> list[dict[str, Any]]:
    """Extract event records from one report as plain dicts (the fast core).

    Parameters and rules as in :func:`extract_events`, which wraps this function
    and returns a validated frame.

    Returns
    -------
    list of dict
        One dict per record, keys in schema order; dates as ``datetime.date``.

    Examples
    --------
    >>> recs = extract_records("نفذت خلايا داعش اليوم هجوماً في قرية الشميطية", "2024-04-10")
    >>> recs[0]["event_type"], recs[0]["location"], recs[0]["count"]
    ('attack', 'الشميطية', 1.0)

    A publication day known only within a bracket widens each window to cover
    every day of it:

    >>> rec = extract_records("نفذت خلايا داعش اليوم هجوماً", "2024-04-10..2024-04-12")[0]
    >>> str(rec["date_start"]), str(rec["date_end"]), rec["date_precision"], rec["published"]
    ('2024-04-10', '2024-04-12', 'days', None)

    unless the text names the weekday of today, which narrows the bracket to
    the days that are that weekday:

    >>> rec = extract_records("نفذت خلايا داعش اليوم الخميس هجوماً", "2024-04-24..2024-05-01")[0]
    >>> str(rec["date_start"]), str(rec["date_end"]), str(rec["published"])
    ('2024-04-25', '2024-04-25', '2024-04-25')
    """
    first, last = parse_bracket(published)
    if not isinstance(text, str) or not text.strip():
        return []
    if first == last:
        return [r.as_row() for r in extract_at(text, first, source_url, source, gazetteer)]
    days = consistent_days(normalize(text), first, last)
    if len(days) == 1:  # "today Thursday": one day of the bracket is a Thursday
        note = (
            f"publication day between {first.isoformat()}..{last.isoformat()}: the weekday "
            f"the text names for today or yesterday makes it {days[0].isoformat()}"
        )
        return [
            _noted(r, note).as_row()
            for r in extract_at(text, days[0], source_url, source, gazetteer)
        ]
    first, last = days[0], days[-1]
    early = extract_at(text, first, source_url, source, gazetteer)
    late = {
        (r.event_type, r.evidence_start): r
        for r in extract_at(text, last, source_url, source, gazetteer)
    }
    key = source_url or source or ""
    return [
        _over_bracket(
            rec, late.get((rec.event_type, rec.evidence_start)), (first, last), key, text
        ).as_row()
        for rec in early
    ]


def _noted(rec: Record, note: str) -> Record:
    """Return a record with one more note."""
    notes = [n for n in rec.notes.split("; ") if n] if rec.notes else []
    return replace(rec, notes="; ".join(dict.fromkeys([*notes, note])))


def _over_bracket(
    rec: Record, other: Record | None, bracket: tuple[dt.date, dt.date], source_key: str, text: str
) -> Record:
    """Widen a record read against a bracket's first day by its twin read against the last.

    The window becomes the union of the two (``other`` is the same record read
    against the last day); ``published`` is left empty and a note says why.
    """
    first, last = bracket
    span = f"{first.isoformat()}..{last.isoformat()}"
    notes = [n for n in rec.notes.split("; ") if n] if rec.notes else []
    start, end, precision = rec.date_start, rec.date_end, rec.date_precision
    if other is None:
        notes.append(
            f"publication day between {span}: window resolved against {first.isoformat()} only"
        )
    else:
        start, end = min(rec.date_start, other.date_start), max(rec.date_end, other.date_end)
        if (start, end) != (rec.date_start, rec.date_end):
            precision = precision_of(start, end)
        notes.append(f"publication day between {span}: the window covers every day")
    return replace(
        rec,
        date_start=start,
        date_end=end,
        date_precision=precision,
        published=None,
        notes="; ".join(dict.fromkeys(notes)),
        event_id=event_id(
            source_key, span, rec.event_type, rec.evidence_start, rec.evidence_end, text
        ),
    )


_SURROGATE: Final = re.compile("[\ud800-\udfff]")
"""A lone surrogate: a code point a Python string can hold but no UTF-8 text can."""


def _storable(rec: dict[str, Any]) -> dict[str, Any]:
    """Return a record whose text fields an Arrow string column can hold.

    Lone surrogates become U+FFFD (the replacement character) and the notes say
    in which fields; the offsets still index the text as given.
    """
    fields = [k for k, v in rec.items() if isinstance(v, str) and _SURROGATE.search(v)]
    if not fields:
        return rec
    out = {k: _SURROGATE.sub("\ufffd", v) if k in fields else v for k, v in rec.items()}
    note = (
        "the text holds lone surrogates (code points that are not characters): "
        "written as U+FFFD in " + ", ".join(fields)
    )
    out["notes"] = "; ".join(n for n in (out["notes"], note) if n)
    return out


def _empty_frame() -> pd.DataFrame:
    import pandas as pd

    from analysis.records.validating import validate_events

    return validate_events(pd.DataFrame(columns=list(COLUMN_ORDER))).events


def records_to_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """Validate extracted records into a canonical events frame.

    Parameters
    ----------
    records : list of dict
        As returned by :func:`extract_records`.

    Returns
    -------
    pandas.DataFrame
        Validated records (schema types and order).

    Raises
    ------
    RuntimeError
        If a record breaks the schema: a bug in the extractor, reported loudly.

    Examples
    --------
    >>> records_to_frame([]).shape[0]
    0
    """
    import pandas as pd

    from analysis.records.validating import validate_events

    if not records:
        return _empty_frame()
    raw = pd.DataFrame.from_records([_storable(r) for r in records], columns=list(COLUMN_ORDER))
    for col in ("date_start", "date_end", "published"):
        raw[col] = pd.to_datetime(raw[col])
    result = validate_events(raw, source="<extracted>")
    if len(result.rejects):
        raise RuntimeError(
            "the extractor produced records that break the schema:\n"
            + result.problems.to_string(index=False)
        )
    return result.events


def extract_events(
    text: str,
    published: Published,
    source_url: str | None = None,
    source: str | None = None,
    gazetteer: Gazetteer | str | Path | None = None,
) -> pd.DataFrame:
    """Read one Arabic report into canonical event records, with evidence spans.

    Follows the annotation guidelines: one record per event kind per episode;
    counts and bounds from the wording (``أكثر من 30`` gives 31 and an open upper
    bound, ``عشرات`` a lower bound of 20, a dual exactly 2); date windows from
    relative expressions resolved against ``published``; places matched to the
    gazetteer (prefixes and heads such as بادية or محيط stripped) with their
    governorates; the actor as a short English name; running totals as period
    aggregates (``is_aggregate``).  Lead summaries, training, threats, air cover,
    artillery, war-remnant mines and events of earlier years give no record.

    The input text is not modified; the function never raises on any string
    (it returns an empty frame when nothing is reported), and its time grows
    linearly with the length of the text.  A lone surrogate (a code point a
    Python string can hold but no UTF-8 text can) cannot be stored in the
    frame: it is written as U+FFFD in ``evidence`` (and any other text field),
    and ``notes`` says so; :func:`extract_records` keeps it as given.

    Parameters
    ----------
    text : str
        The report, exactly as published (offsets refer to this string).
    published : str, datetime.date or (first, last)
        Publication date, ``YYYY-MM-DD``; relative dates resolve against it.  A
        day known only within a bracket (``"2024-10-04..2024-10-08"`` or a pair)
        gives each record the union of its windows over the bracket, an empty
        ``published`` and a note.  A missing date (None, NaN, ``pandas.NaT``)
        is an error: without it no relative date can be resolved.
    source_url : str, optional
        Address of the report, stored in every record.
    source : str, optional
        Outlet name, stored in every record.
    gazetteer : Gazetteer, str or pathlib.Path, optional
        A compiled gazetteer (:func:`load_gazetteer`) or a CSV path; defaults to
        :data:`analysis.config.GAZETTEER` (compiled once and cached).

    Returns
    -------
    pandas.DataFrame
        Validated records, schema columns and types, ``is_machine_extracted``
        True; ``text[evidence_start:evidence_end] == evidence`` for every row.

    Raises
    ------
    ValueError
        If ``published`` is missing (None, NaN, ``pandas.NaT``), is not a date, or is outside
        :data:`~analysis.extraction.dates.PUBLISHED_RANGE` (1679-01-01 to 2261-12-31).

    See Also
    --------
    extract_records : the same records as plain dicts, without validation.
    analysis.extraction.scoring.score_extractor : measure the extractor on annotated passages.

    Examples
    --------
    >>> text = ("قال المرصد إن خلايا تنظيم داعش نفذت ما لا يقل عن 69 هجوماً "
    ...         "خلال شهر آذار الماضي في بوادي حمص وحماة.")
    >>> r = extract_events(text, published="2024-04-03").iloc[0]
    >>> float(r["count"]), float(r["count_low"]), bool(r["is_aggregate"]), str(r["date_end"].date())
    (69.0, 69.0, True, '2024-03-31')
    >>> r["location"], r["admin1"]
    ('Homs;Hama', 'Homs;Hama')
    >>> extract_events("", published="2024-04-03").shape[0]
    0
    """
    return records_to_frame(extract_records(text, published, source_url, source, gazetteer))


def extract_events_batch(
    reports: list[tuple[str, str | dt.date]] | list[dict[str, Any]],
    gazetteer: Gazetteer | str | Path | None = None,
) -> pd.DataFrame:
    """Extract many reports into one validated frame (validation runs once).

    Parameters
    ----------
    reports : list
        ``(text, published)`` pairs, or dicts with ``text``, ``published`` and
        optionally ``source_url`` and ``source``.
    gazetteer : Gazetteer, str or pathlib.Path, optional
        As in :func:`extract_events`.

    Returns
    -------
    pandas.DataFrame
        All records, in the order of the reports.

    Examples
    --------
    >>> extract_events_batch([("غارة روسية اليوم على تدمر", "2024-02-20")])["location"].tolist()
    ['Palmyra']
    """
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
    records: list[dict[str, Any]] = []
    for item in reports:
        if isinstance(item, dict):
            records.extend(
                extract_records(
                    item["text"], item["published"], item.get("source_url"), item.get("source"), gaz
                )
            )
        else:
            records.extend(extract_records(item[0], item[1], gazetteer=gaz))
    seen: dict[str, int] = {}
    for rec in records:  # the same report given twice: number the repeats
        n = seen[rec["event_id"]] = seen.get(rec["event_id"], 0) + 1
        if n > 1:
            rec["event_id"] = f"{rec['event_id']}-{n}"
    return records_to_frame(records)
