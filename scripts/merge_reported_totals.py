"""Build ``seeds/badia_2024/reported_totals.csv``: the published totals, merged.

Three seed files go in, none of them edited by hand after it was gathered:

- ``badia_2024_reported_totals.csv``: the first compilation, kept byte-identical
  to its source;
- ``badia_2024_reported_totals_added.csv``: rows gathered later, in the same
  columns;
- ``badia_2024_reported_totals_amendments.csv``: documented corrections of
  single cells of the first file (``line``, ``column``, ``old_value`` ->
  ``new_value``, with the reason and the evidence URL).

The output holds every row of the first file, in order, with its amendments
applied, then every added row, and two more columns: ``origin`` (file and line
the row comes from) and ``amendments`` (the ids applied to it, ``;``-separated).

The script refuses, naming file, line, column, value and rule:

- an amendment whose ``old_value`` is not what the cell holds (the first file
  changed, or the amendment points at the wrong cell), that names a line or a
  column that does not exist, or that repeats a cell;
- an added file whose columns are not the first file's;
- an added row that duplicates a row already there (same source, metric, kind,
  period, area and value), or that gives a different running total of the same
  source, metric and area for an as-of date that already has one (the totals
  could then not be differenced).

Run ``python scripts/merge_reported_totals.py`` to write the table,
``--check`` to exit 1 if the committed table is stale.  The result is checked
with ``analysis.load_reported_totals``.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

import analysis as an

TOTALS_DIR = an.SEEDS_DIR / "badia_2024"
FIRST = TOTALS_DIR / "badia_2024_reported_totals.csv"
ADDED = TOTALS_DIR / "badia_2024_reported_totals_added.csv"
AMENDMENTS = TOTALS_DIR / "badia_2024_reported_totals_amendments.csv"
MERGED = TOTALS_DIR / "reported_totals.csv"

AMENDMENT_COLUMNS = (
    "amendment_id",
    "file",
    "line",
    "column",
    "old_value",
    "new_value",
    "reason",
    "evidence_url",
)
EXTRA_COLUMNS = ("origin", "amendments")
"""Columns the merged table adds after the totals columns."""

IDENTITY = ("source", "metric", "kind", "period_start", "period_end", "area")
"""What makes two rows the same figure (with ``value``)."""


class MergeError(ValueError):
    """Inputs that cannot be merged as they are; the message lists every problem."""


Row = dict[str, str]


def read_table(path: Path) -> tuple[list[str], list[tuple[int, Row]]]:
    """Return the header and ``(line, row)`` pairs of a CSV file, every value a string.

    ``line`` is the physical line on which the row starts (the header is line 1).
    """
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = []
        line = reader.line_num + 1
        for values in reader:
            if len(values) != len(header):
                raise MergeError(
                    f"{path.name}, line {line}: {len(values)} fields, the header has {len(header)}"
                )
            rows.append((line, dict(zip(header, values, strict=True))))
            line = reader.line_num + 1
    return header, rows


def apply_amendments(
    rows: Sequence[tuple[int, Row]],
    columns: Sequence[str],
    amendments: Iterable[tuple[int, Row]],
    *,
    target: str,
    amendments_name: str,
) -> dict[int, list[str]]:
    """Apply amendments to ``rows`` in place; return the amendment ids per line.

    Raises
    ------
    MergeError
        Listing every amendment that does not match the file (see module docstring).
    """
    by_line = dict(rows)
    applied: dict[int, list[str]] = {}
    seen: set[tuple[int, str]] = set()
    problems = []
    for at, amend in amendments:
        where = f"{amendments_name}, line {at} ({amend['amendment_id']})"
        if amend["file"] != target:
            problems.append(f"{where}, column 'file', value {amend['file']!r}: must be {target!r}")
            continue
        try:
            line = int(amend["line"])
        except ValueError:
            problems.append(f"{where}, column 'line', value {amend['line']!r}: must be a number")
            continue
        column = amend["column"]
        if line not in by_line:
            problems.append(f"{where}: {target} has no row on line {line}")
            continue
        if column not in columns:
            problems.append(f"{where}, column 'column', value {column!r}: not a column of {target}")
            continue
        if (line, column) in seen:
            problems.append(f"{where}: a second amendment of {target} line {line}, {column!r}")
            continue
        seen.add((line, column))
        current = by_line[line][column]
        if current != amend["old_value"]:
            problems.append(
                f"{where}: {target} line {line}, column {column!r} holds {current!r}, "
                f"not the amendment's old_value {amend['old_value']!r}"
            )
            continue
        by_line[line][column] = amend["new_value"]
        applied.setdefault(line, []).append(amend["amendment_id"])
    if problems:
        raise MergeError(f"{len(problems)} amendment problem(s):\n  " + "\n  ".join(problems))
    return applied


def check_added(
    first: Sequence[tuple[int, Row]], added: Sequence[tuple[int, Row]], *, added_name: str
) -> None:
    """Refuse added rows that repeat a figure or clash with a running total already there."""
    known: dict[tuple[str, ...], tuple[str, str]] = {}
    for name, rows in ((FIRST.name, first), (added_name, added)):
        problems = []
        for line, row in rows:
            key = tuple(row[c] for c in IDENTITY)
            if key in known:
                other_value, other_where = known[key]
                if row["value"] == other_value:
                    problems.append(
                        f"{name}, line {line}, column 'value', value {row['value']!r}: duplicates "
                        f"{other_where} (same source, metric, kind, period, area and value)"
                    )
                elif row["kind"] == "cumulative":
                    problems.append(
                        f"{name}, line {line}, column 'value', value {row['value']!r}: a second "
                        f"running total as of {row['period_end']} beside {other_value!r} at "
                        f"{other_where}; give it its own as-of date or leave it out"
                    )
            known.setdefault(key, (row["value"], f"{name} line {line}"))
        if problems and name == added_name:
            raise MergeError(f"{len(problems)} added-row problem(s):\n  " + "\n  ".join(problems))


def merge(
    first_path: Path = FIRST, added_path: Path = ADDED, amendments_path: Path = AMENDMENTS
) -> str:
    """Return the text of the merged table (CSV, the first file's dialect)."""
    columns, first = read_table(first_path)
    added_columns, added = read_table(added_path)
    if added_columns != columns:
        raise MergeError(
            f"{added_path.name}: columns {added_columns} are not {first_path.name}'s {columns}"
        )
    amend_columns, amendments = read_table(amendments_path)
    if amend_columns != list(AMENDMENT_COLUMNS):
        raise MergeError(
            f"{amendments_path.name}: columns {amend_columns} are not {list(AMENDMENT_COLUMNS)}"
        )
    applied = apply_amendments(
        first,
        columns,
        amendments,
        target=first_path.name,
        amendments_name=amendments_path.name,
    )
    check_added(first, added, added_name=added_path.name)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([*columns, *EXTRA_COLUMNS])
    for name, rows, ids in ((first_path.name, first, applied), (added_path.name, added, {})):
        for line, row in rows:
            origin = f"{name}:{line}"
            writer.writerow([*(row[c] for c in columns), origin, ";".join(ids.get(line, []))])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Write the merged table (``--check``: exit 1 if the committed one differs)."""
    args = sys.argv[1:] if argv is None else argv
    text = merge()
    if "--check" in args:
        current = MERGED.read_bytes().decode("utf-8") if MERGED.exists() else None
        print("up to date" if current == text else f"stale: {MERGED.name}")
        return 0 if current == text else 1
    MERGED.write_bytes(text.encode("utf-8"))
    totals = an.load_reported_totals(MERGED)
    print(f"wrote {MERGED.name}: {len(totals)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
