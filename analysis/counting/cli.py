"""The command ``python -m analysis count``: a file of records into a counts table.

The numbers are those of :func:`analysis.count_events` on the same file with
the same options; the table goes to a CSV or Parquet file (or, without
``--output``, to standard output as CSV), and the count report to standard
error, so that the command sits in a shell pipeline::

    python -m analysis count events.csv --freq W-FRI --by admin1 > weekly.csv
    python -m analysis count ged.csv.gz --input-format ucdp --value killed -o deaths.parquet
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, cast

from analysis.counting.options import ALLOCATIONS, FREQ_ALIASES, MULTI

if TYPE_CHECKING:
    import pandas as pd

INPUT_FORMATS: Final[tuple[str, ...]] = ("events", "ucdp", "acled")
"""What the input file is: records in the package's schema (CSV or Parquet, read
with :func:`analysis.load_events`), a UCDP GED file (:func:`analysis.read_ucdp_ged`)
or an ACLED export (:func:`analysis.read_acled`)."""

OUTPUT_SUFFIXES: Final[tuple[str, ...]] = (".csv", ".parquet")
"""The kinds of ``--output`` file, by suffix."""


def read_input(path: str | Path, input_format: str = "events") -> pd.DataFrame:
    """Read a file of records as ``--input-format`` says.

    Parameters
    ----------
    path : str or pathlib.Path
        The file.
    input_format : {'events', 'ucdp', 'acled'}, default 'events'
        See :data:`INPUT_FORMATS`.

    Returns
    -------
    pandas.DataFrame
        Validated records.

    Raises
    ------
    ValueError
        For an unknown format, or a file whose rows break the schema (the
        readers' errors, naming file, row, column and rule).

    Examples
    --------
    >>> from analysis.config import SEED_ARTICLE_RECORDS
    >>> len(read_input(SEED_ARTICLE_RECORDS))
    4
    """
    if input_format == "events":
        from analysis.records.loading import load_events

        return load_events(path)
    if input_format == "ucdp":
        from analysis.sources.ucdp import read_ucdp_ged

        return cast("pd.DataFrame", read_ucdp_ged(path))
    if input_format == "acled":
        from analysis.sources.acled import read_acled

        return cast("pd.DataFrame", read_acled(path))
    raise ValueError(f"input format {input_format!r} is not one of {list(INPUT_FORMATS)}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m analysis count",
        description="Count a file of event records per period (the numbers of "
        "analysis.count_events); the table to --output or stdout (CSV), the count "
        "report to stderr.",
    )
    parser.add_argument("file", help="the records: CSV or Parquet (events), a UCDP or ACLED CSV")
    parser.add_argument("--input-format", choices=INPUT_FORMATS, default="events")
    parser.add_argument(
        "--freq", default="D", help=f"period: one of {', '.join(FREQ_ALIASES)} (default D)"
    )
    parser.add_argument(
        "--by",
        action="append",
        default=[],
        help="column(s) counted separately, e.g. admin1 (repeat, or comma-separated)",
    )
    parser.add_argument("--allocate", choices=ALLOCATIONS, default="spread")
    parser.add_argument(
        "--multi",
        choices=MULTI,
        default="split",
        help="records listing several ';'-separated values of a --by column (default split)",
    )
    parser.add_argument("--value", default="count", help="the column summed, e.g. killed")
    parser.add_argument("--start", default=None, help="first day counted, YYYY-MM-DD")
    parser.add_argument("--end", default=None, help="last day counted, YYYY-MM-DD")
    parser.add_argument(
        "--coverage-from",
        default=None,
        metavar="SIDECAR_OR_SEED",
        help="count on the coverage declared in this file's sidecar (or in this sidecar)",
    )
    parser.add_argument(
        "--series",
        default=None,
        metavar="KEY=VALUE,...",
        help="for a sidecar declaring a coverage per series, the series, e.g. "
        "source=CEP,metric=attacks",
    )
    parser.add_argument(
        "--event-types", default=None, help="comma-separated event types reported, in order"
    )
    parser.add_argument("--include-aggregates", action="store_true")
    parser.add_argument(
        "-o", "--output", default=None, help="write here (.csv or .parquet) instead of stdout"
    )
    return parser


def _series(text: str | None) -> dict[str, str] | None:
    """``'source=CEP,metric=attacks'`` -> ``{'source': 'CEP', 'metric': 'attacks'}``."""
    if text is None:
        return None
    pairs = [item.split("=", 1) for item in text.split(",") if item.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise ValueError(f"--series {text!r}: write KEY=VALUE pairs, comma-separated")
    return {key.strip(): value.strip() for key, value in pairs}


def _options(args: argparse.Namespace) -> dict[str, Any]:
    """Return the keyword arguments of :func:`analysis.count_events` the command line gives."""
    by = [c.strip() for item in args.by for c in item.split(",") if c.strip()]
    coverage = None
    if args.coverage_from is not None:
        from analysis.sources.provenance import read_coverage

        coverage = read_coverage(args.coverage_from, series=_series(args.series))
    elif args.series is not None:
        raise ValueError("--series picks a series of --coverage-from; give that too")
    types = None if args.event_types is None else args.event_types.split(",")
    return {
        "freq": args.freq,
        "by": by or None,
        "allocate": args.allocate,
        "start": args.start,
        "end": args.end,
        "include_aggregates": args.include_aggregates,
        "event_types": types,
        "value": args.value,
        "multi": args.multi,
        "coverage": coverage,
    }


def write_counts(counts: pd.DataFrame, output: str | Path | None) -> None:
    """Write a count frame to ``output`` (``.csv`` or ``.parquet``), or CSV to stdout.

    Days are written as ``YYYY-MM-DD``; floats as Python writes them, so that
    reading the CSV back gives the same numbers (``inf`` for an open bound).

    Raises
    ------
    ValueError
        For an output file of another suffix.
    """
    if output is None:
        counts.to_csv(sys.stdout, index=False, date_format="%Y-%m-%d", lineterminator="\n")
        return
    path = Path(output)
    if path.suffix == ".csv":
        counts.to_csv(path, index=False, date_format="%Y-%m-%d", lineterminator="\n")
    elif path.suffix == ".parquet":
        counts.to_parquet(path, index=False)  # the count report goes into its metadata
    else:
        raise ValueError(f"--output {path}: write a {' or '.join(OUTPUT_SUFFIXES)} file")


def cli(argv: list[str]) -> int:
    """Run ``python -m analysis count FILE [options]``.

    Parameters
    ----------
    argv : list of str
        The arguments after ``count`` (``--help`` lists them).

    Returns
    -------
    int
        0 on success; 1 when the file cannot be read or counted (the reason
        on stderr, naming file, row, column and rule where it can).

    Examples
    --------
    >>> import contextlib, io
    >>> from analysis.config import SEED_ARTICLE_RECORDS
    >>> report = io.StringIO()
    >>> argv = [str(SEED_ARTICLE_RECORDS), "--freq", "MS", "--event-types", "airstrike,sweep"]
    >>> with contextlib.redirect_stderr(report):
    ...     status = cli(argv)
    period,event_type,days,records,count,count_low,count_high,records_no_count
    2024-10-01,airstrike,8,1,31.0,31.0,inf,0
    2024-10-01,sweep,8,1,1.0,1.0,1.0,0
    >>> status, report.getvalue().splitlines()[:3]
    (0, ['records_in: 4', 'records_counted: 2', 'aggregates_excluded: 2'])
    """
    args = _parser().parse_args(argv)
    from analysis.counting.count import count_events, count_report

    try:
        options = _options(args)
        if args.output is not None and Path(args.output).suffix not in OUTPUT_SUFFIXES:
            raise ValueError(f"--output {args.output}: write a .csv or .parquet file")
        records = read_input(args.file, args.input_format)
        counts = count_events(records, **options)
        write_counts(counts, args.output)
    except (ValueError, OSError) as error:
        sys.stderr.write(f"error: {error}\n")
        return 1
    sys.stderr.write(count_report(counts).as_text() + "\n")
    return 0
