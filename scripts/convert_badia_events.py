"""Convert the 2024 Badia event sample into canonical event records.

Reads ``seeds/badia_2024/badia_2024_events.csv`` (kept exactly as gathered)
and writes ``seeds/badia_2024/events.csv`` in the schema of
:mod:`analysis.records.schema`.  This script is the only place where the raw file's
``count`` + ``count_qualifier`` become ``count``, ``count_low`` and
``count_high``; it follows ``extraction/GUIDELINES.md``:

==========================================  =====  =========  ==========
raw ``count_qualifier`` (and ``notes``)      count  count_low  count_high
==========================================  =====  =========  ==========
``exact`` N                                  N      N          N
``at_least`` N, notes quote "more than N"    N+1    N+1        empty
``at_least`` N, notes quote "at least N"     N      N          empty
``about`` N                                  N      empty      empty
``approx_range``, notes "between N and M"    empty  N          M
empty count, notes say a plural with no      empty  2          empty
number ("a series", "several",
"extensive", "intensive", "number of
strikes not given")
==========================================  =====  =========  ==========

The raw README says ``at_least`` covers both "more than N" and "at least N"
and that ``notes`` quotes which, so the notes decide.  Any row that fits no
rule stops the conversion with an error naming the row: nothing is guessed.

Other columns map as: ``places`` -> ``location`` (the names as the reports
give them, ";"-separated), ``governorate`` -> ``admin1`` (``multiple`` kept),
``source_name`` -> ``source``; ``event_id``, the window, ``date_precision``,
``event_type``, ``actor``, ``target``, ``killed``, ``wounded``,
``source_url``, ``published`` and ``notes`` keep their values.  No row is a
period aggregate.  The output is validated with
:func:`analysis.records.validating.validate_events` before it is written.

Usage::

    python scripts/convert_badia_events.py            # rewrite seeds/badia_2024/events.csv
    python scripts/convert_badia_events.py --check    # exit 1 if the committed file differs
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pandas as pd

from analysis.config import BADIA_2024_EVENTS, BADIA_2024_EVENTS_RAW
from analysis.records.schema import COLUMN_ORDER
from analysis.records.validating import EventValidationError, validate_events

RAW_COLUMNS = (
    "event_id", "date_start", "date_end", "date_precision", "event_type", "count",
    "count_qualifier", "actor", "target", "places", "governorate", "killed", "wounded",
    "source_name", "source_url", "published", "notes",
)
"""The columns of the raw file, in order."""

PLURAL_NO_NUMBER = ("a series", "several", "extensive", "intensive",
                    "number of strikes not given")
"""Wordings in ``notes`` that mark a plural with no number (count_low 2)."""

OUTPUT_COLUMNS = (
    "event_id", "event_type", "is_aggregate", "date_start", "date_end", "date_precision",
    "count", "count_low", "count_high", "actor", "target", "location", "admin1",
    "killed", "wounded", "source", "source_url", "published", "notes",
)
"""The schema columns the converted file carries (others are empty)."""


def _number(text: str) -> str:
    """Format a whole number without a decimal point."""
    return str(int(text))


def convert_bounds(count: str, qualifier: str, notes: str, *, event_id: str) -> tuple[str, ...]:
    """Return ``(count, count_low, count_high)`` as strings for one raw row.

    Parameters
    ----------
    count, qualifier, notes : str
        The raw row's ``count``, ``count_qualifier`` and ``notes`` ("" if blank).
    event_id : str
        Used in error messages.

    Returns
    -------
    tuple of str
        The three values, "" where empty.

    Raises
    ------
    ValueError
        If the row fits none of the rules in the module docstring.

    Examples
    --------
    >>> convert_bounds("30", "at_least", "'More than 30' raids", event_id="x")
    ('31', '31', '')
    >>> convert_bounds("", "", "'A series' of strikes, no count.", event_id="x")
    ('', '2', '')
    """
    where = f"{BADIA_2024_EVENTS_RAW.name}, event_id {event_id!r}"
    low_notes = notes.lower()
    if not count:
        if qualifier:
            raise ValueError(f"{where}: count_qualifier {qualifier!r} with an empty count")
        if any(w in low_notes for w in PLURAL_NO_NUMBER):
            return ("", "2", "")
        raise ValueError(
            f"{where}: empty count and notes {notes!r} name no known wording "
            f"({', '.join(PLURAL_NO_NUMBER)})"
        )
    if not re.fullmatch(r"\d+", count):
        raise ValueError(f"{where}: count {count!r} is not a whole number")
    n = int(count)
    if qualifier == "exact":
        return (str(n), str(n), str(n))
    if qualifier == "about":
        return (str(n), "", "")
    if qualifier == "at_least":
        if re.search(rf"more than {n}\b|over {n}\b", low_notes):
            return (str(n + 1), str(n + 1), "")
        if re.search(rf"at least {n}\b", low_notes):
            return (str(n), str(n), "")
        raise ValueError(
            f"{where}: at_least {n} but notes {notes!r} quote neither 'more than {n}' "
            f"nor 'at least {n}'"
        )
    if qualifier == "approx_range":
        m = re.search(r"between (\d+) and (\d+)", low_notes)
        if m is None:
            raise ValueError(f"{where}: approx_range but notes {notes!r} give no 'between N and M'")
        return ("", m.group(1), m.group(2))
    raise ValueError(f"{where}: count_qualifier {qualifier!r} is not one of "
                     "exact, at_least, about, approx_range")


def convert_badia_events(raw: pd.DataFrame) -> pd.DataFrame:
    """Convert the raw event sample (all strings) into canonical records.

    The input frame is not modified.

    Parameters
    ----------
    raw : pandas.DataFrame
        ``badia_2024_events.csv`` read with ``dtype=str, keep_default_na=False``.

    Returns
    -------
    pandas.DataFrame
        One row per raw row, columns :data:`OUTPUT_COLUMNS`, values as strings.

    Raises
    ------
    ValueError
        If a raw column is missing or a row's count fits no rule.
    """
    missing = [c for c in RAW_COLUMNS if c not in raw.columns]
    if missing:
        raise ValueError(f"{BADIA_2024_EVENTS_RAW.name}: missing column(s) {missing}")
    rows = []
    for r in raw.to_dict("records"):
        count, low, high = convert_bounds(
            r["count"].strip(), r["count_qualifier"].strip(), r["notes"], event_id=r["event_id"]
        )
        rows.append({
            "event_id": r["event_id"], "event_type": r["event_type"], "is_aggregate": "false",
            "date_start": r["date_start"], "date_end": r["date_end"],
            "date_precision": r["date_precision"],
            "count": count, "count_low": low, "count_high": high,
            "actor": r["actor"], "target": r["target"],
            "location": r["places"], "admin1": r["governorate"],
            "killed": r["killed"], "wounded": r["wounded"],
            "source": r["source_name"], "source_url": r["source_url"],
            "published": r["published"], "notes": r["notes"],
        })
    return pd.DataFrame(rows, columns=list(OUTPUT_COLUMNS))


def build_events_csv(raw_path: Path = BADIA_2024_EVENTS_RAW) -> str:
    """Return the text of the converted CSV, validated against the schema.

    Raises
    ------
    analysis.records.validating.EventValidationError
        If any converted row breaks the schema.
    """
    raw = pd.read_csv(raw_path, dtype=str, keep_default_na=False, encoding="utf-8")
    out = convert_badia_events(raw)
    checked = validate_events(out, source=f"{raw_path.name} (converted)")
    if len(checked.rejects):
        raise EventValidationError(checked.problems, len(out))
    assert [c for c in COLUMN_ORDER if c in out.columns] == list(OUTPUT_COLUMNS)
    return out.to_csv(index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check``, compare) ``seeds/badia_2024/events.csv``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if the committed output differs from a fresh conversion")
    args = parser.parse_args(argv)
    text = build_events_csv()
    if args.check:
        same = BADIA_2024_EVENTS.read_text(encoding="utf-8") == text
        print(f"{BADIA_2024_EVENTS}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    BADIA_2024_EVENTS.write_text(text, encoding="utf-8")
    print(f"wrote {BADIA_2024_EVENTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
